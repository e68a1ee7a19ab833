"""Command line: parse arguments, call the library, turn problems into messages and exit codes.

Exit codes: 0 success, 1 invalid data, 2 usage error (bad option, missing file).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from . import export, lint
from .atlas import DEFAULT_DATA, load_atlas
from .errors import BuildError, InputError, UsageError
from .model import LANGUAGES, Atlas


def write_output(text: str, target: str | None) -> None:
    """Write to stdout, or atomically to a file so no half-written file is left behind."""
    if target is None or target == "-":
        sys.stdout.write(text)
        return
    path = Path(target)
    if not path.parent.is_dir():
        raise UsageError(f"cannot write {target}: folder {path.parent} does not exist")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cmd_check(args: argparse.Namespace) -> int:
    atlas = load_atlas(Path(args.file))
    usages = sum(len(s.usage) for s in atlas.sources)
    print(
        f"{args.file}: ok: {len(atlas.codes)} codes, {len(atlas.sources)} sources, {usages} usages"
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    atlas: Atlas = load_atlas(Path(args.data))
    text = export.to_json(atlas) if args.format == "json" else export.to_csv(atlas, args.lang)
    write_output(text, args.output)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from .build import run_build  # imports mkdocs: only when building

    report = run_build(Path(args.data), Path(args.site_dir))
    print(
        f"built {report.pages} pages into {args.site_dir} in {report.total_seconds:.1f} s "
        f"(pt-BR at index.html, English at en/index.html)"
    )
    return 0


def cmd_lint_openapi(args: argparse.Namespace) -> int:
    try:
        atlas = load_atlas(Path(args.data))
    except InputError:
        raise UsageError(
            f"{args.data} is not valid atlas data; see: python -m generator check {args.data}"
        ) from None
    report = lint.lint_files(
        [Path(spec) for spec in args.specs],
        atlas,
        args.guideline,
        lang=args.lang,
        missing=args.missing,
    )
    write_output(lint.render(report, args.format), args.output)
    return 1 if report.failed(strict=args.strict) else 0


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message}\n{self.format_usage().rstrip()}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m generator", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = commands.add_parser("check", help="validate the data file")
    check.add_argument("file", nargs="?", default=str(DEFAULT_DATA))
    check.set_defaults(run=cmd_check)

    exp = commands.add_parser("export", help="write the atlas as JSON or CSV")
    exp.add_argument("--format", choices=("json", "csv"), default="json")
    exp.add_argument("--data", default=str(DEFAULT_DATA))
    exp.add_argument("--lang", choices=LANGUAGES, default="pt-BR", help="CSV text language")
    exp.add_argument("-o", "--output", help="file to write (default: standard output)")
    exp.set_defaults(run=cmd_export)

    bld = commands.add_parser("build", help="validate and build the bilingual site")
    bld.add_argument("--data", default=str(DEFAULT_DATA))
    bld.add_argument("--site-dir", default="site", help="output folder (default: site)")
    bld.set_defaults(run=cmd_build)

    lnt = commands.add_parser(
        "lint-openapi",
        help="check OpenAPI / Swagger specs against a guideline",
        description="Check the status codes each operation of OpenAPI 3.0/3.1 or Swagger 2.0 "
        "specs (YAML or JSON) declares against a guideline of the atlas. Exit codes: 0 no "
        "errors, 1 errors found (or warnings, with --strict), 2 usage error.",
    )
    lnt.add_argument("specs", nargs="+", metavar="SPEC", help="spec file, YAML or JSON")
    lnt.add_argument(
        "--guideline", required=True, metavar="ID", help="source id, e.g. open-finance-brasil"
    )
    lnt.add_argument("--format", choices=lint.FORMATS, default="text")
    lnt.add_argument("--lang", choices=LANGUAGES, default="pt-BR", help="language of messages")
    lnt.add_argument("--data", default=str(DEFAULT_DATA))
    lnt.add_argument(
        "--missing",
        action="store_true",
        help="also report codes the guideline uses that an operation does not declare",
    )
    lnt.add_argument("--strict", action="store_true", help="warnings fail too (exit 1)")
    lnt.add_argument("-o", "--output", help="file to write (default: standard output)")
    lnt.set_defaults(run=cmd_lint_openapi)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        run: Callable[[argparse.Namespace], int] = args.run
        return run(args)
    except InputError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        count = len(error.problems)
        print(f"{count} error{'s' if count != 1 else ''}", file=sys.stderr)
        return 1
    except BuildError as error:
        print(f"error: the site build failed: {error}", file=sys.stderr)
        return 1
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130

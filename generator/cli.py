"""Command line: parse arguments, call the library, turn problems into messages and exit codes.

Exit codes: 0 success, 1 invalid data, 2 usage error (bad option, missing file).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from . import lint
from .atlas import DEFAULT_DATA, data_path, load_atlas, read_guideline
from .atlas.messages import say
from .errors import BuildError, InputError, UsageError
from .files import write_atomically
from .labels import load_strings
from .model import LANGUAGES, Atlas, Lang
from .urls import ENV as SITE_URL_ENV
from .urls import SiteUrl, public_url
from .views import export


def writable(path: Path) -> Path:
    """An output path whose folder exists; UsageError otherwise."""
    if not path.parent.is_dir():
        raise UsageError(f"cannot write {path}: folder {path.parent} does not exist")
    return path


def write_output(text: str, target: str | None) -> None:
    """Write to stdout, or atomically to a file so no half-written file is left behind."""
    if target is None or target == "-":
        sys.stdout.write(text)
        return
    write_atomically(writable(Path(target)), text.encode("utf-8"))


def cmd_check(args: argparse.Namespace) -> int:
    if args.guideline:
        return check_guidelines(args)
    data = data_path(Path(args.file))
    if not data.is_file():
        raise UsageError(say("no_data_file", args.lang, file=data))
    atlas = load_atlas(data)
    usages = sum(len(s.usage) for s in atlas.sources)
    codes, sources = len(atlas.codes), len(atlas.sources)
    print(say("ok", args.lang, file=data, codes=codes, sources=sources, usages=usages))
    return 0


def check_guidelines(args: argparse.Namespace) -> int:
    """Check team guideline files alone against the atlas's codes (FILE is then the atlas)."""
    for name in args.guideline:
        if not Path(name).is_file():
            raise UsageError(say("no_guideline_file", args.lang, file=name))
    guidelines = [read_guideline(Path(name)) for name in args.guideline]
    data = data_path(Path(args.file))
    atlas = load_atlas(data, guidelines)
    for guideline, source in zip(guidelines, atlas.sources[-len(guidelines) :], strict=True):
        print(
            say(
                "ok_guideline",
                args.lang,
                file=guideline.display,
                id=source.id,
                n=len(source.usage),
                codes=len(atlas.codes),
                data=data,
            )
        )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    atlas: Atlas = load_atlas(Path(args.data))
    text = export.to_json(atlas) if args.format == "json" else export.to_csv(atlas, args.lang)
    write_output(text, args.output)
    return 0


def site_url(args: argparse.Namespace) -> SiteUrl:
    """--site-url, else ATLAS_SITE_URL, else site_url in mkdocs.yml."""
    return public_url(args.site_url)


def cmd_build(args: argparse.Namespace) -> int:
    from .edition import read_edition
    from .site.build import run_build  # imports mkdocs: only when building

    site = site_url(args)
    read_edition(Path(args.data), site=site)  # invalid data stops here: nothing is touched
    data = data_path(Path(args.data))
    report = run_build(Path(args.site_dir), data=data, site_url=site.base)
    print(
        f"built {report.pages} pages into {args.site_dir} in {report.total_seconds:.1f} s "
        f"(pt-BR at index.html, English at en/index.html)"
    )
    return 0


def site_names() -> dict[Lang, str]:
    strings = load_strings()
    return {lang: strings.get("site_name", lang) for lang in LANGUAGES}


def cmd_docs(args: argparse.Namespace) -> int:
    from .site.techdocs import write_project

    out = Path(args.out)
    config = write_project(site_url(args), args.lang, site_names()[args.lang], out)
    print(f"wrote {config} and {config.parent / 'docs'}/ ({args.lang})")
    return 0


def cmd_techdocs(args: argparse.Namespace) -> int:
    from .site.techdocs import build

    names = site_names()
    for site in build(site_url(args), names, Path(args.mkdocs), Path(args.out), Path(args.work)):
        print(f"built {site} (TechDocs)")
    return 0


def cmd_catalog_info(args: argparse.Namespace) -> int:
    from .site.techdocs import catalog_info

    write_output(catalog_info(site_url(args), load_strings()), args.output)
    return 0


def cmd_pdf(args: argparse.Namespace) -> int:
    from .edition import read_edition
    from .views import book as pdf

    # invalid data stops here: nothing is written
    inputs = read_edition(Path(args.data), site=site_url(args))
    output = writable(Path(args.output)) if args.output else Path("build") / pdf.pdf_name(args.lang)
    try:
        pages = pdf.write_pdf(inputs, args.lang, output)
    except BuildError as error:
        print(f"error: the PDF build failed: {error}", file=sys.stderr)
        return 1
    print(f"wrote {output}: {pages} pages, {output.stat().st_size:,} bytes")
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
        site=site_url(args),
    )
    for unreadable in report.unreadable:
        print(unreadable.report(), file=sys.stderr)
    if report.files:
        # JSON and SARIF are UTF-8 whatever the terminal; text follows the terminal's encoding.
        encoding = "utf-8" if args.format != "text" else None
        write_chunks(lint.chunks(report, args.format), args.output, encoding)
    if report.unreadable:
        return 2
    return 1 if report.failed(strict=args.strict) else 0


def write_chunks(chunks: Iterable[str], target: str | None, encoding: str | None) -> None:
    """Write text as it is made: to stdout in `encoding` (None: stdout's own), what it cannot
    encode escaped rather than failing; or atomically to a file, in UTF-8."""
    if target is not None and target != "-":
        data = (chunk.encode("utf-8", "backslashreplace") for chunk in chunks)
        write_atomically(writable(Path(target)), data)
        return
    out = sys.stdout
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        for chunk in chunks:
            out.write(chunk)
        return
    encoding = encoding or getattr(out, "encoding", None) or "utf-8"
    out.flush()
    for chunk in chunks:
        buffer.write(chunk.encode(encoding, "backslashreplace"))
    buffer.flush()


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message}\n{self.format_usage().rstrip()}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m generator", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = commands.add_parser(
        "check",
        help="validate the data file, or a team's guideline files against it",
        description="Validate the atlas's data file; with --guideline, check a team's own "
        "guideline file (one source, as one entry of sources: in data/atlas.yaml) against the "
        "atlas's codes instead. Every problem is printed as file:line:column with how to fix "
        "it. Exit codes: 0 valid, 1 invalid, 2 usage error.",
    )
    check.add_argument("file", nargs="?", default=str(DEFAULT_DATA), help="the atlas's data")
    check.add_argument(
        "--guideline",
        action="append",
        metavar="FILE",
        help="a team guideline file (repeat for more)",
    )
    check.add_argument("--lang", choices=LANGUAGES, default="en", help="language of messages")
    check.set_defaults(run=cmd_check, speaks=True)

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

    docs = commands.add_parser(
        "docs",
        help="write one language's TechDocs project: mkdocs.yml with the http-status-atlas "
        "plugin, and docs/",
    )
    docs.add_argument("--lang", choices=LANGUAGES, required=True)
    docs.add_argument("--out", required=True, help="folder for mkdocs.yml and docs/")
    docs.set_defaults(run=cmd_docs)

    tdc = commands.add_parser(
        "techdocs", help="build both languages with techdocs-core (make techdocs)"
    )
    tdc.add_argument("--mkdocs", required=True, help="the mkdocs of the TechDocs virtualenv")
    tdc.add_argument("--out", default="build/techdocs", help="one folder per language in it")
    tdc.add_argument("--work", default="build/techdocs-src", help="the generated projects")
    tdc.set_defaults(run=cmd_techdocs)

    cat = commands.add_parser(
        "catalog-info",
        help="write catalog-info.yaml: the Backstage entries, one per language",
    )
    cat.add_argument("-o", "--output", help="file to write (default: standard output)")
    cat.set_defaults(run=cmd_catalog_info)

    prt = commands.add_parser(
        "pdf",
        help="write the printed reference (A4 PDF) in one language",
        description="Write the whole atlas as a book: cover, contents, the comparison and "
        "method tables, every code and every source. Exit codes: 0 written, 1 invalid data, "
        "2 usage error.",
    )
    prt.add_argument("--lang", choices=LANGUAGES, required=True, help="language of the book")
    prt.add_argument("--data", default=str(DEFAULT_DATA))
    prt.add_argument("-o", "--output", help="file to write (default: build/atlas-LANG.pdf)")
    prt.set_defaults(run=cmd_pdf)

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
    lnt.set_defaults(run=cmd_lint_openapi, speaks=True)
    for command in (bld, docs, tdc, cat, prt, lnt):
        command.add_argument(
            "--site-url",
            metavar="URL",
            help=f"the atlas's public address (default: ${SITE_URL_ENV}, else site_url "
            "in mkdocs.yml)",
        )
    return parser


def main(argv: list[str] | None = None) -> int:
    args: argparse.Namespace | None = None
    try:
        args = build_parser().parse_args(argv)
        run: Callable[[argparse.Namespace], int] = args.run
        return run(args)
    except InputError as error:
        # Commands whose --lang is the language of their messages report problems in it.
        lang: Lang = args.lang if args is not None and getattr(args, "speaks", False) else "en"
        for problem in error.problems:
            print(problem.line_in(lang, say("error", lang)), file=sys.stderr)
        print(say("count.errors", lang, n=len(error.problems)), file=sys.stderr)
        return 1
    except BuildError as error:
        print(f"error: the site build failed: {error}", file=sys.stderr)
        return 1
    except UsageError as error:
        print(error.report(), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`... | head`): stop quietly, as other command-line tools do.
        # Python's own flush at exit would fail again on the closed pipe, so point it elsewhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141

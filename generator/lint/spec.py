"""Reading a spec file: bytes, UTF-8, YAML or JSON, into located nodes; usage errors in the
report's language for whatever cannot be read."""

from __future__ import annotations

import re
from pathlib import Path

from .. import model as m
from ..atlas import yaml as load
from ..errors import InputError, Problem, UsageError
from .messages import say

#: Larger specs are refused: the whole file is held in memory as located nodes.
MAX_SPEC_BYTES = 50 * 1024 * 1024

#: load.parse's problems (English, worded for the atlas file) and the message each one becomes.
_PARSE_PROBLEMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"the file is empty"), "parse.empty"),
    (re.compile(r"more than one YAML document"), "parse.documents"),
    (
        re.compile(r"duplicate key '(?P<key>.*)' \(first at line (?P<first>\d+)\)"),
        "parse.duplicate",
    ),
    (re.compile(r"tag '(?P<tag>.*)' is not allowed"), "parse.tag"),
    (re.compile(r"alias '\*(?P<name>.*)' refers to a node that contains it"), "parse.recursive"),
    (re.compile(r"unknown alias '\*(?P<name>.*)'"), "parse.unknown_alias"),
    (re.compile(r"a key must be plain text"), "parse.key"),
    (re.compile(r"YAML syntax: (?P<what>.*)", re.DOTALL), "parse.syntax"),
)


def read_spec(path: Path, display: str, lang: m.Lang = "pt-BR") -> load.Mapping:
    """The located tree of a YAML or JSON file; UsageError with one line if it cannot be read
    or is no mapping (a list, a single value: no OpenAPI document, nor a piece of one)."""
    if not path.exists():
        raise UsageError(say("no_such_spec", lang, file=display))
    if path.is_dir():
        raise UsageError(say("spec_is_folder", lang, file=display))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(say("cannot_open", lang, file=display, reason=exc.strerror)) from None
    if len(data) > MAX_SPEC_BYTES:
        raise UsageError(say("too_big", lang, file=display, size=len(data), limit=MAX_SPEC_BYTES))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        raise UsageError(
            say(
                "not_utf8",
                lang,
                file=display,
                line=before.count(b"\n") + 1,
                column=len(before) - (before.rfind(b"\n") + 1) + 1,
                byte=data[exc.start],
            )
        ) from None
    root = parse_spec(text, display, lang)
    if not isinstance(root, load.Mapping):
        if isinstance(root, load.Sequence):
            kind = "kind.list"
        else:
            kind = "kind.null" if root.value is None else "kind.value"
        raise UsageError(
            say(
                "not_a_mapping",
                lang,
                file=display,
                line=root.line,
                column=root.column,
                kind=say(kind, lang),
            )
        )
    return root


def _parse_problem(problem: Problem, lang: m.Lang) -> str:
    """One of load.parse's problems, in `lang` and worded for a spec."""
    for pattern, message_id in _PARSE_PROBLEMS:
        match = pattern.fullmatch(problem.message)
        if match:
            return say(message_id, lang, **match.groupdict())
    return problem.message + (f" ({problem.hint})" if problem.hint else "")


def parse_spec(text: str, display: str, lang: m.Lang = "pt-BR") -> load.Node:
    """The located tree of YAML or JSON text; UsageError naming the first problem."""
    try:
        return load.parse(text, display, allow_aliases=True)
    except InputError as error:
        first = error.problems[0]
        more = len(error.problems) - 1
        problem = _parse_problem(first, lang)
        raise UsageError(
            say(
                "cannot_parse",
                lang,
                file=display,
                line=first.line,
                column=first.column,
                problem=problem,
                more=say("more_problems", lang, n=more) if more else "",
            )
        ) from None


def version(root: load.Mapping, display: str, lang: m.Lang) -> bool:
    """True for a supported OpenAPI or Swagger document, False for any other document."""
    for key, supported in (("openapi", ("3.0", "3.1")), ("swagger", ("2.0",))):
        pair = root.items.get(key)
        if pair is None:
            continue
        value = pair[1]
        version = str(value.value) if isinstance(value, load.Scalar) else ""
        if not any(version == v or version.startswith(v + ".") for v in supported):
            raise UsageError(
                say(
                    "bad_version",
                    lang,
                    file=display,
                    line=value.line,
                    column=value.column,
                    key=key,
                    version=version,
                )
            )
        return True
    return False

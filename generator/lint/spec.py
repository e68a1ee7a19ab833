"""Reading one spec file: at most MAX_SPEC_BYTES, UTF-8, then JSON or YAML into located nodes.

A file that cannot be read gives an Unreadable with its one line in the report's language;
the run goes on with the other files.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .. import model as m
from .findings import Unreadable
from .json_reader import read_json
from .messages import say
from .nodes import Mapping, Node, ReadError, Scalar, Sequence
from .yaml_reader import read_yaml

#: Larger files are refused, and reading stops there: the whole file is held in memory.
MAX_SPEC_BYTES = 50 * 1024 * 1024


@dataclass(eq=False)
class Document:
    """One file read: where it is, the name findings show for it, and its located tree."""

    path: Path
    display: str
    root: Mapping


class CannotRead(Exception):
    def __init__(self, unreadable: Unreadable) -> None:
        super().__init__(unreadable.message)
        self.unreadable = unreadable


def refuse(
    display: str, lang: m.Lang, message_id: str, line: int = 0, column: int = 0, **values: object
) -> CannotRead:
    """A CannotRead for `display`: the message in `lang`, with its place when it has one."""
    text = say(message_id, lang, file=display, line=line, column=column, **values)
    return CannotRead(Unreadable(display, line, column, text))


def read_bytes(path: Path, display: str, lang: m.Lang) -> bytes:
    """The file's bytes, never more than MAX_SPEC_BYTES of them read (a device or a pipe
    that does not end is read up to the limit, and refused there)."""
    if not path.exists():
        raise refuse(display, lang, "no_such_spec")
    if path.is_dir():
        raise refuse(display, lang, "spec_is_folder")
    try:
        with path.open("rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > MAX_SPEC_BYTES:
                raise refuse(display, lang, "too_big", size=info.st_size, limit=MAX_SPEC_BYTES)
            data = handle.read(MAX_SPEC_BYTES + 1)
    except OSError as exc:
        raise refuse(display, lang, "cannot_open", reason=exc.strerror or str(exc)) from None
    if len(data) > MAX_SPEC_BYTES:
        raise refuse(display, lang, "too_big_stream", limit=MAX_SPEC_BYTES)
    return data


def decode(data: bytes, display: str, lang: m.Lang) -> str:
    """UTF-8 text (a byte order mark at the start is dropped)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise refuse(display, lang, "not_utf8", line, column, byte=data[exc.start]) from None
    return text[1:] if text.startswith("\ufeff") else text


def parse(text: str, display: str, lang: m.Lang) -> Node:
    """The located tree: JSON for a `.json` file, and for text that starts with `{` when it is
    JSON; YAML otherwise."""
    try:
        if display.lower().endswith(".json"):
            return read_json(text)
        if text.lstrip().startswith("{"):
            try:
                return read_json(text)
            except ReadError as error:
                if error.message_id == "parse.deep":
                    raise
        return read_yaml(text)
    except ReadError as error:
        problem = say(error.message_id, lang, **error.values)
        more = say("more_problems", lang, n=error.more) if error.more else ""
        raise refuse(
            display, lang, "cannot_parse", error.line, error.column, problem=problem, more=more
        ) from None


def read_spec(path: Path, display: str, lang: m.Lang = "pt-BR") -> Document:
    """A spec file read into a Document; CannotRead when it cannot be read or its top level is
    no mapping (a list, a single value: no OpenAPI document, nor a piece of one)."""
    root = parse(decode(read_bytes(path, display, lang), display, lang), display, lang)
    if not isinstance(root, Mapping):
        if isinstance(root, Sequence):
            kind = "kind.list"
        else:
            assert isinstance(root, Scalar)
            kind = "kind.null" if root.value is None else "kind.value"
        raise refuse(display, lang, "not_a_mapping", root.line, root.column, kind=say(kind, lang))
    return Document(path, display, root)

"""Read a YAML file safely into a tree of located nodes.

Only plain data is accepted: no tags, anchors, aliases or duplicate keys, UTF-8 only,
one document, at most MAX_BYTES. Every node remembers its 1-based line and column so
that later checks can point at the exact place a user has to fix.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias

from ruamel.yaml import YAML
from ruamel.yaml import events as ev
from ruamel.yaml.error import MarkedYAMLError

from ..errors import InputError, Problem
from .messages import grouped
from .messages import problem as say

MAX_BYTES = 5 * 1024 * 1024


@dataclass
class Scalar:
    value: Any
    line: int
    column: int


@dataclass
class Mapping:
    line: int
    column: int
    items: dict[str, tuple[Scalar, Node]] = field(default_factory=dict)

    def get(self, key: str) -> Node | None:
        pair = self.items.get(key)
        return pair[1] if pair else None


@dataclass
class Sequence:
    line: int
    column: int
    items: list[Node] = field(default_factory=list)


Node: TypeAlias = Scalar | Mapping | Sequence

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")


def _plain_value(text: str) -> Any:
    """Resolve a plain (unquoted) scalar the YAML 1.2 core-schema way; dates stay text."""
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text) and any(ch.isdigit() for ch in text):
        return float(text)
    return text


def to_plain(node: Node) -> Any:
    """The node's value as plain Python data (dicts, lists, scalars)."""
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Mapping):
        return {key: to_plain(value) for key, (_, value) in node.items.items()}
    return [to_plain(item) for item in node.items]


def read_text(path: Path, display: str) -> str:
    """The file's text, refusing oversized files and bytes that are not UTF-8."""
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise InputError(
            [say(display, 1, 1, "file_too_big", size=grouped(len(data)), limit=grouped(MAX_BYTES))]
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise InputError(
            [say(display, line, column, "not_utf8", byte=f"{data[exc.start]:02x}")]
        ) from None


def parse(text: str, display: str, *, allow_aliases: bool = False) -> Node:
    """Build the located tree from YAML text; raise InputError listing every refusal.

    The atlas refuses anchors and aliases; other documents (OpenAPI specs, which often use
    them) may allow them: an alias then stands for the node its anchor marked.
    """
    problems: list[Problem] = []
    anchored: dict[str, Node] = {}
    stack: list[Node] = []
    pending_key: list[Scalar | None] = []
    root: Node | None = None
    documents = 0

    def attach(node: Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent = stack[-1]
        if isinstance(parent, Sequence):
            parent.items.append(node)
            return
        assert isinstance(parent, Mapping)
        key = pending_key[-1]
        if key is None:
            if not isinstance(node, Scalar) or not isinstance(node.value, (str, int)):
                problems.append(say(display, node.line, node.column, "key_not_text"))
                node = Scalar(f"<{node.line}:{node.column}>", node.line, node.column)
            assert isinstance(node, Scalar)
            name = str(node.value)
            if name in parent.items:
                first = parent.items[name][0]
                problems.append(
                    say(
                        display,
                        node.line,
                        node.column,
                        "duplicate_key",
                        name=name,
                        first=first.line,
                    )
                )
            pending_key[-1] = Scalar(name, node.line, node.column)
        else:
            if key.value not in parent.items:
                parent.items[key.value] = (key, node)
            pending_key[-1] = None

    yaml = YAML(typ="safe", pure=False)
    try:
        for event in yaml.parse(io.StringIO(text)):
            mark = event.start_mark
            line, column = mark.line + 1, mark.column + 1
            if isinstance(event, ev.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    problems.append(say(display, line, column, "two_documents"))
                continue
            if isinstance(event, ev.AliasEvent) and allow_aliases:
                target = anchored.get(event.anchor)
                if target is not None and any(target is open_ for open_ in stack):
                    problems.append(
                        say(display, line, column, "recursive_alias", anchor=event.anchor)
                    )
                    attach(Scalar(None, line, column))
                elif target is not None:
                    attach(target)
                else:
                    problems.append(
                        say(display, line, column, "unknown_alias", anchor=event.anchor)
                    )
                    attach(Scalar(None, line, column))
                continue
            if isinstance(event, ev.AliasEvent):
                problems.append(say(display, line, column, "alias_refused", anchor=event.anchor))
                attach(Scalar(None, line, column))
                continue
            if isinstance(event, (ev.ScalarEvent, ev.MappingStartEvent, ev.SequenceStartEvent)):
                if event.anchor and not allow_aliases:
                    problems.append(
                        say(display, line, column, "anchor_refused", anchor=event.anchor)
                    )
                explicit_tag = event.tag is not None and (
                    not isinstance(event, ev.ScalarEvent) or not any(event.implicit)
                )
                if isinstance(event, ev.ScalarEvent) and event.tag not in (None, "!"):
                    explicit_tag = True
                if explicit_tag:
                    problems.append(say(display, line, column, "tag_refused", tag=event.tag))
            node: Node | None = None
            if isinstance(event, ev.ScalarEvent):
                value = _plain_value(event.value) if not event.style else event.value
                node = Scalar(value, line, column)
                attach(node)
            elif isinstance(event, ev.MappingStartEvent):
                node = Mapping(line, column)
                attach(node)
                stack.append(node)
                pending_key.append(None)
            elif isinstance(event, ev.SequenceStartEvent):
                node = Sequence(line, column)
                attach(node)
                stack.append(node)
                pending_key.append(None)
            if node is not None and allow_aliases and getattr(event, "anchor", None):
                anchored[event.anchor] = node
            elif isinstance(event, (ev.MappingEndEvent, ev.SequenceEndEvent)):
                stack.pop()
                pending_key.pop()
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        problems.append(say(display, line, column, "yaml_syntax", what=what))
    if problems:
        raise InputError(problems)
    if root is None:
        raise InputError([say(display, 1, 1, "empty_file")])
    return root


def load(path: Path, display: str | None = None, *, allow_aliases: bool = False) -> Node:
    """Read and parse a YAML file into located nodes."""
    shown = display or str(path)
    return parse(read_text(path, shown), shown, allow_aliases=allow_aliases)

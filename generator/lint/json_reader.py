"""JSON text into located nodes, read as JSON (RFC 8259), not as YAML.

Strings are decoded by the standard library's own scanner, so every escape JSON allows is read
as `json.loads` reads it, surrogate pairs (`"\\ud83d\\udc4d"`, what `json.dumps` writes) included.
Duplicate keys are refused as in YAML, and nesting deeper than MAX_DEPTH too.
"""

from __future__ import annotations

import json.decoder
import re
from collections.abc import Callable
from typing import Any

from .nodes import LOCATED_VALUES, Mapping, Node, ReadError, Scalar, Sequence, Value
from .yaml_reader import MAX_DEPTH

_BLANKS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
#: The standard library's string scanner (C, where it is built): every escape JSON has.
_scanstring: Callable[[str, int, bool], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
_LITERALS: tuple[tuple[str, str | None], ...] = (
    ("true", "true"),
    ("false", "false"),
    ("null", None),
)
#: Frame slots of an open mapping (as in yaml_reader): kind, node, keys, values, key places,
#: the key whose value comes next and where it is, the keys seen.
_KIND, _NODE, _KEYS, _VALUES, _AT, _PENDING, _PENDING_AT, _SEEN = range(8)
_MAP, _SEQ = "map", "seq"


def read_json(text: str) -> Node:
    """The located tree of JSON text; ReadError where it stops being JSON."""
    return _Reader(text).read()


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        # Lines are counted as the reader moves forward: `last` is the index counted up to.
        self.last = 0
        self.line = 1
        self.line_start = 0
        self.words: dict[str, str] = {}
        self.shapes: dict[tuple[str, ...], tuple[str, ...]] = {}

    def pos(self, index: int) -> int:
        """The packed line and column of a 0-based index at or after the last one asked."""
        text = self.text
        newlines = text.count("\n", self.last, index)
        if newlines:
            self.line += newlines
            self.line_start = text.rfind("\n", self.last, index) + 1
        self.last = index
        return self.line << 32 | (index - self.line_start + 1)

    def fail(self, message_id: str, index: int) -> ReadError:
        index = min(index, len(self.text))
        pos = self.pos(max(index, self.last))
        return ReadError(message_id, pos >> 32, pos & 0xFFFFFFFF)

    def string(self, index: int) -> tuple[str, int]:
        """The string whose opening quote is at `index`, and the index after it."""
        try:
            return _scanstring(self.text, index + 1, True)
        except ValueError as exc:
            message = str(exc)
            if message.startswith("Unterminated"):
                message_id = "json.unterminated"
            elif message.startswith("Invalid control"):
                message_id = "json.control"
            else:
                message_id = "json.escape"
            raise self.fail(message_id, getattr(exc, "pos", index)) from None

    def key(self, index: int, frame: list[Any]) -> int:
        """Read `"key" :` at index into the open mapping's frame; return the index after the
        colon."""
        text = self.text
        if index >= len(text) or text[index] != '"':
            raise self.fail("json.key", index)
        where = self.pos(index)
        key, index = self.string(index)
        key = self.words.setdefault(key, key)
        seen = frame[_SEEN]
        first = seen.get(key)
        if first is not None:
            raise ReadError(
                "parse.duplicate", where >> 32, where & 0xFFFFFFFF, key=key, first=first >> 32
            )
        seen[key] = where
        frame[_PENDING] = key
        frame[_PENDING_AT] = where
        index = _BLANKS.match(text, index).end()  # type: ignore[union-attr]
        if index >= len(text) or text[index] != ":":
            raise self.fail("json.colon", index)
        return index + 1

    def close(self, frame: list[Any]) -> None:
        if frame[_KIND] is not _MAP:
            return
        shape = tuple(frame[_KEYS])
        node: Mapping = frame[_NODE]
        node.set(self.shapes.setdefault(shape, shape), tuple(frame[_VALUES]), tuple(frame[_AT]))

    def read(self) -> Node:
        text = self.text
        end = len(text)
        blanks = _BLANKS.match
        words = self.words
        index = blanks(text, 0).end()  # type: ignore[union-attr]
        if index == end:
            raise ReadError("parse.empty", 1, 1)
        root: Node | None = None
        stack: list[list[Any]] = []
        while True:
            # A value starts here.
            index = blanks(text, index).end()  # type: ignore[union-attr]
            if index >= end:
                raise self.fail("json.value", index)
            char = text[index]
            pos = self.pos(index)
            value: Value
            frame = stack[-1] if stack else None
            opened: list[Any] | None = None
            if char == '"':
                string, index = self.string(index)
                if len(string) < 200:
                    cached = words.get(string)
                    if cached is None:
                        cached = words[string] = string
                    string = cached
                value = string
            elif char == "{" or char == "[":
                if len(stack) >= MAX_DEPTH:
                    raise ReadError("parse.deep", pos >> 32, pos & 0xFFFFFFFF, limit=MAX_DEPTH)
                if char == "{":
                    home = frame[_PENDING_AT] if frame is not None and frame[_KIND] is _MAP else 0
                    mapping = Mapping(pos, home)
                    value = mapping
                    opened = [_MAP, mapping, [], [], [], None, 0, {}]
                else:
                    sequence = Sequence(pos)
                    value = sequence
                    opened = [_SEQ, sequence]
                index += 1
            else:
                number = _NUMBER.match(text, index)
                if number:
                    value = number.group()
                    index = number.end()
                else:
                    for word, literal in _LITERALS:
                        if text.startswith(word, index):
                            value = literal
                            index += len(word)
                            break
                    else:
                        raise self.fail("json.value", index)
            # Attach it.
            if frame is None:
                root = value if isinstance(value, (Mapping, Sequence)) else Scalar(value, pos)
            elif frame[_KIND] is _MAP:
                key = frame[_PENDING]
                if key in LOCATED_VALUES and not isinstance(value, (Mapping, Sequence)):
                    value = Scalar(value, pos)
                frame[_KEYS].append(key)
                frame[_VALUES].append(value)
                frame[_AT].append(frame[_PENDING_AT])
            else:
                frame[_NODE].items.append(value)
            if opened is not None:
                stack.append(opened)
                index = blanks(text, index).end()  # type: ignore[union-attr]
                closing = "}" if opened[_KIND] is _MAP else "]"
                if index < end and text[index] == closing:
                    self.close(stack.pop())
                    index += 1
                elif opened[_KIND] is _MAP:
                    index = self.key(index, opened)
                    continue
                else:
                    continue
            # After a value: commas and closing brackets, until the next value starts.
            while stack:
                index = blanks(text, index).end()  # type: ignore[union-attr]
                char = text[index] if index < end else ""
                top = stack[-1]
                is_mapping = top[_KIND] is _MAP
                if char == ",":
                    index = blanks(text, index + 1).end()  # type: ignore[union-attr]
                    if is_mapping:
                        index = self.key(index, top)
                    break
                if char == ("}" if is_mapping else "]"):
                    self.close(stack.pop())
                    index += 1
                    continue
                raise self.fail("json.after_member" if is_mapping else "json.after_item", index)
            if not stack:
                break
        index = blanks(text, index).end()  # type: ignore[union-attr]
        if index < end:
            raise self.fail("json.extra", index)
        assert root is not None
        return root

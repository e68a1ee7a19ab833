"""JSON text into located nodes, read as JSON (RFC 8259), not as YAML.

Strings are decoded by the standard library's own scanner, so every escape JSON allows is read
as `json.loads` reads it, surrogate pairs (`"\\ud83d\\udc4d"`, what `json.dumps` writes) included.
Duplicate keys are refused as in YAML, and nesting deeper than MAX_DEPTH too.
"""

from __future__ import annotations

import json.decoder
import re
from collections.abc import Callable

from .nodes import Mapping, Node, ReadError, Scalar, Sequence
from .yaml_reader import MAX_DEPTH

_BLANKS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
#: The standard library's string scanner (C, where it is built): every escape JSON has.
_scanstring: Callable[[str, int, bool], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
_LITERALS = (("true", "true"), ("false", "false"), ("null", None))


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

    def key(self, index: int, mapping: Mapping) -> tuple[str, int, int]:
        """Read `"key" :` at index; return the key, where it is, and the index after the colon."""
        text = self.text
        if index >= len(text) or text[index] != '"':
            raise self.fail("json.key", index)
        where = self.pos(index)
        key, index = self.string(index)
        key = self.words.setdefault(key, key)
        if key in mapping.items:
            first = mapping.items[key][0] >> 32
            raise ReadError(
                "parse.duplicate", where >> 32, where & 0xFFFFFFFF, key=key, first=first
            )
        index = _BLANKS.match(text, index).end()  # type: ignore[union-attr]
        if index >= len(text) or text[index] != ":":
            raise self.fail("json.colon", index)
        return key, where, index + 1

    def read(self) -> Node:
        text = self.text
        end = len(text)
        blanks = _BLANKS.match
        index = blanks(text, 0).end()  # type: ignore[union-attr]
        if index == end:
            raise ReadError("parse.empty", 1, 1)
        root: Node | None = None
        #: Open containers, and for mappings the key (text, where) whose value comes next.
        stack: list[Mapping | Sequence] = []
        keys: list[tuple[str, int] | None] = []
        while True:
            # A value starts here.
            index = blanks(text, index).end()  # type: ignore[union-attr]
            if index >= end:
                raise self.fail("json.value", index)
            char = text[index]
            pos = self.pos(index)
            node: Node
            opened = False
            if char == '"':
                value, index = self.string(index)
                if len(value) < 200:
                    value = self.words.setdefault(value, value)
                node = Scalar(value, pos)
            elif char == "{" or char == "[":
                if len(stack) >= MAX_DEPTH:
                    raise ReadError("parse.deep", pos >> 32, pos & 0xFFFFFFFF, limit=MAX_DEPTH)
                home = keys[-1] if keys else None
                node = Mapping(pos, home[1] if home else 0) if char == "{" else Sequence(pos)
                index += 1
                opened = True
            else:
                number = _NUMBER.match(text, index)
                if number:
                    node = Scalar(number.group(), pos)
                    index = number.end()
                else:
                    for word, literal in _LITERALS:
                        if text.startswith(word, index):
                            node = Scalar(literal, pos)
                            index += len(word)
                            break
                    else:
                        raise self.fail("json.value", index)
            # Attach it.
            if not stack:
                root = node
            else:
                parent = stack[-1]
                if isinstance(parent, Mapping):
                    pending = keys[-1]
                    assert pending is not None
                    parent.items[pending[0]] = (pending[1], node)
                    keys[-1] = None
                else:
                    parent.items.append(node)
            if opened:
                assert isinstance(node, (Mapping, Sequence))
                stack.append(node)
                index = blanks(text, index).end()  # type: ignore[union-attr]
                closing = "}" if isinstance(node, Mapping) else "]"
                if index < end and text[index] == closing:
                    stack.pop()
                    index += 1
                elif isinstance(node, Mapping):
                    key, where, index = self.key(index, node)
                    keys.append((key, where))
                    continue
                else:
                    keys.append(None)
                    continue
            # After a value: commas and closing brackets, until the next value starts.
            while stack:
                index = blanks(text, index).end()  # type: ignore[union-attr]
                char = text[index] if index < end else ""
                top = stack[-1]
                is_mapping = isinstance(top, Mapping)
                if char == ",":
                    index = blanks(text, index + 1).end()  # type: ignore[union-attr]
                    if is_mapping:
                        assert isinstance(top, Mapping)
                        key, where, index = self.key(index, top)
                        keys[-1] = (key, where)
                    break
                if char == ("}" if is_mapping else "]"):
                    stack.pop()
                    keys.pop()
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

"""A spec as a tree of located nodes, and the places findings point at.

Every node keeps where it starts as one packed int (`line << 32 | column`, both 1-based): a
50 MB spec has millions of nodes, and two ints each would cost a third more memory. Mapping
keys are kept as written (`0404`, `true`, `2xx`), never as the value a YAML reader would make of
them, since a status code is a key and the user has to recognise it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeAlias

_SHIFT = 32
_MASK = (1 << _SHIFT) - 1


def pack(line: int, column: int) -> int:
    """One int for a 1-based line and column."""
    return line << _SHIFT | column


def unpack(pos: int) -> tuple[int, int]:
    return pos >> _SHIFT, pos & _MASK


class Scalar:
    __slots__ = ("pos", "value")

    def __init__(self, value: Any, pos: int) -> None:
        self.value = value
        self.pos = pos

    @property
    def line(self) -> int:
        return self.pos >> _SHIFT

    @property
    def column(self) -> int:
        return self.pos & _MASK


class Mapping:
    """A mapping: each key as written, with where the key is and the value under it.

    `key` is where the key this mapping is written under is (0 for the top level or an item
    of a list): a mapping reached through an alias or a `$ref` is shared, and this is its home.
    `via` holds, for values that are aliases (`key: *anchor`), where the alias is written;
    `merged`, for entries a merge brought in (`<<: *anchor`), where the merge is written (the
    entry's key is written at the anchor). Both are None when there are none.
    """

    __slots__ = ("items", "key", "merged", "pos", "via")

    def __init__(self, pos: int, key: int = 0) -> None:
        self.pos = pos
        self.key = key
        self.items: dict[str, tuple[int, Node]] = {}
        self.via: dict[str, int] | None = None
        self.merged: dict[str, int] | None = None

    @property
    def line(self) -> int:
        return self.pos >> _SHIFT

    @property
    def column(self) -> int:
        return self.pos & _MASK

    def get(self, key: str) -> Node | None:
        entry = self.items.get(key)
        return entry[1] if entry else None


class Sequence:
    __slots__ = ("items", "pos")

    def __init__(self, pos: int) -> None:
        self.pos = pos
        self.items: list[Node] = []

    @property
    def line(self) -> int:
        return self.pos >> _SHIFT

    @property
    def column(self) -> int:
        return self.pos & _MASK


Node: TypeAlias = Scalar | Mapping | Sequence


@dataclass(frozen=True, order=True)
class Place:
    """A 1-based line and column in a file, as shown to the user."""

    file: str
    line: int
    column: int

    @classmethod
    def of(cls, file: str, pos: int) -> Place:
        return cls(file, pos >> _SHIFT, pos & _MASK)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class ReadError(Exception):
    """What stops a file from being read: the message id of messages.MESSAGES, its values, and
    where (1-based; 0 when the problem has no line)."""

    def __init__(self, message_id: str, line: int = 0, column: int = 0, **values: Any) -> None:
        super().__init__(message_id)
        self.message_id = message_id
        self.line = line
        self.column = column
        self.values = values
        #: How many other problems the same file has.
        self.more = 0

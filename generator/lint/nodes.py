"""A spec as a tree of located nodes, and the places findings point at.

Built to stay small, since a 50 MB spec has millions of nodes:
- a place is one packed int (`line << 32 | column`, both 1-based), not two;
- a mapping keeps its keys as one tuple shared by every mapping with the same keys (most of
  a spec is `{description: ...}`, `{$ref: ...}`, `{type: string}`), its values as a tuple and
  where each key is written as another;
- a scalar value is kept as plain text (or None), without its place, except where a check
  points at it: the values of `$ref`, `openapi`, `swagger` and `paths` (and a scalar at the
  top level) are Scalar nodes.
Keys are kept as written (`0404`, `true`, `2xx`), never as the value a YAML reader would make
of them: a status code is a key, and the user has to recognise it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TypeAlias

_SHIFT = 32
_MASK = (1 << _SHIFT) - 1

#: Keys whose scalar values keep their place: checks point at them.
LOCATED_VALUES = frozenset(("$ref", "openapi", "swagger", "paths"))
#: Past this many keys, a mapping looks keys up through a dict instead of its key tuple.
_SCAN = 12


def pack(line: int, column: int) -> int:
    """One int for a 1-based line and column."""
    return line << _SHIFT | column


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


class _Extra:
    """What few mappings have: aliases and merges among their values, a lookup table."""

    __slots__ = ("index", "merged", "via")

    def __init__(self) -> None:
        self.via: dict[str, int] | None = None
        self.merged: dict[str, int] | None = None
        self.index: dict[str, int] | None = None


class Mapping:
    """A mapping: its keys as written, its values, and where each key is written.

    `key` is where the key this mapping is written under is (0 for the top level or an item
    of a list): a mapping reached through an alias or a `$ref` is shared, and this is its home.
    """

    __slots__ = ("at", "extra", "key", "keys", "pos", "values")

    def __init__(self, pos: int, key: int = 0) -> None:
        self.pos = pos
        self.key = key
        self.keys: tuple[str, ...] = ()
        self.values: tuple[Value, ...] = ()
        self.at: tuple[int, ...] = ()
        self.extra: _Extra | None = None

    @property
    def line(self) -> int:
        return self.pos >> _SHIFT

    @property
    def column(self) -> int:
        return self.pos & _MASK

    def __len__(self) -> int:
        return len(self.keys)

    def find(self, key: str) -> int:
        """The index of `key`, or -1."""
        keys = self.keys
        if len(keys) <= _SCAN:
            return keys.index(key) if key in keys else -1
        extra = self.extra
        if extra is None:
            extra = self.extra = _Extra()
        if extra.index is None:
            extra.index = {k: i for i, k in enumerate(keys)}
        return extra.index.get(key, -1)

    def get(self, key: str) -> Value:
        """The value under `key`; None when there is none (or when it is null)."""
        index = self.find(key)
        return self.values[index] if index >= 0 else None

    def __contains__(self, key: str) -> bool:
        return self.find(key) >= 0

    def entry(self, key: str) -> tuple[int, Value] | None:
        """Where `key` is written and its value, or None when there is no such key."""
        index = self.find(key)
        return (self.at[index], self.values[index]) if index >= 0 else None

    def entries(self) -> Iterator[tuple[str, int, Value]]:
        """Each key, where it is written, and its value, in order."""
        return zip(self.keys, self.at, self.values, strict=True)

    def via(self, key: str) -> int:
        """Where the value of `key` is an alias (`key: *anchor`), as a packed place; 0 if not."""
        extra = self.extra
        if extra is None or extra.via is None:
            return 0
        return extra.via.get(key, 0)

    def merged(self, key: str) -> int:
        """Where the merge (`<<: *anchor`) that brought `key` in is written; 0 if none did
        (the key itself is written at the anchor)."""
        extra = self.extra
        if extra is None or extra.merged is None:
            return 0
        return extra.merged.get(key, 0)

    def set(
        self,
        keys: tuple[str, ...],
        values: tuple[Value, ...],
        at: tuple[int, ...],
        via: dict[str, int] | None = None,
        merged: dict[str, int] | None = None,
    ) -> None:
        self.keys, self.values, self.at = keys, values, at
        if via or merged:
            self.extra = _Extra()
            self.extra.via = via or None
            self.extra.merged = merged or None


class Sequence:
    __slots__ = ("items", "pos")

    def __init__(self, pos: int) -> None:
        self.pos = pos
        self.items: list[Value] = []

    @property
    def line(self) -> int:
        return self.pos >> _SHIFT

    @property
    def column(self) -> int:
        return self.pos & _MASK


Node: TypeAlias = Scalar | Mapping | Sequence
#: What a mapping or a list holds: a node, or a scalar kept as plain text (None for null).
Value: TypeAlias = Node | str | None


@dataclass(frozen=True, order=True, slots=True)
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

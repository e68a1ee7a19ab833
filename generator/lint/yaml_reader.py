"""YAML text into located nodes, the way the YAML readers people use read a spec.

Accepted, as those readers accept them: anchors and aliases (an alias stands for its anchor's
node, shared, never copied), merge keys (`<<: *common`, applied: keys written in the mapping
win over merged ones, earlier merges over later ones), the standard tags (`!!str 3.0.0`), keys
of any scalar kind (`1.5:` or `~:` in an example), and a tab on a line that holds nothing but
blanks inside a block scalar (common in descriptions; YAML readers disagree on it, and it
cannot change what a spec means, so such lines are read as empty).

Refused, since they cannot mean a spec: more than one document, duplicate keys, other tags
(`!include`), an alias to a node that contains it, an alias to no anchor, a mapping or list as
a key, nesting deeper than MAX_DEPTH (no spec needs a hundredth of it, and deep flow nesting
makes YAML scanners slow down quadratically), merges that would copy more than MERGE_BUDGET
entries in all (each copy costs memory, and nested merges can multiply).
"""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml import events as ev
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .nodes import LOCATED_VALUES, Mapping, Node, ReadError, Scalar, Sequence, Value

#: Deeper nesting is refused before the parser goes further.
MAX_DEPTH = 1000
#: Merge keys may copy at most this many entries into the mappings that use them, in all.
MERGE_BUDGET = 1_000_000

#: Plain scalars that mean null (the YAML 1.2 core schema).
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
#: A line of blanks that holds a tab.
_BLANK_WITH_TAB = re.compile(r"^[ \t]*\t[ \t]*(?=\r?$)", re.MULTILINE)
_STANDARD_TAG = "tag:yaml.org,2002:"


def read_yaml(text: str) -> Node:
    """The located tree of YAML text; ReadError for the first problem (with how many more)."""
    if "\t" in text:
        text = _BLANK_WITH_TAB.sub("", text)
    try:
        return _Builder().build(text, pure=False)
    except ReadError as error:
        # libyaml refuses a JSON-style pair of surrogate escapes ("\ud83d\udc4d") in a
        # double-quoted scalar; the pure reader takes it. Only then is the slow reader used.
        if error.message_id == "parse.syntax" and "escape" in str(error.values.get("what")):
            return _Builder().build(text, pure=True)
        raise


_MERGE = "\0<<"
#: Frame slots of an open mapping: its kind, node, keys, values, key places, the key whose
#: value comes next (and where it is), the keys seen (and where), merges, aliased values.
_KIND, _NODE, _KEYS, _VALUES, _AT, _PENDING, _PENDING_AT, _SEEN, _MERGES, _VIA = range(10)
_MAP, _SEQ = "map", "seq"


class _Builder:
    def __init__(self) -> None:
        self.problems: list[ReadError] = []
        self.words: dict[str, str] = {}
        self.shapes: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.anchors: dict[str, Value] = {}
        self.merged = 0
        self.root: Value = None
        self.has_root = False
        #: The open mappings and lists, outermost first, and their ids.
        self.stack: list[list[Any]] = []
        self.open: set[int] = set()

    def problem(self, message_id: str, pos: int, **values: object) -> None:
        self.problems.append(ReadError(message_id, pos >> 32, pos & 0xFFFFFFFF, **values))

    def build(self, text: str, *, pure: bool) -> Node:
        documents = 0
        words = self.words
        anchors = self.anchors
        stack = self.stack
        scalar_event, alias_event = ev.ScalarEvent, ev.AliasEvent
        mapping_start, sequence_start = ev.MappingStartEvent, ev.SequenceStartEvent
        ends = (ev.MappingEndEvent, ev.SequenceEndEvent)
        try:
            for event in YAML(typ="safe", pure=pure).parse(text):
                kind = type(event)
                if kind is scalar_event:
                    mark = event.start_mark
                    pos = (mark.line + 1) << 32 | (mark.column + 1)
                    tag = event.tag
                    if tag is not None and tag != "!" and not tag.startswith(_STANDARD_TAG):
                        self.problem("parse.tag", pos, tag=tag)
                    value = event.value
                    plain = not event.style
                    frame = stack[-1] if stack else None
                    if frame is not None and frame[_KIND] is _MAP:
                        key = frame[_PENDING]
                        if key is None:  # a key, kept as written; a plain `<<` merges
                            key = words.get(value)
                            if key is None:
                                key = words[value] = value
                            if plain and key == "<<":
                                key = _MERGE
                            else:
                                seen = frame[_SEEN]
                                first = seen.get(key)
                                if first is not None:
                                    self.problem("parse.duplicate", pos, key=key, first=first >> 32)
                                else:
                                    seen[key] = pos
                            frame[_PENDING] = key
                            frame[_PENDING_AT] = pos
                            continue
                    text_value: str | None
                    if plain and value in _NULLS:
                        text_value = None
                    elif len(value) < 200:
                        text_value = words.get(value)
                        if text_value is None:
                            text_value = words[value] = value
                    else:
                        text_value = value
                    if event.anchor:
                        anchors[event.anchor] = text_value
                    if (
                        frame is not None
                        and frame[_KIND] is _MAP
                        and frame[_PENDING] is not _MERGE
                        and frame[_PENDING] not in LOCATED_VALUES
                    ):  # the common case, inline: a plain value under a key
                        frame[_KEYS].append(frame[_PENDING])
                        frame[_VALUES].append(text_value)
                        frame[_AT].append(frame[_PENDING_AT])
                        frame[_PENDING] = None
                        continue
                    self.attach(text_value, pos)
                elif kind is mapping_start or kind is sequence_start:
                    mark = event.start_mark
                    pos = (mark.line + 1) << 32 | (mark.column + 1)
                    tag = event.tag
                    if tag is not None and tag != "!" and not tag.startswith(_STANDARD_TAG):
                        self.problem("parse.tag", pos, tag=tag)
                    if len(stack) >= MAX_DEPTH:
                        raise ReadError("parse.deep", pos >> 32, pos & 0xFFFFFFFF, limit=MAX_DEPTH)
                    node: Mapping | Sequence
                    if kind is mapping_start:
                        parent = stack[-1] if stack else None
                        home = (
                            parent[_PENDING_AT]
                            if parent is not None
                            and parent[_KIND] is _MAP
                            and parent[_PENDING] is not None
                            else 0
                        )
                        node = Mapping(pos, home)
                        self.attach(node, pos)
                        stack.append([_MAP, node, [], [], [], None, 0, {}, None, None])
                    else:
                        node = Sequence(pos)
                        self.attach(node, pos)
                        stack.append([_SEQ, node])
                    self.open.add(id(node))
                    if event.anchor:
                        anchors[event.anchor] = node
                elif kind in ends:
                    frame = stack.pop()
                    self.open.discard(id(frame[_NODE]))
                    if frame[_KIND] is _MAP:
                        self.close(frame)
                elif kind is alias_event:
                    mark = event.start_mark
                    self.alias(event.anchor, (mark.line + 1) << 32 | (mark.column + 1))
                elif kind is ev.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        mark = event.start_mark
                        raise ReadError("parse.documents", mark.line + 1, mark.column + 1)
        except MarkedYAMLError as exc:
            where = exc.problem_mark or exc.context_mark
            line, column = (where.line + 1, where.column + 1) if where else (1, 1)
            what = exc.problem or exc.context or "invalid YAML"
            self.problems.append(ReadError("parse.syntax", line, column, what=what))
        except YAMLError as exc:  # the reader's own refusals (a control character, say)
            self.problems.append(ReadError("parse.syntax", 1, 1, what=str(exc).splitlines()[0]))
        if self.problems:
            first = min(self.problems, key=lambda p: (p.line, p.column))
            first.more = len(self.problems) - 1
            raise first
        if not self.has_root:
            raise ReadError("parse.empty", 1, 1)
        assert isinstance(self.root, (Mapping, Sequence, Scalar))
        return self.root

    def key(self, frame: list[Any], key: str, pos: int) -> None:
        seen = frame[_SEEN]
        if key != _MERGE:
            first = seen.get(key)
            if first is not None:
                self.problem("parse.duplicate", pos, key=key, first=first >> 32)
            else:
                seen[key] = pos
        frame[_PENDING] = key
        frame[_PENDING_AT] = pos

    def attach(self, value: Value, pos: int, alias: bool = False) -> None:
        """Put a value (a new one, or an alias's target) where the open container wants it."""
        stack = self.stack
        if not stack:
            if not isinstance(value, (Mapping, Sequence, Scalar)):
                value = Scalar(value, pos)
            self.root = value
            self.has_root = True
            return
        frame = stack[-1]
        if frame[_KIND] is _SEQ:
            frame[_NODE].items.append(value)
            return
        key = frame[_PENDING]
        if key is None:
            # A key that is a mapping, a list or an alias.
            text = value.value if isinstance(value, Scalar) else value
            if alias and (text is None or isinstance(text, str)):
                text = "null" if text is None else text
                self.key(frame, self.words.setdefault(text, text), pos)
            else:
                self.problem("parse.key", pos)
                self.key(frame, f"<{pos >> 32}:{pos & 0xFFFFFFFF}>", pos)
            return
        frame[_PENDING] = None
        if key is _MERGE:
            if frame[_MERGES] is None:
                frame[_MERGES] = []
            frame[_MERGES].append((value, frame[_PENDING_AT]))
            return
        if key in LOCATED_VALUES and not isinstance(value, (Mapping, Sequence, Scalar)):
            value = Scalar(value, pos)
        frame[_KEYS].append(key)
        frame[_VALUES].append(value)
        frame[_AT].append(frame[_PENDING_AT])
        if alias:
            if frame[_VIA] is None:
                frame[_VIA] = {}
            frame[_VIA][key] = pos

    def alias(self, anchor: str, pos: int) -> None:
        if anchor not in self.anchors:
            self.problem("parse.unknown_alias", pos, name=anchor)
            self.attach(None, pos)
            return
        target = self.anchors[anchor]
        if id(target) in self.open and isinstance(target, (Mapping, Sequence)):
            self.problem("parse.recursive", pos, name=anchor)
            self.attach(None, pos)
        else:
            self.attach(target, pos, alias=True)

    def close(self, frame: list[Any]) -> None:
        """Apply `<<` merges to a mapping that is complete (keys of its own win, then the first
        merged mapping that has the key), and give the mapping its keys and values."""
        keys, values, at, seen = frame[_KEYS], frame[_VALUES], frame[_AT], frame[_SEEN]
        merged: dict[str, int] = {}
        for value, where in frame[_MERGES] or ():
            sources = value.items if isinstance(value, Sequence) else [value]
            if not all(isinstance(source, Mapping) for source in sources):
                # Not a merge after all: a plain key named "<<".
                if "<<" not in seen:
                    seen["<<"] = where
                    keys.append("<<")
                    values.append(value)
                    at.append(where)
                continue
            for source in sources:
                assert isinstance(source, Mapping)
                self.merged += len(source.keys)
                if self.merged > MERGE_BUDGET:
                    raise ReadError(
                        "parse.merges", where >> 32, where & 0xFFFFFFFF, limit=MERGE_BUDGET
                    )
                for key, key_at, item in source.entries():
                    if key not in seen:
                        seen[key] = key_at
                        keys.append(key)
                        values.append(item)
                        at.append(key_at)
                        merged[key] = where
        shape = tuple(keys)
        node: Mapping = frame[_NODE]
        node.set(
            self.shapes.setdefault(shape, shape), tuple(values), tuple(at), frame[_VIA], merged
        )

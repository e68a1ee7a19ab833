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

from ruamel.yaml import YAML
from ruamel.yaml import events as ev
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .nodes import Mapping, Node, ReadError, Scalar, Sequence

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


class _Builder:
    def __init__(self) -> None:
        self.problems: list[ReadError] = []
        self.root: Node | None = None
        #: The open mappings and lists, outermost first, and their ids.
        self.stack: list[Mapping | Sequence] = []
        self.open: set[int] = set()
        #: For each open container: its pending key (text, where) when it is a mapping
        #: that has read a key and waits for its value; and its merges (value, where).
        self.pending: list[tuple[str, int] | None] = []
        self.merges: list[list[tuple[Node, int]] | None] = []
        self.anchors: dict[str, Node] = {}
        self.words: dict[str, str] = {}
        self.merged = 0

    def problem(self, message_id: str, line: int, column: int, **values: object) -> None:
        self.problems.append(ReadError(message_id, line, column, **values))

    def build(self, text: str, *, pure: bool) -> Node:
        documents = 0
        words = self.words
        stack = self.stack
        try:
            for event in YAML(typ="safe", pure=pure).parse(text):
                kind = type(event)
                mark = event.start_mark
                if kind is ev.ScalarEvent:
                    value = event.value
                    style = event.style
                    tag = event.tag
                    if tag is not None and tag != "!" and not tag.startswith(_STANDARD_TAG):
                        self.problem("parse.tag", mark.line + 1, mark.column + 1, tag=tag)
                    pos = (mark.line + 1) << 32 | (mark.column + 1)
                    if stack and type(stack[-1]) is Mapping and self.pending[-1] is None:
                        # A key: kept as written. `<<` (plain) is a merge.
                        key = words.setdefault(value, value)
                        if key == "<<" and not style:
                            key = "\0<<"
                        self.key(key, pos)
                    else:
                        if not style and value in _NULLS:
                            scalar = Scalar(None, pos)
                        else:
                            if len(value) < 200:
                                value = words.setdefault(value, value)
                            scalar = Scalar(value, pos)
                        self.attach(scalar, pos)
                        if event.anchor:
                            self.anchors[event.anchor] = scalar
                elif kind is ev.MappingStartEvent or kind is ev.SequenceStartEvent:
                    line, column = mark.line + 1, mark.column + 1
                    tag = event.tag
                    if tag is not None and tag != "!" and not tag.startswith(_STANDARD_TAG):
                        self.problem("parse.tag", line, column, tag=tag)
                    if len(stack) >= MAX_DEPTH:
                        raise ReadError("parse.deep", line, column, limit=MAX_DEPTH)
                    pos = line << 32 | column
                    node: Mapping | Sequence
                    if kind is ev.MappingStartEvent:
                        home = self.pending[-1] if stack and type(stack[-1]) is Mapping else None
                        node = Mapping(pos, home[1] if home else 0)
                    else:
                        node = Sequence(pos)
                    self.attach(node, pos)
                    stack.append(node)
                    self.open.add(id(node))
                    self.pending.append(None)
                    self.merges.append(None)
                    if event.anchor:
                        self.anchors[event.anchor] = node
                elif kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
                    done = stack.pop()
                    self.open.discard(id(done))
                    self.pending.pop()
                    merges = self.merges.pop()
                    if merges is not None:
                        assert isinstance(done, Mapping)
                        self.merge(done, merges)
                elif kind is ev.AliasEvent:
                    self.alias(event.anchor, mark.line + 1, mark.column + 1)
                elif kind is ev.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        raise ReadError("parse.documents", mark.line + 1, mark.column + 1)
        except MarkedYAMLError as exc:
            where = exc.problem_mark or exc.context_mark
            line, column = (where.line + 1, where.column + 1) if where else (1, 1)
            what = exc.problem or exc.context or "invalid YAML"
            self.problem("parse.syntax", line, column, what=what)
        except YAMLError as exc:  # the reader's own refusals (a control character, say)
            self.problem("parse.syntax", 1, 1, what=str(exc).splitlines()[0])
        if self.problems:
            first = min(self.problems, key=lambda p: (p.line, p.column))
            first.more = len(self.problems) - 1
            raise first
        if self.root is None:
            raise ReadError("parse.empty", 1, 1)
        return self.root

    def key(self, key: str, pos: int) -> None:
        parent = self.stack[-1]
        assert isinstance(parent, Mapping)
        if key in parent.items:
            first = parent.items[key][0] >> 32
            self.problem("parse.duplicate", pos >> 32, pos & 0xFFFFFFFF, key=key, first=first)
        self.pending[-1] = (key, pos)

    def attach(self, node: Node, pos: int, alias: bool = False) -> None:
        """Put a node (a new one, or an alias's target) where the open container wants it."""
        stack = self.stack
        if not stack:
            self.root = node
            return
        parent = stack[-1]
        if type(parent) is Sequence:
            parent.items.append(node)
            return
        assert isinstance(parent, Mapping)
        pending = self.pending[-1]
        if pending is None:
            # A key that is a mapping, a list or an alias.
            if isinstance(node, Scalar) and alias:
                text = node.value if isinstance(node.value, str) else "null"
                self.key(self.words.setdefault(text, text), pos)
            else:
                self.problem("parse.key", pos >> 32, pos & 0xFFFFFFFF)
                self.key(f"<{pos >> 32}:{pos & 0xFFFFFFFF}>", pos)
            return
        key, key_pos = pending
        self.pending[-1] = None
        if key == "\0<<":
            merges = self.merges[-1]
            if merges is None:
                merges = self.merges[-1] = []
            merges.append((node, key_pos))
            return
        if key not in parent.items:
            parent.items[key] = (key_pos, node)
            if alias:
                if parent.via is None:
                    parent.via = {}
                parent.via[key] = pos

    def alias(self, anchor: str, line: int, column: int) -> None:
        target = self.anchors.get(anchor)
        pos = line << 32 | column
        if target is None:
            self.problem("parse.unknown_alias", line, column, name=anchor)
            self.attach(Scalar(None, pos), pos)
        elif id(target) in self.open:
            self.problem("parse.recursive", line, column, name=anchor)
            self.attach(Scalar(None, pos), pos)
        else:
            self.attach(target, pos, alias=True)

    def merge(self, mapping: Mapping, merges: list[tuple[Node, int]]) -> None:
        """Apply `<<` merges to a mapping that is complete: keys of its own win, then the
        first merged mapping that has the key."""
        for value, where in merges:
            sources = value.items if isinstance(value, Sequence) else [value]
            if not all(isinstance(source, Mapping) for source in sources):
                # Not a merge after all: a plain key named "<<".
                if "<<" not in mapping.items:
                    mapping.items["<<"] = (where, value)
                continue
            for source in sources:
                assert isinstance(source, Mapping)
                self.merged += len(source.items)
                if self.merged > MERGE_BUDGET:
                    raise ReadError(
                        "parse.merges", where >> 32, where & 0xFFFFFFFF, limit=MERGE_BUDGET
                    )
                for key, entry in source.items.items():
                    if key not in mapping.items:
                        mapping.items[key] = entry
                        if mapping.merged is None:
                            mapping.merged = {}
                        mapping.merged[key] = where

"""Walking OpenAPI and Swagger documents: their operations, the responses each declares, and
the `$ref`s that lead there, across the files of a spec.

A `$ref` is followed when it is local (`#/components/...`) or names a file inside the folder
of the spec named on the command line (`paths/pets.yaml`, `../common.json#/NotFound`), YAML
or JSON, with or without a JSON pointer. It is refused, never opened, when it names a host
(`https://...`) or a file outside that folder. Each reference is resolved once, whatever
number of places use it.

A node that operations share (through an alias, a merge, a `$ref`) is walked once: a responses
mapping keeps every operation that reaches it (`Reach`), and each response key in it is one
ResponseSite, however many mappings hold it. The rules check each site once.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote

from .. import model as m
from .findings import Unreadable
from .nodes import Mapping, Node, Place, Scalar, Sequence
from .spec import CannotRead, Document, read_spec, refuse

#: Operation keys of an OpenAPI path item, in the order they are reported.
OPERATION_KEYS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

CODE = re.compile(r"^[1-5][0-9][0-9]$")
#: OpenAPI spells a range with upper-case X only: `2xx` is no range.
RANGE = re.compile(r"^[1-5]XX$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_VERSIONS = (("openapi", ("3.0", "3.1")), ("swagger", ("2.0",)))


# --- References --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RefFailure:
    """A `$ref` that could not be followed, and why.

    kind: `missing` (points to nothing), `no_file` (names a file that is not there), `loop`
    (a chain that goes round in a circle), `remote` (names a host), `outside` (names a file out
    of the spec's folder), `unreadable` (names a file that cannot be read: reported as such).
    """

    kind: str
    #: The reference that fails (for a circle: the one the chain started from), and where.
    ref: str
    place: Place
    #: The reference the chain started from, when another one than `ref` fails.
    first: str | None = None
    #: For a circle, the references round it, the first one again at the end; else ().
    loop: tuple[str, ...] = ()
    #: The file the reference names, as shown, when it names another file.
    target: str = ""


_Outcome = tuple[Node, Document] | RefFailure


class Files:
    """Every file of the run, read once: the specs named and the files their `$ref`s name."""

    def __init__(self, lang: m.Lang) -> None:
        self.lang = lang
        self.by_path: dict[Path, Document | None] = {}
        #: Every document read, in the order first met (the report lists them so).
        self.read: list[Document] = []
        self.unreadable: list[Unreadable] = []

    def get(self, path: Path, display: str, *, listed: bool = True) -> Document | None:
        """The document at `path` (None when it cannot be read: recorded in `unreadable`)."""
        try:
            key = path.resolve()
        except (OSError, RuntimeError, ValueError):
            key = path.absolute()
        if key in self.by_path:
            return self.by_path[key]
        try:
            doc: Document | None = read_spec(path, display, self.lang)
        except CannotRead as error:
            self.unreadable.append(error.unreadable)
            doc = None
        if doc is not None:
            doc.path = key
            if listed:
                self.read.append(doc)
        self.by_path[key] = doc
        return doc


def resolve_pointer(root: Node, fragment: str) -> Node | None:
    """The node a JSON pointer (`/components/responses/X`, the part after `#`) names."""
    pointer = unquote(fragment)
    if pointer == "":
        return root
    if not pointer.startswith("/"):
        return None
    node: Node = root
    for raw in pointer[1:].split("/"):
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, Mapping):
            entry = node.items.get(token)
            if entry is None:
                return None
            node = entry[1]
        elif isinstance(node, Sequence) and token.isdigit() and int(token) < len(node.items):
            node = node.items[int(token)]
        else:
            return None
    return node


def ref_of(node: Node) -> Scalar | None:
    """The `$ref` value of a Reference Object, or None for any other node."""
    if type(node) is not Mapping:
        return None
    entry = node.items.get("$ref")
    if entry is None:
        return None
    value = entry[1]
    if type(value) is Scalar and isinstance(value.value, str):
        return value
    return None


class Resolver:
    """Follows `$ref`s; each one (a file and the text of a reference in it) is resolved once."""

    def __init__(self, files: Files) -> None:
        self.files = files
        self.memo: dict[tuple[Path, Path, str], _Outcome] = {}

    def follow(
        self, node: Node, doc: Document, folder: Path
    ) -> tuple[Node, Document, Place | None, RefFailure | None]:
        """The node a chain of `$ref`s from `node` leads to, its document, where the first
        `$ref` is (None when `node` is no reference), and what broke the chain, if anything
        (then the node and document returned are those given)."""
        ref_node = ref_of(node)
        if ref_node is None:
            return node, doc, None, None
        start = Place.of(doc.display, ref_node.pos)
        outcome = self.chain(ref_node, doc, folder)
        if isinstance(outcome, RefFailure):
            if outcome.kind == "loop":
                return node, doc, start, replace(outcome, ref=ref_node.value, place=start)
            if outcome.place != start:
                return node, doc, start, replace(outcome, first=ref_node.value)
            return node, doc, start, outcome
        target, target_doc = outcome
        return target, target_doc, start, None

    def chain(self, ref_node: Scalar, doc: Document, folder: Path) -> _Outcome:
        visited: list[tuple[Path, Path, str]] = []
        index: dict[tuple[Path, Path, str], int] = {}
        refs: list[str] = []
        outcome: _Outcome
        while True:
            ref = ref_node.value
            key = (folder, doc.path, ref)
            known = self.memo.get(key)
            if known is not None:
                outcome = known
                break
            if key in index:
                cycle = (*refs[index[key] :], ref)
                outcome = RefFailure("loop", ref, Place.of(doc.display, ref_node.pos), loop=cycle)
                break
            index[key] = len(refs)
            refs.append(ref)
            visited.append(key)
            step = self.step(ref_node, doc, folder)
            if isinstance(step, RefFailure):
                outcome = step
                break
            target, target_doc = step
            next_ref = ref_of(target)
            if next_ref is None:
                outcome = step
                break
            ref_node, doc = next_ref, target_doc
        for key in visited:
            self.memo[key] = outcome
        return outcome

    def step(self, ref_node: Scalar, doc: Document, folder: Path) -> _Outcome:
        """Where one reference points."""
        ref = ref_node.value
        assert isinstance(ref, str)
        place = Place.of(doc.display, ref_node.pos)
        target_doc = doc
        if ref.startswith("#"):
            fragment = ref[1:]
        else:
            if _SCHEME.match(ref) or ref.startswith("//"):
                return RefFailure("remote", ref, place)
            file_part, _, fragment = ref.partition("#")
            name = unquote(file_part)
            display = os.path.normpath(os.path.join(os.path.dirname(doc.display), name))
            try:
                path = (doc.path.parent / name).resolve()
                inside = path.is_relative_to(folder)
                is_file = inside and path.is_file()
            except (OSError, RuntimeError, ValueError):
                return RefFailure("no_file", ref, place, target=display)
            if not inside:
                return RefFailure("outside", ref, place, target=display)
            if not is_file:
                return RefFailure("no_file", ref, place, target=display)
            found = self.files.get(path, display)
            if found is None:
                return RefFailure("unreadable", ref, place, target=display)
            target_doc = found
        node = resolve_pointer(target_doc.root, fragment)
        if node is None:
            other = target_doc.display if target_doc is not doc else ""
            return RefFailure("missing", ref, place, target=other)
        return node, target_doc


# --- What the walk finds -----------------------------------------------------------------------


@dataclass(eq=False)
class Spec:
    """One document named on the command line, walked."""

    doc: Document
    #: False for a document without an 'openapi' or 'swagger' key (a piece of a split spec).
    openapi: bool
    #: Where the `paths` key is, when there is one.
    paths_place: Place | None = None
    #: Path entries (`/...`) under `paths`.
    paths: int = 0
    operations: list[Operation] = field(default_factory=list)
    #: Response keys of its operations that could be checked, counted once per operation.
    checked: int = 0
    #: References its walk could not follow (refused, broken, unreadable files).
    unfollowed: int = 0


@dataclass(eq=False)
class Operation:
    method: str
    path: str
    spec: Spec
    #: Its `responses` key, or its method key when it has none.
    place: Place
    #: Where its path entry or method key refers to a node elsewhere (an alias or a `$ref`),
    #: the outermost such reference; None when the operation is written under its path.
    via: Place | None
    #: The responses it declares; None when it has none or they could not be reached.
    responses: ResponsesMap | None = None
    #: Whether it has a `responses` key at all.
    has_responses: bool = False

    @property
    def name(self) -> str:
        return f"{self.method} {self.path}"


@dataclass(frozen=True)
class Reach:
    """An operation that reaches a shared node, and where it refers to that node (None: the
    node is written in the operation)."""

    operation: Operation
    via: Place | None


class Reaches:
    """The operations a site concerns, in the order the specs reach them: parts of the lists
    of the responses mappings that hold it, so that a node shared by thousands of operations
    costs no copy of them."""

    def __init__(self, parts: list[tuple[list[Reach], Place | None]]) -> None:
        self.parts = parts
        self.total = sum(len(reaches) for reaches, _ in parts)

    @classmethod
    def one(cls, reach: Reach) -> Reaches:
        return cls([([reach], None)])

    def __bool__(self) -> bool:
        return self.total > 0

    def __iter__(self) -> Iterator[Reach]:
        for reaches, merged in self.parts:
            for reach in reaches:
                yield Reach(reach.operation, reach.via or merged) if merged else reach

    def first(self, n: int) -> list[Reach]:
        shown: list[Reach] = []
        for reach in self:
            if len(shown) == n:
                break
            shown.append(reach)
        return shown

    @property
    def operation(self) -> Operation:
        return next(iter(self)).operation


@dataclass(eq=False)
class ResponsesMap:
    """One `responses` mapping, however many operations reach it."""

    node: Mapping
    doc: Document
    reaches: list[Reach] = field(default_factory=list)
    sites: list[ResponseSite] = field(default_factory=list)
    _by_method: dict[str, list[Reach]] | None = None

    @property
    def home(self) -> Place:
        """Where the mapping is written: the key it is written under."""
        return Place.of(self.doc.display, self.node.key or self.node.pos)

    def declared(self) -> tuple[set[int], set[int]]:
        """The exact codes and the range classes it declares."""
        codes = {int(site.key) for site in self.sites if CODE.match(site.key)}
        classes = {int(site.key[0]) for site in self.sites if RANGE.match(site.key)}
        return codes, classes

    def by_method(self) -> dict[str, list[Reach]]:
        if self._by_method is None:
            self._by_method = {}
            for reach in self.reaches:
                self._by_method.setdefault(reach.operation.method, []).append(reach)
        return self._by_method


@dataclass(eq=False)
class ResponseSite:
    """One response key as written, with every mapping that holds it (a merge puts one key in
    several) and, for each, the merge that brought it in."""

    key: str
    place: Place
    holders: list[tuple[ResponsesMap, Place | None]] = field(default_factory=list)
    #: Its response's `$ref` that could not be followed.
    failure: RefFailure | None = None

    @property
    def code(self) -> int | None:
        return int(self.key) if CODE.match(self.key) else None

    def reaches(self, method: str | None = None) -> Reaches:
        """The operations (of one method, or all) that reach this response."""
        if method is None:
            return Reaches([(holder.reaches, merged) for holder, merged in self.holders])
        return Reaches(
            [
                (holder.by_method()[method], merged)
                for holder, merged in self.holders
                if method in holder.by_method()
            ]
        )

    def methods(self) -> list[str]:
        """The methods of the operations that reach it, in the order first reached."""
        seen: dict[str, None] = {}
        for holder, _ in self.holders:
            seen.update(dict.fromkeys(holder.by_method()))
        return list(seen)


@dataclass(frozen=True)
class RefProblem:
    """A `$ref` that could not be followed, with the operations it kept from being checked
    (none for a path item) and the response key it was under (None above responses)."""

    failure: RefFailure
    reaches: Reaches
    code: str | None


# --- The walk ----------------------------------------------------------------------------------


class Walk:
    """Every spec of a run, walked into operations, responses mappings and response sites."""

    def __init__(self, lang: m.Lang) -> None:
        self.lang = lang
        self.files = Files(lang)
        self.resolver = Resolver(self.files)
        self.specs: list[Spec] = []
        self.maps: dict[int, ResponsesMap] = {}
        self.sites: dict[int, ResponseSite] = {}
        self.problems: list[RefProblem] = []

    @property
    def unreadable(self) -> list[Unreadable]:
        return self.files.unreadable

    def add(self, path: Path, display: str) -> None:
        """Read and walk a spec named on the command line; what cannot be read is recorded."""
        doc = self.files.get(path, display, listed=False)
        if doc is None or any(spec.doc is doc for spec in self.specs):
            return
        try:
            spec = Spec(doc, self.version(doc))
        except CannotRead as error:
            self.files.unreadable.append(error.unreadable)
            return
        listed = doc in self.files.read
        if not listed:
            self.files.read.append(doc)
        self.specs.append(spec)
        if not spec.openapi:
            return
        try:
            self.walk(spec)
        except CannotRead as error:  # `paths` is no mapping: nothing of it was walked
            self.files.unreadable.append(error.unreadable)
            self.specs.remove(spec)
            if not listed:
                self.files.read.remove(doc)

    def version(self, doc: Document) -> bool:
        """True for a supported OpenAPI or Swagger document, False for any other document."""
        for key, supported in _VERSIONS:
            entry = doc.root.items.get(key)
            if entry is None:
                continue
            value = entry[1]
            version = str(value.value) if isinstance(value, Scalar) else ""
            if not any(version == v or version.startswith(v + ".") for v in supported):
                raise refuse(
                    doc.display,
                    self.lang,
                    "bad_version",
                    value.line,
                    value.column,
                    key=key,
                    version=version,
                )
            return True
        return False

    def walk(self, spec: Spec) -> None:
        doc = spec.doc
        folder = doc.path.parent
        entry = doc.root.items.get("paths")
        if entry is None:
            return
        spec.paths_place = Place.of(doc.display, entry[0])
        paths, paths_doc, _, failure = self.resolver.follow(entry[1], doc, folder)
        if failure is not None:
            self.failed(spec, failure, Reaches([]), None)
            return
        if isinstance(paths, Scalar) and paths.value is None:
            return
        if not isinstance(paths, Mapping):
            raise refuse(doc.display, self.lang, "paths_not_mapping", paths.line, paths.column)
        for path, (_, raw_item) in paths.items.items():
            if not path.startswith("/"):
                continue
            spec.paths += 1
            via = self.alias(paths, path, paths_doc)
            item, item_doc, ref_via, failure = self.resolver.follow(raw_item, paths_doc, folder)
            if failure is not None:
                self.failed(spec, failure, Reaches([]), None)
                continue
            if not isinstance(item, Mapping):
                continue
            via = via or ref_via
            for key in OPERATION_KEYS:
                op_entry = item.items.get(key)
                if op_entry is None or not isinstance(op_entry[1], Mapping):
                    continue
                self.operation(spec, path, key, item, item_doc, op_entry, via, folder)

    def operation(
        self,
        spec: Spec,
        path: str,
        key: str,
        item: Mapping,
        doc: Document,
        entry: tuple[int, Node],
        via: Place | None,
        folder: Path,
    ) -> None:
        method_pos, node = entry
        assert isinstance(node, Mapping)
        via = via or self.alias(item, key, doc)
        responses = node.items.get("responses")
        place = Place.of(doc.display, responses[0] if responses else method_pos)
        op = Operation(key.upper(), path, spec, place, via, has_responses=responses is not None)
        spec.operations.append(op)
        if responses is None:
            return
        map_via = via or self.alias(node, "responses", doc)
        target, map_doc, ref_via, failure = self.resolver.follow(responses[1], doc, folder)
        if failure is not None:
            self.failed(spec, failure, Reaches.one(Reach(op, map_via)), None)
            return
        if not isinstance(target, Mapping):
            return
        holder = self.maps.get(id(target))
        if holder is None:
            holder = self.maps[id(target)] = ResponsesMap(target, map_doc)
            self.sites_of(holder, folder)
        holder.reaches.append(Reach(op, map_via or ref_via))
        op.responses = holder
        spec.checked += len(holder.sites)

    def sites_of(self, holder: ResponsesMap, folder: Path) -> None:
        node, doc = holder.node, holder.doc
        merged = node.merged or {}
        for key, entry in node.items.items():
            if key.startswith("x-"):
                continue
            site = self.sites.get(id(entry))
            if site is None:
                site = self.sites[id(entry)] = ResponseSite(key, Place.of(doc.display, entry[0]))
                _, _, _, site.failure = self.resolver.follow(entry[1], doc, folder)
            where = merged.get(key)
            site.holders.append((holder, Place.of(doc.display, where) if where else None))
            holder.sites.append(site)

    def alias(self, mapping: Mapping, key: str, doc: Document) -> Place | None:
        """Where the value of `key` is an alias, if it is one."""
        if mapping.via is None or key not in mapping.via:
            return None
        return Place.of(doc.display, mapping.via[key])

    def failed(self, spec: Spec, failure: RefFailure, reaches: Reaches, code: str | None) -> None:
        spec.unfollowed += 1
        if failure.kind != "unreadable":  # the file is reported as unreadable, once
            self.problems.append(RefProblem(failure, reaches, code))

    def site_problems(self) -> Iterator[RefProblem]:
        """The responses whose `$ref` could not be followed, each with its operations."""
        for site in self.sites.values():
            if site.failure is not None and site.failure.kind != "unreadable":
                yield RefProblem(site.failure, site.reaches(), site.key)

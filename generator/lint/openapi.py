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
from .nodes import Mapping, Place, Scalar, Sequence, Value
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
    #: The reference that fails (for a circle: the one the chain started from), and where;
    #: None, while resolving, for "at the reference the chain starts from".
    ref: str
    place: Place | None
    #: The reference the chain started from, when another one than `ref` fails.
    first: str | None = None
    #: For a circle, the references round it, the first one again at the end; else ().
    loop: tuple[str, ...] = ()
    #: The file the reference names, as shown, when it names another file.
    target: str = ""


_Outcome = tuple[Value, Document] | RefFailure


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


def resolve_pointer(root: Value, fragment: str) -> tuple[bool, Value]:
    """Whether a JSON pointer (`/components/responses/X`, the part after `#`) names something
    in `root`, and what."""
    pointer = unquote(fragment)
    if pointer == "":
        return True, root
    if not pointer.startswith("/"):
        return False, None
    node: Value = root
    for raw in pointer[1:].split("/"):
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, Mapping):
            index = node.find(token)
            if index < 0:
                return False, None
            node = node.values[index]
        elif isinstance(node, Sequence) and token.isdigit() and int(token) < len(node.items):
            node = node.items[int(token)]
        else:
            return False, None
    return True, node


def ref_of(node: Value) -> Scalar | None:
    """The `$ref` value of a Reference Object, or None for any other node."""
    if type(node) is not Mapping:
        return None
    value = node.get("$ref")
    if type(value) is Scalar and isinstance(value.value, str):
        return value
    return None


class Resolver:
    """Follows `$ref`s; each one (a file and the text of a reference in it) is resolved once."""

    def __init__(self, files: Files) -> None:
        self.files = files
        self.memo: dict[tuple[Path, Path, str], _Outcome] = {}

    def follow(
        self, node: Value, doc: Document, folder: Path
    ) -> tuple[Value, Document, Place | None, RefFailure | None]:
        """The node a chain of `$ref`s from `node` leads to, its document, where the first
        `$ref` is (None when `node` is no reference), and what broke the chain, if anything
        (then the node and document returned are those given)."""
        ref_node = ref_of(node)
        if ref_node is None:
            return node, doc, None, None
        start = Place.of(doc.display, ref_node.pos)
        outcome = self.chain(ref_node, doc, folder)
        if isinstance(outcome, RefFailure):
            if outcome.kind == "loop" or outcome.place is None:
                return node, doc, start, replace(outcome, ref=ref_node.value, place=start)
            return node, doc, start, replace(outcome, first=ref_node.value)
        target, target_doc = outcome
        return target, target_doc, start, None

    def chain(self, ref_node: Scalar, doc: Document, folder: Path) -> _Outcome:
        """Where the chain from `ref_node` ends, or how it fails: a failure at `ref_node`
        itself has no place (each use of the same reference is elsewhere); a failure further
        down has the place of the reference that fails. Every reference met is remembered."""
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
                if (
                    visited
                    and isinstance(known, RefFailure)
                    and known.place is None
                    and known.kind != "loop"
                ):
                    # It fails at this very reference, further down the chain from the start.
                    outcome = replace(known, place=Place.of(doc.display, ref_node.pos))
                break
            if key in index:
                outcome = RefFailure("loop", ref, None, loop=(*refs[index[key] :], ref))
                break
            index[key] = len(refs)
            refs.append(ref)
            visited.append(key)
            step = self.step(ref_node, doc, folder)
            if isinstance(step, RefFailure):
                self.memo[key] = step
                visited.pop()
                outcome = step
                if visited:
                    outcome = replace(step, place=Place.of(doc.display, ref_node.pos))
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
        target_doc = doc
        if ref.startswith("#"):
            fragment = ref[1:]
        else:
            if _SCHEME.match(ref) or ref.startswith("//"):
                return RefFailure("remote", ref, None)
            file_part, _, fragment = ref.partition("#")
            name = unquote(file_part)
            display = os.path.normpath(os.path.join(os.path.dirname(doc.display), name))
            try:
                path = (doc.path.parent / name).resolve()
                inside = path.is_relative_to(folder)
                is_file = inside and path.is_file()
            except (OSError, RuntimeError, ValueError):
                return RefFailure("no_file", ref, None, target=display)
            if not inside:
                return RefFailure("outside", ref, None, target=display)
            if not is_file:
                return RefFailure("no_file", ref, None, target=display)
            read = self.files.get(path, display)
            if read is None:
                return RefFailure("unreadable", ref, None, target=display)
            target_doc = read
        found, node = resolve_pointer(target_doc.root, fragment)
        if not found:
            other = target_doc.display if target_doc is not doc else ""
            return RefFailure("missing", ref, None, target=other)
        return node, target_doc


# --- What the walk finds -----------------------------------------------------------------------


@dataclass(eq=False, slots=True)
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


@dataclass(eq=False, slots=True)
class Operation:
    method: str
    path: str
    spec: Spec
    #: The file and packed place of its `responses` key, or of its method key when it has none.
    file: str
    at: int
    #: Where its path entry, method key or `responses` key refers to a node elsewhere (an
    #: alias or a `$ref`), the outermost such reference; None when all is written in place.
    via: Place | None
    #: The responses it declares; None when it has none or they could not be reached.
    responses: ResponsesMap | None = None
    #: Whether it has a `responses` key at all.
    has_responses: bool = False

    @property
    def name(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def place(self) -> Place:
        return Place.of(self.file, self.at)


@dataclass(frozen=True, slots=True)
class Reach:
    """An operation that reaches a shared node, and where it refers to that node (None: the
    node is written in the operation)."""

    operation: Operation
    via: Place | None


class Reaches:
    """The operations a site concerns, in the order the specs reach them: parts of the lists
    of the responses mappings that hold it, so that a node shared by thousands of operations
    costs no copy of them."""

    __slots__ = ("parts", "total")

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


@dataclass(eq=False, slots=True)
class ResponsesMap:
    """One `responses` mapping, however many operations reach it."""

    node: Mapping
    doc: Document
    #: The folder of the spec that first reached it: its `$ref`s are followed inside it.
    folder: Path
    #: Its response keys (extensions left out).
    size: int
    reaches: list[Reach] = field(default_factory=list)
    _by_method: dict[str, list[Reach]] | None = None
    _declared: tuple[set[int], set[int]] | None = None

    @property
    def home(self) -> Place:
        """Where the mapping is written: the key it is written under."""
        return Place.of(self.doc.display, self.node.key or self.node.pos)

    def declared(self) -> tuple[set[int], set[int]]:
        """The exact codes and the range classes it declares."""
        if self._declared is None:
            keys = self.node.keys
            self._declared = (
                {int(key) for key in keys if CODE.match(key)},
                {int(key[0]) for key in keys if RANGE.match(key)},
            )
        return self._declared

    def by_method(self) -> dict[str, list[Reach]]:
        if self._by_method is None:
            self._by_method = {}
            for reach in self.reaches:
                self._by_method.setdefault(reach.operation.method, []).append(reach)
        return self._by_method


class ResponseSite:
    """One response key as written, with every mapping that holds it (a merge puts one key in
    several) and, for each, where the merge that brought it in is written."""

    __slots__ = ("_methods", "at", "code", "doc", "holders", "key", "value")

    def __init__(self, key: str, doc: Document, at: int, value: Value) -> None:
        self.key = key
        self.doc = doc
        self.at = at
        self.value = value
        self.holders: list[tuple[ResponsesMap, Place | None]] = []
        #: The status code the key is, or None (`default`, `4XX`, anything else).
        self.code = int(key) if CODE.match(key) else None
        self._methods: list[str] | None = None

    @property
    def place(self) -> Place:
        return Place.of(self.doc.display, self.at)

    def reaches(self, method: str | None = None) -> Reaches:
        """The operations (of one method, or all) that reach this response."""
        if method is None:
            return Reaches([(holder.reaches, merged) for holder, merged in self.holders])
        parts = []
        for holder, merged in self.holders:
            reaches = holder.by_method().get(method)
            if reaches:
                parts.append((reaches, merged))
        return Reaches(parts)

    def methods(self) -> list[str]:
        """The methods of the operations that reach it, in the order first reached."""
        if self._methods is None:
            seen: dict[str, None] = {}
            for holder, _ in self.holders:
                seen.update(dict.fromkeys(holder.by_method()))
            self._methods = list(seen)
        return self._methods


@dataclass(frozen=True, slots=True)
class RefProblem:
    """A `$ref` that could not be followed, with the operations it kept from being checked
    (none for a path item) and the response key it was under (None above responses)."""

    failure: RefFailure
    reaches: Reaches
    code: str | None

    @property
    def place(self) -> Place:
        """Where the reference that fails is (a followed chain always knows)."""
        assert self.failure.place is not None
        return self.failure.place


# --- The walk ----------------------------------------------------------------------------------


class Walk:
    """Every spec of a run, walked into operations and the responses mappings they reach."""

    def __init__(self, lang: m.Lang) -> None:
        self.lang = lang
        self.files = Files(lang)
        self.resolver = Resolver(self.files)
        self.specs: list[Spec] = []
        #: Every responses mapping reached, by node, in the order first reached.
        self.maps: dict[int, ResponsesMap] = {}
        #: `$ref`s above responses (a path item, a whole `responses`) that failed.
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
            value = doc.root.get(key)
            if key not in doc.root:
                continue
            version = str(value.value) if isinstance(value, Scalar) else ""
            if not any(version == v or version.startswith(v + ".") for v in supported):
                where = value if isinstance(value, Scalar | Mapping | Sequence) else doc.root
                raise refuse(
                    doc.display,
                    self.lang,
                    "bad_version",
                    where.line,
                    where.column,
                    key=key,
                    version=version,
                )
            return True
        return False

    def walk(self, spec: Spec) -> None:
        doc = spec.doc
        folder = doc.path.parent
        entry = doc.root.entry("paths")
        if entry is None:
            return
        spec.paths_place = Place.of(doc.display, entry[0])
        paths, paths_doc, _, failure = self.resolver.follow(entry[1], doc, folder)
        if failure is not None:
            self.failed(spec, failure, Reaches([]), None)
            return
        if paths is None or (isinstance(paths, Scalar) and paths.value is None):
            return
        if not isinstance(paths, Mapping):
            where = paths if isinstance(paths, Scalar | Sequence) else doc.root
            raise refuse(doc.display, self.lang, "paths_not_mapping", where.line, where.column)
        for path, _, raw_item in paths.entries():
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
                index = item.find(key)
                if index < 0 or not isinstance(item.values[index], Mapping):
                    continue
                self.operation(spec, path, key, item, item_doc, index, via, folder)

    def operation(
        self,
        spec: Spec,
        path: str,
        key: str,
        item: Mapping,
        doc: Document,
        index: int,
        via: Place | None,
        folder: Path,
    ) -> None:
        node = item.values[index]
        assert isinstance(node, Mapping)
        via = via or self.alias(item, key, doc)
        responses = node.entry("responses")
        at = responses[0] if responses else item.at[index]
        op = Operation(
            key.upper(), path, spec, doc.display, at, via, has_responses=responses is not None
        )
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
            size = sum(1 for key in target.keys if not key.startswith("x-"))
            holder = self.maps[id(target)] = ResponsesMap(target, map_doc, folder, size)
        holder.reaches.append(Reach(op, map_via or ref_via))
        op.responses = holder
        spec.checked += holder.size

    def alias(self, mapping: Mapping, key: str, doc: Document) -> Place | None:
        """Where the value of `key` is an alias, if it is one."""
        where = mapping.via(key)
        return Place.of(doc.display, where) if where else None

    def failed(self, spec: Spec, failure: RefFailure, reaches: Reaches, code: str | None) -> None:
        spec.unfollowed += 1
        if failure.kind != "unreadable":  # the file is reported as unreadable, once
            self.problems.append(RefProblem(failure, reaches, code))

    def sites(self) -> Iterator[ResponseSite]:
        """Each response key of every responses mapping reached, once: a key that merges put
        in several mappings comes last, with all of them."""
        shared: dict[tuple[int, int], ResponseSite] = {}
        for holder in self.maps.values():
            node, doc = holder.node, holder.doc
            merged = node.extra is not None and node.extra.merged is not None
            for key, at, value in node.entries():
                if key.startswith("x-"):
                    continue
                where = node.merged(key) if merged else 0
                if where:
                    site = shared.get((at, id(value)))
                    if site is None:
                        site = shared[(at, id(value))] = ResponseSite(key, doc, at, value)
                    site.holders.append((holder, Place.of(doc.display, where)))
                    continue
                site = ResponseSite(key, doc, at, value)
                site.holders.append((holder, None))
                yield site
        yield from shared.values()

    def response(self, site: ResponseSite) -> Mapping | None:
        """The Response Object a site's key holds, its `$ref`s followed; None when there is
        none to read."""
        value, _, _, failure = self.resolver.follow(site.value, site.doc, site.holders[0][0].folder)
        return value if failure is None and isinstance(value, Mapping) else None

    def headers(self, site: ResponseSite, response: Mapping) -> set[str]:
        """The headers a response declares, lower-case; `content-type` when it declares a body
        (OpenAPI 3 leaves Content-Type out of `headers`: its `content` says it)."""
        folder = site.holders[0][0].folder
        names: set[str] = set()
        headers = response.get("headers")
        if headers is not None:
            headers, _, _, failure = self.resolver.follow(headers, site.doc, folder)
            if failure is None and isinstance(headers, Mapping):
                names.update(key.lower() for key in headers.keys)
        content = response.get("content")
        if (isinstance(content, Mapping) and len(content)) or "schema" in response:
            names.add("content-type")
        return names

    def site_failure(self, site: ResponseSite) -> RefFailure | None:
        """The failure of the response's `$ref`, if it has one that fails."""
        if ref_of(site.value) is None:
            return None
        folder = site.holders[0][0].folder
        return self.resolver.follow(site.value, site.doc, folder)[3]

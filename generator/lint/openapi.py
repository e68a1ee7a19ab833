"""Walking an OpenAPI or Swagger document: its operations, their responses, local `$ref`s."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote

from .. import model as m
from ..atlas import yaml as load
from ..errors import UsageError
from .messages import say

#: Operation keys of an OpenAPI path item, in the order they are reported.
OPERATION_KEYS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@dataclass(frozen=True)
class BrokenRef:
    """A chain of local `$ref`s that leads nowhere, or round in a circle."""

    #: The reference that fails (for a circle: the one the chain started from), and where it is.
    ref: str
    line: int
    column: int
    #: The reference the chain started from, when another one than `ref` fails.
    first: str | None = None
    #: For a circle, the references round it, the first one again at the end; else ().
    loop: tuple[str, ...] = ()


@dataclass(frozen=True)
class Response:
    key: str
    line: int
    column: int
    #: The local $ref chain that could not be followed.
    broken_ref: BrokenRef | None


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    #: Position of the `responses` key, or of the method key when there is none.
    line: int
    column: int
    responses: tuple[Response, ...]

    @property
    def name(self) -> str:
        return f"{self.method} {self.path}"


def resolve_pointer(root: load.Node, ref: str) -> load.Node | None:
    """The node a local JSON pointer (`#/components/responses/X`) names, or None."""
    pointer = unquote(ref[1:])
    if pointer == "":
        return root
    if not pointer.startswith("/"):
        return None
    node: load.Node = root
    for raw in pointer[1:].split("/"):
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, load.Mapping):
            pair = node.items.get(token)
            if pair is None:
                return None
            node = pair[1]
        elif isinstance(node, load.Sequence) and token.isdigit() and int(token) < len(node.items):
            node = node.items[int(token)]
        else:
            return None
    return node


def follow(root: load.Node, node: load.Node) -> tuple[load.Node, BrokenRef | None]:
    """Follow a chain of local `$ref`s from node.

    Returns the node reached and None, or the last node reached and what broke the chain: the
    reference that points nowhere (with the one the chain started from), or the circle.
    References to other files are not followed: the node holding them is returned as it is.
    """
    chain: list[tuple[str, int, int]] = []
    while isinstance(node, load.Mapping):
        ref_node = node.get("$ref")
        if not isinstance(ref_node, load.Scalar) or not isinstance(ref_node.value, str):
            break
        ref = ref_node.value
        if not ref.startswith("#"):
            break
        refs = [r for r, _, _ in chain]
        if ref in refs:
            start, line, column = chain[0]
            loop = (*refs[refs.index(ref) :], ref)
            return node, BrokenRef(start, line, column, loop=loop)
        chain.append((ref, ref_node.line, ref_node.column))
        target = resolve_pointer(root, ref)
        if target is None:
            first = chain[0][0] if len(chain) > 1 else None
            return node, BrokenRef(ref, ref_node.line, ref_node.column, first)
        node = target
    return node, None


def operations(
    root: load.Mapping, display: str, lang: m.Lang
) -> tuple[list[Operation], list[BrokenRef]]:
    """Every operation under `paths`, and the path-item `$ref`s that lead nowhere."""
    pair = root.items.get("paths")
    if pair is None:
        return [], []
    paths = pair[1]
    if isinstance(paths, load.Scalar) and paths.value is None:
        return [], []
    if not isinstance(paths, load.Mapping):
        raise UsageError(
            say("paths_not_mapping", lang, file=display, line=paths.line, column=paths.column)
        )
    operations: list[Operation] = []
    broken_items: list[BrokenRef] = []
    for path, (_, raw_item) in paths.items.items():
        if not path.startswith("/"):
            continue
        item, broken_item = follow(root, raw_item)
        if broken_item is not None:
            broken_items.append(broken_item)
        if not isinstance(item, load.Mapping):
            continue
        for key in OPERATION_KEYS:
            op_pair = item.items.get(key)
            if op_pair is None:
                continue
            method_key, operation = op_pair
            if not isinstance(operation, load.Mapping):
                continue
            responses_pair = operation.items.get("responses")
            if responses_pair is None:
                operations.append(
                    Operation(key.upper(), path, method_key.line, method_key.column, ())
                )
                continue
            responses_key, raw_responses = responses_pair
            responses, _ = follow(root, raw_responses)
            found: list[Response] = []
            if isinstance(responses, load.Mapping):
                for code, (code_key, value) in responses.items.items():
                    if code.startswith("x-"):
                        continue
                    _, broken = follow(root, value)
                    found.append(Response(code, code_key.line, code_key.column, broken))
            operations.append(
                Operation(key.upper(), path, responses_key.line, responses_key.column, tuple(found))
            )
    return operations, broken_items

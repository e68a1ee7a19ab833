"""A team's own guideline, kept in its own YAML file beside its docs instead of in a fork.

Such a file holds one source: the same mapping as one entry of `sources:` in data/atlas.yaml
(`id`, `name`, ..., `usage`), with the same schema and the same checks, each problem reported
with that file's line and column. It is checked against the atlas's codes and classes, and
then compared beside the atlas's own sources.
"""

from __future__ import annotations

from collections.abc import Sequence as Seq
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, Problem, UsageError
from ..model import Atlas, Source, Text
from .messages import problem as say
from .messages import word
from .validate import validate
from .yaml import Mapping, Node, Scalar, Sequence, load


@dataclass(frozen=True)
class Guideline:
    """A team guideline file: where it is, as its author names it, and its located tree."""

    path: Path
    display: str
    root: Node

    @property
    def id(self) -> str | None:
        node = self.root.get("id") if isinstance(self.root, Mapping) else None
        value = node.value if isinstance(node, Scalar) else None
        return value if isinstance(value, str) else None


def read_guideline(path: Path, display: str | None = None) -> Guideline:
    """Read a guideline file (InputError for YAML it refuses, UsageError when missing)."""
    if not path.is_file():
        raise UsageError(f"no such guideline file: {display or path}")
    shown = display or str(path)
    return Guideline(path, shown, load(path, shown))


def _with_sources(atlas_root: Node, sources: list[Node]) -> Node:
    """The atlas's tree with its `sources:` list replaced."""
    assert isinstance(atlas_root, Mapping)
    key, old = atlas_root.items["sources"]
    items = dict(atlas_root.items)
    items["sources"] = (key, Sequence(old.line, old.column, sources))
    return Mapping(atlas_root.line, atlas_root.column, items)


def _own_problems(atlas_root: Node, guideline: Guideline, taken: dict[str, Text]) -> list[Problem]:
    """What is wrong with one guideline, checked beside the atlas's own sources (which passed
    every check, so every problem found is the guideline's)."""
    root = guideline.root
    if not isinstance(root, Mapping):
        return [say(guideline.display, root.line, root.column, "guideline_not_a_mapping")]
    problems: list[Problem] = []
    ident, id_node = guideline.id, root.get("id")
    clash = ident is not None and ident in taken and id_node is not None
    if clash:
        assert id_node is not None and ident is not None
        problems.append(
            say(
                guideline.display,
                id_node.line,
                id_node.column,
                "guideline_id_taken",
                id=ident,
                taken=taken[ident],
            )
        )
    try:
        validate(_with_sources(atlas_root, [*_own_sources(atlas_root), root]), guideline.display)
    except InputError as error:
        for problem in error.problems:
            # a taken id is told above, with the file that took it
            if (
                clash
                and id_node is not None
                and (problem.line, problem.column)
                == (
                    id_node.line,
                    id_node.column,
                )
            ):
                continue
            problems.append(problem)
    return problems


def _own_sources(atlas_root: Node) -> list[Node]:
    assert isinstance(atlas_root, Mapping)
    own = atlas_root.get("sources")
    assert isinstance(own, Sequence)
    return list(own.items)


def with_guidelines(
    atlas_root: Node, atlas_display: str, guidelines: Seq[Guideline]
) -> tuple[Atlas, tuple[Source, ...]]:
    """The atlas with each guideline added after its own sources, and the guidelines' sources;
    InputError lists every problem of every guideline file, each at its own place."""
    atlas = validate(atlas_root, atlas_display)
    taken = {s.id: word("taken.atlas", atlas_display) for s in atlas.sources}
    problems: list[Problem] = []
    for guideline in guidelines:
        problems.extend(_own_problems(atlas_root, guideline, taken))
        if guideline.id is not None:
            taken.setdefault(guideline.id, word("taken.guideline", guideline.display))
    if problems:
        raise InputError(problems)
    if not guidelines:
        return atlas, ()
    combined = validate(
        _with_sources(atlas_root, [*_own_sources(atlas_root), *(g.root for g in guidelines)]),
        atlas_display,
    )
    return combined, combined.sources[len(atlas.sources) :]

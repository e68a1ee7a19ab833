"""The one call every view starts from: a data file in, a validated model out."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..errors import UsageError
from ..files import data_file
from ..model import Atlas
from .guidelines import Guideline, read_guideline, with_guidelines
from .validate import validate
from .yaml import Node, load

DEFAULT_DATA = Path("data/atlas.yaml")

__all__ = ["DEFAULT_DATA", "Guideline", "data_path", "load_atlas", "read_guideline"]


def data_path(path: Path = DEFAULT_DATA) -> Path:
    """The data file a command reads: the default path falls back to the atlas installed with
    the package, so commands work outside a checkout (e.g. as a pre-commit hook elsewhere)."""
    if path == DEFAULT_DATA and not path.is_file():
        return data_file("atlas.yaml")
    return path


def _read(path: Path) -> tuple[Node, str]:
    """The located tree of a data file and the name its problems are reported under."""
    path = data_path(path)
    if not path.is_file():
        raise UsageError(f"no such data file: {path}")
    display = str(path)
    return load(path, display), display


def load_atlas(path: Path = DEFAULT_DATA, guidelines: Sequence[Guideline] = ()) -> Atlas:
    """Load and validate a data file, and any team guidelines after its own sources;
    InputError lists every problem (each at its file, line and column), UsageError a bad
    path."""
    root, display = _read(path)
    if not guidelines:
        return validate(root, display)
    return with_guidelines(root, display, guidelines)[0]

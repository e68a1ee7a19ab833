"""The one call every view starts from: a data file in, a validated model out."""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from ..files import data_file
from ..model import Atlas
from .validate import validate
from .yaml import load

DEFAULT_DATA = Path("data/atlas.yaml")


def load_atlas(path: Path = DEFAULT_DATA) -> Atlas:
    """Load and validate a data file; InputError lists every problem, UsageError a bad path.

    The default path falls back to the atlas installed with the package, so the command works
    outside a checkout (e.g. as a pre-commit hook in another repository).
    """
    if path == DEFAULT_DATA and not path.is_file():
        path = data_file("atlas.yaml")
    if not path.is_file():
        raise UsageError(f"no such data file: {path}")
    display = str(path)
    return validate(load(path, display), display)

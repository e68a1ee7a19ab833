"""Where the project's own files are, in a checkout or in an installed copy."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
CHECKOUT = PACKAGE.parent


def data_file(name: str) -> Path:
    """A file of data/: the checkout's copy, or the one installed with the package."""
    checkout = CHECKOUT / "data" / name
    return checkout if checkout.is_file() else PACKAGE / "data" / name

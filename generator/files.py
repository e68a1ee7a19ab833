"""Where the project's own files are, in a checkout or in an installed copy, and how to write."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
CHECKOUT = PACKAGE.parent
#: Jinja templates (site pages, book, cards) and the labels file, templates/strings.yaml.
TEMPLATES = CHECKOUT / "templates"
#: Hand-written pages (`name.LANG.md`) and the site's assets.
SITE_SRC = CHECKOUT / "site_src"


def data_file(name: str) -> Path:
    """A file of data/: the checkout's copy, or the one installed with the package."""
    checkout = CHECKOUT / "data" / name
    return checkout if checkout.is_file() else PACKAGE / "data" / name


def write_atomically(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write a file whole or not at all: a temporary file beside it, renamed when complete and
    removed on failure, so no reader (or later build) ever sees half of it. `data` may come in
    pieces, written as they come."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                for piece in data:
                    handle.write(piece)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

"""Where the project's own files are, in a checkout or in an installed copy, and how to write."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
CHECKOUT = PACKAGE.parent
#: The project's own files: the checkout, or in an installed copy the same folders shipped
#: inside the package as generator/project/ (see pyproject.toml), so that every command and
#: the mkdocs plugin work without a checkout.
HOME = PACKAGE / "project" if (PACKAGE / "project").is_dir() else CHECKOUT
#: Jinja templates (site pages, book, cards), the theme's overrides and the labels file,
#: templates/strings.yaml.
TEMPLATES = HOME / "templates"
#: Hand-written pages (`name.LANG.md`) and the site's assets.
SITE_SRC = HOME / "site_src"
#: The atlas's own site: mkdocs.yml (its site_url is the public address, see urls.py).
SITE_CONFIG = HOME / "mkdocs.yml"


def data_file(name: str) -> Path:
    """A file of data/ (the atlas, its schemas)."""
    return HOME / "data" / name


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

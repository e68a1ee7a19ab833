"""Typst lays out the book: templates/pdf/book.typ, given a book as JSON text (book.py's
book_json), written as a tagged PDF/UA-1 document.

This module imports nothing of the atlas, so that the process the site build lays its books
out in starts quickly. Only local files are read: the template and Debian's DejaVu fonts
(package fonts-dejavu-core), embedded as subsets; the fonts Typst ships and the system's are
ignored, and nothing is fetched. Same JSON and edition date, same bytes.
"""

from __future__ import annotations

import importlib.util
import os
import re
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Final

from ..errors import BuildError
from ..files import TEMPLATES

if TYPE_CHECKING:
    import typst

TEMPLATE = TEMPLATES / "pdf" / "book.typ"
#: Where Debian's fonts-dejavu-core installs its fonts (full Portuguese coverage, and the
#: symbols of the method states and stances).
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
#: The only fonts the book uses (book.typ names their families, DejaVu Sans and Sans Mono).
FONTS = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf")
#: The PDF standard the book is written to: PDF/UA-1, tagged for assistive technology.
PDF_STANDARD: Final = "ua-1"


def check_fonts() -> None:
    """BuildError naming the package to install when a font file is missing."""
    missing = [name for name in FONTS if not (FONT_DIR / name).is_file()]
    if missing:
        raise BuildError(
            f"the PDF needs the fonts {', '.join(missing)} in {FONT_DIR}: "
            "install them with: apt-get install fonts-dejavu-core"
        )


def _require_typst() -> None:
    """A BuildError saying how to install the Typst compiler (the `typst` package) if this
    Python does not have it."""
    if importlib.util.find_spec("typst") is None:
        raise BuildError(
            "the PDF needs the typst package, which this Python does not have: "
            "run make venv (or pip install -e .) to install the atlas's dependencies"
        )


@cache
def _fonts(folder: Path) -> typst.Fonts:
    """DejaVu from Debian only: neither the system's fonts nor those Typst ships."""
    import typst

    return typst.Fonts(
        include_system_fonts=False,
        include_embedded_fonts=False,
        font_paths=[str(folder)],
    )


def render_pdf(book: str, edition: date) -> bytes:
    """The PDF of a book given as book_json's text (what a worker process gets).

    A warning from Typst fails the build too: a layout that did not settle within Typst's
    passes would print wrong page numbers, a missing font a book with holes."""
    _require_typst()
    import typst

    check_fonts()
    midnight = datetime(edition.year, edition.month, edition.day, tzinfo=UTC)
    try:
        data, warnings = typst.compile_with_warnings(
            str(TEMPLATE),
            root=str(TEMPLATE.parent),
            font_paths=_fonts(FONT_DIR),
            ignore_system_fonts=True,
            sys_inputs={"book": book},
            pdf_standards=[PDF_STANDARD],
            timestamp=midnight,
        )
    except typst.TypstError as error:
        raise BuildError(f"{TEMPLATE.name}: {error.diagnostic or error.message}") from None
    except BaseException as error:  # a panic inside the compiler (pyo3's PanicException)
        if type(error).__name__ != "PanicException":
            raise
        raise BuildError(f"Typst stopped laying out {TEMPLATE.name}: {error}") from None
    if warnings:
        said = "\n".join(w.diagnostic or f"warning: {w.message}" for w in warnings)
        raise BuildError(f"Typst warned about {TEMPLATE.name}, so the book is not written:\n{said}")
    return data


_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def page_count(pdf: bytes) -> int:
    """The number of pages of a PDF Typst wrote (its page objects are not compressed)."""
    return len(_PAGE.findall(pdf))


def one_core() -> None:
    """Let Typst lay out with one thread (its pool would otherwise have one per core), so
    that on a machine with two cores the pages built meanwhile keep one to themselves. Run
    before Typst's first compile in the process: the pool is made then."""
    os.environ.setdefault("RAYON_NUM_THREADS", "1")

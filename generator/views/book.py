"""The printed reference: the atlas as a book, one PDF per language, laid out by WeasyPrint.

The book is HTML rendered from templates/pdf/book.html.j2 through the site's own Jinja
environment and view models (generator/render.py), styled by templates/pdf/book.css. Only
local files are read while laying it out: the stylesheet and Debian's DejaVu fonts (package
fonts-dejavu-core), embedded as subsets. Nothing is fetched from the network.

Same input and SOURCE_DATE_EPOCH, same bytes: the PDF's creation and modification dates are
the edition date (build_date), and its /ID is a digest of its own content.
"""

from __future__ import annotations

import hashlib
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..errors import BuildError
from ..files import TEMPLATES, write_atomically
from ..model import Lang
from ..urls import LANG_PREFIX, SITE_URL
from . import pages as render

if TYPE_CHECKING:
    from weasyprint import Document

    from ..edition import Edition

TEMPLATE = "pdf/book.html.j2"
STYLESHEET = TEMPLATES / "pdf" / "book.css"
#: Where Debian's fonts-dejavu-core installs its fonts (full Portuguese coverage, and the
#: ✓ ✗ ◐ – symbols of the method states).
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
#: (CSS family, weight, file in FONT_DIR): the only fonts the book uses.
FONTS = (
    ("Atlas Sans", "normal", "DejaVuSans.ttf"),
    ("Atlas Sans", "bold", "DejaVuSans-Bold.ttf"),
    ("Atlas Mono", "normal", "DejaVuSansMono.ttf"),
    ("Atlas Mono", "bold", "DejaVuSansMono-Bold.ttf"),
)
#: The site folder both languages' PDFs are written to, beside the pt-BR pages.
DOWNLOADS = "downloads"


def pdf_name(lang: Lang) -> str:
    return f"atlas-{lang}.pdf"


def book_html(inputs: Edition, lang: Lang) -> str:
    """The whole book as one HTML document in one language."""
    labels = render.Labels(lang, inputs.strings)
    context = render.Context(labels, inputs.atlas, "", inputs.build_date)
    sources = ", ".join(s.short_name for s in inputs.atlas.sources)
    keywords = [k.strip() for k in f"{labels.t('pdf_keywords')}, {sources}".split(",")]
    return (
        render.environment()
        .get_template(TEMPLATE)
        .render(
            c=context,
            L=labels,
            t=labels.t,
            tx=labels.tx,
            lang=lang,
            keywords=list(dict.fromkeys(keywords)),
            timestamp=f"{inputs.build_date.isoformat()}T00:00:00Z",
            edition=render.long_date(labels, inputs.build_date),
            footer=render.page_x_of_y(labels),
            font_faces=Markup(font_faces()),
            site_url=SITE_URL + LANG_PREFIX[lang],
            compare_tables=render.book_compare_tables(inputs.atlas),
            tables=render.matrix_tables(inputs.atlas),
            classes=render.book_classes(inputs.atlas),
        )
    )


def font_faces() -> str:
    """@font-face rules for FONTS, or BuildError when a font file is not installed."""
    missing = [name for _, _, name in FONTS if not (FONT_DIR / name).is_file()]
    if missing:
        raise BuildError(
            f"the PDF needs the fonts {', '.join(missing)} in {FONT_DIR}: "
            "install them with: apt-get install fonts-dejavu-core"
        )
    return "\n".join(
        f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
        f'src: url("{(FONT_DIR / name).as_uri()}"); }}'
        for family, weight, name in FONTS
    )


def render_document(inputs: Edition, lang: Lang) -> Document:
    """The laid-out book (pages and boxes), before it is written as a PDF."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    html = HTML(
        string=book_html(inputs, lang),
        base_url=STYLESHEET.parent.as_uri() + "/",  # book.css is linked from the template
        url_fetcher=URLFetcher(allowed_protocols=("file",)),  # never the network
    )
    return html.render(font_config=FontConfiguration())


def render_book(inputs: Edition, lang: Lang) -> tuple[Document, bytes]:
    """The laid-out book and its PDF bytes (the tests read both)."""
    document = render_document(inputs, lang)
    # pdf_identifier=True: the /ID is a digest of the content, so it is reproducible too.
    data: bytes = document.write_pdf(pdf_identifier=True)
    return document, data


def write_pdf(inputs: Edition, lang: Lang, path: Path) -> int:
    """Write the book to path atomically (a temporary file beside it, renamed when complete,
    removed on failure); return its number of pages."""
    document, data = render_book(inputs, lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, data)
    return len(document.pages)


def book_key(inputs: Edition, lang: Lang) -> str:
    """A digest of everything a book is made from: its HTML (data, labels, edition date), the
    stylesheet, the fonts and the WeasyPrint version. Same key, same PDF bytes."""
    digest = hashlib.sha256(book_html(inputs, lang).encode("utf-8"))
    digest.update(STYLESHEET.read_bytes())
    digest.update(version("weasyprint").encode("utf-8"))
    for _, _, name in FONTS:
        info = (FONT_DIR / name).stat()
        digest.update(f"{name} {info.st_size} {info.st_mtime_ns}".encode())
    return digest.hexdigest()

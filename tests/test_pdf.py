"""The printed reference: what a reader gets from each language's PDF.

Each book is laid out once per test session (it takes seconds); the PDF is then read back with
poppler-utils (pdftotext, pdfinfo, pdffonts) and pypdf, as a reader's tools would.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from generator import files as paths
from generator.cli import main
from generator.edition import Edition as Inputs
from generator.edition import read_edition as read_inputs
from generator.errors import BuildError
from generator.views import book as pdf
from generator.views import pages as render

from .conftest import DATA
from .sitebuild import EPOCH

LANGS = ("pt-BR", "en")
EDITION = datetime.fromtimestamp(int(EPOCH), UTC).date()


@dataclass
class Book:
    lang: str
    path: Path
    document: Any  # weasyprint.Document: the layout the PDF was written from
    inputs: Inputs

    def t(self, key: str) -> str:
        return self.inputs.strings.get(key, self.lang)  # type: ignore[arg-type]

    @cached_property
    def pages(self) -> list[str]:
        """Each page's text, whitespace collapsed (pdftotext separates pages by form feeds)."""
        text = run("pdftotext", "-enc", "UTF-8", str(self.path), "-")
        return [" ".join(page.split()) for page in text.split("\f")[:-1]]

    @cached_property
    def reader(self) -> PdfReader:
        return PdfReader(self.path)

    @cached_property
    def outline(self) -> list[tuple[str, int, list[Any]]]:
        """The bookmarks as (title, 1-based page, children) trees."""
        return self._tree(self.reader.outline)

    def _tree(self, items: list[Any]) -> list[tuple[str, int, list[Any]]]:
        tree: list[tuple[str, int, list[Any]]] = []
        for item in items:
            if isinstance(item, list):
                title, page, _ = tree[-1]
                tree[-1] = (title, page, self._tree(item))
            else:
                page = self.reader.get_destination_page_number(item) + 1
                tree.append((item.title, page, []))
        return tree

    def part_page(self, number: int) -> int:
        return next(page for title, page, _ in self.outline if title.startswith(f"{number}. "))

    def destination_page(self, name: str) -> int:
        destination = self.reader.named_destinations[name]
        return self.reader.get_destination_page_number(destination) + 1


def run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="session")
def books(tmp_path_factory) -> dict[str, Book]:
    folder = tmp_path_factory.mktemp("pdf")
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        inputs = read_inputs(DATA)
        made = {}
        for lang in LANGS:
            document, data = pdf.render_book(inputs, lang)  # type: ignore[arg-type]
            path = folder / pdf.pdf_name(lang)  # type: ignore[arg-type]
            path.write_bytes(data)
            made[lang] = Book(lang, path, document, inputs)
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved
    return made


@pytest.fixture(params=LANGS)
def book(request, books) -> Book:
    return books[request.param]


def test_every_code_and_every_source_is_in_the_book(book):
    text = " ".join(book.pages)
    atlas = book.inputs.atlas
    uris = {
        annotation.get_object().get("/A", {}).get("/URI")
        for page in book.reader.pages
        for annotation in page.get("/Annots") or []
    }
    for code in atlas.codes:
        assert f"{code.code} {code.reason.en}" in text, code.code
        assert " ".join(code.meaning.get(book.lang).split()[:8]) in text, code.code
    for source in atlas.sources:
        assert source.name in text
        # printed (pdftotext joins a URL wrapped after a hyphen without it) and linked
        assert source.url.replace("-", "") in text.replace(" ", "").replace("-", "")
        assert source.url in uris
        for rule in source.rules:
            assert " ".join(rule.get(book.lang).split()[:6]) in text, source.id


def test_the_cover_names_the_edition_and_every_source_with_its_retrieval_date(book):
    cover = book.pages[0]
    assert book.t("site_name") in cover
    month = book.t("pdf_months").split()[EDITION.month - 1]
    assert f"{EDITION.day}" in cover and month in cover and str(EDITION.year) in cover
    for source in book.inputs.atlas.sources:
        assert re.search(re.escape(source.name) + r".*?" + source.retrieved, cover), source.id


def toc_entries(book: Book) -> list[tuple[str, int]]:
    """(title, page number) of each contents entry, read from the laid-out contents pages: a
    long title may wrap, and the number comes from the layout itself (target-counter)."""
    texts: dict[str, list[str]] = defaultdict(list)

    def visit(box: Any, link: str | None) -> None:
        element = box.element
        if element is not None and element.tag == "a" and element.get("href"):
            link = element.get("href")
        if link and type(box).__name__ == "TextBox":
            texts[link].append(box.text)
        for child in getattr(box, "children", []):
            visit(child, link)

    for page in book.document.pages[1 : book.part_page(1) - 1]:
        visit(page._page_box, None)
    entries = []
    for pieces in texts.values():
        match = re.fullmatch(r"(.*?)[\s.]*?(\d+)", " ".join(" ".join(pieces).split()))
        assert match, pieces
        entries.append((match[1], int(match[2])))
    return entries


def test_contents_entries_give_the_pages_where_their_sections_start(book):
    atlas = book.inputs.atlas
    entries = toc_entries(book)
    expected = 4 + len(atlas.sources) * 2 + len(atlas.classes) + len(atlas.codes)
    assert len(entries) == expected, entries
    bookmarks = list(walk(book.outline))
    for title, page in entries:
        code = re.match(r"(\d{3}) ", title)
        heading = f"{code[1]} {atlas.code(int(code[1])).reason.en}" if code else title
        assert heading in book.pages[page - 1], (title, page)
        # The outline, built from the headings themselves, agrees with the printed number.
        marks = [p for t, p in bookmarks if t.startswith(heading)]
        assert page in marks, (title, page, marks)


def walk(tree: list[tuple[str, int, list[Any]]]) -> Iterator[tuple[str, int]]:
    for title, page, children in tree:
        yield title, page
        yield from walk(children)


def page_sizes(book: Book) -> list[tuple[float, float]]:
    info = run("pdfinfo", "-f", "1", "-l", str(len(book.pages)), str(book.path))
    return [
        (float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    ]


def test_the_comparison_and_the_matrices_are_on_landscape_pages(book):
    sizes = page_sizes(book)
    assert len(sizes) == len(book.pages)
    wide = range(book.part_page(1), book.part_page(3))
    assert len(wide) >= 2
    for number, (width, height) in enumerate(sizes, start=1):
        if number in wide:
            assert (round(width), round(height)) == (842, 595), number  # A4 landscape
        else:
            assert (round(width), round(height)) == (595, 842), number  # A4 portrait


def test_every_font_is_embedded(book):
    lines = run("pdffonts", str(book.path)).splitlines()[2:]
    assert lines
    for line in lines:
        name, emb = line.split()[0], line.split()[-5]
        assert emb == "yes", line
        assert "Atlas-Sans" in name or "Atlas-Mono" in name, line


def test_metadata_is_in_the_book_language(book):
    info = dict(
        line.split(":", 1) for line in run("pdfinfo", str(book.path)).splitlines() if ":" in line
    )
    info = {key: value.strip() for key, value in info.items()}
    assert info["Title"] == book.t("site_name")
    assert info["Author"] == book.t("pdf_author")
    assert info["Subject"] == book.t("tagline")
    keywords = info["Keywords"].split(", ")
    assert keywords[0] == "HTTP" and "RFC 9110" in keywords
    assert {s.short_name for s in book.inputs.atlas.sources} <= set(keywords)
    assert info["Page size"].startswith("595.276 x 841.89")
    assert book.reader.trailer["/Root"]["/Lang"] == book.lang
    edition = datetime(EDITION.year, EDITION.month, EDITION.day, tzinfo=UTC)
    assert book.reader.metadata.creation_date == edition
    assert book.reader.metadata.modification_date == edition


def test_the_outline_has_every_part_guideline_class_code_and_source(book):
    atlas = book.inputs.atlas
    titles = [title for title, _, _ in book.outline]
    assert titles == [
        book.t("pdf_contents"),
        f"1. {book.t('pdf_compare_title')}",
        f"2. {book.t('methods_title')}",
        f"3. {book.t('codes_title')}",
        f"4. {book.t('sources_title')}",
    ]
    _, _, matrices = book.outline[2]
    assert [t for t, _, _ in matrices] == [s.name for s in atlas.sources]
    _, _, classes = book.outline[3]
    assert [t for t, _, _ in classes] == [
        f"{k.label} · {k.name.get(book.lang)}" for k in atlas.classes
    ]
    for status_class, (_, _, codes) in zip(atlas.classes, classes, strict=True):
        numbers = [int(t.split()[0]) for t, _, _ in codes]
        assert numbers == [c.code for c in atlas.codes_in(status_class.status_class)]
    _, _, sources = book.outline[4]
    assert [t for t, _, _ in sources] == [s.name for s in atlas.sources]


def test_a_code_in_a_table_links_to_its_section(book):
    bookmarks = {int(t.split()[0]): p for t, p in walk(book.outline) if re.match(r"\d{3} ", t)}
    linked: dict[str, int] = {}
    for number in range(book.part_page(1), book.part_page(3)):
        for annotation in book.reader.pages[number - 1].get("/Annots") or []:
            dest = annotation.get_object().get("/Dest")
            if isinstance(dest, str) and dest.startswith("code-"):
                linked[dest] = number
    for code in book.inputs.atlas.codes:
        assert f"code-{code.code}" in linked, code.code
        assert book.destination_page(f"code-{code.code}") == bookmarks[code.code]
    # and a usage cell to that source's entry in the code's section
    assert book.destination_page("code-404-rfc9110") >= bookmarks[404]


def layout_rows(book: Book, table_class: str) -> Iterator[tuple[int, Any, bool]]:
    """(page number, row element, is a header row) for each row box of those tables."""

    def visit(box: Any, page: int, in_table: bool, header: bool) -> Iterator[tuple]:
        classes = (box.element.get("class") or "").split() if box.element is not None else []
        if type(box).__name__ == "TableBox":
            in_table = table_class in classes
        if type(box).__name__ == "TableRowGroupBox":
            header = box.is_header
        if in_table and type(box).__name__ == "TableRowBox":
            yield page, box.element, header
        for child in getattr(box, "children", []):
            yield from visit(child, page, in_table, header)

    for number, page in enumerate(book.document.pages, start=1):
        yield from visit(page._page_box, number, False, False)


@pytest.mark.parametrize("table_class", ["compare", "matrix-table"])
def test_table_headers_repeat_and_no_row_is_split_across_pages(book, table_class):
    pages_of: dict[int, set[int]] = defaultdict(set)
    headed: set[int] = set()
    body_pages: set[int] = set()
    codes = []
    for page, element, header in layout_rows(book, table_class):
        if header:
            headed.add(page)
            continue
        body_pages.add(page)
        if id(element) not in pages_of and element.get("data-code"):
            codes.append(element.get("data-code"))
        pages_of[id(element)].add(page)
    assert len(body_pages) >= 2
    assert body_pages <= headed, "a page of the table has no header row"
    split = [pages for pages in pages_of.values() if len(pages) > 1]
    assert not split, split
    if table_class == "compare":
        assert sorted(set(codes)) == sorted(str(c.code) for c in book.inputs.atlas.codes)


def test_the_legend_tells_states_by_symbol_and_word(book):
    matrix = book.pages[book.part_page(2) - 1]
    for state, symbol in (("yes", "✓"), ("no", "✗"), ("conditional", "◐"), ("unspecified", "–")):
        assert f"{symbol} {book.t('state_' + state)}" in matrix


def test_running_header_and_localized_page_footer(book):
    total = len(book.pages)
    footer = book.t("pdf_page_x_of_y")
    for number, text in enumerate(book.pages, start=1):
        expected = footer.format(page=number, pages=total)
        if number == 1:
            assert expected not in text  # the cover has no header or footer
        else:
            assert expected in text, number
    code_page = book.pages[book.part_page(3)]
    assert code_page.startswith(f"3. {book.t('codes_title')}")


def test_the_same_input_gives_the_same_bytes(books, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    output = tmp_path / "again.pdf"
    assert main(["pdf", "--lang", "en", "--data", str(DATA), "-o", str(output)]) == 0
    assert "pages" in capsys.readouterr().out
    assert output.read_bytes() == books["en"].path.read_bytes()


def test_the_site_links_the_book_of_its_language(site, books):
    for lang, prefix in (("pt-BR", ""), ("en", "en/")):
        home = site / prefix / "index.html"
        html = BeautifulSoup(home.read_text(encoding="utf-8"), "html.parser")
        links = [a["href"] for a in html.find_all("a", href=True) if a["href"].endswith(".pdf")]
        assert links == [f"{'../' if prefix else ''}downloads/atlas-{lang}.pdf"]
        target = Path(urljoin(home.as_uri(), links[0]).removeprefix("file://"))
        assert target.is_file(), target
        # built in another process by the site build: still the same bytes
        assert target.read_bytes() == books[lang].path.read_bytes()


def test_invalid_data_stops_with_the_check_errors_and_writes_nothing(tmp_path, capsys):
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        DATA.read_text(encoding="utf-8").replace('retryable: "no"', "retryable: maybe", 1),
        encoding="utf-8",
    )
    output = tmp_path / "atlas.pdf"
    code = main(["pdf", "--lang", "pt-BR", "--data", str(broken), "-o", str(output)])
    err = capsys.readouterr().err
    assert code == 1
    assert re.search(r"broken\.yaml:\d+:\d+: error: 'retryable' cannot be the text 'maybe'", err)
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.yaml"]


def test_a_failed_write_leaves_the_previous_file_and_no_temporary(tmp_path, monkeypatch, books):
    output = tmp_path / "atlas.pdf"
    output.write_bytes(b"previous")
    monkeypatch.setattr(pdf, "render_book", lambda inputs, lang: (books["en"].document, b"%PDF"))

    def fail(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(paths.os, "replace", fail)  # where every atomic write happens
    with pytest.raises(OSError, match="disk full"):
        pdf.write_pdf(books["en"].inputs, "en", output)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["atlas.pdf"]
    assert output.read_bytes() == b"previous"


def test_missing_fonts_are_named_with_the_package_to_install(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(pdf, "FONT_DIR", tmp_path / "no-fonts")
    with pytest.raises(BuildError, match="apt-get install fonts-dejavu-core"):
        pdf.font_faces()
    output = tmp_path / "atlas.pdf"
    assert main(["pdf", "--lang", "en", "--data", str(DATA), "-o", str(output)]) == 1
    assert "error: the PDF build failed" in capsys.readouterr().err
    assert not output.exists()


@pytest.mark.parametrize(("days", "label"), [(-1, "expires"), (0, "expires"), (1, "expired")])
@pytest.mark.parametrize("lang", LANGS)
def test_a_temporary_registration_expires_against_the_edition_date(books, lang, days, label):
    inputs = books[lang].inputs
    code = inputs.atlas.code(104)
    assert code.expires
    edition = date.fromisoformat(code.expires) + timedelta(days=days)
    html = pdf.book_html(Inputs(inputs.atlas, inputs.strings, edition), lang)  # type: ignore[arg-type]
    section = html[html.index('id="code-104"') :]
    section = section[: section.index("</article>")]
    assert f"{inputs.strings.get(label, lang)} <time" in section  # type: ignore[arg-type]


def test_many_sources_are_compared_in_several_tables_that_keep_every_fact(books):
    atlas = books["en"].inputs.atlas
    tables = render.book_compare_tables(atlas, per_table=2)
    assert [len(t.sources) for t in tables] == [2, 2, 1]
    whole = render.compare_groups(atlas)
    for table in tables:
        for group, full in zip(table.groups, whole, strict=True):
            assert len(group.class_usages) == len(table.sources)
            for row, full_row in zip(group.rows, full.rows, strict=True):
                assert len(row.cells) == len(table.sources)
                assert table.older_names[row.code.code] == full_row.older_names
    cells = [
        [c for t in tables for c in t.groups[g].rows[r].cells]
        for g in range(len(whole))
        for r in range(len(whole[g].rows))
    ]
    assert cells == [list(row.cells) for group in whole for row in group.rows]


class CountingPool:
    """Stands in for the process pool the site build lays the books out in; counts them."""

    books = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from concurrent.futures import ProcessPoolExecutor

        self.pool = ProcessPoolExecutor(*args, **kwargs)

    def submit(self, *args: Any) -> Any:
        CountingPool.books += 1
        return self.pool.submit(*args)

    def shutdown(self, **kwargs: Any) -> None:
        self.pool.shutdown(**kwargs)


def test_a_rebuild_lays_out_again_only_the_books_whose_inputs_changed(tmp_path, monkeypatch):
    from generator.site import books as site_books

    from .conftest import FIXTURES
    from .sitebuild import build_site

    monkeypatch.setattr(site_books, "ProcessPoolExecutor", CountingPool)
    data = tmp_path / "atlas.yaml"
    data.write_text((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"), encoding="utf-8")

    def downloads() -> dict[str, bytes]:
        code, site = build_site(data, tmp_path)
        assert code == 0
        return {p.name: p.read_bytes() for p in sorted((site / "downloads").iterdir())}

    first = downloads()
    assert (CountingPool.books, sorted(first)) == (2, ["atlas-en.pdf", "atlas-pt-BR.pdf"])
    assert downloads() == first and CountingPool.books == 2  # nothing changed: both reused
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("The request succeeded.", "It succeeded.", 1), encoding="utf-8")
    again = downloads()  # an English text changed: the English book only
    assert CountingPool.books == 3
    assert again["atlas-en.pdf"] != first["atlas-en.pdf"]
    assert again["atlas-pt-BR.pdf"] == first["atlas-pt-BR.pdf"]
    assert len(list((tmp_path / "pdf-cache").glob("*.pdf"))) == 2  # only the latest are kept


def test_the_live_preview_links_real_books_too(tmp_path, monkeypatch):
    """`make serve` builds as mkdocs serve does; the books land in its site in the background."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from generator.site import build

    from .conftest import FIXTURES, ROOT

    monkeypatch.setenv("ATLAS_DATA", str(FIXTURES / "minimal.yaml"))
    monkeypatch.setenv("ATLAS_WORK", str(tmp_path / "work"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    site = tmp_path / "preview"
    for lang in LANGS:
        build.docs_dir(lang).mkdir(parents=True)  # as `make serve` makes them
    config = load_config(
        str(ROOT / "mkdocs.yml"), site_dir=str(site), docs_dir=str(build.docs_dir("pt-BR"))
    )
    config.plugins.on_startup(command="serve", dirty=False)
    mkdocs_build(config)
    build.wait_for_preview_books()
    for lang, prefix in (("pt-BR", ""), ("en", "en/")):
        home = BeautifulSoup((site / prefix / "index.html").read_text("utf-8"), "html.parser")
        link = next(a["href"] for a in home.find_all("a", href=True) if a["href"].endswith(".pdf"))
        book = (site / prefix / link).resolve()
        assert book.read_bytes().startswith(b"%PDF-"), (lang, link)

"""The printed reference: what a reader gets from each language's PDF.

Each book is laid out once per test session; the PDF is then read back with poppler-utils
(pdftotext, pdfinfo, pdffonts) and pypdf, as a reader's tools and a screen reader would: the
text, the links, the bookmarks and the tagged structure.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from generator import files as paths
from generator.atlas import load_atlas
from generator.cli import main
from generator.edition import Edition as Inputs
from generator.edition import read_edition as read_inputs
from generator.errors import BuildError
from generator.model import SCENARIO_GROUPS
from generator.views import book as pdf
from generator.views import pages as render
from generator.views import typeset

from .conftest import DATA, FIXTURES
from .sitebuild import EPOCH, build_site, tree_digest

LANGS = ("pt-BR", "en")
EDITION = datetime.fromtimestamp(int(EPOCH), UTC).date()


@dataclass
class Book:
    lang: str
    path: Path
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

    @cached_property
    def destination_names(self) -> dict[tuple[int, float, float], str]:
        """The named destinations (one per labelled heading: code-404, source-zalando, ...) by
        the place they open: page, left, top."""
        return {
            (self.destination_page(name), round(float(d.left), 2), round(float(d.top), 2)): name
            for name, d in self.reader.named_destinations.items()
        }

    def links(self, number: int) -> list[tuple[str, list[float]]]:
        """The links to a place in the book on a page: the name of the heading each opens (the
        book links to positions; a named destination marks each heading's) and its area."""
        found = []
        annotations = self.reader.pages[number - 1].get("/Annots") or []
        for annotation in (a.get_object() for a in annotations):
            dest = annotation.get("/Dest")
            if dest is None:
                continue
            page = self.page_numbers[dest[0].idnum]
            where = (page, round(float(dest[2]), 2), round(float(dest[3]), 2))
            assert where in self.destination_names, (number, where)  # a link opens a heading
            found.append((self.destination_names[where], [float(x) for x in annotation["/Rect"]]))
        return found

    @cached_property
    def info(self) -> dict[str, str]:
        lines = run("pdfinfo", str(self.path)).splitlines()
        return {k: v.strip() for k, v in (line.split(":", 1) for line in lines if ":" in line)}

    @cached_property
    def page_numbers(self) -> dict[int, int]:
        """Page object number to 1-based page number."""
        return {page.indirect_reference.idnum: n for n, page in enumerate(self.reader.pages, 1)}

    @cached_property
    def structure(self) -> Any:
        """The tagged structure's root element (/Document)."""
        (document,) = kids(self.reader.trailer["/Root"]["/StructTreeRoot"])
        return document

    def pages_of(self, element: Any) -> set[int]:
        """The pages a structure element's content is on."""
        found = set()
        if "/Pg" in element:
            found.add(self.page_numbers[element.raw_get("/Pg").idnum])
        for kid in kids(element):
            found |= self.pages_of(kid)
        return found


def kids(element: Any) -> list[Any]:
    """A structure element's child elements (marked-content numbers left out)."""
    value = element.get("/K")
    items = value if isinstance(value, list) else [] if value is None else [value]
    resolved = (item.get_object() if hasattr(item, "get_object") else item for item in items)
    return [item for item in resolved if isinstance(item, dict)]


def elements(element: Any, tag: str) -> Iterator[Any]:
    """Every structure element with that tag, in reading order."""
    if element.get("/S") == tag:
        yield element
    for kid in kids(element):
        yield from elements(kid, tag)


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
            path = folder / pdf.pdf_name(lang)  # type: ignore[arg-type]
            path.write_bytes(pdf.render_book(inputs, lang))  # type: ignore[arg-type]
            made[lang] = Book(lang, path, inputs)
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
    """(title, page number) of each contents entry, read from the contents pages as printed:
    the words inside each link to a section (a long title may wrap, so one entry may be
    several link rectangles), ending in the page number the layout found for it."""
    first, last = 2, book.part_page(1) - 1
    words = BeautifulSoup(
        run("pdftotext", "-bbox", "-f", str(first), "-l", str(last), str(book.path), "-"),
        "html.parser",
    )
    texts: dict[str, list[str]] = defaultdict(list)
    for number, page in enumerate(words.find_all("page"), start=first):
        height = float(page["height"])
        links = book.links(number)
        for word in page.find_all("word"):
            x = (float(word["xmin"]) + float(word["xmax"])) / 2
            y = height - (float(word["ymin"]) + float(word["ymax"])) / 2  # PDF y goes up
            for dest, (x0, y0, x1, y1) in links:
                if x0 <= x <= x1 and y0 <= y <= y1:
                    texts[dest].append(word.text)
                    break
    entries = []
    for pieces in texts.values():
        match = re.fullmatch(r"(.*?)[\s.]*?(\d+)", " ".join(" ".join(pieces).split()))
        assert match, pieces
        entries.append((match[1], int(match[2])))
    return entries


def test_contents_entries_give_the_pages_where_their_sections_start(book):
    atlas = book.inputs.atlas
    entries = toc_entries(book)
    parts, matrices_and_sources = 5, 2 * len(atlas.sources)
    expected = parts + matrices_and_sources + len(atlas.scenarios) + len(atlas.classes)
    expected += len(atlas.codes)
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
    wide = range(book.part_page(4), len(book.pages) + 1)  # the last two parts
    assert len(wide) >= 2
    for number, (width, height) in enumerate(sizes, start=1):
        if number in wide:
            assert (round(width), round(height)) == (842, 595), number  # A4 landscape
        else:
            assert (round(width), round(height)) == (595, 842), number  # A4 portrait


def test_every_font_is_embedded_as_a_subset_of_debian_dejavu(book):
    lines = run("pdffonts", str(book.path)).splitlines()[2:]
    assert lines
    ours = {name.removesuffix(".ttf") for name in typeset.FONTS}
    for line in lines:
        name, emb, sub = line.split()[0], line.split()[-5], line.split()[-4]
        assert (emb, sub) == ("yes", "yes"), line
        assert name.split("+", 1)[1] in ours, line  # ABCDEF+DejaVuSans: a subset of ours


def test_metadata_is_in_the_book_language(book):
    info = book.info
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


def test_the_book_is_tagged_for_screen_readers_in_its_language(book):
    assert book.info["Tagged"] == "yes"
    root = book.reader.trailer["/Root"]
    assert root["/Lang"] == book.lang
    assert bool(root["/MarkInfo"]["/Marked"])
    xmp = root["/Metadata"].get_data().decode("utf-8")
    assert re.search(r"pdfuaid:part[^0-9]*1", xmp)  # PDF/UA-1
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])  # the title, not the file
    document = book.structure
    assert len(list(elements(document, "/Title"))) == 1  # the cover's
    parts = list(elements(document, "/H1"))
    atlas = book.inputs.atlas
    assert len(parts) == 1 + 1 + 5  # the cover's "sources compared", the contents, five parts
    groups = {s.group for s in atlas.scenarios}
    assert len(list(elements(document, "/H2"))) == (
        2 * len(atlas.sources) + len(groups) + len(atlas.classes)
    )
    assert len(list(elements(document, "/H3"))) >= len(atlas.codes) + len(atlas.scenarios)
    assert len(list(elements(document, "/Table"))) > len(atlas.codes)  # each code's facts
    assert len(list(elements(document, "/Link"))) > 2 * len(atlas.codes)


def test_the_outline_has_every_part_guideline_situation_class_code_and_source(book):
    atlas = book.inputs.atlas
    titles = [title for title, _, _ in book.outline]
    assert titles == [
        book.t("pdf_contents"),
        f"1. {book.t('codes_title')}",
        f"2. {book.t('sources_title')}",
        f"3. {book.t('scenarios_title')}",
        f"4. {book.t('pdf_compare_title')}",
        f"5. {book.t('methods_title')}",
    ]
    _, _, matrices = book.outline[5]
    assert [t for t, _, _ in matrices] == [s.name for s in atlas.sources]
    _, _, groups = book.outline[3]
    shown = [(t, [q for q, _, _ in questions]) for t, _, questions in groups]
    assert shown == [
        (
            book.t(f"scenario_group_{group}"),
            [s.question.get(book.lang) for s in atlas.scenarios if s.group == group],
        )
        for group in SCENARIO_GROUPS
        if any(s.group == group for s in atlas.scenarios)
    ]
    _, _, classes = book.outline[1]
    assert [t for t, _, _ in classes] == [
        f"{k.label} · {k.name.get(book.lang)}" for k in atlas.classes
    ]
    for status_class, (_, _, codes) in zip(atlas.classes, classes, strict=True):
        numbers = [int(t.split()[0]) for t, _, _ in codes]
        assert numbers == [c.code for c in atlas.codes_in(status_class.status_class)]
    _, _, sources = book.outline[2]
    assert [t for t, _, _ in sources] == [s.name for s in atlas.sources]


def test_a_code_in_a_table_links_to_its_section(book):
    bookmarks = {int(t.split()[0]): p for t, p in walk(book.outline) if re.match(r"\d{3} ", t)}
    linked: dict[str, int] = {}
    for number in range(book.part_page(4), len(book.pages) + 1):  # comparison and matrices
        for name, _ in book.links(number):
            if name.startswith("code-"):
                linked[name] = number
    for code in book.inputs.atlas.codes:
        assert f"code-{code.code}" in linked, code.code
        assert book.destination_page(f"code-{code.code}") == bookmarks[code.code]
    # and a usage cell to that source's entry in the code's section
    assert book.destination_page("code-404-rfc9110") >= bookmarks[404]


@pytest.mark.parametrize("part", [4, 5])
def test_table_headers_repeat_and_no_row_is_split_across_pages(book, part):
    """The rows (TR) of the comparison and matrix tables as the tagged structure has them, and
    the pages their cells are on; the column heads as printed at the top of each page."""
    atlas = book.inputs.atlas
    if part == 4:
        heads = [[s.short_name for s in t.sources] for t in render.book_compare_tables(atlas)]
        pages = set(range(book.part_page(4), book.part_page(5)))
    else:
        heads = [list(t.methods) for t in render.matrix_tables(atlas)]
        pages = set(range(book.part_page(5), len(book.pages) + 1))
    tables = [t for t in elements(book.structure, "/Table") if book.pages_of(t) <= pages]
    assert len(tables) == len(heads)
    body_pages: set[int] = set()
    rows = 0
    for table, head in zip(tables, heads, strict=True):
        head = [book.t("code"), book.t("name"), *head]
        for row in (r for body in elements(table, "/TBody") for r in kids(body)):
            if any(cell["/S"] == "/TH" for cell in kids(row)):
                continue  # a class's row, heading its codes
            on = book.pages_of(row)
            assert len(on) == 1, (part, on)  # no row is split across pages
            body_pages |= on
            rows += 1
        for page in sorted(book.pages_of(table))[1:]:  # where it goes on, it starts with its head
            lines = [line for line in layout_lines(book, page) if line.strip()]
            top = " ".join(lines[1].split())  # the line under the running header
            assert top.startswith(f"{head[0]} {head[1]}"), (page, top)
            assert all(name in top for name in head), (page, top)
    assert len(body_pages) >= 2
    if part == 4:  # every code in each comparison table
        assert rows == len(atlas.codes) * len(heads)
    else:  # every usage in its guideline's matrix
        assert rows == sum(len(s.usage) for s in atlas.sources)


def layout_lines(book: Book, page: int) -> list[str]:
    command = ("pdftotext", "-layout", "-f", str(page), "-l", str(page), str(book.path), "-")
    return run(*command).splitlines()


def sections(book: Book) -> list[tuple[str, str, set[str]]]:
    """(bookmark title, text, link destinations) of every bookmarked section, in order: from
    its page to the page where the next one starts."""
    marks = list(walk(book.outline))
    found = []
    for index, (title, page) in enumerate(marks):
        end = marks[index + 1][1] if index + 1 < len(marks) else len(book.pages)
        pages = range(page, max(page, end) + 1)
        text = " ".join(book.pages[n - 1] for n in pages)
        links = {name for n in pages for name, _ in book.links(n)}
        found.append((title, text, links))
    return found


def flat(text: str) -> str:
    """Text without spaces and hyphens, for URLs that pdftotext split where they wrapped."""
    return text.replace(" ", "").replace("-", "")


def test_each_situation_gives_rfc_9110s_answer_and_every_guidelines(book):
    atlas = book.inputs.atlas
    by_title = {title: (text, links) for title, text, links in sections(book)}
    for scenario in atlas.scenarios:
        text, links = by_title[scenario.question.get(book.lang)]
        assert " ".join(scenario.description.get(book.lang).split()[:8]) in text
        assert scenario.baseline.reference.title in text
        for code in scenario.baseline.codes:
            assert f"code-{code}" in links, (scenario.id, code)
        for source in (s for s in atlas.sources if s.kind == "guideline"):
            assert source.short_name in text, (scenario.id, source.id)
            answer = scenario.answer(source.id)
            if answer is None:
                continue
            assert " ".join(answer.note.get(book.lang).split()[:6]) in text, answer.source
            assert flat(answer.url) in flat(text), answer.url
            for code in answer.codes:
                used = atlas.usage(source.id, code) is not None
                assert (f"code-{code}-{source.id}" if used else f"code-{code}") in links
        if len(scenario.answers) < len([s for s in atlas.sources if s.kind == "guideline"]):
            assert book.t("scenario_not_stated") in text


def test_each_usage_gives_the_guidelines_stance_and_what_to_use_instead(book):
    atlas = book.inputs.atlas
    by_title = {title.split()[0]: (text, links) for title, text, links in sections(book)}
    ruled_out = [u for s in atlas.sources for u in s.usage if u.ruled_out and u.code]
    assert ruled_out
    for usage in ruled_out:
        text, links = by_title[str(usage.code)]
        stance = f"{render.STANCE_SYMBOLS[usage.stance]} {book.t('stance_' + usage.stance)}"
        instead = ", ".join(str(code) for code in usage.instead) or book.t("instead_none")
        assert f"{book.t('stance')}: {stance} · {book.t('instead')}: {instead}" in text, usage
        for code in usage.instead:
            assert f"code-{code}" in links
        if usage.why:
            assert " ".join(usage.why.get(book.lang).split()[:6]) in text
    recommended = [u for s in atlas.sources for u in s.usage if u.stance == "recommended"]
    assert recommended
    text, _ = by_title[str(recommended[0].code)]
    assert f"{book.t('stance')}: ↑ {book.t('stance_recommended')}" in text


def test_the_legend_tells_states_by_symbol_and_word(book):
    matrix = book.pages[book.part_page(5) - 1]
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
    code_page = book.pages[book.part_page(1)]
    assert code_page.startswith(f"1. {book.t('codes_title')}")


def test_the_same_input_gives_the_same_bytes(books, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    output = tmp_path / "again.pdf"
    assert main(["pdf", "--lang", "en", "--data", str(DATA), "-o", str(output)]) == 0
    assert "pages" in capsys.readouterr().out
    assert output.read_bytes() == books["en"].path.read_bytes()


def test_a_book_that_cannot_be_laid_out_stops_the_site_build(tmp_path, monkeypatch, capsys):
    """The site's build waits for its books: one that fails fails the build, with Typst's
    message and no traceback, and the last good site stays as it was. (The books' processes
    are threads here, so that the failing layout can be put in their place.)"""
    from concurrent.futures import ThreadPoolExecutor

    from generator.site import books

    code, built = build_site(DATA, tmp_path)
    assert code == 0
    before = tree_digest(built)

    def fails(book: str, edition: date) -> bytes:
        raise BuildError("book.typ: error: the layout failed here")

    monkeypatch.setattr(books, "render_pdf", fails)
    monkeypatch.setattr(
        books,
        "ProcessPoolExecutor",
        lambda workers, mp_context, initializer: ThreadPoolExecutor(workers),
    )
    capsys.readouterr()
    code, built = build_site(DATA, tmp_path)
    err = capsys.readouterr().err
    assert code == 1
    assert "the PDF build failed: book.typ: error: the layout failed here" in err, err
    assert "Traceback" not in err
    assert tree_digest(built) == before


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
    monkeypatch.setattr(pdf, "render_book", lambda inputs, lang: b"%PDF")

    def fail(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(paths.os, "replace", fail)  # where every atomic write happens
    with pytest.raises(OSError, match="disk full"):
        pdf.write_pdf(books["en"].inputs, "en", output)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["atlas.pdf"]
    assert output.read_bytes() == b"previous"


def test_missing_fonts_are_named_with_the_package_to_install(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(typeset, "FONT_DIR", tmp_path / "no-fonts")
    with pytest.raises(BuildError, match="apt-get install fonts-dejavu-core"):
        typeset.check_fonts()
    output = tmp_path / "atlas.pdf"
    assert main(["pdf", "--lang", "en", "--data", str(DATA), "-o", str(output)]) == 1
    assert "error: the PDF build failed" in capsys.readouterr().err
    assert not output.exists()


def test_a_warning_from_typst_fails_the_book(tmp_path, monkeypatch, capsys):
    template = tmp_path / "book.typ"
    template.write_text(
        '#set document(title: "T")\n#set text(font: "No Such Font", fallback: false)\nHello\n'
    )
    monkeypatch.setattr(typeset, "TEMPLATE", template)
    output = tmp_path / "atlas.pdf"
    assert main(["pdf", "--lang", "en", "--data", str(DATA), "-o", str(output)]) == 1
    err = capsys.readouterr().err
    assert "Typst warned about book.typ, so the book is not written" in err, err
    assert "warning: unknown font family: no such font" in err and "book.typ:2:16" in err
    assert "Traceback" not in err
    assert not output.exists()


def test_a_python_without_typst_is_told_how_to_install_it(tmp_path, monkeypatch, capsys):
    real = typeset.importlib.util.find_spec
    monkeypatch.setattr(
        typeset.importlib.util, "find_spec", lambda name: None if name == "typst" else real(name)
    )
    output = tmp_path / "atlas.pdf"
    assert main(["pdf", "--lang", "en", "--data", str(DATA), "-o", str(output)]) == 1
    err = capsys.readouterr().err
    assert "the PDF needs the typst package" in err and "make venv" in err
    assert "Traceback" not in err
    assert not output.exists()


@pytest.mark.parametrize(("days", "label"), [(-1, "expires"), (0, "expires"), (1, "expired")])
@pytest.mark.parametrize("lang", LANGS)
def test_a_temporary_registration_expires_against_the_edition_date(books, lang, days, label):
    inputs = books[lang].inputs
    code = inputs.atlas.code(104)
    assert code.expires
    edition = date.fromisoformat(code.expires) + timedelta(days=days)
    book = pdf.book_data(replace(inputs, build_date=edition), lang)
    (entry,) = (c for k in book["classes"] for c in k["codes"] if c["code"] == 104)
    expected = {"label": inputs.strings.get(label, lang), "date": code.expires}  # type: ignore[arg-type]
    assert entry["expiry"] == expected


def test_many_sources_are_compared_in_several_tables_that_keep_every_fact(books):
    atlas = books["en"].inputs.atlas
    tables = render.book_compare_tables(atlas, per_table=2)
    count = len(atlas.sources)
    assert count > 2
    assert [len(t.sources) for t in tables] == [2] * (count // 2) + [1] * (count % 2)
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


#: Texts that Typst would read as markup or code if the data were ever parsed as a template.
TYPST_HOSTILE = {
    "meaning": '#panic("meaning") = not a heading *no bold* _no italic_ $x^2$ <not-a-label>',
    "action": '@not-a-ref #set text(size: 40pt) #read("/etc/passwd") `raw` \\ ] [ // kept',
    "note": '#import "evil.typ": * ] ) } /* not a comment */ #{ 1 + 1 }',
}


def test_the_data_is_printed_as_text_never_read_as_markup(tmp_path, monkeypatch):
    usage = f"""
      - code: 500
        meaning: {{en: '{TYPST_HOSTILE["meaning"]}', pt-BR: '{TYPST_HOSTILE["meaning"]}'}}
        methods: {{GET: "yes"}}
        action: {{en: '{TYPST_HOSTILE["action"]}', pt-BR: '{TYPST_HOSTILE["action"]}'}}
        notes:
          - {{en: '{TYPST_HOSTILE["note"]}', pt-BR: '{TYPST_HOSTILE["note"]}'}}
"""
    hostile = (FIXTURES / "hostile-guideline.yaml").read_text(encoding="utf-8")
    situation = (FIXTURES / "hostile-scenario.yaml").read_text(encoding="utf-8")
    text = f"{DATA.read_text(encoding='utf-8').rstrip()}\n{hostile.rstrip()}\n{usage}"
    data = tmp_path / "atlas.yaml"
    data.write_text(text.replace("\nguide:\n", f"\n{situation}guide:\n", 1), encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    output = tmp_path / "atlas.pdf"
    assert main(["pdf", "--lang", "en", "--data", str(data), "-o", str(output)]) == 0
    text = " ".join(run("pdftotext", "-enc", "UTF-8", str(output), "-").split())
    atlas = load_atlas(data)
    source = atlas.source("hostile-house")
    scenario = atlas.scenario("hostile-situation")
    for value in (
        *TYPST_HOSTILE.values(),
        source.name,
        source.usage[0].action.en,  # type: ignore[union-attr]
        scenario.question.en,
        scenario.description.en,
        scenario.answers[0].note.en,
    ):
        assert " ".join(value.split()) in text, value


def test_the_live_preview_links_real_books_too(tmp_path, monkeypatch):
    """`make serve` builds as mkdocs serve does; the books land in its site in the background."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from generator.site.plugin import atlas_plugin

    from .conftest import FIXTURES, ROOT

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    site = tmp_path / "preview"
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site))
    plugin = atlas_plugin(config)
    plugin.config.data_file = str(FIXTURES / "minimal.yaml")
    config.plugins.on_startup(command="serve", dirty=False)
    mkdocs_build(config)
    plugin.wait_for_books()
    for lang, prefix in (("pt-BR", ""), ("en", "en/")):
        home = BeautifulSoup((site / prefix / "index.html").read_text("utf-8"), "html.parser")
        link = next(a["href"] for a in home.find_all("a", href=True) if a["href"].endswith(".pdf"))
        book = (site / prefix / link).resolve()
        assert book.read_bytes().startswith(b"%PDF-"), (lang, link)

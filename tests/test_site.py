"""The built site: every page in both languages, tables that match the data, safe text."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.atlas import load_atlas
from generator.model import METHODS, Atlas

from .conftest import DATA, FIXTURES, ROOT
from .sitebuild import EPOCH, build_site, tree_digest

LANGS = {"pt-BR": "", "en": "en/"}


@cache
def atlas() -> Atlas:
    return load_atlas(DATA)


def soup(site: Path, lang: str, page: str) -> BeautifulSoup:
    path = site / LANGS[lang] / page / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("lang", LANGS)
def test_every_code_has_a_page_in_both_languages(site, lang):
    for code in atlas().codes:
        page = soup(site, lang, f"codes/{code.code}")
        assert page.html["lang"] == lang
        assert page.h1.get_text(" ", strip=True).startswith(f"{code.code} {code.reason.en}")
        site_name = "Atlas de Status HTTP" if lang == "pt-BR" else "HTTP Status Atlas"
        assert page.title.string == f"{code.code} {code.reason.en} · {site_name}"
        description = page.find("meta", attrs={"name": "description"})["content"]
        assert description and description.rstrip("…") in code.meaning.get(lang)
        for usage in atlas().usages_of(code.code):
            section = page.find(id=usage.source)
            assert section is not None, (lang, code.code, usage.source)
        assert code.meaning.get(lang) in page.get_text(" ")


@pytest.mark.parametrize("lang", LANGS)
def test_every_source_has_a_page_listing_its_codes(site, lang):
    for source in atlas().sources:
        page = soup(site, lang, f"sources/{source.id}")
        rows = [tr["data-code"] for tr in page.select("table.atlas-source-codes tr[data-code]")]
        assert rows == [u.label for u in source.usage]
        assert page.find("a", href=source.url) is not None
        assert source.license.get(lang) in page.get_text(" ")


@pytest.mark.parametrize("lang", LANGS)
def test_compare_table_matches_the_data_cell_by_cell(site, lang):
    page = soup(site, lang, "compare")
    rows = page.select("table.atlas-compare tr[data-code]")
    assert [int(r["data-code"]) for r in rows] == [c.code for c in atlas().codes]
    for row in rows:
        code = int(row["data-code"])
        cells = row.find_all("td", attrs={"data-source": True})
        assert [c["data-source"] for c in cells] == [s.id for s in atlas().sources]
        for cell in cells:
            usage = atlas().usage(cell["data-source"], code)
            if usage is None:
                assert "atlas-unused" in cell["class"]
                assert cell.find("a") is None
            else:
                kind = "atlas-ruled-out" if usage.ruled_out else "atlas-used"
                assert kind in cell["class"]
                assert cell["data-stance"] == usage.stance
                assert cell.a["href"] == f"../codes/{code}/#{usage.source}"


def test_compare_shows_older_names_beside_the_iana_name(site):
    row = soup(site, "en", "compare").select_one('tr[data-code="422"]')
    text = row.get_text(" ", strip=True)
    assert "Unprocessable Content" in text and "Unprocessable Entity" in text


@pytest.mark.parametrize("lang", LANGS)
def test_method_matrix_matches_the_data_cell_by_cell(site, lang):
    page = soup(site, lang, "methods")
    for source in atlas().sources:
        table = page.select_one(f'table.atlas-matrix[data-source="{source.id}"]')
        rows = table.select("tbody tr")
        assert [r["data-code"] for r in rows] == [u.label for u in source.usage]
        for row, usage in zip(rows, source.usage, strict=True):
            for cell in row.select("td[data-method]"):
                assert cell["data-state"] == usage.method(cell["data-method"])
                assert cell["data-method"] in METHODS
            shown = [c["data-method"] for c in row.select("td[data-method]")]
            assert set(usage.methods) <= set(shown)


def test_method_matrix_states_are_told_by_symbol_and_text(site):
    page = soup(site, "pt-BR", "methods")
    table = page.select_one('table.atlas-matrix[data-source="open-finance-brasil"]')
    row = table.select_one('tr[data-code="201"]')
    cells = {
        c["data-method"]: c.get_text(" ", strip=True)
        for c in row.select("td")
        if c.has_attr("data-method")
    }
    assert cells["POST"] == "✓ sim"
    assert cells["GET"] == "✗ não"
    assert cells["PUT"] == "– não informado"
    claro = page.select_one('table.atlas-matrix[data-source="claro"] tr[data-code="200"]')
    put = claro.select_one('td[data-method="PUT"]')
    assert put.get_text(" ", strip=True).startswith("◐ condicional")
    note = put.a["href"].lstrip("#")
    assert "síncron" in page.find(id=note).get_text(" ")


@pytest.mark.parametrize("lang", LANGS)
def test_language_switcher_and_hreflang_point_at_the_twin_page(site, lang):
    for path in ("", "compare/", "codes/404/", "sources/claro/"):
        page_file = site / LANGS[lang] / path / "index.html"
        page = BeautifulSoup(page_file.read_text(encoding="utf-8"), "html.parser")
        links = page.select("a.md-select__link")
        assert [a["hreflang"] for a in links] == ["pt-BR", "en"]
        for link in links:
            target = (page_file.parent / link["href"]).resolve()
            twin = (site / LANGS[link["hreflang"]] / path).resolve()
            assert target == twin, (lang, path, link["href"])
        alternates = {
            link["hreflang"]: link["href"] for link in page.find_all("link", rel="alternate")
        }
        assert alternates == {
            "pt-BR": f"https://httpstatusatlas.dev/{path}",
            "en": f"https://httpstatusatlas.dev/en/{path}",
            "x-default": f"https://httpstatusatlas.dev/{path}",
        }


def test_sitemap_lists_both_languages_with_alternates(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://httpstatusatlas.dev/en/codes/404/</loc>" in sitemap
    assert 'hreflang="pt-BR" href="https://httpstatusatlas.dev/codes/404/"' in sitemap
    pages = [p.relative_to(site).as_posix() for p in site.rglob("index.html")]
    cards = re.compile(r"embed/\d+/")  # embeds, not pages (tests/test_embed.py)
    assert sitemap.count("<url>") == 2 * sum(
        1 for p in pages if not p.startswith("en") and not cards.match(p)
    )
    assert not (site / "en" / "sitemap.xml").exists()


@pytest.mark.parametrize(("lang", "stemmer"), [("pt-BR", "pt"), ("en", "en")])
def test_each_language_has_its_own_search_index(site, lang, stemmer):
    index = json.loads((site / LANGS[lang] / "search" / "search_index.json").read_text())
    assert index["config"]["lang"] == [stemmer]
    locations = {doc["location"] for doc in index["docs"]}
    assert "codes/404/" in locations
    assert not any(loc.startswith("en/") for loc in locations)


@pytest.mark.parametrize(
    ("lang", "fact"), [("pt-BR", "Definido em RFC 9110"), ("en", "Defined in RFC 9110")]
)
def test_search_results_keep_words_of_neighbouring_cells_apart(site, lang, fact):
    index = json.loads((site / LANGS[lang] / "search" / "search_index.json").read_text())
    text = next(doc["text"] for doc in index["docs"] if doc["location"] == "codes/404/")
    assert fact in text


@pytest.mark.parametrize("lang", LANGS)
def test_search_indexes_what_people_look_for_not_every_table_cell(site, lang):
    """Codes, names, meanings, sources and their notes; not the tables, whose cells repeat
    the code pages (method states, the comparison, each source's list of codes)."""
    index = json.loads((site / LANGS[lang] / "search" / "search_index.json").read_text())
    docs = {doc["location"]: doc for doc in index["docs"]}
    code = docs["codes/429/"]
    assert code["title"].startswith("429 Too Many Requests")
    assert "Retry-After" in code["text"]
    claro = docs["codes/429/#claro"]["text"]
    assert ("cota" if lang == "pt-BR" else "quota") in claro
    assert "sources/claro/" in docs
    text = " ".join(doc["text"] for doc in index["docs"])
    # a meaning is found once, on its code page, not again in the comparison or the source
    meaning = claro.removeprefix("<p>").split(",")[0]
    assert text.count(meaning) == 1, meaning
    assert "GETPOSTPUT" not in text.replace(" ", "")  # a method table's header row
    assert "✓" not in text  # a state cell or the legend
    assert "429" not in docs["compare/"]["text"]


LOADING_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch"}
LOADING = (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"))


def test_nothing_is_loaded_from_another_host(site):
    for page in site.rglob("*.html"):
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in LOADING:
            for element in html.find_all(tag):
                value = element.get(attribute)
                rels = set(element.get("rel", []))
                if not value or (tag == "link" and not rels & LOADING_RELS):
                    continue
                assert not re.match(r"^(https?:)?//", value), (page, value)
    css = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_same_input_gives_the_same_bytes(site, tmp_path):
    code, again = build_site(DATA, tmp_path)
    assert code == 0
    assert tree_digest(again) == tree_digest(site)


def test_invalid_data_stops_the_build_and_keeps_the_last_good_site(site, tmp_path, capsys):
    code, built = build_site(DATA, tmp_path)
    assert code == 0
    before = tree_digest(built)
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        DATA.read_text(encoding="utf-8").replace('retryable: "no"', "retryable: maybe", 1),
        encoding="utf-8",
    )
    capsys.readouterr()
    code, built = build_site(broken, tmp_path)
    err = capsys.readouterr().err
    assert code == 1
    assert re.search(r"broken\.yaml:\d+:\d+: error: 'retryable' cannot be the text 'maybe'", err)
    assert "Traceback" not in err
    assert tree_digest(built) == before


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    """The real data plus a house guideline full of markup, as a careless user might add."""
    folder = tmp_path_factory.mktemp("hostile")
    data = folder / "atlas.yaml"
    extra = (FIXTURES / "hostile-guideline.yaml").read_text(encoding="utf-8")
    situation = (FIXTURES / "hostile-scenario.yaml").read_text(encoding="utf-8")
    text = DATA.read_text(encoding="utf-8").rstrip() + "\n" + extra
    text = text.replace("\nguide:\n", "\n" + situation + "guide:\n", 1)
    data.write_text(text, encoding="utf-8")
    code, path = build_site(data, folder)
    assert code == 0
    return path


PAGES_WITH_HOSTILE_TEXT = (
    "codes/404",
    "codes/418",
    "compare",
    "methods",
    "sources/hostile-house",
    "sources",
    "scenarios",
    "scenarios/hostile-situation",
)


@pytest.mark.parametrize("page", PAGES_WITH_HOSTILE_TEXT)
@pytest.mark.parametrize("lang", LANGS)
def test_markup_in_the_data_shows_as_text(hostile_site, lang, page):
    html = (hostile_site / LANGS[lang] / page / "index.html").read_text(encoding="utf-8")
    parsed = BeautifulSoup(html, "html.parser")
    for script in parsed.find_all("script"):
        if script.get("type") == "application/json":  # data, never run: it cannot close itself
            assert "<" not in script.get_text() and ">" not in script.get_text(), page
            json.loads(script.get_text())
        else:
            assert "alert(" not in script.get_text(), page
    for tag in parsed.find_all(["img", "em", "b", "i"]):
        assert "alert" not in str(tag.attrs) and tag.get_text() not in ("Evil", "Found"), page
    assert not parsed.find_all(attrs={"onerror": True})
    for anchor in parsed.find_all("a", href=True):
        assert not anchor["href"].startswith("javascript:")
    text = parsed.get_text(" ")
    if page.startswith("scenarios"):
        assert "<script>alert('q')</script> | `tick` a question? {#x}" in text or lang != "en"
        assert "</script><script>alert('p')</script>" in text or lang != "pt-BR"
    else:
        assert "Evil <script>alert('name')</script> | `tick` **bold** {#x}" in text


def test_a_pipe_or_backtick_breaks_no_table(hostile_site):
    page = soup(hostile_site, "en", "compare")
    for row in page.select("table.atlas-compare tr[data-code]"):
        assert len(row.find_all("td", attrs={"data-source": True})) == len(atlas().sources) + 1
    code_page = soup(hostile_site, "en", "codes/404")
    section = code_page.find(id="hostile-house")
    assert section.get_text(" ", strip=True).startswith("Evil <script>")
    usage_text = code_page.get_text(" ")
    assert "Missing <script>alert('meaning')</script> | col | `tick`" in usage_text
    assert "Do </td></tr></table> nothing" in usage_text


def test_a_house_guideline_appears_beside_the_others(hostile_site):
    compare = soup(hostile_site, "pt-BR", "compare")
    headers = [th.get("data-source") for th in compare.select("thead th[data-source]")]
    assert headers[-1] == "hostile-house"
    methods = soup(hostile_site, "pt-BR", "methods")
    row = methods.select_one('table.atlas-matrix[data-source="hostile-house"] tr[data-code="404"]')
    assert row.select_one('td[data-method="POST"]')["data-state"] == "conditional"


@pytest.mark.parametrize(
    ("lang", "heading"), [("pt-BR", "Página não encontrada"), ("en", "Page not found")]
)
def test_the_404_page_speaks_the_language(site, lang, heading):
    page = BeautifulSoup(
        (site / LANGS[lang] / "404.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert page.html["lang"] == lang
    assert page.h1.get_text(strip=True) == heading


def test_codes_index_lists_every_code_with_its_names(site):
    page = soup(site, "pt-BR", "codes")
    rows = page.select("table.atlas-index tbody tr")
    assert len(rows) == len(atlas().codes)
    row = next(r for r in rows if r.th.get_text(strip=True) == "404")
    assert "Não encontrado" in row.get_text(" ") and "Not Found" in row.get_text(" ")


def own_site(folder: Path, pages: dict[str, str]) -> Path:
    """The atlas's own mkdocs.yml in a folder of its own, without the PDFs: its docs are the
    repository's site_src/ plus `pages` (name: Markdown)."""
    docs = folder / "docs"
    shutil.copytree(ROOT / "site_src", docs)
    for name, text in pages.items():
        (docs / name).write_text(text, encoding="utf-8")
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: site_src", f"docs_dir: {docs}")
    text = text.replace("custom_dir: templates", f"custom_dir: {ROOT / 'templates'}")
    text = re.sub(r"^watch:\n(  - .*\n)+", "", text, flags=re.M)
    text = text.replace("books: true", "books: false")
    config = folder / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


def mkdocs_build(config: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH}
    return subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "-f", str(config)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def test_an_error_of_the_english_build_is_said_plainly(tmp_path):
    """English is built in a process of its own; what stops it is told like any error."""
    config = own_site(tmp_path, {"compare.en.md": "# Mine\n"})
    run = mkdocs_build(config)
    assert run.returncode != 0
    assert re.search(
        r"ERROR +- +http-status-atlas: compare\.md is already in .*docs; the atlas writes its "
        r"pages there",
        run.stderr,
    ), run.stderr
    assert "Aborted with a BuildError!" in run.stdout + run.stderr
    assert "Traceback" not in run.stdout + run.stderr


def test_a_warning_of_the_english_build_is_shown_and_stops_the_strict_build(tmp_path):
    config = own_site(tmp_path, {"extra.en.md": "# Extra\n\nSee [this](missing.md).\n"})
    run = mkdocs_build(config)
    assert run.returncode != 0
    assert re.search(r"WARNING +- +Doc file 'extra\.md' contains a link 'missing\.md'", run.stderr)
    assert "Aborted with 1 warnings in strict mode!" in run.stdout + run.stderr
    assert "Traceback" not in run.stdout + run.stderr


def test_our_build_says_why_mkdocs_stopped(tmp_path):
    """`python -m generator build` reports what mkdocs logged before it gave up, not only
    "Aborted with ...": the warning that stopped the strict build, and that it did."""
    from generator.errors import BuildError
    from generator.site.build import run_build

    config = own_site(tmp_path, {"extra.en.md": "# Extra\n\nSee [this](missing.md).\n"})
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        with pytest.raises(BuildError) as raised:
            run_build(tmp_path / "site", config_file=config)
    said = str(raised.value)
    assert re.search(r"^warning: Doc file 'extra\.md' contains a link 'missing\.md'", said), said
    assert said.endswith("Aborted with 1 warnings in strict mode!")


def test_a_failed_english_build_keeps_the_last_good_site(tmp_path):
    from generator.errors import BuildError
    from generator.site.build import run_build

    target = tmp_path / "out" / "site"
    good = own_site(tmp_path / "good", {})
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        run_build(target, config_file=good)
        before = tree_digest(target)
        assert (target / "en" / "index.html").is_file()
        with pytest.raises(BuildError, match=r"compare\.md is already in .*docs; the atlas"):
            run_build(target, config_file=own_site(tmp_path / "bad", {"compare.en.md": "# Mine\n"}))
    assert tree_digest(target) == before
    assert [p.name for p in target.parent.iterdir()] == ["site"]  # no half-built folder left

"""The embeds in the built site: the static JSON API, the cards, the web component, the Embed
page (TechDocs: tests/test_techdocs.py)."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import jsonschema
import pytest
import referencing
from bs4 import BeautifulSoup
from referencing.jsonschema import DRAFT202012

from generator.atlas import load_atlas
from generator.labels import load_strings
from generator.model import Atlas
from generator.urls import GUIDE_URL, SiteUrl
from generator.views import cards as embed
from generator.views import export

from .conftest import DATA, FIXTURES, ROOT

LANGS = {"pt-BR": "", "en": "en/"}
SCHEMA = json.loads((ROOT / "data" / "export.schema.json").read_text(encoding="utf-8"))
CARD_LIMIT = 30 * 1024
COMPONENT_LIMIT = 9000  # under 9 KB however a KB is counted (stances and their labels)
SITE = SiteUrl(GUIDE_URL)
EXTERNAL = re.compile(r"^(https?:)?//", re.I)


@cache
def atlas() -> Atlas:
    return load_atlas(DATA)


def validator(definition: str | None = None) -> jsonschema.Draft202012Validator:
    """The published schema as a whole, or one of its $defs referenced by its address (as a
    client's own schema would: export.schema.json#/$defs/code_document)."""
    if definition is None:
        return jsonschema.Draft202012Validator(SCHEMA)
    registry = referencing.Registry().with_resource(
        SCHEMA["$id"], DRAFT202012.create_resource(SCHEMA)
    )
    reference = {"$ref": f"{SCHEMA['$id']}#/$defs/{definition}"}
    return jsonschema.Draft202012Validator(reference, registry=registry)


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


# The JSON API ---------------------------------------------------------------------------------


def test_every_api_json_file_validates_against_the_schema(site):
    api = site / "api" / "v1"
    published = read_json(api / "export.schema.json")
    jsonschema.Draft202012Validator.check_schema(published)
    assert published["$id"] == "https://httpstatusatlas.dev/api/v1/export.schema.json"
    whole = jsonschema.Draft202012Validator(published)  # the file as served, nothing added
    kinds = {"atlas.json": "export", "codes": "code_document", "sources": "source_document"}
    checked = 0
    for path in sorted(api.rglob("*.json")):
        name = path.relative_to(api).as_posix()
        if name == "export.schema.json":
            continue
        doc = read_json(path)
        errors = list(whole.iter_errors(doc))
        assert errors == [], (name, [e.message for e in errors[:3]])
        definition = kinds[name.split("/")[0]]  # and it is the kind of document its path says
        assert list(validator(definition).iter_errors(doc)) == [], name
        checked += 1
    assert checked == 1 + len(atlas().codes) + len(atlas().sources)


def test_the_schema_tells_the_api_documents_apart():
    assert [d["$ref"] for d in SCHEMA["oneOf"]] == [
        "#/$defs/export",
        "#/$defs/code_document",
        "#/$defs/source_document",
    ]
    document = json.loads(embed.api_files(atlas(), SITE)["codes/429.json"])
    assert not validator("export").is_valid(document)
    assert not validator("source_document").is_valid(document)
    broken = {**document, "code": {**document["code"], "code": "429"}}
    assert not validator().is_valid(broken)


def test_api_files_match_the_data_and_the_exports(site):
    api = site / "api" / "v1"
    assert sorted(p.stem for p in (api / "codes").glob("*.json")) == sorted(
        str(c.code) for c in atlas().codes
    )
    assert sorted(p.stem for p in (api / "sources").glob("*.json")) == sorted(
        s.id for s in atlas().sources
    )
    assert (api / "atlas.json").read_text(encoding="utf-8") == export.to_json(atlas())
    for lang in LANGS:
        csv = (api / f"atlas.{lang}.csv").read_text(encoding="utf-8")
        assert csv == export.to_csv(atlas(), lang)  # type: ignore[arg-type]
    schema = (api / "export.schema.json").read_bytes()
    assert schema == (ROOT / "data" / "export.schema.json").read_bytes()


def test_a_code_document_is_its_atlas_entry_plus_the_sources_it_names(site):
    whole = read_json(site / "api" / "v1" / "atlas.json")
    entries = {c["code"]: c for c in whole["codes"]}
    classes = {k["class"]: k for k in whole["classes"]}
    sources = {s["id"]: s for s in whole["sources"]}
    for code in atlas().codes:
        doc = read_json(site / "api" / "v1" / "codes" / f"{code.code}.json")
        assert list(doc) == ["version", "code", "class", "sources"]
        assert doc["code"] == entries[code.code]
        assert doc["class"] == classes[code.status_class]
        named = {u["source"] for u in doc["code"]["usage"] + doc["class"]["usage"]}
        assert [s["id"] for s in doc["sources"]] == [s for s in sources if s in named]
        assert all(s == sources[s["id"]] for s in doc["sources"])
    google_200 = read_json(site / "api" / "v1" / "codes" / "200.json")
    assert [u["source"] for u in google_200["class"]["usage"]] == [
        u.source for u in atlas().class_usages(2)
    ]
    assert "google-actions-center" in [u["source"] for u in google_200["class"]["usage"]]


def test_a_source_document_holds_only_that_sources_usage(site):
    for source in atlas().sources:
        doc = read_json(site / "api" / "v1" / "sources" / f"{source.id}.json")
        assert doc["source"]["id"] == source.id
        used = sorted(u.code for u in source.usage if u.code is not None)
        assert [c["code"] for c in doc["codes"]] == used
        for entry in doc["codes"] + doc["classes"]:
            assert [u["source"] for u in entry["usage"]] == [source.id]
        rules = sorted(u.status_class for u in source.usage if u.code is None)
        assert [k["class"] for k in doc["classes"]] == rules


# The cards ------------------------------------------------------------------------------------


def card(site: Path, lang: str, code: int | str) -> BeautifulSoup:
    path = site / LANGS[lang] / "embed" / str(code) / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("lang", LANGS)
def test_one_card_per_code_in_each_language(site, lang):
    cards = site / LANGS[lang] / "embed"
    numbered = sorted(p.name for p in cards.iterdir() if p.is_dir() and p.name.isdigit())
    assert numbered == sorted(str(c.code) for c in atlas().codes)
    for code in atlas().codes:
        html = card(site, lang, code.code)
        assert html.html["lang"] == lang
        heading = html.h1.get_text(" ", strip=True)
        assert heading == f"{code.code} {code.reason.get(lang)}"
        assert code.meaning.get(lang) in html.get_text(" ")
        shown = [li["data-source"] for li in html.select(".usages li")]
        expected = [u.source for u in atlas().usages_of(code.code)]
        expected += [u.source for u in atlas().class_usages(code.status_class)]
        assert shown == expected
        link = html.find(id="atlas-link")
        assert link["href"] == f"../../codes/{code.code}/"
        target = site / LANGS[lang] / "embed" / str(code.code) / link["href"] / "index.html"
        assert target.resolve().is_file()


@pytest.mark.parametrize("lang", LANGS)
def test_cards_are_small_and_load_nothing(site, lang):
    for path in (site / LANGS[lang] / "embed").glob("*/index.html"):
        size = path.stat().st_size
        assert size < CARD_LIMIT, (path, size)
        html = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        # Everything is inline: no element loads a file, only the empty favicon.
        assert html.find_all(src=True) == [], path
        assert [link["href"] for link in html.find_all("link")] == ["data:,"]
        for element in html.find_all(href=True):
            assert not EXTERNAL.match(element["href"]), (path, element["href"])
        assert html.find("style") is not None and html.find("script", src=False) is not None


def test_cards_stay_out_of_the_sitemap_and_search(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/embed/404/" not in sitemap
    assert "https://httpstatusatlas.dev/embed/</loc>" in sitemap
    assert card(site, "en", 404).find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_card_usage_is_short_and_states_methods_in_words(site):
    html = card(site, "pt-BR", 201)
    item = html.select_one('.usages li[data-source="open-finance-brasil"]')
    methods = item.select_one(".methods").get_text(" ", strip=True)
    assert methods.startswith("Métodos: ✓ POST (sim)")
    assert "GET" in methods and "(não)" in methods
    for paragraph in html.select(".usages li > p:first-of-type"):
        assert len(paragraph.get_text()) <= embed.MEANING_LIMIT


def test_the_component_cuts_texts_where_the_cards_do():
    script = (ROOT / "site_src" / "assets" / "http-status-card.js").read_text(encoding="utf-8")
    assert f"short(u.meaning[lang], {embed.MEANING_LIMIT})" in script
    assert f"short(u.action[lang], {embed.ACTION_LIMIT})" in script


def hostile_atlas(tmp_path: Path) -> Atlas:
    data = tmp_path / "atlas.yaml"
    extra = (FIXTURES / "hostile-guideline.yaml").read_text(encoding="utf-8")
    data.write_text(DATA.read_text(encoding="utf-8").rstrip() + "\n" + extra, encoding="utf-8")
    return load_atlas(data)


@pytest.mark.parametrize("lang", LANGS)
def test_markup_in_the_data_shows_as_text_on_a_card(tmp_path, lang):
    hostile = hostile_atlas(tmp_path)
    pages = {p.path: p.text for p in embed.card_pages(hostile, load_strings(), lang)}  # type: ignore[arg-type]
    html = BeautifulSoup(pages["embed/404/index.html"], "html.parser")
    assert len(html.find_all("script")) == 2  # the source names (JSON) and the card's own
    names = json.loads(html.find(id="atlas-sources").string)
    assert names["hostile-house"] == "<b>Evil</b> | `x`"
    assert not html.find_all(["b", "em", "img", "i"])
    assert not html.find_all(attrs={"onerror": True})
    item = html.select_one('li[data-source="hostile-house"]')
    assert item.h3.get_text() == "<b>Evil</b> | `x`"
    assert "<script>alert(" in item.get_text()  # shown as text, never run
    api = embed.api_files(hostile, SITE)
    doc = json.loads(api["codes/404.json"])
    validator("code_document").validate(doc)


# The web component ----------------------------------------------------------------------------

COMPONENT = ROOT / "site_src" / "assets" / "http-status-card.js"


def test_web_component_is_under_9_kb_and_in_the_site(site):
    size = COMPONENT.stat().st_size
    assert size < COMPONENT_LIMIT, size
    assert (site / "assets" / "http-status-card.js").read_bytes() == COMPONENT.read_bytes()
    text = COMPONENT.read_text(encoding="utf-8")
    assert "import " not in text and not EXTERNAL.search(text.split("*/", 1)[1])


def test_web_component_labels_are_the_sites_labels():
    text = COMPONENT.read_text(encoding="utf-8")
    strings = load_strings()
    keys = re.search(r"^const KEYS = (\[.*\]);$", text, re.M)
    assert keys
    names = json.loads(keys.group(1))
    assert {"embed_error_code", "embed_error_api", "embed_unknown_source"} <= set(names)
    for lang in LANGS:
        line = re.search(rf'^  "{lang}": (\[.*\]),$', text, re.M)
        assert line, lang
        labels = json.loads(line.group(1))
        assert len(labels) == len(names), lang
        for key, value in zip(names, labels, strict=True):
            assert value == strings.get(key, lang), (lang, key)  # type: ignore[arg-type]


# The Embed page -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "title"), [("pt-BR", "Incorporar no seu portal"), ("en", "Embed in your portal")]
)
def test_the_embed_page_is_in_the_navigation_with_a_live_preview(site, lang, title):
    page_dir = site / LANGS[lang] / "embed"
    html = BeautifulSoup((page_dir / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert html.h1.get_text(strip=True).rstrip("¶") == title
    home = BeautifulSoup(
        (site / LANGS[lang] / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert any(a["href"] == "embed/" for a in home.select("nav.md-nav a[href]"))
    frame = html.select_one("iframe[data-atlas-card]")
    assert frame["data-src"] == "429/?source=open-finance-brasil"
    assert not frame.has_attr("src")  # set once the site's colour scheme is known
    assert (page_dir / "429" / "index.html").is_file()
    script = html.find("script", src=re.compile("http-status-card.js$"))
    assert (page_dir / script["src"]).resolve() == (site / "assets" / "http-status-card.js")
    assert html.find("http-status-card")["code"] == "404"
    content = html.select_one("article.md-content__inner")
    for element in content.find_all(["a", "iframe", "script"]):
        value = element.get("href") or element.get("src") or element.get("data-src") or ""
        assert not value.startswith("/"), value  # relative, so the site works under a sub-path

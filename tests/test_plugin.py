"""The atlas in someone else's MkDocs site: the `http-status-atlas` plugin as a portal uses it,
set up exactly as the "Use in your portal" page shows, and a team's own guideline file."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.cli import main

from .conftest import ROOT

PAGES = {lang: ROOT / "site_src" / f"portal.{lang}.md" for lang in ("pt-BR", "en")}
MKDOCS = Path(sys.executable).parent / "mkdocs"
EXTERNAL = re.compile(r"^(https?:)?//", re.I)


def blocks(lang: str, kind: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", PAGES[lang].read_text(encoding="utf-8"), re.S)


def plugin_config(lang: str) -> str:
    """The page's `plugins:` example."""
    return blocks(lang, "yaml")[0]


def guideline_example(lang: str) -> str:
    return blocks(lang, "yaml")[1]


def guideline_path(lang: str) -> str:
    """Where the page's example keeps the guideline file, as mkdocs.yml names it."""
    return re.search(r"guidelines: \[(.+?)\]", plugin_config(lang))[1]


def make_portal(folder: Path, lang: str, extra: str = "", guideline: str | None = None) -> Path:
    """A small mkdocs-material portal of its own, with the plugin set up as the page shows."""
    docs = folder / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Our portal\n\nWelcome.\n", encoding="utf-8")
    (docs / "guide.md").write_text("# Our conventions\n\nHow we name things.\n", encoding="utf-8")
    target = folder / guideline_path(lang)
    target.write_text(guideline or guideline_example(lang), encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text(
        "site_name: Our portal\nsite_url: https://portal.example.com/\n"
        f"theme:\n  name: material\n  language: {lang}\n  font: false\n"
        + plugin_config(lang)
        + extra,
        encoding="utf-8",
    )
    return config


def mkdocs_build(config: Path) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict`, the way a portal's CI runs it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1763769600"}
    return subprocess.run(
        [str(MKDOCS), "build", "--strict", "--config-file", str(config)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module", params=list(PAGES))
def portal(request, tmp_path_factory) -> tuple[str, Path]:
    lang = request.param
    folder = tmp_path_factory.mktemp(f"portal-{lang}")
    run = mkdocs_build(make_portal(folder, lang))
    assert run.returncode == 0, run.stderr[-3000:]
    return lang, folder / "site"


def sources_of(lang: str) -> list[str]:
    return re.search(r"sources: \[(.+?)\]", plugin_config(lang))[1].split(", ")


def test_the_portal_gets_the_atlas_pages_under_its_prefix(portal):
    lang, site = portal
    atlas = site / "http-status"
    for page in ("compare", "methods", "codes", "codes/404", "sources", "sources/rfc9110"):
        assert (atlas / page / "index.html").is_file(), page
    ours = sources_of(lang)[-1]
    guideline = soup(atlas / "sources" / ours / "index.html")
    assert guideline.find("table", class_="atlas-source-codes").find(
        "tr", attrs={"data-code": "404"}
    )
    assert not (atlas / "index.html").exists()  # the portal keeps its own home
    assert (site / "index.html").is_file() and (site / "guide" / "index.html").is_file()
    assert soup(site / "http-status" / "compare" / "index.html").html["lang"].startswith(lang[:2])


def test_the_pages_compare_the_sources_the_portal_chose(portal):
    lang, site = portal
    compare = soup(site / "http-status" / "compare" / "index.html")
    headers = [th["data-source"] for th in compare.select("thead th[data-source]")]
    assert headers == sources_of(lang)
    assert not (site / "http-status" / "sources" / "claro").exists()
    code = soup(site / "http-status" / "codes" / "404" / "index.html")
    assert code.find(id=sources_of(lang)[-1]) is not None  # the team's usage of 404


def test_the_atlas_is_a_section_of_the_portals_navigation(portal):
    lang, site = portal
    home = soup(site / "index.html")
    nav = home.select_one("nav.md-nav--primary")
    titles = [a.get_text(" ", strip=True) for a in nav.select(".md-nav__item > .md-nav__link")]
    name = "Atlas de Status HTTP" if lang == "pt-BR" else "HTTP Status Atlas"
    assert name in titles
    assert titles.index(name) > titles.index("Our conventions")  # after the portal's pages
    links = [a["href"] for a in nav.select("a[href]")]
    assert "http-status/compare/" in links and "http-status/codes/404/" in links


def test_the_atlas_is_in_the_portals_search(portal):
    lang, site = portal
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {d["location"] for d in index["docs"]}
    for page in ("http-status/compare/", "http-status/codes/404/", "http-status/methods/"):
        assert page in locations
    ours = sources_of(lang)[-1]
    assert f"http-status/sources/{ours}/" in locations
    assert "" in locations and "guide/" in locations  # the portal's own pages too


def test_nothing_comes_from_another_host_and_every_link_lands(portal):
    _, site = portal
    pages = sorted((site / "http-status").rglob("index.html"))
    assert len(pages) > 70
    for page in pages:
        parsed = soup(page)
        for element in parsed.find_all(["script", "link", "img", "iframe"]):
            if {"canonical", "alternate"} & set(element.get("rel") or []):
                continue  # addresses of this page, not something loaded
            value = element.get("src") or element.get("href") or ""
            assert not EXTERNAL.match(value), (page, value)
        for anchor in parsed.select("article a[href]"):
            href = anchor["href"].split("#")[0]
            if not href or EXTERNAL.match(href) or href.startswith("mailto:"):
                continue
            target = (page.parent / href).resolve()
            assert target.exists() or (target / "index.html").exists(), (page, href)
    compare = site / "http-status" / "compare" / "index.html"
    styles = [(compare.parent / a["href"]).resolve() for a in soup(compare).select("link[href]")]
    assert (site / "http-status" / "assets" / "atlas.css").resolve() in styles


def test_the_guideline_file_is_read_not_published(portal):
    lang, site = portal
    assert not (site / guideline_path(lang).removeprefix("docs/")).exists()


# Mistakes ---------------------------------------------------------------------------------


def broken(lang: str) -> str:
    """The page's example guideline without the meaning of its usage of 404."""
    text = guideline_example(lang)
    start = text.index("    meaning:\n")
    end = text.index("    methods:\n")
    return text[:start] + text[end:]


@pytest.mark.parametrize("lang", PAGES)
def test_a_broken_guideline_stops_the_build_at_its_line_and_column(tmp_path, lang):
    config = make_portal(tmp_path, lang, guideline=broken(lang))
    run = mkdocs_build(config)
    assert run.returncode != 0
    shown = re.search(r"`(docs/[^`]+:\d+:\d+: error: [^`]+)`", PAGES[lang].read_text("utf-8"))[1]
    assert shown in run.stderr, "the page's example error is not what the build says"
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "site" / "http-status").exists()


@pytest.mark.parametrize("lang", PAGES)
def test_check_guideline_checks_the_file_alone(tmp_path, monkeypatch, capsys, lang):
    monkeypatch.chdir(tmp_path)
    path = Path(guideline_path(lang))
    path.parent.mkdir()
    path.write_text(guideline_example(lang), encoding="utf-8")
    assert main(["check", "--guideline", str(path), str(ROOT / "data" / "atlas.yaml")]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{path}: ok: guideline '{sources_of(lang)[-1]}', 1 usage of the ")
    path.write_text(broken(lang), encoding="utf-8")
    assert main(["check", "--guideline", str(path), str(ROOT / "data" / "atlas.yaml")]) == 1
    err = capsys.readouterr().err
    assert re.search(rf"^{re.escape(str(path))}:\d+:\d+: error: missing key 'meaning'", err, re.M)


def test_a_guideline_cannot_take_a_source_id_of_the_atlas(tmp_path, capsys):
    path = tmp_path / "ours.yaml"
    path.write_text(guideline_example("en").replace("id: our-guideline", "id: claro"), "utf-8")
    assert main(["check", "--guideline", str(path), str(ROOT / "data" / "atlas.yaml")]) == 1
    err = capsys.readouterr().err
    assert f"{path}:1:5: error: source id 'claro' is already taken by a source of the atlas" in err


def test_a_guideline_file_holds_one_mapping(tmp_path, capsys):
    path = tmp_path / "ours.yaml"
    path.write_text("- id: ours\n", encoding="utf-8")
    assert main(["check", "--guideline", str(path), str(ROOT / "data" / "atlas.yaml")]) == 1
    err = capsys.readouterr().err
    assert f"{path}:1:1: error: a guideline file holds one source: a mapping of keys" in err


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("      sources: [rfc9110, nobody]\n", "unknown source 'nobody'; the atlas and its"),
        ("      prefix: ../outside/\n", "prefix '../outside/' must be a folder inside the docs"),
        ("      language: fr\n", "language"),
    ],
)
def test_a_wrong_option_is_said_plainly(tmp_path, option, message):
    config = make_portal(tmp_path, "en")
    text = config.read_text(encoding="utf-8")
    key = option.split(":")[0]
    text = re.sub(rf"^{key}:.*\n", option, text, flags=re.M)
    config.write_text(text, encoding="utf-8")
    run = mkdocs_build(config)
    assert run.returncode != 0
    assert message in run.stderr
    assert "Traceback" not in run.stderr


def test_an_explicit_navigation_keeps_its_order_and_gets_the_atlas_last(tmp_path):
    config = make_portal(tmp_path, "en", extra="nav:\n  - Home: index.md\n  - guide.md\n")
    assert mkdocs_build(config).returncode == 0
    nav = soup(tmp_path / "site" / "index.html").select_one("nav.md-nav--primary")
    titles = [a.get_text(" ", strip=True) for a in nav.select(".md-nav__item > .md-nav__link")]
    assert titles[:2] == ["Home", "Our conventions"] and "HTTP Status Atlas" in titles[2:]


def test_a_navigation_that_places_the_atlas_itself_is_left_alone(tmp_path):
    nav = "nav:\n  - index.md\n  - Status codes: http-status/compare.md\n"
    config = make_portal(tmp_path, "en", extra=nav)
    run = mkdocs_build(config)
    assert run.returncode == 0, run.stderr[-2000:]
    nav_html = soup(tmp_path / "site" / "index.html").select_one("nav.md-nav--primary")
    titles = [a.get_text(" ", strip=True) for a in nav_html.select(".md-nav__item > .md-nav__link")]
    assert titles == ["Our portal", "Status codes"]

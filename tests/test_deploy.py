"""A real deployment: the public address is one setting, and every absolute URL the atlas
writes comes from it (sitemap, canonical and hreflang links, robots.txt, the API's schema,
the guide pages' examples, the PDF's cover, the 404 page's link)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from generator.cli import main
from generator.errors import UsageError
from generator.urls import GUIDE_URL, SiteUrl, configured_site_url, public_url

from .conftest import DATA, ROOT
from .sitebuild import build_site

ELSEWHERE = "https://docs.example.org/http-status/"
URL = re.compile(r"https?://(?=[A-Za-z0-9])[^\s\"'<>)\]\\&]+")
#: XML namespaces and the like: names, not addresses anything is loaded from.
NAMESPACES = {"www.w3.org", "www.sitemaps.org", "json-schema.org"}


@pytest.fixture(scope="module")
def elsewhere(tmp_path_factory) -> Path:
    """The real atlas built for another address, under a sub-path."""
    code, site = build_site(
        DATA, tmp_path_factory.mktemp("elsewhere"), "1763769600", "--site-url", ELSEWHERE
    )
    assert code == 0
    return site


def hosts_of(text: str) -> set[str]:
    return {urlsplit(u).netloc for u in URL.findall(text)}


def allowed_hosts() -> set[str]:
    """Hosts the atlas's content names: its sources and references, and what the guide pages
    link to, besides the atlas itself."""
    texts = [DATA.read_text("utf-8")] + [
        p.read_text("utf-8") for p in (ROOT / "site_src").glob("*.md")
    ]
    found = set().union(*(hosts_of(t) for t in texts))
    return (found - {urlsplit(GUIDE_URL).netloc}) | NAMESPACES | {"docs.example.org"}


def atlas_files(site: Path) -> list[Path]:
    """Every file the atlas writes (the theme's own scripts and styles left out)."""
    theme = {"javascripts", "stylesheets", "images"}
    return [
        p
        for p in sorted(site.rglob("*"))
        if p.is_file()
        and p.suffix in (".html", ".xml", ".txt", ".json", ".js", ".css", ".csv")
        and not (theme & set(p.parts) or "search" in p.parts)
    ]


def test_no_other_address_of_the_atlas_anywhere(elsewhere):
    files = atlas_files(elsewhere)
    assert len(files) > 300
    allowed = allowed_hosts()
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert "httpstatusatlas.dev" not in text, path
        stray = hosts_of(text) - allowed
        assert not stray, (path.relative_to(elsewhere), stray)


def test_the_addresses_of_the_pages_start_with_the_site_url(elsewhere):
    for path in ("", "codes/404/", "en/codes/404/", "en/sources/claro/"):
        page = BeautifulSoup((elsewhere / path / "index.html").read_text("utf-8"), "html.parser")
        canonical = page.find("link", rel="canonical")["href"]
        assert canonical == ELSEWHERE + path
        for link in page.find_all("link", rel="alternate", hreflang=True):
            assert link["href"].startswith(ELSEWHERE)
    sitemap = (elsewhere / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>(.*?)</loc>", sitemap)
    assert locations and all(loc.startswith(ELSEWHERE) for loc in locations)
    assert f"<loc>{ELSEWHERE}en/codes/404/</loc>" in sitemap


def test_robots_txt_names_the_sitemap(site, elsewhere):
    assert (site / "robots.txt").read_text("utf-8") == (
        "User-agent: *\nAllow: /\n\nSitemap: https://httpstatusatlas.dev/sitemap.xml\n"
    )
    robots = (elsewhere / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {ELSEWHERE}sitemap.xml\n" in robots


def test_the_api_schema_and_the_guide_examples_use_the_site_url(elsewhere):
    schema = json.loads((elsewhere / "api/v1/export.schema.json").read_text(encoding="utf-8"))
    assert schema["$id"] == ELSEWHERE + "api/v1/export.schema.json"
    cite = (elsewhere / "en" / "cite" / "index.html").read_text(encoding="utf-8")
    assert f"{ELSEWHERE}en/codes/404/" in cite
    embed = (elsewhere / "embed" / "index.html").read_text(encoding="utf-8")
    assert f"{ELSEWHERE}api/v1/codes/429.json" in embed


def test_the_404_page_links_the_codes_under_the_sub_path(elsewhere):
    for prefix in ("", "en/"):
        page = BeautifulSoup((elsewhere / prefix / "404.html").read_text("utf-8"), "html.parser")
        assert page.find("a", href="/http-status/" + prefix + "codes/") is not None


def test_the_books_link_the_site_url(elsewhere):
    for lang, prefix in (("pt-BR", ""), ("en", "en/")):
        reader = PdfReader(elsewhere / "downloads" / f"atlas-{lang}.pdf")
        links = {
            annotation.get_object()["/A"].get("/URI")
            for page in reader.pages[:2]
            for annotation in page.get("/Annots") or []
            if "/A" in annotation.get_object()
        }
        assert ELSEWHERE + prefix in links, links
        assert not any("httpstatusatlas.dev" in str(link) for link in links)


# Where the address comes from -------------------------------------------------------------


def test_the_address_is_site_url_in_mkdocs_yml_unless_overridden(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nsite_url: https://a.example/atlas\n", encoding="utf-8")
    assert configured_site_url(config) == "https://a.example/atlas"
    assert public_url(None, {}, config) == SiteUrl("https://a.example/atlas/")
    environ = {"ATLAS_SITE_URL": "https://b.example/"}
    assert public_url(None, environ, config).base == "https://b.example/"
    assert public_url("https://c.example/x/", environ, config).base == "https://c.example/x/"
    assert public_url(None, {}, ROOT / "mkdocs.yml").base == GUIDE_URL


@pytest.mark.parametrize("bad", ["docs.example.org", "/http-status/", "ftp://x.example/"])
def test_a_site_url_must_be_an_absolute_http_address(bad, capsys):
    with pytest.raises(UsageError):
        SiteUrl(bad)
    assert main(["docs", "--lang", "en", "--out", "unused", "--site-url", bad]) == 2
    assert "is not an absolute http(s) address" in capsys.readouterr().err


def test_commands_take_the_address_from_the_environment_and_the_option(tmp_path, monkeypatch):
    monkeypatch.setenv("ATLAS_SITE_URL", "https://env.example/atlas/")
    assert main(["docs", "--lang", "en", "--out", str(tmp_path / "a")]) == 0
    assert "site_url: https://env.example/atlas/en/" in (tmp_path / "a/mkdocs.yml").read_text()
    assert (
        main(["docs", "--lang", "en", "--out", str(tmp_path / "b"), "--site-url", ELSEWHERE]) == 0
    )
    assert f"site_url: {ELSEWHERE}en/" in (tmp_path / "b/mkdocs.yml").read_text()


def test_lint_findings_and_sarif_link_the_site_url(tmp_path, monkeypatch, capsys):
    spec = tmp_path / "openapi.yaml"
    spec.write_text(
        'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n  /x:\n    get:\n'
        '      responses:\n        "200": {description: ok}\n        "599": {description: no}\n',
        encoding="utf-8",
    )
    command = ["lint-openapi", str(spec), "--guideline", "open-finance-brasil", "--lang", "en"]
    main([*command, "--format", "sarif", "--site-url", ELSEWHERE])
    sarif = json.loads(capsys.readouterr().out)
    driver = sarif["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == ELSEWHERE + "en/check-your-api/"
    assert all(rule["helpUri"].startswith(ELSEWHERE) for rule in driver["rules"])
    monkeypatch.setenv("ATLAS_SITE_URL", ELSEWHERE)
    main([*command, "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert findings and all(f["url"].startswith(ELSEWHERE + "en/") for f in findings)
    main([*command, "--format", "text"])
    text = capsys.readouterr().out
    assert ELSEWHERE in text and "httpstatusatlas.dev" not in text

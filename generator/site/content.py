"""What the atlas adds to an mkdocs site, as plain data: files, navigation, links between
language twins, sitemap and robots.txt. No mkdocs here: plugin.py hands these to mkdocs.

Two shapes of site use it. The atlas's own site (`standalone`): the atlas is the whole site,
with its home page, its navigation and the hand-written guide pages. A portal: the atlas's
pages (compare, methods, codes, sources) go into a folder of someone else's site (`prefix`)
and one section of its navigation.
"""

from __future__ import annotations

import gzip
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from ..edition import Edition
from ..files import SITE_SRC
from ..model import LANGUAGES, Lang
from ..urls import LANG_LABEL, LANG_PREFIX, SiteUrl
from ..views.pages import site_pages

#: The assets every page of the atlas needs (styles, the compare page's filter) and the one
#: the embeds bring (the web component).
ASSETS = ("assets/atlas.css", "assets/atlas.js")
EMBED_ASSETS = ("assets/http-status-card.js",)
#: The Markdown extensions the generated pages are written for (headings with {#id}).
MARKDOWN_EXTENSIONS = ("attr_list",)
#: A guide page's part that only a site with the cards can show (see the Embed page).
_LIVE_PREVIEW = re.compile(r"<!-- live-preview\b.*?<!-- /live-preview -->\n?", re.S)
#: A hand-written page of one language in a docs folder: `about.en.md`.
_LOCALIZED = re.compile(r"^(?P<stem>.+)\.(?P<lang>" + "|".join(map(re.escape, LANGUAGES)) + r")\.md$")


@dataclass(frozen=True)
class Layout:
    """Where and how the atlas goes into one build of a site (one language)."""

    lang: Lang
    #: The folder of the atlas's pages below the docs, "" or like "http-status/".
    prefix: str = ""
    #: The atlas is the whole site: home page, whole navigation, guide pages.
    standalone: bool = False
    #: The site shows the cards and the web component (the Embed page's live preview).
    embeds: bool = False
    #: From this language's root to the files both languages share (the PDFs).
    shared: str = ""

    def path(self, name: str) -> str:
        return self.prefix + name


def normalize_prefix(prefix: str) -> str:
    """`http-status`, `/http-status/` → `http-status/`; "" stays ""; ValueError for `..`."""
    parts = [p for p in prefix.strip().split("/") if p]
    if any(p in (".", "..") for p in parts):
        raise ValueError(f"prefix '{prefix}' must be a folder inside the docs, without . or ..")
    return "".join(p + "/" for p in parts)


def atlas_files(edition: Edition, layout: Layout) -> dict[str, bytes]:
    """Every file the atlas adds to one language's docs: generated pages and assets, by path
    below the docs folder."""
    files: dict[str, bytes] = {}
    pages = site_pages(
        edition.atlas, edition.strings, layout.lang, edition.build_date, layout.shared
    )
    for page in pages:
        if page.path == "index.md" and not layout.standalone:
            continue  # a portal has its own home; its section starts at the comparison
        files[layout.path(page.path)] = page.text.encode("utf-8")
    for name in ASSETS + (EMBED_ASSETS if layout.embeds else ()):
        files[layout.path(name)] = (SITE_SRC / name).read_bytes()
    return files


def atlas_nav(edition: Edition, layout: Layout) -> list[dict[str, Any]]:
    """The navigation of the atlas's pages (home first on its own site)."""
    s, lang, atlas = edition.strings, layout.lang, edition.atlas
    p = layout.path
    home = [{s.get("nav_home", lang): p("index.md")}] if layout.standalone else []
    return [
        *home,
        {s.get("nav_compare", lang): p("compare.md")},
        {s.get("nav_methods", lang): p("methods.md")},
        {
            s.get("nav_codes", lang): [p("codes/index.md")]
            + [p(f"codes/{c.code}.md") for c in atlas.codes]
        },
        {
            s.get("nav_sources", lang): [p("sources/index.md")]
            + [p(f"sources/{x.id}.md") for x in atlas.sources]
        },
        *(
            [
                {
                    s.get("nav_scenarios", lang): [p("scenarios/index.md")]
                    + [p(f"scenarios/{x.id}.md") for x in atlas.scenarios]
                }
            ]
            if atlas.scenarios
            else []
        ),
    ]


def portal_section(edition: Edition, layout: Layout) -> dict[str, Any]:
    """The atlas as one section of a portal's navigation."""
    return {edition.strings.get("site_name", layout.lang): atlas_nav(edition, layout)}


def localized(name: str) -> tuple[str, Lang] | None:
    """`about.en.md` → (`about.md`, en): a hand-written page of one language; else None."""
    match = _LOCALIZED.match(name)
    if match is None:
        return None
    lang: Lang = "en" if match["lang"] == "en" else "pt-BR"
    return match["stem"] + ".md", lang


def guide_pages(lang: Lang) -> dict[str, Path]:
    """The atlas's own hand-written pages in one language (site_src/name.LANG.md), by name."""
    found = {}
    for path in sorted(SITE_SRC.glob("*.md")):
        named = localized(path.name)
        if named is not None and named[1] == lang:
            found[named[0]] = path
    return found


def title_of(markdown: str) -> str | None:
    """A page's first `# ` heading."""
    for line in markdown.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return None


def site_nav(
    edition: Edition, layout: Layout, guide: Iterable[tuple[str, str]]
) -> list[dict[str, Any]]:
    """The whole navigation of the atlas's own site: its pages, then the guide pages (path,
    Markdown) in the order of their names, each under its heading."""
    pages = [{title_of(text) or name: name} for name, text in sorted(guide)]
    label = edition.strings.get("nav_guide", layout.lang)
    return atlas_nav(edition, layout) + ([{label: pages}] if pages else [])


def guide_text(markdown: str, site: SiteUrl, embeds: bool) -> str:
    """A guide page as this site shows it: its example addresses at this site's address, and
    the Embed page's live preview only where the cards are."""
    text = site.guide_text(markdown)
    return text if embeds else _LIVE_PREVIEW.sub("", text)


def site_settings(edition: Edition, lang: Lang) -> dict[str, Any]:
    """The settings the atlas gives its own site in one language: names and the 404 page."""
    s = edition.strings
    return {
        "site_name": s.get("site_name", lang),
        "site_description": s.get("tagline", lang),
        "copyright": (
            f"{s.get('edition', lang)} {edition.build_date.isoformat()} · "
            f"{s.get('footer_sources', lang)}"
        ),
        "not_found": {
            "title": s.get("not_found_title", lang),
            "text": s.get("not_found_text", lang),
            "codes_label": s.get("nav_codes", lang),
            # the 404 page answers at any address: a path from the host's root
            "codes_href": urlsplit(edition.site.page(lang, "codes/")).path,
        },
        "palette_dark": s.get("palette_dark", lang),
        "palette_light": s.get("palette_light", lang),
    }


def alternates(lang: Lang, url: str, site: SiteUrl) -> list[dict[str, Any]]:
    """Switcher and hreflang entries for a page: each language's twin of the same URL."""
    to_root = "../" * url.count("/") + "../" * LANG_PREFIX[lang].count("/")
    return [
        {
            "name": LANG_LABEL[other],
            "lang": other,
            "link": site.page(other, url),
            "href": f"{to_root}{LANG_PREFIX[other]}{url}" or "./",
            "current": other == lang,
        }
        for other in LANGUAGES
    ]


def sitemap(urls: Iterable[str], site: SiteUrl) -> str:
    """One sitemap for both languages, each URL with its hreflang alternates."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for url in sorted(set(urls), key=lambda u: u.rstrip("/")):
        for lang in LANGUAGES:
            lines.append(f"  <url><loc>{escape(site.page(lang, url))}</loc>")
            for other in LANGUAGES:
                href = escape(site.page(other, url))
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{other}" href="{href}"/>')
            default = escape(site.page(LANGUAGES[0], url))
            lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href="{default}"/>')
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots(site: SiteUrl) -> str:
    """robots.txt: everything may be crawled; the sitemap is at the public address."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site.shared('sitemap.xml')}\n"


def write_sitemap(site_dir: Path, urls: Iterable[str], site: SiteUrl) -> None:
    """sitemap.xml and sitemap.xml.gz (reproducible: no name, no time) at the site's root."""
    text = sitemap(urls, site)
    (site_dir / "sitemap.xml").write_text(text, encoding="utf-8")
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, filename="") as handle:
        handle.write(text.encode("utf-8"))
    (site_dir / "sitemap.xml.gz").write_bytes(buffer.getvalue())

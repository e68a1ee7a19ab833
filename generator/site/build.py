"""Build the bilingual site: validate, generate Markdown, run mkdocs, swap the result in.

The pt-BR build runs from mkdocs.yml; generator/site/plugin.py calls back into this module
to generate pages and to build the English twin. A failed build leaves the last good site
untouched: everything is built in a temporary folder beside it and swapped in at the end.
"""

from __future__ import annotations

import gzip
import io
import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from ..atlas import DEFAULT_DATA
from ..edition import Edition, read_edition
from ..errors import BuildError
from ..files import CHECKOUT, SITE_SRC
from ..model import LANGUAGES, Lang
from ..urls import LANG_LABEL, LANG_PREFIX, SITE_URL
from ..views import cards
from ..views.pages import site_pages
from .books import SiteBooks

ROOT = CHECKOUT
DEFAULT_WORK = ROOT / "build" / "docs"
HAND_WRITTEN_ORDER = ("about", "add-a-guideline", "check-your-api", "cite", "embed")


#: Seconds spent generating Markdown since the last run_build started (both languages).
_generation_seconds = 0.0


def data_path() -> Path:
    return Path(os.environ.get("ATLAS_DATA", str(ROOT / DEFAULT_DATA)))


def docs_dir(lang: Lang) -> Path:
    return Path(os.environ.get("ATLAS_WORK", str(DEFAULT_WORK))) / lang


def site_books(inputs: Edition) -> SiteBooks:
    """The site's books, laid out in another process while mkdocs builds the pages."""
    return SiteBooks(inputs)


def write_if_changed(path: Path, text: str) -> bool:
    """Write a file only when its content differs, so watchers and mkdocs see real changes."""
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def hand_written(lang: Lang) -> dict[str, Path]:
    """site_src pages of one language: about.en.md → about.md."""
    suffix = f".{lang}.md"
    return {p.name[: -len(suffix)] + ".md": p for p in sorted(SITE_SRC.glob(f"*{suffix}"))}


def generate_docs(inputs: Edition, lang: Lang, target: Path) -> int:
    """Write one language's Markdown and assets into target; return how many files changed."""
    global _generation_seconds
    started = time.perf_counter()
    wanted: dict[str, bytes] = {
        page.path: page.text.encode("utf-8")
        for page in site_pages(inputs.atlas, inputs.strings, lang, inputs.build_date)
    }
    for name, source in hand_written(lang).items():
        wanted[name] = source.read_bytes()
    for asset in sorted((SITE_SRC / "assets").rglob("*")):
        if asset.is_file():
            wanted["assets/" + asset.relative_to(SITE_SRC / "assets").as_posix()] = (
                asset.read_bytes()
            )
    changed = 0
    for name, data in wanted.items():
        path = target / name
        if not (path.exists() and path.read_bytes() == data):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            changed += 1
    if target.exists():
        for path in sorted(target.rglob("*"), reverse=True):
            name = path.relative_to(target).as_posix()
            if path.is_file() and name not in wanted:
                path.unlink()
                changed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    _generation_seconds += time.perf_counter() - started
    return changed


def _title_of(path: Path) -> str | None:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return None


def configure(config: Any, inputs: Edition, lang: Lang) -> None:
    """Language-specific settings for one build: names, navigation, labels."""
    s = inputs.strings
    config.site_name = s.get("site_name", lang)
    config.site_description = s.get("tagline", lang)
    edition = f"{s.get('edition', lang)} {inputs.build_date.isoformat()}"
    config.copyright = f"{edition} · {s.get('footer_sources', lang)}"
    config.extra["not_found"] = {
        "title": s.get("not_found_title", lang),
        "text": s.get("not_found_text", lang),
        "codes_label": s.get("nav_codes", lang),
        "codes_href": "/" + LANG_PREFIX[lang] + "codes/",
    }
    for palette in config.theme["palette"]:
        dark = palette.get("scheme") == "default"
        palette["toggle"]["name"] = s.get("palette_dark" if dark else "palette_light", lang)
    config.nav = navigation(inputs, lang)


def navigation(inputs: Edition, lang: Lang) -> list[dict[str, Any]]:
    """The site's navigation in one language (the TechDocs build reuses it)."""
    s = inputs.strings
    guide = [
        {_title_of(path) or name: name}
        for key in HAND_WRITTEN_ORDER
        for name, path in hand_written(lang).items()
        if name == f"{key}.md"
    ]
    atlas = inputs.atlas
    return [
        {s.get("nav_home", lang): "index.md"},
        {s.get("nav_compare", lang): "compare.md"},
        {s.get("nav_methods", lang): "methods.md"},
        {
            s.get("nav_codes", lang): ["codes/index.md"]
            + [f"codes/{c.code}.md" for c in atlas.codes]
        },
        {
            s.get("nav_sources", lang): ["sources/index.md"]
            + [f"sources/{x.id}.md" for x in atlas.sources]
        },
        *(
            [
                {
                    s.get("nav_scenarios", lang): ["scenarios/index.md"]
                    + [f"scenarios/{x.id}.md" for x in atlas.scenarios]
                }
            ]
            if atlas.scenarios
            else []
        ),
        *([{s.get("nav_guide", lang): guide}] if guide else []),
    ]


def alternates(lang: Lang, url: str) -> list[dict[str, Any]]:
    """Switcher and hreflang entries for a page: each language's twin of the same URL."""
    to_root = "../" * url.count("/")
    here_prefix = LANG_PREFIX[lang]
    entries = []
    for other in LANGUAGES:
        up = "../" * here_prefix.count("/")
        href = f"{to_root}{up}{LANG_PREFIX[other]}{url}" or "./"
        entries.append(
            {
                "name": LANG_LABEL[other],
                "lang": other,
                "link": SITE_URL + LANG_PREFIX[other] + url,
                "href": href,
                "current": other == lang,
            }
        )
    return entries


def write_sitemap(site: Path) -> None:
    """One sitemap for both languages, each URL with its hreflang alternates."""
    pages = sorted(
        p.parent.relative_to(site).as_posix()
        for p in site.rglob("index.html")
        if not p.relative_to(site).as_posix().startswith(("en/", "assets/"))
    )
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for page in pages:
        url = "" if page == "." else page + "/"
        for lang in LANGUAGES:
            lines.append(f"  <url><loc>{escape(SITE_URL + LANG_PREFIX[lang] + url)}</loc>")
            for other in LANGUAGES:
                href = escape(SITE_URL + LANG_PREFIX[other] + url)
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{other}" href="{href}"/>')
            default = escape(SITE_URL + url)
            lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href="{default}"/>')
            lines.append("  </url>")
    lines.append("</urlset>")
    text = "\n".join(lines) + "\n"
    (site / "sitemap.xml").write_text(text, encoding="utf-8")
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, filename="") as handle:
        handle.write(text.encode("utf-8"))
    (site / "sitemap.xml.gz").write_bytes(buffer.getvalue())
    for stale in ("sitemap.xml", "sitemap.xml.gz"):
        (site / LANG_PREFIX["en"] / stale).unlink(missing_ok=True)


def reset_generation_clock() -> None:
    global _generation_seconds
    _generation_seconds = 0.0


def generation_seconds() -> float:
    """Seconds spent generating Markdown since the clock was last reset (both languages)."""
    return _generation_seconds


_log = logging.getLogger("mkdocs.hooks.atlas")
_preview_books: list[threading.Thread] = []


def books_for_preview(inputs: Edition, site: Path) -> None:
    """The live preview (`make serve`) links the books too: they are written into its site in
    the background once laid out, so a rebuild never waits for them. A book that cannot be
    made is reported; the preview goes on without it."""

    def run() -> None:
        books = site_books(inputs)
        try:
            books.start()
            books.finish(site)
        except (BuildError, OSError) as error:
            _log.info("the PDFs are not in this preview: %s", error)
        finally:
            books.close()

    thread = threading.Thread(target=run, name="atlas-preview-books", daemon=True)
    thread.start()
    _preview_books.append(thread)


def wait_for_preview_books() -> None:
    """Block until the books of every preview rebuild so far are written (the benchmark)."""
    while _preview_books:
        _preview_books.pop().join()


@dataclass(frozen=True)
class BuildReport:
    site_dir: Path
    pages: int
    generate_seconds: float  # Markdown generation, both languages
    mkdocs_seconds: float  # the two mkdocs builds, generation excluded
    extras_seconds: float  # after mkdocs: the embeds, then waiting for the books
    total_seconds: float


def run_build(data: Path, site_dir: Path) -> BuildReport:
    """Validate, build both languages in a temporary folder, then swap it in."""
    started = time.perf_counter()
    reset_generation_clock()
    read_edition(data)  # invalid data stops here, before anything is touched
    with _environment(ATLAS_DATA=str(data.resolve())):
        return _run_mkdocs(site_dir, started)


@contextmanager
def _environment(**values: str) -> Iterator[None]:
    """Tell the mkdocs hooks (which mkdocs loads itself) which data file to read."""
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _run_mkdocs(site_dir: Path, started: float) -> BuildReport:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    for lang in LANGUAGES:
        docs_dir(lang).mkdir(parents=True, exist_ok=True)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    inputs = read_edition(data_path())
    temporary = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.", dir=site_dir.parent))
    # The books are laid out in another process while mkdocs runs here.
    books = site_books(inputs)
    try:
        books.start()
        config = load_config(
            str(ROOT / "mkdocs.yml"),
            site_dir=str(temporary),
            docs_dir=str(docs_dir("pt-BR")),
            strict=True,
        )
        config.plugins.on_startup(command="build", dirty=False)
        mkdocs_started = time.perf_counter()
        mkdocs_build(config)
        extras_started = time.perf_counter()
        # Outputs written beside the mkdocs pages, each a view of the same inputs.
        add_embeds(inputs, temporary)
        books.finish(temporary)
    except (Abort, ConfigurationError, PluginError) as error:
        shutil.rmtree(temporary, ignore_errors=True)
        raise BuildError(str(error).strip()) from None
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    finally:
        books.close()
    extras_seconds = time.perf_counter() - extras_started
    _swap(temporary, site_dir)
    pages = sum(1 for _ in site_dir.rglob("*.html"))
    return BuildReport(
        site_dir=site_dir,
        pages=pages,
        generate_seconds=_generation_seconds,
        mkdocs_seconds=extras_started - mkdocs_started - _generation_seconds,
        extras_seconds=extras_seconds,
        total_seconds=time.perf_counter() - started,
    )


def _swap(new: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.chmod(0o755)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)


def add_embeds(inputs: Edition, site_dir: Path) -> None:
    """Write the API and the cards of both languages into a built site."""
    for name, text in cards.api_files(inputs.atlas).items():
        _write(site_dir / cards.API_DIR / name, text)
    for lang in LANGUAGES:
        for page in cards.card_pages(inputs.atlas, inputs.strings, lang):
            _write(site_dir / LANG_PREFIX[lang] / page.path, page.text)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))

"""`http-status-atlas`, the mkdocs plugin: the atlas's pages in any mkdocs site.

A portal adds the compare page, the method matrix, the code and source pages to its own
site, under `prefix`, in its own navigation and search, with its own theme:

    plugins:
      - search
      - http-status-atlas:
          prefix: http-status/
          language: pt-BR
          guidelines: [docs/our-api-guideline.yaml]
          sources: [rfc9110, open-finance-brasil, our-guideline]

The atlas's own site (this repository's mkdocs.yml) and its TechDocs projects use the same
plugin with `standalone: true`: the atlas is then the whole site, with its home page, its
navigation, the docs folder's hand-written pages as its guide, and its names. With
`bilingual: true` the build of the default language builds the other one into its folder
(English under en/) meanwhile, in another process (twin.py), each with its own search index,
every page linked to its twin.

Pages are generated in `on_files` from the data, in memory; nothing is written to the docs.
Everything a build needs comes from this plugin's options and mkdocs's own configuration.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, file_sort_key
from mkdocs.structure.pages import Page
from mkdocs.utils import nest_paths

from ..atlas import Guideline, read_guideline
from ..edition import Edition, read_edition
from ..errors import BuildError, InputError, UsageError
from ..files import data_file
from ..model import LANGUAGES, Lang
from ..urls import LANG_PREFIX, SiteUrl
from ..views import cards
from . import content
from .books import SiteBooks
from .twin import SiteTwin, TwinRequest

NAME = "http-status-atlas"
_log = logging.getLogger(f"mkdocs.plugins.{NAME}")


class AtlasConfig(Config):  # type: ignore[no-untyped-call]
    """The plugin's options, each checked by mkdocs when it reads mkdocs.yml."""

    #: This build's language (pt-BR or en); default: the theme's language.
    language = c.Optional(c.Choice(LANGUAGES))
    #: The folder of the atlas's pages below the docs, e.g. `http-status/`; "" = the root.
    prefix = c.Type(str, default="")
    #: The team's own guideline files (one source each, the schema of a source in
    #: data/atlas.yaml), relative to mkdocs.yml; compared after the atlas's sources.
    guidelines = c.ListOfItems(c.File(exists=True), default=[])
    #: Which sources the pages compare, in this order (ids of the atlas's sources and of the
    #: guidelines); default: every one.
    sources = c.Optional(c.ListOfItems(c.Type(str)))
    #: Another atlas data file; default: the atlas installed with this package.
    data_file = c.Optional(c.File(exists=True))
    #: The atlas's public address (its pt-BR root); default: the site's site_url + prefix.
    site_url = c.Optional(c.URL())
    #: The atlas is the whole site: home page, navigation (with the docs' own pages as its
    #: guide; `about.en.md` is the English `about.md`), names, 404 page.
    standalone = c.Type(bool, default=False)
    #: Add the atlas's own guide pages (about, add a guideline, check your API, ...).
    guide = c.Type(bool, default=False)
    #: Build the other language too, into its folder of this site (standalone only).
    bilingual = c.Type(bool, default=False)
    #: Write the JSON API and the cards beside the pages, with the web component.
    embeds = c.Type(bool, default=False)
    #: Lay out the printed reference (both languages' PDFs) into downloads/.
    books = c.Type(bool, default=False)


@dataclass
class Build:
    """One build's state (the plugin object outlives builds: `mkdocs serve` keeps it)."""

    edition: Edition
    layout: content.Layout
    #: True for the build that builds the others (the default language, at the root).
    root: bool = True
    generated: set[str] = field(default_factory=set)
    page_urls: list[str] = field(default_factory=list)
    books: SiteBooks | None = None
    #: The other languages' builds, under way in their own processes (bilingual root only).
    twins: list[SiteTwin] = field(default_factory=list)
    #: Seconds spent generating pages (with the twins'), and after the pages (embeds,
    #: waiting for the books): the build's report and the benchmark read them.
    generate_seconds: float = 0.0
    extras_seconds: float = 0.0


class AtlasPlugin(BasePlugin[AtlasConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        super().__init__()
        self.serving = False
        #: Set when the next build is a bilingual site's twin: the edition the default
        #: language's build read and checked (the same files), so it is not read again.
        self.twin_of: Edition | None = None
        self._build: Build | None = None
        self.preview_books: list[threading.Thread] = []

    @property
    def build(self) -> Build:
        """The state of the build under way (or of the last one)."""
        if self._build is None:
            raise PluginError(f"{NAME}: no build has started")
        return self._build

    # --- Configuration -------------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        options = self.config
        given, self.twin_of = self.twin_of, None
        root = given is None
        lang = self._language(config)
        try:
            prefix = content.normalize_prefix(options.prefix)
        except ValueError as error:
            raise PluginError(f"{NAME}: {error}") from None
        if options.bilingual and not options.standalone:
            raise PluginError(f"{NAME}: bilingual: true needs standalone: true")
        if options.bilingual and root and LANG_PREFIX[lang]:
            default = next(x for x in LANGUAGES if not LANG_PREFIX[x])
            raise PluginError(
                f"{NAME}: a bilingual site is built from its {default} build (language: {default})"
            )
        if options.bilingual and root and not config.config_file_path:
            raise PluginError(f"{NAME}: a bilingual site needs its mkdocs.yml as a file")
        edition = (
            given if given is not None else self._edition(config, self._site_url(config, prefix))
        )
        shared = "../" * LANG_PREFIX[lang].count("/") if options.bilingual else ""
        layout = content.Layout(lang, prefix, options.standalone, options.embeds, shared)
        self._build = Build(edition, layout, root=root)
        if options.standalone:
            self._name_site(config, edition, lang)
        for extension in content.MARKDOWN_EXTENSIONS:  # what the pages are written with
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        if prefix + content.ASSETS[0] not in config.extra_css:
            config.extra_css.append(prefix + content.ASSETS[0])
        if prefix + content.ASSETS[1] not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(prefix + content.ASSETS[1])
        if options.books and root and not self.serving:
            # The books take longest: laid out in other processes while mkdocs builds.
            self._build.books = SiteBooks(edition)
            self._start_books(self._build.books)
        return config

    def _language(self, config: MkDocsConfig) -> Lang:
        chosen = self.config.language or config.theme.get("language")
        for lang in LANGUAGES:
            if chosen == lang:
                return lang
        raise PluginError(
            f"{NAME}: set language: to one of {', '.join(LANGUAGES)} "
            f"(the theme's language is '{chosen}')"
        )

    def _site_url(self, config: MkDocsConfig, prefix: str) -> SiteUrl | None:
        address = self.config.site_url or (config.site_url and config.site_url + prefix)
        if not address:
            if self.config.bilingual:
                raise PluginError(f"{NAME}: a bilingual site needs site_url: in mkdocs.yml")
            return None
        try:
            return SiteUrl(address)
        except UsageError as error:
            raise PluginError(f"{NAME}: {error}") from None

    def _edition(self, config: MkDocsConfig, site: SiteUrl | None) -> Edition:
        """The atlas with the team's guidelines, checked; every problem in one message."""
        here = Path(config.config_file_path or ".").resolve().parent
        try:
            guidelines = [
                read_guideline(Path(p), _shown(Path(p), here)) for p in self.config.guidelines
            ]
            return read_edition(
                Path(self.config.data_file) if self.config.data_file else data_file("atlas.yaml"),
                guidelines=guidelines,
                sources=self.config.sources,
                site=site,
            )
        except InputError as error:
            count = len(error.problems)
            lines = "\n".join(str(p) for p in error.problems)
            raise PluginError(f"{lines}\n{count} error{'s' if count != 1 else ''}") from None
        except UsageError as error:
            raise PluginError(f"{NAME}: {error}") from None

    def _name_site(self, config: MkDocsConfig, edition: Edition, lang: Lang) -> None:
        settings = content.site_settings(edition, lang)
        config.site_name = settings["site_name"]
        config.site_description = settings["site_description"]
        config.copyright = settings["copyright"]
        config.extra["not_found"] = settings["not_found"]
        for palette in config.theme.get("palette") or []:
            if isinstance(palette, dict) and "toggle" in palette:
                dark = palette.get("scheme") == "default"
                palette["toggle"]["name"] = settings["palette_dark" if dark else "palette_light"]

    # --- Pages and navigation ------------------------------------------------------------------

    @event_priority(-50)  # after other plugins added theirs: the navigation sees every page
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        build = self.build
        if self.config.bilingual and build.root:
            self._start_twins(config)  # now: mkdocs has just emptied the site folder
        started = time.perf_counter()
        edition, layout = build.edition, build.layout
        if layout.standalone:
            self._localize(files, config, layout.lang)
        inputs = {Path(p) for p in self.config.guidelines}  # read for the pages, not published
        for file in [f for f in files if f.abs_src_path and Path(f.abs_src_path) in inputs]:
            files.remove(file)
        if self.config.guide:
            for name, source in content.guide_pages(layout.lang).items():
                files.append(File.generated(config, layout.path(name), abs_src_path=str(source)))
        generated = content.atlas_files(edition, layout)
        for path, data in generated.items():
            existing = files.get_file_from_path(path)
            if existing is not None and path.endswith(".md"):
                raise PluginError(
                    f"{NAME}: {path} is already in {config.docs_dir}; the atlas writes its pages "
                    "there: move that page, or set another prefix:"
                )
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, path, content=data))
        build.generated = set(generated)
        own = [f for f in files.documentation_pages() if f.src_uri not in generated]
        if layout.standalone:
            guide = [(f.src_uri, f.content_string) for f in own]
            config.nav = content.site_nav(edition, layout, guide)
        elif config.nav is None:
            shown = sorted((f for f in own if f.inclusion.is_in_nav()), key=file_sort_key)  # type: ignore[no-untyped-call]
            config.nav = [
                *nest_paths(f.src_uri for f in shown),  # type: ignore[no-untyped-call]
                content.portal_section(edition, layout),
            ]
        elif not _mentions(config.nav, build.generated):
            config.nav = [*config.nav, content.portal_section(edition, layout)]
        build.page_urls = [f.url.removeprefix("./") for f in files.documentation_pages()]
        build.generate_seconds += time.perf_counter() - started
        # in the order mkdocs reads a docs folder (the search index keeps it)
        return Files(sorted(files, key=file_sort_key))

    def _localize(self, files: Files, config: MkDocsConfig, lang: Lang) -> None:
        """Hand-written pages of the docs: `about.en.md` is the English `about.md`; the other
        language's pages are left out of this build."""
        for file in list(files.documentation_pages()):
            found = content.localized(file.src_uri)
            if found is None:
                continue
            files.remove(file)
            name, of = found
            if of == lang and file.abs_src_path is not None:
                files.append(File.generated(config, name, abs_src_path=file.abs_src_path))

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        build = self.build
        if not build.layout.standalone or page.file.src_uri in build.generated:
            return markdown
        return content.guide_text(markdown, build.edition.site, build.layout.embeds)

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        if self.config.bilingual:
            build = self.build
            config.extra["alternate"] = content.alternates(
                build.layout.lang, page.url, build.edition.site
            )
        return context

    # --- After the pages -----------------------------------------------------------------------

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        build = self.build
        site_dir = Path(config.site_dir)
        if not build.root:
            self._write_embeds(build, site_dir, api=False)
            return
        if self.config.bilingual:
            self._finish_twins(build)
            for lang in LANGUAGES:
                if lang != build.layout.lang:
                    for own in ("sitemap.xml", "sitemap.xml.gz"):  # one sitemap for all
                        (site_dir / LANG_PREFIX[lang] / own).unlink(missing_ok=True)
            content.write_sitemap(site_dir, build.page_urls, build.edition.site)
        if build.layout.standalone:
            robots = content.robots(build.edition.site)
            (site_dir / "robots.txt").write_text(robots, encoding="utf-8")
        started = time.perf_counter()
        self._write_embeds(build, site_dir, api=True)
        if self.config.books:
            if self.serving:
                self._books_for_preview(build.edition, site_dir)
            elif build.books is not None:
                self._finish_books(build, site_dir)
        build.extras_seconds = time.perf_counter() - started

    # --- The other language ------------------------------------------------------------------

    def _start_twins(self, config: MkDocsConfig) -> None:
        """Start building this site in the other language, into its folder (English under
        en/), in another process while this one builds its own pages."""
        build, options = self.build, self.config
        assert config.config_file_path is not None  # checked in on_config
        for lang in LANGUAGES:
            if lang == build.layout.lang:
                continue
            request = TwinRequest(
                lang=lang,
                config_file=config.config_file_path,
                site_dir=os.path.join(config.site_dir, LANG_PREFIX[lang]),
                docs_dir=config.docs_dir,
                site_url=build.edition.site.page(lang),
                strict=config.strict,
                plugin=NAME,
                options={**options, "language": lang, "site_url": str(build.edition.site)},
                command="serve" if self.serving else "build",
                edition=build.edition,
                log_level=logging.getLogger("mkdocs").getEffectiveLevel(),
            )
            twin = SiteTwin(request)
            build.twins.append(twin)
            twin.start()

    @staticmethod
    def _finish_twins(build: Build) -> None:
        """Wait for the other languages' builds; their failure fails this build."""
        try:
            for twin in build.twins:
                build.generate_seconds += twin.finish()
        finally:
            AtlasPlugin._close_twins(build)

    @staticmethod
    def _close_twins(build: Build) -> None:
        while build.twins:
            build.twins.pop().close()

    def _write_embeds(self, build: Build, site_dir: Path, api: bool) -> None:
        """The cards of this language (and, from the root build, the JSON API)."""
        if not build.layout.embeds:
            return
        edition = build.edition
        if api:
            for name, text in cards.api_files(edition.atlas, edition.site).items():
                _write(site_dir / cards.API_DIR / name, text)
        for page in cards.card_pages(edition.atlas, edition.strings, build.layout.lang):
            _write(site_dir / build.layout.prefix / page.path, page.text)

    # --- The books -----------------------------------------------------------------------------

    @staticmethod
    def _start_books(books: SiteBooks) -> None:
        try:
            books.start()
        except (BuildError, OSError) as error:
            books.close()
            raise PluginError(f"{NAME}: the PDFs cannot be made: {error}") from None

    @staticmethod
    def _finish_books(build: Build, site_dir: Path) -> None:
        assert build.books is not None
        try:
            build.books.finish(site_dir)
        except (BuildError, OSError) as error:
            raise PluginError(f"{NAME}: the PDF build failed: {error}") from None
        finally:
            build.books.close()
            build.books = None

    def on_build_error(self, *, error: Exception) -> None:
        build = self._build
        if build is None:
            return
        self._close_twins(build)  # nothing goes on writing into the site
        if build.books is not None:
            build.books.close()
            build.books = None

    def _books_for_preview(self, edition: Edition, site_dir: Path) -> None:
        """`mkdocs serve` links the books too: they are written into its site in the background,
        once laid out, so a rebuild never waits for them.
        A book that cannot be made is reported; the preview goes on without it."""
        books = SiteBooks(edition)

        def run() -> None:
            try:
                books.start()
                books.finish(site_dir)
            except (BuildError, OSError) as error:
                _log.info("the PDFs are not in this preview: %s", error)
            finally:
                books.close()

        thread = threading.Thread(target=run, name="atlas-preview-books", daemon=True)
        thread.start()
        self.preview_books.append(thread)

    def wait_for_books(self) -> None:
        """Block until the books of the preview builds so far are written (tests, benchmark)."""
        while self.preview_books:
            self.preview_books.pop().join()


def _shown(path: Path, here: Path) -> str:
    """A file as its author names it: relative to mkdocs.yml's folder when inside it."""
    try:
        return path.resolve().relative_to(here).as_posix()
    except ValueError:
        return str(path)


def _mentions(nav: Any, paths: set[str]) -> bool:
    """Whether a navigation (mkdocs.yml's nav: lists, one-key mappings, paths) names a path."""
    if isinstance(nav, str):
        return nav in paths
    if isinstance(nav, dict):
        return any(_mentions(v, paths) for v in nav.values())
    if isinstance(nav, list):
        return any(_mentions(v, paths) for v in nav)
    return False


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def atlas_plugin(config: MkDocsConfig) -> AtlasPlugin:
    """The atlas plugin of a loaded configuration (BuildError when mkdocs.yml lacks it)."""
    plugin = config.plugins.get(NAME)
    if not isinstance(plugin, AtlasPlugin):
        raise BuildError(f"{config.config_file_path} does not list the {NAME} plugin")
    return plugin

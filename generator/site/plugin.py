"""mkdocs hooks: generate each language's Markdown before its build, build the English twin.

mkdocs.yml describes the pt-BR site. Before the build, the pages are generated from the data
into the language's docs folder (only changed files are written, so `mkdocs serve` reloads
fast). After it, the same configuration is built again in English into `<site>/en/`, and one
sitemap with hreflang alternates is written for both. Under `mkdocs serve`, the books are
then written into the preview in the background (`python -m generator build` adds them
itself).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from generator.edition import read_edition
from generator.errors import InputError
from generator.model import Lang
from generator.site import build
from generator.urls import LANG_LABEL, LANG_PREFIX, SEARCH_LANG, SITE_URL

PRIMARY: Lang = "pt-BR"
#: True under `mkdocs serve`: its site gets the books here (a `build` adds them itself).
_serving = False


def _lang(config: MkDocsConfig) -> Lang:
    return "en" if config.theme["language"] == "en" else "pt-BR"


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    lang = _lang(config)
    try:
        inputs = read_edition(build.data_path())
    except InputError as error:
        raise PluginError("\n" + "\n".join(str(p) for p in error.problems)) from None
    build.configure(config, inputs, lang)
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    lang = _lang(config)
    try:
        inputs = read_edition(build.data_path())
    except InputError as error:
        raise PluginError("\n" + "\n".join(str(p) for p in error.problems)) from None
    build.generate_docs(inputs, lang, Path(config.docs_dir))


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any
) -> dict[str, Any]:
    config.extra["alternate"] = build.alternates(_lang(config), page.url)
    return context


def on_post_build(config: MkDocsConfig) -> None:
    if _lang(config) != PRIMARY:
        return
    serving = _serving  # the English build's own start-up resets it
    english = load_config(
        config_file=config.config_file_path,
        site_dir=os.path.join(config.site_dir, LANG_PREFIX["en"]),
        docs_dir=str(build.docs_dir("en")),
        site_url=SITE_URL + LANG_PREFIX["en"],
        strict=config.strict,
    )
    english.theme["language"] = "en"
    english.plugins["material/search"].config["lang"] = [SEARCH_LANG["en"]]
    english.plugins.on_startup(command="serve" if serving else "build", dirty=False)
    mkdocs_build(english)
    build.write_sitemap(Path(config.site_dir))
    if serving:
        build.books_for_preview(read_edition(build.data_path()), Path(config.site_dir))


__all__ = ["LANG_LABEL"]

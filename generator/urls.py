"""Every address the atlas writes: where the published site lives and how its pages are found.

The public address is one setting: `site_url` in the site's mkdocs.yml, overridden by
ATLAS_SITE_URL, overridden by a command's `--site-url`. Every absolute URL the atlas writes
(sitemap, canonical and hreflang links, robots.txt, lint findings and SARIF help links, the
PDF's cover, the API's schema id, the guide pages' examples, TechDocs, catalog-info.yaml) is
made here from that one address. pt-BR, the default language, is served at its root; English
under `en/`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from .errors import UsageError
from .files import SITE_CONFIG
from .model import Lang

#: The environment variable that overrides mkdocs.yml's site_url (a `--site-url` wins over it).
ENV = "ATLAS_SITE_URL"

#: How the hand-written guide pages write the atlas's public address in their examples (the
#: published atlas's own); a build writes its configured address in its place.
GUIDE_URL = "https://httpstatusatlas.dev/"

#: Path prefix of each language's pages below the public address.
LANG_PREFIX: dict[Lang, str] = {"pt-BR": "", "en": "en/"}

#: The language mkdocs-material's search uses for each site language.
SEARCH_LANG: dict[Lang, str] = {"pt-BR": "pt", "en": "en"}

#: Each language's name in its own language, for the language switcher.
LANG_LABEL: dict[Lang, str] = {"pt-BR": "Português (Brasil)", "en": "English"}

#: Where the JSON API lives below the public address, shared by both languages.
API_DIR = "api/v1/"

#: Where a built site keeps the printed reference, shared by both languages.
DOWNLOADS = "downloads/"


@dataclass(frozen=True)
class SiteUrl:
    """The atlas's public address (where the pt-BR pages are; English under en/)."""

    base: str

    def __post_init__(self) -> None:
        parts = urlsplit(self.base)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
            raise UsageError(
                f"the site URL '{self.base}' is not an absolute http(s) address; "
                "write it like https://docs.example.org/http-status/"
            )
        if not self.base.endswith("/"):
            object.__setattr__(self, "base", self.base + "/")

    def __str__(self) -> str:
        return self.base

    def page(self, lang: Lang, path: str = "") -> str:
        """A page of one language, path relative to that language's root: `codes/404/`."""
        return self.base + LANG_PREFIX[lang] + path

    def code(self, lang: Lang, code: int, anchor: str | None = None) -> str:
        """A code's page; with anchor, one section of it (a source's usage)."""
        return self.page(lang, f"codes/{code}/") + (f"#{anchor}" if anchor else "")

    def source(self, lang: Lang, source_id: str) -> str:
        return self.page(lang, f"sources/{source_id}/")

    def shared(self, path: str) -> str:
        """A file shared by both languages, below the root: `sitemap.xml`, `api/v1/…`."""
        return self.base + path

    def api(self, path: str = "") -> str:
        return self.shared(API_DIR + path)

    def book(self, lang: Lang) -> str:
        return self.shared(f"{DOWNLOADS}atlas-{lang}.pdf")

    @property
    def origin(self) -> str:
        """Scheme and host, as a browser names where a message comes from."""
        parts = urlsplit(self.base)
        return f"{parts.scheme}://{parts.netloc}"

    def guide_text(self, text: str) -> str:
        """A guide page's text with its example addresses (and origin) at this site."""
        guide = SiteUrl(GUIDE_URL)
        return text.replace(guide.base, self.base).replace(guide.origin, self.origin)


def configured_site_url(config: Path = SITE_CONFIG) -> str | None:
    """`site_url` of an mkdocs.yml (read as plain YAML: mkdocs is not imported here)."""
    try:
        data = YAML(typ="rt").load(config.read_text(encoding="utf-8"))
    except (OSError, YAMLError):
        return None
    value = data.get("site_url") if isinstance(data, dict) else None
    return value if isinstance(value, str) and value.strip() else None


def public_url(
    option: str | None = None,
    environ: Mapping[str, str] = os.environ,
    config: Path = SITE_CONFIG,
) -> SiteUrl:
    """The public address: `--site-url`, else ATLAS_SITE_URL, else mkdocs.yml's site_url."""
    for value in (option, environ.get(ENV)):
        if value:
            return SiteUrl(value)
    configured = configured_site_url(config)
    if configured is None:
        raise UsageError(f"no site_url in {config}: set it there, in {ENV} or with --site-url")
    return SiteUrl(configured)


@cache
def configured_url() -> SiteUrl:
    """The address mkdocs.yml configures (what a library call links to when given none)."""
    return public_url(environ={})

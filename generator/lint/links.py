"""Links from findings to the site: code pages, guideline sections, the docs of each rule.

Every address starts with the atlas's public address (urls.py: site_url in mkdocs.yml,
ATLAS_SITE_URL, or `lint-openapi --site-url`).
"""

from __future__ import annotations

from .. import model as m
from ..urls import SiteUrl

#: The site page that documents this command; SARIF rules link to `#<rule-id>` on it.
DOCS_PAGE = "check-your-api"

__all__ = ["DOCS_PAGE", "code_url", "page", "rule_url"]


def page(site: SiteUrl, path: str, lang: m.Lang) -> str:
    return site.page(lang, f"{path}/")


def code_url(site: SiteUrl, code: int, lang: m.Lang, source_id: str | None = None) -> str:
    """The code's page on the site; with source_id, that guideline's section on it."""
    return site.code(lang, code, source_id)


def rule_url(site: SiteUrl, rule: str, lang: m.Lang) -> str:
    """Where the docs page explains a rule."""
    return f"{page(site, DOCS_PAGE, lang)}#{rule}"

"""Links from findings to the site: code pages, guideline sections, the docs of each rule."""

from __future__ import annotations

from .. import model as m
from ..urls import LANG_PREFIX, SITE_URL

#: The site page that documents this command; SARIF rules link to `#<rule-id>` on it.
DOCS_PAGE = "check-your-api"

__all__ = ["DOCS_PAGE", "SITE_URL", "code_url", "page", "rule_url"]


def page(path: str, lang: m.Lang) -> str:
    return f"{SITE_URL}{LANG_PREFIX[lang]}{path}/"


def code_url(code: int, lang: m.Lang, source_id: str | None = None) -> str:
    """The code's page on the site; with source_id, that guideline's section on it."""
    return page(f"codes/{code}", lang) + (f"#{source_id}" if source_id else "")


def rule_url(rule: str, lang: m.Lang) -> str:
    """Where the docs page explains a rule."""
    return f"{page(DOCS_PAGE, lang)}#{rule}"

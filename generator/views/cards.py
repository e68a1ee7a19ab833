"""Ways into the atlas for other portals, written beside the built site.

- the static JSON API under api/v1/ (language-neutral: every text carries both languages):
  atlas.json, codes/<code>.json, sources/<id>.json, export.schema.json and the CSV exports;
- one card per code and language, embed/<code>/index.html (English under en/): a small
  self-contained page (CSS and JS inline, nothing from another host) meant for an iframe.

The web component (site_src/assets/http-status-card.js) is hand-written and reads the API.
The shapes of the API documents are defined in export.py and data/export.schema.json.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .. import model as m
from .. import urls
from ..files import data_file
from ..labels import Strings
from ..urls import SiteUrl
from . import export
from .pages import Labels, Page, environment, first_sentence

#: Where the API lives below the site root, shared by both languages.
API_DIR = urls.API_DIR.rstrip("/")
#: The states a card lists methods for, in display order ("not stated" is left out).
CARD_STATES = ("yes", "conditional", "no")
#: A card tells a usage in its first sentence, cut at a word past these many characters
#: (the web component, site_src/assets/http-status-card.js, uses the same numbers).
MEANING_LIMIT = 320
ACTION_LIMIT = 240


def published_schema(site: SiteUrl) -> str:
    """data/export.schema.json as the site serves it: its `$id` is its address there."""
    text = data_file("export.schema.json").read_text(encoding="utf-8")
    old = json.loads(text)["$id"]
    return text.replace(json.dumps(old), json.dumps(site.api("export.schema.json")), 1)


def api_files(atlas: m.Atlas, site: SiteUrl) -> dict[str, str]:
    """Every file of the JSON API, by path below api/v1/."""
    files = {
        "atlas.json": export.to_json(atlas),
        "export.schema.json": published_schema(site),
    }
    for lang in m.LANGUAGES:
        files[f"atlas.{lang}.csv"] = export.to_csv(atlas, lang)
    for code in atlas.codes:
        files[f"codes/{code.code}.json"] = export.dumps(export.code_document(atlas, code))
    for source in atlas.sources:
        files[f"sources/{source.id}.json"] = export.dumps(export.source_document(atlas, source))
    return files


@dataclass(frozen=True)
class CardUsage:
    """One source's usage, as short as a card tells it."""

    source: m.Source
    anchor: str  # its section on the code's full page
    whole_class: bool  # a rule the source gives for the whole class
    meaning: str
    methods: tuple[tuple[str, tuple[str, ...]], ...]  # (state, methods), stated ones only
    action: str | None
    stance: str
    instead: tuple[int, ...]


@dataclass(frozen=True)
class Card:
    labels: Labels
    code: m.Code
    status_class: m.StatusClass
    usages: tuple[CardUsage, ...]
    page_href: str  # the code's full page, relative to the card
    source_names: dict[str, str]  # every source id → short name, for the `source` option

    @property
    def name(self) -> str:
        return self.code.reason.get(self.labels.lang)


def card_usage(usage: m.Usage, source: m.Source, lang: m.Lang) -> CardUsage:
    methods = tuple(
        (state, names)
        for state in CARD_STATES
        if (names := tuple(x for x in m.METHODS if usage.method(x) == state))
    )
    whole_class = usage.code is None
    return CardUsage(
        source=source,
        anchor=("class-" if whole_class else "") + source.id,
        whole_class=whole_class,
        meaning=first_sentence(usage.meaning.get(lang), MEANING_LIMIT),
        methods=methods,
        action=first_sentence(usage.action.get(lang), ACTION_LIMIT) if usage.action else None,
        stance=usage.stance,
        instead=usage.instead,
    )


def card(atlas: m.Atlas, strings: Strings, lang: m.Lang, code: m.Code) -> Card:
    usages = [*atlas.usages_of(code.code), *atlas.class_usages(code.status_class)]
    return Card(
        labels=Labels(lang, strings),
        code=code,
        status_class=next(k for k in atlas.classes if k.status_class == code.status_class),
        usages=tuple(card_usage(u, atlas.source(u.source), lang) for u in usages),
        page_href=f"../../codes/{code.code}/",
        source_names={s.id: s.short_name for s in atlas.sources},
    )


def card_pages(atlas: m.Atlas, strings: Strings, lang: m.Lang) -> list[Page]:
    """One card per code, paths relative to the language's root."""
    template = environment().get_template("embed/card.html.j2")
    pages = []
    for code in atlas.codes:
        view = card(atlas, strings, lang, code)
        text = template.render(card=view, L=view.labels, t=view.labels.t, lang=lang)
        pages.append(Page(f"embed/{code.code}/index.html", text))
    return pages

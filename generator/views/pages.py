"""Render the model into the site's Markdown pages through Jinja templates.

One Jinja environment; one typed context per page kind. Templates hold presentation only:
every decision (which methods to show, where sources disagree, previous/next code) is made
here, on the model, before a template sees it.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .. import model as m
from ..files import TEMPLATES
from ..labels import Strings
from ..urls import LANG_PREFIX

STATE_SYMBOLS = {"yes": "✓", "no": "✗", "conditional": "◐", "unspecified": "–"}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")


def md_text(value: str) -> Markup:
    """Text safe inside a Markdown line (a heading): Markdown syntax escaped, then HTML."""
    escaped = _MD_SPECIAL.sub(r"\\\1", value)
    return Markup(escaped.replace("&", "&amp;").replace("<", "&lt;"))


def front_matter(value: str) -> Markup:
    """A front-matter value: HTML-escaped (mkdocs prints it unescaped), as a JSON string."""
    return Markup(json.dumps(html.escape(value, quote=True), ensure_ascii=False))


def first_sentence(text: str, limit: int = 160) -> str:
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    sentence = match.group(1) if match else text
    if len(sentence) > limit:
        sentence = sentence[: limit - 1].rsplit(" ", 1)[0] + "…"
    return sentence


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Markdown's {#anchor} attribute syntax must not open a Jinja comment.
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.filters["md"] = md_text
    env.filters["fm"] = front_matter
    env.filters["first_sentence"] = first_sentence
    env.globals["SYMBOLS"] = STATE_SYMBOLS
    return env


@dataclass(frozen=True)
class Page:
    """A generated file, relative to a language's docs folder."""

    path: str
    text: str


@dataclass(frozen=True)
class Labels:
    """The page's language and its labels, for templates: t('key'), tx(Text)."""

    lang: m.Lang
    strings: Strings

    def t(self, key: str) -> str:
        return self.strings.get(key, self.lang)

    def tx(self, text: m.Text) -> str:
        return text.get(self.lang)

    def state(self, state: str) -> str:
        return self.t(f"state_{state}")


@dataclass(frozen=True)
class MethodCell:
    method: str
    state: str
    note: int | None = None  # number of the condition that explains it


@dataclass(frozen=True)
class UsageView:
    usage: m.Usage
    source: m.Source
    cells: tuple[MethodCell, ...]
    conditions: tuple[tuple[int, m.Condition], ...]


def methods_shown(usages: list[m.Usage] | tuple[m.Usage, ...]) -> tuple[str, ...]:
    """Core methods always; HEAD and OPTIONS only where some usage rules on them."""
    extra = [x for x in m.METHODS[5:] if any(x in u.methods for u in usages)]
    return m.CORE_METHODS + tuple(extra)


def usage_view(
    usage: m.Usage, source: m.Source, methods: tuple[str, ...], first_note: int = 1
) -> UsageView:
    numbered = tuple(enumerate(usage.conditions, start=first_note))
    cells = []
    for method in methods:
        state = usage.method(method)
        note = next((n for n, c in numbered if method in c.methods), None)
        cells.append(MethodCell(method, state, note if state == "conditional" else None))
    return UsageView(usage, source, tuple(cells), numbered)


def disagree(atlas: m.Atlas, code: int) -> bool:
    """Guidelines disagree when some use the code and others do not, or yes meets no."""
    guidelines = [s for s in atlas.sources if s.kind == "guideline"]
    usages = [atlas.usage(s.id, code) for s in guidelines]
    used = [u for u in usages if u is not None]
    if used and len(used) < len(guidelines):
        return True
    return any({u.method(x) for u in used} >= {"yes", "no"} for x in m.METHODS)


@dataclass(frozen=True)
class CompareRow:
    code: m.Code
    cells: tuple[m.Usage | None, ...]
    disagree: bool

    @property
    def users(self) -> str:
        return " ".join(u.source for u in self.cells if u is not None)

    @property
    def older_names(self) -> tuple[str, ...]:
        """Reason phrases sources use that differ from IANA's current one."""
        names = (u.reason_used for u in self.cells if u is not None and u.reason_used)
        return tuple(dict.fromkeys(names))


@dataclass(frozen=True)
class CompareGroup:
    status_class: m.StatusClass
    class_usages: tuple[m.Usage | None, ...]
    rows: tuple[CompareRow, ...]


@dataclass(frozen=True)
class MatrixTable:
    source: m.Source
    methods: tuple[str, ...]
    rows: tuple[tuple[m.Code | None, UsageView], ...]
    conditions: tuple[tuple[int, str, m.Condition], ...]


@dataclass(frozen=True)
class Context:
    """What every page template gets."""

    labels: Labels
    atlas: m.Atlas
    root: str
    build_date: date
    extra: dict[str, Any] = field(default_factory=dict)

    def href(self, path: str) -> str:
        return self.root + path

    def site_href(self, path: str) -> str:
        """A path from the root shared by both languages (the English pages live in en/)."""
        return self.root + "../" * LANG_PREFIX[self.labels.lang].count("/") + path

    def code_href(self, code: int, anchor: str = "") -> str:
        return self.href(f"codes/{code}/") + (f"#{anchor}" if anchor else "")

    def registry_label(self, code: m.Code) -> str:
        return self.labels.t(f"registry_{code.registry}")

    def expired(self, code: m.Code) -> bool:
        return code.expires is not None and date.fromisoformat(code.expires) < self.build_date

    def code_name(self, code: m.Code) -> str:
        return code.reason.get(self.labels.lang)


def _render(template: str, context: Context, **values: Any) -> str:
    labels = context.labels
    return (
        environment()
        .get_template(template)
        .render(c=context, L=labels, t=labels.t, tx=labels.tx, lang=labels.lang, **values)
    )


def compare_groups(atlas: m.Atlas) -> tuple[CompareGroup, ...]:
    groups = []
    for status_class in atlas.classes:
        number = status_class.status_class
        rows = tuple(
            CompareRow(
                code,
                tuple(atlas.usage(s.id, code.code) for s in atlas.sources),
                disagree(atlas, code.code),
            )
            for code in atlas.codes_in(number)
        )
        class_usages = tuple(
            next((u for u in atlas.class_usages(number) if u.source == s.id), None)
            for s in atlas.sources
        )
        groups.append(CompareGroup(status_class, class_usages, rows))
    return tuple(groups)


def matrix_tables(atlas: m.Atlas) -> tuple[MatrixTable, ...]:
    tables = []
    for source in atlas.sources:
        methods = methods_shown(source.usage)
        rows: list[tuple[m.Code | None, UsageView]] = []
        conditions: list[tuple[int, str, m.Condition]] = []
        note = 1
        for usage in source.usage:
            view = usage_view(usage, source, methods, note)
            note += len(usage.conditions)
            code = atlas.code(usage.code) if usage.code is not None else None
            rows.append((code, view))
            conditions.extend((n, usage.label, c) for n, c in view.conditions)
        tables.append(MatrixTable(source, methods, tuple(rows), tuple(conditions)))
    return tuple(tables)


def site_pages(atlas: m.Atlas, strings: Strings, lang: m.Lang, build_date: date) -> list[Page]:
    """Every generated Markdown page of one language."""
    labels = Labels(lang, strings)

    def ctx(depth: int) -> Context:
        return Context(labels, atlas, "../" * depth, build_date)

    pages = [
        Page("index.md", _render("site/home.md.j2", ctx(0))),
        Page(
            "compare.md",
            _render("site/compare.md.j2", ctx(1), groups=compare_groups(atlas)),
        ),
        Page("methods.md", _render("site/methods.md.j2", ctx(1), tables=matrix_tables(atlas))),
        Page("codes/index.md", _render("site/codes.md.j2", ctx(1))),
        Page("sources/index.md", _render("site/sources.md.j2", ctx(1))),
    ]
    codes = atlas.codes
    for index, code in enumerate(codes):
        usages = atlas.usages_of(code.code)
        methods = methods_shown(usages)
        views = [usage_view(u, atlas.source(u.source), methods) for u in usages]
        class_views = [
            usage_view(u, atlas.source(u.source), methods)
            for u in atlas.class_usages(code.status_class)
        ]
        pages.append(
            Page(
                f"codes/{code.code}.md",
                _render(
                    "site/code.md.j2",
                    ctx(2),
                    code=code,
                    status_class=next(
                        k for k in atlas.classes if k.status_class == code.status_class
                    ),
                    views=views,
                    class_views=class_views,
                    methods=methods,
                    previous=codes[index - 1] if index > 0 else None,
                    next=codes[index + 1] if index + 1 < len(codes) else None,
                ),
            )
        )
    for source in atlas.sources:
        pages.append(
            Page(
                f"sources/{source.id}.md",
                _render(
                    "site/source.md.j2",
                    ctx(2),
                    source=source,
                    methods=methods_shown(source.usage),
                ),
            )
        )
    return pages


# --------------------------------------------------------------------------------------------
# The printed reference (views/book.py, templates/pdf/): view models the book adds to the
# ones above. Each code gets the same usage views as its site page; the rules for a whole
# class are printed once, under the class heading, instead of on every code.


@dataclass(frozen=True)
class BookCode:
    code: m.Code
    methods: tuple[str, ...]
    views: tuple[UsageView, ...]


@dataclass(frozen=True)
class BookClass:
    status_class: m.StatusClass
    methods: tuple[str, ...]
    class_views: tuple[UsageView, ...]
    codes: tuple[BookCode, ...]


def book_classes(atlas: m.Atlas) -> tuple[BookClass, ...]:
    """Part 3 of the book: each class with its class-wide rules, then its codes."""
    classes = []
    for status_class in atlas.classes:
        number = status_class.status_class
        codes = []
        for code in atlas.codes_in(number):
            usages = atlas.usages_of(code.code)
            methods = methods_shown(usages)
            views = tuple(usage_view(u, atlas.source(u.source), methods) for u in usages)
            codes.append(BookCode(code, methods, views))
        class_usages = atlas.class_usages(number)
        methods = methods_shown(class_usages)
        class_views = tuple(usage_view(u, atlas.source(u.source), methods) for u in class_usages)
        classes.append(BookClass(status_class, methods, class_views, tuple(codes)))
    return tuple(classes)


@dataclass(frozen=True)
class BookCompareTable:
    """Part 1 of the book: the comparison, cut into tables of a few sources each so that
    every column stays readable on a landscape page, however many guidelines are added."""

    sources: tuple[m.Source, ...]
    groups: tuple[CompareGroup, ...]
    #: Older reason phrases per code, from every source (not only this table's).
    older_names: dict[int, tuple[str, ...]]


def book_compare_tables(atlas: m.Atlas, per_table: int = 5) -> tuple[BookCompareTable, ...]:
    groups = compare_groups(atlas)
    older = {row.code.code: row.older_names for group in groups for row in group.rows}
    tables = []
    for start in range(0, len(atlas.sources), per_table):
        cut = slice(start, start + per_table)
        tables.append(
            BookCompareTable(
                atlas.sources[cut],
                tuple(
                    replace(
                        group,
                        class_usages=group.class_usages[cut],
                        rows=tuple(replace(row, cells=row.cells[cut]) for row in group.rows),
                    )
                    for group in groups
                ),
                older,
            )
        )
    return tuple(tables)


def long_date(labels: Labels, day: date) -> str:
    """A date as a reader writes it: 22 de novembro de 2025, 22 November 2025."""
    month = labels.t("pdf_months").split()[day.month - 1]
    return labels.t("pdf_date_format").format(day=day.day, month=month, year=day.year)

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
#: Each stance has its own symbol, so it reads without colour (the label is always beside it).
STANCE_SYMBOLS = {
    "required": "‼",
    "recommended": "↑",
    "allowed": "·",
    "discouraged": "↓",
    "forbidden": "⊘",
}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")


def md_text(value: str) -> Markup:
    """Text safe inside a Markdown line (a heading): Markdown syntax escaped, then HTML."""
    escaped = _MD_SPECIAL.sub(r"\\\1", value)
    return Markup(escaped.replace("&", "&amp;").replace("<", "&lt;"))


def front_matter(value: str) -> Markup:
    """A front-matter value: HTML-escaped (mkdocs prints it unescaped), as a JSON string."""
    return Markup(json.dumps(html.escape(value, quote=True), ensure_ascii=False))


def script_json(data: Any) -> Markup:
    """JSON safe inside a <script type="application/json"> element: no text can close it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(char, escape)
    return Markup(text)


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
    env.globals["STANCE_SYMBOLS"] = STANCE_SYMBOLS
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

    def problem_json(self, problem: m.Problem) -> str:
        """The example error body as the JSON a server would send in this language."""
        return json.dumps(problem.body(self.lang), ensure_ascii=False, indent=2)


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


def _guideline_usages(atlas: m.Atlas, code: int) -> list[m.Usage]:
    """The guidelines' usages of a code (the standard takes no side)."""
    return [
        u
        for s in atlas.sources
        if s.kind == "guideline" and (u := atlas.usage(s.id, code)) is not None
    ]


def disagreements(atlas: m.Atlas, code: int) -> tuple[str, ...]:
    """Why the guidelines disagree on a code, as keys: one source rules out what another uses
    ("stance"), or their rulings on one method conflict ("method:GET"). Empty when they agree;
    a source that does not mention the code takes no side."""
    used = _guideline_usages(atlas, code)
    found = []
    if any(u.ruled_out for u in used) and any(not u.ruled_out for u in used):
        found.append("stance")
    found += [f"method:{x}" for x in m.METHODS if {u.method(x) for u in used} >= {"yes", "no"}]
    return tuple(found)


def disagree(atlas: m.Atlas, code: int) -> bool:
    return bool(disagreements(atlas, code))


@dataclass(frozen=True)
class CompareCell:
    """One source's column in a row of the comparison."""

    source: m.Source
    usage: m.Usage | None


@dataclass(frozen=True)
class CompareRow:
    code: m.Code
    cells: tuple[m.Usage | None, ...]
    disagree: bool
    sources: tuple[m.Source, ...] = ()

    @property
    def entries(self) -> tuple[CompareCell, ...]:
        return tuple(CompareCell(s, u) for s, u in zip(self.sources, self.cells, strict=True))

    @property
    def users(self) -> str:
        return " ".join(u.source for u in self.cells if u is not None)

    @property
    def forbidders(self) -> str:
        return " ".join(u.source for u in self.cells if u is not None and u.ruled_out)

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
    sources: tuple[m.Source, ...] = ()

    @property
    def class_entries(self) -> tuple[CompareCell, ...]:
        return tuple(
            CompareCell(s, u) for s, u in zip(self.sources, self.class_usages, strict=True)
        )


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
    #: From the language's root to the files both languages share (the PDFs): `../` for the
    #: English pages of the atlas's own site (they live in en/), empty on a one-language site.
    shared: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def href(self, path: str) -> str:
        return self.root + path

    def site_href(self, path: str) -> str:
        """A path from the root shared by both languages."""
        return self.root + self.shared + path

    def code_href(self, code: int, anchor: str = "") -> str:
        return self.href(f"codes/{code}/") + (f"#{anchor}" if anchor else "")

    def scenario_href(self, scenario_id: str) -> str:
        return self.href(f"scenarios/{scenario_id}/")

    def registry_label(self, code: m.Code) -> str:
        return self.labels.t(f"registry_{code.registry}")

    def expired(self, code: m.Code) -> bool:
        return code.expires is not None and date.fromisoformat(code.expires) < self.build_date

    def code_name(self, code: m.Code) -> str:
        return code.reason.get(self.labels.lang)


def compare_groups(atlas: m.Atlas) -> tuple[CompareGroup, ...]:
    groups = []
    for status_class in atlas.classes:
        number = status_class.status_class
        rows = tuple(
            CompareRow(
                code,
                tuple(atlas.usage(s.id, code.code) for s in atlas.sources),
                disagree(atlas, code.code),
                atlas.sources,
            )
            for code in atlas.codes_in(number)
        )
        class_usages = tuple(
            next((u for u in atlas.class_usages(number) if u.source == s.id), None)
            for s in atlas.sources
        )
        groups.append(CompareGroup(status_class, class_usages, rows, atlas.sources))
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


# --------------------------------------------------------------------------------------------
# One typed context per page kind. Each is built here, from the model; its template only
# presents it (no model query in a template).


@dataclass(frozen=True)
class ClassCodes:
    """A class with its codes, for the home page and the codes index."""

    status_class: m.StatusClass
    codes: tuple[m.Code, ...]
    usage_counts: tuple[int, ...]  # how many sources use each code

    @property
    def rows(self) -> tuple[tuple[m.Code, int], ...]:
        return tuple(zip(self.codes, self.usage_counts, strict=True))


@dataclass(frozen=True)
class HomePage:
    c: Context
    classes: tuple[ClassCodes, ...]
    sources: tuple[m.Source, ...]
    scenarios: tuple[m.Scenario, ...]


@dataclass(frozen=True)
class ComparePage:
    c: Context
    sources: tuple[m.Source, ...]
    groups: tuple[CompareGroup, ...]


@dataclass(frozen=True)
class MethodsPage:
    c: Context
    tables: tuple[MatrixTable, ...]


@dataclass(frozen=True)
class CodesPage:
    c: Context
    classes: tuple[ClassCodes, ...]


@dataclass(frozen=True)
class SourcesPage:
    c: Context
    sources: tuple[m.Source, ...]


@dataclass(frozen=True)
class Disagreement:
    """One line of a code page's "where the guidelines disagree"."""

    kind: str  # "stance" or "method"
    method: str | None
    #: (label key, sources) groups, e.g. ("stance_forbidden", (zalando,)), ("state_yes", ...)
    sides: tuple[tuple[str, tuple[m.Source, ...]], ...]


@dataclass(frozen=True)
class GrpcView:
    canonical: tuple[m.GrpcCode, ...]
    client_reads: str
    reference: m.Reference
    reverse_reference: m.Reference
    reverse_note: m.Text | None


@dataclass(frozen=True)
class CodePage:
    c: Context
    code: m.Code
    status_class: m.StatusClass
    views: tuple[UsageView, ...]
    class_views: tuple[UsageView, ...]
    methods: tuple[str, ...]
    previous: m.Code | None
    next: m.Code | None
    disagreements: tuple[Disagreement, ...]
    grpc: GrpcView | None
    scenarios: tuple[m.Scenario, ...]


@dataclass(frozen=True)
class SourcePage:
    c: Context
    source: m.Source
    methods: tuple[str, ...]
    rows: tuple[tuple[m.Code | None, UsageView], ...]
    conditions: tuple[tuple[int, str, m.Condition], ...]
    scenarios: tuple[tuple[m.Scenario, m.Answer], ...]


@dataclass(frozen=True)
class AnswerRow:
    """A source's row on a scenario page: its answer, or None when it says nothing."""

    source: m.Source
    answer: m.Answer | None
    #: codes of the answer this source itself rules out (never, if the data is consistent)
    stances: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class ScenarioPage:
    c: Context
    scenario: m.Scenario
    rows: tuple[AnswerRow, ...]
    spread: tuple[tuple[int, tuple[m.Source, ...]], ...]  # code → the sources that answer it
    codes: tuple[m.Code, ...]


@dataclass(frozen=True)
class ScenarioGroup:
    key: str
    scenarios: tuple[tuple[m.Scenario, tuple[tuple[int, tuple[m.Source, ...]], ...]], ...]


@dataclass(frozen=True)
class GuideNode:
    """A question of the guided path with where each answer leads (an id on the page and the
    URL for the scenario, when it ends there)."""

    question: m.GuideQuestion
    yes_href: str
    no_href: str
    yes_label: str
    no_label: str


@dataclass(frozen=True)
class ScenariosPage:
    c: Context
    groups: tuple[ScenarioGroup, ...]
    guide: tuple[GuideNode, ...]
    start: str
    guidelines: tuple[m.Source, ...]
    #: What the guided path's script needs, as JSON safe inside a <script> element: each
    #: scenario's question, page and answers (source id → codes), and the sources' names.
    guide_json: Markup


def _class_codes(atlas: m.Atlas) -> tuple[ClassCodes, ...]:
    return tuple(
        ClassCodes(
            k,
            atlas.codes_in(k.status_class),
            tuple(len(atlas.usages_of(c.code)) for c in atlas.codes_in(k.status_class)),
        )
        for k in atlas.classes
    )


def _spread(atlas: m.Atlas, scenario: m.Scenario) -> tuple[tuple[int, tuple[m.Source, ...]], ...]:
    by_code: dict[int, list[m.Source]] = {}
    for answer in scenario.answers:
        for code in answer.codes:
            by_code.setdefault(code, []).append(atlas.source(answer.source))
    return tuple((code, tuple(by_code[code])) for code in sorted(by_code))


def _disagreement_lines(atlas: m.Atlas, code: int) -> tuple[Disagreement, ...]:
    used = _guideline_usages(atlas, code)
    lines = []
    for key in disagreements(atlas, code):
        if key == "stance":
            sides = tuple(
                (f"stance_{stance}", members)
                for stance in m.STANCES
                if (members := tuple(atlas.source(u.source) for u in used if u.stance == stance))
            )
            lines.append(Disagreement("stance", None, sides))
        else:
            method = key.split(":", 1)[1]
            sides = tuple(
                (f"state_{state}", members)
                for state in ("yes", "no", "conditional")
                if (
                    members := tuple(
                        atlas.source(u.source) for u in used if u.method(method) == state
                    )
                )
            )
            lines.append(Disagreement("method", method, sides))
    return tuple(lines)


def _grpc_view(atlas: m.Atlas, code: int) -> GrpcView | None:
    if atlas.grpc is None:
        return None
    return GrpcView(
        atlas.grpc.canonical_for(code),
        atlas.grpc.client_reads(code),
        atlas.grpc.reference,
        atlas.grpc.reverse_reference,
        atlas.grpc.reverse_note,
    )


def code_page(atlas: m.Atlas, context: Context, index: int) -> CodePage:
    codes = atlas.codes
    code = codes[index]
    usages = atlas.usages_of(code.code)
    methods = methods_shown(usages)
    return CodePage(
        c=context,
        code=code,
        status_class=next(k for k in atlas.classes if k.status_class == code.status_class),
        views=tuple(usage_view(u, atlas.source(u.source), methods) for u in usages),
        class_views=tuple(
            usage_view(u, atlas.source(u.source), methods)
            for u in atlas.class_usages(code.status_class)
        ),
        methods=methods,
        previous=codes[index - 1] if index > 0 else None,
        next=codes[index + 1] if index + 1 < len(codes) else None,
        disagreements=_disagreement_lines(atlas, code.code),
        grpc=_grpc_view(atlas, code.code),
        scenarios=atlas.scenarios_with(code.code),
    )


def source_page(atlas: m.Atlas, context: Context, source: m.Source) -> SourcePage:
    table = next(t for t in matrix_tables(atlas) if t.source.id == source.id)
    return SourcePage(
        c=context,
        source=source,
        methods=table.methods,
        rows=table.rows,
        conditions=table.conditions,
        scenarios=tuple(
            (s, answer) for s in atlas.scenarios if (answer := s.answer(source.id)) is not None
        ),
    )


def scenario_page(atlas: m.Atlas, context: Context, scenario: m.Scenario) -> ScenarioPage:
    rows = []
    for source in atlas.sources:
        if source.kind != "guideline":
            continue
        answer = scenario.answer(source.id)
        stances = tuple(
            (code, usage.stance)
            for code in (answer.codes if answer else ())
            if (usage := atlas.usage(source.id, code)) is not None
        )
        rows.append(AnswerRow(source, answer, stances))
    return ScenarioPage(
        c=context,
        scenario=scenario,
        rows=tuple(rows),
        spread=_spread(atlas, scenario),
        codes=tuple(atlas.code(n) for n in scenario.codes),
    )


def scenarios_page(atlas: m.Atlas, context: Context) -> ScenariosPage:
    groups = tuple(
        ScenarioGroup(
            key,
            tuple((s, _spread(atlas, s)) for s in atlas.scenarios if s.group == key),
        )
        for key in m.SCENARIO_GROUPS
        if any(s.group == key for s in atlas.scenarios)
    )
    nodes: list[GuideNode] = []
    guide = atlas.guide
    if guide is not None:

        def target(step: m.GuideStep) -> tuple[str, str]:
            if step.kind == "question":
                return "#" + step.target, guide.question(step.target).text.get(context.labels.lang)
            scenario = atlas.scenario(step.target)
            return context.scenario_href(step.target), scenario.question.get(context.labels.lang)

        for question in guide.questions:
            yes_href, yes_label = target(question.yes)
            no_href, no_label = target(question.no)
            nodes.append(GuideNode(question, yes_href, no_href, yes_label, no_label))
    lang = context.labels.lang
    data = {
        "scenarios": {
            s.id: {
                "question": s.question.get(lang),
                "href": context.scenario_href(s.id),
                "answers": {a.source: list(a.codes) for a in s.answers},
            }
            for s in atlas.scenarios
        },
        "sources": {s.id: s.short_name for s in atlas.sources if s.kind == "guideline"},
        "codeHref": context.href("codes/"),
    }
    return ScenariosPage(
        c=context,
        groups=groups,
        guide=tuple(nodes),
        start=guide.start if guide else "",
        guidelines=tuple(s for s in atlas.sources if s.kind == "guideline"),
        guide_json=script_json(data),
    )


def _render_page(template: str, page: Any) -> str:
    labels = page.c.labels
    return (
        environment()
        .get_template(template)
        .render(page=page, c=page.c, L=labels, t=labels.t, tx=labels.tx, lang=labels.lang)
    )


def site_pages(
    atlas: m.Atlas, strings: Strings, lang: m.Lang, build_date: date, shared: str | None = None
) -> list[Page]:
    """Every generated Markdown page of one language; `shared` leads from the language's root
    to the files both languages share (default: the atlas's own layout, LANG_PREFIX)."""
    labels = Labels(lang, strings)
    if shared is None:
        shared = "../" * LANG_PREFIX[lang].count("/")

    def ctx(depth: int) -> Context:
        return Context(labels, atlas, "../" * depth, build_date, shared)

    classes = _class_codes(atlas)
    pages = [
        Page(
            "index.md",
            _render_page(
                "site/home.md.j2", HomePage(ctx(0), classes, atlas.sources, atlas.scenarios)
            ),
        ),
        Page(
            "compare.md",
            _render_page(
                "site/compare.md.j2", ComparePage(ctx(1), atlas.sources, compare_groups(atlas))
            ),
        ),
        Page(
            "methods.md",
            _render_page("site/methods.md.j2", MethodsPage(ctx(1), matrix_tables(atlas))),
        ),
        Page("codes/index.md", _render_page("site/codes.md.j2", CodesPage(ctx(1), classes))),
        Page(
            "sources/index.md",
            _render_page("site/sources.md.j2", SourcesPage(ctx(1), atlas.sources)),
        ),
    ]
    for index, code in enumerate(atlas.codes):
        page = code_page(atlas, ctx(2), index)
        pages.append(Page(f"codes/{code.code}.md", _render_page("site/code.md.j2", page)))
    for source in atlas.sources:
        page_s = source_page(atlas, ctx(2), source)
        pages.append(Page(f"sources/{source.id}.md", _render_page("site/source.md.j2", page_s)))
    if atlas.scenarios:
        pages.append(
            Page(
                "scenarios/index.md",
                _render_page("site/scenarios.md.j2", scenarios_page(atlas, ctx(1))),
            )
        )
        for scenario in atlas.scenarios:
            page_x = scenario_page(atlas, ctx(2), scenario)
            pages.append(
                Page(
                    f"scenarios/{scenario.id}.md",
                    _render_page("site/scenario.md.j2", page_x),
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
    """Part 1 of the book: each class with its class-wide rules, then its codes."""
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
    """Part 4 of the book: the comparison, cut into tables of a few sources each so that
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
                        sources=group.sources[cut],
                        rows=tuple(
                            replace(row, cells=row.cells[cut], sources=row.sources[cut])
                            for row in group.rows
                        ),
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

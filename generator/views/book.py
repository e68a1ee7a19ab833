"""The printed reference: the atlas as a book, one PDF per language, laid out by Typst.

The book's content is data. `book_data` turns the view models the site's pages are made from
(views/pages.py) into one plain JSON document in one language: every label resolved, every
decision taken (which methods to show, where a link leads, which registration has expired).
templates/pdf/book.typ reads it with `json(bytes(sys.inputs.book))` and only lays it out, so
no text from the YAML is ever parsed as Typst markup: a `#`, `*` or `<` in the data is printed
as it is.

views/typeset.py lays it out: a tagged PDF/UA-1 document in the book's language, with
Debian's DejaVu fonts only; nothing is fetched.

Same input and SOURCE_DATE_EPOCH, same bytes: the PDF's dates are the edition date.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..files import write_atomically
from ..model import Lang
from . import pages as views
from .typeset import page_count, render_pdf

if TYPE_CHECKING:
    from .. import model as m
    from ..edition import Edition

#: The site folder both languages' PDFs are written to, beside the pt-BR pages.
DOWNLOADS = "downloads"


def pdf_name(lang: Lang) -> str:
    return f"atlas-{lang}.pdf"


# --------------------------------------------------------------------------------------------
# The book as data


def book_data(inputs: Edition, lang: Lang) -> dict[str, Any]:
    """Everything book.typ prints, in one language, as plain JSON values."""
    labels = views.Labels(lang, inputs.strings)
    context = views.Context(labels, inputs.atlas, "", inputs.build_date)
    atlas = inputs.atlas
    sources = ", ".join(s.short_name for s in atlas.sources)
    keywords = [k.strip() for k in f"{labels.t('pdf_keywords')}, {sources}".split(",")]
    compare = views.book_compare_tables(atlas)
    return {
        "lang": lang,
        "labels": {key: inputs.strings.get(key, lang) for key in inputs.strings.texts},
        "symbols": views.STATE_SYMBOLS,
        "stance_symbols": views.STANCE_SYMBOLS,
        "document": {
            "title": labels.t("site_name"),
            "author": labels.t("pdf_author"),
            "subject": labels.t("tagline"),
            "keywords": list(dict.fromkeys(keywords)),
        },
        "cover": {
            "edition": views.long_date(labels, inputs.build_date),
            "site_url": inputs.site.page(lang),
        },
        "compare": [
            _compare_table(context, table, number, len(compare))
            for number, table in enumerate(compare, start=1)
        ],
        "matrices": [_matrix(context, table) for table in views.matrix_tables(atlas)],
        "scenario_groups": _scenario_groups(context),
        "classes": [_class(context, group) for group in views.book_classes(atlas)],
        "sources": [_source(context, source) for source in atlas.sources],
    }


def _class_title(labels: views.Labels, status_class: m.StatusClass) -> str:
    return f"{status_class.label} · {labels.tx(status_class.name)}"


def _compare_table(
    c: views.Context, table: views.BookCompareTable, number: int, count: int
) -> dict[str, Any]:
    L = c.labels
    caption = None
    if count > 1:
        caption = L.t("pdf_table_x_of_y").format(number=number, count=count)
        caption += ": " + ", ".join(s.short_name for s in table.sources)
    return {
        "caption": caption,
        "sources": [{"target": f"source-{s.id}", "name": s.short_name} for s in table.sources],
        "groups": [
            {
                "title": _class_title(L, group.status_class),
                "target": f"class-{group.status_class.status_class}",
                "class_rules": [
                    None
                    if usage is None
                    else {
                        "stance": usage.stance,
                        "meaning": views.first_sentence(L.tx(usage.meaning), 90),
                    }
                    for usage in group.class_usages
                ],
                "rows": [
                    {
                        "code": row.code.code,
                        "target": f"code-{row.code.code}",
                        "name": c.code_name(row.code),
                        "iana": row.code.reason.en
                        if c.code_name(row.code) != row.code.reason.en
                        else None,
                        "older": list(table.older_names[row.code.code]),
                        "cells": [
                            None
                            if usage is None
                            else {
                                "target": f"code-{row.code.code}-{usage.source}",
                                "stance": usage.stance,
                                "ruled_out": usage.ruled_out,
                                "instead": [str(code) for code in usage.instead],
                                "meaning": views.first_sentence(L.tx(usage.meaning), 90),
                            }
                            for usage in row.cells
                        ],
                    }
                    for row in group.rows
                ],
            }
            for group in table.groups
        ],
    }


def _matrix(c: views.Context, table: views.MatrixTable) -> dict[str, Any]:
    L = c.labels
    return {
        "target": f"matrix-{table.source.id}",
        "title": table.source.name,
        "methods": list(table.methods),
        "rows": [
            {
                "label": view.usage.label,
                "target": f"code-{code.code}-{table.source.id}"
                if code
                else f"class-{view.usage.status_class}",
                "name": c.code_name(code) if code else L.t("class_rule"),
                "cells": [_cell(cell) for cell in view.cells],
            }
            for code, view in table.rows
        ],
        "conditions": [
            {
                "number": number,
                "label": label,
                "methods": ", ".join(condition.methods),
                "text": L.tx(condition.text),
            }
            for number, label, condition in table.conditions
        ],
    }


def _cell(cell: views.MethodCell) -> dict[str, Any]:
    return {"method": cell.method, "state": cell.state, "note": cell.note}


def _usage(c: views.Context, view: views.UsageView, target: str) -> dict[str, Any]:
    L = c.labels
    usage = view.usage
    stated = [cell for cell in view.cells if cell.state != "unspecified"]
    return {
        "target": target,
        "source": view.source.name,
        "reason_used": usage.reason_used,
        "meaning": L.tx(usage.meaning),
        "stated": [_cell(cell) for cell in stated],
        # "other methods: not stated" when only some are stated; a line of its own when none
        "unstated": "none" if not stated else "some" if len(stated) < len(view.cells) else "",
        "conditions": [
            {"number": number, "methods": ", ".join(cond.methods), "text": L.tx(cond.text)}
            for number, cond in view.conditions
        ],
        "stance": usage.stance,
        "ruled_out": usage.ruled_out,
        "instead": [_code_link(c, code) for code in usage.instead],
        "why": L.tx(usage.why) if usage.why else None,
        "headers": [
            {
                "names": list(rule.names),
                "level": rule.level,
                "note": L.tx(rule.note) if rule.note else None,
            }
            for rule in usage.headers
        ],
        "url": usage.url,
        "action": L.tx(usage.action) if usage.action else None,
        "notes": [L.tx(note) for note in usage.notes],
    }


def _code_link(c: views.Context, code: int, source: str | None = None) -> dict[str, Any]:
    """A code number and where it leads in the book: that source's entry in the code's
    section when there is one, else the section, else nowhere (a code the atlas lacks)."""
    numbers = {known.code for known in c.atlas.codes}
    target = None
    if source is not None and c.atlas.usage(source, code) is not None:
        target = f"code-{code}-{source}"
    elif code in numbers:
        target = f"code-{code}"
    return {"label": str(code), "target": target}


def _scenario_groups(c: views.Context) -> list[dict[str, Any]]:
    """The situations by group, each with RFC 9110's answer and every guideline's."""
    L = c.labels
    groups = []
    for group in views.scenarios_page(c.atlas, c).groups:
        scenarios = []
        for scenario, _ in group.scenarios:
            page = views.scenario_page(c.atlas, c, scenario)
            answers = scenario.answers
            agreement = (
                "scenario_no_answer"
                if not answers
                else "scenario_one_answer"
                if len(answers) == 1
                else "scenario_agree"
                if scenario.agree
                else "scenario_disagree"
            )
            baseline = scenario.baseline
            scenarios.append(
                {
                    "target": f"scenario-{scenario.id}",
                    "question": L.tx(scenario.question),
                    "description": L.tx(scenario.description),
                    "baseline": {
                        "codes": [_code_link(c, code) for code in baseline.codes],
                        "reference": {
                            "title": baseline.reference.title,
                            "url": baseline.reference.url,
                        },
                        "note": L.tx(baseline.note) if baseline.note else None,
                    },
                    "agreement": L.t(agreement),
                    "rows": [
                        {
                            "source": row.source.short_name,
                            "target": f"source-{row.source.id}",
                            "answer": None
                            if row.answer is None
                            else {
                                "codes": [
                                    _code_link(c, code, row.source.id) for code in row.answer.codes
                                ],
                                "methods": ", ".join(row.answer.methods),
                                "note": L.tx(row.answer.note),
                                "url": row.answer.url,
                            },
                        }
                        for row in page.rows
                    ],
                }
            )
        groups.append({"title": L.t(f"scenario_group_{group.key}"), "scenarios": scenarios})
    return groups


def _class(c: views.Context, group: views.BookClass) -> dict[str, Any]:
    L = c.labels
    k = group.status_class
    return {
        "target": f"class-{k.status_class}",
        "label": k.label,
        "title": _class_title(L, k),
        "summary": L.tx(k.summary),
        "notes": [L.tx(note) for note in k.notes],
        "problem": L.problem_json(k.problem) if k.problem else None,
        "rules": [
            _usage(c, view, f"class-{k.status_class}-{view.source.id}")
            for view in group.class_views
        ],
        "codes": [_code(c, entry) for entry in group.codes],
    }


def _code(c: views.Context, entry: views.BookCode) -> dict[str, Any]:
    L = c.labels
    code = entry.code
    translated = code.reason.get(L.lang)
    expiry = None
    if code.expires:
        expiry = {"label": L.t("expired" if c.expired(code) else "expires"), "date": code.expires}
    return {
        "code": code.code,
        "target": f"code-{code.code}",
        "name": code.reason.en,
        "translated": translated if translated != code.reason.en else None,
        "running": f"{code.code} {c.code_name(code)}",
        "meaning": L.tx(code.meaning),
        "registry": c.registry_label(code),
        "expiry": expiry,
        "reference": {"title": code.reference.title, "url": code.reference.url},
        "iana_name": code.reason.en,
        "cacheable": L.t("yes" if code.cacheable else "no"),
        "retryable": L.t(f"retry_{code.retryable}"),
        "headers": list(code.headers),
        "notes": [L.tx(note) for note in code.notes],
        "usages": [_usage(c, view, f"code-{code.code}-{view.source.id}") for view in entry.views],
        "scenarios": [
            {"target": f"scenario-{s.id}", "question": L.tx(s.question)}
            for s in c.atlas.scenarios_with(code.code)
        ],
    }


def _source(c: views.Context, source: m.Source) -> dict[str, Any]:
    L = c.labels
    return {
        "target": f"source-{source.id}",
        "name": source.name,
        "summary": L.tx(source.summary),
        "publisher": source.publisher,
        "kind": L.t(f"kind_{source.kind}"),
        "language": source.language,
        "retrieved": source.retrieved,
        "updated": source.updated,
        "revision": source.revision,
        "url": source.url,
        "license": L.tx(source.license),
        "rules": [L.tx(rule) for rule in source.rules],
        "codes_used": [
            {
                "label": usage.label,
                "target": f"code-{usage.code}-{source.id}"
                if usage.code is not None
                else f"class-{usage.status_class}-{source.id}",
            }
            for usage in source.usage
        ],
    }


def book_json(inputs: Edition, lang: Lang) -> str:
    """book_data as the JSON text the template reads (keys sorted: same data, same text)."""
    return json.dumps(book_data(inputs, lang), ensure_ascii=False, sort_keys=True)


# --------------------------------------------------------------------------------------------
# Laying it out (views/typeset.py)


def render_book(inputs: Edition, lang: Lang) -> bytes:
    """The book's PDF bytes."""
    return render_pdf(book_json(inputs, lang), inputs.build_date)


def write_pdf(inputs: Edition, lang: Lang, path: Path) -> int:
    """Write the book to path atomically (a temporary file beside it, renamed when complete,
    removed on failure); return its number of pages."""
    data = render_book(inputs, lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, data)
    return page_count(data)

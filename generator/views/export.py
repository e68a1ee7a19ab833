"""Machine-readable views of the atlas: the JSON contract (data/export.schema.json) and CSV."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .. import model as m

EXPORT_VERSION = 1


def usage_dict(usage: m.Usage) -> dict[str, Any]:
    return {
        "source": usage.source,
        "reason_used": usage.reason_used,
        "meaning": usage.meaning.as_dict(),
        "methods": {name: usage.method(name) for name in m.METHODS},
        "conditions": [{"methods": list(c.methods), **c.text.as_dict()} for c in usage.conditions],
        "action": usage.action.as_dict() if usage.action else None,
        "notes": [n.as_dict() for n in usage.notes],
        "stance": usage.stance,
        "instead": list(usage.instead),
        "why": usage.why.as_dict() if usage.why else None,
        "url": usage.url,
        "headers": [
            {
                "names": list(h.names),
                "level": h.level,
                "note": h.note.as_dict() if h.note else None,
            }
            for h in usage.headers
        ],
    }


def source_dict(source: m.Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "name": source.name,
        "short_name": source.short_name,
        "publisher": source.publisher,
        "kind": source.kind,
        "url": source.url,
        "language": source.language,
        "retrieved": source.retrieved,
        "updated": source.updated,
        "license": source.license.as_dict(),
        "summary": source.summary.as_dict(),
        "rules": [r.as_dict() for r in source.rules],
        "revision": source.revision,
    }


def grpc_of(atlas: m.Atlas, number: int) -> dict[str, Any] | None:
    """The gRPC side of an HTTP code: the canonical codes that map to it, and what a gRPC
    client reads from it when no grpc-status comes with it."""
    if atlas.grpc is None:
        return None
    return {
        "canonical": [c.name for c in atlas.grpc.canonical_for(number)],
        "client_reads": atlas.grpc.client_reads(number),
    }


def grpc_dict(grpc: m.Grpc) -> dict[str, Any]:
    return {
        "canonical": {
            "reference": {"title": grpc.reference.title, "url": grpc.reference.url},
            "codes": [
                {
                    "name": c.name,
                    "number": c.number,
                    "http": c.http,
                    "note": c.note.as_dict() if c.note else None,
                }
                for c in grpc.codes
            ],
        },
        "reverse": {
            "reference": {"title": grpc.reverse_reference.title, "url": grpc.reverse_reference.url},
            "note": grpc.reverse_note.as_dict() if grpc.reverse_note else None,
            "codes": [{"http": http, "grpc": name} for http, name in grpc.reverse],
            "otherwise": grpc.otherwise,
        },
    }


def scenario_dict(scenario: m.Scenario) -> dict[str, Any]:
    baseline = scenario.baseline
    return {
        "id": scenario.id,
        "group": scenario.group,
        "question": scenario.question.as_dict(),
        "description": scenario.description.as_dict(),
        "keywords": {lang: list(words) for lang, words in scenario.keywords.items()},
        "baseline": {
            "codes": list(baseline.codes),
            "reference": {"title": baseline.reference.title, "url": baseline.reference.url},
            "note": baseline.note.as_dict() if baseline.note else None,
        },
        "answers": [
            {
                "source": a.source,
                "codes": list(a.codes),
                "methods": list(a.methods),
                "note": a.note.as_dict(),
                "url": a.url,
            }
            for a in scenario.answers
        ],
        "agree": scenario.agree,
    }


def code_dict(atlas: m.Atlas, code: m.Code) -> dict[str, Any]:
    return {
        "code": code.code,
        "class": code.status_class,
        "registry": code.registry,
        "expires": code.expires,
        "reason": code.reason.as_dict(),
        "reference": {"title": code.reference.title, "url": code.reference.url},
        "meaning": code.meaning.as_dict(),
        "cacheable": code.cacheable,
        "retryable": code.retryable,
        "headers": list(code.headers),
        "usage": [usage_dict(u) for u in atlas.usages_of(code.code)],
        "grpc": grpc_of(atlas, code.code),
        "scenarios": [s.id for s in atlas.scenarios_with(code.code)],
        "notes": [n.as_dict() for n in code.notes],
    }


def problem_dict(problem: m.Problem | None) -> dict[str, Any] | None:
    if problem is None:
        return None
    return {
        "status": problem.status,
        "type": problem.type,
        "title": problem.title.as_dict(),
        "detail": problem.detail.as_dict(),
        "instance": problem.instance,
    }


def class_dict(atlas: m.Atlas, status_class: m.StatusClass) -> dict[str, Any]:
    return {
        "class": status_class.status_class,
        "name": status_class.name.as_dict(),
        "summary": status_class.summary.as_dict(),
        "usage": [usage_dict(u) for u in atlas.class_usages(status_class.status_class)],
        "notes": [n.as_dict() for n in status_class.notes],
        "problem": problem_dict(status_class.problem),
    }


def to_data(atlas: m.Atlas) -> dict[str, Any]:
    """The whole atlas as the public JSON structure."""
    return {
        "version": EXPORT_VERSION,
        "sources": [source_dict(s) for s in atlas.sources],
        "classes": [class_dict(atlas, c) for c in atlas.classes],
        "codes": [code_dict(atlas, c) for c in atlas.codes],
        "scenarios": [scenario_dict(s) for s in atlas.scenarios],
        "grpc": grpc_dict(atlas.grpc) if atlas.grpc else None,
    }


def code_document(atlas: m.Atlas, code: m.Code) -> dict[str, Any]:
    """/api/v1/codes/<code>.json: the code's entry, its class, and the sources they name."""
    status_class = next(k for k in atlas.classes if k.status_class == code.status_class)
    named = {u.source for u in atlas.usages_of(code.code)}
    named |= {u.source for u in atlas.class_usages(code.status_class)}
    return {
        "version": EXPORT_VERSION,
        "code": code_dict(atlas, code),
        "class": class_dict(atlas, status_class),
        "sources": [source_dict(s) for s in atlas.sources if s.id in named],
    }


def source_document(atlas: m.Atlas, source: m.Source) -> dict[str, Any]:
    """/api/v1/sources/<id>.json: the source, and only its own usage of classes and codes."""

    def only_this(entry: dict[str, Any]) -> dict[str, Any]:
        return {**entry, "usage": [u for u in entry["usage"] if u["source"] == source.id]}

    classes = [only_this(class_dict(atlas, k)) for k in atlas.classes]
    codes = [only_this(code_dict(atlas, c)) for c in atlas.codes]
    return {
        "version": EXPORT_VERSION,
        "source": source_dict(source),
        "classes": [k for k in classes if k["usage"]],
        "codes": [c for c in codes if c["usage"]],
    }


def dumps(data: Any) -> str:
    """Stable JSON text: UTF-8 characters kept, two-space indent, final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_json(atlas: m.Atlas) -> str:
    return dumps(to_data(atlas))


CSV_COLUMNS = (
    "code",
    "class",
    "registry",
    "reason",
    "source",
    "reason_used",
    *m.METHODS,
    "meaning",
    "conditions",
    "action",
    "notes",
    "stance",
    "instead",
)


def to_csv(atlas: m.Atlas, lang: m.Lang = "pt-BR") -> str:
    """One row per (code or class, source) usage, texts in one language."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    rows: list[tuple[m.Usage, str, str, str]] = []
    for status_class in atlas.classes:  # each class's own rule first, then its codes
        for usage in atlas.class_usages(status_class.status_class):
            rows.append((usage, "", "", status_class.name.get(lang)))
        for code in atlas.codes_in(status_class.status_class):
            for usage in atlas.usages_of(code.code):
                rows.append((usage, str(code.status_class), code.registry, code.reason.get(lang)))
    for usage, status_class_text, registry, reason in rows:
        writer.writerow(
            (
                usage.label,
                status_class_text or str(usage.status_class),
                registry,
                reason,
                usage.source,
                usage.reason_used or "",
                *(usage.method(name) for name in m.METHODS),
                usage.meaning.get(lang),
                "\n".join(f"{', '.join(c.methods)}: {c.text.get(lang)}" for c in usage.conditions),
                usage.action.get(lang) if usage.action else "",
                "\n".join(n.get(lang) for n in usage.notes),
                usage.stance,
                " ".join(str(c) for c in usage.instead),
            )
        )
    return out.getvalue()

"""A report as text, JSON (shape: data/lint.schema.json) or SARIF 2.1.0."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .findings import Finding, Report
from .links import DOCS_PAGE, page, rule_url
from .messages import SEVERITIES, say
from .rules import RULES

FORMATS: tuple[str, ...] = ("text", "json", "sarif")

#: Version of the JSON output's shape (data/lint.schema.json).
JSON_VERSION = 1


def render(report: Report, fmt: str) -> str:
    """The report as `text`, `json` or `sarif`."""
    return "".join(chunks(report, fmt))


def chunks(report: Report, fmt: str) -> Iterator[str]:
    """The report as `render` writes it, in pieces: a large report is written as it is made,
    never held whole in memory."""
    if fmt == "json":
        return json_chunks(report)
    if fmt == "sarif":
        return sarif_chunks(report)
    return text_chunks(report)


def to_text(report: Report) -> str:
    return "".join(text_chunks(report))


def text_chunks(report: Report) -> Iterator[str]:
    """Findings grouped by file, each with the guideline's words and a link; then a summary."""
    lang = report.lang
    by_file: dict[str, list[Finding]] = {}
    for f in report.findings:
        by_file.setdefault(f.file, []).append(f)
    for file in report.files:
        found = by_file.get(file)
        if not found:
            continue
        severities = {s: say(s, lang) for s in SEVERITIES}
        where_width = max(len(f"{f.line}:{f.column}") for f in found)
        severity_width = max(len(severities[f.severity]) for f in found)
        indent = " " * (2 + where_width + 2 + severity_width + 2)
        yield file + "\n"
        for f in found:
            where = f"{f.line}:{f.column}"
            subject = " ".join(x for x in (f.operation, f.code) if x)
            head = f"{subject}: {f.message}" if subject else f.message
            lines = [
                f"  {where:<{where_width}}  {severities[f.severity]:<{severity_width}}  "
                f"{head} [{f.rule}]"
            ]
            if f.guideline_text:
                lines.append(f"{indent}{report.guideline.short_name}: {f.guideline_text}")
            reached = f.reached_text(lang)
            if reached:
                lines.append(f"{indent}{reached}")
            lines.append(f"{indent}{f.url}")
            yield "\n".join(lines) + "\n"
        yield "\n"
    yield report.summary() + "\n"


def _head(report: Report) -> dict[str, Any]:
    """The JSON report without its findings."""
    return {
        "version": JSON_VERSION,
        "guideline": {
            "id": report.guideline.id,
            "name": report.guideline.name,
            "short_name": report.guideline.short_name,
            "url": page(report.site, f"sources/{report.guideline.id}", report.lang),
        },
        "lang": report.lang,
        "files": list(report.files),
        "summary": {
            "errors": report.count("error"),
            "warnings": report.count("warning"),
            "infos": report.count("info"),
            "files": len(report.files),
            "text": report.summary(),
        },
        "findings": [],
        "unreadable": [u.as_dict() for u in report.unreadable],
    }


def to_data(report: Report) -> dict[str, Any]:
    """The JSON structure described by data/lint.schema.json."""
    data = _head(report)
    data["findings"] = [f.as_dict() for f in report.findings]
    return data


def to_json(report: Report) -> str:
    return "".join(json_chunks(report))


def json_chunks(report: Report) -> Iterator[str]:
    data = _head(report)
    return _streamed(data, data["findings"], (f.as_dict() for f in report.findings))


#: Stands for the items of a list while the rest of a document is written around it.
_PLACEHOLDER = "\0items\0"


def _streamed(document: Any, items_list: list[Any], items: Iterable[Any]) -> Iterator[str]:
    """`json.dumps(document, ensure_ascii=False, indent=2) + "\\n"`, in pieces, where
    `items_list` (an empty list inside `document`) holds `items`: the same text, without the
    whole list in memory at once."""
    items_list.append(_PLACEHOLDER)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    items_list.pop()
    marker = json.dumps(_PLACEHOLDER)
    at = text.index(marker)
    line_start = text.rfind("\n", 0, at) + 1
    depth = (at - line_start) // 2
    before, after = text[: line_start - 1], text[at + len(marker) :]
    pad = "\n" + "  " * depth
    first = True
    for item in items:
        yield (before if first else ",") + pad + _pretty(item, depth)
        first = False
    if first:  # no items: an empty list, as json.dumps writes it
        yield before + "]" + after.split("]", 1)[1]
        return
    yield after


_encode_string: Any = getattr(json.encoder, "c_encode_basestring", None) or (
    json.encoder.py_encode_basestring
)


def _pretty(value: Any, depth: int) -> str:
    """What `json.dumps(value, ensure_ascii=False, indent=2)` writes for a value nested
    `depth` levels deep, faster: the standard library indents in pure Python."""
    if isinstance(value, str):
        return str(_encode_string(value))
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = "\n" + "  " * (depth + 1)
        parts = [f"{_encode_string(k)}: {_pretty(v, depth + 1)}" for k, v in value.items()]
        return "{" + inner + ("," + inner).join(parts) + "\n" + "  " * depth + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        inner = "\n" + "  " * (depth + 1)
        parts = [_pretty(v, depth + 1) for v in value]
        return "[" + inner + ("," + inner).join(parts) + "\n" + "  " * depth + "]"
    return json.dumps(value, ensure_ascii=False)


_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _tool_version() -> str:
    try:
        return metadata.version("http-status-atlas")
    except metadata.PackageNotFoundError:
        return "0.0.0"


def _artifact_uri(file: str) -> str:
    """A relative path stays relative (GitHub reads it from the repository root); a path that
    is absolute or climbs out with `..` becomes a file URI, which GitHub's upload-sarif turns
    relative to the checkout."""
    path = Path(file)
    if path.is_absolute() or ".." in path.parts:
        return path.resolve().as_uri()
    return quote(path.as_posix())


def _fingerprint(f: Finding) -> str:
    """What tells this finding from the others in its file across runs, whatever its line and
    language: GitHub combines it with the file and the rule, so findings that share a line
    (the missing codes of one operation) stay separate alerts."""
    where = (f.operation or "", f.code or "")
    if not any(where):
        where = (str(f.line), str(f.column))
    key = "\0".join((f.rule, *where))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _related(f: Finding) -> dict[str, Any]:
    """SARIF relatedLocations: where each operation the finding is about refers to the shared
    node it is in."""
    related = [
        {
            "id": index,
            "physicalLocation": {
                "artifactLocation": {"uri": _artifact_uri(r.via.file)},
                "region": {"startLine": r.via.line, "startColumn": r.via.column},
            },
            "message": {"text": r.operation},
        }
        for index, r in enumerate(f.reached_from)
        if r.via is not None
    ]
    return {"relatedLocations": related} if related else {}


def _notifications(report: Report) -> dict[str, Any]:
    """The files that could not be read, as the run's tool execution notifications."""
    if not report.unreadable:
        return {}
    notifications = []
    for u in report.unreadable:
        location: dict[str, Any] = {"artifactLocation": {"uri": _artifact_uri(u.file)}}
        if u.line:
            location["region"] = {"startLine": u.line, "startColumn": u.column}
        notifications.append(
            {
                "level": "error",
                "message": {"text": u.message},
                "locations": [{"physicalLocation": location}],
            }
        )
    return {
        "invocations": [{"executionSuccessful": False, "toolExecutionNotifications": notifications}]
    }


def to_sarif_data(report: Report) -> dict[str, Any]:
    """A SARIF 2.1.0 log with one run, as GitHub code scanning reads it."""
    log = _sarif_head(report)
    log["runs"][0]["results"] = list(_sarif_results(report))
    return log


def sarif_chunks(report: Report) -> Iterator[str]:
    log = _sarif_head(report)
    return _streamed(log, log["runs"][0]["results"], _sarif_results(report))


def _sarif_results(report: Report) -> Iterator[dict[str, Any]]:
    lang = report.lang
    rule_ids = {rule_id: index for index, rule_id in enumerate(RULES)}
    uris: dict[str, str] = {}
    for f in report.findings:
        uri = uris.get(f.file)
        if uri is None:
            uri = uris[f.file] = _artifact_uri(f.file)
        subject = " ".join(x for x in (f.operation, f.code) if x)
        # One paragraph: what, what the guideline says, where to read more.
        sentences = [f"{subject}: {f.message}" if subject else f.message]
        if f.guideline_text:
            sentences.append(f"{report.guideline.short_name}: {f.guideline_text}")
        reached = f.reached_text(lang)
        if reached:
            sentences.append(reached[0].upper() + reached[1:])
        sentences.append(f.url)
        text = " ".join(s if s.endswith(".") or s is f.url else s + "." for s in sentences)
        yield {
            "ruleId": f.rule,
            "ruleIndex": rule_ids[f.rule],
            "level": _SARIF_LEVEL[f.severity],
            "message": {"text": text},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": {"startLine": f.line, "startColumn": f.column},
                    }
                }
            ],
            **_related(f),
            "partialFingerprints": {"primaryLocationLineHash": _fingerprint(f)},
            "properties": {
                "guideline": report.guideline.id,
                "operation": f.operation,
                "code": f.code,
                "url": f.url,
            },
        }


def _sarif_head(report: Report) -> dict[str, Any]:
    """The SARIF log without its results."""
    lang = report.lang
    rules = [
        {
            "id": rule.id,
            "name": "".join(w.capitalize() for w in rule.id.split("-")),
            "shortDescription": {"text": rule.title.get(lang)},
            "fullDescription": {"text": rule.help.get(lang)},
            "helpUri": rule_url(report.site, rule.id, lang),
            "help": {
                "text": f"{rule.help.get(lang)}\n\n{rule_url(report.site, rule.id, lang)}",
                "markdown": f"{rule.help.get(lang)}\n\n[{rule_url(report.site, rule.id, lang)}]"
                f"({rule_url(report.site, rule.id, lang)})",
            },
            "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
            "properties": {"tags": ["openapi", "http-status"]},
        }
        for rule in RULES.values()
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": say("tool", lang),
                        "informationUri": page(report.site, DOCS_PAGE, lang),
                        "version": _tool_version(),
                        "language": lang,
                        "rules": rules,
                    }
                },
                "language": lang,
                "columnKind": "unicodeCodePoints",
                **_notifications(report),
                "results": [],
            }
        ],
    }


def to_sarif(report: Report) -> str:
    return json.dumps(to_sarif_data(report), ensure_ascii=False, indent=2) + "\n"

"""A report as text, JSON (shape: data/lint.schema.json) or SARIF 2.1.0."""

from __future__ import annotations

import hashlib
import json
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .findings import Finding, Report
from .links import DOCS_PAGE, page, rule_url
from .messages import RULES, say

FORMATS: tuple[str, ...] = ("text", "json", "sarif")

#: Version of the JSON output's shape (data/lint.schema.json).
JSON_VERSION = 1


def render(report: Report, fmt: str) -> str:
    """The report as `text`, `json` or `sarif`."""
    if fmt == "json":
        return to_json(report)
    if fmt == "sarif":
        return to_sarif(report)
    return to_text(report)


def to_text(report: Report) -> str:
    """Findings grouped by file, each with the guideline's words and a link; then a summary."""
    lines: list[str] = []
    lang = report.lang
    for file in report.files:
        found = [f for f in report.findings if f.file == file]
        if not found:
            continue
        where = [f"{f.line}:{f.column}" for f in found]
        severities = [say(f.severity, lang) for f in found]
        where_width = max(len(w) for w in where)
        severity_width = max(len(s) for s in severities)
        indent = " " * (2 + where_width + 2 + severity_width + 2)
        lines.append(file)
        for f, w, s in zip(found, where, severities, strict=True):
            subject = " ".join(x for x in (f.operation, f.code) if x)
            head = f"{subject}: {f.message}" if subject else f.message
            lines.append(f"  {w:<{where_width}}  {s:<{severity_width}}  {head} [{f.rule}]")
            if f.guideline_text:
                lines.append(f"{indent}{report.guideline.short_name}: {f.guideline_text}")
            lines.append(f"{indent}{f.url}")
        lines.append("")
    lines.append(report.summary())
    return "\n".join(lines) + "\n"


def to_data(report: Report) -> dict[str, Any]:
    """The JSON structure described by data/lint.schema.json."""
    return {
        "version": JSON_VERSION,
        "guideline": {
            "id": report.guideline.id,
            "name": report.guideline.name,
            "short_name": report.guideline.short_name,
            "url": page(f"sources/{report.guideline.id}", report.lang),
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
        "findings": [f.as_dict() for f in report.findings],
    }


def to_json(report: Report) -> str:
    return json.dumps(to_data(report), ensure_ascii=False, indent=2) + "\n"


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


def to_sarif_data(report: Report) -> dict[str, Any]:
    """A SARIF 2.1.0 log with one run, as GitHub code scanning reads it."""
    lang = report.lang
    rule_ids = list(RULES)
    rules = [
        {
            "id": rule.id,
            "name": "".join(w.capitalize() for w in rule.id.split("-")),
            "shortDescription": {"text": rule.title.get(lang)},
            "fullDescription": {"text": rule.help.get(lang)},
            "helpUri": rule_url(rule.id, lang),
            "help": {
                "text": f"{rule.help.get(lang)}\n\n{rule_url(rule.id, lang)}",
                "markdown": f"{rule.help.get(lang)}\n\n[{rule_url(rule.id, lang)}]"
                f"({rule_url(rule.id, lang)})",
            },
            "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
            "properties": {"tags": ["openapi", "http-status"]},
        }
        for rule in RULES.values()
    ]
    uris = {file: _artifact_uri(file) for file in report.files}
    results = []
    for f in report.findings:
        subject = " ".join(x for x in (f.operation, f.code) if x)
        # One paragraph: what, what the guideline says, where to read more.
        sentences = [f"{subject}: {f.message}" if subject else f.message]
        if f.guideline_text:
            sentences.append(f"{report.guideline.short_name}: {f.guideline_text}")
        sentences.append(f.url)
        text = " ".join(s if s.endswith(".") or s is f.url else s + "." for s in sentences)
        results.append(
            {
                "ruleId": f.rule,
                "ruleIndex": rule_ids.index(f.rule),
                "level": _SARIF_LEVEL[f.severity],
                "message": {"text": text},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": uris[f.file]},
                            "region": {"startLine": f.line, "startColumn": f.column},
                        }
                    }
                ],
                "partialFingerprints": {"primaryLocationLineHash": _fingerprint(f)},
                "properties": {
                    "guideline": report.guideline.id,
                    "operation": f.operation,
                    "code": f.code,
                    "url": f.url,
                },
            }
        )
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": say("tool", lang),
                        "informationUri": page(DOCS_PAGE, lang),
                        "version": _tool_version(),
                        "language": lang,
                        "rules": rules,
                    }
                },
                "language": lang,
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def to_sarif(report: Report) -> str:
    return json.dumps(to_sarif_data(report), ensure_ascii=False, indent=2) + "\n"

"""Running every rule over the walked specs: findings once per place and message, in order."""

from __future__ import annotations

from dataclasses import replace

from .findings import SHOWN_OPERATIONS, Finding, Reached
from .guideline import Guideline
from .messages import SEVERITIES
from .openapi import Walk
from .rule import Run
from .rules import RULES


def _operations(finding: Finding) -> tuple[Reached, ...]:
    if finding.reached_from:
        return finding.reached_from
    return (Reached(finding.operation, None),) if finding.operation else ()


def check(walk: Walk, guideline: Guideline, missing: bool = False) -> list[Finding]:
    """Every finding of every rule, ordered by file (as the walk read them), line, column, then
    error before warning before info. Findings that say the same thing at the same place (a
    broken `$ref` in a component that several responses use, say) are one, naming every
    operation they are about."""
    run = Run(guideline, walk, missing)
    found: dict[tuple[str, int, int, str, str], Finding] = {}
    for rule in RULES.values():
        for finding in rule.check(run):
            key = (finding.file, finding.line, finding.column, finding.rule, finding.message)
            known = found.get(key)
            if known is None:
                found[key] = finding
                continue
            reached = (_operations(known) + _operations(finding))[:SHOWN_OPERATIONS]
            operations = known.operations + finding.operations
            found[key] = replace(known, reached_from=reached, operations=operations)
    files = {doc.display: index for index, doc in enumerate(walk.files.read)}
    rank = {severity: index for index, severity in enumerate(SEVERITIES)}
    return sorted(
        found.values(),
        key=lambda f: (
            files.get(f.file, 0),
            f.line,
            f.column,
            rank[f.severity],
            f.rule,
            f.code or "",
        ),
    )

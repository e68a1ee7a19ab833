"""Running every rule over the walked specs: each response, responses mapping, operation, spec
and failed `$ref` is given once to the rules that check it; findings come out once per place
and message, in order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from .findings import SHOWN_OPERATIONS, Finding, Reached
from .guideline import Guideline
from .messages import SEVERITIES
from .openapi import RefProblem, Walk
from .rule import Run
from .rules import RULES


def _operations(finding: Finding) -> tuple[Reached, ...]:
    if finding.reached_from:
        return finding.reached_from
    return (Reached(finding.operation, None),) if finding.operation else ()


class _Findings:
    """Findings as they come, one per place, rule and message: a second one saying the same
    thing at the same place (a broken `$ref` in a component that several responses use, say)
    adds its operations to the first."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, int, int, str, str], Finding] = {}

    def add(self, findings: Iterable[Finding]) -> None:
        for finding in findings:
            self.one(finding)

    def one(self, finding: Finding) -> None:
        key = (finding.file, finding.line, finding.column, finding.rule, finding.message)
        known = self.found.get(key)
        if known is None:
            self.found[key] = finding
            return
        reached = (_operations(known) + _operations(finding))[:SHOWN_OPERATIONS]
        operations = known.operations + finding.operations
        self.found[key] = replace(known, reached_from=reached, operations=operations)


def check(walk: Walk, guideline: Guideline, missing: bool = False) -> list[Finding]:
    """Every finding of every rule, ordered by file (in the order the walk read them), line,
    column, then error before warning before info."""
    run = Run(guideline, walk, missing)
    rules = list(RULES.values())
    by_check = {
        name: [rule for rule in rules if name in rule.checks()]
        for name in ("response", "responses", "operation", "spec", "reference")
    }
    out = _Findings()
    for spec in walk.specs:
        for rule in by_check["spec"]:
            out.add(rule.spec(run, spec))
        for operation in spec.operations:
            for rule in by_check["operation"]:
                out.add(rule.operation(run, operation))
    for holder in walk.maps.values():
        for rule in by_check["responses"]:
            out.add(rule.responses(run, holder))
    for problem in walk.problems:
        for rule in by_check["reference"]:
            out.add(rule.reference(run, problem))
    response_rules = [rule.response for rule in by_check["response"]]
    one = out.one
    for site in walk.sites():
        for response in response_rules:
            for finding in response(run, site):
                one(finding)
        failure = walk.site_failure(site)
        if failure is not None and failure.kind != "unreadable":
            problem = RefProblem(failure, site.reaches(), site.key)
            for rule in by_check["reference"]:
                out.add(rule.reference(run, problem))
    files = {doc.display: index for index, doc in enumerate(walk.files.read)}
    rank = {severity: index for index, severity in enumerate(SEVERITIES)}
    return sorted(
        out.found.values(),
        key=lambda f: (
            files.get(f.file, 0),
            f.line,
            f.column,
            rank[f.severity],
            f.rule,
            f.code or "",
        ),
    )

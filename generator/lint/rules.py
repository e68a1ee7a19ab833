"""The checks: each operation's responses against the guideline."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .. import model as m
from ..atlas import yaml as load
from . import openapi
from .findings import Finding
from .guideline import Guideline
from .links import page, rule_url
from .messages import RULES, SEVERITIES, say
from .openapi import BrokenRef, Operation, Response
from .spec import version

_CODE = re.compile(r"^[1-5][0-9][0-9]$")
_RANGE = re.compile(r"^[1-5][Xx][Xx]$")
_RETIRED = ("unused", "deprecated", "obsoleted")


class _Checker:
    def __init__(self, guideline: Guideline, display: str, missing: bool) -> None:
        self.g = guideline
        self.lang = guideline.lang
        self.display = display
        self.missing = missing
        self.findings: list[Finding] = []

    def add(
        self,
        rule: str,
        line: int,
        column: int,
        operation: str | None,
        code: str | None,
        url: str,
        guideline_text: m.Text | None = None,
        /,
        *,
        message_id: str | None = None,
        **values: Any,
    ) -> None:
        """Record a finding; its message is the rule's, or MESSAGES[message_id]."""
        message = say(message_id or rule, self.lang, guideline=self.g.source.short_name, **values)
        self.findings.append(
            Finding(
                file=self.display,
                line=line,
                column=column,
                severity=RULES[rule].severity,
                rule=rule,
                operation=operation,
                code=code,
                message=message,
                guideline_text=guideline_text.get(self.lang) if guideline_text else None,
                url=url,
            )
        )

    def broken_ref(self, broken: BrokenRef, operation: str | None, code: str | None) -> None:
        at = (
            broken.line,
            broken.column,
            operation,
            code,
            rule_url(self.g.site, "broken-ref", self.lang),
        )
        if broken.loop:
            self.add(
                "broken-ref",
                *at,
                message_id="ref_loop",
                ref=broken.ref,
                chain=" → ".join(broken.loop),
            )
            return
        via = say("ref_via", self.lang, first=broken.first) if broken.first else ""
        self.add("broken-ref", *at, ref=broken.ref, via=via)

    def response(self, op: Operation, r: Response) -> None:
        at = (r.line, r.column, op.name, r.key)
        if r.broken_ref is not None:
            self.broken_ref(r.broken_ref, op.name, r.key)
        source_page = page(self.g.site, f"sources/{self.g.source.id}", self.lang)
        if r.key == "default":
            self.add("default-response", *at, source_page)
            return
        if _RANGE.match(r.key):
            status_class = int(r.key[0])
            class_usage = self.g.by_class.get(status_class)
            self.add(
                "range-response",
                *at,
                source_page,
                class_usage.meaning if class_usage else None,
                key=r.key,
                status_class=f"{status_class}xx",
            )
            return
        if not _CODE.match(r.key):
            self.add(
                "not-a-status-code",
                *at,
                rule_url(self.g.site, "not-a-status-code", self.lang),
                key=r.key,
            )
            return
        code = int(r.key)
        url = self.g.url(code)
        usage = self.g.usage(code)
        if usage is None:
            alternatives = self.g.alternatives(code, op.method)
            self.add("code-not-in-guideline", *at, url, code=code, alternatives=alternatives)
        else:
            state = usage.method(op.method)
            if state == "no":
                self.add(
                    "code-not-for-method",
                    *at,
                    url,
                    usage.meaning,
                    code=code,
                    method=op.method,
                    alternatives=self.g.alternatives(code, op.method),
                )
            elif state == "conditional":
                condition = usage.condition_for(op.method) or usage.meaning
                self.add(
                    "conditional-code",
                    *at,
                    url,
                    usage.meaning,
                    code=code,
                    method=op.method,
                    condition=condition.get(self.lang),
                )
        known = self.g.codes.get(code)
        meaning = usage.meaning if usage is not None else None
        if known is None or known.registry == "unregistered":
            fallback = code // 100 * 100
            self.add("unregistered-code", *at, url, meaning, code=code, fallback=fallback)
        elif known.registry in _RETIRED:
            registry = say(f"registry.{known.registry}", self.lang)
            self.add("retired-code", *at, url, meaning, code=code, registry=registry)

    def missing_in_operation(self, op: Operation) -> None:
        codes, classes = _declared([op])
        for code, usage in sorted(self.g.by_code.items()):
            if usage.method(op.method) != "yes":
                continue
            if code in codes or code // 100 in classes:
                continue
            self.add(
                "missing-code",
                op.line,
                op.column,
                op.name,
                str(code),
                self.g.url(code),
                usage.meaning,
                code=code,
                method=op.method,
            )

    def missing_in_file(self, operations: list[Operation], line: int, column: int) -> None:
        codes, classes = _declared(operations)
        for code, usage in sorted(self.g.by_code.items()):
            if usage.methods or code in codes or code // 100 in classes:
                continue
            self.add(
                "missing-code-in-file",
                line,
                column,
                None,
                str(code),
                self.g.url(code),
                usage.meaning,
                code=code,
            )

    def run(self, root: load.Mapping) -> list[Finding]:
        if not version(root, self.display, self.lang):
            self.add(
                "not-openapi",
                root.line,
                root.column,
                None,
                None,
                rule_url(self.g.site, "not-openapi", self.lang),
            )
            return self.findings
        operations, broken_items = openapi.operations(root, self.display, self.lang)
        for broken in broken_items:
            self.broken_ref(broken, None, None)
        for op in operations:
            for response in op.responses:
                self.response(op, response)
            if self.missing:
                self.missing_in_operation(op)
        if self.missing and operations:
            paths_key = root.items["paths"][0]
            self.missing_in_file(operations, paths_key.line, paths_key.column)
        rank = {s: i for i, s in enumerate(SEVERITIES)}
        return sorted(
            self.findings,
            key=lambda f: (f.line, f.column, rank[f.severity], f.rule, f.code or ""),
        )


def _declared(operations: Iterable[Operation]) -> tuple[set[int], set[int]]:
    """The exact codes and the range classes that the operations declare."""
    codes: set[int] = set()
    classes: set[int] = set()
    for op in operations:
        for r in op.responses:
            if _CODE.match(r.key):
                codes.add(int(r.key))
            elif _RANGE.match(r.key):
                classes.add(int(r.key[0]))
    return codes, classes


def check(
    root: load.Mapping, display: str, guideline: Guideline, missing: bool = False
) -> list[Finding]:
    """Every finding for one parsed spec, in file order."""
    return _Checker(guideline, display, missing).run(root)

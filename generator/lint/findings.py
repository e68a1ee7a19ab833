"""What a check finds, what keeps a file from being read, and the report of a whole run."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .. import model as m
from ..urls import SiteUrl, configured_url
from .messages import Severity, count_words, say
from .nodes import Place

#: A reached_from list shows this many operations; the rest are counted.
SHOWN_OPERATIONS = 10


@dataclass(frozen=True)
class Reached:
    """An operation a finding is about, and where that operation refers to the node the finding
    is in (an alias, a merge, a `$ref`), or None when the node is written in the operation."""

    operation: str
    via: Place | None

    def as_dict(self) -> dict[str, Any]:
        via = self.via
        return {
            "operation": self.operation,
            "file": via.file if via else None,
            "line": via.line if via else None,
            "column": via.column if via else None,
        }

    def __str__(self) -> str:
        return f"{self.operation} ({self.via})" if self.via else self.operation


@dataclass(frozen=True)
class Finding:
    """One thing to look at, at the 1-based line and column of a response key."""

    file: str
    line: int
    column: int
    severity: Severity
    rule: str
    #: "GET /pets/{id}", or None for findings about the whole file. When a shared node
    #: concerns several operations: the first one the spec reaches it from.
    operation: str | None
    #: The response key as written ("404", "default", "4XX"), or None.
    code: str | None
    message: str
    #: What the guideline itself says, in the report's language, when it says something.
    guideline_text: str | None
    url: str
    #: When the finding is in a node that operations reach through an alias, a merge or a
    #: `$ref`, or that several operations share: the first SHOWN_OPERATIONS of them, each with
    #: where it refers to the node; else ().
    reached_from: tuple[Reached, ...] = ()
    #: How many operations the finding is about (0 for findings about the whole file).
    operations: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "rule": self.rule,
            "operation": self.operation,
            "code": self.code,
            "message": self.message,
            "guideline_text": self.guideline_text,
            "url": self.url,
            "reached_from": [r.as_dict() for r in self.reached_from],
            "operations": self.operations,
        }

    def reached_text(self, lang: m.Lang) -> str | None:
        """ "reached from GET /a (spec.yaml:9:7) and 3 more operations", or None."""
        if not self.reached_from:
            return None
        listed = ", ".join(map(str, self.reached_from))
        more = self.operations - len(self.reached_from)
        if more > 0:
            one, many = say("reached_more", lang, listed=listed, n=more).split("|")
            listed = one if more == 1 else many
        return say("reached_from", lang, operations=listed)


_LOCATED = re.compile(r"(?P<where>[^\n]+?:\d+:\d+): (?P<what>.*)", re.S)


@dataclass(frozen=True)
class Unreadable:
    """A file that could not be read (named on the command line, or reached by a `$ref`), with
    the one line that says why, in the report's language: `file:line:column: ...` when the
    problem has a place, `file: ...` when it has none."""

    file: str
    line: int
    column: int
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line or None,
            "column": self.column or None,
            "message": self.message,
        }

    def report(self) -> str:
        """The line on standard error: `file:line:column: error: ...` or `error: file: ...`."""
        located = _LOCATED.fullmatch(self.message)
        if located:
            return f"{located['where']}: error: {located['what']}"
        return f"error: {self.message}"


@dataclass(frozen=True)
class Report:
    guideline: m.Source
    lang: m.Lang
    #: Every file read: each spec in the order given, followed by the files its `$ref`s reach.
    files: tuple[str, ...]
    findings: tuple[Finding, ...]
    #: Every file that could not be read, in the order met.
    unreadable: tuple[Unreadable, ...] = ()
    #: The atlas's public address the findings link to.
    site: SiteUrl = field(default_factory=configured_url)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def failed(self, strict: bool = False) -> bool:
        """Errors fail the check; warnings too when strict; infos never."""
        return self.count("error") > 0 or (strict and self.count("warning") > 0)

    def summary(self) -> str:
        """The closing line, e.g. `1 error, 12 warnings, 6 infos in 1 file`, localized."""
        return say(
            "summary",
            self.lang,
            errors=count_words("error", self.count("error"), self.lang),
            warnings=count_words("warning", self.count("warning"), self.lang),
            infos=count_words("info", self.count("info"), self.lang),
            files=count_words("file", len(self.files), self.lang),
        )

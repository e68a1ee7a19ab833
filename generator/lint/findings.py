"""What a check finds, and the report of a whole run."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import model as m
from .messages import Severity, count_words, say


@dataclass(frozen=True)
class Finding:
    """One thing to look at, at the 1-based line and column of a response key."""

    file: str
    line: int
    column: int
    severity: Severity
    rule: str
    #: "GET /pets/{id}", or None for findings about the whole file.
    operation: str | None
    #: The response key as written ("404", "default", "4XX"), or None.
    code: str | None
    message: str
    #: What the guideline itself says, in the report's language, when it says something.
    guideline_text: str | None
    url: str

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
        }


@dataclass(frozen=True)
class Report:
    guideline: m.Source
    lang: m.Lang
    #: Every file checked, in the order given.
    files: tuple[str, ...]
    findings: tuple[Finding, ...]

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

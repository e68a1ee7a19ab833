"""Problems found in user input: values with a location, collected and reported together."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input file, at a 1-based line and column."""

    path: str
    line: int
    column: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.path}:{self.line}:{self.column}: error: {self.message}{hint}"


class InputError(Exception):
    """Raised with every problem found, so the caller can report them all at once."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = sorted(problems)


class UsageError(Exception):
    """A mistake in how a command was called (missing file, bad option): exit code 2."""


class BuildError(Exception):
    """A build step (mkdocs, WeasyPrint) refused the input: exit code 1 with its message."""

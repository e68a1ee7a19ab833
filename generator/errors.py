"""Problems found in user input: values with a location, collected and reported together."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: A message that starts with its own location: "file:line:column: what is wrong".
_LOCATED = re.compile(r"(?P<where>[^\n]+?:\d+:\d+): (?P<what>.*)", re.S)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input file, at a 1-based line and column."""

    path: str
    line: int
    column: int
    message: str
    hint: str = ""
    #: The message and hint in other languages than English: (language, message, hint).
    translations: tuple[tuple[str, str, str], ...] = field(default=(), compare=False)

    def __str__(self) -> str:
        return self.line_in("en")

    def line_in(self, lang: str, error: str = "error") -> str:
        """`path:line:column: error: message (hint)` in a language (English if it has no
        translation); `error` is that language's word for it."""
        message, hint = self.message, self.hint
        for code, translated, translated_hint in self.translations:
            if code == lang:
                message, hint = translated, translated_hint
        fix = f" ({hint})" if hint else ""
        return f"{self.path}:{self.line}:{self.column}: {error}: {message}{fix}"


class InputError(Exception):
    """Raised with every problem found, so the caller can report them all at once."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = sorted(problems)


class UsageError(Exception):
    """A mistake in how a command was called (missing file, bad option): exit code 2."""

    def report(self) -> str:
        """The line the CLI prints: `file:line:column: error: …` when the message starts with
        a location (an unreadable spec), `error: …` otherwise."""
        text = str(self)
        located = _LOCATED.fullmatch(text)
        if located:
            return f"{located['where']}: error: {located['what']}"
        return f"error: {text}"


class BuildError(Exception):
    """A build step (mkdocs, Typst) refused the input: exit code 1 with its message."""

"""What a rule is, the registry that finds the rules, and what a rule's check is given.

A rule is one unit (rules/*.py): a class with its id, severity, title, message, help, any
other sentences it writes, all in both languages, and its checks (methods named after what
they look at: each response, each responses mapping, each operation, each spec, each `$ref`
that failed), registered with @register.
Formats, docs and tests read the rules from the registry; nothing else lists them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from .. import model as m
from .findings import SHOWN_OPERATIONS, Finding, Reached
from .guideline import Guideline
from .messages import Severity, localized
from .nodes import Place
from .openapi import Operation, Reaches, RefProblem, ResponseSite, ResponsesMap, Spec, Walk


@dataclass(frozen=True)
class Run:
    """What a check sees: the guideline, every spec walked, and the options."""

    guideline: Guideline
    walk: Walk
    #: --missing: also report codes the guideline uses that operations do not declare.
    missing: bool

    @property
    def lang(self) -> m.Lang:
        return self.guideline.lang

    def finding(
        self,
        rule: Rule,
        place: Place,
        reaches: Reaches | None,
        code: str | None,
        url: str,
        guideline_text: m.Text | None = None,
        /,
        *,
        message_id: str | None = None,
        **values: Any,
    ) -> Finding:
        """A finding of `rule` at `place`, about the operations `reaches` holds (None: about
        the whole file); its message is the rule's own, or its `messages[message_id]`."""
        message = rule.say(
            self.lang, message_id, guideline=self.guideline.source.short_name, **values
        )
        operation: str | None = None
        reached: tuple[Reached, ...] = ()
        total = 0
        if reaches:
            shown = reaches.first(SHOWN_OPERATIONS)
            operation = shown[0].operation.name
            total = reaches.total
            if total > 1 or shown[0].via is not None:
                reached = tuple(Reached(r.operation.name, r.via) for r in shown)
        return Finding(
            file=place.file,
            line=place.line,
            column=place.column,
            severity=rule.severity,
            rule=rule.id,
            operation=operation,
            code=code,
            message=message,
            guideline_text=guideline_text.get(self.lang) if guideline_text else None,
            url=url,
            reached_from=reached,
            operations=total,
        )


class Rule:
    """One rule. Subclasses set the class attributes and write check()."""

    id: ClassVar[str]
    severity: ClassVar[Severity]
    #: One line naming what the rule finds (SARIF shortDescription, docs headings).
    title: ClassVar[m.Text]
    #: The finding's message; `{placeholders}` are filled in by the check.
    message: ClassVar[m.Text]
    #: What the rule means and how to act on it: SARIF help, and the rule's paragraph on the
    #: docs page (check-your-api.<lang>.md, under `### <rule-id>`), word for word.
    help: ClassVar[m.Text]
    #: Other sentences the rule writes (variants of its message, words it puts in them).
    messages: ClassVar[dict[str, m.Text]] = {}

    # The checks: a rule writes the ones it needs; the engine (check.py) calls each on every
    # thing of its kind, once.

    def response(self, run: Run, site: ResponseSite) -> Iterable[Finding]:
        """Each response key (`"404"`, `default`, `4XX`), once however many operations share
        it."""
        return ()

    def responses(self, run: Run, holder: ResponsesMap) -> Iterable[Finding]:
        """Each `responses` mapping, once however many operations share it."""
        return ()

    def operation(self, run: Run, operation: Operation) -> Iterable[Finding]:
        """Each operation."""
        return ()

    def spec(self, run: Run, spec: Spec) -> Iterable[Finding]:
        """Each document named on the command line."""
        return ()

    def reference(self, run: Run, problem: RefProblem) -> Iterable[Finding]:
        """Each `$ref` that could not be followed."""
        return ()

    def checks(self) -> set[str]:
        """The checks this rule writes."""
        hooks = ("response", "responses", "operation", "spec", "reference")
        return {h for h in hooks if getattr(type(self), h) is not getattr(Rule, h)}

    def say(self, lang: m.Lang, message_id: str | None = None, /, **values: Any) -> str:
        text = self.messages[message_id] if message_id else self.message
        return text.get(lang).format(**localized(lang, values))

    def texts(self) -> list[m.Text]:
        """Every sentence of the rule (for the tests that hold both languages to each other)."""
        return [self.title, self.message, self.help, *self.messages.values()]


_R = TypeVar("_R", bound=type[Rule])
_REGISTRY: dict[str, Rule] = {}


def register(cls: _R) -> _R:
    """Class decorator: the rule joins the registry, in the order its module is imported."""
    if cls.id in _REGISTRY:
        raise ValueError(f"two rules with the id {cls.id!r}")
    _REGISTRY[cls.id] = cls()
    return cls


def registered() -> dict[str, Rule]:
    return dict(_REGISTRY)

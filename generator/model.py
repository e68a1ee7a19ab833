"""The atlas as plain typed data. No I/O, no templates, no CLI: every view reads this.

Each fact about the vocabulary (languages, methods, method states, registry statuses)
is defined here once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Lang = Literal["pt-BR", "en"]

#: Languages every reader-facing text must exist in, the site's default first.
LANGUAGES: tuple[Lang, ...] = ("pt-BR", "en")

#: HTTP methods a usage may rule on, in display order.
METHODS: tuple[str, ...] = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
#: Methods always shown in tables; HEAD and OPTIONS appear only where a source rules on them.
CORE_METHODS: tuple[str, ...] = METHODS[:5]

METHOD_STATES: tuple[str, ...] = ("yes", "no", "conditional", "unspecified")
REGISTRY_STATUSES: tuple[str, ...] = (
    "registered",
    "temporary",
    "unused",
    "deprecated",
    "obsoleted",
    "unregistered",
)
RETRYABLE: tuple[str, ...] = ("yes", "no", "depends")
SOURCE_KINDS: tuple[str, ...] = ("standard", "guideline")
CLASSES: tuple[int, ...] = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class Text:
    """A text a reader sees, in every language of LANGUAGES."""

    en: str
    pt_br: str

    def get(self, lang: str) -> str:
        return self.pt_br if lang == "pt-BR" else self.en

    def as_dict(self) -> dict[str, str]:
        return {"en": self.en, "pt-BR": self.pt_br}


@dataclass(frozen=True)
class Condition:
    """When a `conditional` method applies."""

    methods: tuple[str, ...]
    text: Text


@dataclass(frozen=True)
class Usage:
    """How one source uses one code (or, with `code` None, a whole class)."""

    source: str
    code: int | None
    status_class: int
    reason_used: str | None
    meaning: Text
    methods: dict[str, str]
    conditions: tuple[Condition, ...]
    action: Text | None
    notes: tuple[Text, ...]

    @property
    def label(self) -> str:
        return str(self.code) if self.code is not None else f"{self.status_class}xx"

    def method(self, name: str) -> str:
        return self.methods.get(name, "unspecified")

    def condition_for(self, method: str) -> Text | None:
        for condition in self.conditions:
            if method in condition.methods:
                return condition.text
        return None


@dataclass(frozen=True)
class Reference:
    title: str
    url: str


@dataclass(frozen=True)
class Code:
    code: int
    registry: str
    expires: str | None
    reason: Text
    reference: Reference
    meaning: Text
    cacheable: bool
    retryable: str
    headers: tuple[str, ...]

    @property
    def status_class(self) -> int:
        return self.code // 100


@dataclass(frozen=True)
class StatusClass:
    status_class: int
    name: Text
    summary: Text

    @property
    def label(self) -> str:
        return f"{self.status_class}xx"


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    short_name: str
    publisher: str
    kind: str
    url: str
    language: str
    retrieved: str
    updated: str | None
    license: Text
    summary: Text
    rules: tuple[Text, ...]
    usage: tuple[Usage, ...]


@dataclass(frozen=True)
class Atlas:
    classes: tuple[StatusClass, ...]
    codes: tuple[Code, ...]
    sources: tuple[Source, ...]

    def code(self, number: int) -> Code:
        for code in self.codes:
            if code.code == number:
                return code
        raise KeyError(number)

    def source(self, source_id: str) -> Source:
        for source in self.sources:
            if source.id == source_id:
                return source
        raise KeyError(source_id)

    def codes_in(self, status_class: int) -> tuple[Code, ...]:
        return tuple(c for c in self.codes if c.status_class == status_class)

    def usages_of(self, number: int) -> tuple[Usage, ...]:
        """Every source's usage of a code, in source order."""
        return tuple(u for s in self.sources for u in s.usage if u.code == number)

    def class_usages(self, status_class: int) -> tuple[Usage, ...]:
        return tuple(
            u
            for s in self.sources
            for u in s.usage
            if u.code is None and u.status_class == status_class
        )

    def usage(self, source_id: str, number: int) -> Usage | None:
        for u in self.source(source_id).usage:
            if u.code == number:
                return u
        return None

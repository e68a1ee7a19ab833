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
#: A guideline's judgement of a code, strongest "use it" first. `allowed` is the default: the
#: source lists or describes the code without a judgement.
STANCES: tuple[str, ...] = ("required", "recommended", "allowed", "discouraged", "forbidden")
#: Stances that rule a code out; only these name what to use `instead`, and why.
AGAINST: tuple[str, ...] = ("discouraged", "forbidden")
#: How strongly a guideline asks for a header with a code.
HEADER_LEVELS: tuple[str, ...] = ("required", "recommended")
#: The groups situations are shown in, in display order.
SCENARIO_GROUPS: tuple[str, ...] = (
    "success-async",
    "client-mistakes",
    "access",
    "conflicts-state",
    "limits-failures",
)
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
class HeaderRule:
    """A header a guideline asks for with a code: one of `names` (usually one) must be sent."""

    names: tuple[str, ...]
    level: str  # one of HEADER_LEVELS
    note: Text | None = None


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
    stance: str = "allowed"  # one of STANCES
    instead: tuple[int, ...] = ()  # what to use instead (discouraged / forbidden only)
    why: Text | None = None  # why it is ruled out (discouraged / forbidden only)
    url: str | None = None  # the precise place in the original
    headers: tuple[HeaderRule, ...] = ()

    @property
    def label(self) -> str:
        return str(self.code) if self.code is not None else f"{self.status_class}xx"

    @property
    def ruled_out(self) -> bool:
        return self.stance in AGAINST

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
    #: What a client also needs to know beyond the meaning, each naming the document that says it.
    notes: tuple[Text, ...] = ()

    @property
    def status_class(self) -> int:
        return self.code // 100


@dataclass(frozen=True)
class Problem:
    """An example error body as RFC 9457 problem details (application/problem+json)."""

    status: int
    type: str  # a URI that identifies the problem type, or about:blank
    title: Text
    detail: Text
    instance: str | None = None

    def body(self, lang: Lang) -> dict[str, str | int]:
        """The members of the body in one language, in the order RFC 9457 §3.1 lists them."""
        members: dict[str, str | int] = {
            "type": self.type,
            "title": self.title.get(lang),
            "status": self.status,
            "detail": self.detail.get(lang),
        }
        if self.instance:
            members["instance"] = self.instance
        return members


@dataclass(frozen=True)
class StatusClass:
    status_class: int
    name: Text
    summary: Text
    #: What holds for every code of the class, e.g. how its error bodies look.
    notes: tuple[Text, ...] = ()
    problem: Problem | None = None

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
    revision: str | None = None  # the commit or edition the text was read at


@dataclass(frozen=True)
class GrpcCode:
    """A canonical gRPC status (google.rpc.Code) and the HTTP code it maps to."""

    name: str
    number: int
    http: int
    note: Text | None = None


@dataclass(frozen=True)
class Grpc:
    """Both gRPC tables: the canonical gRPC→HTTP mapping servers use, and the table gRPC
    clients apply to an HTTP answer that carries no grpc-status (not its inverse)."""

    reference: Reference
    codes: tuple[GrpcCode, ...]
    reverse_reference: Reference
    reverse: tuple[tuple[int, str], ...]  # (HTTP code, gRPC name)
    otherwise: str  # what every other HTTP code becomes
    reverse_note: Text | None = None

    def canonical_for(self, http: int) -> tuple[GrpcCode, ...]:
        return tuple(c for c in self.codes if c.http == http)

    def client_reads(self, http: int) -> str:
        return next((name for code, name in self.reverse if code == http), self.otherwise)


@dataclass(frozen=True)
class Answer:
    """What one source prescribes for a situation."""

    source: str
    codes: tuple[int, ...]
    methods: tuple[str, ...]
    note: Text
    url: str


@dataclass(frozen=True)
class Baseline:
    """What RFC 9110 points to for a situation."""

    codes: tuple[int, ...]
    reference: Reference
    note: Text | None


@dataclass(frozen=True)
class Scenario:
    """A situation people ask about ("the resource is already gone: 204 or 404?")."""

    id: str
    group: str  # one of SCENARIO_GROUPS
    question: Text
    description: Text
    keywords: dict[str, tuple[str, ...]]  # per language
    baseline: Baseline
    answers: tuple[Answer, ...]

    def answer(self, source_id: str) -> Answer | None:
        return next((a for a in self.answers if a.source == source_id), None)

    @property
    def codes(self) -> tuple[int, ...]:
        """Every code any answer or the baseline names, in order."""
        found = [*self.baseline.codes, *(c for a in self.answers for c in a.codes)]
        return tuple(sorted(set(found)))

    @property
    def agree(self) -> bool:
        """True when every answering source prescribes the same codes."""
        return len({a.codes for a in self.answers}) <= 1


@dataclass(frozen=True)
class GuideStep:
    """Where a yes or a no leads: another question, or a scenario."""

    kind: Literal["question", "scenario"]
    target: str


@dataclass(frozen=True)
class GuideQuestion:
    id: str
    text: Text
    yes: GuideStep
    no: GuideStep


@dataclass(frozen=True)
class Guide:
    """The guided path: yes/no questions that narrow down to a scenario."""

    start: str
    questions: tuple[GuideQuestion, ...]

    def question(self, question_id: str) -> GuideQuestion:
        return next(q for q in self.questions if q.id == question_id)


@dataclass(frozen=True)
class Atlas:
    classes: tuple[StatusClass, ...]
    codes: tuple[Code, ...]
    sources: tuple[Source, ...]
    scenarios: tuple[Scenario, ...] = ()
    guide: Guide | None = None
    grpc: Grpc | None = None

    def scenario(self, scenario_id: str) -> Scenario:
        for scenario in self.scenarios:
            if scenario.id == scenario_id:
                return scenario
        raise KeyError(scenario_id)

    def scenarios_with(self, number: int) -> tuple[Scenario, ...]:
        """The situations whose baseline or answers lead to a code."""
        return tuple(s for s in self.scenarios if number in s.codes)

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

"""Check located YAML against the schema and the atlas's own rules, then build the model.

Every problem is collected with its line and column; the model is built only from a tree
that passed every check.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from .. import model as m
from ..errors import InputError, Problem
from ..files import data_file
from .messages import joined, word
from .messages import problem as say
from .yaml import Mapping, Node, Scalar, Sequence, to_plain

SCHEMA_PATH = data_file("schema.json")
LANG_NAMES = ("en", "pt-BR")
_HTTP_PREFIX = re.compile(r"^https?://")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@cache
def _validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def _node_at(root: Node, path: Iterator[Any] | list[Any]) -> Node:
    node = root
    for step in path:
        if isinstance(node, Mapping) and isinstance(step, str) and step in node.items:
            node = node.items[step][1]
        elif isinstance(node, Sequence) and isinstance(step, int) and step < len(node.items):
            node = node.items[step]
        else:
            break
    return node


def _describe(value: Any) -> m.Text:
    if value is None:
        return word("nothing")
    if isinstance(value, bool):
        return word("true" if value else "false")
    if isinstance(value, (int, float)):
        return word("number", value)
    if isinstance(value, str):
        return word("text", value)
    if isinstance(value, dict):
        return word("a_mapping")
    return word("a_list")


def _type_words(expected: Any) -> m.Text:
    names = expected if isinstance(expected, list) else [expected]
    texts = [
        word(f"type.{name}") if f"type.{name}" in _TYPES else m.Text(str(name), str(name))
        for name in names
    ]
    return joined(texts, word("or"))


_TYPES = {f"type.{t}" for t in ("string", "integer", "boolean", "object", "array")}


def _key_of(error: ValidationError) -> str:
    return _key_of_path(list(error.absolute_path))


def _entry(root: Node, path: list[Any]) -> m.Text:
    """Name the object a path ends in, the way an author would find it in the file."""
    if len(path) >= 2 and isinstance(path[-1], int) and isinstance(path[-2], str):
        node = _node_at(root, path)
        parent = path[-2]
        if isinstance(node, Mapping):
            ident = _scalar(node.get("id"))
            code = _scalar(node.get("code"))
            number = _scalar(node.get("class"))
            if parent == "sources" and ident is not None:
                return word("where.source", ident)
            if parent == "usage" and code is not None:
                return word("where.usage", code)
            if parent == "codes" and code is not None:
                return word("where.code", code)
            if parent == "classes" and number is not None:
                return word("where.class", number)
            if parent == "scenarios" and ident is not None:
                return word("where.scenario", ident)
            source = _scalar(node.get("source"))
            if parent == "answers" and source is not None:
                return word("where.answer", source)
        return word("where.item", parent)
    if not path:
        return word("where.document")
    return word("where.key", _key_of_path(path))


def _key_of_path(path: list[Any]) -> str:
    for step in reversed(path):
        if isinstance(step, str):
            return step
    return "the document"


def _schema_problems(root: Node, display: str) -> list[Problem]:
    instance = to_plain(root)
    problems: list[Problem] = []
    for error in _validator().iter_errors(instance):
        problems.extend(_explain(error, root, display))
    return problems


def _description(schema: Any) -> m.Text | None:
    """What the schema says a key holds, in both languages, or None."""
    if not isinstance(schema, dict) or not schema.get("description"):
        return None
    english = str(schema["description"])
    return m.Text(en=english, pt_br=str(schema.get("x-description-pt-BR") or english))


def _explain(error: ValidationError, root: Node, display: str) -> list[Problem]:
    node = _node_at(root, list(error.absolute_path))
    key = _key_of(error)
    hint = _description(error.schema)

    def at(target: Node, message: str, fix: m.Text | None = hint, **values: Any) -> Problem:
        return say(display, target.line, target.column, message, fix, **values)

    kind = error.validator
    if kind == "additionalProperties" and isinstance(node, Mapping):
        allowed = sorted(error.schema.get("properties", {}))
        extras = [k for k in node.items if k not in allowed]
        return [
            at(node.items[k][0], "unknown_key", None, key=k, allowed=", ".join(allowed))
            for k in extras
        ]
    if kind == "required":
        missing = str(error.message).split("'")[1]
        if missing in LANG_NAMES:
            language = word(f"lang.{missing}")
            return [at(node, "missing_translation", None, lang=missing, key=key, language=language)]
        properties = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        described = _description(properties.get(missing, {}))
        where = _entry(root, list(error.absolute_path))
        if described is None:
            return [at(node, "missing_key", None, key=missing, where=where)]
        lowered = m.Text(
            en=described.en[:1].lower() + described.en[1:],
            pt_br=described.pt_br[:1].lower() + described.pt_br[1:],
        )
        return [
            at(node, "missing_key_described", None, key=missing, where=where, described=lowered)
        ]
    value = error.instance
    if kind in ("minLength", "pattern") and isinstance(value, str) and not value.strip():
        if key in LANG_NAMES:
            language = word(f"lang.{key}")
            return [at(node, "empty_translation", None, lang=key, language=language)]
        return [at(node, "empty_value", hint, key=key)]
    if kind == "type" and value is None and key in LANG_NAMES:
        language = word(f"lang.{key}")
        return [at(node, "empty_translation", None, lang=key, language=language)]
    if kind == "type" and not list(error.absolute_path):
        return [at(node, "not_a_mapping", None, value=_describe(value))]
    if kind == "type":
        expected = _type_words(error.validator_value)
        return [at(node, "wrong_type", hint, key=key, expected=expected, value=_describe(value))]
    if kind == "enum":
        options = ", ".join(str(o) for o in error.validator_value)
        return [at(node, "not_one_of", None, key=key, value=_describe(value), options=options)]
    if kind == "const":
        expected = m.Text(str(error.validator_value), str(error.validator_value))
        return [at(node, "wrong_type", hint, key=key, expected=expected, value=_describe(value))]
    if kind in ("minimum", "maximum"):
        return [at(node, "out_of_range", hint, key=key, value=value)]
    if kind == "pattern":
        if "https?" in str(error.validator_value):
            wrong = "no_host" if _HTTP_PREFIX.match(str(value)) else "not_http"
            return [at(node, wrong, None, url=value)]
        return [at(node, "cannot_be", hint, key=key, value=_describe(value))]
    if kind == "oneOf":
        return [at(node, "cannot_be", hint, key=key, value=_describe(value))]
    if kind == "uniqueItems":
        return [at(node, "repeated_item", None, key=key)]
    if kind == "minItems":
        return [at(node, "empty_list", hint, key=key)]
    return [at(node, "schema_other", None, key=key, detail=error.message)]


def _items(node: Node | None) -> list[Node]:
    return node.items if isinstance(node, Sequence) else []


def _scalar(node: Node | None) -> Any:
    return node.value if isinstance(node, Scalar) else None


def _meaning_problems(root: Node, display: str) -> list[Problem]:
    """Rules the schema cannot express: classes, duplicates, references, conditions."""
    problems: list[Problem] = []

    def add(node: Node, message: str, **values: Any) -> None:
        problems.append(say(display, node.line, node.column, message, **values))

    if not isinstance(root, Mapping):
        return problems
    codes: dict[int, tuple[Node, str]] = {}
    seen_classes: dict[int, Node] = {}
    for class_node in _items(root.get("classes")):
        if not isinstance(class_node, Mapping):
            continue
        number_node = class_node.get("class")
        number = _scalar(number_node)
        if isinstance(number, int) and number_node is not None:
            if number in seen_classes:
                add(number_node, "class_twice", number=number, first=seen_classes[number].line)
            seen_classes[number] = number_node
        for code_node in _items(class_node.get("codes")):
            if not isinstance(code_node, Mapping):
                continue
            value_node = code_node.get("code")
            code = _scalar(value_node)
            if not isinstance(code, int) or isinstance(code, bool) or value_node is None:
                continue
            if isinstance(number, int) and 100 <= code <= 599 and code // 100 != number:
                add(value_node, "code_in_wrong_class", code=code, number=number, right=code // 100)
            if code in codes:
                add(value_node, "code_twice", code=code, first=codes[code][0].line)
            else:
                reason = code_node.get("reason")
                english = _scalar(reason.get("en")) if isinstance(reason, Mapping) else None
                codes[code] = (value_node, str(english or ""))
            registry = _scalar(code_node.get("registry"))
            expires = code_node.get("expires")
            if registry == "temporary" and expires is None:
                add(code_node, "temporary_without_expiry", code=code)
            if expires is not None and registry != "temporary":
                add(expires, "expiry_not_temporary", code=code, registry=registry)
            _check_date(expires, "expires", add)
            reference = code_node.get("reference")
            if isinstance(reference, Mapping):
                _check_url(reference.get("url"), add)
    for class_node in _items(root.get("classes")):
        if isinstance(class_node, Mapping):
            _check_problem(class_node, codes, add)
    missing = [c for c in m.CLASSES if c not in seen_classes]
    classes_node = root.get("classes")
    if missing and isinstance(classes_node, Sequence):
        add(classes_node, "missing_classes", classes=", ".join(f"{c}xx" for c in missing))

    source_ids: dict[str, Node] = {}
    #: (source, code) → where the source marks the code forbidden
    forbidden: dict[tuple[str, int], Node] = {}
    for source_node in _items(root.get("sources")):
        if not isinstance(source_node, Mapping):
            continue
        id_node = source_node.get("id")
        source_id = _scalar(id_node)
        if isinstance(source_id, str) and id_node is not None:
            if source_id in source_ids:
                first = source_ids[source_id].line
                add(id_node, "source_id_twice", id=source_id, first=first)
            source_ids[source_id] = id_node
        _check_url(source_node.get("url"), add)
        for key in ("retrieved", "updated"):
            _check_date(source_node.get(key), key, add)
        used: dict[Any, Node] = {}
        for usage_node in _items(source_node.get("usage")):
            if not isinstance(usage_node, Mapping):
                continue
            found = usage_node.get("code")
            if found is None:
                continue
            code_node = found
            code = _scalar(code_node)
            if code in used:
                add(
                    code_node,
                    "source_code_twice",
                    source=source_id,
                    code=code,
                    first=used[code].line,
                )
            used[code] = code_node
            if isinstance(code, int) and not isinstance(code, bool) and 100 <= code <= 599:
                if code not in codes:
                    add(
                        code_node,
                        "source_unknown_code",
                        source=source_id,
                        code=code,
                        number=code // 100,
                    )
                else:
                    reason_node = usage_node.get("reason_used")
                    if reason_node is not None and _scalar(reason_node) == codes[code][1]:
                        add(reason_node, "reason_used_is_iana", reason=_scalar(reason_node))
            _check_conditions(usage_node, add)
            _check_stance(usage_node, codes, add)
            if isinstance(source_id, str):
                stance = _scalar(usage_node.get("stance"))
                if stance == "forbidden" and isinstance(code, int):
                    forbidden[(source_id, code)] = usage_node.get("stance") or code_node
    _check_scenarios(root, codes, source_ids, forbidden, display, add)
    _check_grpc(root, codes, add)
    return problems


def _check_stance(usage_node: Mapping, codes: dict[int, Any], add: Any) -> None:
    """`instead` and `why` belong to a code the source rules out, and name real codes."""
    stance = _scalar(usage_node.get("stance")) or "allowed"
    if stance not in m.STANCES:
        return  # the schema reports it; what goes with a stance cannot be judged
    against = stance in m.AGAINST
    for key in ("instead", "why"):
        node = usage_node.get(key)
        if node is not None and not against:
            add(usage_node.items[key][0], "against_only", key=key, stance=stance)
        if node is None and against:
            stance_node = usage_node.get("stance") or usage_node
            what = "instead: [codes]" if key == "instead" else "why: {en, pt-BR}"
            add(stance_node, "against_needs", stance=stance, key=key, what=what)
    for item in _items(usage_node.get("instead")):
        number = _scalar(item)
        if isinstance(number, int) and not isinstance(number, bool) and number not in codes:
            add(item, "instead_unknown_code", code=number)


def _check_scenarios(
    root: Mapping,
    codes: dict[int, Any],
    source_ids: dict[str, Node],
    forbidden: dict[tuple[str, int], Node],
    display: str,
    add: Any,
) -> None:
    """Scenarios name real sources and codes, once each, and never contradict a source's own
    stance; the guided path leads only to questions and scenarios that exist."""
    seen: dict[str, Node] = {}
    for scenario in _items(root.get("scenarios")):
        if not isinstance(scenario, Mapping):
            continue
        id_node = scenario.get("id")
        ident = _scalar(id_node)
        if isinstance(ident, str) and id_node is not None:
            if ident in seen:
                add(id_node, "scenario_id_twice", id=ident, first=seen[ident].line)
            seen[ident] = id_node
        baseline = scenario.get("baseline")
        if isinstance(baseline, Mapping):
            _check_codes(baseline.get("codes"), codes, add)
            reference = baseline.get("reference")
            if isinstance(reference, Mapping):
                _check_url(reference.get("url"), add)
        answered: dict[str, Node] = {}
        for answer in _items(scenario.get("answers")):
            if not isinstance(answer, Mapping):
                continue
            source_node = answer.get("source")
            source = _scalar(source_node)
            if not isinstance(source, str) or source_node is None:
                continue
            if source not in source_ids:
                known = ", ".join(source_ids)
                add(source_node, "scenario_unknown_source", id=ident, source=source, known=known)
            if source in answered:
                add(
                    source_node,
                    "scenario_source_twice",
                    id=ident,
                    source=source,
                    first=answered[source].line,
                )
            answered[source] = source_node
            _check_codes(answer.get("codes"), codes, add)
            for item in _items(answer.get("codes")):
                number = _scalar(item)
                where = forbidden.get((source, number)) if isinstance(number, int) else None
                if where is not None:
                    add(
                        item,
                        "scenario_contradicts_stance",
                        id=ident,
                        code=number,
                        source=source,
                        where=f"{display}:{where.line}:{where.column}",
                    )
            _check_url(answer.get("url"), add)
    _check_guide(root.get("guide"), seen, add)


def _check_problem(class_node: Mapping, codes: dict[int, Any], add: Any) -> None:
    """A class's example error body carries one of the atlas's codes of that class."""
    problem = class_node.get("problem")
    number = _scalar(class_node.get("class"))
    if not isinstance(problem, Mapping) or not isinstance(number, int):
        return
    status_node = problem.get("status")
    status = _scalar(status_node)
    if status_node is None or not isinstance(status, int) or isinstance(status, bool):
        return
    if status // 100 != number:
        add(status_node, "problem_of_another_class", number=number, status=status)
    elif status not in codes:
        add(status_node, "problem_of_unlisted_code", number=number, status=status)


def _check_codes(node: Node | None, codes: dict[int, Any], add: Any) -> None:
    for item in _items(node):
        _check_code(item, codes, add)


def _check_code(node: Node | None, codes: dict[int, Any], add: Any) -> None:
    number = _scalar(node)
    known = not isinstance(number, int) or isinstance(number, bool) or number in codes
    if node is not None and not known:
        add(node, "code_not_in_atlas", code=number)


def _check_guide(guide: Node | None, scenarios: dict[str, Node], add: Any) -> None:
    if not isinstance(guide, Mapping):
        return
    questions: dict[str, Mapping] = {}
    for question in _items(guide.get("questions")):
        if isinstance(question, Mapping) and isinstance(_scalar(question.get("id")), str):
            ident = str(_scalar(question.get("id")))
            if ident in questions:
                add(question, "guide_question_twice", id=ident)
            questions[ident] = question
    start = guide.get("start")
    if start is not None and _scalar(start) not in questions:
        add(start, "guide_start_unknown", start=_scalar(start))
    reached: set[str] = set()
    todo = [str(_scalar(start))] if _scalar(start) in questions else []
    while todo:
        current = todo.pop()
        if current in reached:
            continue
        reached.add(current)
        for answer in ("yes", "no"):
            step = questions[current].get(answer)
            if not isinstance(step, Mapping):
                continue
            for kind, (_, value_node) in step.items.items():
                target = _scalar(value_node)
                if kind == "question" and target not in questions:
                    add(value_node, "guide_unknown_question", answer=answer, target=target)
                elif kind == "scenario" and target not in scenarios:
                    add(value_node, "guide_unknown_scenario", answer=answer, target=target)
                elif kind == "question" and isinstance(target, str):
                    todo.append(target)
    for ident, question in questions.items():
        if ident not in reached and _scalar(start) in questions:
            add(question, "guide_unreachable", id=ident)


def _check_grpc(root: Mapping, codes: dict[int, Any], add: Any) -> None:
    grpc = root.get("grpc")
    if not isinstance(grpc, Mapping):
        return
    for part in ("canonical", "reverse"):
        table = grpc.get(part)
        if not isinstance(table, Mapping):
            continue
        for row in _items(table.get("codes")):
            if isinstance(row, Mapping):
                _check_code(row.get("http"), codes, add)


def _check_url(node: Node | None, add: Any) -> None:
    url = _scalar(node)
    if node is None or not isinstance(url, str):
        return
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and not parts.netloc:
        add(node, "no_host", url=url)


def _check_date(node: Node | None, key: str, add: Any) -> None:
    """A date the schema let through (YYYY-MM-DD) must also be on the calendar."""
    value = _scalar(node)
    if node is None or not isinstance(value, str) or not _DATE.fullmatch(value):
        return
    try:
        date.fromisoformat(value)
    except ValueError:
        add(node, "date_not_on_calendar", key=key, value=value)


def _check_conditions(usage_node: Mapping, add: Any) -> None:
    methods = usage_node.get("methods")
    conditional: dict[str, Node] = {}
    if isinstance(methods, Mapping):
        conditional = {
            name: value
            for name, (_, value) in methods.items.items()
            if _scalar(value) == "conditional"
        }
    explained: dict[str, Node] = {}
    for condition in _items(usage_node.get("conditions")):
        if not isinstance(condition, Mapping):
            continue
        for method_node in _items(condition.get("methods")):
            name = _scalar(method_node)
            if not isinstance(name, str):
                continue
            if name in explained:
                add(method_node, "method_explained_twice", method=name, first=explained[name].line)
            explained[name] = method_node
            if name not in conditional:
                add(method_node, "condition_not_conditional", method=name)
    for name, node in conditional.items():
        if name not in explained:
            add(node, "conditional_unexplained", method=name)


def _text(data: dict[str, str]) -> m.Text:
    return m.Text(en=data["en"], pt_br=data["pt-BR"])


def _usage(source_id: str, data: dict[str, Any]) -> m.Usage:
    raw_code = data["code"]
    code = raw_code if isinstance(raw_code, int) else None
    status_class = raw_code // 100 if isinstance(raw_code, int) else int(str(raw_code)[0])
    methods = {
        name: state
        for name in m.METHODS
        if (state := (data.get("methods") or {}).get(name, "unspecified")) != "unspecified"
    }
    return m.Usage(
        source=source_id,
        code=code,
        status_class=status_class,
        reason_used=data.get("reason_used"),
        meaning=_text(data["meaning"]),
        methods=methods,
        conditions=tuple(
            m.Condition(
                methods=tuple(x for x in m.METHODS if x in c["methods"]),
                text=_text(c),
            )
            for c in data.get("conditions") or []
        ),
        action=_text(data["action"]) if data.get("action") else None,
        notes=tuple(_text(n) for n in data.get("notes") or []),
        stance=data.get("stance", "allowed"),
        instead=tuple(data.get("instead") or ()),
        why=_text(data["why"]) if data.get("why") else None,
        url=data.get("url"),
        headers=tuple(
            m.HeaderRule(
                names=tuple(h["names"]),
                level=h["level"],
                note=_text(h["note"]) if h.get("note") else None,
            )
            for h in data.get("headers") or []
        ),
    )


def _reference(data: dict[str, str]) -> m.Reference:
    return m.Reference(data["title"], data["url"])


def _scenario(data: dict[str, Any]) -> m.Scenario:
    keywords = data.get("keywords") or {}
    baseline = data["baseline"]
    return m.Scenario(
        id=data["id"],
        group=data["group"],
        question=_text(data["question"]),
        description=_text(data["description"]),
        keywords={lang: tuple(keywords.get(lang) or ()) for lang in m.LANGUAGES},
        baseline=m.Baseline(
            codes=tuple(baseline["codes"]),
            reference=_reference(baseline["reference"]),
            note=_text(baseline["note"]) if baseline.get("note") else None,
        ),
        answers=tuple(
            m.Answer(
                source=a["source"],
                codes=tuple(a["codes"]),
                methods=tuple(x for x in m.METHODS if x in (a.get("methods") or ())),
                note=_text(a["note"]),
                url=a["url"],
            )
            for a in data["answers"]
        ),
    )


def _guide(data: dict[str, Any] | None) -> m.Guide | None:
    if not data:
        return None

    def step(value: dict[str, str]) -> m.GuideStep:
        kind, target = next(iter(value.items()))
        return m.GuideStep("question" if kind == "question" else "scenario", target)

    return m.Guide(
        start=data["start"],
        questions=tuple(
            m.GuideQuestion(q["id"], _text(q["text"]), step(q["yes"]), step(q["no"]))
            for q in data["questions"]
        ),
    )


def _grpc(data: dict[str, Any] | None) -> m.Grpc | None:
    if not data:
        return None
    canonical, reverse = data["canonical"], data["reverse"]
    return m.Grpc(
        reference=_reference(canonical["reference"]),
        codes=tuple(
            m.GrpcCode(
                c["name"], c["number"], c["http"], _text(c["note"]) if c.get("note") else None
            )
            for c in canonical["codes"]
        ),
        reverse_reference=_reference(reverse["reference"]),
        reverse=tuple((r["http"], r["grpc"]) for r in reverse["codes"]),
        otherwise=reverse["otherwise"],
        reverse_note=_text(reverse["note"]) if reverse.get("note") else None,
    )


def _problem(data: dict[str, Any] | None) -> m.Problem | None:
    if data is None:
        return None
    return m.Problem(
        status=data["status"],
        type=data["type"],
        title=_text(data["title"]),
        detail=_text(data["detail"]),
        instance=data.get("instance"),
    )


def _build(data: dict[str, Any]) -> m.Atlas:
    classes = sorted(data["classes"], key=lambda c: c["class"])
    codes = sorted((code for c in classes for code in c["codes"]), key=lambda c: c["code"])
    sources = []
    for s in data["sources"]:
        usages = sorted(
            (_usage(s["id"], u) for u in s["usage"]),
            key=lambda u: (u.code is not None, u.code or u.status_class),
        )
        sources.append(
            m.Source(
                id=s["id"],
                name=s["name"],
                short_name=s.get("short_name") or s["name"],
                publisher=s["publisher"],
                kind=s["kind"],
                url=s["url"],
                language=s["language"],
                retrieved=s["retrieved"],
                updated=s.get("updated"),
                license=_text(s["license"]),
                summary=_text(s["summary"]),
                rules=tuple(_text(r) for r in s["rules"]),
                usage=tuple(usages),
                revision=s.get("revision"),
            )
        )
    return m.Atlas(
        classes=tuple(
            m.StatusClass(
                c["class"],
                _text(c["name"]),
                _text(c["summary"]),
                notes=tuple(_text(n) for n in c.get("notes") or []),
                problem=_problem(c.get("problem")),
            )
            for c in classes
        ),
        codes=tuple(
            m.Code(
                code=c["code"],
                registry=c["registry"],
                expires=c.get("expires"),
                reason=_text(c["reason"]),
                reference=m.Reference(c["reference"]["title"], c["reference"]["url"]),
                meaning=_text(c["meaning"]),
                cacheable=c["cacheable"],
                retryable=c["retryable"],
                headers=tuple(c["headers"]),
                notes=tuple(_text(n) for n in c.get("notes") or []),
            )
            for c in codes
        ),
        sources=tuple(sources),
        scenarios=tuple(_scenario(s) for s in data.get("scenarios") or []),
        guide=_guide(data.get("guide")),
        grpc=_grpc(data.get("grpc")),
    )


def validate(root: Node, display: str) -> m.Atlas:
    """The atlas model for a located tree, or InputError with every problem found."""
    problems = _schema_problems(root, display) + _meaning_problems(root, display)
    if problems:
        raise InputError(sorted(set(problems)))
    return _build(to_plain(root))

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
from .yaml import Mapping, Node, Scalar, Sequence, to_plain

SCHEMA_PATH = data_file("schema.json")
LANG_NAMES = {"en": "English", "pt-BR": "Brazilian Portuguese"}
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


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value}'"
    if isinstance(value, dict):
        return "a mapping"
    return "a list"


_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "boolean": "true or false",
    "object": "a mapping of keys",
    "array": "a list",
}


def _key_of(error: ValidationError) -> str:
    return _key_of_path(list(error.absolute_path))


def _entry(root: Node, path: list[Any]) -> str:
    """Name the object a path ends in, the way an author would find it in the file."""
    if len(path) >= 2 and isinstance(path[-1], int) and isinstance(path[-2], str):
        node = _node_at(root, path)
        parent = path[-2]
        if isinstance(node, Mapping):
            ident = _scalar(node.get("id"))
            code = _scalar(node.get("code"))
            number = _scalar(node.get("class"))
            if parent == "sources" and ident is not None:
                return f"source '{ident}'"
            if parent == "usage" and code is not None:
                return f"the usage of {code}"
            if parent == "codes" and code is not None:
                return f"code {code}"
            if parent == "classes" and number is not None:
                return f"class {number}xx"
            if parent == "scenarios" and ident is not None:
                return f"scenario '{ident}'"
            source = _scalar(node.get("source"))
            if parent == "answers" and source is not None:
                return f"the answer of '{source}'"
        return f"an item of '{parent}'"
    if not path:
        return "the document"
    return f"'{_key_of_path(path)}'"


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


def _explain(error: ValidationError, root: Node, display: str) -> list[Problem]:
    node = _node_at(root, list(error.absolute_path))
    key = _key_of(error)
    hint = str(error.schema.get("description", "")) if isinstance(error.schema, dict) else ""

    def at(target: Node, message: str, fix: str = hint) -> Problem:
        return Problem(display, target.line, target.column, message, fix)

    kind = error.validator
    if kind == "additionalProperties" and isinstance(node, Mapping):
        allowed = sorted(error.schema.get("properties", {}))
        extras = [k for k in node.items if k not in allowed]
        return [
            at(node.items[k][0], f"unknown key '{k}'", "allowed here: " + ", ".join(allowed))
            for k in extras
        ]
    if kind == "required":
        missing = str(error.message).split("'")[1]
        if missing in LANG_NAMES:
            return [
                at(
                    node,
                    f"missing translation '{missing}' in '{key}'",
                    f"add the {LANG_NAMES[missing]} text beside the other language",
                )
            ]
        properties = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        described = str(properties.get(missing, {}).get("description", ""))
        fix = f"add '{missing}:'"
        if described:
            fix += f"; {described[:1].lower()}{described[1:]}"
        where = _entry(root, list(error.absolute_path))
        return [at(node, f"missing key '{missing}' in {where}", fix)]
    value = error.instance
    if kind in ("minLength", "pattern") and isinstance(value, str) and not value.strip():
        if key in LANG_NAMES:
            return [
                at(
                    node,
                    f"empty translation '{key}'",
                    f"write the {LANG_NAMES[key]} text; every text needs both languages",
                )
            ]
        return [at(node, f"'{key}' is empty", hint or "write a value")]
    if kind == "type" and value is None and key in LANG_NAMES:
        return [
            at(
                node,
                f"empty translation '{key}'",
                f"write the {LANG_NAMES[key]} text; every text needs both languages",
            )
        ]
    if kind == "type" and not list(error.absolute_path):
        return [
            at(
                node,
                f"the file must be a mapping of keys, not {_describe(value)}",
                "start it with version: 1, then classes: and sources:",
            )
        ]
    if kind == "type":
        expected = error.validator_value
        words = (
            " or ".join(_TYPE_WORDS.get(str(t), str(t)) for t in expected)
            if isinstance(expected, list)
            else _TYPE_WORDS.get(str(expected), str(expected))
        )
        return [at(node, f"'{key}' must be {words}, not {_describe(value)}")]
    if kind == "enum":
        options = ", ".join(str(o) for o in error.validator_value)
        return [at(node, f"'{key}' cannot be {_describe(value)}", f"use one of: {options}")]
    if kind == "const":
        return [at(node, f"'{key}' must be {error.validator_value}, not {_describe(value)}")]
    if kind in ("minimum", "maximum"):
        return [at(node, f"'{key}' {value} is out of range", hint)]
    if kind == "pattern":
        if "https?" in str(error.validator_value):
            problem = "has no host" if _HTTP_PREFIX.match(str(value)) else "is not an http(s) URL"
            return [at(node, f"'{value}' {problem}", "write a full https:// address")]
        return [at(node, f"'{key}' cannot be {_describe(value)}", hint)]
    if kind == "oneOf":
        return [at(node, f"'{key}' cannot be {_describe(value)}", hint)]
    if kind == "uniqueItems":
        return [at(node, f"'{key}' lists the same item twice", "remove the repeat")]
    if kind == "minItems":
        return [at(node, f"'{key}' is empty", hint or "add at least one item")]
    return [at(node, f"'{key}': {error.message}")]


def _items(node: Node | None) -> list[Node]:
    return node.items if isinstance(node, Sequence) else []


def _scalar(node: Node | None) -> Any:
    return node.value if isinstance(node, Scalar) else None


def _meaning_problems(root: Node, display: str) -> list[Problem]:
    """Rules the schema cannot express: classes, duplicates, references, conditions."""
    problems: list[Problem] = []

    def add(node: Node, message: str, hint: str) -> None:
        problems.append(Problem(display, node.line, node.column, message, hint))

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
                add(
                    number_node,
                    f"class {number}xx is listed twice (first at line {seen_classes[number].line})",
                    "merge the two lists of codes",
                )
            seen_classes[number] = number_node
        for code_node in _items(class_node.get("codes")):
            if not isinstance(code_node, Mapping):
                continue
            value_node = code_node.get("code")
            code = _scalar(value_node)
            if not isinstance(code, int) or isinstance(code, bool) or value_node is None:
                continue
            if isinstance(number, int) and 100 <= code <= 599 and code // 100 != number:
                add(
                    value_node,
                    f"code {code} is listed under class {number}xx",
                    f"move it to the list of class {code // 100}xx",
                )
            if code in codes:
                add(
                    value_node,
                    f"code {code} is listed twice (first at line {codes[code][0].line})",
                    "keep one entry",
                )
            else:
                reason = code_node.get("reason")
                english = _scalar(reason.get("en")) if isinstance(reason, Mapping) else None
                codes[code] = (value_node, str(english or ""))
            registry = _scalar(code_node.get("registry"))
            expires = code_node.get("expires")
            if registry == "temporary" and expires is None:
                add(
                    code_node,
                    f"code {code} is temporary but has no 'expires' date",
                    'add expires: "YYYY-MM-DD" from the registry',
                )
            if expires is not None and registry != "temporary":
                add(
                    expires,
                    f"code {code} has an expiry date but registry is '{registry}'",
                    "only temporary registrations expire; remove 'expires'",
                )
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
        add(
            classes_node,
            "missing class " + ", ".join(f"{c}xx" for c in missing),
            "list all five classes, 1xx to 5xx",
        )

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
                add(
                    id_node,
                    f"source id '{source_id}' is used twice (first at line {first})",
                    "give each source its own id",
                )
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
                    f"source '{source_id}' lists code {code} twice "
                    f"(first at line {used[code].line})",
                    "merge the two entries",
                )
            used[code] = code_node
            if isinstance(code, int) and not isinstance(code, bool) and 100 <= code <= 599:
                if code not in codes:
                    add(
                        code_node,
                        f"source '{source_id}' uses code {code}, which the atlas does not list",
                        f"add {code} under class {code // 100}xx, or correct the number",
                    )
                else:
                    reason_node = usage_node.get("reason_used")
                    if reason_node is not None and _scalar(reason_node) == codes[code][1]:
                        add(
                            reason_node,
                            f"reason_used '{_scalar(reason_node)}' is the IANA phrase already",
                            "remove reason_used; it records only older or different names",
                        )
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
            add(
                usage_node.items[key][0],
                f"'{key}' on a usage whose stance is '{stance}'",
                "only a discouraged or forbidden code names what to use instead and why; "
                f"set stance: discouraged or forbidden, or remove '{key}'",
            )
        if node is None and against:
            stance_node = usage_node.get("stance") or usage_node
            what = "instead: [codes]" if key == "instead" else "why: {en, pt-BR}"
            add(
                stance_node,
                f"a {stance} code needs '{key}'",
                f"add {what} (instead may be an empty list when the source names no replacement)",
            )
    for item in _items(usage_node.get("instead")):
        number = _scalar(item)
        if isinstance(number, int) and not isinstance(number, bool) and number not in codes:
            add(
                item,
                f"'instead' names code {number}, which the atlas does not list",
                "name a code of the atlas, or add it under its class",
            )


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
                add(
                    id_node,
                    f"scenario id '{ident}' is used twice (first at line {seen[ident].line})",
                    "give each scenario its own id",
                )
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
                add(
                    source_node,
                    f"scenario '{ident}' answers for unknown source '{source}'",
                    f"use one of: {known}",
                )
            if source in answered:
                add(
                    source_node,
                    f"scenario '{ident}' has two answers from '{source}' "
                    f"(first at line {answered[source].line})",
                    "merge them into one answer with several codes",
                )
            answered[source] = source_node
            _check_codes(answer.get("codes"), codes, add)
            for item in _items(answer.get("codes")):
                number = _scalar(item)
                where = forbidden.get((source, number)) if isinstance(number, int) else None
                if where is not None:
                    add(
                        item,
                        f"scenario '{ident}' answers {number} for '{source}', which the same "
                        f"source marks forbidden at {display}:{where.line}:{where.column}",
                        "correct the answer or the usage's stance: they contradict each other",
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
        add(
            status_node,
            f"the example problem of class {number}xx has status {status}",
            f"use a {number}xx code the atlas lists",
        )
    elif status not in codes:
        add(
            status_node,
            f"the example problem has status {status}, which the atlas does not list",
            f"use a {number}xx code the atlas lists",
        )


def _check_codes(node: Node | None, codes: dict[int, Any], add: Any) -> None:
    for item in _items(node):
        number = _scalar(item)
        if isinstance(number, int) and not isinstance(number, bool) and number not in codes:
            add(item, f"code {number} is not in the atlas", "name a code the atlas lists")


def _check_guide(guide: Node | None, scenarios: dict[str, Node], add: Any) -> None:
    if not isinstance(guide, Mapping):
        return
    questions: dict[str, Mapping] = {}
    for question in _items(guide.get("questions")):
        if isinstance(question, Mapping) and isinstance(_scalar(question.get("id")), str):
            ident = str(_scalar(question.get("id")))
            if ident in questions:
                add(question, f"guide question '{ident}' is listed twice", "keep one")
            questions[ident] = question
    start = guide.get("start")
    if start is not None and _scalar(start) not in questions:
        add(
            start,
            f"the guide starts at '{_scalar(start)}', which is not a question",
            "name the id of one of its questions",
        )
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
                    add(
                        value_node,
                        f"'{answer}' leads to unknown question '{target}'",
                        "name a question id of the guide",
                    )
                elif kind == "scenario" and target not in scenarios:
                    add(
                        value_node,
                        f"'{answer}' leads to unknown scenario '{target}'",
                        "name a scenario id",
                    )
                elif kind == "question" and isinstance(target, str):
                    todo.append(target)
    for ident, question in questions.items():
        if ident not in reached and _scalar(start) in questions:
            add(
                question,
                f"guide question '{ident}' cannot be reached from the start",
                "lead to it from another question, or remove it",
            )


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
                http = row.get("http")
                number = _scalar(http)
                if http is not None and isinstance(number, int) and number not in codes:
                    add(http, f"code {number} is not in the atlas", "name a code the atlas lists")


def _check_url(node: Node | None, add: Any) -> None:
    url = _scalar(node)
    if node is None or not isinstance(url, str):
        return
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and not parts.netloc:
        add(node, f"'{url}' has no host", "write a full https:// address")


def _check_date(node: Node | None, key: str, add: Any) -> None:
    """A date the schema let through (YYYY-MM-DD) must also be on the calendar."""
    value = _scalar(node)
    if node is None or not isinstance(value, str) or not _DATE.fullmatch(value):
        return
    try:
        date.fromisoformat(value)
    except ValueError:
        add(
            node,
            f"'{key}' {value} is not a date on the calendar",
            "write YYYY-MM-DD, e.g. 2026-11-22",
        )


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
                add(
                    method_node,
                    f"{name} is explained by two conditions (first at line {explained[name].line})",
                    "keep one condition per method",
                )
            explained[name] = method_node
            if name not in conditional:
                add(
                    method_node,
                    f"the condition names {name}, which is not marked conditional",
                    f"set {name}: conditional, or remove {name} from this condition",
                )
    for name, node in conditional.items():
        if name not in explained:
            add(
                node,
                f"{name} is conditional but no condition says when",
                f"add a condition with methods: [{name}] and its en and pt-BR text",
            )


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

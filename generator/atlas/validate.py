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
    missing = [c for c in m.CLASSES if c not in seen_classes]
    classes_node = root.get("classes")
    if missing and isinstance(classes_node, Sequence):
        add(
            classes_node,
            "missing class " + ", ".join(f"{c}xx" for c in missing),
            "list all five classes, 1xx to 5xx",
        )

    source_ids: dict[str, Node] = {}
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
    return problems


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
            )
        )
    return m.Atlas(
        classes=tuple(
            m.StatusClass(c["class"], _text(c["name"]), _text(c["summary"])) for c in classes
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
            )
            for c in codes
        ),
        sources=tuple(sources),
    )


def validate(root: Node, display: str) -> m.Atlas:
    """The atlas model for a located tree, or InputError with every problem found."""
    problems = _schema_problems(root, display) + _meaning_problems(root, display)
    if problems:
        raise InputError(sorted(set(problems)))
    return _build(to_plain(root))

"""Check OpenAPI and Swagger documents against one guideline of the atlas.

Reads OpenAPI 3.0 / 3.1 and Swagger 2.0, YAML or JSON, into located nodes (load.parse), walks
every operation (METHOD /path) and every response it declares, and compares each status code
with what the chosen guideline says of it for that method. The result is a Report of Finding
values; render() turns it into text, JSON (shape: data/lint.schema.json) or SARIF 2.1.0. No
printing and no exit codes here: the CLI does that.

Rules (RULES below holds each one's wording in every language):

| rule                  | severity | when                                                         |
| --------------------- | -------- | ------------------------------------------------------------ |
| code-not-for-method   | error    | the guideline marks the code `no` for the operation's method |
| conditional-code      | warning  | ... marks it `conditional` for that method (condition shown) |
| code-not-in-guideline | warning  | the guideline uses neither the code nor its class            |
| unregistered-code     | warning  | IANA does not register the code (e.g. 529)                   |
| retired-code          | warning  | IANA lists the code as unused, deprecated or obsoleted       |
| missing-code          | info     | --missing: marked `yes` for the method, not declared         |
| missing-code-in-file  | info     | --missing: a code the guideline uses without naming methods  |
|                       |          | that no operation of the file declares                       |
| default-response      | info     | a `default` response                                         |
| range-response        | info     | a range response such as `4XX`                               |
| not-a-status-code     | warning  | a response key that is none of the above                     |
| broken-ref            | warning  | a local `$ref` (response, path item) that points to nothing  |
| not-openapi           | info     | the file parses but is no OpenAPI or Swagger document        |

Decisions:
- A guideline's class usage (code "2xx") counts as using every code of that class, with the
  class's method states, wherever the guideline has no usage of the exact code.
- For --missing, a range (4XX) declares every code of its class; `default` declares none.
- Messages name a guideline by its short_name ("Open Finance Brasil does not use 422 on
  DELETE"): the sources' names are full page titles, too long for a sentence.
- Callbacks and 3.1 `webhooks` are not checked: their responses come from the API's clients.
- Only local `$ref`s (`#/...`) are followed; a reference to another file is left alone.
- Specs are read with load.parse(allow_aliases=True): anchors and aliases are followed (a
  recursive alias is refused); tags and duplicate keys are still refused.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote, unquote

from . import load
from . import model as m
from .errors import InputError, UsageError
from .site import LANG_PREFIX, SITE_URL

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
FORMATS: tuple[str, ...] = ("text", "json", "sarif")

#: Version of the JSON output's shape (data/lint.schema.json).
JSON_VERSION = 1
#: The site page that documents this command; SARIF rules link to `#<rule-id>` on it.
DOCS_PAGE = "check-your-api"
#: Larger specs are refused: the whole file is held in memory as located nodes.
MAX_SPEC_BYTES = 50 * 1024 * 1024

#: Operation keys of an OpenAPI path item, in the order they are reported.
OPERATION_KEYS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

_CODE = re.compile(r"^[1-5][0-9][0-9]$")
_RANGE = re.compile(r"^[1-5][Xx][Xx]$")
_RETIRED = ("unused", "deprecated", "obsoleted")

T = m.Text


# --- Every sentence the linter writes, in every language --------------------------------------


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    #: One line naming what the rule finds (SARIF shortDescription, docs headings).
    title: m.Text
    #: The finding's message; `{placeholders}` are filled in by the check.
    message: m.Text


RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule(
            "code-not-for-method",
            "error",
            T(
                en="A code the guideline rules out for this method",
                pt_br="Código que a diretriz não admite neste método",
            ),
            T(
                en="{guideline} does not use {code} on {method}",
                pt_br="A diretriz {guideline} não usa {code} em {method}",
            ),
        ),
        Rule(
            "conditional-code",
            "warning",
            T(
                en="A code the guideline allows on this method only under a condition",
                pt_br="Código que a diretriz só admite neste método sob uma condição",
            ),
            T(
                en="{guideline} uses {code} on {method} only under a condition: {condition}",
                pt_br="A diretriz {guideline} só usa {code} em {method} sob uma condição: "
                "{condition}",
            ),
        ),
        Rule(
            "code-not-in-guideline",
            "warning",
            T(
                en="A code the guideline does not use at all",
                pt_br="Código que a diretriz não prevê",
            ),
            T(
                en="{guideline} does not use {code} at all",
                pt_br="A diretriz {guideline} não prevê o código {code}",
            ),
        ),
        Rule(
            "unregistered-code",
            "warning",
            T(
                en="A code that is not registered at IANA",
                pt_br="Código que não está registrado na IANA",
            ),
            T(
                en="{code} is not registered at IANA",
                pt_br="O código {code} não está registrado na IANA",
            ),
        ),
        Rule(
            "retired-code",
            "warning",
            T(
                en="A code IANA lists as unused, deprecated or obsoleted",
                pt_br="Código que a IANA marca como sem uso, descontinuado ou obsoleto",
            ),
            T(
                en="IANA lists {code} as {registry}",
                pt_br="A IANA marca o código {code} como {registry}",
            ),
        ),
        Rule(
            "missing-code",
            "info",
            T(
                en="A code the guideline uses on this method that the operation does not declare",
                pt_br="Código que a diretriz usa neste método e a operação não declara",
            ),
            T(
                en="{guideline} uses {code} on {method}, but this operation does not declare it",
                pt_br="A diretriz {guideline} usa {code} em {method}, mas esta operação não o "
                "declara",
            ),
        ),
        Rule(
            "missing-code-in-file",
            "info",
            T(
                en="A code the guideline uses that no operation in the file declares",
                pt_br="Código que a diretriz usa e nenhuma operação do arquivo declara",
            ),
            T(
                en="{guideline} uses {code}, but no operation in this file declares it",
                pt_br="A diretriz {guideline} usa o código {code}, mas nenhuma operação deste "
                "arquivo o declara",
            ),
        ),
        Rule(
            "default-response",
            "info",
            T(en="A 'default' response", pt_br="Resposta 'default'"),
            T(
                en="A 'default' response stands for any code not listed; it is not checked",
                pt_br="A resposta 'default' vale para qualquer código não listado; não é "
                "verificada",
            ),
        ),
        Rule(
            "range-response",
            "info",
            T(en="A range response such as 4XX", pt_br="Resposta por faixa, como 4XX"),
            T(
                en="The range '{key}' stands for any {status_class} code; it is not checked "
                "code by code",
                pt_br="A faixa '{key}' vale para qualquer código {status_class}; não é verificada "
                "código a código",
            ),
        ),
        Rule(
            "not-a-status-code",
            "warning",
            T(
                en="A response key that is not a status code",
                pt_br="Chave de resposta que não é um código de status",
            ),
            T(
                en="'{key}' is not a status code: use 100 to 599, a range such as 4XX, or default",
                pt_br="'{key}' não é um código de status: use de 100 a 599, uma faixa como 4XX "
                "ou default",
            ),
        ),
        Rule(
            "broken-ref",
            "warning",
            T(
                en="A local $ref that points to nothing",
                pt_br="$ref local que não aponta para nada",
            ),
            T(
                en="$ref '{ref}' points to nothing in this file",
                pt_br="O $ref '{ref}' não aponta para nada neste arquivo",
            ),
        ),
        Rule(
            "not-openapi",
            "info",
            T(
                en="A file that is not an OpenAPI or Swagger document",
                pt_br="Arquivo que não é um documento OpenAPI ou Swagger",
            ),
            T(
                en="Not an OpenAPI or Swagger document (no 'openapi' or 'swagger' key): skipped",
                pt_br="Não é um documento OpenAPI nem Swagger (falta a chave 'openapi' ou "
                "'swagger'): arquivo ignorado",
            ),
        ),
    )
}

#: Words of the reports and of the usage errors. Counts are "singular|plural".
MESSAGES: dict[str, m.Text] = {
    "error": T(en="error", pt_br="erro"),
    "warning": T(en="warning", pt_br="aviso"),
    "info": T(en="info", pt_br="info"),
    "count.error": T(en="{n} error|{n} errors", pt_br="{n} erro|{n} erros"),
    "count.warning": T(en="{n} warning|{n} warnings", pt_br="{n} aviso|{n} avisos"),
    "count.info": T(en="{n} info|{n} infos", pt_br="{n} info|{n} infos"),
    "count.file": T(en="{n} file|{n} files", pt_br="{n} arquivo|{n} arquivos"),
    "summary": T(
        en="{errors}, {warnings}, {infos} in {files}",
        pt_br="{errors}, {warnings}, {infos} em {files}",
    ),
    "registry.unused": T(en="unused", pt_br="sem uso"),
    "registry.deprecated": T(en="deprecated", pt_br="descontinuado"),
    "registry.obsoleted": T(en="obsoleted", pt_br="obsoleto"),
    "tool": T(en="HTTP Status Atlas", pt_br="Atlas de Status HTTP"),
    "unknown_guideline": T(
        en="unknown guideline '{id}'; valid ids: {ids}",
        pt_br="diretriz desconhecida '{id}'; ids válidos: {ids}",
    ),
    "no_such_spec": T(en="{file}: no such file", pt_br="{file}: arquivo não encontrado"),
    "spec_is_folder": T(
        en="{file}: is a folder; name the spec files",
        pt_br="{file}: é uma pasta; indique os arquivos de especificação",
    ),
    "cannot_open": T(en="{file}: cannot open: {reason}", pt_br="{file}: não abre: {reason}"),
    "too_big": T(
        en="{file}: {size:,} bytes, over the {limit:,}-byte limit",
        pt_br="{file}: {size:,} bytes, acima do limite de {limit:,} bytes",
    ),
    "not_utf8": T(
        en="{file}:{line}:{column}: byte 0x{byte:02x} is not UTF-8; save the file as UTF-8",
        pt_br="{file}:{line}:{column}: o byte 0x{byte:02x} não é UTF-8; salve o arquivo em UTF-8",
    ),
    "cannot_parse": T(
        en="{file}:{line}:{column}: cannot read the spec: {problem}{more}",
        pt_br="{file}:{line}:{column}: não foi possível ler a especificação: {problem}{more}",
    ),
    "more_problems": T(en=" (and {n} more)", pt_br=" (e mais {n})"),
    "bad_version": T(
        en="{file}:{line}:{column}: {key} '{version}' is not supported; use OpenAPI 3.0, 3.1 "
        "or Swagger 2.0",
        pt_br="{file}:{line}:{column}: {key} '{version}' não é suportado; use OpenAPI 3.0, 3.1 "
        "ou Swagger 2.0",
    ),
    "paths_not_mapping": T(
        en="{file}:{line}:{column}: 'paths' must map each path to its operations",
        pt_br="{file}:{line}:{column}: 'paths' deve mapear cada caminho para suas operações",
    ),
}


def say(message_id: str, lang: m.Lang, /, **values: Any) -> str:
    """A sentence from MESSAGES (or a rule's message) in `lang`, placeholders filled in."""
    text = RULES[message_id].message if message_id in RULES else MESSAGES[message_id]
    return text.get(lang).format(**values)


def count_words(key: str, n: int, lang: m.Lang) -> str:
    """`n` with its noun, singular or plural: "1 error", "2 avisos"."""
    one, many = MESSAGES[f"count.{key}"].get(lang).split("|")
    return (one if n == 1 else many).format(n=n)


# --- Findings and reports ----------------------------------------------------------------------


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


# --- Links to the site -------------------------------------------------------------------------


def _page(path: str, lang: m.Lang) -> str:
    return f"{SITE_URL}{LANG_PREFIX[lang]}{path}/"


def code_url(code: int, lang: m.Lang, source_id: str | None = None) -> str:
    """The code's page on the site; with source_id, that guideline's section on it."""
    return _page(f"codes/{code}", lang) + (f"#{source_id}" if source_id else "")


def rule_url(rule: str, lang: m.Lang) -> str:
    """Where the docs page explains a rule."""
    return f"{_page(DOCS_PAGE, lang)}#{rule}"


# --- The guideline ---------------------------------------------------------------------------


class Guideline:
    """One source of the atlas, indexed for the checks."""

    def __init__(self, atlas: m.Atlas, source_id: str, lang: m.Lang) -> None:
        ids = [s.id for s in atlas.sources]
        if source_id not in ids:
            raise UsageError(say("unknown_guideline", lang, id=source_id, ids=", ".join(ids)))
        self.source = atlas.source(source_id)
        self.lang = lang
        self.codes = {c.code: c for c in atlas.codes}
        self.by_code = {u.code: u for u in self.source.usage if u.code is not None}
        self.by_class = {u.status_class: u for u in self.source.usage if u.code is None}

    def usage(self, code: int) -> m.Usage | None:
        """The usage that speaks for `code`: the code's own, else its class's."""
        return self.by_code.get(code) or self.by_class.get(code // 100)

    def url(self, code: int) -> str:
        """The code's page, at this guideline's section when the guideline uses the code."""
        if code not in self.codes:
            return _page("codes", self.lang)
        return code_url(code, self.lang, self.source.id if code in self.by_code else None)


# --- Reading a spec -------------------------------------------------------------------------


def read_spec(path: Path, display: str, lang: m.Lang = "pt-BR") -> load.Node:
    """The located tree of a YAML or JSON file; UsageError with one line if it cannot be read."""
    if not path.exists():
        raise UsageError(say("no_such_spec", lang, file=display))
    if path.is_dir():
        raise UsageError(say("spec_is_folder", lang, file=display))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(say("cannot_open", lang, file=display, reason=exc.strerror)) from None
    if len(data) > MAX_SPEC_BYTES:
        raise UsageError(say("too_big", lang, file=display, size=len(data), limit=MAX_SPEC_BYTES))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        raise UsageError(
            say(
                "not_utf8",
                lang,
                file=display,
                line=before.count(b"\n") + 1,
                column=len(before) - (before.rfind(b"\n") + 1) + 1,
                byte=data[exc.start],
            )
        ) from None
    return parse_spec(text, display, lang)


def parse_spec(text: str, display: str, lang: m.Lang = "pt-BR") -> load.Node:
    """The located tree of YAML or JSON text; UsageError naming the first problem."""
    try:
        return load.parse(text, display, allow_aliases=True)
    except InputError as error:
        first = error.problems[0]
        more = len(error.problems) - 1
        problem = first.message + (f" ({first.hint})" if first.hint else "")
        raise UsageError(
            say(
                "cannot_parse",
                lang,
                file=display,
                line=first.line,
                column=first.column,
                problem=problem,
                more=say("more_problems", lang, n=more) if more else "",
            )
        ) from None


# --- Walking a spec ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Response:
    key: str
    line: int
    column: int
    #: The local $ref that could not be followed, with its position.
    broken_ref: tuple[str, int, int] | None


@dataclass(frozen=True)
class _Operation:
    method: str
    path: str
    #: Position of the `responses` key, or of the method key when there is none.
    line: int
    column: int
    responses: tuple[_Response, ...]

    @property
    def name(self) -> str:
        return f"{self.method} {self.path}"


def _resolve_pointer(root: load.Node, ref: str) -> load.Node | None:
    """The node a local JSON pointer (`#/components/responses/X`) names, or None."""
    pointer = unquote(ref[1:])
    if pointer == "":
        return root
    if not pointer.startswith("/"):
        return None
    node: load.Node = root
    for raw in pointer[1:].split("/"):
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, load.Mapping):
            pair = node.items.get(token)
            if pair is None:
                return None
            node = pair[1]
        elif isinstance(node, load.Sequence) and token.isdigit() and int(token) < len(node.items):
            node = node.items[int(token)]
        else:
            return None
    return node


def _follow(root: load.Node, node: load.Node) -> tuple[load.Node, tuple[str, int, int] | None]:
    """Follow a chain of local `$ref`s from node.

    Returns the node reached and None, or the node and the (ref, line, column) of the first
    reference in the chain when it leads nowhere (or in a circle). References to other files
    are not followed: the node holding them is returned as it is.
    """
    start: tuple[str, int, int] | None = None
    seen: set[str] = set()
    while isinstance(node, load.Mapping):
        ref_node = node.get("$ref")
        if not isinstance(ref_node, load.Scalar) or not isinstance(ref_node.value, str):
            break
        ref = ref_node.value
        if not ref.startswith("#"):
            break
        if start is None:
            start = (ref, ref_node.line, ref_node.column)
        target = _resolve_pointer(root, ref) if ref not in seen else None
        if target is None:
            return node, start
        seen.add(ref)
        node = target
    return node, None


def _version(root: load.Mapping, display: str, lang: m.Lang) -> bool:
    """True for a supported OpenAPI or Swagger document, False for any other document."""
    for key, supported in (("openapi", ("3.0", "3.1")), ("swagger", ("2.0",))):
        pair = root.items.get(key)
        if pair is None:
            continue
        value = pair[1]
        version = str(value.value) if isinstance(value, load.Scalar) else ""
        if not any(version == v or version.startswith(v + ".") for v in supported):
            raise UsageError(
                say(
                    "bad_version",
                    lang,
                    file=display,
                    line=value.line,
                    column=value.column,
                    key=key,
                    version=version,
                )
            )
        return True
    return False


def _operations(
    root: load.Mapping, display: str, lang: m.Lang
) -> tuple[list[_Operation], list[tuple[str, int, int]]]:
    """Every operation under `paths`, and the path-item `$ref`s that lead nowhere."""
    pair = root.items.get("paths")
    if pair is None:
        return [], []
    paths = pair[1]
    if isinstance(paths, load.Scalar) and paths.value is None:
        return [], []
    if not isinstance(paths, load.Mapping):
        raise UsageError(
            say("paths_not_mapping", lang, file=display, line=paths.line, column=paths.column)
        )
    operations: list[_Operation] = []
    broken_items: list[tuple[str, int, int]] = []
    for path, (_, raw_item) in paths.items.items():
        if not path.startswith("/"):
            continue
        item, broken_item = _follow(root, raw_item)
        if broken_item is not None:
            broken_items.append(broken_item)
        if not isinstance(item, load.Mapping):
            continue
        for key in OPERATION_KEYS:
            op_pair = item.items.get(key)
            if op_pair is None:
                continue
            method_key, operation = op_pair
            if not isinstance(operation, load.Mapping):
                continue
            responses_pair = operation.items.get("responses")
            if responses_pair is None:
                operations.append(
                    _Operation(key.upper(), path, method_key.line, method_key.column, ())
                )
                continue
            responses_key, raw_responses = responses_pair
            responses, _ = _follow(root, raw_responses)
            found: list[_Response] = []
            if isinstance(responses, load.Mapping):
                for code, (code_key, value) in responses.items.items():
                    if code.startswith("x-"):
                        continue
                    _, broken = _follow(root, value)
                    found.append(_Response(code, code_key.line, code_key.column, broken))
            operations.append(
                _Operation(
                    key.upper(), path, responses_key.line, responses_key.column, tuple(found)
                )
            )
    return operations, broken_items


# --- The checks ------------------------------------------------------------------------------


class _Checker:
    def __init__(self, guideline: Guideline, display: str, missing: bool) -> None:
        self.g = guideline
        self.lang = guideline.lang
        self.display = display
        self.missing = missing
        self.findings: list[Finding] = []

    def add(
        self,
        rule: str,
        line: int,
        column: int,
        operation: str | None,
        code: str | None,
        url: str,
        guideline_text: m.Text | None = None,
        /,
        **values: Any,
    ) -> None:
        message = say(rule, self.lang, guideline=self.g.source.short_name, **values)
        self.findings.append(
            Finding(
                file=self.display,
                line=line,
                column=column,
                severity=RULES[rule].severity,
                rule=rule,
                operation=operation,
                code=code,
                message=message,
                guideline_text=guideline_text.get(self.lang) if guideline_text else None,
                url=url,
            )
        )

    def response(self, op: _Operation, r: _Response) -> None:
        at = (r.line, r.column, op.name, r.key)
        if r.broken_ref is not None:
            ref, line, column = r.broken_ref
            self.add(
                "broken-ref",
                line,
                column,
                op.name,
                r.key,
                rule_url("broken-ref", self.lang),
                ref=ref,
            )
        source_page = _page(f"sources/{self.g.source.id}", self.lang)
        if r.key == "default":
            self.add("default-response", *at, source_page)
            return
        if _RANGE.match(r.key):
            status_class = int(r.key[0])
            class_usage = self.g.by_class.get(status_class)
            self.add(
                "range-response",
                *at,
                source_page,
                class_usage.meaning if class_usage else None,
                key=r.key,
                status_class=f"{status_class}xx",
            )
            return
        if not _CODE.match(r.key):
            self.add("not-a-status-code", *at, rule_url("not-a-status-code", self.lang), key=r.key)
            return
        code = int(r.key)
        url = self.g.url(code)
        usage = self.g.usage(code)
        if usage is None:
            self.add("code-not-in-guideline", *at, url, code=code)
        else:
            state = usage.method(op.method)
            if state == "no":
                self.add(
                    "code-not-for-method", *at, url, usage.meaning, code=code, method=op.method
                )
            elif state == "conditional":
                condition = usage.condition_for(op.method) or usage.meaning
                self.add(
                    "conditional-code",
                    *at,
                    url,
                    usage.meaning,
                    code=code,
                    method=op.method,
                    condition=condition.get(self.lang),
                )
        known = self.g.codes.get(code)
        meaning = usage.meaning if usage is not None else None
        if known is None or known.registry == "unregistered":
            self.add("unregistered-code", *at, url, meaning, code=code)
        elif known.registry in _RETIRED:
            registry = say(f"registry.{known.registry}", self.lang)
            self.add("retired-code", *at, url, meaning, code=code, registry=registry)

    def missing_in_operation(self, op: _Operation) -> None:
        codes, classes = _declared([op])
        for code, usage in sorted(self.g.by_code.items()):
            if usage.method(op.method) != "yes":
                continue
            if code in codes or code // 100 in classes:
                continue
            self.add(
                "missing-code",
                op.line,
                op.column,
                op.name,
                str(code),
                self.g.url(code),
                usage.meaning,
                code=code,
                method=op.method,
            )

    def missing_in_file(self, operations: list[_Operation], line: int, column: int) -> None:
        codes, classes = _declared(operations)
        for code, usage in sorted(self.g.by_code.items()):
            if usage.methods or code in codes or code // 100 in classes:
                continue
            self.add(
                "missing-code-in-file",
                line,
                column,
                None,
                str(code),
                self.g.url(code),
                usage.meaning,
                code=code,
            )

    def run(self, root: load.Node) -> list[Finding]:
        if not isinstance(root, load.Mapping) or not _version(root, self.display, self.lang):
            self.add(
                "not-openapi",
                root.line,
                root.column,
                None,
                None,
                rule_url("not-openapi", self.lang),
            )
            return self.findings
        operations, broken_items = _operations(root, self.display, self.lang)
        for ref, line, column in broken_items:
            self.add(
                "broken-ref", line, column, None, None, rule_url("broken-ref", self.lang), ref=ref
            )
        for op in operations:
            for response in op.responses:
                self.response(op, response)
            if self.missing:
                self.missing_in_operation(op)
        if self.missing and operations:
            paths_key = root.items["paths"][0]
            self.missing_in_file(operations, paths_key.line, paths_key.column)
        rank = {s: i for i, s in enumerate(SEVERITIES)}
        return sorted(
            self.findings,
            key=lambda f: (f.line, f.column, rank[f.severity], f.rule, f.code or ""),
        )


def _declared(operations: Iterable[_Operation]) -> tuple[set[int], set[int]]:
    """The exact codes and the range classes that the operations declare."""
    codes: set[int] = set()
    classes: set[int] = set()
    for op in operations:
        for r in op.responses:
            if _CODE.match(r.key):
                codes.add(int(r.key))
            elif _RANGE.match(r.key):
                classes.add(int(r.key[0]))
    return codes, classes


def check(
    root: load.Node, display: str, guideline: Guideline, missing: bool = False
) -> list[Finding]:
    """Every finding for one parsed spec, in file order."""
    return _Checker(guideline, display, missing).run(root)


def lint_files(
    paths: Sequence[Path],
    atlas: m.Atlas,
    guideline_id: str,
    lang: m.Lang = "pt-BR",
    missing: bool = False,
    displays: Sequence[str] | None = None,
) -> Report:
    """Check every spec against a guideline. UsageError if the guideline is unknown or a spec
    cannot be read (nothing is reported then: fix the call first)."""
    guideline = Guideline(atlas, guideline_id, lang)
    shown = list(displays) if displays is not None else [str(p) for p in paths]
    pairs = list(dict.fromkeys(zip(paths, shown, strict=True)))
    trees = [(display, read_spec(path, display, lang)) for path, display in pairs]
    findings: list[Finding] = []
    for display, root in trees:
        findings.extend(check(root, display, guideline, missing))
    return Report(guideline.source, lang, tuple(d for _, d in pairs), tuple(findings))


# --- Output ----------------------------------------------------------------------------------


def render(report: Report, fmt: str) -> str:
    """The report as `text`, `json` or `sarif`."""
    if fmt == "json":
        return to_json(report)
    if fmt == "sarif":
        return to_sarif(report)
    return to_text(report)


def to_text(report: Report) -> str:
    """Findings grouped by file, each with the guideline's words and a link; then a summary."""
    lines: list[str] = []
    lang = report.lang
    for file in report.files:
        found = [f for f in report.findings if f.file == file]
        if not found:
            continue
        where = [f"{f.line}:{f.column}" for f in found]
        severities = [say(f.severity, lang) for f in found]
        where_width = max(len(w) for w in where)
        severity_width = max(len(s) for s in severities)
        indent = " " * (2 + where_width + 2 + severity_width + 2)
        lines.append(file)
        for f, w, s in zip(found, where, severities, strict=True):
            subject = " ".join(x for x in (f.operation, f.code) if x)
            head = f"{subject}: {f.message}" if subject else f.message
            lines.append(f"  {w:<{where_width}}  {s:<{severity_width}}  {head} [{f.rule}]")
            if f.guideline_text:
                lines.append(f"{indent}{report.guideline.short_name}: {f.guideline_text}")
            lines.append(f"{indent}{f.url}")
        lines.append("")
    lines.append(report.summary())
    return "\n".join(lines) + "\n"


def to_data(report: Report) -> dict[str, Any]:
    """The JSON structure described by data/lint.schema.json."""
    return {
        "version": JSON_VERSION,
        "guideline": {
            "id": report.guideline.id,
            "name": report.guideline.name,
            "short_name": report.guideline.short_name,
            "url": _page(f"sources/{report.guideline.id}", report.lang),
        },
        "lang": report.lang,
        "files": list(report.files),
        "summary": {
            "errors": report.count("error"),
            "warnings": report.count("warning"),
            "infos": report.count("info"),
            "files": len(report.files),
            "text": report.summary(),
        },
        "findings": [f.as_dict() for f in report.findings],
    }


def to_json(report: Report) -> str:
    return json.dumps(to_data(report), ensure_ascii=False, indent=2) + "\n"


_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _tool_version() -> str:
    try:
        return metadata.version("http-status-atlas")
    except metadata.PackageNotFoundError:
        return "0.0.0"


def _artifact_uri(file: str) -> str:
    path = Path(file)
    if path.is_absolute():
        return path.as_uri()
    return quote(path.as_posix())


def to_sarif_data(report: Report) -> dict[str, Any]:
    """A SARIF 2.1.0 log with one run, as GitHub code scanning reads it."""
    lang = report.lang
    rule_ids = list(RULES)
    rules = [
        {
            "id": rule.id,
            "name": "".join(w.capitalize() for w in rule.id.split("-")),
            "shortDescription": {"text": rule.title.get(lang)},
            "fullDescription": {"text": rule.title.get(lang)},
            "helpUri": rule_url(rule.id, lang),
            "help": {"text": f"{rule.title.get(lang)}: {rule_url(rule.id, lang)}"},
            "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
            "properties": {"tags": ["openapi", "http-status"]},
        }
        for rule in RULES.values()
    ]
    results = []
    for f in report.findings:
        subject = " ".join(x for x in (f.operation, f.code) if x)
        text = f"{subject}: {f.message}" if subject else f.message
        if f.guideline_text:
            text += f". {report.guideline.short_name}: {f.guideline_text}"
        text += f" ({f.url})"
        results.append(
            {
                "ruleId": f.rule,
                "ruleIndex": rule_ids.index(f.rule),
                "level": _SARIF_LEVEL[f.severity],
                "message": {"text": text},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": _artifact_uri(f.file)},
                            "region": {"startLine": f.line, "startColumn": f.column},
                        }
                    }
                ],
                "properties": {
                    "guideline": report.guideline.id,
                    "operation": f.operation,
                    "code": f.code,
                    "url": f.url,
                },
            }
        )
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": say("tool", lang),
                        "informationUri": _page(DOCS_PAGE, lang),
                        "version": _tool_version(),
                        "language": lang,
                        "rules": rules,
                    }
                },
                "language": lang,
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def to_sarif(report: Report) -> str:
    return json.dumps(to_sarif_data(report), ensure_ascii=False, indent=2) + "\n"

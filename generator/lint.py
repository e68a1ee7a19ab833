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
| broken-ref            | warning  | a local `$ref` (response, path item) that points to nothing, |
|                       |          | or a chain of them that goes round in a circle               |
| not-openapi           | info     | a mapping without an 'openapi' or 'swagger' key (a piece of  |
|                       |          | a split spec, say): skipped                                  |

Decisions:
- A guideline's class usage (code "2xx") counts as using every code of that class, with the
  class's method states, wherever the guideline has no usage of the exact code.
- For --missing, a range (4XX) declares every code of its class; `default` declares none.
- Messages name a guideline by its short_name ("Open Finance Brasil does not use 422 on
  DELETE"): the sources' names are full page titles, too long for a sentence.
- Callbacks and 3.1 `webhooks` are not checked: their responses come from the API's clients.
- Only local `$ref`s (`#/...`) are followed; a reference to another file is left alone. A
  chain that breaks is reported at the reference that fails (where the fix goes), naming the
  one the response or path started from.
- code-not-for-method and code-not-in-guideline name what to answer instead: the codes of the
  same class the guideline uses on the method, else those it lists without naming methods.
- A file whose top level is not a mapping (a list, a scalar, null) is a usage error, like one
  that does not parse: it is neither a spec nor a piece of one.
- SARIF results carry a partialFingerprints.primaryLocationLineHash made of rule, operation
  and code: GitHub identifies an alert by file, rule and that hash, and the line hash
  upload-sarif would compute instead would merge the missing codes of one operation.
- Specs are read with load.parse(allow_aliases=True): anchors and aliases are followed (a
  recursive alias is refused); tags and duplicate keys are still refused.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote, unquote

from . import model as m
from .atlas import yaml as load
from .errors import InputError, Problem, UsageError
from .urls import LANG_PREFIX, SITE_URL

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
    #: What the rule means and how to act on it: SARIF help, and the rule's paragraph on the
    #: docs page (check-your-api.<lang>.md, under `### <rule-id>`), word for word.
    help: m.Text


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
                en="{guideline} does not use {code} on {method}{alternatives}",
                pt_br="A diretriz {guideline} não usa {code} em {method}{alternatives}",
            ),
            T(
                en="The guideline marks the code `no` for the operation's method. Answer with a "
                "code the guideline uses on that method (the message lists those of the same "
                "class), or drop the response if the operation never sends it.",
                pt_br="A diretriz marca o código como `não` para o método da operação. Responda "
                "com um código que a diretriz usa nesse método (a mensagem lista os da mesma "
                "classe) ou tire a resposta, se a operação nunca a envia.",
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
            T(
                en="The guideline allows the code on the operation's method only under a "
                "condition, which the message quotes. Check that the operation meets it; if it "
                "does not, drop the response.",
                pt_br="A diretriz só admite o código no método da operação sob uma condição, que "
                "a mensagem reproduz. Confira se a operação a cumpre; se não cumprir, tire a "
                "resposta.",
            ),
        ),
        Rule(
            "code-not-in-guideline",
            "warning",
            T(
                en="A code the guideline does not list",
                pt_br="Código que a diretriz não prevê",
            ),
            T(
                en="{guideline} does not list {code}{alternatives}",
                pt_br="A diretriz {guideline} não prevê o código {code}{alternatives}",
            ),
            T(
                en="The guideline does not list the code, neither on its own nor through a rule "
                "for its whole class (such as Google's rule for 2xx). Prefer a code it lists (the "
                "message names those of the same class); if you keep this one, say why in the "
                "response's description.",
                pt_br="A diretriz não prevê o código, nem sozinho nem por uma regra para a classe "
                "inteira (como a regra do Google para 2xx). Prefira um código que ela prevê (a "
                "mensagem cita os da mesma classe); se mantiver este, explique o motivo na "
                "descrição da resposta.",
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
                en="{code} is not registered at IANA; clients that do not know it treat it as "
                "{fallback}",
                pt_br="O código {code} não está registrado na IANA; clientes que não o conhecem "
                "vão tratá-lo como {fallback}",
            ),
            T(
                en="The code is not in the IANA HTTP Status Code Registry, such as 529. RFC 9110 "
                "has a client treat a code it does not know as the x00 code of its class, so "
                "proxies, SDKs and monitoring see a plain 500 (or 400, or 200). Keep it only "
                "where the guideline asks for it, and document it.",
                pt_br="O código não está no registro de códigos de status HTTP da IANA, como o "
                "529. Pela RFC 9110, o cliente trata um código que não conhece como o x00 da "
                "classe: proxies, SDKs e monitoramento enxergam um 500 comum (ou 400, ou 200). "
                "Mantenha o código só onde a diretriz pede e documente-o.",
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
                en="IANA lists {code} as {registry}; replace it with a code in use",
                pt_br="A IANA marca o código {code} como {registry}; troque por um código em uso",
            ),
            T(
                en="IANA lists the code as unused (306, 418), deprecated (305) or obsoleted "
                "(510): clients and intermediaries may not handle it. Replace it with a code in "
                "current use.",
                pt_br="A IANA marca o código como sem uso (306, 418), descontinuado (305) ou "
                "obsoleto (510): clientes e intermediários podem não saber lidar com ele. Troque "
                "por um código em uso.",
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
            T(
                en="With `--missing`: the guideline marks the code `yes` for the method, and the "
                "operation does not declare it. It is reported at the operation's `responses` "
                "key; declare the code there if the operation can answer with it, so that "
                "clients know to handle it.",
                pt_br="Com `--missing`: a diretriz marca o código como `sim` para o método, e a "
                "operação não o declara. O achado fica na chave `responses` da operação; declare "
                "o código ali se a operação pode responder com ele, para que os clientes saibam "
                "tratá-lo.",
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
            T(
                en="With `--missing`: the guideline lists the code without naming methods, and "
                "no operation in the file declares it. It is reported once per file, at the "
                "`paths` key; declare the code on the operations that can answer with it.",
                pt_br="Com `--missing`: a diretriz lista o código sem citar métodos, e nenhuma "
                "operação do arquivo o declara. O achado aparece uma vez por arquivo, na chave "
                "`paths`; declare o código nas operações que podem responder com ele.",
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
            T(
                en="A `default` response stands for every code the operation does not list, so "
                "there is nothing to check code by code. List the codes the operation really "
                "sends, and they get checked.",
                pt_br="Uma resposta `default` vale para todo código que a operação não lista, "
                "então não há o que verificar código a código. Liste os códigos que a operação "
                "de fato envia, e eles passam a ser verificados.",
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
            T(
                en="A range such as `4XX` stands for every code of its class; it is reported as "
                "what it is, never as an error. With `--missing` it counts as declaring every "
                "code of its class.",
                pt_br="Uma faixa como `4XX` vale para todos os códigos da classe; ela aparece "
                "como o que é, nunca como erro. Com `--missing`, conta como declaração de todos "
                "os códigos da classe.",
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
            T(
                en="A response key that is neither a code from 100 to 599, a range such as "
                "`4XX`, nor `default`: fix the key. Keys starting with `x-` are extensions and "
                "are skipped.",
                pt_br="Uma chave de resposta que não é código de 100 a 599, nem faixa como "
                "`4XX`, nem `default`: corrija a chave. Chaves que começam com `x-` são "
                "extensões e ficam de fora.",
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
                en="$ref '{ref}' points to nothing in this file{via}",
                pt_br="O $ref '{ref}' não aponta para nada neste arquivo{via}",
            ),
            T(
                en="A local `$ref` (`#/components/responses/...`, or `#/responses/...` in Swagger "
                "2.0) that points to nothing, or goes round in a circle. The finding points at "
                "the reference that fails, even when another reference led there: fix the "
                "pointer, or add what it names. `$ref`s to other files are not followed.",
                pt_br="Um `$ref` local (`#/components/responses/...`, ou `#/responses/...` no "
                "Swagger 2.0) que não aponta para nada ou anda em círculo. O achado aponta para "
                "a referência que falha, mesmo quando outra referência levou até ela: corrija o "
                "ponteiro ou crie o que ele nomeia. `$ref` para outros arquivos não é seguido.",
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
            T(
                en="The file is a YAML or JSON mapping without an `openapi` or `swagger` key, "
                "such as one piece of a spec split into several files, so it is skipped. A file "
                "whose top level is not a mapping (a list, a single value) stops the run with a "
                "usage error instead.",
                pt_br="O arquivo é um mapeamento YAML ou JSON sem a chave `openapi` nem "
                "`swagger`, como um pedaço de uma especificação dividida em vários arquivos; por "
                "isso é ignorado. Já um arquivo cujo topo não é um mapeamento (uma lista, um "
                "valor solto) interrompe a execução com erro de uso.",
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
    # What to answer instead, appended to code-not-for-method and code-not-in-guideline.
    "alternatives.method": T(
        en=" ({status_class} codes it uses on {method}: {codes})",
        pt_br=" (códigos {status_class} que ela usa em {method}: {codes})",
    ),
    "alternatives.listed": T(
        en=" ({status_class} codes it lists: {codes})",
        pt_br=" (códigos {status_class} que ela prevê: {codes})",
    ),
    # broken-ref: the reference the chain started from, and the other message, for a circle.
    "ref_via": T(
        en=" (reached from '{first}')", pt_br=" (referência seguida a partir de '{first}')"
    ),
    "ref_loop": T(
        en="$ref '{ref}' goes round in a circle: {chain}",
        pt_br="O $ref '{ref}' anda em círculo: {chain}",
    ),
    "tool": T(en="HTTP Status Atlas", pt_br="Atlas de Status HTTP"),
    "unknown_guideline": T(
        en="unknown guideline '{id}' (valid ids: {ids})",
        pt_br="diretriz desconhecida '{id}' (ids válidos: {ids})",
    ),
    "no_such_spec": T(en="{file}: no such file", pt_br="{file}: arquivo não encontrado"),
    "spec_is_folder": T(
        en="{file}: is a folder (name the spec files)",
        pt_br="{file}: é uma pasta (indique os arquivos de especificação)",
    ),
    "cannot_open": T(
        en="{file}: cannot open it: {reason}", pt_br="{file}: não foi possível abrir: {reason}"
    ),
    "too_big": T(
        en="{file}: {size:,} bytes, over the {limit:,}-byte limit",
        pt_br="{file}: {size:,} bytes, acima do limite de {limit:,} bytes",
    ),
    "not_utf8": T(
        en="{file}:{line}:{column}: byte 0x{byte:02x} is not UTF-8 (save the file as UTF-8)",
        pt_br="{file}:{line}:{column}: o byte 0x{byte:02x} não é UTF-8 (salve o arquivo em UTF-8)",
    ),
    "cannot_parse": T(
        en="{file}:{line}:{column}: cannot read the spec: {problem}{more}",
        pt_br="{file}:{line}:{column}: não foi possível ler a especificação: {problem}{more}",
    ),
    "more_problems": T(en=" (and {n} more)", pt_br=" (e mais {n})"),
    # The problems load.parse finds, in the report's language (see _PARSE_PROBLEMS).
    "parse.empty": T(
        en="the file is empty (a spec starts with 'openapi: 3.x' or 'swagger: \"2.0\"')",
        pt_br="o arquivo está vazio (uma especificação começa com 'openapi: 3.x' ou "
        "'swagger: \"2.0\"')",
    ),
    "parse.documents": T(
        en="more than one YAML document (keep one per file: remove the second '---')",
        pt_br="mais de um documento YAML (deixe um por arquivo: tire o segundo '---')",
    ),
    "parse.duplicate": T(
        en="duplicate key '{key}', first at line {first} (keep one of them)",
        pt_br="chave '{key}' repetida, a primeira na linha {first} (deixe só uma)",
    ),
    "parse.tag": T(
        en="tag '{tag}' is not supported (remove the tag and write the plain value)",
        pt_br="a tag '{tag}' não é aceita (tire a tag e escreva o valor puro)",
    ),
    "parse.recursive": T(
        en="alias '*{name}' refers to a node that contains it (a recursive structure cannot "
        "be read)",
        pt_br="o alias '*{name}' aponta para um nó que o contém (uma estrutura recursiva não "
        "pode ser lida)",
    ),
    "parse.unknown_alias": T(
        en="unknown alias '*{name}' (define the anchor '&{name}' before this line)",
        pt_br="alias '*{name}' desconhecido (defina a âncora '&{name}' antes desta linha)",
    ),
    "parse.key": T(
        en="a key must be plain text (quote it)",
        pt_br="uma chave precisa ser texto simples (coloque-a entre aspas)",
    ),
    "parse.syntax": T(
        en="YAML syntax: {what} (check indentation and quoting)",
        pt_br="sintaxe YAML: {what} (confira a indentação e as aspas)",
    ),
    "not_a_mapping": T(
        en="{file}:{line}:{column}: the top level is {kind}, not a mapping (an OpenAPI or "
        "Swagger document is a mapping with an 'openapi' or 'swagger' key)",
        pt_br="{file}:{line}:{column}: o topo do documento é {kind}, não um mapeamento (um "
        "documento OpenAPI ou Swagger é um mapeamento com a chave 'openapi' ou 'swagger')",
    ),
    "kind.list": T(en="a list", pt_br="uma lista"),
    "kind.null": T(en="null", pt_br="null"),
    "kind.value": T(en="a single value", pt_br="um valor solto"),
    "bad_version": T(
        en="{file}:{line}:{column}: {key} '{version}' is not supported (use OpenAPI 3.0, 3.1 "
        "or Swagger 2.0)",
        pt_br="{file}:{line}:{column}: {key} '{version}' não é suportado (use OpenAPI 3.0, 3.1 "
        "ou Swagger 2.0)",
    ),
    "paths_not_mapping": T(
        en="{file}:{line}:{column}: 'paths' must map each path to its operations (write "
        "'/path: {{get: ...}}' entries)",
        pt_br="{file}:{line}:{column}: 'paths' deve mapear cada caminho para suas operações "
        "(escreva entradas como '/caminho: {{get: ...}}')",
    ),
}

#: load.parse's problems (English, worded for the atlas file) and the message each one becomes.
_PARSE_PROBLEMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"the file is empty"), "parse.empty"),
    (re.compile(r"more than one YAML document"), "parse.documents"),
    (
        re.compile(r"duplicate key '(?P<key>.*)' \(first at line (?P<first>\d+)\)"),
        "parse.duplicate",
    ),
    (re.compile(r"tag '(?P<tag>.*)' is not allowed"), "parse.tag"),
    (re.compile(r"alias '\*(?P<name>.*)' refers to a node that contains it"), "parse.recursive"),
    (re.compile(r"unknown alias '\*(?P<name>.*)'"), "parse.unknown_alias"),
    (re.compile(r"a key must be plain text"), "parse.key"),
    (re.compile(r"YAML syntax: (?P<what>.*)", re.DOTALL), "parse.syntax"),
)


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
        """The code's page, at this guideline's section on it: its usage of the code, else its
        rule for the code's class (`#class-<id>` on the code page); the codes index for a code
        the atlas does not have."""
        if code not in self.codes:
            return _page("codes", self.lang)
        if code in self.by_code:
            return code_url(code, self.lang, self.source.id)
        if code // 100 in self.by_class:
            return code_url(code, self.lang, f"class-{self.source.id}")
        return code_url(code, self.lang)

    def alternatives(self, code: int, method: str) -> str:
        """The message's suffix naming the codes of `code`'s class that the guideline uses on
        `method` (yes or conditional), else those it lists without naming methods; "" if none."""
        same_class = [
            (c, u) for c, u in sorted(self.by_code.items()) if c // 100 == code // 100 and c != code
        ]
        on_method = [c for c, u in same_class if u.method(method) in ("yes", "conditional")]
        values = {"status_class": f"{code // 100}xx", "method": method}
        if on_method:
            codes = ", ".join(map(str, on_method))
            return say("alternatives.method", self.lang, codes=codes, **values)
        listed = [c for c, u in same_class if not u.methods]
        if listed:
            return say(
                "alternatives.listed", self.lang, codes=", ".join(map(str, listed)), **values
            )
        return ""


# --- Reading a spec -------------------------------------------------------------------------


def read_spec(path: Path, display: str, lang: m.Lang = "pt-BR") -> load.Mapping:
    """The located tree of a YAML or JSON file; UsageError with one line if it cannot be read
    or is no mapping (a list, a single value: no OpenAPI document, nor a piece of one)."""
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
    root = parse_spec(text, display, lang)
    if not isinstance(root, load.Mapping):
        if isinstance(root, load.Sequence):
            kind = "kind.list"
        else:
            kind = "kind.null" if root.value is None else "kind.value"
        raise UsageError(
            say(
                "not_a_mapping",
                lang,
                file=display,
                line=root.line,
                column=root.column,
                kind=say(kind, lang),
            )
        )
    return root


def _parse_problem(problem: Problem, lang: m.Lang) -> str:
    """One of load.parse's problems, in `lang` and worded for a spec."""
    for pattern, message_id in _PARSE_PROBLEMS:
        match = pattern.fullmatch(problem.message)
        if match:
            return say(message_id, lang, **match.groupdict())
    return problem.message + (f" ({problem.hint})" if problem.hint else "")


def parse_spec(text: str, display: str, lang: m.Lang = "pt-BR") -> load.Node:
    """The located tree of YAML or JSON text; UsageError naming the first problem."""
    try:
        return load.parse(text, display, allow_aliases=True)
    except InputError as error:
        first = error.problems[0]
        more = len(error.problems) - 1
        problem = _parse_problem(first, lang)
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
class _BrokenRef:
    """A chain of local `$ref`s that leads nowhere, or round in a circle."""

    #: The reference that fails (for a circle: the one the chain started from), and where it is.
    ref: str
    line: int
    column: int
    #: The reference the chain started from, when another one than `ref` fails.
    first: str | None = None
    #: For a circle, the references round it, the first one again at the end; else ().
    loop: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Response:
    key: str
    line: int
    column: int
    #: The local $ref chain that could not be followed.
    broken_ref: _BrokenRef | None


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


def _follow(root: load.Node, node: load.Node) -> tuple[load.Node, _BrokenRef | None]:
    """Follow a chain of local `$ref`s from node.

    Returns the node reached and None, or the last node reached and what broke the chain: the
    reference that points nowhere (with the one the chain started from), or the circle.
    References to other files are not followed: the node holding them is returned as it is.
    """
    chain: list[tuple[str, int, int]] = []
    while isinstance(node, load.Mapping):
        ref_node = node.get("$ref")
        if not isinstance(ref_node, load.Scalar) or not isinstance(ref_node.value, str):
            break
        ref = ref_node.value
        if not ref.startswith("#"):
            break
        refs = [r for r, _, _ in chain]
        if ref in refs:
            start, line, column = chain[0]
            loop = (*refs[refs.index(ref) :], ref)
            return node, _BrokenRef(start, line, column, loop=loop)
        chain.append((ref, ref_node.line, ref_node.column))
        target = _resolve_pointer(root, ref)
        if target is None:
            first = chain[0][0] if len(chain) > 1 else None
            return node, _BrokenRef(ref, ref_node.line, ref_node.column, first)
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
) -> tuple[list[_Operation], list[_BrokenRef]]:
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
    broken_items: list[_BrokenRef] = []
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
        *,
        message_id: str | None = None,
        **values: Any,
    ) -> None:
        """Record a finding; its message is the rule's, or MESSAGES[message_id]."""
        message = say(message_id or rule, self.lang, guideline=self.g.source.short_name, **values)
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

    def broken_ref(self, broken: _BrokenRef, operation: str | None, code: str | None) -> None:
        at = (broken.line, broken.column, operation, code, rule_url("broken-ref", self.lang))
        if broken.loop:
            self.add(
                "broken-ref",
                *at,
                message_id="ref_loop",
                ref=broken.ref,
                chain=" → ".join(broken.loop),
            )
            return
        via = say("ref_via", self.lang, first=broken.first) if broken.first else ""
        self.add("broken-ref", *at, ref=broken.ref, via=via)

    def response(self, op: _Operation, r: _Response) -> None:
        at = (r.line, r.column, op.name, r.key)
        if r.broken_ref is not None:
            self.broken_ref(r.broken_ref, op.name, r.key)
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
            alternatives = self.g.alternatives(code, op.method)
            self.add("code-not-in-guideline", *at, url, code=code, alternatives=alternatives)
        else:
            state = usage.method(op.method)
            if state == "no":
                self.add(
                    "code-not-for-method",
                    *at,
                    url,
                    usage.meaning,
                    code=code,
                    method=op.method,
                    alternatives=self.g.alternatives(code, op.method),
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
            fallback = code // 100 * 100
            self.add("unregistered-code", *at, url, meaning, code=code, fallback=fallback)
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

    def run(self, root: load.Mapping) -> list[Finding]:
        if not _version(root, self.display, self.lang):
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
        for broken in broken_items:
            self.broken_ref(broken, None, None)
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
    root: load.Mapping, display: str, guideline: Guideline, missing: bool = False
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
    """A relative path stays relative (GitHub reads it from the repository root); a path that
    is absolute or climbs out with `..` becomes a file URI, which GitHub's upload-sarif turns
    relative to the checkout."""
    path = Path(file)
    if path.is_absolute() or ".." in path.parts:
        return path.resolve().as_uri()
    return quote(path.as_posix())


def _fingerprint(f: Finding) -> str:
    """What tells this finding from the others in its file across runs, whatever its line and
    language: GitHub combines it with the file and the rule, so findings that share a line
    (the missing codes of one operation) stay separate alerts."""
    where = (f.operation or "", f.code or "")
    if not any(where):
        where = (str(f.line), str(f.column))
    key = "\0".join((f.rule, *where))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def to_sarif_data(report: Report) -> dict[str, Any]:
    """A SARIF 2.1.0 log with one run, as GitHub code scanning reads it."""
    lang = report.lang
    rule_ids = list(RULES)
    rules = [
        {
            "id": rule.id,
            "name": "".join(w.capitalize() for w in rule.id.split("-")),
            "shortDescription": {"text": rule.title.get(lang)},
            "fullDescription": {"text": rule.help.get(lang)},
            "helpUri": rule_url(rule.id, lang),
            "help": {
                "text": f"{rule.help.get(lang)}\n\n{rule_url(rule.id, lang)}",
                "markdown": f"{rule.help.get(lang)}\n\n[{rule_url(rule.id, lang)}]"
                f"({rule_url(rule.id, lang)})",
            },
            "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
            "properties": {"tags": ["openapi", "http-status"]},
        }
        for rule in RULES.values()
    ]
    uris = {file: _artifact_uri(file) for file in report.files}
    results = []
    for f in report.findings:
        subject = " ".join(x for x in (f.operation, f.code) if x)
        # One paragraph: what, what the guideline says, where to read more.
        sentences = [f"{subject}: {f.message}" if subject else f.message]
        if f.guideline_text:
            sentences.append(f"{report.guideline.short_name}: {f.guideline_text}")
        sentences.append(f.url)
        text = " ".join(s if s.endswith(".") or s is f.url else s + "." for s in sentences)
        results.append(
            {
                "ruleId": f.rule,
                "ruleIndex": rule_ids.index(f.rule),
                "level": _SARIF_LEVEL[f.severity],
                "message": {"text": text},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": uris[f.file]},
                            "region": {"startLine": f.line, "startColumn": f.column},
                        }
                    }
                ],
                "partialFingerprints": {"primaryLocationLineHash": _fingerprint(f)},
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

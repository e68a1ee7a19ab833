"""Every sentence the linter writes, in every language: the rules' wording and the words of
reports and usage errors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from .. import model as m

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

T = m.Text


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


def say(message_id: str, lang: m.Lang, /, **values: Any) -> str:
    """A sentence from MESSAGES (or a rule's message) in `lang`, placeholders filled in."""
    text = RULES[message_id].message if message_id in RULES else MESSAGES[message_id]
    return text.get(lang).format(**values)


def count_words(key: str, n: int, lang: m.Lang) -> str:
    """`n` with its noun, singular or plural: "1 error", "2 avisos"."""
    one, many = MESSAGES[f"count.{key}"].get(lang).split("|")
    return (one if n == 1 else many).format(n=n)

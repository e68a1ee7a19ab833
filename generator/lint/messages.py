"""The sentences of the linter that belong to no rule, in every language: the words of
reports, what keeps a file from being read, and phrases rules share. Each rule keeps its own
sentences with it (rules/)."""

from __future__ import annotations

from typing import Any, Literal

from .. import model as m

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

T = m.Text


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
    # What to answer instead, appended to code-not-for-method and code-not-in-guideline.
    "alternatives.method": T(
        en=" ({status_class} codes it uses on {method}: {codes})",
        pt_br=" (códigos {status_class} que ela usa em {method}: {codes})",
    ),
    "alternatives.listed": T(
        en=" ({status_class} codes it lists: {codes})",
        pt_br=" (códigos {status_class} que ela prevê: {codes})",
    ),
    # A finding in a node that operations reach through an alias, a merge or a $ref.
    "reached_from": T(en="reached from {operations}", pt_br="alcançado a partir de {operations}"),
    "reached_more": T(
        en="{listed} and {n} more operation|{listed} and {n} more operations",
        pt_br="{listed} e mais {n} operação|{listed} e mais {n} operações",
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
    "too_big_stream": T(
        en="{file}: over the {limit:,}-byte limit (reading stopped there)",
        pt_br="{file}: acima do limite de {limit:,} bytes (a leitura parou ali)",
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
    # What the YAML and JSON readers refuse (yaml_reader, json_reader).
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
    "parse.deep": T(
        en="nested more than {limit:,} levels deep (no spec needs that many; is the file "
        "generated by mistake?)",
        pt_br="aninhamento com mais de {limit:,} níveis (nenhuma especificação precisa de "
        "tantos; o arquivo foi gerado por engano?)",
    ),
    "parse.merges": T(
        en="merge keys ('<<') copy more than {limit:,} entries in all (write the shared "
        "entries once and refer to them with $ref)",
        pt_br="as chaves de mesclagem ('<<') copiam mais de {limit:,} entradas ao todo "
        "(escreva as entradas compartilhadas uma vez e use $ref para elas)",
    ),
    "json.value": T(
        en="JSON syntax: a value was expected here (a missing value, or a comma too many?)",
        pt_br="sintaxe JSON: era esperado um valor aqui (falta um valor ou sobra uma vírgula?)",
    ),
    "json.key": T(
        en="JSON syntax: a key in double quotes was expected here",
        pt_br="sintaxe JSON: era esperada aqui uma chave entre aspas duplas",
    ),
    "json.colon": T(
        en="JSON syntax: ':' was expected after the key",
        pt_br="sintaxe JSON: era esperado ':' depois da chave",
    ),
    "json.after_member": T(
        en="JSON syntax: ',' or '}}' was expected here (a missing comma?)",
        pt_br="sintaxe JSON: era esperado ',' ou '}}' aqui (falta uma vírgula?)",
    ),
    "json.after_item": T(
        en="JSON syntax: ',' or ']' was expected here (a missing comma?)",
        pt_br="sintaxe JSON: era esperado ',' ou ']' aqui (falta uma vírgula?)",
    ),
    "json.unterminated": T(
        en="JSON syntax: a string that never ends (close it with '\"')",
        pt_br="sintaxe JSON: um texto que não termina (feche-o com '\"')",
    ),
    "json.control": T(
        en="JSON syntax: a control character inside a string (write it as an escape, such as "
        "\\n or \\t)",
        pt_br="sintaxe JSON: caractere de controle dentro de um texto (escreva-o como escape, "
        "como \\n ou \\t)",
    ),
    "json.escape": T(
        en="JSON syntax: an escape JSON does not have (a backslash is written \\\\)",
        pt_br="sintaxe JSON: um escape que o JSON não tem (a barra invertida se escreve \\\\)",
    ),
    "json.extra": T(
        en="JSON syntax: more text after the end of the document",
        pt_br="sintaxe JSON: há mais texto depois do fim do documento",
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


class _Grouped(int):
    """A number that Brazilian Portuguese groups with dots: `{n:,}` writes 52.428.800."""

    def __format__(self, spec: str) -> str:
        text = format(int(self), spec)
        return text.replace(",", ".") if "," in spec else text


def localized(lang: m.Lang, values: dict[str, Any]) -> dict[str, Any]:
    """Values to fill a sentence in `lang` with: numbers grouped the way the language does."""
    if lang != "pt-BR":
        return values
    return {k: _Grouped(v) if type(v) is int else v for k, v in values.items()}


def say(message_id: str, lang: m.Lang, /, **values: Any) -> str:
    """A sentence from MESSAGES in `lang`, placeholders filled in."""
    return MESSAGES[message_id].get(lang).format(**localized(lang, values))


def count_words(key: str, n: int, lang: m.Lang) -> str:
    """`n` with its noun, singular or plural: "1 error", "2 avisos"."""
    one, many = MESSAGES[f"count.{key}"].get(lang).split("|")
    return (one if n == 1 else many).format(n=n)

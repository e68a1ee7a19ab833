"""What `check` says, in every language: each problem it can find in a data file, and how to
fix it. The checks (yaml.py, validate.py) name a message by its key and give its values; the
command line picks the language (`check --lang`).

Values that are words themselves (a value described, a type, a language's name, where in
the file) are Texts too, so a Portuguese message never carries English words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import model as m
from ..errors import Problem

T = m.Text


@dataclass(frozen=True)
class Say:
    """A message and how to fix it ({names} are filled in from the check's values)."""

    message: m.Text
    fix: m.Text | None = None


MESSAGES: dict[str, Say] = {
    # --- Reading the file (yaml.py) ---------------------------------------------------------
    "file_too_big": Say(
        T(
            en="file is {size} bytes, over the {limit}-byte limit",
            pt_br="o arquivo tem {size} bytes, acima do limite de {limit} bytes",
        ),
        T(
            en="split out what does not belong in the atlas",
            pt_br="tire dele o que não pertence ao atlas",
        ),
    ),
    "not_utf8": Say(
        T(en="byte 0x{byte} is not valid UTF-8", pt_br="o byte 0x{byte} não é UTF-8 válido"),
        T(en="save the file as UTF-8", pt_br="salve o arquivo em UTF-8"),
    ),
    "key_not_text": Say(
        T(en="a key must be plain text", pt_br="uma chave precisa ser texto simples"),
    ),
    "duplicate_key": Say(
        T(
            en="duplicate key '{name}' (first at line {first})",
            pt_br="chave '{name}' repetida (a primeira está na linha {first})",
        ),
        T(en="keep one of them", pt_br="mantenha só uma delas"),
    ),
    "two_documents": Say(
        T(en="more than one YAML document", pt_br="mais de um documento YAML"),
        T(en="remove the second '---'", pt_br="tire o segundo '---'"),
    ),
    "recursive_alias": Say(
        T(
            en="alias '*{anchor}' refers to a node that contains it",
            pt_br="o alias '*{anchor}' aponta para um nó que o contém",
        ),
        T(
            en="a recursive structure cannot be read",
            pt_br="uma estrutura recursiva não pode ser lida",
        ),
    ),
    "unknown_alias": Say(
        T(en="unknown alias '*{anchor}'", pt_br="alias desconhecido '*{anchor}'"),
    ),
    "alias_refused": Say(
        T(en="alias '*{anchor}' is not allowed", pt_br="o alias '*{anchor}' não é permitido"),
        T(en="write the value out in full", pt_br="escreva o valor por extenso"),
    ),
    "anchor_refused": Say(
        T(en="anchor '&{anchor}' is not allowed", pt_br="a âncora '&{anchor}' não é permitida"),
        T(
            en="remove it and write values out in full",
            pt_br="tire a âncora e escreva os valores por extenso",
        ),
    ),
    "tag_refused": Say(
        T(en="tag '{tag}' is not allowed", pt_br="a tag '{tag}' não é permitida"),
        T(
            en="remove the tag; the atlas holds plain text, numbers and lists",
            pt_br="tire a tag; o atlas guarda só texto, números e listas",
        ),
    ),
    "yaml_syntax": Say(
        T(en="YAML syntax: {what}", pt_br="erro de sintaxe YAML: {what}"),
        T(en="check indentation and quoting", pt_br="confira a indentação e as aspas"),
    ),
    "empty_file": Say(T(en="the file is empty", pt_br="o arquivo está vazio")),
    # --- The schema (validate.py, _explain) -------------------------------------------------
    "unknown_key": Say(
        T(en="unknown key '{key}'", pt_br="chave desconhecida '{key}'"),
        T(en="allowed here: {allowed}", pt_br="as permitidas aqui são: {allowed}"),
    ),
    "missing_translation": Say(
        T(
            en="missing translation '{lang}' in '{key}'",
            pt_br="falta a tradução '{lang}' em '{key}'",
        ),
        T(
            en="add the {language} text beside the other language",
            pt_br="acrescente o texto em {language} ao lado do outro idioma",
        ),
    ),
    "missing_key": Say(
        T(en="missing key '{key}' in {where}", pt_br="falta a chave '{key}' {where}"),
        T(en="add '{key}:'", pt_br="acrescente '{key}:'"),
    ),
    "missing_key_described": Say(
        T(en="missing key '{key}' in {where}", pt_br="falta a chave '{key}' {where}"),
        T(en="add '{key}:'; {described}", pt_br="acrescente '{key}:'; {described}"),
    ),
    "empty_translation": Say(
        T(en="empty translation '{lang}'", pt_br="a tradução '{lang}' está vazia"),
        T(
            en="write the {language} text; every text needs both languages",
            pt_br="escreva o texto em {language}; todo texto precisa dos dois idiomas",
        ),
    ),
    "empty_value": Say(
        T(en="'{key}' is empty", pt_br="'{key}' está vazio"),
        T(en="write a value", pt_br="escreva um valor"),
    ),
    "empty_list": Say(
        T(en="'{key}' is empty", pt_br="'{key}' está vazio"),
        T(en="add at least one item", pt_br="acrescente pelo menos um item"),
    ),
    "not_a_mapping": Say(
        T(
            en="the file must be a mapping of keys, not {value}",
            pt_br="o arquivo precisa ser um mapeamento de chaves, não {value}",
        ),
        T(
            en="start it with version: 1, then classes: and sources:",
            pt_br="comece com version: 1 e depois classes: e sources:",
        ),
    ),
    "wrong_type": Say(
        T(
            en="'{key}' must be {expected}, not {value}",
            pt_br="'{key}' precisa ser {expected}, não {value}",
        ),
    ),
    "not_one_of": Say(
        T(en="'{key}' cannot be {value}", pt_br="'{key}' não pode ser {value}"),
        T(en="use one of: {options}", pt_br="use um destes: {options}"),
    ),
    "cannot_be": Say(T(en="'{key}' cannot be {value}", pt_br="'{key}' não pode ser {value}")),
    "out_of_range": Say(
        T(en="'{key}' {value} is out of range", pt_br="'{key}' {value} está fora da faixa"),
    ),
    "no_host": Say(
        T(en="'{url}' has no host", pt_br="'{url}' não tem host"),
        T(en="write a full https:// address", pt_br="escreva o endereço completo, com https://"),
    ),
    "not_http": Say(
        T(en="'{url}' is not an http(s) URL", pt_br="'{url}' não é uma URL http(s)"),
        T(en="write a full https:// address", pt_br="escreva o endereço completo, com https://"),
    ),
    "repeated_item": Say(
        T(en="'{key}' lists the same item twice", pt_br="'{key}' lista o mesmo item duas vezes"),
        T(en="remove the repeat", pt_br="tire a repetição"),
    ),
    "schema_other": Say(T(en="'{key}': {detail}", pt_br="'{key}': {detail}")),
    # --- The atlas's own rules (validate.py, _meaning_problems and its helpers) --------------
    "class_twice": Say(
        T(
            en="class {number}xx is listed twice (first at line {first})",
            pt_br="a classe {number}xx aparece duas vezes (a primeira vez na linha {first})",
        ),
        T(en="merge the two lists of codes", pt_br="junte as duas listas de códigos"),
    ),
    "code_in_wrong_class": Say(
        T(
            en="code {code} is listed under class {number}xx",
            pt_br="o código {code} está listado na classe {number}xx",
        ),
        T(
            en="move it to the list of class {right}xx",
            pt_br="passe-o para a lista da classe {right}xx",
        ),
    ),
    "code_twice": Say(
        T(
            en="code {code} is listed twice (first at line {first})",
            pt_br="o código {code} aparece duas vezes (a primeira vez na linha {first})",
        ),
        T(en="keep one entry", pt_br="mantenha só uma entrada"),
    ),
    "temporary_without_expiry": Say(
        T(
            en="code {code} is temporary but has no 'expires' date",
            pt_br="o código {code} é provisório, mas não tem data em 'expires'",
        ),
        T(
            en='add expires: "YYYY-MM-DD" from the registry',
            pt_br='acrescente expires: "AAAA-MM-DD", com a data do registro',
        ),
    ),
    "expiry_not_temporary": Say(
        T(
            en="code {code} has an expiry date but registry is '{registry}'",
            pt_br="o código {code} tem data de expiração, mas o registry é '{registry}'",
        ),
        T(
            en="only temporary registrations expire; remove 'expires'",
            pt_br="só registros provisórios expiram; tire o 'expires'",
        ),
    ),
    "missing_classes": Say(
        T(en="missing class {classes}", pt_br="faltam classes: {classes}"),
        T(en="list all five classes, 1xx to 5xx", pt_br="liste as cinco classes, de 1xx a 5xx"),
    ),
    "problem_of_another_class": Say(
        T(
            en="the example problem of class {number}xx has status {status}",
            pt_br="o exemplo de problema da classe {number}xx tem status {status}",
        ),
        T(en="use a {number}xx code the atlas lists", pt_br="use um código {number}xx do atlas"),
    ),
    "problem_of_unlisted_code": Say(
        T(
            en="the example problem has status {status}, which the atlas does not list",
            pt_br="o exemplo de problema tem status {status}, que o atlas não lista",
        ),
        T(en="use a {number}xx code the atlas lists", pt_br="use um código {number}xx do atlas"),
    ),
    "source_id_twice": Say(
        T(
            en="source id '{id}' is used twice (first at line {first})",
            pt_br="o id de fonte '{id}' aparece duas vezes (a primeira vez na linha {first})",
        ),
        T(en="give each source its own id", pt_br="dê a cada fonte um id próprio"),
    ),
    "source_code_twice": Say(
        T(
            en="source '{source}' lists code {code} twice (first at line {first})",
            pt_br="a fonte '{source}' lista o código {code} duas vezes (a primeira vez na "
            "linha {first})",
        ),
        T(en="merge the two entries", pt_br="junte as duas entradas"),
    ),
    "source_unknown_code": Say(
        T(
            en="source '{source}' uses code {code}, which the atlas does not list",
            pt_br="a fonte '{source}' usa o código {code}, que o atlas não lista",
        ),
        T(
            en="add {code} under class {number}xx, or correct the number",
            pt_br="acrescente o {code} na classe {number}xx ou corrija o número",
        ),
    ),
    "reason_used_is_iana": Say(
        T(
            en="reason_used '{reason}' is the IANA phrase already",
            pt_br="o reason_used '{reason}' já é o nome da IANA",
        ),
        T(
            en="remove reason_used; it records only older or different names",
            pt_br="tire o reason_used; ele só registra nomes antigos ou diferentes",
        ),
    ),
    "against_only": Say(
        T(
            en="'{key}' on a usage whose stance is '{stance}'",
            pt_br="'{key}' num uso cujo stance é '{stance}'",
        ),
        T(
            en="only a discouraged or forbidden code names what to use instead and why; set "
            "stance: discouraged or forbidden, or remove '{key}'",
            pt_br="só um código discouraged ou forbidden diz o que usar no lugar e por quê; "
            "defina stance: discouraged ou forbidden, ou tire o '{key}'",
        ),
    ),
    "against_needs": Say(
        T(en="a {stance} code needs '{key}'", pt_br="um código {stance} precisa de '{key}'"),
        T(
            en="add {what} (instead may be an empty list when the source names no replacement)",
            pt_br="acrescente {what} (o instead pode ser uma lista vazia quando a fonte não "
            "indica substituto)",
        ),
    ),
    "instead_unknown_code": Say(
        T(
            en="'instead' names code {code}, which the atlas does not list",
            pt_br="o 'instead' cita o código {code}, que o atlas não lista",
        ),
        T(
            en="name a code of the atlas, or add it under its class",
            pt_br="cite um código do atlas ou acrescente-o na classe dele",
        ),
    ),
    "scenario_id_twice": Say(
        T(
            en="scenario id '{id}' is used twice (first at line {first})",
            pt_br="o id de cenário '{id}' aparece duas vezes (a primeira vez na linha {first})",
        ),
        T(en="give each scenario its own id", pt_br="dê a cada cenário um id próprio"),
    ),
    "scenario_unknown_source": Say(
        T(
            en="scenario '{id}' answers for unknown source '{source}'",
            pt_br="o cenário '{id}' responde por uma fonte desconhecida, '{source}'",
        ),
        T(en="use one of: {known}", pt_br="use uma destas: {known}"),
    ),
    "scenario_source_twice": Say(
        T(
            en="scenario '{id}' has two answers from '{source}' (first at line {first})",
            pt_br="o cenário '{id}' tem duas respostas de '{source}' (a primeira na linha {first})",
        ),
        T(
            en="merge them into one answer with several codes",
            pt_br="junte as duas numa resposta só, com vários códigos",
        ),
    ),
    "scenario_contradicts_stance": Say(
        T(
            en="scenario '{id}' answers {code} for '{source}', which the same source marks "
            "forbidden at {where}",
            pt_br="o cenário '{id}' responde {code} por '{source}', e a mesma fonte marca esse "
            "código como forbidden em {where}",
        ),
        T(
            en="correct the answer or the usage's stance: they contradict each other",
            pt_br="corrija a resposta ou o stance do uso: um contradiz o outro",
        ),
    ),
    "code_not_in_atlas": Say(
        T(en="code {code} is not in the atlas", pt_br="o código {code} não está no atlas"),
        T(en="name a code the atlas lists", pt_br="cite um código que o atlas lista"),
    ),
    "guide_question_twice": Say(
        T(
            en="guide question '{id}' is listed twice",
            pt_br="a pergunta '{id}' do guia aparece duas vezes",
        ),
        T(en="keep one", pt_br="mantenha só uma"),
    ),
    "guide_start_unknown": Say(
        T(
            en="the guide starts at '{start}', which is not a question",
            pt_br="o guia começa em '{start}', que não é uma pergunta",
        ),
        T(
            en="name the id of one of its questions",
            pt_br="indique o id de uma das perguntas dele",
        ),
    ),
    "guide_unknown_question": Say(
        T(
            en="'{answer}' leads to unknown question '{target}'",
            pt_br="'{answer}' leva a uma pergunta desconhecida, '{target}'",
        ),
        T(en="name a question id of the guide", pt_br="indique o id de uma pergunta do guia"),
    ),
    "guide_unknown_scenario": Say(
        T(
            en="'{answer}' leads to unknown scenario '{target}'",
            pt_br="'{answer}' leva a um cenário desconhecido, '{target}'",
        ),
        T(en="name a scenario id", pt_br="indique o id de um cenário"),
    ),
    "guide_unreachable": Say(
        T(
            en="guide question '{id}' cannot be reached from the start",
            pt_br="não há como chegar à pergunta '{id}' do guia a partir do início",
        ),
        T(
            en="lead to it from another question, or remove it",
            pt_br="leve a ela a partir de outra pergunta ou tire-a",
        ),
    ),
    "date_not_on_calendar": Say(
        T(
            en="'{key}' {value} is not a date on the calendar",
            pt_br="'{key}' {value} não é uma data que existe no calendário",
        ),
        T(
            en="write YYYY-MM-DD, e.g. 2026-11-22",
            pt_br="escreva AAAA-MM-DD, por exemplo 2026-11-22",
        ),
    ),
    "method_explained_twice": Say(
        T(
            en="{method} is explained by two conditions (first at line {first})",
            pt_br="{method} é explicado por duas condições (a primeira na linha {first})",
        ),
        T(en="keep one condition per method", pt_br="mantenha uma condição por método"),
    ),
    "condition_not_conditional": Say(
        T(
            en="the condition names {method}, which is not marked conditional",
            pt_br="a condição cita {method}, que não está marcado como conditional",
        ),
        T(
            en="set {method}: conditional, or remove {method} from this condition",
            pt_br="defina {method}: conditional ou tire {method} desta condição",
        ),
    ),
    "conditional_unexplained": Say(
        T(
            en="{method} is conditional but no condition says when",
            pt_br="{method} é conditional, mas nenhuma condição diz quando",
        ),
        T(
            en="add a condition with methods: [{method}] and its en and pt-BR text",
            pt_br="acrescente uma condição com methods: [{method}] e o texto em en e pt-BR",
        ),
    ),
    # --- A team's guideline file (guidelines.py) --------------------------------------------
    "guideline_not_a_mapping": Say(
        T(
            en="a guideline file holds one source: a mapping of keys",
            pt_br="um arquivo de diretriz tem uma fonte só: um mapeamento de chaves",
        ),
        T(
            en="write it like one entry of sources: in data/atlas.yaml: id:, name:, ..., usage:",
            pt_br="escreva-o como uma entrada de sources: no data/atlas.yaml: id:, name:, ..., "
            "usage:",
        ),
    ),
    "guideline_id_taken": Say(
        T(
            en="source id '{id}' is already taken by {taken}",
            pt_br="o id de fonte '{id}' já é usado por {taken}",
        ),
        T(en="give your guideline an id of its own", pt_br="dê à sua diretriz um id próprio"),
    ),
    # --- The command line --------------------------------------------------------------------
    "ok": Say(
        T(
            en="{file}: ok: {codes} codes, {sources} sources, {usages} usages",
            pt_br="{file}: ok: {codes} códigos, {sources} fontes, {usages} usos",
        )
    ),
    "count.errors": Say(T(en="{n} error|{n} errors", pt_br="{n} erro|{n} erros")),
    "error": Say(T(en="error", pt_br="erro")),
    "no_data_file": Say(
        T(en="no such data file: {file}", pt_br="arquivo de dados não encontrado: {file}")
    ),
    "no_guideline_file": Say(
        T(en="no such guideline file: {file}", pt_br="arquivo de diretriz não encontrado: {file}")
    ),
    "ok_guideline": Say(
        T(
            en="{file}: ok: guideline '{id}', {n} usage of the {codes} codes in {data}"
            "|{file}: ok: guideline '{id}', {n} usages of the {codes} codes in {data}",
            pt_br="{file}: ok: diretriz '{id}', {n} uso dos {codes} códigos de {data}"
            "|{file}: ok: diretriz '{id}', {n} usos dos {codes} códigos de {data}",
        )
    ),
}

#: Words that stand in a message as values.
WORDS: dict[str, m.Text] = {
    "nothing": T(en="nothing", pt_br="nada"),
    "true": T(en="true", pt_br="true"),
    "false": T(en="false", pt_br="false"),
    "number": T(en="the number {value}", pt_br="o número {value}"),
    "text": T(en="the text '{value}'", pt_br="o texto '{value}'"),
    "a_mapping": T(en="a mapping", pt_br="um mapeamento"),
    "a_list": T(en="a list", pt_br="uma lista"),
    "type.string": T(en="text", pt_br="texto"),
    "type.integer": T(en="a whole number", pt_br="um número inteiro"),
    "type.boolean": T(en="true or false", pt_br="true ou false"),
    "type.object": T(en="a mapping of keys", pt_br="um mapeamento de chaves"),
    "type.array": T(en="a list", pt_br="uma lista"),
    "or": T(en=" or ", pt_br=" ou "),
    "lang.en": T(en="English", pt_br="inglês"),
    "lang.pt-BR": T(en="Brazilian Portuguese", pt_br="português do Brasil"),
    # Where a key is missing; in Portuguese with the preposition, which contracts (na, no).
    "where.source": T(en="source '{value}'", pt_br="na fonte '{value}'"),
    "where.usage": T(en="the usage of {value}", pt_br="no uso do {value}"),
    "where.code": T(en="code {value}", pt_br="no código {value}"),
    "where.class": T(en="class {value}xx", pt_br="na classe {value}xx"),
    "where.scenario": T(en="scenario '{value}'", pt_br="no cenário '{value}'"),
    "where.answer": T(en="the answer of '{value}'", pt_br="na resposta de '{value}'"),
    "where.item": T(en="an item of '{value}'", pt_br="num item de '{value}'"),
    "where.document": T(en="the document", pt_br="no documento"),
    "where.key": T(en="'{value}'", pt_br="em '{value}'"),
    # Who already has a source id.
    "taken.atlas": T(en="a source of the atlas ({value})", pt_br="uma fonte do atlas ({value})"),
    "taken.guideline": T(en="the guideline in {value}", pt_br="a diretriz em {value}"),
}


def word(key: str, value: Any = "") -> m.Text:
    """A word or phrase in every language, with one value filled in."""
    text = WORDS[key]
    return T(en=text.en.format(value=value), pt_br=text.pt_br.format(value=value))


def joined(texts: list[m.Text], separator: m.Text) -> m.Text:
    return T(
        en=separator.en.join(t.en for t in texts),
        pt_br=separator.pt_br.join(t.pt_br for t in texts),
    )


def grouped(number: int) -> m.Text:
    """A large number as each language writes it: 5,242,880 and 5.242.880."""
    return T(en=f"{number:,}", pt_br=f"{number:,}".replace(",", "."))


def _fill(text: m.Text, lang: m.Lang, values: dict[str, Any]) -> str:
    filled = {k: v.get(lang) if isinstance(v, m.Text) else v for k, v in values.items()}
    return text.get(lang).format(**filled)


def say(key: str, lang: m.Lang, /, **values: Any) -> str:
    """One message of the command line in one language (counts are "singular|plural")."""
    text = _fill(MESSAGES[key].message, lang, values)
    if "|" in text:
        one, many = text.split("|")
        return one if values.get("n") == 1 else many
    return text


def problem(
    display: str, line: int, column: int, key: str, fix: m.Text | None = None, /, **values: Any
) -> Problem:
    """A problem found in a data file, worded in every language.

    `fix` replaces the message's own way to fix it with a text taken as written (the schema's
    description of the key); values that are Texts are filled in the message's language.
    """
    entry = MESSAGES[key]

    def how(lang: m.Lang) -> str:
        if fix is not None:
            return fix.get(lang)  # a description from the schema, taken as written
        return _fill(entry.fix, lang, values) if entry.fix else ""

    texts = {lang: (_fill(entry.message, lang, values), how(lang)) for lang in m.LANGUAGES}
    message, hint = texts["en"]
    return Problem(
        display,
        line,
        column,
        message,
        hint,
        translations=tuple((lang, *texts[lang]) for lang in m.LANGUAGES if lang != "en"),
    )

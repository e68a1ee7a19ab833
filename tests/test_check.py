"""`python -m generator check`: every problem reported with file:line:column, a fix, an exit code."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from generator.cli import main

from .conftest import DATA, FIXTURES, ROOT


def run_check(path, capsys) -> tuple[int, list[str]]:
    code = main(["check", str(path)])
    captured = capsys.readouterr()
    return code, (captured.out + captured.err).splitlines()


def test_valid_file_prints_one_line_with_counts(capsys):
    code, lines = run_check(FIXTURES / "minimal.yaml", capsys)
    assert code == 0
    assert lines == [f"{FIXTURES / 'minimal.yaml'}: ok: 2 codes, 1 sources, 2 usages"]


def test_the_real_atlas_is_valid(capsys):
    code, lines = run_check(DATA, capsys)
    assert code == 0, "\n".join(lines)
    assert len(lines) == 1 and ": ok: " in lines[0]


# Each case: one edit to the minimal fixture, and the exact lines `check` must print.
BROKEN = {
    "unknown_key": (
        ("        cacheable: true\n", "        cacheable: true\n        colour: red\n"),
        [
            "{p}:18:9: error: unknown key 'colour' (allowed here: cacheable, code, expires, headers, "
            "meaning, notes, reason, reference, registry, retryable)"
        ],
    ),
    "problem_of_another_class": (
        (
            "    summary: {en: Your fault., pt-BR: Erro seu.}\n",
            "    summary: {en: Your fault., pt-BR: Erro seu.}\n"
            "    problem:\n"
            "      status: 500\n"
            "      type: about:blank\n"
            "      title: {en: Oops, pt-BR: Ops}\n"
            "      detail: {en: It broke., pt-BR: Quebrou.}\n",
        ),
        [
            "{p}:28:15: error: the example problem of class 4xx has status 500 "
            "(use a 4xx code the atlas lists)"
        ],
    ),
    "problem_of_an_unlisted_code": (
        (
            "    summary: {en: Your fault., pt-BR: Erro seu.}\n",
            "    summary: {en: Your fault., pt-BR: Erro seu.}\n"
            "    problem:\n"
            "      status: 404\n"
            "      type: https://api.example.com/problems/gone\n"
            "      title: {en: Not here, pt-BR: Não está aqui}\n"
            "      detail: {en: No such order., pt-BR: Esse pedido não existe.}\n",
        ),
        [
            "{p}:28:15: error: the example problem has status 404, which the atlas does not list "
            "(use a 4xx code the atlas lists)"
        ],
    ),
    "missing_translation": (
        (
            "meaning: {en: The request succeeded., pt-BR: A requisição deu certo.}",
            "meaning: {en: The request succeeded.}",
        ),
        [
            "{p}:16:18: error: missing translation 'pt-BR' in 'meaning' (add the Brazilian "
            "Portuguese text beside the other language)"
        ],
    ),
    "empty_translation": (
        ("pt-BR: Deu certo.}", "pt-BR: ''}"),
        [
            "{p}:10:38: error: empty translation 'pt-BR' (write the Brazilian Portuguese text; "
            "every text needs both languages)"
        ],
    ),
    "code_out_of_range": (
        ("      - code: 422\n", "      - code: 622\n"),
        [
            "{p}:28:15: error: 'code' 622 is out of range (The three-digit status code, 100 to 599, "
            "listed under its class.)",
            "{p}:54:15: error: source 'house' uses code 422, which the atlas does not list "
            "(add 422 under class 4xx, or correct the number)",
        ],
    ),
    "code_in_wrong_class": (
        ("      - code: 422\n", "      - code: 522\n"),
        [
            "{p}:28:15: error: code 522 is listed under class 4xx (move it to the list of class 5xx)",
            "{p}:54:15: error: source 'house' uses code 422, which the atlas does not list "
            "(add 422 under class 4xx, or correct the number)",
        ],
    ),
    "duplicate_code": (
        ("      - code: 422\n", "      - code: 200\n"),
        [
            "{p}:28:15: error: code 200 is listed twice (first at line 12) (keep one entry)",
            "{p}:28:15: error: code 200 is listed under class 4xx (move it to the list of class 2xx)",
            "{p}:54:15: error: source 'house' uses code 422, which the atlas does not list "
            "(add 422 under class 4xx, or correct the number)",
        ],
    ),
    "unknown_method": (
        ('          GET: "no"\n', '          FETCH: "no"\n'),
        [
            "{p}:59:11: error: unknown key 'FETCH' (allowed here: DELETE, GET, HEAD, OPTIONS, "
            "PATCH, POST, PUT)"
        ],
    ),
    "bad_method_state": (
        ('          GET: "no"\n', "          GET: maybe\n"),
        [
            "{p}:59:16: error: 'GET' cannot be the text 'maybe' (use one of: yes, no, conditional, "
            "unspecified)"
        ],
    ),
    "conditional_without_condition": (
        ('          GET: "no"\n', "          GET: conditional\n"),
        [
            "{p}:59:16: error: GET is conditional but no condition says when (add a condition "
            "with methods: [GET] and its en and pt-BR text)"
        ],
    ),
    "condition_for_plain_method": (
        ("methods: [PATCH]", "methods: [PATCH, POST]"),
        [
            "{p}:62:30: error: the condition names POST, which is not marked conditional "
            "(set POST: conditional, or remove POST from this condition)"
        ],
    ),
    "duplicate_yaml_key": (
        ("  - id: house\n", "  - id: house\n    id: home\n"),
        ["{p}:42:5: error: duplicate key 'id' (first at line 41) (keep one of them)"],
    ),
    "duplicate_source_id": (
        (
            "sources:\n",
            "sources:\n  - id: house\n    name: Copy\n    publisher: Example Corp\n"
            "    kind: guideline\n    url: https://example.com/copy\n    language: en\n"
            '    retrieved: "2026-11-22"\n    license: {en: Internal., pt-BR: Interno.}\n'
            "    summary: {en: A copy., pt-BR: Uma cópia.}\n    rules: []\n    usage: []\n",
        ),
        [
            "{p}:52:9: error: source id 'house' is used twice (first at line 41) "
            "(give each source its own id)"
        ],
    ),
    "duplicate_usage_code": (
        (
            "      - code: 422\n        reason_used",
            "      - code: 2xx\n        meaning: {en: Again., pt-BR: De novo.}\n"
            "      - code: 422\n        reason_used",
        ),
        [
            "{p}:54:15: error: source 'house' lists code 2xx twice (first at line 52) "
            "(merge the two entries)"
        ],
    ),
    "usage_cannot_name_another_source": (
        ("      - code: 2xx\n", "      - code: 2xx\n        source: rfc9110\n"),
        [
            "{p}:53:9: error: unknown key 'source' (allowed here: action, code, conditions, "
            "headers, instead, meaning, methods, notes, reason_used, stance, url, why)"
        ],
    ),
    "missing_key_names_its_entry": (
        ("    language: en\n", ""),
        [
            "{p}:41:5: error: missing key 'language' in source 'house' (add 'language:'; "
            "language of the original, e.g. en or pt-BR.)"
        ],
    ),
    "usage_without_meaning": (
        ("        meaning: {en: Any success., pt-BR: Qualquer sucesso.}\n", ""),
        [
            "{p}:52:9: error: missing key 'meaning' in the usage of 2xx (add 'meaning:'; what "
            "this source says the code means, in our own words.)"
        ],
    ),
    "null_translation": (
        ("pt-BR: Deu certo.}", "pt-BR: }"),
        [
            "{p}:10:38: error: empty translation 'pt-BR' (write the Brazilian Portuguese text; "
            "every text needs both languages)"
        ],
    ),
    "wrong_type": (
        ("cacheable: true", "cacheable: 1"),
        [
            "{p}:17:20: error: 'cacheable' must be true or false, not the number 1 "
            "(Heuristically cacheable by default (RFC 9110 §15.1): true or false.)"
        ],
    ),
    "header_with_a_space": (
        ("        headers: []\n", "        headers: [Retry After]\n"),
        [
            "{p}:19:19: error: 'headers' cannot be the text 'Retry After' (A header field name "
            "as HTTP spells it, e.g. Retry-After (no spaces).)"
        ],
    ),
    "date_not_iso": (
        ('retrieved: "2026-11-22"', "retrieved: 22/11/2026"),
        [
            "{p}:47:16: error: 'retrieved' cannot be the text '22/11/2026' (A date written "
            "YYYY-MM-DD, in quotes.)"
        ],
    ),
    "temporary_without_expiry": (
        (
            "registry: registered\n        reason: {en: OK",
            "registry: temporary\n        reason: {en: OK",
        ),
        [
            "{p}:12:9: error: code 200 is temporary but has no 'expires' date "
            '(add expires: "YYYY-MM-DD" from the registry)'
        ],
    ),
    "expiry_on_a_registered_code": (
        (
            "registry: registered\n        reason: {en: OK",
            'registry: registered\n        expires: "2026-01-01"\n        reason: {en: OK',
        ),
        [
            "{p}:14:18: error: code 200 has an expiry date but registry is 'registered' "
            "(only temporary registrations expire; remove 'expires')"
        ],
    ),
    "date_not_on_the_calendar": (
        ('retrieved: "2026-11-22"', 'retrieved: "2026-02-30"'),
        [
            "{p}:47:16: error: 'retrieved' 2026-02-30 is not a date on the calendar "
            "(write YYYY-MM-DD, e.g. 2026-11-22)"
        ],
    ),
    "expiry_not_on_the_calendar": (
        (
            "registry: registered\n        reason: {en: OK",
            'registry: temporary\n        expires: "2026-13-01"\n        reason: {en: OK',
        ),
        [
            "{p}:14:18: error: 'expires' 2026-13-01 is not a date on the calendar "
            "(write YYYY-MM-DD, e.g. 2026-11-22)"
        ],
    ),
    "class_listed_twice": (
        ("  - class: 3\n", "  - class: 2\n"),
        [
            "{p}:4:3: error: missing class 3xx (list all five classes, 1xx to 5xx)",
            "{p}:20:12: error: class 2xx is listed twice (first at line 8) "
            "(merge the two lists of codes)",
        ],
    ),
    "condition_explains_a_method_twice": (
        (
            "            pt-BR: Quando o patch viola uma regra.\n",
            "            pt-BR: Quando o patch viola uma regra.\n          - methods: [PATCH]\n"
            "            en: Again.\n            pt-BR: De novo.\n",
        ),
        [
            "{p}:65:23: error: PATCH is explained by two conditions (first at line 62) "
            "(keep one condition per method)"
        ],
    ),
    "url_without_host": (
        ("url: https://example.com/rules", "url: https://"),
        ["{p}:45:10: error: 'https://' has no host (write a full https:// address)"],
    ),
    "reference_url_not_http": (
        (
            'url: "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.3.1"',
            'url: "rfc9110.html#section-15.3.1"',
        ),
        [
            "{p}:15:51: error: 'rfc9110.html#section-15.3.1' is not an http(s) URL "
            "(write a full https:// address)"
        ],
    ),
    "url_not_http": (
        ("url: https://example.com/rules", "url: ftp://example.com/rules"),
        [
            "{p}:45:10: error: 'ftp://example.com/rules' is not an http(s) URL "
            "(write a full https:// address)"
        ],
    ),
    "unknown_usage_code": (
        ("      - code: 2xx\n", "      - code: 299\n"),
        [
            "{p}:52:15: error: source 'house' uses code 299, which the atlas does not list "
            "(add 299 under class 2xx, or correct the number)"
        ],
    ),
    "reason_used_repeats_iana": (
        ("reason_used: Unprocessable Entity", "reason_used: Unprocessable Content"),
        [
            "{p}:55:22: error: reason_used 'Unprocessable Content' is the IANA phrase already "
            "(remove reason_used; it records only older or different names)"
        ],
    ),
    "yaml_tag": (
        (
            "registry: registered\n        reason: {en: OK",
            "registry: !!str registered\n        reason: {en: OK",
        ),
        [
            "{p}:13:19: error: tag 'tag:yaml.org,2002:str' is not allowed (remove the tag; the "
            "atlas holds plain text, numbers and lists)"
        ],
    ),
    "anchor_and_alias": (
        (
            "summary: {en: It worked., pt-BR: Deu certo.}",
            "summary: &ok {en: It worked., pt-BR: Deu certo.}\n    note: *ok",
        ),
        [
            "{p}:10:14: error: anchor '&ok' is not allowed (remove it and write values out in full)",
            "{p}:11:11: error: alias '*ok' is not allowed (write the value out in full)",
        ],
    ),
    "second_yaml_document": (
        (
            "            pt-BR: Quando o patch viola uma regra.\n",
            "            pt-BR: Quando o patch viola uma regra.\n---\nversion: 1\n",
        ),
        ["{p}:65:1: error: more than one YAML document (remove the second '---')"],
    ),
    "syntax_error": (
        ("    codes: []\n  - class: 2", "    codes: [\n  - class: 2"),
        [
            "{p}:8:3: error: YAML syntax: did not find expected node content "
            "(check indentation and quoting)"
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_file_reports_exact_problems(case, minimal_text, write, capsys):
    (old, new), expected = BROKEN[case]
    assert old in minimal_text, f"fixture edit for {case} no longer applies"
    path = write(minimal_text.replace(old, new, 1))
    code, lines = run_check(path, capsys)
    expected_lines = [e.format(p=path) for e in expected]
    count = len(expected_lines)
    assert lines == [*expected_lines, f"{count} error{'s' if count > 1 else ''}"]
    assert code == 1


def test_every_problem_is_reported_not_just_the_first(minimal_text, write, capsys):
    text = minimal_text.replace('GET: "no"', "GET: maybe").replace(
        "cacheable: true", "cacheable: 1"
    )
    code, lines = run_check(write(text), capsys)
    assert code == 1
    assert lines[-1] == "2 errors"


def test_non_utf8_bytes_are_refused_with_their_position(minimal_text, write, capsys):
    raw = minimal_text.encode("utf-8").replace(b"Deu certo", b"Deu cert\xe9", 1)
    path = write(raw)
    code, lines = run_check(path, capsys)
    assert code == 1
    assert lines == [
        f"{path}:10:46: error: byte 0xe9 is not valid UTF-8 (save the file as UTF-8)",
        "1 error",
    ]


def test_file_over_5_mb_is_refused(write, capsys):
    path = write("# " + "x" * (5 * 1024 * 1024) + "\n")
    code, lines = run_check(path, capsys)
    assert code == 1
    assert lines == [
        f"{path}:1:1: error: file is 5,242,883 bytes, over the 5,242,880-byte limit "
        "(split out what does not belong in the atlas)",
        "1 error",
    ]


def test_a_file_of_exactly_5_mb_is_read(minimal_text, write, capsys):
    padding = 5 * 1024 * 1024 - len(minimal_text.encode("utf-8")) - 1
    path = write(minimal_text + "#" + " " * (padding - 1) + "\n")
    assert path.stat().st_size == 5 * 1024 * 1024
    code, lines = run_check(path, capsys)
    assert code == 0, lines


def test_empty_file_is_refused(write, capsys):
    path = write("")
    code, lines = run_check(path, capsys)
    assert code == 1
    assert lines == [f"{path}:1:1: error: the file is empty", "1 error"]


def test_a_list_instead_of_the_atlas_mapping_is_refused(write, capsys):
    path = write("- a\n- b\n")
    code, lines = run_check(path, capsys)
    assert code == 1
    assert lines == [
        f"{path}:1:1: error: the file must be a mapping of keys, not a list "
        "(start it with version: 1, then classes: and sources:)",
        "1 error",
    ]


def test_missing_file_is_a_usage_error(tmp_path, capsys):
    code, lines = run_check(tmp_path / "nope.yaml", capsys)
    assert code == 2
    assert lines == [f"error: no such data file: {tmp_path / 'nope.yaml'}"]


def test_unknown_option_is_a_usage_error(capsys):
    assert main(["check", "--colour"]) == 2
    assert "unrecognized arguments: --colour" in capsys.readouterr().err


def test_command_line_never_shows_a_traceback(minimal_text, write):
    path = write(minimal_text.replace("version: 1", "version: [1"))
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.endswith("1 error\n")


def test_method_states_may_be_quoted_or_bare(minimal_text, write, capsys):
    """The atlas quotes them (YAML 1.1 readers take a bare yes for true); `check` reads YAML
    1.2, where a bare yes is the text yes, and accepts both spellings as the same state."""
    from generator.atlas import load_atlas

    bare = minimal_text.replace('POST: "yes"', "POST: yes").replace('GET: "no"', "GET: no")
    assert bare != minimal_text
    quoted_path, bare_path = write(minimal_text, "quoted.yaml"), write(bare, "bare.yaml")
    assert run_check(bare_path, capsys)[0] == 0
    assert load_atlas(bare_path).sources == load_atlas(quoted_path).sources


def test_the_atlas_quotes_every_method_state_for_yaml_1_1_readers():
    """Read as PyYAML (YAML 1.1, as many CI tools do) reads it: every state is still text."""
    import yaml

    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    states = [
        state
        for source in data["sources"]
        for usage in source["usage"]
        for state in (usage.get("methods") or {}).values()
    ]
    assert len(states) > 300
    assert set(states) <= {"yes", "no", "conditional", "unspecified"}


# --- check --lang pt-BR ----------------------------------------------------------------------


def run_check_in(lang: str, path, capsys) -> tuple[int, list[str]]:
    code = main(["check", "--lang", lang, str(path)])
    captured = capsys.readouterr()
    return code, (captured.out + captured.err).splitlines()


#: What `check --lang pt-BR` prints for some of the cases above, word for word.
BROKEN_PT_BR = {
    "unknown_key": [
        "{p}:18:9: erro: chave desconhecida 'colour' (as permitidas aqui são: cacheable, code, "
        "expires, headers, meaning, notes, reason, reference, registry, retryable)"
    ],
    "missing_translation": [
        "{p}:16:18: erro: falta a tradução 'pt-BR' em 'meaning' (acrescente o texto em português "
        "do Brasil ao lado do outro idioma)"
    ],
    "bad_method_state": [
        "{p}:59:16: erro: 'GET' não pode ser o texto 'maybe' (use um destes: yes, no, "
        "conditional, unspecified)"
    ],
    "conditional_without_condition": [
        "{p}:59:16: erro: GET é conditional, mas nenhuma condição diz quando (acrescente uma "
        "condição com methods: [GET] e o texto em en e pt-BR)"
    ],
    "missing_key_names_its_entry": [
        "{p}:41:5: erro: falta a chave 'language' na fonte 'house' (acrescente 'language:'; "
        "idioma do original, por exemplo en ou pt-BR.)"
    ],
    "wrong_type": [
        "{p}:17:20: erro: 'cacheable' precisa ser true ou false, não o número 1 (Armazenável em "
        "cache por heurística, por padrão (RFC 9110, §15.1): true ou false.)"
    ],
    "code_in_wrong_class": [
        "{p}:28:15: erro: o código 522 está listado na classe 4xx (passe-o para a lista da "
        "classe 5xx)",
        "{p}:54:15: erro: a fonte 'house' usa o código 422, que o atlas não lista (acrescente o "
        "422 na classe 4xx ou corrija o número)",
    ],
    "anchor_and_alias": [
        "{p}:10:14: erro: a âncora '&ok' não é permitida (tire a âncora e escreva os valores por "
        "extenso)",
        "{p}:11:11: erro: o alias '*ok' não é permitido (escreva o valor por extenso)",
    ],
    "date_not_on_the_calendar": [
        "{p}:47:16: erro: 'retrieved' 2026-02-30 não é uma data que existe no calendário "
        "(escreva AAAA-MM-DD, por exemplo 2026-11-22)"
    ],
}


@pytest.mark.parametrize("case", sorted(BROKEN_PT_BR))
def test_check_speaks_brazilian_portuguese(case, minimal_text, write, capsys):
    (old, new), _ = BROKEN[case]
    path = write(minimal_text.replace(old, new, 1))
    code, lines = run_check_in("pt-BR", path, capsys)
    expected = [line.format(p=path) for line in BROKEN_PT_BR[case]]
    count = len(expected)
    assert code == 1
    assert lines == [*expected, f"{count} erro" if count == 1 else f"{count} erros"]


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_every_problem_is_worded_in_both_languages(case, minimal_text, write, capsys):
    """The same problems at the same places; every line in Portuguese differs from the English
    one (a message the checks forgot to word in Portuguese would come out in English)."""
    (old, new), _ = BROKEN[case]
    path = write(minimal_text.replace(old, new, 1))
    _, english = run_check_in("en", path, capsys)
    code, portuguese = run_check_in("pt-BR", path, capsys)
    assert code == 1
    assert len(portuguese) == len(english)
    for en, pt in zip(english[:-1], portuguese[:-1], strict=True):
        where = en.split(": error: ")[0]
        assert pt.startswith(where + ": erro: "), pt
        assert pt.split(": erro: ")[1] != en.split(": error: ")[1], pt


def test_ok_line_and_usage_errors_in_both_languages(tmp_path, capsys):
    fixture = FIXTURES / "minimal.yaml"
    assert run_check_in("pt-BR", fixture, capsys) == (
        0,
        [f"{fixture}: ok: 2 códigos, 1 fontes, 2 usos"],
    )
    assert run_check_in("en", fixture, capsys) == (
        0,
        [f"{fixture}: ok: 2 codes, 1 sources, 2 usages"],
    )
    missing = tmp_path / "nope.yaml"
    assert run_check_in("pt-BR", missing, capsys) == (
        2,
        [f"error: arquivo de dados não encontrado: {missing}"],
    )


def test_every_message_the_checks_name_is_worded_in_both_languages():
    """The checks name their messages by key (generator/atlas/yaml.py, validate.py,
    guidelines.py); each key
    has both languages, each catalog entry is used, and Portuguese is not English copied."""
    import ast

    from generator.atlas.messages import MESSAGES

    used: set[str] = set()
    for module in ("yaml.py", "validate.py", "guidelines.py"):
        tree = ast.parse((ROOT / "generator" / "atlas" / module).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("say", "add", "at"):
                position = 3 if getattr(node.func, "id", "") == "say" else 1
                if len(node.args) > position and isinstance(node.args[position], ast.Constant):
                    used.add(node.args[position].value)
    cli = ast.parse((ROOT / "generator" / "cli.py").read_text(encoding="utf-8"))
    for node in ast.walk(cli):
        called = isinstance(node, ast.Call) and getattr(node.func, "id", "") == "say"
        if called and node.args and isinstance(node.args[0], ast.Constant):
            used.add(node.args[0].value)
    assert used - set(MESSAGES) == set()
    # no_host and not_http are chosen by a variable in _explain
    assert set(MESSAGES) - used <= {"no_host", "not_http"}
    same = {k for k, say in MESSAGES.items() if say.message.en == say.message.pt_br}
    assert same == {"schema_other"}  # "'key': detail", the schema library's own words


def test_every_schema_description_has_its_portuguese():
    """The schema's descriptions are the hints of schema problems, in both languages."""
    schema = json.loads((ROOT / "data" / "schema.json").read_text(encoding="utf-8"))
    found = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("description"), str):
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    assert len(found) > 60
    for node in found:
        assert node.get("x-description-pt-BR"), node["description"]
        assert node["x-description-pt-BR"] != node["description"], node["description"]


TEAM_GUIDELINE = """\
id: our-team
name: Our team's status codes
publisher: Our team
kind: guideline
url: https://example.com/our-rules
language: en
retrieved: "2026-11-22"
license: {en: Ours to share., pt-BR: Nossa para compartilhar.}
summary: {en: How our APIs answer., pt-BR: Como as nossas APIs respondem.}
rules: []
usage:
  - code: 404
    meaning: {en: Nothing at this address., pt-BR: Nada neste endereço.}
"""


def test_a_team_guideline_is_checked_in_both_languages(write, capsys):
    path = write(TEAM_GUIDELINE, "ours.yaml")
    args = ["check", "--guideline", str(path), str(DATA)]
    assert main([*args, "--lang", "pt-BR"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{path}: ok: diretriz 'our-team', 1 uso dos ")
    assert main(args) == 0
    assert capsys.readouterr().out.startswith(f"{path}: ok: guideline 'our-team', 1 usage of the ")
    taken = write(TEAM_GUIDELINE.replace("id: our-team", "id: claro"), "taken.yaml")
    assert main(["check", "--guideline", str(taken), str(DATA), "--lang", "pt-BR"]) == 1
    err = capsys.readouterr().err
    assert f"{taken}:1:5: erro: o id de fonte 'claro' já é usado por uma fonte do atlas" in err

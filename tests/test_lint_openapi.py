"""`python -m generator lint-openapi`: every rule, every input kind, every format, exit codes,
and the published specs in shared/openapi-samples against their own guidelines."""

from __future__ import annotations

import ast
import importlib.util
import json
import re
import shlex
import string
from collections import Counter
from pathlib import Path

import pytest
from jsonschema import Draft4Validator, Draft202012Validator
from ruamel.yaml import YAML

from generator import lint
from generator.atlas import load_atlas
from generator.cli import main
from generator.model import LANGUAGES
from generator.urls import SiteUrl

from .conftest import DATA, FIXTURES, ROOT, SHARED

SPECS = FIXTURES / "openapi"
ATLAS = SPECS / "atlas.yaml"
SAMPLES = SHARED / "openapi-samples"
SARIF_SCHEMA = Path(__file__).resolve().parent / "vendor" / "sarif-schema-2.1.0.json"
LINT_SCHEMA = ROOT / "data" / "lint.schema.json"

PAYMENTS = SAMPLES / "open-finance-payments-4.0.0.yml"
CONSENTS = SAMPLES / "open-finance-consents-3.3.1.yml"
RESOURCES = SAMPLES / "open-finance-resources-3.1.0.yml"
NFE = SAMPLES / "nfe-io-nf-servico-v1.yaml"

needs_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"{SAMPLES} not present")
#: The real-sample tests run on the test atlas (seed facts transcribed) and on the real data
#: file once it exists.
ATLASES = [
    pytest.param(ATLAS, id="test-atlas"),
    pytest.param(
        DATA,
        id="real-atlas",
        marks=pytest.mark.skipif(not DATA.is_file(), reason="data/atlas.yaml not written yet"),
    ),
]


def run(capsys, *args: object) -> tuple[int, str, str]:
    code = main(["lint-openapi", *(str(a) for a in args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def report(spec: Path, guideline: str = "house", *, lang="en", missing=False, atlas=ATLAS):
    return lint.lint_files([spec], load_atlas(atlas), guideline, lang=lang, missing=missing)


def rows(rep) -> list[tuple]:
    return [(f.line, f.column, f.severity, f.rule, f.operation, f.code) for f in rep.findings]


# --- Each rule, on crafted specs ---------------------------------------------------------------


def test_every_rule_on_its_own_response():
    assert rows(report(SPECS / "rules.yaml")) == [
        (10, 9, "warning", "code-not-in-guideline", "GET /items", "409"),
        (11, 9, "warning", "code-not-in-guideline", "GET /items", "418"),
        (11, 9, "warning", "retired-code", "GET /items", "418"),
        (14, 9, "warning", "unregistered-code", "GET /items", "529"),
        (15, 9, "warning", "unregistered-code", "GET /items", "599"),
        (16, 9, "info", "range-response", "GET /items", "4XX"),
        (17, 9, "info", "default-response", "GET /items", "default"),
        (18, 9, "warning", "not-a-status-code", "GET /items", "20"),
        (24, 9, "error", "code-not-for-method", "POST /items", "302"),
        (28, 9, "error", "code-not-for-method", "DELETE /items/{id}", "200"),
        (32, 9, "warning", "conditional-code", "PATCH /items/{id}", "204"),
    ]


RULES_MESSAGES = {
    "en": [
        ("409", "House Rules does not list 409 (4xx codes it uses on GET: 404)"),
        ("418", "House Rules does not list 418 (4xx codes it uses on GET: 404)"),
        ("418", "IANA lists 418 as unused; replace it with a code in use"),
        ("529", "529 is not registered at IANA; clients that do not know it treat it as 500"),
        ("599", "599 is not registered at IANA; clients that do not know it treat it as 500"),
        ("4XX", "The range '4XX' stands for any 4xx code; it is not checked code by code"),
        ("default", "A 'default' response stands for any code not listed; it is not checked"),
        ("20", "'20' is not a status code: use 100 to 599, a range such as 4XX, or default"),
        ("302", "House Rules does not use 302 on POST"),
        ("200", "House Rules does not use 200 on DELETE (2xx codes it uses on DELETE: 204)"),
        (
            "204",
            "House Rules uses 204 on PATCH only under a condition: Only when the patch changes "
            "nothing.",
        ),
    ],
    "pt-BR": [
        (
            "409",
            "A diretriz House Rules não prevê o código 409 (códigos 4xx que ela usa em GET: 404)",
        ),
        (
            "418",
            "A diretriz House Rules não prevê o código 418 (códigos 4xx que ela usa em GET: 404)",
        ),
        ("418", "A IANA marca o código 418 como sem uso; troque por um código em uso"),
        (
            "529",
            "O código 529 não está registrado na IANA; clientes que não o conhecem vão tratá-lo "
            "como 500",
        ),
        (
            "599",
            "O código 599 não está registrado na IANA; clientes que não o conhecem vão tratá-lo "
            "como 500",
        ),
        ("4XX", "A faixa '4XX' vale para qualquer código 4xx; não é verificada código a código"),
        ("default", "A resposta 'default' vale para qualquer código não listado; não é verificada"),
        ("20", "'20' não é um código de status: use de 100 a 599, uma faixa como 4XX ou default"),
        ("302", "A diretriz House Rules não usa 302 em POST"),
        (
            "200",
            "A diretriz House Rules não usa 200 em DELETE (códigos 2xx que ela usa em DELETE: 204)",
        ),
        (
            "204",
            "A diretriz House Rules só usa 204 em PATCH sob uma condição: Só quando o patch não "
            "altera nada.",
        ),
    ],
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_message_says_what_is_wrong_and_what_to_answer_instead(lang):
    """Ruled-out and unlisted codes name the codes of their class the guideline uses on that
    method; an unregistered code says what clients will take it for (RFC 9110: x00)."""
    rep = report(SPECS / "rules.yaml", lang=lang)
    assert [(f.code, f.message) for f in rep.findings] == RULES_MESSAGES[lang]


def test_alternatives_fall_back_to_the_codes_listed_without_methods():
    # nfe-io in the test atlas lists its codes (400, 401, 408, ...) without naming methods.
    rep = report(SPECS / "rules.yaml", "nfe-io")
    (conflict,) = [f for f in rep.findings if f.code == "409"]
    assert conflict.message.startswith("NFE.io does not list 409 (4xx codes it lists: 400, 401")


def test_missing_adds_codes_marked_yes_that_an_operation_leaves_out():
    found = [r for r in rows(report(SPECS / "rules.yaml", missing=True)) if r[2] == "info"]
    # GET's 404 is covered by the 4XX range; 'default' covers nothing; 429 (used without
    # methods) is covered by 4XX too, so no file-level finding here.
    assert found == [
        (16, 9, "info", "range-response", "GET /items", "4XX"),
        (17, 9, "info", "default-response", "GET /items", "default"),
        (27, 7, "info", "missing-code", "DELETE /items/{id}", "404"),
    ]


def test_missing_in_file_for_codes_used_without_methods():
    found = [r for r in rows(report(SPECS / "swagger2.yaml", missing=True)) if r[2] == "info"]
    assert found == [
        (3, 1, "info", "missing-code-in-file", None, "429"),
        (3, 1, "info", "missing-code-in-file", None, "503"),
    ]


@pytest.mark.parametrize(
    ("lang", "message", "wording"),
    [
        (
            "en",
            "House Rules uses 204 on PATCH only under a condition: Only when the patch changes "
            "nothing.",
            "Done; no body.",
        ),
        (
            "pt-BR",
            "A diretriz House Rules só usa 204 em PATCH sob uma condição: Só quando o patch não "
            "altera nada.",
            "Feito; sem corpo.",
        ),
    ],
)
def test_conditional_shows_the_condition_in_each_language(lang, message, wording):
    (finding,) = [
        f for f in report(SPECS / "rules.yaml", lang=lang).findings if f.rule == "conditional-code"
    ]
    assert finding.message == message
    assert finding.guideline_text == wording


def test_class_usage_counts_as_using_the_codes_of_its_class():
    rep = report(SPECS / "rules.yaml")
    get_codes = {f.code for f in rep.findings if f.operation == "GET /items"}
    # 302 (class 3xx, GET unspecified), 503 (used), 504 (class 5xx): nothing to say.
    assert not get_codes & {"200", "302", "503", "504"}
    # 529 and 599 are 5xx: used through the class, but still not registered at IANA.
    assert [f.rule for f in rep.findings if f.code in ("529", "599")] == [
        "unregistered-code",
        "unregistered-code",
    ]
    (post_302,) = [f for f in rep.findings if f.operation == "POST /items"]
    assert post_302.guideline_text == "Redirects are for browsers only."


@pytest.mark.parametrize(
    ("lang", "code", "url"),
    [
        ("en", "200", "https://httpstatusatlas.dev/en/codes/200/#house"),
        ("pt-BR", "200", "https://httpstatusatlas.dev/codes/200/#house"),
        ("en", "409", "https://httpstatusatlas.dev/en/codes/409/"),
        ("pt-BR", "599", "https://httpstatusatlas.dev/codes/"),
        # Used through the guideline's rule for the class: that section of the code's page.
        ("en", "529", "https://httpstatusatlas.dev/en/codes/529/#class-house"),
        ("pt-BR", "302", "https://httpstatusatlas.dev/codes/302/#class-house"),
        ("en", "default", "https://httpstatusatlas.dev/en/sources/house/"),
        ("pt-BR", "20", "https://httpstatusatlas.dev/check-your-api/#not-a-status-code"),
    ],
)
def test_links_point_at_the_code_page_and_the_guideline_section(lang, code, url):
    rep = report(SPECS / "rules.yaml", lang=lang)
    assert {f.url for f in rep.findings if f.code == code} == {url}


def test_site_url_is_defined_once():
    site = SiteUrl("https://httpstatusatlas.dev/")
    assert lint.code_url(site, 404, "en", "nfe-io") == (
        "https://httpstatusatlas.dev/en/codes/404/#nfe-io"
    )


# --- Inputs: $refs, every version in YAML and JSON, aliases, files that are not specs -----------


def test_refs_are_followed_and_broken_ones_reported_where_they_are():
    rep = report(SPECS / "refs.yaml")
    assert rows(rep) == [
        (9, 11, "warning", "broken-ref", None, None),
        (18, 17, "warning", "broken-ref", "GET /orders", "500"),
        # Another file of the spec's folder is followed: this one is not there.
        (22, 17, "warning", "broken-ref", "GET /orders", "503"),
        (24, 17, "warning", "broken-ref", "GET /orders", "504"),
        (26, 17, "warning", "broken-ref", "GET /orders", "304"),
        # The path item lives in components: the finding points where the fix goes, and says
        # which path reaches it from where.
        (38, 11, "error", "code-not-for-method", "DELETE /items/{id}", "200"),
        # 302's chain breaks in components, at DownAlias's own $ref: the fix goes there.
        (46, 13, "warning", "broken-ref", "GET /orders", "302"),
    ]
    messages = [f.message for f in rep.findings if f.rule == "broken-ref"]
    assert messages == [
        "$ref '#/components/x-paths/Gone' points to nothing in this file",
        "$ref '#/components/responses/Missing' points to nothing in this file",
        "$ref 'common.yaml#/components/responses/Down' names a file that is not there: "
        f"{SPECS / 'common.yaml'}",
        "$ref '#/components/responses/Loop' goes round in a circle: "
        "#/components/responses/Loop → #/components/responses/Loop",
        "$ref '#/components/responses/Ping' goes round in a circle: "
        "#/components/responses/Ping → #/components/responses/Pong → #/components/responses/Ping",
        "$ref '#/components/responses/Down' points to nothing in this file "
        "(reached from '#/components/responses/DownAlias')",
    ]
    (delete,) = [f for f in rep.findings if f.operation == "DELETE /items/{id}"]
    assert delete.reached_text("en") == (
        f"reached from DELETE /items/{{id}} ({SPECS / 'refs.yaml'}:7:11)"
    )


def test_broken_refs_in_portuguese():
    rep = report(SPECS / "refs.yaml", lang="pt-BR")
    messages = [f.message for f in rep.findings if f.rule == "broken-ref"]
    assert messages[2:] == [
        "O $ref 'common.yaml#/components/responses/Down' cita um arquivo que não existe: "
        f"{SPECS / 'common.yaml'}",
        "O $ref '#/components/responses/Loop' anda em círculo: "
        "#/components/responses/Loop → #/components/responses/Loop",
        "O $ref '#/components/responses/Ping' anda em círculo: "
        "#/components/responses/Ping → #/components/responses/Pong → #/components/responses/Ping",
        "O $ref '#/components/responses/Down' não aponta para nada neste arquivo "
        "(referência seguida a partir de '#/components/responses/DownAlias')",
    ]


def test_swagger_2():
    assert rows(report(SPECS / "swagger2.yaml")) == [
        (7, 9, "error", "code-not-for-method", "DELETE /items/{id}", "200"),
        (11, 17, "warning", "broken-ref", "DELETE /items/{id}", "404"),
    ]


def test_openapi_3_1_in_json_with_tabs_and_webhooks_left_out():
    assert rows(report(SPECS / "openapi31.json")) == [
        (15, 7, "error", "code-not-for-method", "DELETE /items/{id}", "200"),
    ]


def _key_at(path: Path, line: int, column: int) -> str:
    """The text of `path` from 1-based `line` and `column` to the end of that line."""
    return path.read_text(encoding="utf-8").splitlines()[line - 1][column - 1 :]


def _spec_document(version_key: str, version: str) -> dict:
    """One DELETE with a chained $ref (200), a plain response (204) and a broken $ref (404),
    with the responses where the format keeps them (components in 3.x, top level in 2.0)."""
    base = "#/responses" if version_key == "swagger" else "#/components/responses"
    responses = {"Ok": {"$ref": f"{base}/Plain"}, "Plain": {"description": "OK"}}
    document: dict = {
        version_key: version,
        "info": {"title": "Same API", "version": "1"},
        "paths": {
            "/items/{id}": {
                "delete": {
                    "responses": {
                        "200": {"$ref": f"{base}/Ok"},
                        "204": {"description": "done"},
                        "404": {"$ref": f"{base}/Gone"},
                    }
                }
            }
        },
    }
    if version_key == "swagger":
        document["responses"] = responses
    else:
        document["components"] = {"responses": responses}
    return document


@pytest.mark.parametrize("syntax", ["yaml", "json"])
@pytest.mark.parametrize(
    ("version_key", "version"),
    [("openapi", "3.0.3"), ("openapi", "3.1.0"), ("swagger", "2.0")],
    ids=["openapi-3.0", "openapi-3.1", "swagger-2.0"],
)
def test_every_version_in_yaml_and_json(tmp_path, version_key, version, syntax):
    document = _spec_document(version_key, version)
    spec = tmp_path / f"spec.{syntax}"
    if syntax == "json":
        spec.write_text(json.dumps(document, indent=2), encoding="utf-8")
    else:
        yaml = YAML(typ="safe", pure=True)
        yaml.default_flow_style = False
        with spec.open("w", encoding="utf-8") as handle:
            yaml.dump(document, handle)
    rep = report(spec)
    assert [(f.severity, f.rule, f.operation, f.code) for f in rep.findings] == [
        ("error", "code-not-for-method", "DELETE /items/{id}", "200"),
        ("warning", "broken-ref", "DELETE /items/{id}", "404"),
    ]
    error, broken = rep.findings
    assert _key_at(spec, error.line, error.column).lstrip("\"'").startswith("200")
    assert _key_at(spec, broken.line, broken.column).strip("\"',") == (
        ("#/responses" if version_key == "swagger" else "#/components/responses") + "/Gone"
    )


def test_anchors_and_aliases_in_a_spec_are_followed(tmp_path, capsys):
    spec = tmp_path / "aliases.yaml"
    spec.write_text(
        "openapi: 3.0.3\n"
        "info: {title: t, version: '1'}\n"
        "paths:\n"
        "  /a:\n"
        "    get:\n"
        "      responses: &shared\n"
        "        '201': {description: created}\n"
        "    delete:\n"
        "      responses: *shared\n",
        encoding="utf-8",
    )
    code = main(
        [
            "lint-openapi",
            str(spec),
            "--guideline",
            "open-finance-brasil",
            "--lang",
            "en",
            "--data",
            str(DATA),
            "--format",
            "json",
        ]
    )
    findings = json.loads(capsys.readouterr().out)["findings"]
    errors = sorted((f["operation"], f["code"]) for f in findings if f["severity"] == "error")
    assert errors == [("DELETE /a", "201"), ("GET /a", "201")]
    assert code == 1


def test_a_file_that_is_not_a_spec_is_reported_and_skipped(capsys):
    code, out, _ = run(
        capsys, SPECS / "not-openapi.yaml", "--guideline", "house", "--data", ATLAS, "--lang", "en"
    )
    assert code == 0
    assert out.splitlines()[:2] == [
        f"{SPECS / 'not-openapi.yaml'}",
        "  2:1  info  Not an OpenAPI or Swagger document (no 'openapi' or 'swagger' key): "
        "skipped [not-openapi]",
    ]


# --- Usage errors: one line, the file named, exit 2, no traceback --------------------------------


def _file(name: str, content: str | bytes):
    """A maker of a file with `content` in the test's folder."""

    def make(folder: Path) -> Path:
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return make


_LATIN1 = "openapi: 3.0.0\ninfo: {title: Ação}\n".encode("latin-1")
_PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
_DUPLICATE = (
    "openapi: 3.0.0\npaths:\n  /a:\n    get:\n      responses:\n"
    "        '200': {description: a}\n        '200': {description: b}\n"
)

#: Each unreadable input, and the line it gets in English and in Portuguese ({p}: its path).
UNREADABLE = [
    pytest.param(
        lambda t: t / "nope.yaml",
        "{p}: no such file",
        "{p}: arquivo não encontrado",
        id="missing",
    ),
    pytest.param(
        lambda t: t,
        "{p}: is a folder (name the spec files)",
        "{p}: é uma pasta (indique os arquivos de especificação)",
        id="folder",
    ),
    pytest.param(
        _file("empty.yaml", ""),
        "{p}:1:1: cannot read the spec: the file is empty (a spec starts with 'openapi: 3.x' or "
        "'swagger: \"2.0\"')",
        "{p}:1:1: não foi possível ler a especificação: o arquivo está vazio (uma especificação "
        "começa com 'openapi: 3.x' ou 'swagger: \"2.0\"')",
        id="empty",
    ),
    pytest.param(
        _file("comments.yaml", "# nothing but a comment\n\n"),
        "{p}:1:1: cannot read the spec: the file is empty (a spec starts with 'openapi: 3.x' or "
        "'swagger: \"2.0\"')",
        "{p}:1:1: não foi possível ler a especificação: o arquivo está vazio (uma especificação "
        "começa com 'openapi: 3.x' ou 'swagger: \"2.0\"')",
        id="only-comments",
    ),
    pytest.param(
        lambda t: SPECS / "broken.yaml",
        "{p}:7:1: cannot read the spec: YAML syntax: did not find expected ',' or '}' "
        "(check indentation and quoting)",
        "{p}:7:1: não foi possível ler a especificação: sintaxe YAML: did not find expected ',' "
        "or '}' (confira a indentação e as aspas)",
        id="yaml-syntax",
    ),
    pytest.param(
        _file("array.json", '[{"openapi": "3.0.0"}]\n'),
        "{p}:1:1: the top level is a list, not a mapping (an OpenAPI or Swagger document is a "
        "mapping with an 'openapi' or 'swagger' key)",
        "{p}:1:1: o topo do documento é uma lista, não um mapeamento (um documento OpenAPI ou "
        "Swagger é um mapeamento com a chave 'openapi' ou 'swagger')",
        id="json-array",
    ),
    pytest.param(
        _file("string.json", '"openapi"\n'),
        "{p}:1:1: the top level is a single value, not a mapping (an OpenAPI or Swagger "
        "document is a mapping with an 'openapi' or 'swagger' key)",
        "{p}:1:1: o topo do documento é um valor solto, não um mapeamento (um documento OpenAPI "
        "ou Swagger é um mapeamento com a chave 'openapi' ou 'swagger')",
        id="json-string",
    ),
    pytest.param(
        _file("null.yaml", "null\n"),
        "{p}:1:1: the top level is null, not a mapping (an OpenAPI or Swagger document is a "
        "mapping with an 'openapi' or 'swagger' key)",
        "{p}:1:1: o topo do documento é null, não um mapeamento (um documento OpenAPI ou "
        "Swagger é um mapeamento com a chave 'openapi' ou 'swagger')",
        id="null",
    ),
    pytest.param(
        _file("latin1.yaml", _LATIN1),
        "{p}:2:16: byte 0xe7 is not UTF-8 (save the file as UTF-8)",
        "{p}:2:16: o byte 0xe7 não é UTF-8 (salve o arquivo em UTF-8)",
        id="not-utf8",
    ),
    pytest.param(
        _file("image.yaml", _PNG),
        "{p}:1:1: byte 0x89 is not UTF-8 (save the file as UTF-8)",
        "{p}:1:1: o byte 0x89 não é UTF-8 (salve o arquivo em UTF-8)",
        id="binary",
    ),
    pytest.param(
        _file("duplicate.yaml", _DUPLICATE),
        "{p}:7:9: cannot read the spec: duplicate key '200', first at line 6 (keep one of them)",
        "{p}:7:9: não foi possível ler a especificação: chave '200' repetida, a primeira na "
        "linha 6 (deixe só uma)",
        id="duplicate-key",
    ),
    pytest.param(
        _file("two.yaml", "openapi: 3.0.0\n---\nopenapi: 3.1.0\n"),
        "{p}:2:1: cannot read the spec: more than one YAML document (keep one per file: remove "
        "the second '---')",
        "{p}:2:1: não foi possível ler a especificação: mais de um documento YAML (deixe um por "
        "arquivo: tire o segundo '---')",
        id="two-documents",
    ),
    pytest.param(
        _file("tagged.yaml", "openapi: 3.0.0\npaths: !include paths.yaml\n"),
        "{p}:2:8: cannot read the spec: tag '!include' is not supported (remove the tag and "
        "write the plain value)",
        "{p}:2:8: não foi possível ler a especificação: a tag '!include' não é aceita (tire a "
        "tag e escreva o valor puro)",
        id="tag",
    ),
    pytest.param(
        lambda t: SPECS / "bad-version.yaml",
        "{p}:1:10: swagger '1.2' is not supported (use OpenAPI 3.0, 3.1 or Swagger 2.0)",
        "{p}:1:10: swagger '1.2' não é suportado (use OpenAPI 3.0, 3.1 ou Swagger 2.0)",
        id="version",
    ),
    pytest.param(
        lambda t: SPECS / "paths-list.yaml",
        "{p}:4:3: 'paths' must map each path to its operations (write '/path: {get: ...}' entries)",
        "{p}:4:3: 'paths' deve mapear cada caminho para suas operações (escreva entradas como "
        "'/caminho: {get: ...}')",
        id="paths",
    ),
    pytest.param(
        lambda t: SPECS / "recursive-alias.yaml",
        "{p}:4:11: cannot read the spec: alias '*paths' refers to a node that contains it "
        "(a recursive structure cannot be read)",
        "{p}:4:11: não foi possível ler a especificação: o alias '*paths' aponta para um nó que "
        "o contém (uma estrutura recursiva não pode ser lida)",
        id="recursive-alias",
    ),
    pytest.param(
        _file("alias.yaml", "openapi: 3.0.0\npaths: *nowhere\n"),
        "{p}:2:8: cannot read the spec: unknown alias '*nowhere' (define the anchor '&nowhere' "
        "before this line)",
        "{p}:2:8: não foi possível ler a especificação: alias '*nowhere' desconhecido (defina a "
        "âncora '&nowhere' antes desta linha)",
        id="unknown-alias",
    ),
]


@pytest.mark.parametrize(("make", "en", "pt_br"), UNREADABLE)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_unreadable_specs_are_usage_errors(capsys, tmp_path, make, en, pt_br, lang):
    """One line on stderr, naming the file (and the line where there is one), exit 2, nothing on
    stdout, no traceback; in the report's language."""
    path = make(tmp_path)
    code, out, err = run(capsys, path, "--guideline", "house", "--data", ATLAS, "--lang", lang)
    assert code == 2
    assert out == ""
    message = (en if lang == "en" else pt_br).replace("{p}", str(path))
    where, _, what = message.partition(": ")
    if re.fullmatch(r".+:\d+:\d+", where):  # located: file:line:column: error: …
        assert err == f"{where}: error: {what}\n"
    else:
        assert err == f"error: {message}\n"


def test_an_unreadable_spec_does_not_hide_the_others(capsys, tmp_path):
    """Every file that can be read is reported; each one that cannot gets its own line on
    standard error, and the exit code is 2."""
    bad = _file("array.json", "[]\n")(tmp_path)
    gone = tmp_path / "gone.yaml"
    code, out, err = run(
        capsys, bad, SPECS / "rules.yaml", gone, SPECS / "clean.yaml",
        "--guideline", "house", "--data", ATLAS, "--lang", "en",
    )  # fmt: skip
    assert code == 2
    assert out.splitlines()[0] == str(SPECS / "rules.yaml")
    assert out.splitlines()[-1] == "2 errors, 7 warnings, 2 infos in 2 files"
    assert err.splitlines() == [
        f"{bad}:1:1: error: the top level is a list, not a mapping (an OpenAPI or Swagger "
        "document is a mapping with an 'openapi' or 'swagger' key)",
        f"error: {gone}: no such file",
    ]


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        (
            "en",
            "error: unknown guideline 'acme' (valid ids: open-finance-brasil, nfe-io, house, "
            "strict)",
        ),
        (
            "pt-BR",
            "error: diretriz desconhecida 'acme' (ids válidos: open-finance-brasil, nfe-io, house, "
            "strict)",
        ),
    ],
)
def test_unknown_guideline_lists_the_valid_ids(capsys, lang, line):
    code, _, err = run(
        capsys, SPECS / "rules.yaml", "--guideline", "acme", "--data", ATLAS, "--lang", lang
    )
    assert (code, err.splitlines()) == (2, [line])


def test_missing_guideline_option_is_a_usage_error(capsys):
    code, _, err = run(capsys, SPECS / "rules.yaml", "--data", ATLAS)
    assert code == 2
    assert "the following arguments are required: --guideline" in err


def test_invalid_data_file_is_a_usage_error(capsys, tmp_path):
    bad = tmp_path / "atlas.yaml"
    bad.write_text("version: 2\n", encoding="utf-8")
    code, _, err = run(capsys, SPECS / "rules.yaml", "--guideline", "house", "--data", bad)
    assert code == 2
    assert err == f"error: {bad} is not valid atlas data; see: python -m generator check {bad}\n"


# --- Exit codes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "options", "expected"),
    [
        ("rules.yaml", [], 1),  # errors
        ("refs.yaml", ["--guideline", "nfe-io"], 0),  # warnings only
        ("refs.yaml", ["--guideline", "nfe-io", "--strict"], 1),  # warnings fail when strict
        ("not-openapi.yaml", ["--strict"], 0),  # infos never fail
    ],
)
def test_exit_codes(capsys, spec, options, expected):
    if "--guideline" not in options:
        options = ["--guideline", "house", *options]
    code, _, _ = run(capsys, SPECS / spec, "--data", ATLAS, *options)
    assert code == expected


# --- Output formats ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_text_output_is_grouped_by_file_and_ends_with_a_summary(capsys, monkeypatch, lang):
    """Golden files: swagger2.missing.<lang>.txt is the exact output for swagger2.yaml."""
    monkeypatch.chdir(SPECS)
    code, out, err = run(
        capsys, "swagger2.yaml", "--guideline", "house", "--data", ATLAS, "--lang", lang,
        "--missing",
    )  # fmt: skip
    assert (code, err) == (1, "")
    assert out == (SPECS / f"swagger2.missing.{lang}.txt").read_text(encoding="utf-8")


def test_text_output_lists_only_files_with_findings_and_counts_every_file(capsys):
    clean = SPECS / "clean.yaml"
    code, out, _ = run(
        capsys, SPECS / "not-openapi.yaml", clean, "--guideline", "house", "--data", ATLAS
    )
    assert code == 0
    assert str(clean) not in out
    assert out.splitlines()[-1] == "0 erros, 0 avisos, 1 info em 2 arquivos"
    code, out, _ = run(capsys, clean, "--guideline", "house", "--data", ATLAS, "--lang", "en")
    assert (code, out) == (0, "0 errors, 0 warnings, 0 infos in 1 file\n")


def test_every_message_exists_in_both_languages_with_the_same_placeholders():
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    texts = [r.title for r in lint.RULES.values()] + [r.message for r in lint.RULES.values()]
    for text in [*texts, *lint.MESSAGES.values()]:
        assert text.en.strip() and text.pt_br.strip()
        assert fields(text.en) == fields(text.pt_br), text
    for rule in lint.RULES.values():
        assert rule.severity in lint.SEVERITIES


def test_json_output_follows_its_schema(capsys):
    code, out, _ = run(
        capsys,
        SPECS / "rules.yaml",
        SPECS / "refs.yaml",
        SPECS / "not-openapi.yaml",
        "--guideline",
        "house",
        "--data",
        ATLAS,
        "--format",
        "json",
        "--missing",
    )
    assert code == 1
    data = json.loads(out)
    schema = json.loads(LINT_SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert list(Draft202012Validator(schema).iter_errors(data)) == []
    assert schema["$defs"]["finding"]["properties"]["rule"]["enum"] == list(lint.RULES)
    # The documented order: by file as given, then line, column, error before warning before info.
    rank = {"error": 0, "warning": 1, "info": 2}
    order = [
        (data["files"].index(f["file"]), f["line"], f["column"], rank[f["severity"]])
        for f in data["findings"]
    ]
    assert order == sorted(order)
    assert [f["file"] for f in data["findings"]][-1] == str(SPECS / "not-openapi.yaml")
    assert data["summary"] == {
        "errors": 3,
        "warnings": 13,
        "infos": 7,
        "files": 3,
        "text": "3 erros, 13 avisos, 7 infos em 3 arquivos",
    }
    assert data["findings"][0] == {
        "file": str(SPECS / "rules.yaml"),
        "line": 10,
        "column": 9,
        "severity": "warning",
        "rule": "code-not-in-guideline",
        "operation": "GET /items",
        "code": "409",
        "message": "A diretriz House Rules não prevê o código 409 "
        "(códigos 4xx que ela usa em GET: 404)",
        "guideline_text": None,
        "url": "https://httpstatusatlas.dev/codes/409/",
        "reached_from": [],
        "operations": 1,
    }
    (delete,) = [f for f in data["findings"] if f["reached_from"] and f["code"] == "200"]
    assert delete["reached_from"] == [
        {
            "operation": "DELETE /items/{id}",
            "file": str(SPECS / "refs.yaml"),
            "line": 7,
            "column": 11,
        }
    ]
    assert data["unreadable"] == []
    again = run(capsys, SPECS / "rules.yaml", "--guideline", "house", "--data", ATLAS)
    assert run(capsys, SPECS / "rules.yaml", "--guideline", "house", "--data", ATLAS) == again


def _sarif(capsys, *specs: Path, guideline: str = "house", atlas: Path = ATLAS) -> dict:
    code, out, err = run(
        capsys, *specs, "--guideline", guideline, "--data", atlas, "--format", "sarif"
    )
    assert err == "" and code in (0, 1)
    return json.loads(out)


def _check_sarif(log: dict) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    errors = sorted(Draft4Validator(schema).iter_errors(log), key=str)
    assert errors == [], errors[0].message if errors else ""
    # What GitHub code scanning needs beyond the schema.
    (run_,) = log["runs"]
    driver = run_["tool"]["driver"]
    rule_ids = [r["id"] for r in driver["rules"]]
    assert driver["name"] and rule_ids == list(lint.RULES)
    lang = run_["language"]
    for rule in driver["rules"]:
        # The alert's "Show more": what the rule means and what to do, then its docs section.
        help_text = lint.RULES[rule["id"]].help.get(lang)
        assert rule["fullDescription"]["text"] == help_text
        assert rule["help"]["text"] == f"{help_text}\n\n{rule['helpUri']}"
        assert rule["helpUri"].endswith(f"check-your-api/#{rule['id']}")
    identities = set()
    for result in run_["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        assert result["message"]["text"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        uri = physical["artifactLocation"]["uri"]
        assert not uri.startswith("/") and ".." not in uri.split("/")
        assert physical["region"]["startLine"] >= 1 and physical["region"]["startColumn"] >= 1
        # GitHub tells alerts apart by file, rule and this hash: none may be merged.
        identity = (uri, result["ruleId"], result["partialFingerprints"]["primaryLocationLineHash"])
        assert identity not in identities, result
        identities.add(identity)


def test_sarif_is_valid_sarif_2_1_0(capsys, monkeypatch):
    monkeypatch.chdir(SPECS)
    log = _sarif(capsys, Path("rules.yaml"), Path("refs.yaml"), Path("swagger2.yaml"))
    _check_sarif(log)
    results = log["runs"][0]["results"]
    assert len(results) == 20
    first = results[0]
    assert first["ruleId"] == "code-not-in-guideline"
    assert first["level"] == "warning"
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "rules.yaml"},
        "region": {"startLine": 10, "startColumn": 9},
    }
    assert first["message"]["text"] == (
        "GET /items 409: A diretriz House Rules não prevê o código 409 (códigos 4xx que ela usa "
        "em GET: 404). https://httpstatusatlas.dev/codes/409/"
    )
    assert log["runs"][0]["language"] == "pt-BR"


def test_sarif_uses_file_uris_for_absolute_paths_and_paths_out_of_the_folder(capsys, monkeypatch):
    """upload-sarif makes file URIs under the checkout relative; a `../` path it cannot place."""
    log = _sarif(capsys, SPECS / "swagger2.yaml")
    _check_sarif(log)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri == {"uri": (SPECS / "swagger2.yaml").as_uri()}
    monkeypatch.chdir(SPECS / "..")
    log = _sarif(capsys, Path("..") / "fixtures" / "openapi" / "swagger2.yaml")
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri == {"uri": (SPECS / "swagger2.yaml").as_uri()}


def test_sarif_fingerprints_keep_findings_on_one_line_apart(capsys, monkeypatch):
    """GitHub identifies an alert by file, rule and primaryLocationLineHash: the two codes
    swagger2.yaml leaves out, both reported at its `paths` key, must stay two alerts, and a
    finding keeps its fingerprint whatever the report's language."""
    monkeypatch.chdir(SPECS)

    def results(lang: str) -> list[dict]:
        _, out, _ = run(
            capsys, "swagger2.yaml", "--guideline", "house", "--data", ATLAS,
            "--format", "sarif", "--missing", "--lang", lang,
        )  # fmt: skip
        log = json.loads(out)
        _check_sarif(log)
        return log["runs"][0]["results"]

    english, portuguese = results("en"), results("pt-BR")
    same_line = [r for r in english if r["ruleId"] == "missing-code-in-file"]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in same_line] == [
        3,
        3,
    ]
    prints = [r["partialFingerprints"]["primaryLocationLineHash"] for r in english]
    assert len(set(prints)) == len(prints)
    assert prints == [r["partialFingerprints"]["primaryLocationLineHash"] for r in portuguese]


def _check_sarif_schema_only(log: dict) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert list(Draft4Validator(schema).iter_errors(log)) == []


def test_output_file(capsys, tmp_path):
    target = tmp_path / "lint.sarif"
    code, out, _ = run(
        capsys, SPECS / "refs.yaml", "--guideline", "nfe-io", "--data", ATLAS,
        "--format", "sarif", "-o", target,
    )  # fmt: skip
    assert (code, out) == (0, "")
    _check_sarif_schema_only(json.loads(target.read_text(encoding="utf-8")))


# --- The published specs against their own guidelines --------------------------------------------


def _operations(rep) -> set[str]:
    return {f.operation for f in rep.findings if f.operation}


OPEN_FINANCE_OPERATIONS = {
    PAYMENTS: 6,
    CONSENTS: 5,
    RESOURCES: 1,
}


@needs_samples
@pytest.mark.parametrize("atlas", ATLASES)
@pytest.mark.parametrize("spec", list(OPEN_FINANCE_OPERATIONS), ids=lambda p: p.name)
def test_open_finance_529_warns_and_default_is_info_on_every_operation(atlas, spec):
    rep = report(spec, "open-finance-brasil", atlas=atlas)
    unregistered = [f for f in rep.findings if f.rule == "unregistered-code"]
    defaults = [f for f in rep.findings if f.rule == "default-response"]
    count = OPEN_FINANCE_OPERATIONS[spec]
    assert len(_operations(rep)) == count
    assert [(f.code, f.severity) for f in unregistered] == [("529", "warning")] * count
    assert {f.operation for f in unregistered} == _operations(rep)
    assert [(f.code, f.severity) for f in defaults] == [("default", "info")] * count
    assert {f.operation for f in defaults} == _operations(rep)
    assert all(f.url.endswith("/codes/529/") or "#" in f.url for f in unregistered)


@needs_samples
@pytest.mark.parametrize("atlas", ATLASES)
def test_open_finance_consents_declares_422_on_delete(atlas):
    rep = report(CONSENTS, "open-finance-brasil", atlas=atlas)
    (error,) = [f for f in rep.findings if f.severity == "error"]
    assert (error.line, error.column, error.operation, error.code, error.rule) == (
        293,
        9,
        "DELETE /consents/{consentId}",
        "422",
        "code-not-for-method",
    )
    assert error.message == (
        "Open Finance Brasil does not use 422 on DELETE "
        "(4xx codes it uses on DELETE: 400, 401, 403, 404, 405, 406, 410, 429)"
    )
    assert error.url == "https://httpstatusatlas.dev/en/codes/422/#open-finance-brasil"
    assert error.guideline_text


@needs_samples
@pytest.mark.parametrize("atlas", ATLASES)
def test_open_finance_payments_and_resources_have_no_errors(atlas):
    for spec in (PAYMENTS, RESOURCES):
        assert report(spec, "open-finance-brasil", atlas=atlas).count("error") == 0


@needs_samples
def test_open_finance_every_finding_on_the_test_atlas(capsys):
    code, out, _ = run(
        capsys, PAYMENTS, CONSENTS, RESOURCES, "--guideline", "open-finance-brasil",
        "--data", ATLAS, "--lang", "en",
    )  # fmt: skip
    assert code == 1
    assert out.splitlines()[-1] == "1 error, 24 warnings, 12 infos in 3 files"
    rep = lint.lint_files(
        [PAYMENTS, CONSENTS, RESOURCES], load_atlas(ATLAS), "open-finance-brasil", lang="en"
    )
    assert Counter((f.rule, f.code) for f in rep.findings) == {
        ("code-not-for-method", "422"): 1,
        ("unregistered-code", "529"): 12,
        ("code-not-in-guideline", "529"): 12,
        ("default-response", "default"): 12,
    }


#: What the real data says of the three Open Finance specs, finding by finding: 529 (which
#: the guideline uses, but IANA does not register) and `default` on every operation, and the
#: one error, 422 on the consents DELETE.
OPEN_FINANCE_REAL_ATLAS = {
    PAYMENTS: [
        (251, 9, "warning", "unregistered-code", "POST /consents", "529"),
        (253, 9, "info", "default-response", "POST /consents", "default"),
        (293, 9, "warning", "unregistered-code", "GET /consents/{consentId}", "529"),
        (295, 9, "info", "default-response", "GET /consents/{consentId}", "default"),
        (346, 9, "warning", "unregistered-code", "POST /pix/payments", "529"),
        (348, 9, "info", "default-response", "POST /pix/payments", "default"),
        (395, 9, "warning", "unregistered-code", "GET /pix/payments/{paymentId}", "529"),
        (397, 9, "info", "default-response", "GET /pix/payments/{paymentId}", "default"),
        (454, 9, "warning", "unregistered-code", "PATCH /pix/payments/{paymentId}", "529"),
        (456, 9, "info", "default-response", "PATCH /pix/payments/{paymentId}", "default"),
        (512, 9, "warning", "unregistered-code", "PATCH /pix/payments/consents/{consentId}", "529"),
        (514, 9, "info", "default-response", "PATCH /pix/payments/consents/{consentId}", "default"),
    ],
    CONSENTS: [
        (208, 9, "warning", "unregistered-code", "POST /consents", "529"),
        (210, 9, "info", "default-response", "POST /consents", "default"),
        (254, 9, "warning", "unregistered-code", "GET /consents/{consentId}", "529"),
        (256, 9, "info", "default-response", "GET /consents/{consentId}", "default"),
        (293, 9, "error", "code-not-for-method", "DELETE /consents/{consentId}", "422"),
        (301, 9, "warning", "unregistered-code", "DELETE /consents/{consentId}", "529"),
        (303, 9, "info", "default-response", "DELETE /consents/{consentId}", "default"),
        (353, 9, "warning", "unregistered-code", "GET /consents/{consentId}/extensions", "529"),
        (355, 9, "info", "default-response", "GET /consents/{consentId}/extensions", "default"),
        (410, 9, "warning", "unregistered-code", "POST /consents/{consentId}/extends", "529"),
        (412, 9, "info", "default-response", "POST /consents/{consentId}/extends", "default"),
    ],
    RESOURCES: [
        (83, 9, "warning", "unregistered-code", "GET /resources", "529"),
        (85, 9, "info", "default-response", "GET /resources", "default"),
    ],
}


@needs_samples
@pytest.mark.skipif(not DATA.is_file(), reason="data/atlas.yaml not written yet")
@pytest.mark.parametrize("spec", list(OPEN_FINANCE_OPERATIONS), ids=lambda p: p.name)
def test_open_finance_every_finding_on_the_real_atlas(spec):
    rep = report(spec, "open-finance-brasil", atlas=DATA)
    assert rows(rep) == OPEN_FINANCE_REAL_ATLAS[spec]
    for f in rep.findings:
        if f.rule == "unregistered-code":
            assert (
                f.message
                == "529 is not registered at IANA; clients that do not know it treat it as 500"
            )
            assert f.url == "https://httpstatusatlas.dev/en/codes/529/#open-finance-brasil"
            assert f.guideline_text and f.guideline_text.startswith("The site is overloaded.")
        if f.rule == "default-response":
            assert f.url == "https://httpstatusatlas.dev/en/sources/open-finance-brasil/"
            assert f.guideline_text is None


@needs_samples
@pytest.mark.parametrize("atlas", ATLASES)
def test_open_finance_missing_lists_codes_marked_yes(atlas):
    rep = report(PAYMENTS, "open-finance-brasil", missing=True, atlas=atlas)
    missing = [f for f in rep.findings if f.rule == "missing-code"]
    by_operation: dict[str, set[str]] = {}
    for f in missing:
        by_operation.setdefault(f.operation, set()).add(f.code)
    # The published table: GET says yes to 202, 304, 410, 422, 429, 503 and 504, which
    # GET /consents/{consentId} does not declare; PATCH says yes to 429, 503 and 504 only.
    assert by_operation["GET /consents/{consentId}"] >= {"202", "304", "410", "429", "503", "504"}
    assert by_operation["PATCH /pix/payments/{paymentId}"] >= {"429", "503", "504"}
    assert "410" not in by_operation["PATCH /pix/payments/{paymentId}"]


NFE_NOT_IN_GUIDELINE = {"200": 24, "201": 3, "204": 3, "403": 7, "404": 10, "409": 2, "415": 1}


@needs_samples
@pytest.mark.parametrize("atlas", ATLASES)
def test_nfe_io_codes_its_guideline_lists_but_its_spec_omits(atlas):
    rep = report(NFE, "nfe-io", missing=True, atlas=atlas)
    missing = {f.code for f in rep.findings if f.rule in ("missing-code", "missing-code-in-file")}
    assert {"503", "504"} <= missing
    not_used = Counter(f.code for f in rep.findings if f.rule == "code-not-in-guideline")
    assert not_used == NFE_NOT_IN_GUIDELINE
    assert rep.count("error") == 0


@needs_samples
def test_nfe_io_every_finding_on_the_test_atlas():
    rep = report(NFE, "nfe-io", missing=True, lang="pt-BR")
    in_file = [f for f in rep.findings if f.rule == "missing-code-in-file"]
    assert [(f.line, f.column, f.code, f.operation) for f in in_file] == [
        (11, 1, "503", None),
        (11, 1, "504", None),
    ]
    assert in_file[0].message == (
        "A diretriz NFE.io usa o código 503, mas nenhuma operação deste arquivo o declara"
    )
    assert in_file[0].url == "https://httpstatusatlas.dev/codes/503/#nfe-io"
    assert rep.summary() == "0 erros, 50 avisos, 2 infos em 1 arquivo"


#: NFE.io's service-invoice spec against NFE.io's guideline in the real data, with --missing:
#: the guideline lists 202, 400, 401, 408, 500, 503 and 504 and names no method. So every 200,
#: 201, 204, 403, 404, 409 and 415 the spec declares is a code it does not list, and 503 and 504,
#: which no operation declares, are reported once for the file (at its `paths` key).
NFE_IO_REAL_ATLAS_MISSING = [
    (11, 1, "info", "missing-code-in-file", None, "503"),
    (11, 1, "info", "missing-code-in-file", None, "504"),
    (34, 9, "warning", "code-not-in-guideline", "GET /v1/companies", "200"),
    (552, 9, "warning", "code-not-in-guideline", "POST /v1/companies", "201"),
    (803, 9, "warning", "code-not-in-guideline", "POST /v1/companies", "409"),
    (
        824,
        9,
        "warning",
        "code-not-in-guideline",
        "GET /v1/companies/{company_id_or_tax_number}",
        "200",
    ),
    (1332, 9, "warning", "code-not-in-guideline", "PUT /v1/companies/{company_id}", "200"),
    (1608, 9, "warning", "code-not-in-guideline", "DELETE /v1/companies/{company_id}", "200"),
    (1618, 9, "warning", "code-not-in-guideline", "DELETE /v1/companies/{company_id}", "404"),
    (
        1645,
        9,
        "warning",
        "code-not-in-guideline",
        "POST /v1/companies/{company_id}/certificate",
        "200",
    ),
    (
        1655,
        9,
        "warning",
        "code-not-in-guideline",
        "POST /v1/companies/{company_id}/certificate",
        "404",
    ),
    (
        1657,
        9,
        "warning",
        "code-not-in-guideline",
        "POST /v1/companies/{company_id}/certificate",
        "415",
    ),
    (
        1686,
        9,
        "warning",
        "code-not-in-guideline",
        "GET /v1/companies/{company_id}/notifications",
        "200",
    ),
    (
        1756,
        9,
        "warning",
        "code-not-in-guideline",
        "GET /v1/companies/{company_id}/notifications/{notification_id}",
        "200",
    ),
    (
        1822,
        9,
        "warning",
        "code-not-in-guideline",
        "DELETE /v1/companies/{company_id}/notifications/{notification_id}",
        "200",
    ),
    (
        1832,
        9,
        "warning",
        "code-not-in-guideline",
        "DELETE /v1/companies/{company_id}/notifications/{notification_id}",
        "404",
    ),
    (
        1874,
        9,
        "warning",
        "code-not-in-guideline",
        "POST /v1/companies/{company_id}/notifications/email",
        "201",
    ),
    (
        1916,
        9,
        "warning",
        "code-not-in-guideline",
        "POST /v1/companies/{company_id}/notifications/email",
        "409",
    ),
    (1931, 9, "warning", "code-not-in-guideline", "GET /v1/eventTypes", "200"),
    (
        1971,
        9,
        "warning",
        "code-not-in-guideline",
        "GET /v1/companies/{company_id}/legalpeople",
        "200",
    ),
    (
        2161,
        9,
        "warning",
        "code-not-in-guideline",
        "GET /v1/companies/{company_id}/legalpeople/{id}",
        "200",
    ),
    (
        2348,
        9,
        "warning",
        "code-not-in-guideline",
        "GET /v1/companies/{company_id}/naturalpeople",
        "200",
    ),
    (
        2476,
        9,
        "warning",
        "code-not-in-guideline",
        "GET /v1/companies/{company_id}/naturalpeople/{id}",
        "200",
    ),
    (
        2632,
        9,
        "warning",
        "code-not-in-guideline",
        "GET /v1/companies/{company_id}/serviceinvoices",
        "200",
    ),
    (
        4081,
        9,
        "warning",
        "code-not-in-guideline",
        "GET /v1/companies/{company_id}/serviceinvoices/external/{id}",
        "200",
    ),
    (
        4662,
        9,
        "warning",
        "code-not-in-guideline",
        "GET /v1/companies/{company_id}/serviceinvoices/{id}",
        "200",
    ),
    (
        5242,
        9,
        "warning",
        "code-not-in-guideline",
        "DELETE /v1/companies/{company_id}/serviceinvoices/{id}",
        "200",
    ),
    (
        5280,
        9,
        "warning",
        "code-not-in-guideline",
        "PUT /v1/companies/{company_id}/serviceinvoices/{id}/sendemail",
        "200",
    ),
    (
        5318,
        9,
        "warning",
        "code-not-in-guideline",
        "GET /v1/companies/{company_id}/serviceinvoices/{id}/pdf",
        "200",
    ),
    (
        5328,
        9,
        "warning",
        "code-not-in-guideline",
        "GET /v1/companies/{company_id}/serviceinvoices/{id}/pdf",
        "404",
    ),
    (
        5358,
        9,
        "warning",
        "code-not-in-guideline",
        "GET /v1/companies/{company_id}/serviceinvoices/{id}/xml",
        "200",
    ),
    (
        5368,
        9,
        "warning",
        "code-not-in-guideline",
        "GET /v1/companies/{company_id}/serviceinvoices/{id}/xml",
        "404",
    ),
    (5384, 9, "warning", "code-not-in-guideline", "GET /v2/webhooks/eventtypes", "200"),
    (5444, 9, "warning", "code-not-in-guideline", "GET /v2/webhooks", "200"),
    (5534, 9, "warning", "code-not-in-guideline", "GET /v2/webhooks", "403"),
    (5627, 9, "warning", "code-not-in-guideline", "POST /v2/webhooks", "201"),
    (5714, 9, "warning", "code-not-in-guideline", "POST /v2/webhooks", "403"),
    (5716, 9, "warning", "code-not-in-guideline", "POST /v2/webhooks", "404"),
    (5749, 9, "warning", "code-not-in-guideline", "DELETE /v2/webhooks", "204"),
    (5753, 9, "warning", "code-not-in-guideline", "DELETE /v2/webhooks", "403"),
    (5795, 9, "warning", "code-not-in-guideline", "GET /v2/webhooks/{webhook_id}", "200"),
    (5882, 9, "warning", "code-not-in-guideline", "GET /v2/webhooks/{webhook_id}", "403"),
    (5884, 9, "warning", "code-not-in-guideline", "GET /v2/webhooks/{webhook_id}", "404"),
    (5987, 9, "warning", "code-not-in-guideline", "PUT /v2/webhooks/{webhook_id}", "200"),
    (6074, 9, "warning", "code-not-in-guideline", "PUT /v2/webhooks/{webhook_id}", "403"),
    (6076, 9, "warning", "code-not-in-guideline", "PUT /v2/webhooks/{webhook_id}", "404"),
    (6116, 9, "warning", "code-not-in-guideline", "DELETE /v2/webhooks/{webhook_id}", "204"),
    (6142, 9, "warning", "code-not-in-guideline", "DELETE /v2/webhooks/{webhook_id}", "403"),
    (6144, 9, "warning", "code-not-in-guideline", "DELETE /v2/webhooks/{webhook_id}", "404"),
    (6185, 9, "warning", "code-not-in-guideline", "PUT /v2/webhooks/{webhook_id}/pings", "204"),
    (6211, 9, "warning", "code-not-in-guideline", "PUT /v2/webhooks/{webhook_id}/pings", "403"),
    (6213, 9, "warning", "code-not-in-guideline", "PUT /v2/webhooks/{webhook_id}/pings", "404"),
]


@needs_samples
@pytest.mark.skipif(not DATA.is_file(), reason="data/atlas.yaml not written yet")
def test_nfe_io_every_finding_on_the_real_atlas():
    rep = report(NFE, "nfe-io", missing=True, atlas=DATA)
    assert rows(rep) == NFE_IO_REAL_ATLAS_MISSING
    assert rep.summary() == "0 errors, 50 warnings, 2 infos in 1 file"
    (first_missing,) = [f for f in rep.findings if (f.line, f.code) == (11, "503")]
    assert first_missing.message == "NFE.io uses 503, but no operation in this file declares it"
    assert first_missing.url == "https://httpstatusatlas.dev/en/codes/503/#nfe-io"
    (first_unlisted,) = [f for f in rep.findings if f.line == 34]
    assert first_unlisted.message == "NFE.io does not list 200 (2xx codes it lists: 202)"
    assert first_unlisted.url == "https://httpstatusatlas.dev/en/codes/200/"


@needs_samples
@pytest.mark.parametrize(
    ("spec", "guideline"),
    [(PAYMENTS, "open-finance-brasil"), (CONSENTS, "open-finance-brasil"),
     (RESOURCES, "open-finance-brasil"), (NFE, "nfe-io")],
    ids=lambda v: v.name if isinstance(v, Path) else v,
)  # fmt: skip
def test_every_finding_points_at_its_response_key(spec, guideline):
    """line:column is where the response's key is written (quoted or not), and for --missing
    the operation's `responses` key."""
    rep = report(spec, guideline, missing=True)
    assert rep.findings
    for f in rep.findings:
        at = _key_at(spec, f.line, f.column)
        if f.rule == "missing-code":
            assert at.startswith("responses:"), f
        elif f.rule == "missing-code-in-file":
            assert at.startswith("paths:"), f
        else:
            assert at.lstrip("\"'").startswith(f"{f.code}"), f


@needs_samples
@pytest.mark.parametrize("atlas", ATLASES)
def test_samples_give_valid_sarif(capsys, atlas, monkeypatch):
    monkeypatch.chdir(SAMPLES)
    names = [Path(p.name) for p in (PAYMENTS, CONSENTS, RESOURCES)]
    _check_sarif(_sarif(capsys, *names, guideline="open-finance-brasil", atlas=atlas))
    _check_sarif(_sarif(capsys, Path(NFE.name), guideline="nfe-io", atlas=atlas))


# --- The "Check your API" page -----------------------------------------------------------------


def _page(lang: str) -> str:
    return (ROOT / "site_src" / f"check-your-api.{lang}.md").read_text(encoding="utf-8")


def _examples(lang: str) -> list[tuple[str, str]]:
    """Every `$ command` of the page's console blocks with the output printed under it."""
    examples: list[tuple[str, str]] = []
    for block in re.findall(r"^```console\n(.*?)^```$", _page(lang), flags=re.M | re.S):
        for line in block.splitlines(keepends=True):
            if line.startswith("$ "):
                examples.append((line[2:].strip(), ""))
            elif examples:
                examples[-1] = (examples[-1][0], examples[-1][1] + line)
    return examples


def _run_example(capsys, command: str) -> str:
    """The output of `python -m generator lint-openapi ... [| head -n N] [| tail -n N]`."""
    first, *pipes = command.split(" | ")
    words = shlex.split(first)
    assert words[:4] == ["python", "-m", "generator", "lint-openapi"], command
    main(words[3:])
    lines = capsys.readouterr().out.splitlines(keepends=True)
    for pipe in pipes:
        tool, option, count = shlex.split(pipe)
        assert option == "-n", command
        lines = lines[: int(count)] if tool == "head" else lines[-int(count) :]
    return "".join(lines)


@needs_samples
@pytest.mark.skipif(not DATA.is_file(), reason="data/atlas.yaml not written yet")
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_docs_page_shows_what_the_command_prints(capsys, monkeypatch, lang):
    """Each example on "Check your API" is run from the repository root, as the page says, and
    must print exactly what the page shows: page and command cannot drift apart."""
    monkeypatch.chdir(ROOT)
    examples = _examples(lang)
    assert len(examples) >= 5
    for command, shown in examples:
        assert _run_example(capsys, command) == shown, command


def test_both_languages_show_the_same_examples():
    english = [c.replace(" --lang en", "") for c, _ in _examples("en")]
    assert english == [c for c, _ in _examples("pt-BR")]
    assert all("--lang en" in c for c, _ in _examples("en"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_docs_page_explains_every_rule(lang):
    """SARIF rules link to check-your-api/#<rule-id>: each needs its heading on the page, and
    the page says of each rule what its SARIF help says, word for word."""
    page = _page(lang)
    headings = re.findall(r"^### ([a-z-]+)$", page, flags=re.MULTILINE)
    assert headings == list(lint.RULES)
    word = {"error": ("Error", "Erro"), "warning": ("Warning", "Aviso"), "info": ("Info", "Info")}
    for rule in lint.RULES.values():
        section = page.split(f"\n### {rule.id}\n", 1)[1].split("\n#", 1)[0].strip()
        severity = word[rule.severity][0 if lang == "en" else 1]
        assert section == f"**{severity}.** {rule.help.get(lang)}", rule.id


# --- pre-commit --------------------------------------------------------------------------------


def test_pre_commit_hook():
    (hook,) = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["id"] == "http-status-atlas-lint"
    assert hook["entry"] == "python -m generator lint-openapi"
    assert hook["language"] == "python"
    files = re.compile(hook["files"])
    for name in (
        "openapi.yaml",
        "api/swagger.json",
        "docs/Payments-OpenAPI.yml",
        "swagger-apis/payments/4.0.0.yml",
        "openapi/spec/nf-servico-v1.yaml",
    ):
        assert files.search(name), name
    for name in ("config.yaml", "package.json", "docs/openapi.md"):
        assert not files.search(name), name


@pytest.mark.skipif(not DATA.is_file(), reason="data/atlas.yaml not written yet")
def test_the_hook_runs_in_another_repository_without_data(tmp_path, monkeypatch, capsys):
    """pre-commit runs the hook's entry from the other repository's root, with the files that
    match, and no --data: the atlas installed with the package is used."""
    (hook,) = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    spec = tmp_path / "api" / "openapi.yaml"
    spec.parent.mkdir()
    spec.write_text(
        "openapi: 3.0.3\n"
        "info: {title: Another repository, version: '1'}\n"
        "paths:\n"
        "  /items/{id}:\n"
        "    delete:\n"
        "      responses:\n"
        "        '200': {description: deleted}\n",
        encoding="utf-8",
    )
    assert re.search(hook["files"], "api/openapi.yaml")
    monkeypatch.chdir(tmp_path)
    entry = hook["entry"].split()[3:]
    code = main([*entry, "--guideline", "open-finance-brasil", "--lang", "en", "api/openapi.yaml"])
    out = capsys.readouterr().out
    assert code == 1
    assert out.splitlines()[:2] == [
        "api/openapi.yaml",
        "  7:9  error  DELETE /items/{id} 200: Open Finance Brasil does not use 200 on DELETE "
        "(2xx codes it uses on DELETE: 204) [code-not-for-method]",
    ]


# --- The package's shape -----------------------------------------------------------------------


def _lint_imports() -> dict[str, set[str]]:
    """generator.lint's modules and the modules of generator.lint each one imports."""
    graph: dict[str, set[str]] = {}
    for path in sorted((ROOT / "generator" / "lint").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        imported: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = importlib.util.resolve_name("." * node.level + (node.module or ""), package)
                if node.module is None:
                    imported.update(f"{base}.{alias.name}" for alias in node.names)
                else:
                    imported.add(base)
        graph[module] = {name for name in imported if name.startswith("generator.lint")}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """An import cycle in the graph, as the modules round it, or None."""
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> list[str] | None:
        if module in path:
            return [*path[path.index(module) :], module]
        if module in done:
            return None
        for dependency in sorted(graph.get(module, ())):
            found = visit(dependency, [*path, module])
            if found:
                return found
        done.add(module)
        return None

    return next((c for m in sorted(graph) if (c := visit(m, []))), None)


def test_lint_modules_import_one_way():
    """No import cycle in generator/lint: a rule travels with its metadata and messages
    (rules/*), so the sentences that belong to no rule (messages) need no rule, and formats
    reach the rules through their registry."""
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    graph = _lint_imports()
    assert {"generator.lint.rules", "generator.lint.rule", "generator.lint.messages"} <= set(graph)
    assert _cycle(graph) is None
    assert graph["generator.lint.messages"] == set()
    assert "generator.lint.rules" in graph["generator.lint.formats"]


def test_a_reader_that_stops_early_ends_the_run_quietly():
    """`lint-openapi ... | head -1`: no BrokenPipeError traceback when the pipe closes."""
    import subprocess
    import sys

    spec = SHARED / "openapi-samples" / "open-finance-payments-4.0.0.yml"  # many findings
    command = (
        f"{sys.executable} -m generator lint-openapi {spec} --guideline zalando --missing "
        "--format json | head -c 10"
    )
    result = subprocess.run(command, shell=True, cwd=ROOT, capture_output=True, text=True)
    assert len(result.stdout) == 10
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr

"""`python -m generator lint-openapi`: every rule, every input kind, every format, exit codes,
and the published specs in shared/openapi-samples against their own guidelines."""

from __future__ import annotations

import json
import re
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
        ("en", "default", "https://httpstatusatlas.dev/en/sources/house/"),
        ("pt-BR", "20", "https://httpstatusatlas.dev/check-your-api/#not-a-status-code"),
    ],
)
def test_links_point_at_the_code_page_and_the_guideline_section(lang, code, url):
    rep = report(SPECS / "rules.yaml", lang=lang)
    assert {f.url for f in rep.findings if f.code == code} == {url}


def test_site_url_is_defined_once():
    assert lint.code_url(404, "en", "nfe-io") == "https://httpstatusatlas.dev/en/codes/404/#nfe-io"
    assert lint.SITE_URL == "https://httpstatusatlas.dev/"


# --- Inputs: $refs, Swagger 2.0, OpenAPI 3.1 in JSON, files that are not specs ------------------


def test_refs_are_followed_and_broken_ones_reported_where_they_are():
    rep = report(SPECS / "refs.yaml")
    assert rows(rep) == [
        (9, 11, "warning", "broken-ref", None, None),
        (18, 17, "warning", "broken-ref", "GET /orders", "500"),
        (22, 17, "warning", "broken-ref", "GET /orders", "504"),
        # The path item lives in components: the finding points where the fix goes.
        (34, 11, "error", "code-not-for-method", "DELETE /items/{id}", "200"),
    ]
    messages = [f.message for f in rep.findings if f.rule == "broken-ref"]
    assert messages == [
        "$ref '#/components/x-paths/Gone' points to nothing in this file",
        "$ref '#/components/responses/Missing' points to nothing in this file",
        "$ref '#/components/responses/Loop' points to nothing in this file",
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


def _bad_bytes(tmp_path: Path) -> Path:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("openapi: 3.0.0\ninfo: {title: Ação}\n".encode("latin-1"))
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda t: t / "nope.yaml", "{p}: no such file"),
        (lambda t: t, "{p}: is a folder; name the spec files"),
        (
            lambda t: SPECS / "broken.yaml",
            "{p}:7:1: cannot read the spec: YAML syntax: did not find expected ',' or '}' "
            "(check indentation and quoting)",
        ),
        (_bad_bytes, "{p}:2:16: byte 0xe7 is not UTF-8; save the file as UTF-8"),
        (
            lambda t: SPECS / "bad-version.yaml",
            "{p}:1:10: swagger '1.2' is not supported; use OpenAPI 3.0, 3.1 or Swagger 2.0",
        ),
        (
            lambda t: SPECS / "paths-list.yaml",
            "{p}:4:3: 'paths' must map each path to its operations",
        ),
        (
            lambda t: SPECS / "recursive-alias.yaml",
            "{p}:4:11: cannot read the spec: alias '*paths' refers to a node that contains it "
            "(a recursive structure cannot be read)",
        ),
    ],
    ids=["missing", "folder", "yaml-syntax", "not-utf8", "version", "paths", "recursive-alias"],
)
def test_unreadable_specs_are_usage_errors(capsys, tmp_path, make, message):
    path = make(tmp_path)
    code, out, err = run(capsys, path, "--guideline", "house", "--data", ATLAS, "--lang", "en")
    assert code == 2
    assert out == ""
    assert err == "error: " + message.replace("{p}", str(path)) + "\n"


def test_usage_errors_are_localized(capsys, tmp_path):
    code, _, err = run(capsys, tmp_path / "x.yaml", "--guideline", "house", "--data", ATLAS)
    assert (code, err) == (2, f"error: {tmp_path / 'x.yaml'}: arquivo não encontrado\n")


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "error: unknown guideline 'acme'; valid ids: open-finance-brasil, nfe-io, house"),
        (
            "pt-BR",
            "error: diretriz desconhecida 'acme'; ids válidos: open-finance-brasil, nfe-io, house",
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
    assert data["summary"] == {
        "errors": 3,
        "warnings": 10,
        "infos": 7,
        "files": 3,
        "text": "3 erros, 10 avisos, 7 infos em 3 arquivos",
    }
    assert data["findings"][0] == {
        "file": str(SPECS / "rules.yaml"),
        "line": 10,
        "column": 9,
        "severity": "warning",
        "rule": "code-not-in-guideline",
        "operation": "GET /items",
        "code": "409",
        "message": "A diretriz House Rules não prevê o código 409",
        "guideline_text": None,
        "url": "https://httpstatusatlas.dev/codes/409/",
    }
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
    for result in run_["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        assert result["message"]["text"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert not physical["artifactLocation"]["uri"].startswith("/")
        assert physical["region"]["startLine"] >= 1 and physical["region"]["startColumn"] >= 1


def test_sarif_is_valid_sarif_2_1_0(capsys, monkeypatch):
    monkeypatch.chdir(SPECS)
    log = _sarif(capsys, Path("rules.yaml"), Path("refs.yaml"), Path("swagger2.yaml"))
    _check_sarif(log)
    results = log["runs"][0]["results"]
    assert len(results) == 17
    first = results[0]
    assert first["ruleId"] == "code-not-in-guideline"
    assert first["level"] == "warning"
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "rules.yaml"},
        "region": {"startLine": 10, "startColumn": 9},
    }
    assert first["message"]["text"] == (
        "GET /items 409: A diretriz House Rules não prevê o código 409 "
        "(https://httpstatusatlas.dev/codes/409/)"
    )
    assert log["runs"][0]["language"] == "pt-BR"


def test_sarif_uses_file_uris_for_absolute_paths(capsys):
    log = _sarif(capsys, SPECS / "swagger2.yaml")
    _check_sarif_schema_only(log)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri == {"uri": (SPECS / "swagger2.yaml").as_uri()}


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
    assert error.message == "Open Finance Brasil does not use 422 on DELETE"
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


@needs_samples
@pytest.mark.parametrize("atlas", ATLASES)
def test_samples_give_valid_sarif(capsys, atlas, monkeypatch):
    monkeypatch.chdir(SAMPLES)
    names = [Path(p.name) for p in (PAYMENTS, CONSENTS, RESOURCES)]
    _check_sarif(_sarif(capsys, *names, guideline="open-finance-brasil", atlas=atlas))
    _check_sarif(_sarif(capsys, Path(NFE.name), guideline="nfe-io", atlas=atlas))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_docs_page_explains_every_rule(lang):
    """SARIF rules link to check-your-api/#<rule-id>: each needs its heading on the page."""
    page = (ROOT / "site_src" / f"check-your-api.{lang}.md").read_text(encoding="utf-8")
    headings = re.findall(r"^### ([a-z-]+)$", page, flags=re.MULTILINE)
    assert headings == list(lint.RULES)


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


def test_a_recursive_alias_is_a_usage_error(tmp_path, capsys):
    spec = tmp_path / "loop.yaml"
    spec.write_text("openapi: 3.0.3\npaths: &p\n  /a: *p\n", encoding="utf-8")
    code = main(
        ["lint-openapi", str(spec), "--guideline", "open-finance-brasil", "--data", str(DATA)]
    )
    assert code == 2
    assert "refers to a node that contains it" in capsys.readouterr().err

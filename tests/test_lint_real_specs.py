"""`lint-openapi` on specs as real repositories hold them: split into files, JSON written by
tools, YAML that other readers accept, shared nodes, files that cannot be read next to files
that can, and hostile input that must end quickly, without a traceback.

Expected reports are golden files: tests/fixtures/openapi/golden/<case>.<lang>.txt is the
exact standard output of checking the case's spec against the `house` guideline of the test
atlas, run from tests/fixtures/openapi/.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from generator import lint
from generator.atlas import load_atlas
from generator.cli import main

from .conftest import FIXTURES, ROOT

SPECS = FIXTURES / "openapi"
ATLAS = SPECS / "atlas.yaml"
GOLDEN = SPECS / "golden"

#: case: (spec, exit code, standard error)
CASES = {
    # Paths and responses in other files (YAML and JSON, JSON pointers): findings at each
    # file's own line and column, naming the operation and the $ref that reaches it.
    "split": ("split/openapi.yaml", 1, ""),
    # Responses outside the spec's folder and on another host: refused, never read; nothing
    # could be checked, and that is an error.
    "outside": ("outside/spec/openapi.yaml", 1, ""),
    # A file a $ref names cannot be read: its own error, the rest reported, exit 2.
    "unreadable-ref": (
        "unreadable-ref/openapi.yaml",
        2,
        "unreadable-ref/broken.yaml:3:1: error: cannot read the spec: YAML syntax: did not find "
        "expected ',' or '}' (check indentation and quoting)\n",
    ),
    # JSON as json.dumps writes it: surrogate pairs, escapes.
    "surrogates": ("surrogates.json", 1, ""),
    # A tab on a blank line in a block scalar, float and null keys in an example, !!str.
    "yaml-readers-accept": ("yaml-readers-accept.yaml", 1, ""),
    # Merge keys applied: merged responses checked once, at the anchor.
    "merge-keys": ("merge-keys.yaml", 0, ""),
    # A broken or circular $ref on a whole responses mapping is a broken reference.
    "broken-responses-ref": ("broken-responses-ref.yaml", 0, ""),
    # An alias and a path item shared by $ref: the operation, and where it reaches the node.
    "shared-alias": ("shared-alias.yaml", 1, ""),
    # `true:`, `0404:`, `2xx:` shown as written; `2xx` is no range.
    "keys-as-written": ("keys-as-written.yaml", 0, ""),
}


def run(capsys, *args: object) -> tuple[int, str, str]:
    code = main(["lint-openapi", *(str(a) for a in args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("case", list(CASES))
def test_golden_reports(capsys, monkeypatch, case):
    spec, exit_code, stderr = CASES[case]
    monkeypatch.chdir(SPECS)
    code, out, err = run(capsys, spec, "--guideline", "house", "--data", ATLAS, "--lang", "en")
    assert (code, err) == (exit_code, stderr)
    assert out == (GOLDEN / f"{case}.en.txt").read_text(encoding="utf-8")


def test_golden_report_in_portuguese(capsys, monkeypatch):
    monkeypatch.chdir(SPECS)
    code, out, _ = run(capsys, "shared-alias.yaml", "--guideline", "house", "--data", ATLAS)
    assert code == 1
    assert out == (GOLDEN / "shared-alias.pt-BR.txt").read_text(encoding="utf-8")


# --- What a guideline rules out or asks for --------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "pt-BR"])
def test_stances_and_required_headers(capsys, monkeypatch, lang):
    """The `strict` guideline forbids 422 (400 instead, and says so for a situation) and 418,
    discourages 304, and requires a header with 429, 201 and 5xx."""
    monkeypatch.chdir(SPECS)
    code, out, _ = run(
        capsys, "stances.yaml", "--guideline", "strict", "--data", ATLAS, "--lang", lang
    )
    assert code == 1
    assert out == (GOLDEN / f"stances.{lang}.txt").read_text(encoding="utf-8")


def test_what_satisfies_a_required_header():
    """A header under `headers`, in any case, through a $ref; one of several names; `content`
    for Content-Type. A forbidden code is not reported again as ruled out for its method."""
    rep = lint.lint_files([SPECS / "stances.yaml"], load_atlas(ATLAS), "strict", lang="en")
    assert [(f.line, f.rule, f.code) for f in rep.findings] == [
        (13, "forbidden-code", "422"),
        (25, "discouraged-code", "304"),
        (26, "forbidden-code", "418"),
        (26, "retired-code", "418"),
        (27, "missing-header", "429"),
        (29, "missing-header", "503"),
        (32, "missing-header", "201"),
    ]


REAL_ATLAS = ROOT / "data" / "atlas.yaml"


def test_zalando_forbids_and_discourages_with_its_own_words(capsys):
    rep = lint.lint_files([SPECS / "stances.yaml"], load_atlas(REAL_ATLAS), "zalando", lang="en")
    forbidden = {f.code: f for f in rep.findings if f.rule == "forbidden-code"}
    assert set(forbidden) == {"418", "422"}
    assert forbidden["422"].message.startswith(
        "Zalando forbids 422 (use 400 instead); for the situation “The body parses fine"
    )
    assert forbidden["422"].url == "https://httpstatusatlas.dev/en/codes/422/#zalando"
    assert forbidden["422"].guideline_text
    (header,) = [f for f in rep.findings if f.rule == "missing-header"]
    assert header.message == (
        "Zalando requires one of the headers Retry-After, X-RateLimit-Limit, "
        "X-RateLimit-Remaining, X-RateLimit-Reset with 429; this response declares none of them"
    )


@pytest.mark.parametrize(
    "guideline",
    [source.id for source in load_atlas(REAL_ATLAS).sources] if REAL_ATLAS.is_file() else [],
)
def test_every_guideline_of_the_atlas_checks_a_spec(capsys, monkeypatch, guideline):
    """Each id --guideline takes, the newer guidelines included, gives a report and valid
    SARIF on a split spec and on the stances spec."""
    monkeypatch.chdir(SPECS)
    for fmt in ("text", "sarif"):
        code, out, err = run(
            capsys, "split/openapi.yaml", "stances.yaml", "--guideline", guideline,
            "--format", fmt, "--lang", "en",
        )  # fmt: skip
        assert (code in (0, 1), err) == (True, "")
    log = json.loads(out)
    assert [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]] == list(lint.RULES)


def report(spec: Path, **options):
    return lint.lint_files([spec], load_atlas(ATLAS), "house", lang="en", **options)


def rows(rep) -> list[tuple]:
    return [
        (Path(f.file).relative_to(SPECS).as_posix(), f.line, f.column, f.rule, f.operation, f.code)
        for f in rep.findings
    ]


# --- Specs in several files ------------------------------------------------------------------


def test_a_split_spec_is_checked_in_every_file(monkeypatch):
    """Each finding is where its response is written, in YAML or JSON, and names the $ref in
    the main file that leads there."""
    monkeypatch.chdir(SPECS)
    rep = lint.lint_files([Path("split/openapi.yaml")], load_atlas(ATLAS), "house", lang="en")
    assert rep.files == (
        "split/openapi.yaml",
        "split/paths/pets.yaml",
        "split/paths/pet.yaml",
        "split/paths/orders.json",
        "split/components/responses.yaml",
        "split/components/errors.json",
    )
    assert [(f.file, f.line, f.column, f.rule, f.operation, f.code) for f in rep.findings] == [
        ("split/paths/pets.yaml", 4, 5, "code-not-in-guideline", "GET /pets", "400"),
        ("split/paths/pets.yaml", 9, 5, "code-not-in-guideline", "POST /pets", "400"),
        ("split/paths/pet.yaml", 8, 5, "code-not-for-method", "DELETE /pets/{id}", "200"),
        ("split/paths/pet.yaml", 12, 13, "ref-not-followed", "DELETE /pets/{id}", "500"),
        ("split/paths/orders.json", 4, 7, "code-not-for-method", "DELETE /orders/{id}", "200"),
        ("split/paths/orders.json", 6, 7, "code-not-in-guideline", "DELETE /orders/{id}", "409"),
        ("split/paths/orders.json", 6, 23, "broken-ref", "DELETE /orders/{id}", "409"),
    ]
    delete = rep.findings[2]
    assert [(r.operation, str(r.via)) for r in delete.reached_from] == [
        ("DELETE /pets/{id}", "split/openapi.yaml:9:11")
    ]
    broken = rep.findings[-1]
    assert broken.message == (
        "$ref '../components/errors.json#/responses/Conflict' points to nothing in "
        "split/components/errors.json"
    )


def test_files_outside_the_folder_and_other_hosts_are_never_opened(monkeypatch, tmp_path):
    """A $ref out of the spec's folder or to a URL is a finding; the file is not opened and no
    connection is made, whatever it would hold."""
    opened: list[str] = []
    real_open = Path.open

    def watch_open(self, *args, **kwargs):
        opened.append(str(self))
        return real_open(self, *args, **kwargs)

    def no_network(*args, **kwargs):
        raise AssertionError("lint-openapi tried to connect")

    monkeypatch.setattr(Path, "open", watch_open)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    rep = report(SPECS / "outside" / "spec" / "openapi.yaml")
    assert [(f.rule, f.severity) for f in rep.findings] == [
        ("nothing-checked", "error"),
        ("ref-not-followed", "warning"),
        ("ref-not-followed", "warning"),
    ]
    assert rep.failed()
    assert not any(name.endswith("shared.yaml") for name in opened), opened


def test_an_absolute_path_and_a_symlink_out_of_the_folder_are_refused(tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text('R: {"200": {description: x}}\n', encoding="utf-8")
    folder = tmp_path / "api"
    folder.mkdir()
    (folder / "link.yaml").symlink_to(secret)
    spec = folder / "openapi.yaml"
    spec.write_text(
        "openapi: 3.0.3\n"
        "info: {title: t, version: '1'}\n"
        "paths:\n"
        "  /a:\n"
        "    delete:\n"
        f"      responses: {{$ref: '{secret}#/R'}}\n"
        "  /b:\n"
        "    delete:\n"
        "      responses: {$ref: 'link.yaml#/R'}\n"
        "  /c:\n"
        "    delete:\n"
        "      responses: {$ref: 'file:///etc/passwd'}\n",
        encoding="utf-8",
    )
    rep = report(spec)
    refused = [(f.line, f.rule) for f in rep.findings if f.rule == "ref-not-followed"]
    assert refused == [(6, "ref-not-followed"), (9, "ref-not-followed"), (12, "ref-not-followed")]
    assert [f.rule for f in rep.findings if f.severity == "error"] == ["nothing-checked"]
    assert rep.files == (str(spec),)


def test_a_spec_with_no_responses_at_all_says_nothing_was_checked(tmp_path):
    spec = tmp_path / "openapi.yaml"
    spec.write_text(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get: {}\n",
        encoding="utf-8",
    )
    (finding,) = report(spec).findings
    assert (finding.rule, finding.line, finding.column) == ("nothing-checked", 3, 1)
    assert finding.message == (
        "Nothing in this spec could be checked: no operation under 'paths' declares responses"
    )


def test_a_spec_without_paths_is_clean(tmp_path):
    spec = tmp_path / "openapi.yaml"
    spec.write_text("openapi: 3.1.0\ninfo: {title: t, version: '1'}\nwebhooks: {}\n", "utf-8")
    assert report(spec).findings == ()


def test_a_file_named_twice_or_reached_twice_is_read_once(tmp_path):
    shared = tmp_path / "responses.yaml"
    shared.write_text('Std: {"529": {description: busy}}\n', encoding="utf-8")
    specs = []
    for name in ("one.yaml", "two.yaml"):
        spec = tmp_path / name
        spec.write_text(
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n"
            f"  /{name}:\n    get:\n      responses: {{$ref: 'responses.yaml#/Std'}}\n",
            encoding="utf-8",
        )
        specs.append(spec)
    rep = lint.lint_files([*specs, specs[0]], load_atlas(ATLAS), "house", lang="en")
    assert rep.files == (str(specs[0]), str(shared), str(specs[1]))
    (finding,) = rep.findings
    assert (finding.rule, finding.file, finding.operations) == (
        "unregistered-code",
        str(shared),
        2,
    )
    assert [r.operation for r in finding.reached_from] == ["GET /one.yaml", "GET /two.yaml"]


# --- Reading what other readers read -------------------------------------------------------


def test_json_is_read_as_json_with_surrogate_pairs(capsys):
    rep = report(SPECS / "surrogates.json")
    assert rows(rep) == [("surrogates.json", 8, 23, "code-not-for-method", "DELETE /café", "200")]


def test_yaml_that_other_readers_accept_is_read():
    rep = report(SPECS / "yaml-readers-accept.yaml")
    assert rows(rep) == [
        ("yaml-readers-accept.yaml", 15, 9, "code-not-for-method", "DELETE /items/{id}", "200")
    ]


def test_merge_keys_are_applied_and_keys_written_in_place_win():
    rep = report(SPECS / "merge-keys.yaml")
    assert rows(rep) == [
        ("merge-keys.yaml", 6, 3, "code-not-in-guideline", "GET /items", "418"),
        ("merge-keys.yaml", 6, 3, "code-not-in-guideline", "POST /items", "418"),
        ("merge-keys.yaml", 6, 3, "retired-code", "GET /items", "418"),
    ]
    retired = rep.findings[-1]
    assert retired.operations == 2
    assert [str(r) for r in retired.reached_from] == [
        f"GET /items ({SPECS / 'merge-keys.yaml'}:12:9)",
        f"POST /items ({SPECS / 'merge-keys.yaml'}:17:9)",
    ]
    assert not [f for f in rep.findings if f.code == "<<"]


def test_a_broken_ref_on_a_whole_responses_mapping_is_a_broken_reference():
    rep = report(SPECS / "broken-responses-ref.yaml")
    assert [(f.line, f.column, f.rule, f.operation, f.code) for f in rep.findings] == [
        (9, 15, "broken-ref", "GET /gone", None),
        (13, 15, "broken-ref", "GET /round", None),
    ]


def test_keys_are_shown_as_written():
    rep = report(SPECS / "keys-as-written.yaml")
    assert [(f.rule, f.code) for f in rep.findings] == [
        ("not-a-status-code", "true"),
        ("not-a-status-code", "0404"),
        ("not-a-status-code", "2xx"),
        ("range-response", "2XX"),
    ]


def test_json_and_sarif_name_the_operations_a_shared_node_is_about(capsys, monkeypatch):
    monkeypatch.chdir(SPECS)
    _, out, _ = run(
        capsys, "shared-alias.yaml", "--guideline", "house", "--data", ATLAS, "--format", "json"
    )
    shared = json.loads(out)["findings"][-1]
    assert (shared["operation"], shared["operations"]) == ("DELETE /b/{id}", 2)
    assert shared["reached_from"] == [
        {"operation": "DELETE /b/{id}", "file": "shared-alias.yaml", "line": 15, "column": 11},
        {"operation": "DELETE /c/{id}", "file": "shared-alias.yaml", "line": 17, "column": 11},
    ]
    _, out, _ = run(
        capsys, "shared-alias.yaml", "--guideline", "house", "--data", ATLAS, "--format", "sarif"
    )
    result = json.loads(out)["runs"][0]["results"][-1]
    assert [r["physicalLocation"]["region"]["startLine"] for r in result["relatedLocations"]] == [
        15,
        17,
    ]
    assert [r["message"]["text"] for r in result["relatedLocations"]] == [
        "DELETE /b/{id}",
        "DELETE /c/{id}",
    ]


def test_unreadable_files_are_in_json_and_sarif_too(capsys, monkeypatch):
    monkeypatch.chdir(SPECS)
    code, out, _ = run(
        capsys, "unreadable-ref/openapi.yaml", "--guideline", "house", "--data", ATLAS,
        "--format", "json", "--lang", "en",
    )  # fmt: skip
    assert code == 2
    assert json.loads(out)["unreadable"] == [
        {
            "file": "unreadable-ref/broken.yaml",
            "line": 3,
            "column": 1,
            "message": "unreadable-ref/broken.yaml:3:1: cannot read the spec: YAML syntax: did "
            "not find expected ',' or '}' (check indentation and quoting)",
        }
    ]
    _, out, _ = run(
        capsys, "unreadable-ref/openapi.yaml", "--guideline", "house", "--data", ATLAS,
        "--format", "sarif",
    )  # fmt: skip
    (invocation,) = json.loads(out)["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error"


def test_json_and_sarif_are_written_as_json_dumps_would(capsys):
    """The reports are streamed piece by piece; the text is the same as one json.dumps."""
    rep = lint.lint_files(
        [SPECS / "rules.yaml", SPECS / "refs.yaml", SPECS / "shared-alias.yaml"],
        load_atlas(ATLAS),
        "house",
        missing=True,
    )
    dumped = json.dumps(lint.to_data(rep), ensure_ascii=False, indent=2) + "\n"
    assert lint.to_json(rep) == dumped
    dumped = json.dumps(lint.to_sarif_data(rep), ensure_ascii=False, indent=2) + "\n"
    assert lint.to_sarif(rep) == dumped
    empty = lint.lint_files([SPECS / "clean.yaml"], load_atlas(ATLAS), "house")
    assert (
        lint.to_json(empty) == json.dumps(lint.to_data(empty), ensure_ascii=False, indent=2) + "\n"
    )


# --- Hostile input, bounded ------------------------------------------------------------------

#: A hostile input must end well within this (seconds); it takes a fraction of it.
BOUND = 60


def lint_process(*args: object, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The command as a user runs it, in a process of its own that must end within BOUND."""
    return subprocess.run(
        [sys.executable, "-m", "generator", "lint-openapi", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        timeout=BOUND,
        env={**os.environ, **(env or {})},
    )


def no_traceback(result: subprocess.CompletedProcess) -> str:
    err = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    return err


def test_a_responses_map_aliased_by_thousands_of_paths_is_reported_once(tmp_path):
    """A small file can alias one responses mapping from thousands of path items: each finding
    in it is made and printed once, with how many operations share it."""
    keys = [f"x{i}" for i in range(400)] + ["529", "418"]
    lines = ["openapi: 3.0.3", "info: {title: t, version: '1'}", "x-r: &r"]
    lines += [f"  {key}: {{description: d}}" for key in keys]
    lines.append("paths:")
    lines += [
        f"  /p{i}: {{get: {{responses: *r}}, delete: {{responses: *r}}}}" for i in range(3000)
    ]
    spec = tmp_path / "aliases.yaml"
    spec.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = lint_process(spec, "--guideline", "house", "--data", ATLAS, "--format", "json")
    no_traceback(result)
    assert result.returncode == 0
    findings = json.loads(result.stdout)["findings"]
    by_rule: dict[str, int] = {}
    for f in findings:
        by_rule[f["rule"]] = by_rule.get(f["rule"], 0) + 1
    # 400 keys that are no code, 529 and 418 once each (418 once per method: its message
    # names the codes the guideline uses on that method).
    assert by_rule == {
        "not-a-status-code": 400,
        "unregistered-code": 1,
        "retired-code": 1,
        "code-not-in-guideline": 2,
    }
    assert {f["operations"] for f in findings if f["rule"] != "code-not-in-guideline"} == {6000}
    assert all(len(f["reached_from"]) == 10 for f in findings)


def test_a_long_chain_of_refs_is_resolved_once(tmp_path):
    """Each reference is resolved once: 20,000 responses through a chain of 20,000 $refs."""
    n = 20_000
    lines = ["openapi: 3.0.3", "info: {title: t, version: '1'}", "paths:"]
    lines += [f"  /p{i}: {{get: {{responses: {{'404': {{$ref: '#/c/R0'}}}}}}}}" for i in range(n)]
    lines.append("c:")
    lines += [f"  R{i}: {{$ref: '#/c/R{i + 1}'}}" for i in range(n)]
    lines.append(f"  R{n}: {{description: the end}}")
    spec = tmp_path / "chain.yaml"
    spec.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = lint_process(spec, "--guideline", "house", "--data", ATLAS, "--lang", "en")
    no_traceback(result)
    assert result.returncode == 0
    assert result.stdout.decode().splitlines()[-1] == "0 errors, 0 warnings, 0 infos in 1 file"


def test_a_circle_of_refs_that_every_response_enters_is_bounded(tmp_path):
    n = 5_000
    lines = ["openapi: 3.0.3", "info: {title: t, version: '1'}", "paths:"]
    lines += [f"  /p{i}: {{get: {{responses: {{'404': {{$ref: '#/c/R{i}'}}}}}}}}" for i in range(n)]
    lines.append("c:")
    lines += [f"  R{i}: {{$ref: '#/c/R{(i + 1) % n}'}}" for i in range(n)]
    spec = tmp_path / "circle.yaml"
    spec.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = lint_process(spec, "--guideline", "house", "--data", ATLAS, "--format", "json")
    no_traceback(result)
    findings = json.loads(result.stdout)["findings"]
    assert len([f for f in findings if f["rule"] == "broken-ref"]) == n
    # The circle is named by its first references and how many there are, not all of them.
    assert findings[0]["message"] == (
        "O $ref '#/c/R0' anda em círculo: #/c/R0 → #/c/R1 → #/c/R2 → #/c/R3 → … → #/c/R4999 "
        "→ #/c/R0 (5.000 referências)"
    )


def test_reading_stops_at_the_size_limit(tmp_path):
    """/dev/zero never ends: reading stops at the limit. A larger file is refused by its size,
    unread."""
    result = lint_process("/dev/zero", "--guideline", "house", "--data", ATLAS, "--lang", "en")
    assert (result.returncode, no_traceback(result)) == (
        2,
        "error: /dev/zero: over the 52,428,800-byte limit (reading stopped there)\n",
    )
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(60 * 1024 * 1024)  # sparse: nothing is written to disk
    result = lint_process(big, "--guideline", "house", "--data", ATLAS, "--lang", "en")
    assert (result.returncode, no_traceback(result)) == (
        2,
        f"error: {big}: 62,914,560 bytes, over the 52,428,800-byte limit\n",
    )


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("flow.yaml", "openapi: 3.0.0\nx: " + "[" * 200_000, "2:1003"),
        ("block.yaml", "openapi: 3.0.0\nx:\n" + "".join(" " * i + "- \n" for i in range(1100)), ""),
        ("deep.json", '{"openapi": "3.0.0", "x": ' + "[" * 200_000, "1:1026"),
    ],
)
def test_nesting_deeper_than_any_spec_is_refused(tmp_path, name, text, where):
    spec = tmp_path / name
    spec.write_text(text, encoding="utf-8")
    result = lint_process(spec, "--guideline", "house", "--data", ATLAS, "--lang", "en")
    err = no_traceback(result)
    assert result.returncode == 2
    assert "nested more than 1,000 levels deep" in err
    assert err.startswith(f"{spec}:{where}" if where else str(spec))


def test_merges_that_multiply_are_refused(tmp_path):
    lines = ["openapi: 3.0.0", "big: &big"] + [f"  k{i}: v" for i in range(1000)]
    lines += ["copies:"] + ["  - {<<: *big}" for _ in range(2000)]
    spec = tmp_path / "merges.yaml"
    spec.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = lint_process(spec, "--guideline", "house", "--data", ATLAS, "--lang", "en")
    assert result.returncode == 2
    assert "merge keys ('<<') copy more than 1,000,000 entries" in no_traceback(result)


def test_aliases_of_aliases_cost_no_copies(tmp_path):
    """The "billion laughs": nine levels of lists of ten aliases. Aliases share, never copy."""
    lines = ["openapi: 3.0.0", "info: {title: t, version: '1'}", "a0: &a0 [x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    lines += ["paths: {/a: {get: {responses: {'200': {description: ok, x: *a9}}}}}"]
    spec = tmp_path / "laughs.yaml"
    spec.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = lint_process(spec, "--guideline", "house", "--data", ATLAS, "--lang", "en")
    no_traceback(result)
    assert result.returncode == 0


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_an_ascii_terminal_gets_no_traceback(fmt):
    result = lint_process(
        SPECS / "rules.yaml", "nope.yaml", "--guideline", "house", "--data", ATLAS,
        "--format", fmt, env={"PYTHONIOENCODING": "ascii"},
    )  # fmt: skip
    err = no_traceback(result)
    assert result.returncode == 2
    assert "arquivo n\\xe3o encontrado" in err
    out = result.stdout
    if fmt == "text":
        assert b"n\\xe3o usa 200 em DELETE" in out
    else:
        json.loads(out.decode("utf-8"))  # JSON and SARIF stay UTF-8
        assert "não usa 200 em DELETE".encode() in out

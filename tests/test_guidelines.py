"""The five guidelines added beside the seeds hold what their texts in ../shared/guidelines/ say:
code sets, stances, method rulings and the gRPC tables are read from the originals here, so a
drift between the data and the text fails."""

from __future__ import annotations

import re
from functools import cache

import pytest

from generator.atlas import load_atlas
from generator.model import METHODS, Atlas

from .conftest import DATA, SHARED

GUIDELINES = SHARED / "guidelines"
README = (GUIDELINES / "README.md").read_text(encoding="utf-8")


@cache
def atlas() -> Atlas:
    return load_atlas(DATA)


def text(path: str) -> str:
    return (GUIDELINES / path).read_text(encoding="utf-8")


def codes_of(source_id: str) -> set[int]:
    return {u.code for u in atlas().source(source_id).usage if u.code is not None}


# Zalando: each code is a heading "==== NNN Name {rfc-status-NNN} {label}... {METHOD}...".
ZALANDO_HEADING = re.compile(r"^==== (\d{3}) .*?\{rfc-status-\d{3}\}(.*)$", re.M)


def zalando_headings() -> dict[int, str]:
    return {
        int(code): labels
        for code, labels in ZALANDO_HEADING.findall(
            text("zalando/http-status-codes-and-errors.adoc")
        )
    }


def test_zalando_rules_on_every_code_of_its_status_code_chapter():
    assert codes_of("zalando") == set(zalando_headings())
    assert len(zalando_headings()) >= 40


def test_zalando_do_not_use_codes_are_forbidden_and_only_those():
    headings = zalando_headings()
    do_not_use = {code for code, labels in headings.items() if "{do-not-use}" in labels}
    assert {422, 418, 301, 302, 307, 308, 408} <= do_not_use
    forbidden = {u.code for u in atlas().source("zalando").usage if u.stance == "forbidden"}
    assert forbidden == do_not_use


def test_zalando_422_is_forbidden_in_favour_of_400():
    usage = atlas().usage("zalando", 422)
    assert usage is not None and usage.stance == "forbidden" and usage.instead == (400,)
    assert usage.why is not None


def test_zalando_207_is_required_for_batch_responses():
    usage = atlas().usage("zalando", 207)
    assert usage is not None and usage.stance == "required"


@pytest.mark.parametrize("code", sorted(zalando_headings()))
def test_zalando_methods_are_the_ones_its_heading_lists(code):
    labels = zalando_headings()[code]
    listed = set(METHODS) if "{ALL}" in labels else set(re.findall(r"\{([A-Z]+)\}", labels))
    usage = atlas().usage("zalando", code)
    assert usage is not None
    if usage.stance == "forbidden":
        ruled = {m for m in METHODS if usage.method(m) == "no"}
    else:
        ruled = {m for m in METHODS if usage.method(m) in ("yes", "conditional")}
    listed -= {"ALL"}
    assert listed <= ruled
    # a method beyond the heading comes from another rule, and says when (a condition)
    for extra in ruled - listed:
        assert usage.method(extra) == "conditional" and usage.condition_for(extra) is not None


def test_zalando_429_asks_for_retry_after_or_the_rate_limit_headers():
    usage = atlas().usage("zalando", 429)
    assert usage is not None
    names = {name for rule in usage.headers if rule.level == "required" for name in rule.names}
    assert "Retry-After" in names and "X-RateLimit-Limit" in names
    assert "153" in text("zalando/http-status-codes-and-errors.adoc")


# JSON:API: "A server MUST return `NNN ...`" sentences are normative.
def json_api_must_codes() -> set[int]:
    spec = re.sub(r"\s+", " ", text("json-api/format-1.1.md"))
    found = re.findall(r"\*\*MUST\*\* (?:respond with|return)(?: either)? (?:a )?`(\d{3})", spec)
    return {int(code) for code in found}


def test_json_api_codes_it_must_return_are_required():
    must = json_api_must_codes()
    assert {404, 409, 415, 406, 403, 400} <= must
    for code in must:
        usage = atlas().usage("json-api", code)
        assert usage is not None, code
        assert usage.stance == "required", code


def test_json_api_201_comes_with_location():
    usage = atlas().usage("json-api", 201)
    assert usage is not None
    assert any("Location" in rule.names for rule in usage.headers)


# Microsoft Azure: DELETE answers 204 whether or not the resource existed.
def test_azure_delete_of_a_missing_resource_is_204_never_404():
    guidelines = text("microsoft/azure_Guidelines.md")
    assert "204" in guidelines and "DELETE" in guidelines
    not_found = atlas().usage("microsoft-azure", 404)
    no_content = atlas().usage("microsoft-azure", 204)
    assert not_found is not None and not_found.method("DELETE") == "no"
    assert no_content is not None and no_content.method("DELETE") == "yes"
    assert not_found.stance != "forbidden"  # a method-level "no", not a stance


def test_azure_202_carries_operation_location():
    usage = atlas().usage("microsoft-azure", 202)
    assert usage is not None
    assert any("Operation-Location" in rule.names for rule in usage.headers)
    assert "Operation-Location" in text("microsoft/azure_Guidelines.md")


def test_graph_rules_on_429_503_and_404_for_hidden_resources():
    assert {403, 404, 429, 503} <= codes_of("microsoft-graph")


# Google AIP and the gRPC tables: the README lists both mappings.
def readme_canonical() -> dict[str, int]:
    line = README[README.index("OK 200") :].split(".\n")[0]
    return {name: int(code) for name, code in re.findall(r"([A-Z_]+) (\d{3})", line)}


def test_the_canonical_grpc_table_is_the_one_code_proto_gives():
    grpc = atlas().grpc
    assert grpc is not None
    table = {c.name: c.http for c in grpc.codes}
    assert table == readme_canonical()
    assert len(table) == 17 and [c.number for c in grpc.codes] == list(range(17))
    assert {c.name for c in grpc.canonical_for(400)} == {
        "INVALID_ARGUMENT",
        "FAILED_PRECONDITION",
        "OUT_OF_RANGE",
    }
    assert [c.name for c in grpc.canonical_for(499)] == ["CANCELLED"]


def test_the_reverse_table_is_what_grpc_clients_read_without_grpc_status():
    grpc = atlas().grpc
    assert grpc is not None
    reverse = README[README.index("400→INTERNAL") :].split(";")[0]
    for codes, name in re.findall(r"([\d/]+)→([A-Z_]+)", reverse):
        for code in codes.split("/"):
            assert grpc.client_reads(int(code)) == name
    assert grpc.client_reads(404) == "UNIMPLEMENTED" and grpc.client_reads(418) == "UNKNOWN"


def test_google_aip_answers_a_stale_etag_with_409_aborted():
    assert "ABORTED" in text("google-aip/aip-0154.md")
    usage = atlas().usage("google-aip", 409)
    assert usage is not None
    assert any("ABORTED" in n.en for n in usage.notes)


# adidas: long-running tasks end with 303 See Other and Location.
def test_adidas_finished_task_answers_303_with_location():
    assert "303" in text("adidas/long-running-tasks-polling.md")
    usage = atlas().usage("adidas", 303)
    assert usage is not None
    assert any("Location" in rule.names for rule in usage.headers)


def test_every_new_guideline_names_its_revision_licence_and_published_url():
    for source_id in ("zalando", "microsoft-azure", "microsoft-graph", "google-aip", "json-api"):
        source = atlas().source(source_id)
        assert source.revision and source.revision in README
        assert source.url.startswith("https://") and "/work/" not in source.url
        assert source.license.en and source.license.pt_br
    assert atlas().source("adidas").revision in README


def test_only_ruled_out_codes_name_replacements_and_every_replacement_exists():
    codes = {c.code for c in atlas().codes}
    ruled_out = [u for s in atlas().sources for u in s.usage if u.ruled_out]
    assert len(ruled_out) >= 10
    for source in atlas().sources:
        for usage in source.usage:
            if usage.ruled_out:
                assert usage.why is not None and set(usage.instead) <= codes
            else:
                assert usage.instead == () and usage.why is None

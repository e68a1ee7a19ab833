"""data/atlas.yaml records what the IANA registry and each seed guideline say, and nothing else.

The expectations are read from ../shared (the registry CSV and the seed pages), so any drift
between the data and its sources fails here.
"""

from __future__ import annotations

import csv
import re
from functools import cache

import pytest

from generator.atlas import load_atlas
from generator.model import Atlas, Text

from .conftest import DATA, SHARED

SEEDS = SHARED / "seeds"
GUIDELINES = SHARED / "guidelines"
IANA_CSV = SHARED / "reference" / "iana-http-status-codes.csv"


@cache
def atlas() -> Atlas:
    return load_atlas(DATA)


@cache
def iana() -> dict[int, tuple[str, str]]:
    with IANA_CSV.open(encoding="utf-8") as handle:
        return {
            int(row["Value"]): (row["Description"], row["Reference"])
            for row in csv.DictReader(handle)
            if row["Value"].isdigit()
        }


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def codes_of(source_id: str) -> set[int]:
    return {u.code for u in atlas().source(source_id).usage if u.code is not None}


def test_every_iana_code_is_in_the_atlas_plus_the_unregistered_ones_sources_use():
    assert {c.code for c in atlas().codes} == set(iana()) | {499, 529}
    assert len(iana()) == 64


@pytest.mark.parametrize("code", sorted(iana()))
def test_reason_phrase_and_reference_follow_the_registry(code):
    description, reference = iana()[code]
    entry = atlas().code(code)
    assert entry.reason.en == re.sub(r"\s*\((TEMPORARY|OBSOLETED)[^)]*\)", "", description)
    rfc9110 = re.fullmatch(r"RFC9110, ([\d.]+)", reference)
    if rfc9110:
        section = rfc9110.group(1)
        assert entry.reference.title == f"RFC 9110 §{section}"
        assert entry.reference.url.endswith(f"rfc9110.html#section-{section}")
    else:
        first = re.match(r"(RFC)(\d+)|(draft-[\w-]+)", reference)
        assert first is not None
        expected = f"RFC {first.group(2)}" if first.group(1) else first.group(3)
        assert entry.reference.title.startswith(expected)
        document = f"rfc{first.group(2)}.html" if first.group(1) else first.group(3)
        assert document in entry.reference.url


def test_registry_statuses():
    status = {c.code: c.registry for c in atlas().codes}
    special = {
        104: "temporary",
        305: "deprecated",
        306: "unused",
        418: "unused",
        510: "obsoleted",
        499: "unregistered",
        529: "unregistered",
    }
    for code, expected in special.items():
        assert status[code] == expected, code
    assert {c for c, s in status.items() if s == "registered"} == set(status) - set(special)
    assert atlas().code(104).expires == "2026-11-13"
    assert "expires 2026-11-13" in iana()[104][0]


def test_cacheable_by_default_is_the_rfc_9110_list_plus_226_and_451():
    """RFC 9110 §15.1 lists its own heuristically cacheable codes; RFC 7725 §3 makes 451
    cacheable by default, and RFC 3229 §10.4.1 lets caches store and reuse a 226 subject to
    the expiration mechanism, the wording RFC 2616 §13.4 used for its cacheable codes."""
    cacheable = {c.code for c in atlas().codes if c.cacheable}
    assert cacheable == {200, 203, 204, 206, 226, 300, 301, 308, 404, 405, 410, 414, 451, 501}


def test_retry_after_travels_with_429_and_503():
    for code in (429, 503):
        assert "Retry-After" in atlas().code(code).headers
    assert "Location" in atlas().code(201).headers
    assert "Allow" in atlas().code(405).headers
    assert "WWW-Authenticate" in atlas().code(401).headers
    assert "Content-Range" in atlas().code(206).headers


@pytest.mark.parametrize(
    ("code", "header"),
    [
        (101, "Upgrade"),  # RFC 9110 §15.2.2
        (103, "Link"),  # RFC 8297 §2
        (226, "IM"),  # RFC 3229 §10.4.1, §10.5.2
        (226, "ETag"),  # RFC 3229 §10.4.1
        (407, "Proxy-Authenticate"),  # RFC 9110 §15.5.8, §11.7.1
        (413, "Retry-After"),  # RFC 9110 §15.5.14, when the condition is temporary
        (416, "Content-Range"),  # RFC 9110 §15.5.17, §14.4
        (426, "Upgrade"),  # RFC 9110 §15.5.22
        (451, "Link"),  # RFC 7725 §3, rel="blocked-by"
    ],
)
def test_headers_the_defining_rfc_names_travel_with_the_code(code, header):
    assert header in atlas().code(code).headers


def test_304_carries_the_fields_rfc_9110_requires_and_no_content_fields():
    headers = set(atlas().code(304).headers)  # RFC 9110 §15.4.5
    assert {"Cache-Control", "Content-Location", "Date", "ETag", "Expires", "Vary"} <= headers
    assert not headers & {"Content-Type", "Content-Length", "Content-Range"}


def test_source_ids_are_fixed():
    assert [s.id for s in atlas().sources] == [
        "rfc9110",
        "nfe-io",
        "open-finance-brasil",
        "claro",
        "google-actions-center",
        "zalando",
        "microsoft-azure",
        "microsoft-graph",
        "google-aip",
        "json-api",
        "adidas",
    ]
    assert [s.kind for s in atlas().sources] == ["standard"] + ["guideline"] * 10


def test_nfe_io_uses_every_code_of_its_table():
    table = {int(m) for m in re.findall(r"(?m)^\|\s*(\d{3})\s*\|", seed("000"))}
    assert table == {202, 400, 401, 408, 500, 503, 504}
    assert codes_of("nfe-io") == table


def test_nfe_io_408_is_the_60_second_server_limit():
    usage = atlas().usage("nfe-io", 408)
    assert usage is not None
    assert "60" in usage.meaning.en and "60" in usage.meaning.pt_br


def open_finance_table() -> dict[int, dict[str, str]]:
    """The seed's table: code → POST/GET/DELETE/PATCH as published (Sim/Não)."""
    text = seed("001")
    rows = re.findall(
        r"\|\s*(\d{3})\s[^|]*\|(?:[^|]*\|)?\s*(Sim|Não)\s*\|\s*(Sim|Não)\s*\|"
        r"\s*(Sim|Não)\s*\|\s*(Sim|Não)\s*\|",
        text,
    )
    word = {"Sim": "yes", "Não": "no"}
    return {
        int(code): dict(
            zip(("POST", "GET", "DELETE", "PATCH"), (word[v] for v in values), strict=True)
        )
        for code, *values in rows
    }


def test_open_finance_table_is_parsed_completely():
    assert sorted(open_finance_table()) == [
        200,
        201,
        202,
        204,
        304,
        400,
        401,
        403,
        404,
        405,
        406,
        410,
        415,
        422,
        429,
        500,
        503,
        504,
    ]


def test_open_finance_uses_its_table_plus_529_from_its_specs():
    assert codes_of("open-finance-brasil") == set(open_finance_table()) | {529}


@pytest.mark.parametrize("code", sorted(open_finance_table()))
def test_open_finance_method_matrix_matches_the_published_table_cell_by_cell(code):
    usage = atlas().usage("open-finance-brasil", code)
    assert usage is not None
    published = open_finance_table()[code]
    for method, state in published.items():
        assert usage.method(method) == state, (code, method)
    for method in ("PUT", "HEAD", "OPTIONS"):
        assert usage.method(method) == "unspecified", (code, method)


def test_open_finance_rules_cover_the_directory_404_and_post_200():
    rules = " ".join(r.en for r in atlas().source("open-finance-brasil").rules)
    assert "404" in rules and "directory" in rules.lower()
    assert "200" in rules and "POST" in rules


def test_claro_uses_every_code_of_its_page():
    codes = {int(m) for m in re.findall(r"(?m)^(\d{3}) [A-Z]", seed("002"))}
    assert codes == {
        200,
        201,
        202,
        204,
        304,
        400,
        401,
        403,
        404,
        405,
        406,
        410,
        415,
        422,
        429,
        451,
        500,
        503,
    }
    assert codes_of("claro") == codes


def test_claro_sync_and_async_success_codes_are_conditional():
    ok = atlas().usage("claro", 200)
    accepted = atlas().usage("claro", 202)
    created = atlas().usage("claro", 201)
    assert ok is not None and accepted is not None and created is not None
    assert ok.method("GET") == "yes"
    assert ok.method("POST") == "unspecified"
    for method in ("PUT", "PATCH", "DELETE"):
        assert ok.method(method) == "conditional"
        assert accepted.method(method) == "conditional"
    assert created.method("POST") == "conditional"
    assert "synchron" in created.condition_for("POST").en.lower()  # type: ignore[union-attr]
    assert "asynchron" in accepted.condition_for("POST").en.lower()  # type: ignore[union-attr]


# Claro's success table names methods (sync or async); each line and what the atlas marks.
CLARO_METHOD_LINES = {
    200: (
        "200 OK Sucesso do método GET e dos métodos PATCH, PUT e DELETE síncronos",
        {"GET": "yes", "PUT": "conditional", "PATCH": "conditional", "DELETE": "conditional"},
    ),
    201: ("201 Created Sucesso do método POST síncrono", {"POST": "conditional"}),
    202: (
        "202 Accepted Sucesso dos métodos POST, PATCH, PUT e DELETE assíncronos",
        {m: "conditional" for m in ("POST", "PUT", "PATCH", "DELETE")},
    ),
    204: ("204 No Content Sucesso do método DELETE síncrono.", {"DELETE": "conditional"}),
}


@pytest.mark.parametrize("code", sorted(CLARO_METHOD_LINES))
def test_claro_success_codes_mark_exactly_the_methods_its_table_names(code):
    line, expected = CLARO_METHOD_LINES[code]
    assert line in seed("002")
    usage = atlas().usage("claro", code)
    assert usage is not None
    assert usage.methods == expected
    asynchronous = "assíncrono" in line
    for method, state in expected.items():
        if state == "conditional":
            condition = usage.condition_for(method)
            assert condition is not None, (code, method)
            word = "asynchronous" if asynchronous else "synchronous"
            assert re.search(rf"\b{word}", condition.en), (code, method)


def test_claro_names_no_method_for_its_other_codes():
    for usage in atlas().source("claro").usage:
        if usage.code not in CLARO_METHOD_LINES:
            assert usage.methods == {}, usage.label


def test_claro_405_after_the_point_of_no_return_is_recorded():
    rules = " ".join(r.en for r in atlas().source("claro").rules)
    assert "405" in rules and "point of no return" in rules.lower()
    usage = atlas().usage("claro", 405)
    assert usage is not None
    assert any("DELETE" in n.en and "PONR" in n.en and "PONR" in n.pt_br for n in usage.notes)


def test_google_uses_every_code_of_its_page_and_the_2xx_class():
    codes = {int(m) for m in re.findall(r"\| (\d{3}) +\|", seed("003"))}
    assert codes == {400, 401, 403, 404, 409, 429, 499, 500, 501, 503, 504}
    assert codes_of("google-actions-center") == codes
    class_rules = atlas().class_usages(2)
    assert "google-actions-center" in [u.source for u in class_rules]
    rules = " ".join(r.en for r in atlas().source("google-actions-center").rules).lower()
    assert "specific" in rules and "2xx" in rules


def test_google_states_no_method_rules():
    for usage in atlas().source("google-actions-center").usage:
        assert usage.methods == {}, usage.label


def phrases_in_seed(source_id: str) -> dict[int, str]:
    """The reason phrase each guideline writes beside each code, as published."""
    if source_id == "open-finance-brasil":
        rows = re.findall(r"\|\s*(\d{3}) ([A-Za-z][^|]*?)\.?\s*\|", seed("001"))
        return {int(code): phrase for code, phrase in rows}
    if source_id == "google-actions-center":
        rows = re.findall(r"\| (\d{3}) +\| ([A-Za-z][^|]*?) +\|", seed("003"))
        return {int(code): phrase for code, phrase in rows}
    assert source_id == "claro"
    lines = re.findall(r"(?m)^(\d{3}) (.+)$", seed("002"))
    phrases = {}
    for code, rest in lines:
        reason = atlas().code(int(code)).reason.en
        usage = atlas().usage("claro", int(code))
        used = usage.reason_used if usage and usage.reason_used else reason
        phrases[int(code)] = used if rest.startswith(used + " ") else rest
    return phrases


@pytest.mark.parametrize("source_id", ["open-finance-brasil", "claro", "google-actions-center"])
def test_reason_phrases_that_differ_from_the_registry_are_recorded(source_id):
    published = phrases_in_seed(source_id)
    assert set(published) == codes_of(source_id) - {529}
    for code, phrase in published.items():
        usage = atlas().usage(source_id, code)
        assert usage is not None
        expected = None if phrase == atlas().code(code).reason.en else phrase
        assert usage.reason_used == expected, (source_id, code, phrase)


def test_older_reason_phrases_are_recorded():
    for source in ("open-finance-brasil", "claro"):
        usage = atlas().usage(source, 422)
        assert usage is not None and usage.reason_used == "Unprocessable Entity"


def test_rfc9110_appears_on_exactly_the_codes_it_defines():
    defined = {code for code, (_, ref) in iana().items() if ref.startswith("RFC9110")}
    assert codes_of("rfc9110") == defined


def test_rfc9110_304_answers_only_conditional_get_or_head():
    usage = atlas().usage("rfc9110", 304)
    assert usage is not None
    assert usage.method("GET") == "conditional" and usage.method("HEAD") == "conditional"
    assert usage.method("POST") != "yes"


def test_rfc9110_206_answers_a_range_get():
    usage = atlas().usage("rfc9110", 206)
    assert usage is not None and usage.method("GET") == "conditional"
    assert "Range" in usage.condition_for("GET").en  # type: ignore[union-attr]


def _runs(text: str, size: int = 8) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def _prose() -> list[tuple[str, Text]]:
    """Every reader-facing text of the atlas (names and URLs are titles, not prose)."""
    texts: list[tuple[str, Text]] = []
    for status_class in atlas().classes:
        texts.append((status_class.label, status_class.summary))
    for code in atlas().codes:
        texts.append((str(code.code), code.meaning))
    for source in atlas().sources:
        texts += [(source.id, source.summary), (source.id, source.license)]
        texts += [(source.id, rule) for rule in source.rules]
        for usage in source.usage:
            label = f"{source.id} {usage.label}"
            texts += [(label, usage.meaning), *((label, n) for n in usage.notes)]
            texts += [(label, c.text) for c in usage.conditions]
            texts += [(label, h.note) for h in usage.headers if h.note]
            texts += [(label, t) for t in (usage.action, usage.why) if t]
    for scenario in atlas().scenarios:
        texts += [(scenario.id, scenario.question), (scenario.id, scenario.description)]
        texts += [(scenario.id, a.note) for a in scenario.answers]
        if scenario.baseline.note:
            texts.append((scenario.id, scenario.baseline.note))
    if atlas().guide:
        texts += [(q.id, q.text) for q in atlas().guide.questions]
    return texts


def test_no_sentence_is_copied_from_the_seeds_or_the_guidelines():
    originals = [*SEEDS.glob("*.txt"), *GUIDELINES.glob("*/*.md"), *GUIDELINES.glob("*/*.adoc")]
    assert len(originals) >= 4 + 20  # the four seeds and every guideline chapter
    seed_runs = set().union(*(_runs(p.read_text(encoding="utf-8")) for p in originals))
    copied = [
        f"{label} [{lang}]: {run}"
        for label, text in _prose()
        for lang in ("en", "pt-BR")
        for run in _runs(text.get(lang)) & seed_runs
    ]
    assert copied == []


def test_every_source_links_to_its_original():
    for source in atlas().sources:
        assert source.url.startswith("https://")
        assert source.retrieved
        assert source.license.en and source.license.pt_br

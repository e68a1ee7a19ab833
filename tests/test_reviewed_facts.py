"""Facts a reviewer found wrong or missing, as an integrator reads them: from the JSON export
(`python -m generator export --format json`), and from the built pages where a reader meets
them. Each test names what the source or the RFC says."""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

import pytest

from generator.cli import main

from .conftest import ROOT, SHARED


@cache
def _export_text() -> str:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["export", "--format", "json"]) == 0
    return out.getvalue()


def export() -> dict[str, Any]:
    return json.loads(_export_text())


def code(number: int) -> dict[str, Any]:
    return next(c for c in export()["codes"] if c["code"] == number)


def usage(source: str, number: int) -> dict[str, Any]:
    return next(u for u in code(number)["usage"] if u["source"] == source)


def seed(prefix: str) -> str:
    return next((SHARED / "seeds").glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def texts_in(value: Any, lang: str, key: str = "") -> list[str]:
    """Every text of the export in one language. A text is a mapping with both languages
    (conditions carry their methods beside them); reason phrases are names, not prose."""
    if isinstance(value, list):
        return [t for v in value for t in texts_in(v, lang, key)]
    if not isinstance(value, dict):
        return []
    both = isinstance(value.get("en"), str) and isinstance(value.get("pt-BR"), str)
    found = [value[lang]] if both and key != "reason" else []
    return found + [t for k, v in value.items() if k not in ("en", "pt-BR")
                    for t in texts_in(v, lang, k)]  # fmt: skip


def english_texts(value: Any) -> list[str]:
    return texts_in(value, "en")


def portuguese_texts(value: Any) -> list[str]:
    return texts_in(value, "pt-BR")


# --- NFE.io names no method -----------------------------------------------------------------


def test_nfe_io_page_names_no_method_and_the_atlas_says_so():
    assert "POST" not in seed("000") and "GET" not in seed("000")
    usages = [u for c in export()["codes"] for u in c["usage"] if u["source"] == "nfe-io"]
    assert len(usages) == 7
    for u in usages:
        assert set(u["methods"].values()) == {"unspecified"}, u
        notes = " ".join(n["en"] for n in u["notes"])
        assert "names no HTTP method" in notes and "invoice-issuing request" in notes
        notes_pt = " ".join(n["pt-BR"] for n in u["notes"])
        assert "não cita nenhum método HTTP" in notes_pt


def test_nfe_io_code_page_shows_no_method_as_stated(site):
    html = (site / "en" / "codes" / "202" / "index.html").read_text(encoding="utf-8")
    section = html[html.index('id="nfe-io"') :]
    section = section[: section.index("atlas-original")]
    assert 'data-state="yes"' not in section
    assert section.count('data-state="unspecified"') == 5


# --- Claro, restated as its page words it ---------------------------------------------------


def test_claro_410_is_what_the_page_says_and_no_more():
    line = next(li for li in seed("002").splitlines() if li.startswith("410 Gone"))
    assert "não está mais disponível" in line and "nova versão ou outra API" in line
    gone = usage("claro", 410)
    assert "no longer available" in gone["meaning"]["en"]
    assert "não está mais disponível" in gone["meaning"]["pt-BR"]
    assert "new version or another API" in gone["meaning"]["en"]
    for word in ("for good", "reserves", "de vez", "reserva"):
        assert word not in gone["meaning"]["en"] + gone["meaning"]["pt-BR"], word
    assert gone["action"] == {"en": "Use a new version or another API.",
                              "pt-BR": "Use uma nova versão ou outra API."}  # fmt: skip


def test_claro_403_contracted_versions_as_the_page_puts_it():
    assert "No caso de API contratável" in seed("002")
    notes = [n["en"] for n in usage("claro", 403)["notes"]]
    assert not any("sold" in n or "subscription" in n for n in notes)
    assert any("contract" in n and "version" in n for n in notes)


def test_claro_401_gives_no_action_because_the_page_gives_none():
    line = next(li for li in seed("002").splitlines() if li.startswith("401 Unauthorized"))
    assert "token" in line
    unauthorized = usage("claro", 401)
    assert unauthorized["action"] is None
    assert "token" in unauthorized["meaning"]["en"]


def test_open_finance_429_says_our_copy_is_cut_off_mid_sentence():
    assert seed("001").count("O titular dos dados deve incluir o cabeçalho |") == 1
    notes = usage("open-finance-brasil", 429)["notes"]
    cut = next(n for n in notes if "header" in n["en"])
    assert "our copy of the page" in cut["en"] and "cut off" in cut["en"]
    assert "never names" not in cut["en"]
    assert "na cópia da página que temos" in cut["pt-BR"]


# --- RFC facts --------------------------------------------------------------------------------


def test_421_connection_reuse_only_where_the_certificate_covers_the_host():
    meaning = code(421)["meaning"]
    assert "only when the connection's certificate covers that name" in meaning["en"]
    assert "does not actually cover" not in meaning["en"]
    assert "só pode mandar" in meaning["pt-BR"] and "cobre esse nome" in meaning["pt-BR"]


def test_306_switch_proxy_came_from_a_separate_draft():
    meaning = code(306)["meaning"]
    assert "separate Internet-Draft (draft-cohen-http-305-306-responses)" in meaning["en"]
    assert "early HTTP/1.1 draft" not in meaning["en"]
    assert "Internet-Draft à parte" in meaning["pt-BR"]


# --- Language ---------------------------------------------------------------------------------

AWKWARD_PORTUGUESE = (
    "deu falso",
    "pequeno texto em hipertexto",
    "não atendível",
    "cansou de esperar",
    "puro lixo",
    "sistema por trás",
)


def test_portuguese_reads_naturally():
    texts = "\n".join(portuguese_texts(export()))
    names = "\n".join(c["reason"]["pt-BR"] for c in export()["codes"])
    for phrase in AWKWARD_PORTUGUESE:
        assert phrase not in texts and phrase not in names, phrase
    assert texts.count("foi avaliada como falsa") == 4
    assert texts.count("uma breve nota em HTML") == 5
    assert code(416)["reason"]["pt-BR"] == "Intervalo fora dos limites"


CONTRACTION = re.compile(
    r"\b\w+n['’]t\b|\b(?:it|that|there|what|here|let|who|you|we|they)['’](?:s|re|ve|ll|d)\b",
    re.IGNORECASE,
)


def test_english_has_one_register_without_contractions():
    texts = english_texts(export())
    assert len(texts) > 800
    found = [t for t in texts if CONTRACTION.search(t)]
    assert "plain garbage" not in " ".join(texts)
    assert found == []


@pytest.mark.parametrize(
    "path",
    [*sorted((ROOT / "site_src").glob("*.en.md")), ROOT / "templates" / "strings.yaml"],
    ids=lambda p: p.name,
)
def test_hand_written_english_has_no_contractions(path):
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".yaml":  # the English side of each label
        text = "\n".join(re.findall(r"\ben: (.*)", text))
    assert CONTRACTION.findall(text) == []


# --- What a client also needs to know --------------------------------------------------------

CLIENT_FACTS = {
    403: ('WWW-Authenticate: Bearer error="insufficient_scope"', "RFC 6750 §3.1"),
    428: ("must not store a 428", "RFC 6585 §3"),
    429: ("must not store a 429", "RFC 6585 §4", "X-RateLimit-Remaining", "RateLimit-Policy"),
    431: ("must not store a 431", "RFC 6585 §5"),
    511: ("must not store a 511", "RFC 6585 §6"),
    415: ("Accept-Post", "Accept-Patch", "RFC 5789"),
    206: ("Accept-Ranges: bytes", "RFC 9110 §14.3"),
    410: ("Sunset", "RFC 8594", "Deprecation", "RFC 9745"),
    503: ("RateLimit", "X-RateLimit-Limit", "Retry-After"),
}


@pytest.mark.parametrize("number", sorted(CLIENT_FACTS))
def test_client_facts_a_demanding_engineer_looks_for(number):
    notes = code(number)["notes"]
    english = " ".join(n["en"] for n in notes)
    portuguese = " ".join(n["pt-BR"] for n in notes)
    for fact in CLIENT_FACTS[number]:
        assert fact in english, (number, fact)
        if fact.startswith(("RFC", "WWW", "Accept", "X-", "Rate", "Sunset", "Deprecation")):
            assert fact.replace(" §", ", §") in portuguese or fact in portuguese, (number, fact)
    assert "Accept-Post" in code(415)["headers"]


def test_client_facts_are_on_the_code_pages(site):
    html = (site / "en" / "codes" / "403" / "index.html").read_text(encoding="utf-8")
    assert "For clients" in html
    assert "Bearer error=&#34;insufficient_scope&#34;" in html or (
        "Bearer error=&quot;insufficient_scope&quot;" in html
    )
    pt = (site / "codes" / "429" / "index.html").read_text(encoding="utf-8")
    assert "Para o cliente" in pt and "X-RateLimit-Remaining" in pt


@pytest.mark.parametrize(("number", "status"), [(4, 422), (5, 503)])
def test_error_classes_show_an_rfc_9457_problem_body(number, status):
    status_class = next(k for k in export()["classes"] if k["class"] == number)
    problem = status_class["problem"]
    assert problem["status"] == status
    assert problem["type"] == "about:blank" or problem["type"].startswith("https://")
    notes = " ".join(n["en"] for n in status_class["notes"])
    assert "RFC 9457" in notes and "application/problem+json" in notes
    assert "RFC 9457" in " ".join(n["pt-BR"] for n in status_class["notes"])
    for k in export()["classes"]:
        if k["class"] < 4:
            assert k["problem"] is None


@pytest.mark.parametrize(("lang", "prefix"), [("pt-BR", ""), ("en", "en/")])
def test_the_problem_examples_on_the_codes_page_are_json_in_the_page_language(site, lang, prefix):
    import html as html_module

    page = (site / prefix / "codes" / "index.html").read_text(encoding="utf-8")
    for number in (4, 5):
        problem = next(k for k in export()["classes"] if k["class"] == number)["problem"]
        after = page[page.index(f'id="problem-{number}xx"') :]
        body = re.search(r"<pre><code>(.*?)</code></pre>", after, re.S)
        assert body is not None
        shown = json.loads(html_module.unescape(body.group(1)))
        expected = {
            "type": problem["type"],
            "title": problem["title"][lang],
            "status": problem["status"],
            "detail": problem["detail"][lang],
        }
        if problem["instance"]:
            expected["instance"] = problem["instance"]
        assert shown == expected
        assert list(shown) == list(expected)  # RFC 9457's order: type, title, status, ...
    code_page = (site / prefix / "codes" / "429" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../codes/#problem-4xx"' in code_page

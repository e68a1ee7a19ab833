"""Situations ("which code should I return?"): each answered by the guidelines that rule on it,
checked like the rest of the data, with a page per situation, a guided path, links from and to
the codes, the export, and search."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.atlas import load_atlas
from generator.cli import main
from generator.model import Atlas

from .conftest import DATA, SHARED

LANGS = {"pt-BR": "", "en": "en/"}
REQUIRED_IDS = (
    "delete-missing-resource",
    "semantic-validation-failed",
    "malformed-request",
    "caller-may-not-see-resource",
    "missing-or-bad-credentials",
    "insufficient-permission",
    "duplicate-create",
    "etag-mismatch",
    "async-accepted",
    "async-finished",
    "rate-limit-exceeded",
    "service-overloaded-or-down",
    "partial-batch-failure",
    "unsupported-media-type",
    "not-acceptable",
    "method-not-allowed-by-state",
    "legal-or-geo-block",
    "client-cancelled",
    "upstream-timeout",
    "business-rule-failure",
    "endpoint-not-offered",
)


@cache
def atlas() -> Atlas:
    return load_atlas(DATA)


def soup(site: Path, lang: str, page: str) -> BeautifulSoup:
    path = site / LANGS[lang] / page / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def answer(scenario_id: str, source_id: str) -> tuple[int, ...] | None:
    found = atlas().scenario(scenario_id).answer(source_id)
    return found.codes if found else None


# --- the data, held to the sources' texts ----------------------------------------------------


def test_every_required_situation_is_there_with_both_languages():
    ids = [s.id for s in atlas().scenarios]
    assert set(REQUIRED_IDS) <= set(ids)
    assert len(ids) == len(set(ids))
    for scenario in atlas().scenarios:
        assert scenario.question.en and scenario.question.pt_br
        assert scenario.baseline.reference.url.startswith("https://www.rfc-editor.org/")
        for found in scenario.answers:
            assert found.note.en and found.note.pt_br
            assert found.url.startswith("https://")


def test_where_the_guidelines_disagree_the_data_says_so():
    # DELETE of a missing resource: Azure 204, Zalando, Google and JSON:API 404
    assert answer("delete-missing-resource", "microsoft-azure") == (204,)
    for source in ("zalando", "google-aip", "json-api"):
        assert 404 in (answer("delete-missing-resource", source) or ())
    assert not atlas().scenario("delete-missing-resource").agree
    # failed semantic validation: Zalando and Google 400, Claro and Open Finance 422
    assert answer("semantic-validation-failed", "zalando") == (400,)
    assert answer("semantic-validation-failed", "google-aip") == (400,)
    assert answer("semantic-validation-failed", "claro") == (422,)
    assert answer("semantic-validation-failed", "open-finance-brasil") == (422,)
    # etag mismatch: 412 against Google's 409 ABORTED
    assert answer("etag-mismatch", "microsoft-azure") == (412,)
    assert answer("etag-mismatch", "google-aip") == (409,)
    # a caller who may not see the resource: Google 403, Graph 404
    assert answer("caller-may-not-see-resource", "google-aip") == (403,)
    assert answer("caller-may-not-see-resource", "microsoft-graph") == (404,)
    # a finished long-running task: adidas redirects with 303
    assert 303 in (answer("async-finished", "adidas") or ())
    # partial batch failure: Zalando 207
    assert answer("partial-batch-failure", "zalando") == (207,)


def test_the_seeds_answer_their_own_situations():
    seeds = SHARED / "seeds"
    assert "2xx" in (seeds / "003_47365986de598370.txt").read_text(encoding="utf-8")
    assert answer("business-rule-failure", "google-actions-center") is not None
    assert answer("endpoint-not-offered", "open-finance-brasil") == (404,)
    assert answer("legal-or-geo-block", "claro") == (451,)
    assert "451" in (seeds / "002_3aa6b6fb9aa73b80.txt").read_text(encoding="utf-8")


def test_no_answer_names_a_code_its_own_source_forbids():
    for scenario in atlas().scenarios:
        for found in scenario.answers:
            for code in found.codes:
                usage = atlas().usage(found.source, code)
                assert usage is None or usage.stance != "forbidden", (scenario.id, found.source)


def test_the_guided_path_reaches_situations_only_through_known_questions():
    guide = atlas().guide
    assert guide is not None and 4 <= len(guide.questions) <= 15
    reached, todo = set(), [guide.start]
    while todo:
        question = guide.question(todo.pop())
        for step in (question.yes, question.no):
            if step.kind == "question":
                todo.append(step.target)
            else:
                reached.add(atlas().scenario(step.target).id)
    assert {"delete-missing-resource", "semantic-validation-failed"} <= reached
    assert len(reached) >= 8


# --- check ----------------------------------------------------------------------------------

STRICT = """
  - id: strict
    name: Strict rules
    publisher: Example Corp
    kind: guideline
    url: https://example.com/strict
    language: en
    retrieved: "2026-11-22"
    license: {en: Internal., pt-BR: Interno.}
    summary: {en: Strict., pt-BR: Rígidas.}
    rules: []
    usage:
      - code: 422
        stance: forbidden
        instead: []
        why: {en: We never use it., pt-BR: Nunca usamos.}
        meaning: {en: Not used., pt-BR: Não usado.}
scenarios:
  - id: bad-value
    group: client-mistakes
    question: {en: "A value is wrong?", pt-BR: "Um valor está errado?"}
    description: {en: A value breaks a rule., pt-BR: Um valor viola uma regra.}
    baseline:
      codes: [422]
      reference: {title: RFC 9110 §15.5.21, url: "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.21"}
    answers:
      - source: house
        codes: [422]
        note: {en: House uses 422., pt-BR: A casa usa 422.}
        url: https://example.com/rules#422
"""


def run_check(path: Path, capsys) -> tuple[int, list[str]]:
    code = main(["check", str(path)])
    captured = capsys.readouterr()
    return code, (captured.out + captured.err).replace(str(path), "F").splitlines()


def test_consistent_scenarios_pass_check(minimal_text, write, capsys):
    code, lines = run_check(write(minimal_text + STRICT), capsys)
    assert code == 0, lines


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            ("        stance: forbidden\n", "        stance: banned\n"),
            "F:78:17: error: 'stance' cannot be the text 'banned'",
        ),
        (
            ("        stance: forbidden\n", "        stance: allowed\n"),
            "F:79:9: error: 'instead' on a usage whose stance is 'allowed'",
        ),
        (
            ("        instead: []\n", "        instead: [418]\n"),
            "F:79:19: error: 'instead' names code 418, which the atlas does not list",
        ),
        (
            ("      - source: house\n", "      - source: nobody\n"),
            "F:91:17: error: scenario 'bad-value' answers for unknown source 'nobody'",
        ),
        (
            ("        codes: [422]\n        note", "        codes: [404]\n        note"),
            "F:92:17: error: code 404 is not in the atlas",
        ),
        (
            (
                "        note: {en: House uses 422., pt-BR: A casa usa 422.}",
                "        note: {en: House uses 422.}",
            ),
            "F:93:15: error: missing translation 'pt-BR' in 'note'",
        ),
    ],
)
def test_check_reports_bad_stances_and_scenarios_where_they_are(
    minimal_text, write, capsys, edit, expected
):
    old, new = edit
    text = minimal_text + STRICT
    assert old in text
    code, lines = run_check(write(text.replace(old, new, 1)), capsys)
    assert code == 1
    assert any(line.startswith(expected) for line in lines), lines


def test_an_answer_contradicting_its_sources_stance_names_both_places(minimal_text, write, capsys):
    text = (minimal_text + STRICT).replace("      - source: house\n", "      - source: strict\n")
    code, lines = run_check(write(text), capsys)
    assert code == 1
    assert lines[0] == (
        "F:92:17: error: scenario 'bad-value' answers 422 for 'strict', which the same source "
        "marks forbidden at F:78:17 (correct the answer or the usage's stance: they contradict "
        "each other)"
    )


def test_a_duplicate_scenario_id_is_reported_with_the_first_line(minimal_text, write, capsys):
    block = STRICT[STRICT.index("  - id: bad-value") :]
    code, lines = run_check(write(minimal_text + STRICT + block), capsys)
    assert code == 1
    assert any(
        "scenario id 'bad-value' is used twice (first at line 83)" in line for line in lines
    ), lines


# --- the export -----------------------------------------------------------------------------


def test_the_export_carries_the_scenarios_as_documented(capsys):
    assert main(["export", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    scenarios = {s["id"]: s for s in data["scenarios"]}
    assert set(REQUIRED_IDS) <= set(scenarios)
    delete = scenarios["delete-missing-resource"]
    assert set(delete) >= {"id", "question", "baseline", "answers"}
    assert set(delete["question"]) == {"en", "pt-BR"}
    assert set(delete["baseline"]) >= {"codes", "reference"}
    azure = next(a for a in delete["answers"] if a["source"] == "microsoft-azure")
    assert azure["codes"] == [204] and "DELETE" in azure["methods"]
    assert set(azure) == {"source", "codes", "methods", "note", "url"}
    code_404 = next(c for c in data["codes"] if c["code"] == 404)
    assert "delete-missing-resource" in code_404["scenarios"]
    zalando_422 = next(
        u
        for u in next(c for c in data["codes"] if c["code"] == 422)["usage"]
        if u["source"] == "zalando"
    )
    assert (zalando_422["stance"], zalando_422["instead"]) == ("forbidden", [400])
    code_400 = next(c for c in data["codes"] if c["code"] == 400)
    assert set(code_400["grpc"]["canonical"]) == {
        "INVALID_ARGUMENT",
        "FAILED_PRECONDITION",
        "OUT_OF_RANGE",
    }
    assert code_400["grpc"]["client_reads"] == "INTERNAL"


# --- the built pages ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_each_situation_has_a_page_with_every_guideline_answer_or_not_stated(site, lang):
    for scenario in atlas().scenarios:
        page = soup(site, lang, f"scenarios/{scenario.id}")
        for permalink in page.h1.select("a.headerlink"):
            permalink.decompose()
        assert page.h1.get_text(strip=True) == scenario.question.get(lang)
        rows = page.select("table.atlas-answers tbody tr")
        guidelines = [s for s in atlas().sources if s.kind == "guideline"]
        assert [r["data-source"] for r in rows] == [s.id for s in guidelines]
        for row in rows:
            found = scenario.answer(row["data-source"])
            if found is None:
                assert row["data-answered"] == "false"
                assert row.td.get_text(strip=True) in ("not stated", "não informado")
            else:
                links = [a.get_text() for a in row.td.find_all("a")]
                assert links == [str(c) for c in found.codes]
                assert row.find("a", href=found.url) is not None


def test_a_code_page_links_back_to_the_situations_that_lead_to_it(site):
    page = soup(site, "en", "codes/404")
    links = {a["href"] for a in page.select(".atlas-scenario-links a")}
    assert "../../scenarios/delete-missing-resource/" in links
    situation = soup(site, "en", "scenarios/delete-missing-resource")
    assert situation.find("a", href="../../codes/204/#microsoft-azure") is not None


@pytest.mark.parametrize("lang", LANGS)
def test_the_scenarios_index_groups_every_situation_and_offers_the_guided_path(site, lang):
    page = soup(site, lang, "scenarios")
    listed = [a["href"].split("/")[-2] for a in page.select("ul.atlas-scenarios a")]
    assert sorted(listed) == sorted(s.id for s in atlas().scenarios)
    guide = page.select_one("[data-atlas-guide]")
    assert guide is not None
    questions = guide.select("li[data-question]")
    assert len(questions) == len(atlas().guide.questions)
    for item in questions:  # without JavaScript: every answer is a working link
        targets = [a["href"] for a in item.select("a[data-answer]")]
        assert len(targets) == 2
        for href in targets:
            assert href.startswith("#") or href.startswith("../scenarios/")
    data = json.loads(guide.select_one("script.atlas-guide-data").string)
    assert set(data["scenarios"]) == {s.id for s in atlas().scenarios}


def test_a_code_page_shows_each_stance_and_where_the_guidelines_disagree(site):
    page = soup(site, "en", "codes/422")
    section = page.find(id="zalando").find_next("div", class_="atlas-usage")
    stance = section.select_one(".atlas-stance")
    assert stance["data-stance"] == "forbidden" and "Forbidden" in stance.get_text()
    assert section.find("a", href="../../codes/400/") is not None
    summary = page.select_one("ul.atlas-disagree").get_text(" ", strip=True)
    assert "Forbidden" in summary and "Zalando" in summary and "Claro" in summary
    grpc = soup(site, "pt-BR", "codes/400").select_one("ul.atlas-grpc").get_text(" ")
    assert "INVALID_ARGUMENT" in grpc and "OUT_OF_RANGE" in grpc and "INTERNAL" in grpc


def test_disagreement_means_a_ruled_out_code_or_conflicting_methods(site):
    rows = {
        r["data-code"]: r["data-disagree"]
        for r in soup(site, "en", "compare").select("tr[data-code]")
    }
    assert rows["422"] == "true"  # Zalando forbids it; Claro and Open Finance use it
    assert rows["404"] == "true"  # Azure: DELETE no; others: DELETE yes
    assert rows["102"] == "false"  # no guideline mentions it: nobody disagrees
    assert sum(flag == "true" for flag in rows.values()) < len(rows)


@pytest.mark.parametrize(
    ("lang", "words", "scenario"),
    [
        ("pt-BR", "já foi apagado", "delete-missing-resource"),
        ("en", "already deleted", "delete-missing-resource"),
        ("pt-BR", "validação", "semantic-validation-failed"),
        ("en", "validation", "semantic-validation-failed"),
    ],
)
def test_search_finds_a_situation_by_its_words(site, lang, words, scenario):
    index = json.loads((site / LANGS[lang] / "search" / "search_index.json").read_text())
    found = [
        d["location"]
        for d in index["docs"]
        if d["location"].startswith(f"scenarios/{scenario}/")
        and words.lower() in (d["title"] + " " + d["text"]).lower()
    ]
    assert found, (words, scenario)


# --- in a browser ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    from .browser import chromium

    with chromium() as instance:
        yield instance


@pytest.fixture(scope="module")
def base(site):
    from .browser import serve

    with serve(site) as url:
        yield url


def walk_to(atlas_: Atlas, target: str) -> list[str]:
    """The yes/no answers that lead from the guide's start to a scenario."""
    guide = atlas_.guide
    assert guide is not None

    def search(question_id: str, path: list[str]) -> list[str] | None:
        question = guide.question(question_id)
        for answer, step in (("yes", question.yes), ("no", question.no)):
            if step.kind == "scenario" and step.target == target:
                return [*path, answer]
            if step.kind == "question":
                found = search(step.target, [*path, answer])
                if found:
                    return found
        return None

    found = search(guide.start, [])
    assert found, target
    return found


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_the_guided_path_reaches_a_situation_by_keyboard_alone(browser, base, lang):
    from .browser import Watch

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch = Watch(page, base)
    page.goto(base + LANGS[lang] + "scenarios/")
    answers = walk_to(atlas(), "delete-missing-resource")
    words = {
        "yes": ("Sim" if lang == "pt-BR" else "Yes"),
        "no": ("Não" if lang == "pt-BR" else "No"),
    }
    page.focus(".atlas-guide-form select")
    page.keyboard.press("Tab")  # from the guideline picker to the first answer button
    for answer in answers:
        # move with Tab to the button that says the answer, then press Enter
        for _ in range(6):
            focused = page.evaluate("document.activeElement.textContent.trim()")
            if focused == words[answer]:
                break
            page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == words[answer]
        page.keyboard.press("Enter")
        # focus moves to the new step, so the next Tab starts there
        assert page.evaluate("document.activeElement.classList.contains('atlas-guide-step')")
        page.keyboard.press("Tab")
    result = page.text_content(".atlas-guide-stage")
    question = atlas().scenario("delete-missing-resource").question.get(lang)
    assert question in result and "Microsoft Azure: 204" in result
    page.select_option(".atlas-guide-form select", "zalando")
    shown = page.text_content(".atlas-guide-result")
    assert shown.startswith("Zalando: 404") and "Azure" not in shown
    assert watch.problems == []
    context.close()


@pytest.mark.browser
def test_the_guided_path_is_a_list_of_links_without_javascript(browser, base):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "scenarios/")
    assert page.locator(".atlas-guide-list").is_visible()
    for answer in walk_to(atlas(), "semantic-validation-failed"):
        current = page.url.split("#")[-1] if "#" in page.url else atlas().guide.start
        page.click(f'li[data-question="{current}"] a[data-answer="{answer}"]')
    assert page.url.endswith("/scenarios/semantic-validation-failed/")
    assert page.locator("table.atlas-answers tr[data-source]").count() >= 10
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["scenarios/", "scenarios/etag-mismatch/", "codes/422/"])
def test_axe_finds_nothing_serious_on_the_situation_pages(browser, base, lang, path, width):
    axe = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(base + LANGS[lang] + path)
    page.add_script_tag(path=str(axe))
    violations = page.evaluate(
        """async () => {
          const result = await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'best-practice']});
          return result.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
        }"""
    )
    context.close()
    assert violations == []

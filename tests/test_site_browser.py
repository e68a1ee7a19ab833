"""The site in a real browser: language switch, search, filters, phone width, dark mode,
console and network hygiene, accessibility (axe-core, vendored)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from .browser import Watch, chromium, serve

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
MAIN_PAGES = (
    "",
    "compare/",
    "methods/",
    "codes/404/",
    "sources/open-finance-brasil/",
    "scenarios/",
    "scenarios/delete-missing-resource/",
)
PREFIX = {"pt-BR": "", "en": "en/"}


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not os.path.exists("/usr/bin/chromium"):
        pytest.fail("Debian's chromium is missing: apt-get install chromium (see .ci/run)")
    with chromium() as instance:
        yield instance


@pytest.fixture(scope="module")
def base(site) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture
def page(browser, base):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.watch = Watch(tab, base)
    yield tab
    context.close()


@pytest.mark.parametrize(("lang", "other"), [("pt-BR", "en"), ("en", "pt-BR")])
@pytest.mark.parametrize("path", ["codes/404/", "compare/", "sources/claro/", ""])
def test_language_switch_lands_on_the_twin_page(page, base, lang, other, path):
    page.goto(base + PREFIX[lang] + path)
    page.hover(".md-header__option .md-select")
    page.click(f'a.md-select__link[hreflang="{other}"]')
    page.wait_for_load_state()
    assert page.url == base + PREFIX[other] + path
    assert page.get_attribute("html", "lang") == other
    assert page.watch.problems == []


def search(page, query: str) -> list[str]:
    page.click("label.md-search__icon, .md-search__input")
    # The worker builds the index first; when it is ready, the meta line shows the
    # theme's "type to start searching" text.
    page.wait_for_function(
        """() => {
          const ready = JSON.parse(document.getElementById('__config').textContent)
            .translations['search.result.placeholder'];
          return document.querySelector('.md-search-result__meta').textContent.trim() === ready;
        }""",
        timeout=60_000,
    )
    page.locator("input.md-search__input").press_sequentially(query)  # a person types
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)  # the result list renders in batches
    return page.eval_on_selector_all(
        ".md-search-result__item > a", "links => links.map(a => a.href)"
    )


@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [
        ("pt-BR", "404", "codes/404/"),
        ("en", "404", "en/codes/404/"),
        ("en", "Not Found", "en/codes/404/"),
        ("pt-BR", "não encontrado", "codes/404/"),
        ("en", "retry", "en/codes/"),
        ("pt-BR", "tentar novamente", "codes/"),
    ],
)
def test_search_finds_the_page_in_the_current_language_only(page, base, lang, query, expected):
    page.goto(base + PREFIX[lang])
    results = search(page, query)
    assert results, query
    assert any(url.startswith(base + expected) for url in results[:5]), results[:5]
    if lang == "pt-BR":
        assert not any(url.startswith(base + "en/") for url in results)
    else:
        assert all(url.startswith(base + "en/") for url in results)
    assert page.watch.problems == []


def visible_codes(page) -> list[str]:
    return page.eval_on_selector_all(
        "table.atlas-compare tr[data-code]",
        "rows => rows.filter(r => r.offsetParent !== null).map(r => r.dataset.code)",
    )


def choose_sources(page, chosen: set[str]) -> None:
    for box in page.query_selector_all("input[name=source]"):
        box.set_checked(box.get_attribute("value") in chosen)


def test_compare_filters_by_class_source_and_disagreement(page, base, site):
    page.goto(base + "compare/")
    everything = visible_codes(page)
    assert len(everything) == 66
    page.select_option("select[name=class]", "5")
    assert all(code.startswith("5") for code in visible_codes(page))
    page.select_option("select[name=class]", "")
    choose_sources(page, {"nfe-io"})
    assert visible_codes(page) == ["202", "400", "401", "408", "500", "503", "504"]
    hidden_columns = page.eval_on_selector_all(
        'td[data-source="claro"]', "cells => cells.filter(c => c.offsetParent !== null).length"
    )
    assert hidden_columns == 0
    # any two or more sources: the codes either of them rules on, and only their columns
    choose_sources(page, {"nfe-io", "json-api"})
    both = visible_codes(page)
    assert {"202", "408", "409", "415"} <= set(both) and "418" not in both
    shown_columns = page.eval_on_selector_all(
        "thead th[data-source]",
        "cells => cells.filter(c => c.offsetParent !== null).map(c => c.dataset.source)",
    )
    assert shown_columns == ["nfe-io", "json-api"]
    choose_sources(
        page,
        {
            s
            for s in page.eval_on_selector_all(
                "input[name=source]", "boxes => boxes.map(b => b.value)"
            )
        },
    )
    page.check("input[name=disagree]")
    shown = visible_codes(page)
    assert 0 < len(shown) < len(everything)
    assert "422" in shown  # Zalando forbids what Claro and Open Finance use
    flags = page.eval_on_selector_all(
        "table.atlas-compare tr[data-code]",
        "rows => rows.filter(r => r.offsetParent !== null).map(r => r.dataset.disagree)",
    )
    assert set(flags) == {"true"}
    assert page.text_content("output.atlas-count").startswith(str(len(shown)))


def test_compare_table_is_complete_without_javascript(browser, base):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(base + "compare/")
    assert tab.locator("table.atlas-compare tr[data-code]").count() == 66
    assert tab.locator("form.atlas-filters").is_hidden()
    context.close()


@pytest.mark.parametrize("lang", PREFIX)
def test_phone_width_never_scrolls_the_page_sideways(browser, base, lang):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    for path in MAIN_PAGES:
        tab.goto(base + PREFIX[lang] + path)
        overflow = tab.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (path, overflow)
    tab.goto(base + PREFIX[lang] + "compare/")
    box = tab.evaluate(
        "(() => { const b = document.querySelector('.atlas-scroll--big');"
        " return [b.scrollWidth, b.clientWidth]; })()"
    )
    assert box[0] > box[1], "the wide table scrolls inside its own box"
    context.close()


def test_first_column_and_header_stay_visible_while_scrolling(page, base):
    page.goto(base + "compare/")
    positions = page.evaluate(
        """(() => {
          const box = document.querySelector('.atlas-scroll--big');
          const th = box.querySelector('tbody th[scope=row]');
          const head = box.querySelector('thead th');
          box.scrollLeft = 400; box.scrollTop = 600;
          const b = box.getBoundingClientRect();
          return [th.getBoundingClientRect().left - b.left,
                  head.getBoundingClientRect().top - b.top];
        })()"""
    )
    assert abs(positions[0]) < 2 and abs(positions[1]) < 2


def test_dark_mode_toggle(page, base):
    page.goto(base)
    assert page.get_attribute("body", "data-md-color-scheme") == "default"
    page.click("form[data-md-component=palette] label:visible")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    page.reload()
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"


@pytest.mark.parametrize("lang", PREFIX)
def test_no_console_error_no_404_no_other_host(page, base, lang):
    for path in (*MAIN_PAGES, "codes/", "sources/", "codes/104/", "codes/529/"):
        page.goto(base + PREFIX[lang] + path)
        page.wait_for_load_state("networkidle")
    assert page.watch.problems == []


def test_site_works_under_a_sub_path(browser, site, tmp_path):
    mount = tmp_path / "docs" / "http-status"
    mount.parent.mkdir(parents=True)
    shutil.copytree(site, mount)
    with serve(tmp_path) as root:
        context = browser.new_context()
        tab = context.new_page()
        watch = Watch(tab, root)
        for path in ("", "en/", "codes/404/", "en/compare/"):
            tab.goto(root + "docs/http-status/" + path)
            tab.wait_for_load_state("networkidle")
        tab.goto(root + "docs/http-status/codes/404/")
        tab.hover(".md-header__option .md-select")
        tab.click('a.md-select__link[hreflang="en"]')
        tab.wait_for_load_state()
        assert tab.url == root + "docs/http-status/en/codes/404/"
        assert watch.problems == []
        context.close()


# One page of each kind: home, comparison, matrix, code index, code, source index, source,
# a hand-written page, the 404 page.
EVERY_KIND = (
    "",
    "compare/",
    "methods/",
    "codes/",
    "codes/404/",
    "sources/",
    "sources/open-finance-brasil/",
    "add-a-guideline/",
    "404.html",
)
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", PREFIX)
def test_axe_finds_no_serious_or_critical_violation(browser, base, lang, scheme, viewport):
    """Every page kind, at a phone's and a desktop's width, in both palettes (the site follows
    the reader's colour scheme on a first visit), against WCAG 2.2 AA and best practices."""
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    found = {}
    for path in EVERY_KIND:
        page.goto(base + PREFIX[lang] + path)
        expected = "slate" if scheme == "dark" else "default"
        assert page.get_attribute("body", "data-md-color-scheme") == expected
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(
            """async () => {
              const result = await axe.run(document, {runOnly: [
                'wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']});
              return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ': '
                     + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
            }"""
        )
        if violations:
            found[path] = violations
    context.close()
    assert found == {}


@pytest.mark.parametrize("lang", PREFIX)
def test_wide_tables_scroll_from_the_keyboard(browser, base, lang):
    """At a phone's width the method tables scroll sideways: Tab reaches each one, by name."""
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    tab.goto(base + PREFIX[lang] + "codes/404/")
    boxes = tab.eval_on_selector_all(
        ".atlas-usage .atlas-scroll",
        """boxes => boxes.map(b => ({scrolls: b.scrollWidth > b.clientWidth, tab: b.tabIndex,
                                      role: b.getAttribute('role'),
                                      name: b.getAttribute('aria-label')}))""",
    )
    context.close()
    assert any(box["scrolls"] for box in boxes)
    methods = "Methods" if lang == "en" else "Métodos"
    for box in boxes:
        assert box["tab"] == 0 and box["role"] == "region"
        assert box["name"].startswith(methods + ": ")
    assert len({box["name"] for box in boxes}) == len(boxes)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", PREFIX)
def test_compare_page_does_not_shift_when_the_filters_appear(browser, base, lang, viewport):
    context = browser.new_context(viewport=viewport)
    tab = context.new_page()
    tab.add_init_script(
        """window.__shifts = [];
        new PerformanceObserver(list => list.getEntries().forEach(e => {
          if (!e.hadRecentInput) window.__shifts.push(e.value); })
        ).observe({type: 'layout-shift', buffered: true});"""
    )
    tab.goto(base + PREFIX[lang] + "compare/")
    tab.wait_for_load_state("networkidle")
    tab.wait_for_function("!document.querySelector('[data-atlas-filters]').hidden")
    tab.wait_for_timeout(300)
    shift = tab.evaluate("window.__shifts.reduce((a, b) => a + b, 0)")
    context.close()
    assert shift < 0.01  # Lighthouse calls 0.1 poor; the filters alone used to cost 0.1


def test_sidebar_links_are_targets_of_24_px(page, base):
    page.goto(base + "codes/404/")
    heights = page.eval_on_selector_all(
        ".md-sidebar--primary a.md-nav__link",
        "links => links.filter(a => a.offsetParent !== null)"
        ".map(a => a.getBoundingClientRect().height)",
    )
    assert len(heights) > 60
    assert min(heights) >= 24


@pytest.mark.parametrize("lang", PREFIX)
def test_a_code_page_loads_in_few_requests_and_the_index_only_for_search(browser, base, lang):
    """The search index is the largest file; it is fetched when the reader opens the search."""
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    requests: list[str] = []
    tab.on("requestfinished", lambda r: requests.append(r.url))
    tab.goto(base + PREFIX[lang] + "codes/404/")
    tab.wait_for_load_state("networkidle")
    tab.wait_for_timeout(500)
    assert len(requests) <= 10, requests
    assert not any("search_index" in url for url in requests)
    tab.set_viewport_size(DESKTOP)  # where the search field is always in the header
    assert search(tab, "429")[0].startswith(base + PREFIX[lang] + "codes/429/")
    assert any(url.endswith("search/search_index.json") for url in requests)
    context.close()


@pytest.mark.parametrize("lang", PREFIX)
@pytest.mark.parametrize("path", ["compare/", "methods/", "codes/404/"])
def test_pages_print_without_navigation_whole_tables_and_links_shown(browser, base, lang, path):
    # A4 portrait at 96 dpi, as chromium lays out a printed page.
    context = browser.new_context(viewport={"width": 794, "height": 1123})
    tab = context.new_page()
    tab.emulate_media(media="print")
    tab.goto(base + PREFIX[lang] + path)
    printed = tab.evaluate(
        """(() => {
          const shown = s => [...document.querySelectorAll(s)]
            .filter(e => getComputedStyle(e).display !== 'none').length;
          const width = document.documentElement.clientWidth;
          const cut = [...document.querySelectorAll('.md-content table')]
            .filter(t => t.getBoundingClientRect().right > width + 1
                      || t.parentElement.scrollWidth > t.parentElement.clientWidth + 1).length;
          const links = [...document.querySelectorAll('.md-content a[href^="http"]')]
            .map(a => getComputedStyle(a, '::after').content);
          return {nav: shown('.md-header, .md-sidebar, .md-footer, .md-search, .atlas-filters'),
                  tables: document.querySelectorAll('.md-content table').length, cut, links};
        })()"""
    )
    assert printed["nav"] == 0
    assert printed["tables"] > 0 and printed["cut"] == 0
    assert all("http" in text for text in printed["links"])
    if path.startswith("codes/"):  # the reference and each source's original
        assert len(printed["links"]) >= 2
    context.close()

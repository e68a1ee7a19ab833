"""The embeds in a real browser, as a portal uses them: host pages with an iframe card or the
web component, the site mounted under a sub-path next to them; and the Embed page itself."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import socket
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import pytest

from generator.atlas import load_atlas
from generator.labels import load_strings
from generator.model import Atlas
from generator.urls import GUIDE_URL, SiteUrl
from generator.views import cards as embed

from .browser import Watch, chromium, serve
from .conftest import DATA, FIXTURES

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
MOUNT = "docs/http-status/"
PREFIX = {"pt-BR": "", "en": "en/"}
NAMES = {"pt-BR": "Muitas requisições", "en": "Too Many Requests"}
#: The hostile fixture's short name, with a replacement pattern ($&) a careless replace() expands.
HOSTILE = "<b>Evil</b> $& | `x`"
NOT_USED = {"pt-BR": "{} não usa este código.", "en": "{} does not use this code."}


@cache
def atlas() -> Atlas:
    return load_atlas(DATA)


def every_source_of(code: int) -> list[str]:
    """The sources a card lists for a code: its own usages, then the rules for its class."""
    usages = [*atlas().usages_of(code), *atlas().class_usages(code // 100)]
    return [u.source for u in usages]


IFRAME_HOST = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Portal</title><link rel="icon" href="data:,">
</head><body><main><h1>Portal</h1>
<script>
window.resizes = [];
addEventListener("message", (event) => {
  const frame = document.getElementById("card");
  if (event.source !== frame.contentWindow) return;
  if (!event.data || event.data.type !== "http-status-atlas:resize") return;
  window.resizes.push(event.data);
  frame.style.height = event.data.height + "px";
});
</script>
<iframe id="card" title="Status card" src="SRC" style="width:WIDTHpx;height:40px;border:0"></iframe>
</main></body></html>
"""

COMPONENT_HOST = """<!doctype html>
<html lang="LANG"><head><meta charset="utf-8"><title>Portal</title><link rel="icon" href="data:,">
</head><body><main><h1>Portal</h1>
BODY
</main><script src="docs/http-status/assets/http-status-card.js" defer></script></body></html>
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not os.path.exists("/usr/bin/chromium"):
        pytest.fail("Debian's chromium is missing: apt-get install chromium (see .ci/run)")
    with chromium() as instance:
        yield instance


@pytest.fixture(scope="module")
def host_root(site, tmp_path_factory) -> Path:
    """A portal's folder: its own pages at the root, the atlas copied under a sub-path."""
    root = tmp_path_factory.mktemp("portal")
    shutil.copytree(site, root / MOUNT)
    return root


@pytest.fixture(scope="module")
def base(host_root) -> Iterator[str]:
    with serve(host_root) as url:
        yield url


@pytest.fixture(scope="module")
def hostile(host_root, tmp_path_factory) -> str:
    """The API and the cards built from data full of markup, served beside the atlas, as a
    portal's own copy would be; returns their folder."""
    extra = (FIXTURES / "hostile-guideline.yaml").read_text(encoding="utf-8")
    extra = extra.replace('short_name: "<b>Evil</b> | `x`"', f'short_name: "{HOSTILE}"')
    assert HOSTILE in extra
    data = tmp_path_factory.mktemp("hostile") / "atlas.yaml"
    data.write_text(DATA.read_text(encoding="utf-8").rstrip() + "\n" + extra, encoding="utf-8")
    bad = load_atlas(data)
    files = {
        f"api/v1/{name}": text for name, text in embed.api_files(bad, SiteUrl(GUIDE_URL)).items()
    }
    for lang, prefix in PREFIX.items():
        files |= {prefix + p.path: p.text for p in embed.card_pages(bad, load_strings(), lang)}  # type: ignore[arg-type]
    for name, text in files.items():
        path = host_root / "hostile" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return "hostile/"


@pytest.fixture
def host(host_root, base, request) -> Callable[[str], str]:
    """Write a host page for this test and return its URL (a new one each call, so that the
    browser never shows a cached earlier page)."""
    written = itertools.count(1)

    def _host(html: str) -> str:
        name = re.sub(r"[^A-Za-z0-9_.=-]+", "_", request.node.name) + f"{next(written)}.html"
        (host_root / name).write_text(html, encoding="utf-8")
        return base + name

    return _host


@pytest.fixture
def page(browser, base):
    context = browser.new_context(viewport={"width": 1000, "height": 800})
    tab = context.new_page()
    tab.watch = Watch(tab, base)
    yield tab
    context.close()


def card_url(lang: str, code: int, query: str = "") -> str:
    return f"{MOUNT}{PREFIX[lang]}embed/{code}/" + (f"?{query}" if query else "")


def open_card(page, host, src: str, width: int = 600):
    page.goto(host(IFRAME_HOST.replace("SRC", src).replace("WIDTH", str(width))))
    page.wait_for_function("window.resizes.length > 0")
    return page.query_selector("#card").content_frame()


def visible_sources(frame) -> list[str]:
    return frame.eval_on_selector_all(
        ".usages li", "items => items.filter(i => !i.hidden).map(i => i.dataset.source)"
    )


def fitted_height(page, frame) -> tuple[int, int, int]:
    """(last message's height, the card's own height, the iframe's height)."""
    told = page.evaluate("window.resizes[window.resizes.length - 1].height")
    own = frame.evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)")
    shown = page.evaluate("document.getElementById('card').getBoundingClientRect().height")
    return told, own, round(shown)


# The iframe card ------------------------------------------------------------------------------


@pytest.mark.parametrize("source", [None, "open-finance-brasil"])
@pytest.mark.parametrize("lang", PREFIX)
def test_iframe_card_shows_the_code_and_tells_its_height(page, host, base, lang, source):
    frame = open_card(page, host, card_url(lang, 429, f"source={source}" if source else ""))
    assert frame.text_content("h1").strip() == f"429 {NAMES[lang]}"
    expected = [source] if source else every_source_of(429)
    assert visible_sources(frame) == expected
    assert frame.is_hidden("#atlas-note")
    messages = page.evaluate("window.resizes")
    assert all(set(m) == {"type", "height"} for m in messages)
    told, own, shown = fitted_height(page, frame)
    assert told == own == shown and told > 200
    assert frame.evaluate("document.documentElement.scrollHeight <= innerHeight")
    link = frame.eval_on_selector("#atlas-link", "a => a.href")
    assert link == f"{base}{MOUNT}{PREFIX[lang]}codes/429/" + (f"#{source}" if source else "")
    assert page.request.get(link).status == 200
    assert page.watch.problems == []


def test_iframe_card_tells_its_new_height_when_it_gets_narrower(page, host):
    frame = open_card(page, host, card_url("pt-BR", 200))
    wide = page.evaluate("window.resizes[window.resizes.length - 1].height")
    page.evaluate("document.getElementById('card').style.width = '320px'")
    page.wait_for_function(f"window.resizes[window.resizes.length - 1].height > {wide}")
    told, own, shown = fitted_height(page, frame)
    assert told == own == shown
    overflow = frame.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    assert page.watch.problems == []


@pytest.mark.parametrize("lang", PREFIX)
def test_every_card_fits_a_320_px_screen(browser, base, lang):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    tab = context.new_page()
    wider = {}
    for code in atlas().codes:
        tab.goto(base + card_url(lang, code.code))
        overflow = tab.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            wider[code.code] = overflow
    context.close()
    assert wider == {}


@pytest.mark.parametrize(
    ("lang", "code", "query", "note", "shown"),
    [
        ("en", 425, "source=claro", "Claro does not use this code.", 0),
        ("pt-BR", 425, "source=claro", "Claro não usa este código.", 0),
        ("en", 201, "source=google-actions-center", None, 1),  # its rule for all of 2xx
        (
            "en",
            429,
            "source=nope",
            "The atlas has no source called “nope”",
            len(every_source_of(429)),
        ),
    ],
)
def test_iframe_card_source_option_explains_what_it_shows(
    page, host, lang, code, query, note, shown
):
    frame = open_card(page, host, card_url(lang, code, query))
    assert len(visible_sources(frame)) == shown
    if note:
        assert frame.text_content("#atlas-note").startswith(note)
        assert frame.is_visible("#atlas-note")
    else:
        assert frame.is_hidden("#atlas-note")
        assert (
            frame.eval_on_selector("#atlas-link", "a => a.hash") == "#class-google-actions-center"
        )
    assert page.watch.problems == []


@pytest.mark.parametrize(
    ("theme", "system", "background"),
    [
        ("dark", "light", "rgb(31, 34, 43)"),
        ("light", "dark", "rgb(255, 255, 255)"),
        ("auto", "dark", "rgb(31, 34, 43)"),
        (None, "light", "rgb(255, 255, 255)"),
    ],
)
def test_iframe_card_theme(browser, base, theme, system, background):
    context = browser.new_context(color_scheme=system)
    tab = context.new_page()
    tab.goto(base + card_url("en", 404, f"theme={theme}" if theme else ""))
    color = tab.eval_on_selector(".card", "c => getComputedStyle(c).backgroundColor")
    assert color == background
    context.close()


# The web component ----------------------------------------------------------------------------


def component_page(page, host, body: str, lang: str = "en") -> None:
    page.goto(host(COMPONENT_HOST.replace("LANG", lang).replace("BODY", body)))
    page.wait_for_function(
        "[...document.querySelectorAll('http-status-card')]"
        ".every(c => c.getAttribute('aria-busy') === 'false')"
    )


@pytest.mark.parametrize("source", [None, "open-finance-brasil"])
@pytest.mark.parametrize("lang", PREFIX)
def test_web_component_renders_the_code_from_the_api(page, host, base, lang, source):
    attributes = f'code="429" lang="{lang}"' + (f' source="{source}"' if source else "")
    component_page(page, host, f"<http-status-card {attributes}></http-status-card>", "de")
    card = page.locator("http-status-card")
    assert card.locator("h3").text_content() == f"429 {NAMES[lang]}"
    assert card.locator("article").get_attribute("lang") == lang
    expected = [source] if source else every_source_of(429)
    items = card.locator("li").evaluate_all("items => items.map(i => i.dataset.source)")
    assert items == expected
    assert card.locator("ul").get_attribute("aria-labelledby") == "usage"
    link = card.locator("a")
    href = link.evaluate("a => a.href")
    assert href == f"{base}{MOUNT}{PREFIX[lang]}codes/429/" + (f"#{source}" if source else "")
    assert page.request.get(href).status == 200
    page.keyboard.press("Tab")  # the link is the page's only focusable element
    assert link.evaluate("a => a.getRootNode().activeElement === a")
    assert page.watch.problems == []


def test_web_component_takes_the_pages_language_and_its_heading_level(page, host):
    body = (
        '<http-status-card code="201" source="google-actions-center" heading-level="2">'
        "</http-status-card>"
    )
    component_page(page, host, body, "pt-BR")
    card = page.locator("http-status-card")
    assert card.locator("h2").text_content() == "201 Criado"
    assert card.locator("li strong").first.text_content() == (
        "Google Actions Center · Regra para a classe inteira 2xx"
    )
    assert page.watch.problems == []


def test_web_component_with_a_copy_of_the_api_still_links_to_the_atlas(page, host, host_root, base):
    copy = host_root / "portal" / "api"
    if not copy.exists():
        shutil.copytree(host_root / MOUNT / "api", copy)
    asked: list[str] = []
    page.on("request", lambda r: "/api/" in r.url and asked.append(r.url))
    body = '<http-status-card code="429" lang="en" api="portal/api/v1"></http-status-card>'
    component_page(page, host, body)
    card = page.locator("http-status-card")
    assert card.locator("h3").text_content() == "429 Too Many Requests"
    assert asked == [f"{base}portal/api/v1/codes/429.json"]
    assert card.locator("a").evaluate("a => a.href") == f"{base}{MOUNT}en/codes/429/"
    assert page.watch.problems == []


def test_web_component_says_when_a_source_does_not_use_the_code(page, host):
    component_page(page, host, '<http-status-card code="425" source="claro"></http-status-card>')
    card = page.locator("http-status-card")
    assert card.locator("[role=status]").text_content() == "Claro does not use this code."
    assert card.locator("li").count() == 0
    assert page.watch.problems == []


@pytest.mark.parametrize("lang", PREFIX)
def test_web_component_says_when_the_source_is_unknown(page, host, lang):
    body = f'<http-status-card code="429" lang="{lang}" source="nope"></http-status-card>'
    component_page(page, host, body)
    card = page.locator("http-status-card")
    note = {
        "pt-BR": "O atlas não tem nenhuma fonte chamada “nope”, por isso todas aparecem.",
        "en": "The atlas has no source called “nope”, so every source is shown.",
    }
    assert card.locator("[role=status]").text_content() == note[lang]
    items = card.locator("li").evaluate_all("items => items.map(i => i.dataset.source)")
    assert items == every_source_of(429)
    assert card.locator("a").evaluate("a => a.hash") == ""
    assert [p for p in page.watch.problems if "sources/nope.json" not in p] == []


@pytest.mark.parametrize("lang", PREFIX)
def test_markup_in_the_data_stays_text_in_cards_and_the_component(page, host, hostile, lang):
    frame = open_card(page, host, f"{hostile}{PREFIX[lang]}embed/429/?source=hostile-house")
    assert frame.text_content("#atlas-note") == NOT_USED[lang].format(HOSTILE)
    frame = open_card(page, host, f"{hostile}{PREFIX[lang]}embed/404/?source=hostile-house")
    assert visible_sources(frame) == ["hostile-house"]
    item = frame.locator('li[data-source="hostile-house"]')
    assert item.locator("h3").text_content() == HOSTILE
    assert "<script>alert(" in item.text_content()
    assert frame.locator(".card b, .card i, .card em, .card img, .card script").count() == 0
    body = "".join(
        f'<http-status-card code="{code}" lang="{lang}" api="{hostile}api/v1/" '
        'source="hostile-house"></http-status-card>'
        for code in (404, 429)
    )
    component_page(page, host, body)
    used, unused = page.locator("http-status-card").all()
    assert used.locator("li > strong").text_content() == HOSTILE
    assert "<script>alert(" in used.locator("li").text_content()
    assert used.locator("b, i, em, img, script").count() == 0
    assert unused.locator("[role=status]").text_content() == NOT_USED[lang].format(HOSTILE)
    assert page.watch.problems == []


@pytest.mark.parametrize(
    ("lang", "code", "message"),
    [
        ("en", "999", "HTTP Status Atlas has no status code “999”."),
        ("pt-BR", "999", "O Atlas de Status HTTP não tem o código de status “999”."),
        ("en", "abc", "HTTP Status Atlas has no status code “abc”."),
    ],
)
def test_web_component_says_when_the_code_is_unknown(page, host, lang, code, message):
    component_page(page, host, f'<http-status-card code="{code}" lang="{lang}"></http-status-card>')
    status = page.locator("http-status-card [role=status]")
    assert status.text_content() == message
    assert status.is_visible()
    missing = [p for p in page.watch.problems if "codes/999.json" not in p]
    assert missing == []  # the browser reports the 404 itself; nothing else went wrong


def closed_port() -> int:
    """A loopback port nobody listens on: connections to it are refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize(
    ("lang", "api", "message"),
    [
        ("en", "CLOSED", "Could not reach HTTP Status Atlas"),
        ("pt-BR", "CLOSED", "Não foi possível acessar o Atlas de Status HTTP"),
        ("en", "nowhere/api/v1", "Could not reach HTTP Status Atlas to load status code 404."),
    ],
)
def test_web_component_says_when_the_api_cannot_be_reached(page, host, lang, api, message):
    api = api.replace("CLOSED", f"http://127.0.0.1:{closed_port()}/api/v1/")
    body = f'<http-status-card code="404" lang="{lang}" api="{api}"></http-status-card>'
    component_page(page, host, body)
    status = page.locator("http-status-card [role=status]")
    assert status.text_content().startswith(message)
    assert status.is_visible()
    assert page.locator("http-status-card article").count() == 0
    unexpected = [p for p in page.watch.problems if api not in p and "nowhere/" not in p]
    assert unexpected == []


# The Embed page and accessibility -------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "name"), [("pt-BR", "404 Não encontrado"), ("en", "404 Not Found")]
)
def test_embed_page_live_preview_works_under_a_sub_path(page, base, lang, name):
    cards: list[str] = []
    page.on("request", lambda r: "/embed/429/" in r.url and cards.append(r.url))
    page.goto(f"{base}{MOUNT}{PREFIX[lang]}embed/")
    page.wait_for_function(
        """() => {
          const frame = document.querySelector('iframe[data-atlas-card]');
          const doc = frame.contentDocument;
          return doc && doc.readyState === 'complete' && frame.style.height ===
            Math.ceil(doc.documentElement.getBoundingClientRect().height) + 'px';
        }"""
    )
    frame = page.query_selector("iframe[data-atlas-card]").content_frame()
    assert visible_sources(frame) == ["open-finance-brasil"]
    card = page.locator("http-status-card")
    card.locator("article").wait_for()
    assert card.locator("h3").text_content() == name
    query = "?source=open-finance-brasil&theme="
    assert cards == [f"{base}{MOUNT}{PREFIX[lang]}embed/429/{query}light"]  # loaded once
    page.click("form[data-md-component=palette] label:visible")  # the site goes dark
    page.wait_for_function(
        """() => {
          const frame = document.querySelector('iframe[data-atlas-card]');
          const card = frame.contentDocument && frame.contentDocument.querySelector('.card');
          return frame.src.endsWith('&theme=dark') && card &&
            getComputedStyle(card).backgroundColor === 'rgb(31, 34, 43)';
        }"""
    )
    assert page.watch.problems == []


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => {
          const result = await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'best-practice']});
          return result.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
        }"""
    )


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("lang", PREFIX)
def test_axe_finds_nothing_serious_on_cards_or_the_component(page, host, base, lang, theme):
    page.goto(base + card_url(lang, 200, f"theme={theme}"))
    assert axe_violations(page) == []
    component_page(page, host, '<http-status-card code="200"></http-status-card>', lang)
    assert axe_violations(page) == []

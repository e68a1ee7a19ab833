"""Screenshots of the embeds: python -m tests.embed_screenshots [SITE] [DIR]

Cards in both languages, light and dark, at 320 px (a phone), 600 px (a portal's column) and
1280 px (a whole desktop window); the Embed page on a desktop and a phone, light and dark, and
its live preview on its own. Builds nothing: run `make site` first (SITE defaults to site/),
then open the PNGs.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .browser import chromium, serve

ROOT = Path(__file__).resolve().parent.parent
CARDS = {
    "429-open-finance": "429/?source=open-finance-brasil",
    "200": "200/",
    "304": "304/",  # the longest lists of methods
    "425": "425/",
}
PREFIX = {"pt-BR": "", "en": "en/"}
CARD_WIDTHS = (320, 600, 1280)
PAGE_VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}
#: The live preview is ready when the iframe has its card's height and the component its card.
PREVIEW_READY = """() => {
  const frame = document.querySelector('iframe[data-atlas-card]');
  const doc = frame && frame.contentDocument;
  const card = document.querySelector('http-status-card');
  return doc && doc.readyState === 'complete' && frame.style.height ===
    Math.ceil(doc.documentElement.getBoundingClientRect().height) + 'px' &&
    card && card.getAttribute('aria-busy') === 'false';
}"""

PREVIEW_BOX = """() => {
  const box = document.querySelector('.atlas-embed-preview').getBoundingClientRect();
  return {x: box.x - 8, y: box.y + scrollY - 8, width: box.width + 16, height: box.height + 16};
}"""


def main(site: Path, out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    with serve(site) as base, chromium() as browser:
        for width in CARD_WIDTHS:
            for theme in ("light", "dark"):
                page = browser.new_page(viewport={"width": width, "height": 400})  # type: ignore[attr-defined]
                for lang, prefix in PREFIX.items():
                    for name, path in CARDS.items():
                        joiner = "&" if "?" in path else "?"
                        page.goto(f"{base}{prefix}embed/{path}{joiner}theme={theme}")
                        target = out / f"card-{name}.{lang}.{theme}.{width}.png"
                        page.screenshot(path=str(target), full_page=True)
                        print(target)
                page.close()
        for viewport, (width, height) in PAGE_VIEWPORTS.items():
            for scheme in ("light", "dark"):
                context = browser.new_context(  # type: ignore[attr-defined]
                    viewport={"width": width, "height": height}, color_scheme=scheme
                )
                page = context.new_page()
                for lang, prefix in PREFIX.items():
                    page.goto(f"{base}{prefix}embed/")
                    page.wait_for_function(PREVIEW_READY)
                    page.wait_for_timeout(200)
                    target = out / f"embed-page.{lang}.{scheme}.{viewport}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(target)
                    if viewport == "desktop":
                        target = out / f"embed-preview.{lang}.{scheme}.png"
                        box = page.evaluate(PREVIEW_BOX)  # on the page, not under its header
                        page.screenshot(path=str(target), full_page=True, clip=box)
                        print(target)
                context.close()
    return 0


if __name__ == "__main__":
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    raise SystemExit(main(site, Path(sys.argv[2] if len(sys.argv) > 2 else "build/screenshots")))

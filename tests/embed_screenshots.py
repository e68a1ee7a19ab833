"""Screenshots of the embeds: python -m tests.embed_screenshots [SITE] [DIR]

Cards in both languages, light and dark, 320 and 600 px wide; the Embed page on a desktop and
a phone. Builds nothing: run `make site` first (SITE defaults to site/), then open the PNGs.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .browser import chromium, serve

ROOT = Path(__file__).resolve().parent.parent
CARDS = {"429-open-finance": "429/?source=open-finance-brasil", "200": "200/", "425": "425/"}
PREFIX = {"pt-BR": "", "en": "en/"}


def main(site: Path, out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    with serve(site) as base, chromium() as browser:
        for width in (320, 600):
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
        for viewport, (width, height) in {"desktop": (1280, 900), "phone": (390, 844)}.items():
            page = browser.new_page(viewport={"width": width, "height": height})  # type: ignore[attr-defined]
            for lang, prefix in PREFIX.items():
                page.goto(f"{base}{prefix}embed/")
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(300)
                target = out / f"embed-page.{lang}.{viewport}.png"
                page.screenshot(path=str(target), full_page=True)
                print(target)
            page.close()
    return 0


if __name__ == "__main__":
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    raise SystemExit(main(site, Path(sys.argv[2] if len(sys.argv) > 2 else "build/screenshots")))

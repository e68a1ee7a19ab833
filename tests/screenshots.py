"""Screenshots of the main pages, both languages, desktop and phone: python -m tests.screenshots DIR

Builds nothing: run `make site` first. Open the PNGs and look at them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .browser import chromium, serve

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "home": "",
    "compare": "compare/",
    "methods": "methods/",
    "code-404": "codes/404/",
    "code-104": "codes/104/",
    "source-open-finance": "sources/open-finance-brasil/",
    "codes": "codes/",
    "code-422": "codes/422/",
    "scenarios": "scenarios/",
    "scenario-delete": "scenarios/delete-missing-resource/",
    "source-zalando": "sources/zalando/",
}
VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    site = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "site"
    with serve(site) as base, chromium() as browser:
        for vp_name, (width, height) in VIEWPORTS.items():
            page = browser.new_page(viewport={"width": width, "height": height})  # type: ignore[attr-defined]
            for lang, prefix in (("pt-BR", ""), ("en", "en/")):
                for name, path in PAGES.items():
                    page.goto(base + prefix + path)
                    target = out / f"{name}.{lang}.{vp_name}.png"
                    page.screenshot(path=str(target), full_page=False)
                    print(target)
            page.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "build/screenshots")))

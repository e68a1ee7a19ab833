"""Build a real site into a temporary folder, the way `python -m generator build` does."""

from __future__ import annotations

import os
from pathlib import Path

from generator.cli import main

EPOCH = "1763769600"  # 2025-11-22, fixed so builds are comparable


def build_site(data: Path, out: Path, epoch: str = EPOCH) -> tuple[int, Path]:
    """Build data into out/site with its own work folder; return (exit code, site dir)."""
    site = out / "site"
    saved = {k: os.environ.get(k) for k in ("SOURCE_DATE_EPOCH", "ATLAS_WORK")}
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    os.environ["ATLAS_WORK"] = str(out / "work")
    try:
        code = main(["build", "--data", str(data), "--site-dir", str(site)])
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return code, site

"""Build a real site into a temporary folder, the way `python -m generator build` does."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator.cli import main

EPOCH = "1763769600"  # 2025-11-22, fixed so builds are comparable


def build_site(data: Path, out: Path, epoch: str = EPOCH, *args: str) -> tuple[int, Path]:
    """Build data into out/site; return (exit code, site)."""
    site = out / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", epoch)
        code = main(["build", "--data", str(data), "--site-dir", str(site), *args])
    return code, site


def tree_digest(root: Path) -> dict[str, str]:
    """Each file of a folder (a built site) by its path, as a hash of its bytes."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DATA = ROOT / "data" / "atlas.yaml"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def minimal_text() -> str:
    return (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")


@pytest.fixture
def write(tmp_path: Path):
    """Write a data file into the test's folder and return its path."""

    def _write(text: str | bytes, name: str = "atlas.yaml") -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real data built once into a temporary folder, for every site test."""
    from .sitebuild import build_site

    code, path = build_site(DATA, tmp_path_factory.mktemp("real"))
    assert code == 0
    return path

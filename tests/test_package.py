"""The package works by itself: the wheel built from this checkout, installed into a fresh
virtualenv in a temporary folder, runs every command from an empty folder, and a portal of
its own builds with the plugin. Nothing of this checkout is on the path there."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT
from .test_plugin import make_portal, sources_of

SPEC = """\
openapi: 3.0.3
info: {title: Accounts, version: "1.0"}
paths:
  /accounts/{id}:
    get:
      responses:
        "200": {description: The account}
        "404": {description: No such account}
        "599": {description: Not a code the atlas knows}
"""
ELSEWHERE = "https://docs.example.org/atlas/"

pytestmark = pytest.mark.package


def run(command: list[str], cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "ATLAS_SITE_URL")}
    env.update(SOURCE_DATE_EPOCH="1763769600", NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return result.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A virtualenv with only the wheel of this checkout (and its dependencies) in it."""
    folder = tmp_path_factory.mktemp("package")
    ok(
        run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(folder), str(ROOT)],
            folder,
        )
    )
    wheel = next(folder.glob("http_status_atlas-*.whl"))
    venv = folder / "venv"
    ok(run([sys.executable, "-m", "venv", str(venv)], folder))
    ok(run([str(venv / "bin" / "pip"), "install", "--quiet", str(wheel)], folder, timeout=900))
    return venv


@pytest.fixture
def empty(tmp_path) -> Path:
    folder = tmp_path / "empty"
    folder.mkdir()
    return folder


def atlas(venv: Path, *args: str, cwd: Path) -> str:
    return ok(run([str(venv / "bin" / "python"), "-m", "generator", *args], cwd))


def test_the_installed_package_reads_its_own_files(installed, empty):
    where = atlas(installed, "--help", cwd=empty)
    assert "lint-openapi" in where
    shown = ok(
        run(
            [
                str(installed / "bin" / "python"),
                "-c",
                "import generator.files as f; print(f.HOME); print(f.SITE_CONFIG.is_file())",
            ],
            empty,
        )
    )
    home, config = shown.split()
    assert home.startswith(str(installed)) and config == "True"


def test_check_export_and_lint_run_from_an_empty_folder(installed, empty):
    assert ": ok: " in atlas(installed, "check", cwd=empty)
    atlas(installed, "export", "--format", "json", "-o", "atlas.json", cwd=empty)
    assert json.loads((empty / "atlas.json").read_text("utf-8"))["codes"]
    atlas(installed, "export", "--format", "csv", "--lang", "en", "-o", "atlas.csv", cwd=empty)
    assert (empty / "atlas.csv").read_text("utf-8").count("\n") > 60
    (empty / "openapi.yaml").write_text(SPEC, encoding="utf-8")
    result = run(
        [
            str(installed / "bin" / "python"),
            "-m",
            "generator",
            "lint-openapi",
            "openapi.yaml",
            "--guideline",
            "open-finance-brasil",
            "--format",
            "sarif",
        ],
        empty,
    )
    assert result.returncode in (0, 1), result.stderr
    sarif = json.loads(result.stdout)
    assert sarif["runs"][0]["results"]


def test_pdf_docs_and_catalog_info_run_from_an_empty_folder(installed, empty):
    atlas(installed, "pdf", "--lang", "en", "-o", "atlas-en.pdf", cwd=empty)
    assert (empty / "atlas-en.pdf").read_bytes().startswith(b"%PDF-")
    atlas(installed, "docs", "--lang", "pt-BR", "--out", "techdocs", cwd=empty)
    assert "http-status-atlas:" in (empty / "techdocs" / "mkdocs.yml").read_text("utf-8")
    assert (empty / "techdocs" / "docs" / "backstage.md").is_file()
    text = atlas(installed, "catalog-info", "--site-url", ELSEWHERE, cwd=empty)
    assert f"url: {ELSEWHERE}en/" in text


def test_build_runs_from_an_empty_folder(installed, empty):
    atlas(installed, "build", "--site-url", ELSEWHERE, cwd=empty)
    site = empty / "site"
    for page in ("index.html", "en/index.html", "codes/404/index.html", "en/portal/index.html"):
        assert (site / page).is_file(), page
    assert (site / "downloads" / "atlas-pt-BR.pdf").read_bytes().startswith(b"%PDF-")
    assert (site / "api" / "v1" / "atlas.json").is_file()
    assert f"Sitemap: {ELSEWHERE}sitemap.xml" in (site / "robots.txt").read_text("utf-8")


@pytest.mark.parametrize("lang", ["pt-BR", "en"])
def test_a_foreign_portal_builds_with_the_plugin_and_a_team_guideline(installed, tmp_path, lang):
    config = make_portal(tmp_path / "portal", lang)
    ok(run([str(installed / "bin" / "mkdocs"), "build", "--strict"], config.parent))
    site = config.parent / "site"
    assert (site / "http-status" / "compare" / "index.html").is_file()
    ours = sources_of(lang)[-1]
    assert (site / "http-status" / "sources" / ours / "index.html").is_file()
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    assert "http-status/codes/404/" in {d["location"] for d in index["docs"]}
    home = (site / "index.html").read_text("utf-8")
    assert 'href="http-status/compare/"' in home  # in the portal's navigation

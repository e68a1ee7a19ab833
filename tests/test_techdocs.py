"""Backstage TechDocs: one project per language, built by the same plugin as the site, kept in
techdocs/<lang>/ for catalog-info.yaml; `make techdocs` and the real `@techdocs/cli generate`
build them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.cli import main
from generator.labels import load_strings

from .conftest import ROOT

LANGS = ("pt-BR", "en")
TECHDOCS_CLI = "@techdocs/cli@1.8.15"
#: Where the tests install the TechDocs command line (npm), outside the repository's files.
NODE_PREFIX = ROOT / "build" / "techdocs-cli"
TECHDOCS_VENV = ROOT / ".venv-techdocs"


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", LANGS)
def test_the_repository_keeps_each_languages_project_as_docs_writes_it(tmp_path, lang):
    assert main(["docs", "--lang", lang, "--out", str(tmp_path)]) == 0
    kept = ROOT / "techdocs" / lang
    assert (tmp_path / "mkdocs.yml").read_text("utf-8") == (kept / "mkdocs.yml").read_text(
        "utf-8"
    ), f"run: python -m generator docs --lang {lang} --out techdocs/{lang}"
    written = sorted(p.relative_to(tmp_path / "docs") for p in (tmp_path / "docs").rglob("*"))
    assert written == sorted(p.relative_to(kept / "docs") for p in (kept / "docs").rglob("*"))


def test_catalog_info_is_what_catalog_info_writes(capsys):
    assert main(["catalog-info"]) == 0
    assert capsys.readouterr().out == (ROOT / "catalog-info.yaml").read_text("utf-8"), (
        "run: python -m generator catalog-info -o catalog-info.yaml"
    )


def test_each_language_entity_has_its_own_techdocs_project(capsys):
    assert main(["catalog-info", "--site-url", "https://docs.example.org/atlas/"]) == 0
    text = capsys.readouterr().out
    assert "backstage.io/techdocs-ref: dir:./techdocs/pt-BR" in text
    assert "backstage.io/techdocs-ref: dir:./techdocs/en" in text
    assert "- url: https://docs.example.org/atlas/en/" in text
    assert "https://docs.example.org/atlas/api/v1/atlas.json" in text
    assert "httpstatusatlas.dev" not in text
    for lang in LANGS:
        config = (ROOT / "techdocs" / lang / "mkdocs.yml").read_text("utf-8")
        assert "- techdocs-core" in config and f"language: {lang}" in config


def check_techdocs_site(site: Path, lang: str, metadata: dict) -> None:
    strings = load_strings()
    assert metadata["site_name"] == strings.get("site_name", lang)  # type: ignore[arg-type]
    assert "index.html" in metadata["files"] and "codes/429/index.html" in metadata["files"]
    assert (site / "codes" / "429" / "index.html").is_file()
    assert (site / "backstage" / "index.html").is_file()
    page = BeautifulSoup((site / "embed" / "index.html").read_text("utf-8"), "html.parser")
    assert page.find(["iframe", "http-status-card"]) is None  # no live preview there
    assert "make techdocs" in page.get_text()
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    book = home.find("a", type="application/pdf")["href"]
    assert book == f"downloads/atlas-{lang}.pdf" and book in metadata["files"]
    assert (site / book).read_bytes().startswith(b"%PDF-")


@pytest.mark.techdocs
def test_make_techdocs_builds_both_languages_with_metadata(tmp_path):
    out = tmp_path / "techdocs"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1763769600"}
    run = subprocess.run(
        ["make", "--no-print-directory", "techdocs", f"TECHDOCS_OUT={out}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-4000:]
    for lang in LANGS:
        metadata = read_json(out / lang / "techdocs_metadata.json")
        assert metadata["build_timestamp"] == 1763769600000
        check_techdocs_site(out / lang, lang, metadata)


@pytest.fixture(scope="module")
def techdocs_cli() -> Path:
    """The real TechDocs command line from npm, installed for the tests under build/."""
    if shutil.which("npm") is None:
        pytest.fail("npm is missing: apt-get install npm")
    command = NODE_PREFIX / "node_modules" / ".bin" / "techdocs-cli"
    if not command.exists():
        run = subprocess.run(
            [
                "npm",
                "install",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(NODE_PREFIX),
                TECHDOCS_CLI,
            ],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert run.returncode == 0, run.stderr[-3000:]
    return command


@pytest.mark.techdocs
@pytest.mark.parametrize("lang", LANGS)
def test_the_catalogs_techdocs_ref_builds_with_the_real_techdocs_cli(techdocs_cli, tmp_path, lang):
    """What Backstage's own builder does with techdocs-ref: dir:./techdocs/<lang>, run where
    MkDocs has techdocs-core and this package (make techdocs sets that virtualenv up), with the
    plugin allowed (app-config: techdocs.generator.mkdocs.dangerouslyAllowAdditionalPlugins;
    the command line: --defaultPlugin). Without that, TechDocs strips it from mkdocs.yml."""
    subprocess.run(["make", "--no-print-directory", "venv-techdocs"], cwd=ROOT, check=True)
    project = tmp_path / "project"  # techdocs-cli may patch the mkdocs.yml it builds
    shutil.copytree(ROOT / "techdocs" / lang, project)
    out = tmp_path / "site"
    env = {
        **os.environ,
        "PATH": f"{TECHDOCS_VENV / 'bin'}{os.pathsep}{os.environ['PATH']}",
        "SOURCE_DATE_EPOCH": "1763769600",
    }
    run = subprocess.run(
        [
            str(techdocs_cli),
            "generate",
            "--no-docker",
            "--defaultPlugin",
            "http-status-atlas",
            "--source-dir",
            str(project),
            "--output-dir",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    check_techdocs_site(out, lang, read_json(out / "techdocs_metadata.json"))

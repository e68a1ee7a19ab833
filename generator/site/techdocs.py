"""The atlas as Backstage TechDocs: one MkDocs project per language, built by the same plugin.

Each language's project is a folder with an mkdocs.yml that lists `techdocs-core` and the
`http-status-atlas` plugin (`standalone`, `guide`, `books`), and a docs/ folder holding one
hand-written page about the catalog entry; the plugin adds every other page when TechDocs
builds it. The repository keeps both projects in techdocs/<lang>/ (what catalog-info.yaml's
techdocs-ref points at), written by `python -m generator docs`. A TechDocs pipeline
(`techdocs-cli generate`) runs `mkdocs build` on such a project, then adds `build_timestamp`
and `files` to the `techdocs_metadata.json` techdocs-core wrote; `build` does the same with
the mkdocs of a separate virtualenv (techdocs-core pins its own mkdocs-material; see
`make techdocs`).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from ..errors import BuildError
from ..files import HOME
from ..labels import Strings
from ..model import LANGUAGES, Lang
from ..urls import SiteUrl

METADATA = "techdocs_metadata.json"
#: The projects as the repository keeps them (and the package ships them).
PROJECTS = HOME / "techdocs"
#: The catalog entities, one per language (catalog-info.yaml).
ENTITY: dict[Lang, str] = {"pt-BR": "http-status-atlas", "en": "http-status-atlas-en"}
#: Who looks after the atlas, in catalog-info.yaml.
OWNER = "http-status-atlas-maintainers"
HEADER = (
    "# A Backstage TechDocs project of the HTTP Status Atlas, written by\n"
    "# python -m generator docs --lang {lang} (the http-status-atlas plugin makes the pages).\n"
)


def config(site: SiteUrl, lang: Lang, site_name: str) -> dict[str, Any]:
    """mkdocs.yml of one language's TechDocs project."""
    return {
        "site_name": site_name,
        "site_url": site.page(lang),
        "docs_dir": "docs",
        "theme": {"name": "material", "language": lang, "font": False},
        "plugins": [
            "techdocs-core",
            {
                "http-status-atlas": {
                    "language": lang,
                    "site_url": site.base,
                    "standalone": True,
                    "guide": True,
                    "books": True,
                }
            },
        ],
    }


def config_text(site: SiteUrl, lang: Lang, site_name: str) -> str:
    out = io.StringIO()
    yaml = YAML()  # round-trip mode: block style, keys in the order written above
    yaml.width = 4096
    yaml.dump(config(site, lang, site_name), out)
    return HEADER.format(lang=lang) + out.getvalue()


def write_project(site: SiteUrl, lang: Lang, site_name: str, target: Path) -> Path:
    """Write target/mkdocs.yml and target/docs/ for one language; return the mkdocs.yml."""
    docs = target / "docs"
    source = PROJECTS / lang / "docs"
    if docs.resolve() != source.resolve():
        shutil.copytree(source, docs, dirs_exist_ok=True)
    path = target / "mkdocs.yml"
    path.write_text(config_text(site, lang, site_name), encoding="utf-8")
    return path


def complete_metadata(site: Path, built: datetime) -> dict[str, Any]:
    """Add what techdocs-cli adds to techdocs_metadata.json: build_timestamp and files."""
    path = site / METADATA
    if not path.is_file():
        raise BuildError(f"{path} is missing: is techdocs-core in the MkDocs plugins?")
    metadata: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    metadata["build_timestamp"] = int(built.timestamp() * 1000)
    metadata["files"] = sorted(
        p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()
    )
    path.write_text(json.dumps(metadata, ensure_ascii=False) + "\n", encoding="utf-8")
    return metadata


def build(
    site: SiteUrl, names: dict[Lang, str], mkdocs: Path, out: Path, work: Path
) -> list[Path]:
    """Build each language into out/<lang>/ with the given mkdocs; return the site folders."""
    if not mkdocs.is_file():
        raise BuildError(f"no mkdocs at {mkdocs}: run make techdocs, which creates it")
    epoch = os.environ.get("SOURCE_DATE_EPOCH")  # reproducible, as for the site
    built = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    sites = []
    for lang in LANGUAGES:
        project = write_project(site, lang, names[lang], work / lang)
        target = (out / lang).resolve()
        run = subprocess.run(
            [
                str(mkdocs),
                "build",
                "--strict",
                "--config-file",
                str(project),
                "--site-dir",
                str(target),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if run.returncode != 0:
            raise BuildError(f"mkdocs (TechDocs, {lang}) failed:\n{run.stderr.strip()}")
        complete_metadata(target, built)
        sites.append(target)
    return sites


CATALOG_HEADER = """\
# Backstage catalog entries for the atlas, one per language, each with its own TechDocs project
# (techdocs/<lang>/: an mkdocs.yml with techdocs-core and the http-status-atlas plugin, which
# makes the pages when TechDocs builds them; see the "Use in your portal" page).
# Written by python -m generator catalog-info (links at the atlas's public address, --site-url).
# Change `owner` to the team that looks after the atlas in your catalog.
"""


def catalog_info(site: SiteUrl, strings: Strings, owner: str = OWNER) -> str:
    """catalog-info.yaml: one Component per language, its TechDocs ref and its links."""
    documents = []
    for lang in LANGUAGES:
        documents.append(
            {
                "apiVersion": "backstage.io/v1alpha1",
                "kind": "Component",
                "metadata": {
                    "name": ENTITY[lang],
                    "title": strings.get("site_name", lang),
                    "description": strings.get("tagline", lang),
                    "annotations": {"backstage.io/techdocs-ref": f"dir:./techdocs/{lang}"},
                    "tags": ["http", "api", "api-guidelines", lang.lower()],
                    "links": [
                        {"url": site.page(lang), "title": strings.get("site_name", lang)},
                        {"url": site.api("atlas.json"), "title": strings.get("catalog_api", lang)},
                    ],
                },
                "spec": {"type": "documentation", "lifecycle": "production", "owner": owner},
            }
        )
    out = io.StringIO()
    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.dump_all(documents, out)
    return CATALOG_HEADER + out.getvalue()

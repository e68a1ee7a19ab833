"""`python -m generator build`: the atlas's own site, built from its mkdocs.yml.

mkdocs.yml lists the `http-status-atlas` plugin (plugin.py), which does the work: pages,
the English twin, sitemap, robots.txt, embeds and books. This module only points it at the
data and the public address asked for, and keeps the last good site: everything is built in
a temporary folder beside the target and swapped in at the end.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import BuildError
from ..files import SITE_CONFIG


@dataclass(frozen=True)
class BuildReport:
    site_dir: Path
    pages: int
    generate_seconds: float  # page generation, both languages
    mkdocs_seconds: float  # the two mkdocs builds, generation excluded
    extras_seconds: float  # after the pages: the embeds, then waiting for the books
    total_seconds: float


def run_build(
    site_dir: Path,
    *,
    data: Path | None = None,
    site_url: str | None = None,
    config_file: Path = SITE_CONFIG,
) -> BuildReport:
    """Build the site of config_file into site_dir (swapped in whole, or not at all).

    data replaces the atlas the plugin reads, site_url the public address of mkdocs.yml.
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    from .plugin import atlas_plugin

    started = time.perf_counter()
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.", dir=site_dir.parent))
    problems = _Problems()
    logging.getLogger("mkdocs").addHandler(problems)
    try:
        overrides = {"site_url": site_url} if site_url else {}
        config = load_config(
            str(config_file), site_dir=str(temporary), strict=True, **overrides
        )
        plugin = atlas_plugin(config)
        if data is not None:
            plugin.config.data_file = str(data.resolve())
        config.plugins.on_startup(command="build", dirty=False)
        mkdocs_build(config)
    except (Abort, ConfigurationError, PluginError) as error:
        shutil.rmtree(temporary, ignore_errors=True)
        raise BuildError(problems.report(str(error).strip())) from None
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    finally:
        logging.getLogger("mkdocs").removeHandler(problems)
    _swap(temporary, site_dir)
    report = plugin.build
    total = time.perf_counter() - started
    return BuildReport(
        site_dir=site_dir,
        pages=sum(1 for _ in site_dir.rglob("*.html")),
        generate_seconds=report.generate_seconds,
        mkdocs_seconds=total - report.generate_seconds - report.extras_seconds,
        extras_seconds=report.extras_seconds,
        total_seconds=total,
    )


class _Problems(logging.Handler):
    """What mkdocs logged as a warning or an error during a build: mkdocs stops a build with
    "Aborted with a BuildError!" (or "... warnings in strict mode"), having logged the reason
    before; the reason is what the user needs to read."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []
        self.errors = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.errors += record.levelno >= logging.ERROR
        self.lines.append(f"{record.levelname.lower()}: {record.getMessage().strip()}")

    def report(self, aborted: str) -> str:
        """The reasons logged, then mkdocs's own last word unless an error already says why."""
        if not self.lines:
            return aborted
        if self.errors:
            return "\n".join(line.removeprefix("error: ") for line in self.lines)
        return "\n".join([*self.lines, aborted])


def _swap(new: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.chmod(0o755)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)

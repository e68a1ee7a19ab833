"""A bilingual site's other language, built in another process while this one builds its own.

The two languages' builds share nothing but the site folder (each has its pages, its search
index and its cards, under its own folder), so the default language's build (plugin.py, at
the root) starts the other one's (English, into en/) in a spawned process once the site folder
is clean, and waits for it after its own pages: on a machine with two cores the two languages
take about the time of one.
The twin is the same mkdocs.yml loaded again with the language and the address changed. What
its build logs (mkdocs's notes, warnings, errors) is logged here too, in order, once it is
done; its failure is raised here as the same mkdocs error (the plugin's message, "Aborted
with ..."), with no traceback. `close()`, always called, also on failure, waits for what still
runs: nothing writes into the site folder after the build ends.
"""

from __future__ import annotations

import copy
import logging
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Literal

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from ..edition import Edition
from ..model import Lang
from ..urls import SEARCH_LANG


@dataclass(frozen=True)
class TwinRequest:
    """Everything the twin's process needs (sent to it, pickled)."""

    lang: Lang
    config_file: str
    site_dir: str
    docs_dir: str
    site_url: str
    strict: bool
    #: The atlas plugin's name in mkdocs.yml, and its options for the twin (its language
    #: and the atlas's address set).
    plugin: str
    options: dict[str, Any]
    #: The edition this build read and checked: the twin's own, not read again there.
    edition: Edition
    #: "build", or "serve" for `mkdocs serve`'s builds.
    command: Literal["build", "serve"]
    #: The level of mkdocs's logger here: the twin logs what this process would show.
    log_level: int


@dataclass
class TwinResult:
    records: list[logging.LogRecord] = field(default_factory=list)
    generate_seconds: float = 0.0
    error: MkDocsException | None = None


class SiteTwin:
    """One other language's build, in its own process (see the module's docstring)."""

    def __init__(self, request: TwinRequest) -> None:
        self.request = request
        self.pool: ProcessPoolExecutor | None = None
        self.job: Future[TwinResult] | None = None

    def start(self) -> None:
        context = multiprocessing.get_context("spawn")  # a fresh mkdocs, none of this one's state
        self.pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
        self.job = self.pool.submit(build_twin, self.request)

    def finish(self) -> float:
        """Wait for the twin; log what it logged; raise its error. Return the seconds it spent
        generating pages."""
        assert self.job is not None, "start() first"
        result = self.job.result()
        for record in result.records:
            logger = logging.getLogger(record.name)
            if logger.isEnabledFor(record.levelno):
                logger.handle(record)
        if result.error is not None:
            raise result.error
        return result.generate_seconds

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


class _Records(logging.Handler):
    """Keeps the log records of the twin's build, made fit to be sent back."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        kept = copy.copy(record)
        kept.msg, kept.args = record.getMessage(), None
        if record.exc_info:
            kept.exc_text = logging.Formatter().formatException(record.exc_info)
        kept.exc_info = None
        self.records.append(kept)


def build_twin(request: TwinRequest) -> TwinResult:
    """The twin's build (what its process runs): the site's mkdocs.yml in another language."""
    records = _Records()
    logger = logging.getLogger("mkdocs")
    logger.setLevel(request.log_level)
    logger.propagate = False
    logger.addHandler(records)
    result = TwinResult(records.records)
    try:
        config = load_config(
            config_file=request.config_file,
            site_dir=request.site_dir,
            docs_dir=request.docs_dir,
            site_url=request.site_url,
            strict=request.strict,
        )
        config.theme["language"] = request.lang
        for name, plugin in config.plugins.items():
            if name in ("search", "material/search"):
                plugin.config["lang"] = [SEARCH_LANG[request.lang]]
        atlas: Any = config.plugins[request.plugin]  # the AtlasPlugin of plugin.py
        atlas.config.update(request.options)
        atlas.twin_of = request.edition
        config.plugins.on_startup(command=request.command, dirty=False)
        build(config)
        result.generate_seconds = atlas.build.generate_seconds
    except MkDocsException as error:
        result.error = error
    finally:
        logger.removeHandler(records)
    return result

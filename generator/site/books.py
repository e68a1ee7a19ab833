"""The site's books: both languages' PDFs, laid out beside the pages."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from ..edition import Edition
from ..files import write_atomically
from ..model import LANGUAGES
from ..views.book import DOWNLOADS, book_json, pdf_name
from ..views.typeset import check_fonts, lay_out, one_core


class SiteBooks:
    """Both languages' PDFs for the site, laid out while mkdocs builds the pages.

    Typst lays a book out in about a second, less than mkdocs takes for the pages, so the
    books are made on every build, with no cache: both in one other process, started fresh
    for each build, while mkdocs builds the pages here. (Typst keeps everything it laid out
    in memory for as long as its process lives, some 300 MB a book; the long-running
    `mkdocs serve` must not be that process.)
    The worker imports views/typeset.py alone, none of the atlas, so it starts quickly, and
    lays out with one thread: Typst's own pool would take both cores of a two-core machine
    from mkdocs.
    `finish()` waits for the books (a failure is raised there) and writes them into the
    site's downloads/; `close()`, always called, also on failure, stops what still runs.
    """

    def __init__(self, inputs: Edition) -> None:
        self.inputs = inputs
        self.pool: ProcessPoolExecutor | None = None
        self.job: Future[dict[str, bytes]] | None = None

    def start(self) -> None:
        check_fonts()  # missing fonts stop the build here, before mkdocs runs
        books: dict[str, str] = {lang: book_json(self.inputs, lang) for lang in LANGUAGES}
        context = multiprocessing.get_context("spawn")
        self.pool = ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=one_core)
        self.job = self.pool.submit(lay_out, books, self.inputs.build_date)

    def finish(self, site: Path) -> None:
        assert self.job is not None, "start() first"
        target = site / DOWNLOADS
        target.mkdir(parents=True, exist_ok=True)
        for lang in LANGUAGES:
            write_atomically(target / pdf_name(lang), self.job.result()[lang])

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

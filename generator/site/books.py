"""The site's books: both languages' PDFs, laid out beside the pages."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from ..edition import Edition
from ..files import write_atomically
from ..model import LANGUAGES
from ..views.book import DOWNLOADS, book_json, pdf_name
from ..views.typeset import check_fonts, one_core, render_pdf


class SiteBooks:
    """Both languages' PDFs for the site, laid out while mkdocs builds the pages.

    Typst lays a book out in about a second, less than mkdocs takes for the pages, so the
    books are made on every build, with no cache, in other processes while mkdocs builds the
    pages here: one fresh process per book, one after the other. Typst keeps everything it
    laid out in memory for as long as its process lives (some 290 MB a book): a second book
    in the same process would add its own on top (480 MB measured), and the long-running
    `mkdocs serve` must not be that process.
    The worker imports views/typeset.py alone, none of the atlas, so it starts quickly, and
    lays out with one thread: Typst's own pool would take both cores of a two-core machine
    from mkdocs.
    `finish()` waits for the books (a failure is raised there) and writes them into the
    site's downloads/; `close()`, always called, also on failure, stops what still runs.
    """

    def __init__(self, inputs: Edition) -> None:
        self.inputs = inputs
        self.pool: ProcessPoolExecutor | None = None
        self.jobs: dict[str, Future[bytes]] = {}

    def start(self) -> None:
        check_fonts()  # missing fonts stop the build here, before mkdocs runs
        books: dict[str, str] = {lang: book_json(self.inputs, lang) for lang in LANGUAGES}
        context = multiprocessing.get_context("spawn")
        self.pool = ProcessPoolExecutor(
            max_workers=1, mp_context=context, initializer=one_core, max_tasks_per_child=1
        )
        edition = self.inputs.build_date
        self.jobs = {lang: self.pool.submit(render_pdf, text, edition) for lang, text in books.items()}

    def finish(self, site: Path) -> None:
        assert self.jobs, "start() first"
        target = site / DOWNLOADS
        target.mkdir(parents=True, exist_ok=True)
        for lang in LANGUAGES:
            write_atomically(target / pdf_name(lang), self.jobs[lang].result())

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

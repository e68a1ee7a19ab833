"""The site's books: both languages' PDFs, laid out beside the pages and kept in a cache."""

from __future__ import annotations

import multiprocessing
import shutil
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from ..edition import Edition
from ..model import LANGUAGES, Lang
from ..views.book import DOWNLOADS, book_key, font_faces, pdf_name, write_pdf


class SiteBooks:
    """Both languages' PDFs for the site, laid out in the background while mkdocs builds.

    Each missing book is laid out in a fresh process (WeasyPrint is single-threaded and takes
    seconds per book), so on a machine with two cores the books and the pages are built side
    by side. Books are written straight into the cache folder under their `book_key`, whole
    or not at all; a book whose inputs did not change since the last build is already there
    and is not laid out again. `finish()` waits for the books (a failure is raised there) and
    copies them into the site's downloads/; `close()`, always called, also on failure, stops
    what still runs.
    """

    def __init__(self, inputs: Edition, cache: Path) -> None:
        self.inputs = inputs
        self.cache = cache
        self.pool: ProcessPoolExecutor | None = None
        self.books: list[tuple[Lang, Path, Future[int] | None]] = []  # (lang, cached, job)

    def start(self) -> None:
        font_faces()  # missing fonts stop the build here, before mkdocs runs
        self.cache.mkdir(parents=True, exist_ok=True)
        for lang in LANGUAGES:
            cached = self.cache / f"{book_key(self.inputs, lang)}.pdf"
            job = None
            if not cached.is_file():
                if self.pool is None:
                    context = multiprocessing.get_context("spawn")
                    self.pool = ProcessPoolExecutor(max_workers=len(LANGUAGES), mp_context=context)
                job = self.pool.submit(write_pdf, self.inputs, lang, cached)
            self.books.append((lang, cached, job))

    def finish(self, site: Path) -> None:
        target = site / DOWNLOADS
        target.mkdir(parents=True, exist_ok=True)
        for lang, cached, job in self.books:
            if job is not None:
                job.result()
            shutil.copyfile(cached, target / pdf_name(lang))
        keep = {cached for _, cached, _ in self.books}
        for old in self.cache.glob("*.pdf"):  # only the latest books are kept
            if old not in keep:
                old.unlink()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

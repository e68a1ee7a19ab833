"""The site's books: both languages' PDFs, laid out beside the pages."""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
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
    pages: one fresh process per book, one after the other (a thread here starts each and
    waits for it). Typst keeps everything it laid out in memory for as long as its process
    lives (some 260 MB a book): a second book in the same process would add its own on top
    (480 MB measured), and the long-running `mkdocs serve` must not be that process. Both at
    once measured slower: the cores are busy with the two languages' pages.
    A worker imports views/typeset.py alone, none of the atlas, so it starts quickly, and
    lays out with one thread: Typst's own pool would take a core from mkdocs.
    `finish()` waits for the books (a failure is raised there) and writes them into the
    site's downloads/; `close()`, always called, also on failure, lets the book under way end
    and starts no other.
    """

    def __init__(self, inputs: Edition) -> None:
        self.inputs = inputs
        self.pdfs: dict[str, bytes] = {}
        self.error: BaseException | None = None
        self.thread: threading.Thread | None = None
        self.stopping = threading.Event()

    def start(self) -> None:
        check_fonts()  # missing fonts stop the build here, before mkdocs runs
        books: dict[str, str] = {lang: book_json(self.inputs, lang) for lang in LANGUAGES}
        self.thread = threading.Thread(
            target=self._lay_out, args=(books,), name="atlas-books", daemon=True
        )
        self.thread.start()

    def _lay_out(self, books: dict[str, str]) -> None:
        """Each book in a fresh process, one after the other (what the thread runs)."""
        context = multiprocessing.get_context("spawn")
        try:
            for lang, text in books.items():
                if self.stopping.is_set():
                    return
                with ProcessPoolExecutor(1, mp_context=context, initializer=one_core) as pool:
                    self.pdfs[lang] = pool.submit(render_pdf, text, self.inputs.build_date).result()
        except BaseException as error:  # raised by finish(), in the build's own thread
            self.error = error

    def finish(self, site: Path) -> None:
        assert self.thread is not None, "start() first"
        self.thread.join()
        if self.error is not None:
            raise self.error
        target = site / DOWNLOADS
        target.mkdir(parents=True, exist_ok=True)
        for lang in LANGUAGES:
            write_atomically(target / pdf_name(lang), self.pdfs[lang])

    def close(self) -> None:
        self.stopping.set()
        if self.thread is not None:
            self.thread.join()

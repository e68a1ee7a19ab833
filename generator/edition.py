"""An edition of the atlas: the validated model, the labels, the date it is published and the
address it is published at.

Every view (pages, book, cards) renders one edition; the date comes from SOURCE_DATE_EPOCH
when it is set, so the same input always gives the same output. A portal's edition may add
its team's own guidelines and compare only some sources.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from .atlas import Guideline, load_atlas
from .errors import UsageError
from .labels import STRINGS_PATH, Strings, load_strings
from .model import Atlas
from .urls import SiteUrl, public_url


@dataclass(frozen=True)
class Edition:
    atlas: Atlas
    strings: Strings
    build_date: date
    #: The public address every absolute URL of this edition starts with.
    site: SiteUrl


_cache: dict[tuple[Any, ...], Edition] = {}


def build_date() -> date:
    """The build's date: SOURCE_DATE_EPOCH when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.date()


def select_sources(atlas: Atlas, ids: Sequence[str]) -> Atlas:
    """The atlas comparing only these sources, in this order (the situations keep only their
    answers); UsageError names unknown ids."""
    known = [s.id for s in atlas.sources]
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise UsageError(
            f"unknown source {', '.join(repr(i) for i in unknown)}; "
            f"the atlas and its guidelines have: {', '.join(known)}"
        )
    chosen = tuple(dict.fromkeys(ids))
    return replace(
        atlas,
        sources=tuple(atlas.source(i) for i in chosen),
        scenarios=tuple(
            replace(s, answers=tuple(a for a in s.answers if a.source in chosen))
            for s in atlas.scenarios
        ),
    )


def read_edition(
    data: Path,
    *,
    guidelines: Sequence[Guideline] = (),
    sources: Sequence[str] | None = None,
    site: SiteUrl | None = None,
) -> Edition:
    """The validated atlas (with any team guidelines, restricted to `sources` when given) and
    labels; re-read only when a file changed. The address defaults to mkdocs.yml's site_url."""
    site = site or public_url(environ={})
    files = [data, STRINGS_PATH, *(g.path for g in guidelines)]
    key = (
        *(str(p.resolve()) for p in files),  # `make site`'s data/atlas.yaml is the plugin's too
        *(_mtime(p) for p in files),
        tuple(sources) if sources is not None else None,
        site,
        build_date(),
    )
    if key not in _cache:
        _cache.clear()
        atlas = load_atlas(data, guidelines)
        if sources is not None:
            atlas = select_sources(atlas, sources)
        _cache[key] = Edition(atlas, load_strings(), build_date(), site)
    return _cache[key]


def _mtime(path: Path) -> float:
    return path.stat().st_mtime if path.exists() else 0.0

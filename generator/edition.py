"""An edition of the atlas: the validated model, the labels, and the date it is published.

Every view (pages, book, cards) renders one edition; the date comes from SOURCE_DATE_EPOCH
when it is set, so the same input always gives the same output.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from .atlas import load_atlas
from .labels import STRINGS_PATH, Strings, load_strings
from .model import Atlas


@dataclass(frozen=True)
class Edition:
    atlas: Atlas
    strings: Strings
    build_date: date


_cache: dict[tuple[Any, ...], Edition] = {}


def build_date() -> date:
    """The build's date: SOURCE_DATE_EPOCH when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.date()


def read_edition(data: Path) -> Edition:
    """The validated atlas and labels; re-read only when a file changed."""
    key = (str(data), _mtime(data), _mtime(STRINGS_PATH), build_date())
    if key not in _cache:
        _cache.clear()
        _cache[key] = Edition(load_atlas(data), load_strings(), build_date())
    return _cache[key]


def _mtime(path: Path) -> float:
    return path.stat().st_mtime if path.exists() else 0.0

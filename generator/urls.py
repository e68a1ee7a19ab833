"""Where the published site lives and how its languages are addressed.

pt-BR, the default language, is served at the root; English under `en/`.
"""

from __future__ import annotations

from .model import Lang

#: Base address of the published site, with its trailing slash.
SITE_URL = "https://httpstatusatlas.dev/"

#: Path prefix of each language's pages below SITE_URL.
LANG_PREFIX: dict[Lang, str] = {"pt-BR": "", "en": "en/"}

#: The language mkdocs-material's search uses for each site language.
SEARCH_LANG: dict[Lang, str] = {"pt-BR": "pt", "en": "en"}

#: Each language's name in its own language, for the language switcher.
LANG_LABEL: dict[Lang, str] = {"pt-BR": "Português (Brasil)", "en": "English"}

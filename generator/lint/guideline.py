"""One guideline of the atlas, indexed for the checks."""

from __future__ import annotations

from .. import model as m
from ..errors import UsageError
from ..urls import SiteUrl, configured_url
from .links import code_url, page
from .messages import say


class Guideline:
    """One source of the atlas, indexed for the checks."""

    def __init__(
        self, atlas: m.Atlas, source_id: str, lang: m.Lang, site: SiteUrl | None = None
    ) -> None:
        ids = [s.id for s in atlas.sources]
        if source_id not in ids:
            raise UsageError(say("unknown_guideline", lang, id=source_id, ids=", ".join(ids)))
        self.atlas = atlas
        self.source = atlas.source(source_id)
        self.lang = lang
        #: The atlas's public address the findings link to (default: mkdocs.yml's site_url).
        self.site = site or configured_url()
        self.codes = {c.code: c for c in atlas.codes}
        self.by_code = {u.code: u for u in self.source.usage if u.code is not None}
        self.by_class = {u.status_class: u for u in self.source.usage if u.code is None}
        self._urls: dict[int, str] = {}

    def usage(self, code: int) -> m.Usage | None:
        """The usage that speaks for `code`: the code's own, else its class's."""
        return self.by_code.get(code) or self.by_class.get(code // 100)

    def url(self, code: int) -> str:
        """The code's page, at this guideline's section on it: its usage of the code, else its
        rule for the code's class (`#class-<id>` on the code page); the codes index for a code
        the atlas does not have. Made once per code: a large spec has many findings each."""
        url = self._urls.get(code)
        if url is None:
            url = self._urls[code] = self._url(code)
        return url

    def _url(self, code: int) -> str:
        if code not in self.codes:
            return page(self.site, "codes", self.lang)
        if code in self.by_code:
            return code_url(self.site, code, self.lang, self.source.id)
        if code // 100 in self.by_class:
            return code_url(self.site, code, self.lang, f"class-{self.source.id}")
        return code_url(self.site, code, self.lang)

    def alternatives(self, code: int, method: str) -> str:
        """The message's suffix naming the codes of `code`'s class that the guideline uses on
        `method` (yes or conditional), else those it lists without naming methods; "" if none."""
        same_class = [
            (c, u) for c, u in sorted(self.by_code.items()) if c // 100 == code // 100 and c != code
        ]
        on_method = [c for c, u in same_class if u.method(method) in ("yes", "conditional")]
        values = {"status_class": f"{code // 100}xx", "method": method}
        if on_method:
            codes = ", ".join(map(str, on_method))
            return say("alternatives.method", self.lang, codes=codes, **values)
        listed = [c for c, u in same_class if not u.methods]
        if listed:
            return say(
                "alternatives.listed", self.lang, codes=", ".join(map(str, listed)), **values
            )
        return ""

    def instead(self, code: int, usage: m.Usage) -> tuple[m.Scenario, m.Answer] | None:
        """For a code the guideline rules out: the situation in which the atlas finds that code
        and the guideline answers otherwise, with its answer; one whose answer is among the
        codes the guideline says to use instead comes first."""
        fallback: tuple[m.Scenario, m.Answer] | None = None
        for scenario in self.atlas.scenarios:
            answer = scenario.answer(self.source.id)
            if answer is None or code in answer.codes or code not in scenario.codes:
                continue
            if set(answer.codes) & set(usage.instead):
                return scenario, answer
            fallback = fallback or (scenario, answer)
        return fallback

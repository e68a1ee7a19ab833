"""Codes the guideline does not list."""

from __future__ import annotations

from collections.abc import Iterator

from ...model import Text as T
from ..findings import Finding
from ..openapi import ResponseSite
from ..rule import Rule, Run, register


@register
class CodeNotInGuideline(Rule):
    id = "code-not-in-guideline"
    severity = "warning"
    title = T(
        en="A code the guideline does not list",
        pt_br="Código que a diretriz não prevê",
    )
    message = T(
        en="{guideline} does not list {code}{alternatives}",
        pt_br="A diretriz {guideline} não prevê o código {code}{alternatives}",
    )
    help = T(
        en="The guideline does not list the code, neither on its own nor through a rule for "
        "its whole class (such as Google's rule for 2xx). Prefer a code it lists (the "
        "message names those of the same class); if you keep this one, say why in the "
        "response's description.",
        pt_br="A diretriz não prevê o código, nem sozinho nem por uma regra para a classe "
        "inteira (como a regra do Google para 2xx). Prefira um código que ela prevê "
        "(a mensagem cita os da mesma classe); se mantiver este, explique o motivo na "
        "descrição da resposta.",
    )

    def response(self, run: Run, site: ResponseSite) -> Iterator[Finding]:
        g = run.guideline
        code = site.code
        if code is None or g.usage(code) is not None:
            return
        for method in site.methods():
            yield run.finding(
                self,
                site.place,
                site.reaches(method),
                site.key,
                g.url(code),
                code=code,
                alternatives=g.alternatives(code, method),
            )

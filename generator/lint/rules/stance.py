"""Codes the guideline rules out on every method: forbidden (an error) or discouraged (a
warning), each naming what the guideline uses instead and the situation it answers so."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ... import model as m
from ...model import Text as T
from ..findings import Finding
from ..openapi import ResponseSite
from ..rule import Rule, Run, register

#: What every stance rule adds to its message: the codes to use instead, and the situation.
INSTEAD: dict[str, T] = {
    "instead": T(
        en=" (use {codes} instead)",
        pt_br=" (use {codes} no lugar)",
    ),
    "situation": T(
        en="; for the situation “{question}” it answers {answer}",
        pt_br="; para a situação “{question}” ela responde {answer}",
    ),
}


def _stance(rule: Rule, run: Run, site: ResponseSite, stance: str) -> Iterator[Finding]:
    g = run.guideline
    code = site.code
    usage = g.usage(code) if code is not None else None
    if code is None or usage is None or usage.stance != stance:
        return
    instead = ", ".join(map(str, usage.instead))
    found = g.instead(code, usage)
    situation = ""
    if found is not None:
        scenario, answer = found
        situation = rule.say(
            run.lang,
            "situation",
            question=scenario.question.get(run.lang),
            answer=", ".join(map(str, answer.codes)),
        )
    yield run.finding(
        rule,
        site.place,
        site.reaches(),
        site.key,
        g.url(code),
        usage.why or usage.meaning,
        code=code,
        instead=rule.say(run.lang, "instead", codes=instead) if instead else "",
        situation=situation,
    )


@register
class ForbiddenCode(Rule):
    id = "forbidden-code"
    severity = "error"
    title = T(
        en="A code the guideline forbids",
        pt_br="Código que a diretriz proíbe",
    )
    message = T(
        en="{guideline} forbids {code}{instead}{situation}",
        pt_br="A diretriz {guideline} proíbe o código {code}{instead}{situation}",
    )
    messages: ClassVar[dict[str, m.Text]] = INSTEAD
    help = T(
        en="The guideline forbids the code on every method. The message names what it uses "
        "instead, and the situation of the atlas in which it answers with another code; the "
        "guideline's own words say why. Answer with the code it names, or drop the response.",
        pt_br="A diretriz proíbe o código em qualquer método. A mensagem cita o que ela usa no "
        "lugar e a situação do atlas em que ela responde com outro código; as palavras da "
        "própria diretriz dizem por quê. Responda com o código que ela indica ou tire a "
        "resposta.",
    )

    def response(self, run: Run, site: ResponseSite) -> Iterator[Finding]:
        return _stance(self, run, site, "forbidden")


@register
class DiscouragedCode(Rule):
    id = "discouraged-code"
    severity = "warning"
    title = T(
        en="A code the guideline discourages",
        pt_br="Código que a diretriz desaconselha",
    )
    message = T(
        en="{guideline} discourages {code}{instead}{situation}",
        pt_br="A diretriz {guideline} desaconselha o código {code}{instead}{situation}",
    )
    messages: ClassVar[dict[str, m.Text]] = INSTEAD
    help = T(
        en="The guideline advises against the code, without ruling it out. The message names "
        "what it uses instead and the situation in which it answers with another code. Prefer "
        "that code; if you keep this one, say why in the response's description.",
        pt_br="A diretriz desaconselha o código, sem proibi-lo. A mensagem cita o que ela usa "
        "no lugar e a situação em que ela responde com outro código. Prefira esse código; se "
        "mantiver este, explique o motivo na descrição da resposta.",
    )

    def response(self, run: Run, site: ResponseSite) -> Iterator[Finding]:
        return _stance(self, run, site, "discouraged")

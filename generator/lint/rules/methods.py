"""Codes the guideline rules out for a method, or allows on it only under a condition."""

from __future__ import annotations

from collections.abc import Iterator

from ...model import Text as T
from ..findings import Finding
from ..openapi import ResponseSite
from ..rule import Rule, Run, register


@register
class CodeNotForMethod(Rule):
    id = "code-not-for-method"
    severity = "error"
    title = T(
        en="A code the guideline rules out for this method",
        pt_br="Código que a diretriz não admite neste método",
    )
    message = T(
        en="{guideline} does not use {code} on {method}{alternatives}",
        pt_br="A diretriz {guideline} não usa {code} em {method}{alternatives}",
    )
    help = T(
        en="The guideline marks the code `no` for the operation's method. Answer with a "
        "code the guideline uses on that method (the message lists those of the same "
        "class), or drop the response if the operation never sends it.",
        pt_br="A diretriz marca o código como `não` para o método da operação. Responda com "
        "um código que a diretriz usa nesse método (a mensagem lista os da mesma "
        "classe) ou tire a resposta, se a operação nunca a envia.",
    )

    def response(self, run: Run, site: ResponseSite) -> Iterator[Finding]:
        g = run.guideline
        code = site.code
        usage = g.usage(code) if code is not None else None
        if code is None or usage is None or usage.stance == "forbidden":
            return  # a forbidden code is an error on every method already (forbidden-code)
        for method in site.methods():
            if usage.method(method) != "no":
                continue
            yield run.finding(
                self,
                site.place,
                site.reaches(method),
                site.key,
                g.url(code),
                usage.meaning,
                code=code,
                method=method,
                alternatives=g.alternatives(code, method),
            )


@register
class ConditionalCode(Rule):
    id = "conditional-code"
    severity = "warning"
    title = T(
        en="A code the guideline allows on this method only under a condition",
        pt_br="Código que a diretriz só admite neste método sob uma condição",
    )
    message = T(
        en="{guideline} uses {code} on {method} only under a condition: {condition}",
        pt_br="A diretriz {guideline} só usa {code} em {method} sob uma condição: {condition}",
    )
    help = T(
        en="The guideline allows the code on the operation's method only under a condition, "
        "which the message quotes. Check that the operation meets it; if it does not, "
        "drop the response.",
        pt_br="A diretriz só admite o código no método da operação sob uma condição, que a "
        "mensagem reproduz. Confira se a operação a cumpre; se não cumprir, tire a "
        "resposta.",
    )

    def response(self, run: Run, site: ResponseSite) -> Iterator[Finding]:
        g = run.guideline
        code = site.code
        usage = g.usage(code) if code is not None else None
        if code is None or usage is None:
            return
        for method in site.methods():
            if usage.method(method) != "conditional":
                continue
            condition = usage.condition_for(method) or usage.meaning
            yield run.finding(
                self,
                site.place,
                site.reaches(method),
                site.key,
                g.url(code),
                usage.meaning,
                code=code,
                method=method,
                condition=condition.get(run.lang),
            )

"""Codes the IANA registry does not register, or lists as no longer in use."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ...model import Text as T
from ..findings import Finding
from ..openapi import ResponseSite
from ..rule import Rule, Run, register

#: What IANA calls a code it lists but no longer wants used.
_RETIRED = ("unused", "deprecated", "obsoleted")


@register
class UnregisteredCode(Rule):
    id = "unregistered-code"
    severity = "warning"
    title = T(
        en="A code that is not registered at IANA",
        pt_br="Código que não está registrado na IANA",
    )
    message = T(
        en="{code} is not registered at IANA; clients that do not know it treat it as {fallback}",
        pt_br="O código {code} não está registrado na IANA; clientes que não o conhecem vão "
        "tratá-lo como {fallback}",
    )
    help = T(
        en="The code is not in the IANA HTTP Status Code Registry, such as 529. RFC 9110 "
        "has a client treat a code it does not know as the x00 code of its class, so "
        "proxies, SDKs and monitoring see a plain 500 (or 400, or 200). Keep it only "
        "where the guideline asks for it, and document it.",
        pt_br="O código não está no registro de códigos de status HTTP da IANA, como o 529. "
        "Pela RFC 9110, o cliente trata um código que não conhece como o x00 da "
        "classe: proxies, SDKs e monitoramento enxergam um 500 comum (ou 400, ou "
        "200). Mantenha o código só onde a diretriz pede e documente-o.",
    )

    def response(self, run: Run, site: ResponseSite) -> Iterator[Finding]:
        g = run.guideline
        code = site.code
        if code is None:
            return
        known = g.codes.get(code)
        if known is not None and known.registry != "unregistered":
            return
        usage = g.usage(code)
        yield run.finding(
            self,
            site.place,
            site.reaches(),
            site.key,
            g.url(code),
            usage.meaning if usage else None,
            code=code,
            fallback=code // 100 * 100,
        )


@register
class RetiredCode(Rule):
    id = "retired-code"
    severity = "warning"
    title = T(
        en="A code IANA lists as unused, deprecated or obsoleted",
        pt_br="Código que a IANA marca como sem uso, descontinuado ou obsoleto",
    )
    message = T(
        en="IANA lists {code} as {registry}; replace it with a code in use",
        pt_br="A IANA marca o código {code} como {registry}; troque por um código em uso",
    )
    help = T(
        en="IANA lists the code as unused (306, 418), deprecated (305) or obsoleted (510): "
        "clients and intermediaries may not handle it. Replace it with a code in current "
        "use.",
        pt_br="A IANA marca o código como sem uso (306, 418), descontinuado (305) ou "
        "obsoleto (510): clientes e intermediários podem não saber lidar com ele. "
        "Troque por um código em uso.",
    )
    messages: ClassVar[dict[str, T]] = {
        "registry.unused": T(en="unused", pt_br="sem uso"),
        "registry.deprecated": T(en="deprecated", pt_br="descontinuado"),
        "registry.obsoleted": T(en="obsoleted", pt_br="obsoleto"),
    }

    def response(self, run: Run, site: ResponseSite) -> Iterator[Finding]:
        g = run.guideline
        code = site.code
        known = g.codes.get(code) if code is not None else None
        if code is None or known is None or known.registry not in _RETIRED:
            return
        usage = g.usage(code)
        yield run.finding(
            self,
            site.place,
            site.reaches(),
            site.key,
            g.url(code),
            usage.meaning if usage else None,
            code=code,
            registry=self.say(run.lang, f"registry.{known.registry}"),
        )

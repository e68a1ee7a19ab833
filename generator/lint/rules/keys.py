"""Response keys that are no single code: `default`, ranges, and keys that are no status code."""

from __future__ import annotations

from collections.abc import Iterator

from ...model import Text as T
from ..findings import Finding
from ..links import page, rule_url
from ..openapi import CODE, RANGE, ResponseSite
from ..rule import Rule, Run, register


@register
class DefaultResponse(Rule):
    id = "default-response"
    severity = "info"
    title = T(
        en="A 'default' response",
        pt_br="Resposta 'default'",
    )
    message = T(
        en="A 'default' response stands for any code not listed; it is not checked",
        pt_br="A resposta 'default' vale para qualquer código não listado; não é verificada",
    )
    help = T(
        en="A `default` response stands for every code the operation does not list, so "
        "there is nothing to check code by code. List the codes the operation really "
        "sends, and they get checked.",
        pt_br="Uma resposta `default` vale para todo código que a operação não lista, então "
        "não há o que verificar código a código. Liste os códigos que a operação de "
        "fato envia, e eles passam a ser verificados.",
    )

    def response(self, run: Run, site: ResponseSite) -> Iterator[Finding]:
        if site.key == "default":
            source_page = page(run.guideline.site, f"sources/{run.guideline.source.id}", run.lang)
            yield run.finding(self, site.place, site.reaches(), site.key, source_page)


@register
class RangeResponse(Rule):
    id = "range-response"
    severity = "info"
    title = T(
        en="A range response such as 4XX",
        pt_br="Resposta por faixa, como 4XX",
    )
    message = T(
        en="The range '{key}' stands for any {status_class} code; it is not checked code by code",
        pt_br="A faixa '{key}' vale para qualquer código {status_class}; não é verificada "
        "código a código",
    )
    help = T(
        en="A range such as `4XX` stands for every code of its class; it is reported as "
        "what it is, never as an error. With `--missing` it counts as declaring every "
        "code of its class.",
        pt_br="Uma faixa como `4XX` vale para todos os códigos da classe; ela aparece como "
        "o que é, nunca como erro. Com `--missing`, conta como declaração de todos os "
        "códigos da classe.",
    )

    def response(self, run: Run, site: ResponseSite) -> Iterator[Finding]:
        if not RANGE.match(site.key):
            return
        g = run.guideline
        status_class = int(site.key[0])
        class_usage = g.by_class.get(status_class)
        yield run.finding(
            self,
            site.place,
            site.reaches(),
            site.key,
            page(g.site, f"sources/{g.source.id}", run.lang),
            class_usage.meaning if class_usage else None,
            key=site.key,
            status_class=f"{status_class}xx",
        )


@register
class NotAStatusCode(Rule):
    id = "not-a-status-code"
    severity = "warning"
    title = T(
        en="A response key that is not a status code",
        pt_br="Chave de resposta que não é um código de status",
    )
    message = T(
        en="'{key}' is not a status code: use 100 to 599, a range such as 4XX, or default",
        pt_br="'{key}' não é um código de status: use de 100 a 599, uma faixa como 4XX ou default",
    )
    help = T(
        en="A response key that is neither a code from 100 to 599, a range such as `4XX`, "
        "nor `default`: fix the key. It is shown as written (`0404`, `true`); OpenAPI "
        "writes a range with an upper-case X, so `2xx` is no range. Keys starting with "
        "`x-` are extensions and are skipped.",
        pt_br="Uma chave de resposta que não é código de 100 a 599, nem faixa como `4XX`, "
        "nem `default`: corrija a chave. Ela aparece como foi escrita (`0404`, `true`); o "
        "OpenAPI escreve faixas com X maiúsculo, então `2xx` não é faixa. Chaves que "
        "começam com `x-` são extensões e ficam de fora.",
    )

    def response(self, run: Run, site: ResponseSite) -> Iterator[Finding]:
        key = site.key
        if key == "default" or RANGE.match(key) or CODE.match(key):
            return
        yield run.finding(
            self,
            site.place,
            site.reaches(),
            key,
            rule_url(run.guideline.site, self.id, run.lang),
            key=key,
        )

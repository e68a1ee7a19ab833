"""Headers the guideline requires with a code, missing from a response that declares it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ... import model as m
from ...model import Text as T
from ..findings import Finding
from ..openapi import ResponseSite
from ..rule import Rule, Run, register


@register
class MissingHeader(Rule):
    id = "missing-header"
    severity = "warning"
    title = T(
        en="A header the guideline requires with the code, missing from the response",
        pt_br="Cabeçalho que a diretriz exige com o código e que a resposta não declara",
    )
    message = T(
        en="{guideline} requires the {header} header with {code}; this response does not "
        "declare it",
        pt_br="A diretriz {guideline} exige o cabeçalho {header} com o código {code}; esta "
        "resposta não o declara",
    )
    messages: ClassVar[dict[str, m.Text]] = {
        "one_of": T(
            en="{guideline} requires one of the headers {headers} with {code}; this response "
            "declares none of them",
            pt_br="A diretriz {guideline} exige um dos cabeçalhos {headers} com o código "
            "{code}; esta resposta não declara nenhum deles",
        ),
    }
    help = T(
        en="The guideline requires a header with the code (Retry-After with 429, say), and the "
        "response does not declare it under `headers` (for Content-Type, a response with "
        "`content` declares it). The guideline's note says when it applies. Declare the "
        "header, so that clients know to read it.",
        pt_br="A diretriz exige um cabeçalho com o código (Retry-After com 429, por exemplo), "
        "e a resposta não o declara em `headers` (para Content-Type, basta a resposta ter "
        "`content`). A nota da diretriz diz quando ele vale. Declare o cabeçalho, para que os "
        "clientes saibam lê-lo.",
    )

    def response(self, run: Run, site: ResponseSite) -> Iterator[Finding]:
        code = site.code
        usage = run.guideline.usage(code) if code is not None else None
        if code is None or usage is None:
            return
        required = [rule for rule in usage.headers if rule.level == "required"]
        if not required:
            return
        response = run.walk.response(site)
        if response is None:
            return
        declared = run.walk.headers(site, response)
        for rule in required:
            if any(name.lower() in declared for name in rule.names):
                continue
            yield run.finding(
                self,
                site.place,
                site.reaches(),
                site.key,
                run.guideline.url(code),
                rule.note or usage.meaning,
                message_id="one_of" if len(rule.names) > 1 else None,
                code=code,
                header=rule.names[0],
                headers=", ".join(rule.names),
            )

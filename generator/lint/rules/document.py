"""Findings about a whole file."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ...model import Text as T
from ..findings import Finding
from ..links import rule_url
from ..nodes import Place
from ..openapi import Spec
from ..rule import Rule, Run, register


@register
class NotOpenapi(Rule):
    id = "not-openapi"
    severity = "info"
    title = T(
        en="A file that is not an OpenAPI or Swagger document",
        pt_br="Arquivo que não é um documento OpenAPI ou Swagger",
    )
    message = T(
        en="Not an OpenAPI or Swagger document (no 'openapi' or 'swagger' key): skipped",
        pt_br="Não é um documento OpenAPI nem Swagger (falta a chave 'openapi' ou "
        "'swagger'): arquivo ignorado",
    )
    help = T(
        en="The file is a YAML or JSON mapping without an `openapi` or `swagger` key, such "
        "as one piece of a spec split into several files, so it is skipped (its pieces are "
        "checked when the spec's `$ref`s reach them). A file whose top level is not a "
        "mapping (a list, a single value) cannot be read as a spec: it is reported as an "
        "error of its own, and the run ends with exit code 2.",
        pt_br="O arquivo é um mapeamento YAML ou JSON sem a chave `openapi` nem `swagger`, "
        "como um pedaço de uma especificação dividida em vários arquivos; por isso é "
        "ignorado (os pedaços são verificados quando os `$ref` da especificação chegam "
        "até eles). Já um arquivo cujo topo não é um mapeamento (uma lista, um valor "
        "solto) não pode ser lido como especificação: ele aparece como erro à parte, e a "
        "execução termina com código de saída 2.",
    )

    def spec(self, run: Run, spec: Spec) -> Iterator[Finding]:
        if not spec.openapi:
            root = Place.of(spec.doc.display, spec.doc.root.pos)
            yield run.finding(
                self, root, None, None, rule_url(run.guideline.site, self.id, run.lang)
            )


@register
class NothingChecked(Rule):
    id = "nothing-checked"
    severity = "error"
    title = T(
        en="A spec in which nothing could be checked",
        pt_br="Especificação em que nada pôde ser verificado",
    )
    message = T(
        en="Nothing in this spec could be checked: no operation under 'paths' has responses "
        "that could be read ($refs not followed: {unfollowed})",
        pt_br="Nada nesta especificação pôde ser verificado: nenhuma operação em 'paths' tem "
        "respostas que pudessem ser lidas ($ref não seguidos: {unfollowed})",
    )
    messages: ClassVar[dict[str, T]] = {
        "none_declared": T(
            en="Nothing in this spec could be checked: no operation under 'paths' declares "
            "responses",
            pt_br="Nada nesta especificação pôde ser verificado: nenhuma operação em 'paths' "
            "declara respostas",
        ),
    }
    help = T(
        en="The spec has paths, but not one response of its operations could be checked: "
        "their `$ref`s name other hosts, files outside the spec's folder, files that cannot "
        "be read or nothing at all (the other findings and errors say which), or the "
        "operations declare no responses. Such a spec does not pass as clean: fix what the "
        "other findings point at.",
        pt_br="A especificação tem caminhos, mas nenhuma resposta das suas operações pôde ser "
        "verificada: os `$ref` citam outros servidores, arquivos fora da pasta da "
        "especificação, arquivos que não podem ser lidos ou nada (os outros achados e erros "
        "dizem quais), ou as operações não declaram respostas. Uma especificação assim não "
        "passa como limpa: corrija o que os outros achados apontam.",
    )

    def spec(self, run: Run, spec: Spec) -> Iterator[Finding]:
        if not spec.openapi or spec.checked or not (spec.paths or spec.unfollowed):
            return
        place = spec.paths_place or Place.of(spec.doc.display, spec.doc.root.pos)
        message_id = None if spec.unfollowed else "none_declared"
        yield run.finding(
            self,
            place,
            None,
            None,
            rule_url(run.guideline.site, self.id, run.lang),
            message_id=message_id,
            unfollowed=spec.unfollowed,
        )

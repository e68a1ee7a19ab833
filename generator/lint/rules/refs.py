"""`$ref`s that cannot be followed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ...model import Text as T
from ..findings import Finding
from ..links import rule_url
from ..openapi import RefProblem
from ..rule import Rule, Run, register

#: A circle of more references than this is shown by its first ones and its length.
LONG_CIRCLE = 8


@register
class BrokenRef(Rule):
    id = "broken-ref"
    severity = "warning"
    title = T(
        en="A $ref that points to nothing",
        pt_br="$ref que não aponta para nada",
    )
    message = T(
        en="$ref '{ref}' points to nothing in this file{via}",
        pt_br="O $ref '{ref}' não aponta para nada neste arquivo{via}",
    )
    messages: ClassVar[dict[str, T]] = {
        "missing_in": T(
            en="$ref '{ref}' points to nothing in {target}{via}",
            pt_br="O $ref '{ref}' não aponta para nada em {target}{via}",
        ),
        "no_file": T(
            en="$ref '{ref}' names a file that is not there: {target}{via}",
            pt_br="O $ref '{ref}' cita um arquivo que não existe: {target}{via}",
        ),
        "loop": T(
            en="$ref '{ref}' goes round in a circle: {chain}",
            pt_br="O $ref '{ref}' anda em círculo: {chain}",
        ),
        "long_loop": T(
            en="{chain} ({n:,} references)",
            pt_br="{chain} ({n:,} referências)",
        ),
        # The reference the chain started from, when another one fails.
        "via": T(
            en=" (reached from '{first}')",
            pt_br=" (referência seguida a partir de '{first}')",
        ),
    }
    help = T(
        en="A `$ref` (`#/components/responses/...`, `#/responses/...` in Swagger 2.0, or "
        "another file of the spec such as `paths/pets.yaml` or `common.yaml#/NotFound`) that "
        "points to nothing, names a file that is not there, or goes round in a circle. The "
        "finding points at the reference that fails, even when another reference led there: "
        "fix the pointer or the file name, or add what it names.",
        pt_br="Um `$ref` (`#/components/responses/...`, `#/responses/...` no Swagger 2.0, ou "
        "outro arquivo da especificação, como `paths/pets.yaml` ou `common.yaml#/NotFound`) "
        "que não aponta para nada, cita um arquivo que não existe ou anda em círculo. O achado "
        "aponta para a referência que falha, mesmo quando outra referência levou até ela: "
        "corrija o ponteiro ou o nome do arquivo, ou crie o que ele nomeia.",
    )

    def chain(self, run: Run, loop: tuple[str, ...]) -> str:
        """The references round a circle; a long one by its first four, its last and its
        length."""
        if len(loop) <= LONG_CIRCLE:
            return " → ".join(loop)
        shown = " → ".join((*loop[:4], "…", *loop[-2:]))
        return self.say(run.lang, "long_loop", chain=shown, n=len(loop) - 1)

    def reference(self, run: Run, problem: RefProblem) -> Iterator[Finding]:
        failure = problem.failure
        if failure.kind not in ("missing", "no_file", "loop"):
            return
        at = (
            problem.place,
            problem.reaches,
            problem.code,
            rule_url(run.guideline.site, self.id, run.lang),
        )
        if failure.kind == "loop":
            yield run.finding(
                self, *at, message_id="loop", ref=failure.ref, chain=self.chain(run, failure.loop)
            )
            return
        via = self.say(run.lang, "via", first=failure.first) if failure.first else ""
        if failure.kind == "no_file":
            message_id: str | None = "no_file"
        else:
            message_id = "missing_in" if failure.target else None
        yield run.finding(
            self, *at, message_id=message_id, ref=failure.ref, target=failure.target, via=via
        )


@register
class RefNotFollowed(Rule):
    id = "ref-not-followed"
    severity = "warning"
    title = T(
        en="A $ref to another host, or to a file outside the spec's folder",
        pt_br="$ref para outro servidor, ou para um arquivo fora da pasta da especificação",
    )
    message = T(
        en="$ref '{ref}' names another host: it is not fetched, so what it names is not checked",
        pt_br="O $ref '{ref}' cita outro servidor: ele não é baixado, então o que ele nomeia "
        "não é verificado",
    )
    messages: ClassVar[dict[str, T]] = {
        "outside": T(
            en="$ref '{ref}' names {target}, outside the spec's folder: it is not read, so "
            "what it names is not checked",
            pt_br="O $ref '{ref}' cita {target}, fora da pasta da especificação: ele não é "
            "lido, então o que ele nomeia não é verificado",
        ),
    }
    help = T(
        en="The check reads the spec named on the command line and the files its `$ref`s name "
        "inside the spec's folder (and the folders under it), and nothing else: it never "
        "fetches a URL and never opens a file outside that folder, so that checking a spec "
        "cannot read or send anything else of the machine it runs on. What such a `$ref` "
        "names is not checked. Copy the file into the spec's folder and refer to it by a "
        "relative path.",
        pt_br="A verificação lê a especificação indicada na linha de comando e os arquivos que "
        "os seus `$ref` citam dentro da pasta dela (e das pastas abaixo), e nada mais: nunca "
        "baixa uma URL e nunca abre um arquivo fora dessa pasta, para que verificar uma "
        "especificação não leia nem envie mais nada da máquina onde roda. O que um `$ref` "
        "assim nomeia não é verificado. Copie o arquivo para a pasta da especificação e "
        "cite-o por um caminho relativo.",
    )

    def reference(self, run: Run, problem: RefProblem) -> Iterator[Finding]:
        failure = problem.failure
        if failure.kind not in ("remote", "outside"):
            return
        yield run.finding(
            self,
            problem.place,
            problem.reaches,
            problem.code,
            rule_url(run.guideline.site, self.id, run.lang),
            message_id="outside" if failure.kind == "outside" else None,
            ref=failure.ref,
            target=failure.target,
        )

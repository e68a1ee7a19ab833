"""With --missing: codes the guideline uses that operations do not declare."""

from __future__ import annotations

from collections.abc import Iterator

from ...model import Text as T
from ..findings import Finding
from ..nodes import Place
from ..openapi import Operation, Reach, Reaches, ResponsesMap, Spec
from ..rule import Rule, Run, register


@register
class MissingCode(Rule):
    id = "missing-code"
    severity = "info"
    title = T(
        en="A code the guideline uses on this method that the operation does not declare",
        pt_br="Código que a diretriz usa neste método e a operação não declara",
    )
    message = T(
        en="{guideline} uses {code} on {method}, but this operation does not declare it",
        pt_br="A diretriz {guideline} usa {code} em {method}, mas esta operação não o declara",
    )
    help = T(
        en="With `--missing`: the guideline marks the code `yes` for the method, and the "
        "operation does not declare it. It is reported at the operation's `responses` "
        "key (for responses several operations share, at the key they are written under, "
        "once for each method); declare the code there if the operation can answer with "
        "it, so that clients know to handle it.",
        pt_br="Com `--missing`: a diretriz marca o código como `sim` para o método, e a "
        "operação não o declara. O achado fica na chave `responses` da operação (para "
        "respostas que várias operações compartilham, na chave sob a qual estão escritas, "
        "uma vez por método); declare o código ali se a operação pode responder com ele, "
        "para que os clientes saibam tratá-lo.",
    )

    def responses(self, run: Run, holder: ResponsesMap) -> Iterator[Finding]:
        # Once per responses mapping and method, where the mapping is written.
        if not run.missing:
            return
        codes, classes = holder.declared()
        for method, reaches in holder.by_method().items():
            yield from self.absent(
                run, holder.home, Reaches([(reaches, None)]), method, codes, classes
            )

    def operation(self, run: Run, operation: Operation) -> Iterator[Finding]:
        # An operation without a `responses` key, at its method key.
        if not run.missing or operation.has_responses:
            return
        alone = Reaches.one(Reach(operation, operation.via))
        yield from self.absent(run, operation.place, alone, operation.method, set(), set())

    def absent(
        self,
        run: Run,
        place: Place,
        reaches: Reaches,
        method: str,
        codes: set[int],
        classes: set[int],
    ) -> Iterator[Finding]:
        g = run.guideline
        for code, usage in sorted(g.by_code.items()):
            if usage.method(method) != "yes" or code in codes or code // 100 in classes:
                continue
            yield run.finding(
                self,
                place,
                reaches,
                str(code),
                g.url(code),
                usage.meaning,
                code=code,
                method=method,
            )


@register
class MissingCodeInFile(Rule):
    id = "missing-code-in-file"
    severity = "info"
    title = T(
        en="A code the guideline uses that no operation in the file declares",
        pt_br="Código que a diretriz usa e nenhuma operação do arquivo declara",
    )
    message = T(
        en="{guideline} uses {code}, but no operation in this file declares it",
        pt_br="A diretriz {guideline} usa o código {code}, mas nenhuma operação deste "
        "arquivo o declara",
    )
    help = T(
        en="With `--missing`: the guideline lists the code without naming methods, and no "
        "operation in the file declares it. It is reported once per file, at the `paths` "
        "key; declare the code on the operations that can answer with it.",
        pt_br="Com `--missing`: a diretriz lista o código sem citar métodos, e nenhuma "
        "operação do arquivo o declara. O achado aparece uma vez por arquivo, na "
        "chave `paths`; declare o código nas operações que podem responder com ele.",
    )

    def spec(self, run: Run, spec: Spec) -> Iterator[Finding]:
        if not run.missing or not spec.operations or spec.paths_place is None:
            return
        g = run.guideline
        codes: set[int] = set()
        classes: set[int] = set()
        holders = {id(op.responses): op.responses for op in spec.operations if op.responses}
        for holder in holders.values():
            assert holder is not None
            declared_codes, declared_classes = holder.declared()
            codes |= declared_codes
            classes |= declared_classes
        for code, usage in sorted(g.by_code.items()):
            if usage.methods or code in codes or code // 100 in classes:
                continue
            yield run.finding(
                self, spec.paths_place, None, str(code), g.url(code), usage.meaning, code=code
            )

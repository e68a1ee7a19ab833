"""Check OpenAPI and Swagger documents against one guideline of the atlas.

Reads OpenAPI 3.0 / 3.1 and Swagger 2.0, YAML or JSON, into located nodes (load.parse), walks
every operation (METHOD /path) and every response it declares, and compares each status code
with what the chosen guideline says of it for that method. The result is a Report of Finding
values; render() turns it into text, JSON (shape: data/lint.schema.json) or SARIF 2.1.0. No
printing and no exit codes here: the CLI does that.

Rules (RULES below holds each one's wording in every language):

| rule                  | severity | when                                                         |
| --------------------- | -------- | ------------------------------------------------------------ |
| code-not-for-method   | error    | the guideline marks the code `no` for the operation's method |
| conditional-code      | warning  | ... marks it `conditional` for that method (condition shown) |
| code-not-in-guideline | warning  | the guideline uses neither the code nor its class            |
| unregistered-code     | warning  | IANA does not register the code (e.g. 529)                   |
| retired-code          | warning  | IANA lists the code as unused, deprecated or obsoleted       |
| missing-code          | info     | --missing: marked `yes` for the method, not declared         |
| missing-code-in-file  | info     | --missing: a code the guideline uses without naming methods  |
|                       |          | that no operation of the file declares                       |
| default-response      | info     | a `default` response                                         |
| range-response        | info     | a range response such as `4XX`                               |
| not-a-status-code     | warning  | a response key that is none of the above                     |
| broken-ref            | warning  | a local `$ref` (response, path item) that points to nothing, |
|                       |          | or a chain of them that goes round in a circle               |
| not-openapi           | info     | a mapping without an 'openapi' or 'swagger' key (a piece of  |
|                       |          | a split spec, say): skipped                                  |

Decisions:
- A guideline's class usage (code "2xx") counts as using every code of that class, with the
  class's method states, wherever the guideline has no usage of the exact code.
- For --missing, a range (4XX) declares every code of its class; `default` declares none.
- Messages name a guideline by its short_name ("Open Finance Brasil does not use 422 on
  DELETE"): the sources' names are full page titles, too long for a sentence.
- Callbacks and 3.1 `webhooks` are not checked: their responses come from the API's clients.
- Only local `$ref`s (`#/...`) are followed; a reference to another file is left alone. A
  chain that breaks is reported at the reference that fails (where the fix goes), naming the
  one the response or path started from.
- code-not-for-method and code-not-in-guideline name what to answer instead: the codes of the
  same class the guideline uses on the method, else those it lists without naming methods.
- A file whose top level is not a mapping (a list, a scalar, null) is a usage error, like one
  that does not parse: it is neither a spec nor a piece of one.
- SARIF results carry a partialFingerprints.primaryLocationLineHash made of rule, operation
  and code: GitHub identifies an alert by file, rule and that hash, and the line hash
  upload-sarif would compute instead would merge the missing codes of one operation.
- Specs are read with load.parse(allow_aliases=True): anchors and aliases are followed (a
  recursive alias is refused); tags and duplicate keys are still refused.

Modules, each importing only those listed before it: messages (every sentence, both
languages), links (site URLs), findings (Finding, Report), guideline, spec (reading files),
openapi (operations, responses, `$ref`s), rules (the checks), formats (text, JSON, SARIF).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .. import model as m
from .findings import Finding, Report
from .formats import (
    FORMATS,
    JSON_VERSION,
    render,
    to_data,
    to_json,
    to_sarif,
    to_sarif_data,
    to_text,
)
from .guideline import Guideline
from .links import DOCS_PAGE, SITE_URL, code_url, rule_url
from .messages import MESSAGES, RULES, SEVERITIES, Rule, Severity, count_words, say
from .rules import check
from .spec import MAX_SPEC_BYTES, parse_spec, read_spec

__all__ = [
    "DOCS_PAGE",
    "FORMATS",
    "JSON_VERSION",
    "MAX_SPEC_BYTES",
    "MESSAGES",
    "RULES",
    "SEVERITIES",
    "SITE_URL",
    "Finding",
    "Guideline",
    "Report",
    "Rule",
    "Severity",
    "check",
    "code_url",
    "count_words",
    "lint_files",
    "parse_spec",
    "read_spec",
    "render",
    "rule_url",
    "say",
    "to_data",
    "to_json",
    "to_sarif",
    "to_sarif_data",
    "to_text",
]


def lint_files(
    paths: Sequence[Path],
    atlas: m.Atlas,
    guideline_id: str,
    lang: m.Lang = "pt-BR",
    missing: bool = False,
    displays: Sequence[str] | None = None,
) -> Report:
    """Check every spec against a guideline. UsageError if the guideline is unknown or a spec
    cannot be read (nothing is reported then: fix the call first)."""
    guideline = Guideline(atlas, guideline_id, lang)
    shown = list(displays) if displays is not None else [str(p) for p in paths]
    pairs = list(dict.fromkeys(zip(paths, shown, strict=True)))
    trees = [(display, read_spec(path, display, lang)) for path, display in pairs]
    findings: list[Finding] = []
    for display, root in trees:
        findings.extend(check(root, display, guideline, missing))
    return Report(guideline.source, lang, tuple(d for _, d in pairs), tuple(findings))

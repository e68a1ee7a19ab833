"""Check OpenAPI and Swagger documents against one guideline of the atlas.

Reads OpenAPI 3.0 / 3.1 and Swagger 2.0, YAML or JSON, with the files their `$ref`s name
inside the spec's folder, into located nodes; walks every operation (METHOD /path) and every
response it declares, and compares each status code with what the chosen guideline says of it
for that method. The result is a Report of Finding values (and of the files that could not be
read); render() turns it into text, JSON (shape: data/lint.schema.json) or SARIF 2.1.0. No
printing and no exit codes here: the CLI does that.

The rules are units in rules/ (each with its id, severity, title, messages in both languages,
help and check), found through a registry: RULES. The "Check your API" page documents each.

Decisions:
- A guideline's class usage (code "2xx") counts as using every code of that class, with the
  class's method states, wherever the guideline has no usage of the exact code.
- For --missing, a range (4XX) declares every code of its class; `default` declares none.
  OpenAPI writes ranges with an upper-case X only: `2xx` is not a status code.
- Messages name a guideline by its short_name ("Open Finance Brasil does not use 422 on
  DELETE"): the sources' names are full page titles, too long for a sentence.
- Callbacks and 3.1 `webhooks` are not checked: their responses come from the API's clients.
- `$ref`s are followed inside the file and into other files of the spec's folder (the folder
  of the spec named on the command line); a `$ref` to a host or out of the folder is refused,
  never fetched or opened (ref-not-followed), so checking a spec reads nothing else. A chain
  that breaks is reported at the reference that fails (where the fix goes), naming the one
  the response or path started from. A spec with paths none of whose responses could be
  checked is an error (nothing-checked), never a clean pass.
- A node shared by several operations (an anchor and its aliases, a merge, a `$ref`) is
  checked once: each finding in it is reported once, at the node, naming the operations it is
  about and where each refers to the node (reached_from).
- code-not-for-method and code-not-in-guideline name what to answer instead: the codes of the
  same class the guideline uses on the method, else those it lists without naming methods.
- A file that cannot be read (missing, not UTF-8, not YAML or JSON, top level not a mapping,
  unsupported version, over MAX_SPEC_BYTES, nested too deep) is reported on its own; the other
  files are still checked, and the CLI exits 2.
- SARIF results carry a partialFingerprints.primaryLocationLineHash made of rule, operation
  and code: GitHub identifies an alert by file, rule and that hash, and the line hash
  upload-sarif would compute instead would merge the missing codes of one operation.

Modules, each importing only those listed before it: messages (sentences that belong to no
rule), links (site URLs), nodes (located tree), yaml_reader and json_reader, findings
(Finding, Unreadable, Report), spec (reading a file), guideline, openapi (walking specs and
`$ref`s), rule (the Rule base, its registry, what a check sees), rules/ (the rules), check
(running them), formats (text, JSON, SARIF).
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from pathlib import Path

from .. import model as m
from ..urls import SiteUrl
from .check import check
from .findings import Finding, Report, Unreadable
from .formats import (
    FORMATS,
    JSON_VERSION,
    chunks,
    render,
    to_data,
    to_json,
    to_sarif,
    to_sarif_data,
    to_text,
)
from .guideline import Guideline
from .links import DOCS_PAGE, code_url, rule_url
from .messages import MESSAGES, SEVERITIES, Severity, count_words, say
from .openapi import Walk
from .rule import Rule
from .rules import RULES
from .spec import MAX_SPEC_BYTES

__all__ = [
    "DOCS_PAGE",
    "FORMATS",
    "JSON_VERSION",
    "MAX_SPEC_BYTES",
    "MESSAGES",
    "RULES",
    "SEVERITIES",
    "Finding",
    "Guideline",
    "Report",
    "Rule",
    "Severity",
    "Unreadable",
    "check",
    "chunks",
    "code_url",
    "count_words",
    "lint_files",
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
    site: SiteUrl | None = None,
) -> Report:
    """Check every spec against a guideline. UsageError if the guideline is unknown; a spec
    that cannot be read is in the report's `unreadable`, and the others are checked."""
    guideline = Guideline(atlas, guideline_id, lang, site)
    shown = list(displays) if displays is not None else [str(p) for p in paths]
    # A spec is millions of small objects and no garbage cycles worth looking for: Python's
    # cycle collector, run again and again while they are made, would cost a third of the time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        walk = Walk(lang)
        for path, display in dict.fromkeys(zip(paths, shown, strict=True)):
            walk.add(path, display)
        findings = check(walk, guideline, missing)
    finally:
        if collecting:
            gc.enable()
    return Report(
        guideline.source,
        lang,
        tuple(doc.display for doc in walk.files.read),
        tuple(findings),
        tuple(walk.unreadable),
        guideline.site,
    )

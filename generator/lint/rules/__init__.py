"""Every rule of lint-openapi, one class each, found through the registry (rule.register).

The order of MODULES is the order rules are listed in SARIF and on the "Check your API" page.
To add a rule: write its class in the module of its concern (or a new module listed here),
decorated with @register, and give it its section on the page in both languages.
"""

from __future__ import annotations

import importlib

from ..rule import Rule, registered

MODULES = ("methods", "stance", "listed", "iana", "headers", "missing", "keys", "refs", "document")

for _module in MODULES:
    importlib.import_module(f"{__name__}.{_module}")

#: Every rule by id, in the order of MODULES and of the classes in each.
RULES: dict[str, Rule] = registered()

__all__ = ["RULES", "Rule"]

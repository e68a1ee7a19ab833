"""One-way layers: every import in generator/ runs down the tree, never up, and never in a
circle; only generator/site/ knows mkdocs."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "generator"

#: From the bottom up. A module may import from its own unit and from units of lower layers;
#: units of one layer do not import each other.
LAYERS: list[set[str]] = [
    {"errors", "model", "files"},
    {"urls", "atlas"},
    {"labels"},
    {"edition"},
    {"views"},
    {"site", "lint"},
    {"cli"},
    {"__main__"},
]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def unit(module: str) -> str:
    """generator.views.pages → views; generator.urls → urls."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def layer(module: str) -> int:
    for number, units in enumerate(LAYERS):
        if unit(module) in units:
            return number
    raise AssertionError(f"{module} is in no layer: add its unit to LAYERS")


def imports(module: str) -> set[str]:
    """Every module of the package this one imports (also inside functions and TYPE_CHECKING)."""
    path = modules()[module]
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            # `from . import x` imports the module x; `from .m import x` the module m
            names = [
                f"{base}.{a.name}" if f"{base}.{a.name}" in modules() else base for a in node.names
            ]
        for name in names:
            while name and name not in modules():
                name = name.rsplit(".", 1)[0] if "." in name else ""
            if name and name != module:
                found.add(name)
    return found


def external(module: str) -> set[str]:
    """Top-level names of what a module imports from outside the package."""
    found = set()
    for node in ast.walk(ast.parse(modules()[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_the_tree_is_what_the_layers_name():
    assert len(modules()) > 20
    for module in modules():
        if module != "generator":
            layer(module)


def test_no_import_runs_upward_or_sideways():
    wrong = []
    for module in modules():
        if module == "generator":
            continue
        for target in imports(module):
            if target == "generator" or unit(target) == unit(module):
                continue
            if layer(target) >= layer(module):
                wrong.append(f"{module} imports {target}")
    assert wrong == []


def test_the_imports_make_no_cycle():
    graph = {m: imports(m) - {"generator"} for m in modules()}
    state: dict[str, int] = {}  # 1 visiting, 2 done
    cycles = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                cycles.append(" -> ".join([*trail[trail.index(target) :], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_only_the_site_package_knows_mkdocs():
    for module in modules():
        if unit(module) != "site":
            assert not external(module) & {"mkdocs", "material"}, module
    assert "mkdocs" in external("generator.site.plugin")


def test_a_cycle_or_an_upward_import_would_be_seen():
    """The checks above read real imports: the model sits at the bottom, the CLI at the top."""
    assert "generator.model" in imports("generator.atlas.validate")
    assert layer("generator.model") < layer("generator.views.pages") < layer("generator.cli")
    assert "generator.site.plugin" in imports("generator.site.build")

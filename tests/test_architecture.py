"""The rules of the house, checked from the source text: who may import what, no cycles, modules of one sitting.

These are static checks (the AST of every module under ``glacier_gui/``), so they see imports inside functions
too, which a runtime check would only see when the function runs. ``test_cli.test_no_qt_in_the_core`` checks the
same Qt rule at runtime.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "glacier_gui"
MAX_LINES = 500


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking_block(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _imports(path: Path) -> list[str]:
    """Every module name *path* imports at runtime (top level or inside functions; not under TYPE_CHECKING)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[str] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if _is_type_checking_block(child):
                continue
            if isinstance(child, ast.Import):
                found.extend(alias.name for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = package.split(".")[: len(package.split(".")) - (child.level - 1)]
                    base = ".".join([*anchor, base] if base else anchor)
                found.append(base)
                # ``from glacier_gui.core import backup`` imports the submodule, not only the package.
                found.extend(f"{base}.{alias.name}" for alias in child.names if f"{base}.{alias.name}" in MODULES)
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


IMPORTS = {name: _imports(path) for name, path in MODULES.items()}


def _importers_of(prefixes: tuple[str, ...]) -> dict[str, list[str]]:
    return {
        mod: sorted({i for i in imported if i.split(".")[0] in prefixes})
        for mod, imported in IMPORTS.items()
        if any(i.split(".")[0] in prefixes for i in imported)
    }


def test_the_walk_sees_the_whole_package() -> None:
    assert len(MODULES) > 40
    assert "glacier_gui.core.s3.client" in MODULES
    assert "glacier_gui.core.s3.client" in IMPORTS["glacier_gui.core.backup"] or any(
        i.startswith("glacier_gui.core.s3") for i in IMPORTS["glacier_gui.core.backup"]
    )


def test_only_core_s3_imports_boto() -> None:
    outside = {
        mod: names
        for mod, names in _importers_of(("boto3", "botocore", "s3transfer")).items()
        if not mod.startswith("glacier_gui.core.s3")
    }
    assert outside == {}, f"boto3/botocore imported outside glacier_gui/core/s3/: {outside}"


def test_the_core_never_imports_qt() -> None:
    qt = {
        mod: names
        for mod, names in _importers_of(("PySide6", "shiboken6")).items()
        if mod.startswith("glacier_gui.core")
    }
    assert qt == {}


def test_the_cli_never_imports_the_gui_and_smoke_needs_no_cli() -> None:
    cli_to_gui = {
        mod: [i for i in names if i.startswith("glacier_gui.gui")]
        for mod, names in IMPORTS.items()
        if mod.startswith("glacier_gui.cli")
    }
    assert all(not v for v in cli_to_gui.values()), cli_to_gui
    assert not [i for i in IMPORTS.get("glacier_gui.smoke", []) if i.startswith("glacier_gui.cli")]


def _cycles() -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), over imports inside glacier_gui."""
    graph = {mod: sorted({i for i in names if i in MODULES and i != mod}) for mod, names in IMPORTS.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for mod in graph:
        if mod not in index:
            connect(mod)
    return found


def test_no_import_cycles() -> None:
    assert _cycles() == []


def test_the_cycle_finder_finds_a_cycle(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = dict(IMPORTS)
    fake["glacier_gui.core.scan"] = [*fake["glacier_gui.core.scan"], "glacier_gui.core.status"]
    monkeypatch.setitem(globals(), "IMPORTS", fake)
    assert ["glacier_gui.core.scan", "glacier_gui.core.status"] in _cycles()


@pytest.mark.parametrize("name", sorted(MODULES))
def test_module_reads_in_one_sitting(name: str) -> None:
    path = MODULES[name]
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{path.relative_to(PACKAGE.parent)} has {lines} lines (at most {MAX_LINES})"
    if path.stat().st_size > 200:  # an empty package marker needs no story
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{path.relative_to(PACKAGE.parent)} does not say why it exists"

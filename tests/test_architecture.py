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
    assert "glacier_gui.core.s3.client" in IMPORTS["glacier_gui.core.upload.backup"] or any(
        i.startswith("glacier_gui.core.s3") for i in IMPORTS["glacier_gui.core.upload.backup"]
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
    fake["glacier_gui.core.album.scan"] = [*fake["glacier_gui.core.album.scan"], "glacier_gui.core.ledger.status"]
    monkeypatch.setitem(globals(), "IMPORTS", fake)
    assert any({"glacier_gui.core.album.scan", "glacier_gui.core.ledger.status"} <= set(c) for c in _cycles())


@pytest.mark.parametrize("name", sorted(MODULES))
def test_module_reads_in_one_sitting(name: str) -> None:
    path = MODULES[name]
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{path.relative_to(PACKAGE.parent)} has {lines} lines (at most {MAX_LINES})"
    if path.stat().st_size > 200:  # an empty package marker needs no story
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{path.relative_to(PACKAGE.parent)} does not say why it exists"


# The core's layers, bottom up: a module may import its own layer and the ones below, never one above.  A name
# is a package under ``glacier_gui/core/`` or a module at its top level (the foundation).  ``core/__init__.py``
# says the same in words.
LAYERS: list[tuple[str, ...]] = [
    ("i18n", "textfmt", "clock", "atomic", "progress", "inflight", "paths", "bwlimit", "versions"),
    ("setting_checks", "settings", "lock", "logs"),
    ("album",),
    ("cost",),
    ("ledger",),
    ("s3",),
    ("thumbs",),
    ("homelink",),
    ("upload",),
    ("restore",),
    ("demo", "demophotos"),
]
LAYER_OF = {name: depth for depth, names in enumerate(LAYERS) for name in names}
CORE = "glacier_gui.core"


def _core_part(module: str) -> str | None:
    """The layer name of a core module: its package under core/, or its own name at core's top level."""
    if not module.startswith(CORE + "."):
        return None
    return module[len(CORE) + 1 :].split(".")[0]


def _upward_imports(imports: dict[str, list[str]]) -> list[str]:
    found = []
    for mod, names in imports.items():
        mine = _core_part(mod)
        if mine is None:
            continue
        for imported in names:
            theirs = _core_part(imported)
            if theirs is not None and theirs != mine and LAYER_OF[theirs] > LAYER_OF[mine]:
                found.append(f"{mod} ({mine}) imports {imported} ({theirs}), which is above it")
    return sorted(set(found))


def test_every_core_package_and_module_has_a_layer() -> None:
    parts = {_core_part(mod) for mod in MODULES} - {None}
    assert parts == set(LAYER_OF), f"without a layer: {parts - set(LAYER_OF)}; gone: {set(LAYER_OF) - parts}"


def test_the_core_layers_import_only_downwards() -> None:
    assert _upward_imports(IMPORTS) == []


def test_the_layer_check_sees_an_upward_import(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = dict(IMPORTS)
    fake["glacier_gui.core.s3.transfer"] = [*fake["glacier_gui.core.s3.transfer"], "glacier_gui.core.homelink.link"]
    assert _upward_imports(fake) == [
        "glacier_gui.core.s3.transfer (s3) imports glacier_gui.core.homelink.link (homelink), which is above it"
    ]


def test_each_core_package_says_what_it_owns() -> None:
    for name, path in MODULES.items():
        if path.name == "__init__.py" and name.startswith(CORE + "."):
            doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
            assert "Imports" in doc or "imports" in doc, f"{path} does not say what it may import"

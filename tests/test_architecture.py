"""The shape of the code, checked: no import cycles, layers import only downwards, and the
web layer's apps keep to their order (docs/architecture.md explains the rules).

A failure names the import that breaks a rule; move the code to the layer it belongs to
rather than hiding the import inside a function.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import grimp

import stramien

SOURCE = Path(stramien.__file__).resolve().parent

#: Top-level parts of ``stramien``, lowest first. A module imports only from its own part or
#: from parts in lower layers; parts that share a layer are independent of each other.
LAYERS: list[set[str]] = [
    {"stramien", "stramien.formatting", "stramien.images"},
    {"stramien.model"},
    {"stramien.io", "stramien.revisions", "stramien.rules", "stramien.monitor"},
    {"stramien.render"},
    {"stramien.archive"},
    {"stramien.web"},
    {"stramien.cli"},
]

#: The web layer's parts (``stramien.web.<name>``), lowest first, with the same rule. Views
#: (``views``, ``*_views``) may use the actions and selectors of any app; ``urls`` modules
#: only wire views to addresses. Nothing but a ``urls`` module imports a view.
WEB_LAYERS: list[set[str]] = [
    {"errors", "users", "schemaform", "settings", "middleware", "apps", "worker", "i18n"}
    | {"urltags", "compiled"},
    {"audit"},
    {"accounts"},
    {"programmes"},
    {"agreeing"},
    {"effects"},
    {"monitoring"},
    {"publication"},
    {"archives"},
    {"api"},
    {"guidance"},
    {"process", "demo"},
    {"wsgi"},
    {"server", "urls"},
]

#: Modules of ``stramien.web`` that import the project inside a function on purpose:
#: an app's ``ready()`` (Django's way to connect receivers) and the server, which must set
#: Django up before it can import the application.
LATE_IMPORTS_ALLOWED = {"stramien.web.server"}


@cache
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("stramien", exclude_type_checking_imports=True)


def _edges(imports: grimp.ImportGraph) -> Iterator[tuple[str, str]]:
    for importer in sorted(imports.modules):
        for imported in sorted(imports.find_modules_directly_imported_by(importer)):
            yield importer, imported


def _part(module: str, layers: list[set[str]], prefix: str = "") -> tuple[int, str] | None:
    """The layer and part a module belongs to: the longest part name it starts with."""
    name = module[len(prefix) :]
    found = [
        (len(part), level, part)
        for level, layer in enumerate(layers)
        for part in layer
        if name == part or name.startswith(part + ".")
    ]
    if not found:
        return None
    _length, level, part = max(found)
    return level, part


def upward_imports(
    imports: grimp.ImportGraph, layers: list[set[str]], prefix: str = ""
) -> list[str]:
    """Imports from a part into a part of the same or a higher layer (views and urls of the
    web layer aside, see WEB_LAYERS)."""
    broken = []
    for importer, imported in _edges(imports):
        if not (importer.startswith(prefix) and imported.startswith(prefix)):
            continue
        if prefix and _is_view(imported) and not _is_urls(importer):
            broken.append(f"{importer} -> {imported} (only urls modules import views)")
            continue
        if prefix and (_is_view(importer) or _is_urls(importer)):
            continue
        here, there = _part(importer, layers, prefix), _part(imported, layers, prefix)
        if here is None or there is None:
            broken.append(f"{importer} -> {imported} (not in any layer)")
        elif here[1] != there[1] and here[0] <= there[0]:
            broken.append(f"{importer} -> {imported}")
    return broken


def cycles(imports: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(imports.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(imports.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append(
                        (child, iter(sorted(imports.find_modules_directly_imported_by(child))))
                    )
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def test_no_import_cycles() -> None:
    assert cycles(graph()) == []


def test_lower_layers_never_import_higher_ones() -> None:
    assert upward_imports(graph(), LAYERS) == []


def _is_view(module: str) -> bool:
    last = module.rsplit(".", 1)[-1]
    return last == "views" or last.endswith("_views")


def _is_urls(module: str) -> bool:
    return module.rsplit(".", 1)[-1] == "urls"


def test_web_apps_keep_their_order() -> None:
    assert upward_imports(graph(), WEB_LAYERS, "stramien.web.") == []


def _modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(SOURCE.rglob("*.py")):
        relative = path.relative_to(SOURCE.parent).with_suffix("")
        if "migrations" in relative.parts:
            continue
        parts = list(relative.parts)
        if parts[-1] == "__init__":
            parts.pop()
        yield ".".join(parts), ast.parse(path.read_text(encoding="utf-8"))


def _target(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _late_imports(tree: ast.Module) -> Iterator[ast.stmt]:
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            if function.name == "ready":
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    yield node


def test_web_modules_import_the_project_at_the_top() -> None:
    late = []
    for module, tree in _modules():
        if not module.startswith("stramien.web") or module in LATE_IMPORTS_ALLOWED:
            continue
        for node in _late_imports(tree):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [_target(module, node, False) if node.level else node.module or ""]
            )
            if any(name.startswith("stramien") for name in names) or (
                isinstance(node, ast.ImportFrom) and node.level
            ):
                late.append(f"{module}:{node.lineno}")
    assert late == []


def test_no_private_names_from_another_package() -> None:
    """``_name`` is private to its package: only modules of the same package import it."""
    broken = []
    for module, tree in _modules():
        is_package = (SOURCE.parent / module.replace(".", "/") / "__init__.py").exists()
        own_package = module if is_package else module.rsplit(".", 1)[0]
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom):
                continue
            target = _target(module, node, is_package)
            if not target.startswith("stramien"):
                continue
            for alias in node.names:
                private = alias.name.startswith("_") and not alias.name.startswith("__")
                private_module = any(
                    p.startswith("_") and not p.startswith("__") for p in target.split(".")
                )
                if not (private or private_module):
                    continue
                home = target if private else target.rsplit(".", 1)[0]
                if private_module and not private:
                    home = ".".join(
                        target.split(".")[
                            : next(i for i, p in enumerate(target.split(".")) if p[:1] == "_")
                        ]
                    )
                if not (own_package == home or own_package.startswith(home + ".")):
                    broken.append(f"{module}:{node.lineno} imports {target}.{alias.name}")
    assert broken == []


def test_the_checks_catch_what_they_are_for(tmp_path: Path, monkeypatch: Any) -> None:
    """The graph checks are not vacuous: in a made-up package where a low module imports a
    high one that imports it back, both the cycle and the upward import are found."""
    package = tmp_path / "toy"
    (package / "low").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "low" / "__init__.py").write_text("")
    (package / "low" / "a.py").write_text("from toy import high\n")
    (package / "high.py").write_text("from toy.low import a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    toy = grimp.build_graph("toy", cache_dir=None)
    assert cycles(toy) == [["toy.high", "toy.low.a"]]
    layers = [{"toy"}, {"toy.low"}, {"toy.high"}]
    assert upward_imports(toy, layers) == ["toy.low.a -> toy.high"]

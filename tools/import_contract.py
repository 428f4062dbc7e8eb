"""Import contract: `db` never imports `desktop`, Qt or reportlab; headless modules import no Qt;
and no import cycle among the modules of db/ and desktop/: every arrow runs one way.

Checked statically (every import statement in the source, at any depth), so a lazy import
inside a function counts too, and so does one made only for type checking: a name two modules
share gets one home that both import.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# (files, forbidden top-level modules)
RULES = [
    ("db/**/*.py", {"desktop", "PySide6", "shiboken6", "reportlab", "openpyxl"}),
    ("desktop/minutes/**/*.py", {"PySide6", "shiboken6"}),
    ("desktop/reports/**/*.py", {"PySide6", "shiboken6"}),
    ("desktop/cli*.py", {"PySide6", "shiboken6"}),
    ("desktop/commands/**/*.py", {"PySide6", "shiboken6"}),
    ("desktop/instance.py", {"PySide6", "shiboken6"}),      # the command line asks it too
]


def imported_modules(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


CYCLE_PACKAGES = ("db", "desktop")


def _module_names(root: Path) -> dict[str, Path]:
    found = {}
    for package in CYCLE_PACKAGES:
        for path in sorted(root.glob(f"{package}/**/*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """module → the modules of db/ and desktop/ it imports (any depth; `from pkg import mod` is mod)."""
    modules = _module_names(root)

    def known(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str | None] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets |= {known(a.name) for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[:len(package.split(".")) - (node.level - 1)]
                    base = ".".join(up + ([base] if base else []))
                for a in node.names:
                    full = f"{base}.{a.name}"
                    targets.add(full if full in modules else known(base))
        graph[name] = {t for t in targets if t and t != name}
    return graph


def import_cycles(root: Path = ROOT) -> list[list[str]]:
    """Each cycle as a path of modules that returns to its start (one per strongly connected group)."""
    graph = import_graph(root)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.add(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(group)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    cycles = []
    for group in groups:                   # a shortest way round from the group's first module
        start = min(group)
        paths = {start: [start]}
        queue = [start]
        while queue:
            v = queue.pop(0)
            if start in graph[v]:
                cycles.append(paths[v] + [start])
                break
            for w in sorted(graph[v] & group):
                if w not in paths:
                    paths[w] = paths[v] + [w]
                    queue.append(w)
    return sorted(cycles)


def violations(root: Path = ROOT) -> list[str]:
    out = []
    for pattern, forbidden in RULES:
        for path in sorted(root.glob(pattern)):
            for line, mod in imported_modules(path):
                if mod.split(".")[0] in forbidden:
                    out.append(f"{path.relative_to(root)}:{line}: imports {mod}")
    out += ["import cycle: " + " → ".join(cycle) for cycle in import_cycles(root)]
    return out


if __name__ == "__main__":
    bad = violations()
    for v in bad:
        print(v)
    print("import contract:", "BROKEN" if bad else "kept")
    sys.exit(1 if bad else 0)

"""Import contract: `db` never imports `desktop`, Qt or reportlab; headless modules import no Qt.

Checked statically (every import statement in the source, at any depth), so a lazy import
inside a function counts too.
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


def violations(root: Path = ROOT) -> list[str]:
    out = []
    for pattern, forbidden in RULES:
        for path in sorted(root.glob(pattern)):
            for line, mod in imported_modules(path):
                if mod.split(".")[0] in forbidden:
                    out.append(f"{path.relative_to(root)}:{line}: imports {mod}")
    return out


if __name__ == "__main__":
    bad = violations()
    for v in bad:
        print(v)
    print("import contract:", "BROKEN" if bad else "kept")
    sys.exit(1 if bad else 0)

"""The program's version: one number, written in pyproject.toml, shown by `liaison-desk --version`,
the About box, the self-test and the installers."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]     # the source tree, or the frozen bundle's folder
NAME = "liaison-desk"


@cache
def version() -> str:
    """pyproject.toml beside the code (a source tree, or a frozen bundle, which carries it), else the
    installed package's metadata (a wheel)."""
    try:
        text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
        match = re.search(r'^version\s*=\s*"([^"]+)"', text, re.MULTILINE)
        if match:
            return match.group(1)
    except OSError:
        pass
    try:
        from importlib.metadata import version as installed
        return installed(NAME)
    except Exception:  # noqa: BLE001 - no metadata either
        return "0+unknown"


def __getattr__(name: str) -> str:
    if name == "VERSION":
        return version()
    raise AttributeError(name)

"""The folder a file dialog opens in: the one last used for that kind of file, kept in the settings."""

from __future__ import annotations

from pathlib import Path

# Kinds: "pdf" (minutes, duty records), "excel" (exports), "roster" (workbooks read),
# "attachments" (files added), "copies" (attachment copies saved).
_KEY = "folders/%s"


def start_path(settings, kind: str, name: str = "", fallback: str | Path | None = None) -> str:
    """Where to open the dialog: the last folder of this kind if it is still there (a stick may be out),
    else `fallback`, else the home folder; with `name`, that file in it."""
    folder = settings.value(_KEY % kind, "", type=str) if settings is not None else ""
    if not folder or not Path(folder).is_dir():
        folder = str(fallback) if fallback else str(Path.home())
    return str(Path(folder) / name) if name else folder


def remember(settings, kind: str, path: str | Path | None) -> None:
    """Remember the folder of a chosen file (or a chosen folder) for the next dialog of this kind."""
    if not path or settings is None:
        return
    p = Path(path)
    settings.setValue(_KEY % kind, str(p if p.is_dir() else p.parent))

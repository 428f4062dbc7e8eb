"""Crash drafts: what an editor holds that is not saved yet, as JSON files in <data folder>/drafts/.

An editor writes its draft a moment after each edit and removes it when the record is saved or
the changes are discarded; so a draft still there at start-up means the program did not close
normally, and the main window offers it back. A draft names the editor class that can reopen it
(only classes inside the `desktop` package are accepted).
"""

from __future__ import annotations

import importlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from db import today as office_clock

log = logging.getLogger("liaison.drafts")


@dataclass(frozen=True)
class Draft:
    key: str
    editor: str            # "desktop.dialogs.member_editor:MemberEditor"
    record_id: str | None
    title: str             # what the user sees when it is offered ("委员 张三")
    values: dict[str, Any]
    saved_at: str
    path: Path
    owner: str | None = None        # the account signed in when it was written (accounts on), else None

    def editor_class(self):
        module, _, name = self.editor.partition(":")
        if not module.startswith("desktop.") or not name:
            raise ValueError(f"not an editor: {self.editor}")
        return getattr(importlib.import_module(module), name)


class DraftStore:
    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def _path(self, key: str) -> Path:
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in key)
        return self.folder / f"{safe}.json"

    def save(self, key: str, *, editor: str, record_id: str | None, title: str, values: dict[str, Any],
             owner: str | None = None) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self._path(key)
        data = {"key": key, "editor": editor, "record_id": record_id, "title": title, "values": values,
                "saved_at": office_clock.now().isoformat(timespec="seconds"), "owner": owner}
        tmp = path.with_suffix(".json.part")
        with open(tmp, "w", encoding="utf-8", opener=lambda f, flags: os.open(f, flags, 0o600)) as fh:   # user-only
            json.dump(data, fh, ensure_ascii=False, indent=1)
        os.replace(tmp, path)
        return path

    def remove(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def all(self) -> list[Draft]:
        out = []
        if not self.folder.is_dir():
            return out
        for path in sorted(self.folder.glob("*.json")):
            try:
                d = json.loads(path.read_text(encoding="utf-8"))
                out.append(Draft(d["key"], d["editor"], d.get("record_id"), d.get("title", ""),
                                 dict(d.get("values") or {}), d.get("saved_at", ""), path, d.get("owner")))
            except (OSError, ValueError, KeyError, TypeError):
                log.warning("unreadable draft file skipped: %s", path.name)
        return out

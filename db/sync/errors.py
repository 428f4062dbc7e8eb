"""Sync refusals: a stable code, a Chinese and an English reason, and details for the report."""

from __future__ import annotations

from ..errors import LiaisonError


class SyncRefused(LiaisonError):
    """A package, setup file or export that was refused; the database is unchanged."""

    code = "sync_refused"

    def __init__(self, message_zh: str, message_en: str = "", *, code: str | None = None,
                 details: list[str] | None = None, kept: str | None = None):
        super().__init__(message_zh, message_en, code=code)
        self.details = details or []
        self.kept = kept            # where a package from a newer version was kept


def corrupt(what_en: str = "") -> SyncRefused:
    extra = f" ({what_en})" if what_en else ""
    return SyncRefused("同步包文件已损坏、不完整或不是同步包，未导入任何内容",
                       f"the package file is damaged, truncated or not a package; nothing was imported{extra}",
                       code="corrupt")

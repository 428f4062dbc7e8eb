"""What a restore brought back, in words for the person who restored it: the office's records by kind, the
attachment files the backup carried and those written into attachments/, and the files the restored records name
that are still not on this computer (not in the backup, or damaged in it), each by its name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .connection import Database
from .paths import attachments_dir

# the records a person recognises her data by: (table, Chinese label and measure word, English plural)
KINDS = (("member", "委员", "名", "members"), ("liaison_group", "委员联络组", "个", "liaison groups"),
         ("meeting", "会议", "次", "meetings"), ("visit", "走访接待", "次", "visits"),
         ("opinion_report", "社情民意信息", "条", "opinion reports"), ("follow_up", "督办事项", "项", "follow-ups"),
         ("assignment", "交办事项", "项", "assignments"))
NAMED = 5           # files named one by one; the rest counted


@dataclass(frozen=True)
class MissingFile:
    """A file a restored record names that is not on this computer: `reason` "missing" (the backup does not carry
    it) or "damaged" (carried, but its bytes do not match its SHA-256, so it was not written)."""
    sha256: str
    name: str
    reason: str


@dataclass(frozen=True)
class RestoreReport:
    office: str | None
    records: tuple[tuple[str, int], ...]            # (table, live rows) of KINDS, those with any
    carried: int | None                             # attachment files the backup carried; None: it carries none
    written: int                                    # of them, written into attachments/ (the others were here)
    problems: tuple[MissingFile, ...] = ()    # files named by the records and not here after the restore

    def text(self) -> tuple[str, str]:
        """(Chinese, English): records restored, attachment files written, the files missing or damaged."""
        labels = {t: (zh, mw, en) for t, zh, mw, en in KINDS}
        zh_parts = "、".join(f"{labels[t][0]} {n} {labels[t][1]}" for t, n in self.records) or "没有记录"
        en_parts = ", ".join(f"{n} {labels[t][2]}" for t, n in self.records) or "no records"
        zh = f"已恢复{self.office or '本机构'}的数据：{zh_parts}。"
        en = f"The data of {self.office or 'the office'} is restored: {en_parts}."
        if self.carried is None:
            zh += "\n这份备份不带附件文件（数据文件夹中的备份）。"
            en += "\nThis backup carries no attachment files (a backup made in the data folder)."
        else:
            zh += f"\n备份中含附件文件 {self.carried} 个，已写入本机 {self.written} 个。"
            en += f"\nThe backup carried {self.carried} attachment file(s); {self.written} written to this computer."
        if self.problems:
            zh += f"\n有 {len(self.problems)} 个附件文件没有恢复（记录仍在，请从原件重新添加）："
            en += (f"\n{len(self.problems)} attachment file(s) did not come back (the records are kept; add the files "
                   f"again from the originals):")
            for p in self.problems[:NAMED]:
                zh += "\n· " + _problem(p)[0]
                en += "\n· " + _problem(p)[1]
            if len(self.problems) > NAMED:
                zh += f"\n……另有 {len(self.problems) - NAMED} 个"
                en += f"\n… and {len(self.problems) - NAMED} more"
        return zh, en


def _problem(p: MissingFile) -> tuple[str, str]:
    if p.reason == "damaged":
        return f"“{p.name}”（备份中的文件已损坏）", f"{p.name} (damaged in the backup)"
    return f"“{p.name}”（备份中没有）", f"{p.name} (not in the backup)"


def restore_report(db: Database, db_path: str | Path, carried: int | None, written: int,
                   damaged: set[str] = frozenset()) -> RestoreReport:
    """The report of the data at `db_path` just restored: `carried` and `written` as the restore counted them,
    `damaged` the SHA-256 of the carried files whose bytes did not match (not written)."""
    row = db.execute("SELECT o.name FROM node_state n JOIN office o ON o.id = n.office_id WHERE n.id = 1").fetchone()
    records = []
    for table, *_labels in KINDS:
        if db[table].exists():
            n = db.execute(f"SELECT count(*) FROM {table} WHERE deleted = 0").fetchone()[0]
            if n:
                records.append((table, n))
    root = attachments_dir(db_path)
    problems = []
    for sha, name, size in db.execute("SELECT sha256, min(name), max(size) FROM attachment WHERE deleted = 0 "
                                      "GROUP BY sha256 ORDER BY min(name)"):
        path = root / str(sha)[:2] / str(sha)
        try:
            here = path.is_file() and (not isinstance(size, int) or path.stat().st_size == size)
        except OSError:
            here = False
        if not here:
            problems.append(MissingFile(str(sha), name or "", "damaged" if sha in damaged else "missing"))
    return RestoreReport(row[0] if row else None, tuple(records), carried, written,
                         tuple(problems))

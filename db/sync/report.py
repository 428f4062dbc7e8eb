"""The import report a person reads (SYNC.md "Import report")."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class HeldComputer:
    """A computer a relay reports whose changes were kept back (SECURITY.md R6b): not applied, not counted
    as received, so that the sender's next package brings them again once a person confirmed its key."""
    node: str
    office_id: str
    office_name: str
    office_code: str
    fingerprint: str | None          # None: no signed record in the package, nothing to confirm
    reason_zh: str
    reason_en: str
    changes: int = 0                 # log entries kept back
    values: int = 0                  # field values (of rows held here) left as they were
    kind: str = "second"             # first: no computer of its office is confirmed here yet; removed: a key of
    #                                  its office learned from a relay was removed here; second: its office has
    #                                  a computer confirmed here, this one is another; depends: its changes
    #                                  build on a held computer's records


@dataclass
class ImportReport:
    file_name: str
    status: str = "applied"          # applied | already | refused | skipped
    package_id: str | None = None
    sender_office_id: str | None = None
    sender_name: str = ""
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    log_entries: int = 0
    conflicts: list[tuple[str, str, str]] = field(default_factory=list)
    reason_zh: str = ""
    reason_en: str = ""
    code: str = ""
    details: list[str] = field(default_factory=list)
    clock_ahead: int = 0
    gaps: list[str] = field(default_factory=list)
    carry_back: int = 0
    blobs_written: int = 0
    fingerprint: str | None = None
    kept: str | None = None
    imported_at: str | None = None
    second_computer: bool = False                       # an untrusted key of an office that has one in use
    ignored: list[str] = field(default_factory=list)   # values in the name of origins the sender may not speak for
    held: list[HeldComputer] = field(default_factory=list)   # computers whose changes were kept back (R6b)
    held_back: list[tuple[str, str]] = field(default_factory=list)  # values the relay held back (SECURITY.md P7),
    #                                                                    (Chinese, English) each

    @property
    def ok(self) -> bool:
        return self.status in ("applied", "already", "skipped")

    def lines(self) -> list[str]:
        head = f"【{self.file_name}】"
        if self.status == "refused":
            unchanged = ("数据未改动，已记下对方的密钥待核对 / refused, data unchanged; the key is kept for confirming"
                         if self.code == "untrusted_key" else "数据库未改动 / refused, database unchanged")
            out = [f"{head}已拒绝，{unchanged}",
                   f"  原因：{self.reason_zh}", f"  reason: {self.reason_en}"]
            out += [f"  - {d}" for d in self.details[:20]]
            if len(self.details) > 20:
                out.append(f"  …… 另有 {len(self.details) - 20} 项 / {len(self.details) - 20} more")
            if self.fingerprint:
                out.append(f"  对方指纹 / fingerprint: {self.fingerprint}")
            if self.kept:
                out.append(f"  文件已保留在 / kept at: {self.kept}")
            return out
        if self.status == "already":
            return [f"{head}此同步包已导入过（{self.imported_at}），无需再次导入，未做任何改动 / "
                    f"already imported on {self.imported_at}; nothing changed"]
        if self.status == "skipped":
            return [f"{head}{self.reason_zh} / {self.reason_en}"]
        out = [f"{head}已导入 / imported — 来自 / from {self.sender_name}",
               f"  新增 {self.new} 条，更新 {self.updated} 条，无变化 {self.unchanged} 条 / "
               f"new {self.new}, updated {self.updated}, unchanged {self.unchanged}",
               f"  待处理的冲突 {len(self.conflicts)} 项 / conflicts to review: {len(self.conflicts)}",
               "  拒绝 0 项 / refused: 0"]
        for tbl, _row, fld in self.conflicts[:10]:
            out.append(f"    冲突 / conflict: {tbl}.{fld}")
        if self.ignored:
            out.append(f"  未采用 {len(self.ignored)} 个声称来自发送方无权代表的电脑的值（本机的值保留）/ "
                       f"{len(self.ignored)} value(s) in the name of computers the sender may not speak for were "
                       f"not applied (this office's values kept)")
            out += [f"    - {d}" for d in self.ignored[:10]]
        if self.held_back:
            out.append(f"  注意：转交方没有送来 {len(self.held_back)} 个值：其作者的修改已签名送到，包中却是更早的值（或没有这一项）。"
                       f"本机保留原来的值；作者再次修改后才会送到。如再次出现，请与转交的机构电话核对 / warning: "
                       f"{len(self.held_back)} value(s) held back by the relay: their author's signed change arrived, "
                       f"but the package carries an older value (or none); this office keeps its own value until the "
                       f"author writes it again. If it happens again, check with the relaying office by phone")
            out += [f"    - {zh} / {en}" for zh, en in self.held_back[:10]]
            if len(self.held_back) > 10:
                out.append(f"    …… 另有 {len(self.held_back) - 10} 项 / {len(self.held_back) - 10} more")
        for h in self.held:
            n = f" {h.changes} 项" if h.changes else ""
            if h.kind == "first":
                out.append(f"  暂缓导入：“{h.office_name}”的电脑的{n}修改（本机还未认过该机构的任何电脑），待电话核对指纹后再导入"
                           f" / held back: {h.changes or 'the'} change(s) of a computer of {h.office_code} (no "
                           f"computer of that office is confirmed here yet), until its fingerprint is confirmed by phone")
            elif h.kind == "removed":
                out.append(f"  暂缓导入：“{h.office_name}”的电脑的{n}修改（本机移除过该机构经转告得知的密钥），待电话核对指纹后"
                           f"再导入 / held back: {h.changes or 'the'} change(s) of a computer of {h.office_code} (a "
                           f"key of that office was removed here), until its fingerprint is confirmed by phone")
            elif h.kind == "depends":
                out.append(f"  暂缓导入：“{h.office_name}”的电脑的{n}修改（依赖于上面暂缓导入的记录），待那台电脑确认后再导入 / "
                           f"held back: {h.changes or 'the'} change(s) of a computer of {h.office_code} (they build "
                           f"on the records held above), until that computer is confirmed")
            else:
                out.append(f"  暂缓导入：“{h.office_name}”的另一台电脑的{n}修改，待电话核对指纹后再导入 / held back: "
                           f"{h.changes or 'the'} change(s) of another computer of {h.office_code}, until its "
                           f"fingerprint is confirmed by phone")
            out.append(f"    原因：{h.reason_zh}")
            out.append(f"    reason: {h.reason_en}")
            if h.fingerprint:
                out.append(f"    对方指纹 / fingerprint: {h.fingerprint}")
        if self.blobs_written:
            out.append(f"  附件文件 {self.blobs_written} 个 / attachment files: {self.blobs_written}")
        if self.clock_ahead:
            out.append(f"  注意：{self.clock_ahead} 项修改的时间比本机时钟超前 24 小时以上（对方电脑时间可能不准），已导入并标记 / "
                       f"{self.clock_ahead} change(s) stamped more than 24 h ahead of this PC's clock: applied, flagged")
        if self.gaps:
            out.append("  缺少更早的同步包中的部分修改，对方下次导出时会补发 / some earlier changes are missing; "
                       "the sender will re-send them")
        if self.carry_back:
            out.append(f"  需要带回：本机有约 {self.carry_back} 项修改对方尚未收到，请导出同步包带给{self.sender_name} / "
                       f"to carry back: about {self.carry_back} change(s) the sender lacks — export a package for it")
        else:
            out.append("  需要带回：无 / to carry back: nothing")
        return out

    def text(self) -> str:
        return "\n".join(self.lines())

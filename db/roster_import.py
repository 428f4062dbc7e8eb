"""The roster from Excel: a sheet's plain rows → a verdict for every row (new, update, unchanged, or error
with the cell and the reason), and, once the user confirms, the write of the good rows in one transaction.

The workbook is read elsewhere (desktop.reports.roster_xlsx, which may import openpyxl); here the rows are
plain values with their Excel row numbers. `preview_roster` writes nothing; `apply_roster` checks the rows
again inside its transaction and writes them, so what is written is what the checks saw.
Only the district (for its townships' members) and the city keep the roster (db.permissions).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from . import today as office_clock
from .connection import Database
from .errors import LiaisonError
from .groups import end_membership
from .permissions import NotPermitted, Permissions
from .roster_values import (
    LABEL_EN,
    LABEL_ZH,
    LEVEL_ZH,
    CellProblem,
    FormulaWithoutValue,
    ReferenceMatcher,
    birth_month,
    birth_text,
    first_phone,
    heading_key,
    level_codes,
    name_text,
    phone_text,
    plain,
    post_code,
    same_birth,
    sex_code,
    split_names,
)
from .write import writing

MAX_ROWS = 20_000          # a city's whole roster is a few thousand; more is not a roster
HEADER_SEARCH_ROWS = 20
NEW, UPDATE, UNCHANGED, ERROR = "new", "update", "unchanged", "error"
VERDICT_ZH = {NEW: "新增", UPDATE: "更新", UNCHANGED: "无变化", ERROR: "错误"}
MEMBER_TEXT = ("work_unit", "job_title", "expertise", "term", "note")


class RosterFileError(LiaisonError):
    """The file cannot be read as a roster: nothing was read, nothing is written."""

    code = "bad_roster_file"


@dataclass(frozen=True)
class RosterSheet:
    """What the workbook reader hands over: the sheet's non-empty rows as (Excel row number, cell values
    from column A on), merged cells already filled in, and what the reader has to tell (hidden sheets)."""
    name: str
    rows: list[tuple[int, tuple]]
    notices: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Problem:
    cell: str            # "D7" as Excel shows it ("" for the whole row)
    zh: str
    en: str

    def text(self, lang: str = "zh") -> str:
        en = lang.startswith("en")
        where = (f"{self.cell}: " if en else f"{self.cell}：") if self.cell else ""
        return where + (self.en if en else self.zh)


@dataclass
class RowVerdict:
    line: int                       # the Excel row number
    name: str
    verdict: str = NEW
    member_id: str | None = None
    values: dict = field(default_factory=dict)
    levels: list[str] = field(default_factory=list)
    group_ids: list[str] = field(default_factory=list)     # the groups named (read), then those to join (matched)
    groups_given: bool = False                              # the row's 所在联络组 cell names its groups
    leaves: list[tuple[str, str]] = field(default_factory=list)    # (group, membership) held, not named: ended
    birth: tuple | None = None
    changes: list[tuple[str, str]] = field(default_factory=list)     # (zh, en) of each change
    problems: list[Problem] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    owner: str | None = None

    def fail(self, cell: str, zh: str, en: str) -> None:
        self.problems.append(Problem(cell, zh, en))
        self.verdict = ERROR


@dataclass
class RosterPreview:
    sheet: str
    header_line: int
    columns: dict[str, str]                        # column key → its letter
    rows: list[RowVerdict]
    notices: list[tuple[str, str]] = field(default_factory=list)
    # what the file holds that will not be imported (data under no heading): shown as a warning
    warnings: list[tuple[str, str]] = field(default_factory=list)

    def count(self, verdict: str) -> int:
        return sum(1 for r in self.rows if r.verdict == verdict)

    @property
    def errors(self) -> list[RowVerdict]:
        return [r for r in self.rows if r.verdict == ERROR]


@dataclass(frozen=True)
class RosterResult:
    added: int
    updated: int
    unchanged: int
    skipped: list[RowVerdict]


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    out, n = "", index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def check_may_import(db: Database) -> Permissions:
    """Refuse plainly at a township: the roster is kept by the district and the city."""
    perms = Permissions(db)
    if not perms.may_write("member", perms.office_id):
        raise perms.refusal("member", perms.office_id, None)
    return perms


def find_header(sheet: RosterSheet) -> tuple[int, dict[str, int], list[tuple[str, str]]]:
    """The header row (under any title rows): the first with 姓名 and two more known headings."""
    for index, (_line, cells) in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        keys: dict[str, int] = {}
        unknown = []
        for col, value in enumerate(cells):
            key = heading_key(value)
            if key and key not in keys:
                keys[key] = col
            elif plain(value) and not key and plain(value) not in ("序号", "编号"):
                unknown.append(plain(value))
        if "name" in keys and len(keys) >= 3:
            notes = [(f"未识别的列已忽略：{'、'.join(unknown)}", f"columns not recognised, ignored: {', '.join(unknown)}")] \
                if unknown else []
            return index, keys, notes
    raise RosterFileError(
        f"工作表“{sheet.name}”前 {HEADER_SEARCH_ROWS} 行里找不到表头（需要“姓名”以及“性别”“出生年月”“联系电话”等列名）",
        f"sheet '{sheet.name}': no heading row in the first {HEADER_SEARCH_ROWS} rows (needs 姓名 and at least two "
        f"more such as 性别, 出生年月, 联系电话)", code="no_header")


def _headless_columns(heading: list, cols: dict[str, int], body: list) -> list[tuple[str, str]]:
    """Columns with values under an empty heading cell (a heading merged across two columns, say): they
    would be left out without a word, and every member imported without what they hold."""
    used = set(cols.values())
    width = max((len(cells) for _line, cells in body), default=0)
    empty = [c for c in range(width) if c not in used and not plain(heading[c] if c < len(heading) else None)]
    lost = [c for c in empty if any(c < len(cells) and plain(cells[c]) for _line, cells in body)]
    if not lost:
        return []
    letters = "、".join(column_letter(c) for c in lost)
    return [(f"{letters} 列有内容却没有列名（表头单元格可能合并了），这些列不会导入：请在表头为它们填上列名（如“性别”）后重新选择文件",
             f"column(s) {letters.replace('、', ', ')} hold values but have no heading (merged heading cells?) and "
             f"will not be imported: give them a heading (such as 性别) and choose the file again")]


class _Roster:
    """The roster as it stands, loaded once, for matching thousands of rows."""

    def __init__(self, db: Database):
        self.members: dict[str, dict] = {}
        self.by_name: dict[str, list[str]] = {}
        self.by_phone: dict[str, str] = {}
        cols = ("id", "name", "sex", "ethnicity_id", "birth_date", "party_id", "sector_id", "post", "work_unit",
                "job_title", "phone", "expertise", "term", "note", "office_id", "status")
        for row in db.execute(f"SELECT {', '.join(cols)} FROM member WHERE deleted = 0"):
            m = dict(zip(cols, row, strict=True))
            m["name"] = name_text(m["name"])
            self.members[m["id"]] = m
            self.by_name.setdefault(m["name"], []).append(m["id"])
            if m["phone"]:
                self.by_phone.setdefault(first_phone(m["phone"]), m["id"])
        self.levels: dict[str, set[str]] = {}
        for mid, level in db.execute("SELECT member_id, level FROM member_level WHERE deleted = 0"):
            self.levels.setdefault(mid, set()).add(level)
        # member → {group: (its current membership, the office owning that membership)}
        self.groups_of: dict[str, dict[str, tuple[str, str | None]]] = {}
        for ms, mid, gid, owner in db.execute("SELECT ms.id, ms.member_id, ms.group_id, ms.office_id FROM membership ms "
                                              "JOIN liaison_group g ON g.id = ms.group_id WHERE ms.deleted = 0 AND "
                                              "g.deleted = 0 AND ms.left_on IS NULL"):
            self.groups_of.setdefault(mid, {})[gid] = (ms, owner)
        self.groups: dict[str, list[tuple[str, str]]] = {}
        self.convener: dict[str, str | None] = {}
        self.group_office: dict[str, str | None] = {}
        for gid, name, office, convener in db.execute("SELECT id, name, office_id, convener_id FROM liaison_group "
                                                      "WHERE deleted = 0"):
            self.groups.setdefault(name_text(name), []).append((gid, office))
            self.convener[gid], self.group_office[gid] = convener, office
        self.group_name = {gid: n for n, gs in self.groups.items() for gid, _o in gs}


def preview_roster(db: Database, sheet: RosterSheet, *,
                   progress: Callable[[int, int], None] | None = None) -> RosterPreview:
    """Every row of the sheet with its verdict; writes nothing. `progress(done, total)` may raise to stop."""
    perms = check_may_import(db)
    if len(sheet.rows) > MAX_ROWS + HEADER_SEARCH_ROWS:
        raise RosterFileError(f"表格超过 {MAX_ROWS:,} 行的上限，请分成几个文件导入",
                              f"the sheet has more than the limit of {MAX_ROWS:,} rows: split it into several files",
                              code="too_many_rows")
    header_index, cols, notices = find_header(sheet)
    notices = list(sheet.notices) + notices
    roster = _Roster(db)
    refs = {lst: ReferenceMatcher(db, lst) for lst in ("party", "sector", "ethnicity")}
    out = RosterPreview(sheet.name, sheet.rows[header_index][0], {k: column_letter(c) for k, c in cols.items()}, [])
    body = sheet.rows[header_index + 1:]
    skipped = 0
    for i, (line, cells) in enumerate(body):
        if progress is not None and i % 200 == 0:
            progress(i, len(body))
        row = _read_row(line, cells, cols, refs, roster)
        if row is None:
            skipped += 1
            continue
        out.rows.append(row)
    if skipped:
        notices.append((f"跳过 {skipped} 行：没有姓名、只有一个单元格有内容（如落款、合计）",
                        f"{rows(skipped)} skipped: no name and a single filled cell (a footer or a total)"))
    _mark_file_duplicates(out.rows, cols)
    for row in out.rows:
        if row.verdict != ERROR:
            _match(row, roster, perms, cols)
    out.notices = notices
    out.warnings = _headless_columns(sheet.rows[header_index][1], cols, body)
    if progress is not None:
        progress(len(body), len(body))
    return out


def _cell(cols: dict[str, int], key: str, line: int) -> str:
    return f"{column_letter(cols[key])}{line}"


def _read_row(line: int, cells: tuple, cols: dict[str, int], refs: dict, roster: _Roster) -> RowVerdict | None:
    def raw(key):
        c = cols.get(key)
        return cells[c] if c is not None and c < len(cells) else None

    name = name_text(raw("name")) if not isinstance(raw("name"), FormulaWithoutValue) else ""
    filled = sum(1 for v in cells if v is not None and (not isinstance(v, str) or v.strip()))
    if not name and filled <= 1:
        return None
    row = RowVerdict(line, name)
    if not name:
        row.fail(_cell(cols, "name", line), "姓名为空", "the name is empty")
    elif isinstance(raw("name"), (dt.date, dt.time, bool, int, float)):
        # a date or a number where the name belongs (the columns shifted, a 序号 pasted over): it was taken
        # as a member named "2026-01-0100:00:00" or "15"
        row.name = plain(raw("name"))
        kind_zh, kind_en = (("日期", "a date") if isinstance(raw("name"), (dt.date, dt.time))
                            else ("逻辑值（TRUE/FALSE）", "TRUE or FALSE") if isinstance(raw("name"), bool)
                            else ("数字", "a number"))
        row.fail(_cell(cols, "name", line), f"姓名一栏是{kind_zh}“{row.name}”，不是姓名：请检查这一列是否错位，填写委员的姓名",
                 f"the name cell holds {kind_en} ({row.name}), not a name: check that the columns are in place "
                 f"and type the member's name")
    for key, c in cols.items():
        value = cells[c] if c < len(cells) else None
        where = f"{column_letter(c)}{line}"
        if isinstance(value, FormulaWithoutValue):
            row.fail(where, f"公式 {value.formula[:30]} 没有计算结果：请在 Excel 中打开并保存，或改为数值",
                     f"the formula {value.formula[:30]} has no computed value: open and save the file in Excel, "
                     f"or type the value")
            continue
        if value is None or not plain(value) or key == "name":
            continue
        try:
            _read_value(row, key, value, refs, roster)
        except CellProblem as p:
            row.fail(where, p.zh, p.en)
    post_text = row.values.pop("_post_text", None)
    if post_text:
        # with a 工作单位及职务 column too, it used to be overwritten by that column without a word
        job = row.values.get("job_title") or ""
        row.values["job_title"] = f"{job}；{post_text}" if job and post_text not in job else job or post_text
        row.notes.append((f"职务“{post_text}”不是“常委”或“委员”，记入职务（单位职务）一栏",
                          f"the post '{post_text}' is neither 常委 nor 委员: kept with the job title"))
        if len(row.values["job_title"]) > 200:
            row.fail(_cell(cols, "post", line), "职务与工作单位及职务合起来超过 200 个字",
                     "the post and the job title together are longer than 200 characters")
    if len(row.name) > 60:
        row.fail(_cell(cols, "name", line), "姓名超过 60 个字", "the name is longer than 60 characters")
    return row


def _read_value(row: RowVerdict, key: str, value, refs: dict, roster: _Roster) -> None:
    v = row.values
    if key == "sex":
        v["sex"] = sex_code(value)
    elif key == "birth":
        row.birth = birth_month(value)
        v["birth_date"] = birth_text(row.birth)
    elif key in ("party", "sector", "ethnicity"):
        v[f"{key}_id"] = refs[key].match(value)
        given = plain(value).replace(" ", "")
        if given != refs[key].name_of[v[f"{key}_id"]] and not given.isascii():
            row.notes.append((f"“{given}”按“{refs[key].name_of[v[f'{key}_id']]}”导入",
                              f"'{given}' read as '{refs[key].name_of[v[f'{key}_id']]}'"))
    elif key == "post":
        code = post_code(value)
        if code:
            v["post"] = code
        else:
            v["_post_text"] = plain(value)       # a post other than 常委 / 委员 (主席, 秘书长 …): kept, see _read_row
    elif key == "phone":
        v["phone"] = phone_text(value)
        if len(v["phone"]) > 40:
            raise CellProblem("电话超过 40 个字符", "the phone field is longer than 40 characters")
    elif key == "levels":
        row.levels = level_codes(value)
    elif key == "groups":
        row.groups_given = True
        for name in split_names(value):
            found = roster.groups.get(name, [])
            if not found:
                raise CellProblem(f"联络组“{name[:30]}”不存在（请先在“联络组”页面建立，或核对名称）",
                                  f"there is no liaison group '{name[:30]}' (create it first, or check the name)")
            if len(found) > 1:
                raise CellProblem(f"有 {len(found)} 个联络组都叫“{name[:30]}”，无法确定是哪一个",
                                  f"{len(found)} liaison groups are called '{name[:30]}': cannot tell which")
            row.group_ids.append(found[0][0])
    else:
        text = plain(value)
        limit = 500 if key == "expertise" else 40 if key == "term" else 2000 if key == "note" else 200
        if len(text) > limit:
            raise CellProblem(f"{LABEL_ZH[key]}超过 {limit} 个字", f"{LABEL_EN[key]} is longer than {limit} characters")
        v[key] = text


def _mark_file_duplicates(rows: list[RowVerdict], cols: dict[str, int]) -> None:
    """Two rows of the file for one person (same name and date of birth, or the same phone): both are errors."""
    seen_person: dict[tuple, RowVerdict] = {}
    seen_phone: dict[str, RowVerdict] = {}
    for row in rows:
        if not row.name:
            continue
        keys = []
        if row.birth:
            keys.append((seen_person, (row.name, row.birth[0], row.birth[1]), "name", "姓名和出生年月", "name and birth"))
        if row.values.get("phone"):
            keys.append((seen_phone, first_phone(row.values["phone"]), "phone", "联系电话", "phone"))
        for seen, key, col, zh, en in keys:
            other = seen.get(key)
            if other is None:
                seen[key] = row
                continue
            for a, b in ((row, other), (other, row)):
                a.fail(_cell(cols, col, a.line), f"与第 {b.line} 行重复（{zh}相同），请删去一行或核对",
                       f"duplicates row {b.line} (same {en}): remove one or correct it")


def _match(row: RowVerdict, roster: _Roster, perms: Permissions, cols: dict[str, int]) -> None:
    """Find the row's member in the roster (same name and birth, or same phone) and say what would change."""
    namesakes = [roster.members[m] for m in roster.by_name.get(row.name, [])]
    phone = first_phone(row.values.get("phone"))
    by_phone = roster.members.get(roster.by_phone.get(phone, "")) if phone else None
    name_cell = _cell(cols, "name", row.line)
    if row.birth:
        same = [m for m in namesakes if same_birth(row.birth, m["birth_date"])]
    else:
        same = namesakes if by_phone is not None and by_phone in namesakes else []
    if len(same) > 1:
        row.fail(name_cell, f"名册中有 {len(same)} 位同名、同出生年月的委员，无法确定是哪一位，请在窗口中逐一核对",
                 f"{len(same)} members of the roster share this name and date of birth: check them in the window")
        return
    member = same[0] if same else (by_phone if by_phone is not None and by_phone["name"] == row.name else None)
    if by_phone is not None and by_phone is not member:
        row.fail(_cell(cols, "phone", row.line), f"联系电话与名册中的委员“{by_phone['name']}”相同",
                 f"the phone number is that of another member of the roster ({by_phone['name']})")
        return
    if member is None:
        undated = [m for m in namesakes if not m["birth_date"] or not row.birth]
        if undated:
            row.fail(name_cell, "名册中已有同名委员，但出生年月缺失，无法判断是否同一人：请补上出生年月",
                     "a member of this name is in the roster without a date of birth (or the row has none): "
                     "give the date of birth to tell them apart")
            return
        if namesakes:
            row.notes.append(("名册中另有同名委员（出生年月不同），将新增", "another member has this name (born "
                              "another month): added as a new member"))
        row.verdict = NEW
        preferred = None
        for gid in row.group_ids:
            preferred = next((o for gs in roster.groups.values() for g, o in gs if g == gid), None)
            break
        owner = preferred if preferred and perms.may_write("member", preferred) else perms.office_id
        if not perms.may_write("member", owner):
            row.fail(name_cell, perms.refusal("member", owner, None).message_zh,
                     perms.refusal("member", owner, None).message_en)
        row.owner = owner
        return
    row.member_id = member["id"]
    _changes(row, member, roster)
    if row.changes and not perms.may_write("member", member["office_id"], list(row.values) or ["name"]):
        refusal = perms.refusal("member", member["office_id"], list(row.values))
        row.fail(name_cell, refusal.message_zh, refusal.message_en)
        return
    for gid in row.group_ids:       # a group the member may not join (another township's): said at the cell
        owner = roster.group_office.get(gid)
        owner = owner if perms.may_write("membership", owner) else perms.office_id
        try:
            perms.check_references("membership", [{"group_id": gid, "member_id": member["id"], "office_id": owner}])
        except NotPermitted as refused:
            row.fail(_cell(cols, "groups", row.line), f"不能加入“{roster.group_name[gid]}”：{refused.message_zh}",
                     f"cannot join {roster.group_name[gid]}: {refused.message_en}")
            return
    for gid, _ms in row.leaves:     # a group this office may not take the member out of: said at the cell
        asks = [("membership", roster.groups_of[member["id"]][gid][1], ["left_on"])]
        if roster.convener.get(gid) == member["id"]:
            asks.append(("liaison_group", roster.group_office.get(gid), ["convener_id"]))
        refused = next((perms.refusal(*a) for a in asks if not perms.may_write(*a)), None)
        if refused is not None:
            row.fail(_cell(cols, "groups", row.line), f"不能让其退出“{roster.group_name[gid]}”：{refused.message_zh}",
                     f"cannot take them out of {roster.group_name[gid]}: {refused.message_en}")
            return
    row.verdict = UPDATE if row.changes else UNCHANGED
    if member["status"] == "retired":
        row.notes.append(("该委员已离任，导入不改变其状态", "this member has retired: the import leaves that as it is"))


def _changes(row: RowVerdict, member: dict, roster: _Roster) -> None:
    """Only what the file says and the roster does not; an empty cell changes nothing."""
    changed = {}
    for key, value in row.values.items():
        old = member.get(key)
        if key == "birth_date" and row.birth and same_birth(row.birth, old):
            continue
        if key == "phone" and old and phone_text(old) == value:
            continue
        if (old or "") != value:
            changed[key] = value
    for key in changed:
        label = {"birth_date": "birth", "party_id": "party", "sector_id": "sector", "ethnicity_id": "ethnicity"}\
            .get(key, key)
        row.changes.append((LABEL_ZH.get(label, "职务"), LABEL_EN.get(label, "Post")))
    row.values = changed
    have_levels = roster.levels.get(member["id"], set())
    row.levels = [lv for lv in row.levels if lv not in have_levels]
    if row.levels:
        row.changes.append(("增加层级 " + "、".join(LEVEL_ZH[lv] for lv in row.levels),
                            "levels added: " + ", ".join(row.levels)))
    # 所在联络组 names the member's groups (the export writes them all, joined by 、): a group named that the
    # member is not in is joined, a group the member is in that the cell does not name is left (moved from one
    # group to another: in the new one only). An empty cell changes nothing.
    have_groups = roster.groups_of.get(member["id"], {})
    named = row.group_ids
    row.group_ids = [g for g in named if g not in have_groups]
    left = [g for g in have_groups if row.groups_given and g not in named]
    row.leaves = [(g, have_groups[g][0]) for g in left]
    if row.group_ids:
        row.changes.append(("加入 " + "、".join(roster.group_name[g] for g in row.group_ids),
                            "joins " + ", ".join(roster.group_name[g] for g in row.group_ids)))
    if left:
        row.changes.append(("退出 " + "、".join(roster.group_name[g] for g in left),
                            "leaves " + ", ".join(roster.group_name[g] for g in left)))
    for g in left:
        if roster.convener.get(g) == member["id"]:
            row.notes.append((f"该委员是“{roster.group_name[g]}”的召集人：退出后该组暂无召集人，请在“联络组”页面另定",
                              f"they are the convener of {roster.group_name[g]}: the group has none once they "
                              f"leave; choose one on the Liaison groups page"))


def apply_roster(db: Database, sheet: RosterSheet, *, skip_errors: bool = False,
                 progress: Callable[[int, int], None] | None = None) -> RosterResult:
    """Check the sheet again and write its new and changed rows in one transaction. With any error row the
    whole file is refused (nothing written) unless `skip_errors`, which writes the good rows only."""
    with writing(db) as w:
        preview = preview_roster(db, sheet, progress=progress)
        bad = preview.errors
        if bad and not skip_errors:
            raise RosterFileError(f"有 {len(bad)} 行错误，整个文件未导入（改正后再导入，或只导入无误的行）",
                                  f"{rows(len(bad))} {'has' if len(bad) == 1 else 'have'} errors: nothing was imported (correct them, or import "
                                  f"only the good rows)", code="rows_with_errors")
        today = office_clock.today().isoformat()
        added = updated = 0
        for row in preview.rows:
            if row.verdict == NEW:
                row.member_id = w.insert("member", {"name": row.name, **row.values}, office_id=row.owner)
                added += 1
            elif row.verdict == UPDATE:
                if row.values:
                    w.update("member", row.member_id, row.values)
                updated += 1
            else:
                continue
            owner = w.current("member", row.member_id)["office_id"]
            for level in row.levels:
                w.insert("member_level", {"member_id": row.member_id, "level": level,
                                          "term": row.values.get("term") if len(row.levels) == 1 else None,
                                          "post": row.values.get("post") or "member"}, office_id=owner)
            for _gid, ms in row.leaves:
                end_membership(w, ms, on=today)
            for gid in row.group_ids:
                group_owner = w.current("liaison_group", gid)["office_id"]
                w.insert("membership", {"group_id": gid, "member_id": row.member_id, "role": "member",
                                        "joined_on": today}, office_id=w.owner_for("membership", group_owner))
    return RosterResult(added, updated, preview.count(UNCHANGED), bad)


def rows(n: int) -> str:
    """"1 row", "2 rows" (English)."""
    return f"{n} row" if n == 1 else f"{n} rows"


def report_lines(preview: RosterPreview, *, errors_only: bool = False) -> list[str]:
    """The preview as text, a row a line (Chinese / English), for the command line."""
    counts = {v: preview.count(v) for v in (NEW, UPDATE, UNCHANGED, ERROR)}
    lines = [f"工作表“{preview.sheet}”，表头在第 {preview.header_line} 行，{len(preview.rows)} 行委员："
             f"新增 {counts[NEW]}，更新 {counts[UPDATE]}，无变化 {counts[UNCHANGED]}，错误 {counts[ERROR]} / "
             f"sheet '{preview.sheet}', headings in row {preview.header_line}, {rows(len(preview.rows))}: "
             f"{counts[NEW]} new, {counts[UPDATE]} to update, {counts[UNCHANGED]} unchanged, {counts[ERROR]} with errors"]
    lines += [f"注意：{zh} / note: {en}" for zh, en in preview.notices]
    lines += [f"警告：{zh} / warning: {en}" for zh, en in preview.warnings]
    for row in preview.rows:
        if errors_only and row.verdict != ERROR:
            continue
        name = row.name if len(row.name) <= 60 else f"{row.name[:60]}…"      # a 50,000-character cell is not echoed
        head = f"第 {row.line} 行 {name or '（无姓名）'}：{VERDICT_ZH[row.verdict]} / row {row.line}: {row.verdict}"
        if row.verdict == ERROR:
            lines.append(head)
            lines += [f"    {p.cell}：{p.zh} / {p.en}" if p.cell else f"    {p.zh} / {p.en}" for p in row.problems]
            continue
        if row.changes:
            head += "（" + "；".join(zh for zh, _en in row.changes) + "）"
        lines.append(head)
        lines += [f"    注意：{zh} / note: {en}" for zh, en in row.notes]
    return lines


def export_rows(db: Database) -> list[tuple]:
    """The serving members in the layout of `EXPORT_COLUMNS` (which imports back unchanged), by name."""
    names = {r[0]: r[1] for r in db.execute("SELECT id, name FROM reference_item WHERE deleted = 0")}
    levels: dict[str, list[str]] = {}
    for mid, level in db.execute("SELECT member_id, level FROM member_level WHERE deleted = 0"):
        levels.setdefault(mid, []).append(level)
    groups: dict[str, list[str]] = {}
    for mid, gname in db.execute("SELECT ms.member_id, g.name FROM membership ms JOIN liaison_group g ON g.id = "
                                 "ms.group_id WHERE ms.deleted = 0 AND g.deleted = 0 AND ms.left_on IS NULL "
                                 "ORDER BY g.name"):
        groups.setdefault(mid, []).append(gname)
    order = list(LEVEL_ZH)
    out = []
    for r in db.execute("SELECT id, name, sex, ethnicity_id, birth_date, party_id, sector_id, post, work_unit, "
                        "job_title, phone, term, expertise FROM member WHERE deleted = 0 AND status = 'active' "
                        "ORDER BY zh_name_key(name), birth_date, id"):
        mid, name, sex, eth, birth, party, sector, post, unit, title, phone, term, expertise = r
        lv = "、".join(LEVEL_ZH[x] for x in sorted(set(levels.get(mid, [])), key=order.index))
        out.append((name, {"M": "男", "F": "女"}.get(sex or "", ""), names.get(eth, ""), birth or "",
                    names.get(party, ""), names.get(sector, ""), "常委" if post == "standing" else "委员",
                    unit or "", title or "", phone or "", lv, term or "", "、".join(groups.get(mid, [])),
                    expertise or ""))
    return out


__all__ = ["ERROR", "MAX_ROWS", "NEW", "UNCHANGED", "UPDATE", "FormulaWithoutValue", "NotPermitted", "Problem",
           "RosterFileError", "RosterPreview", "RosterResult", "RosterSheet", "RowVerdict", "apply_roster",
           "check_may_import", "column_letter", "export_rows", "preview_roster",
           "report_lines"]

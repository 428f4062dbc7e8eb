"""The roster from Excel: verdicts per row with the cell and the reason, one transaction, the same file twice
changes nothing, the export imports back unchanged, bad files refused with nothing written."""

from __future__ import annotations

import re
import zipfile

import pytest

from db.database import open_database
from db.offices import add_office, create_city, set_this_office
from db.permissions import NotPermitted
from db.roster_import import (
    ERROR,
    NEW,
    UNCHANGED,
    UPDATE,
    RosterFileError,
    apply_roster,
    check_may_import,
    preview_roster,
)
from db.write import writing
from desktop.reports import roster_xlsx
from desktop.reports.roster_xlsx import read_roster, write_roster
from tests.db.roster_books import HEADINGS, bad_rows, good_rows, write_book

GROUP = "新华路街道委员联络组"


def _count(db, table="member"):
    return db.execute(f"SELECT count(*) FROM {table} WHERE deleted = 0").fetchone()[0]


def _by_line(preview):
    return {r.line: r for r in preview.rows}


def test_title_row_merged_cells_variants_and_dates_are_read(core_db, tmp_path):
    before = _count(core_db)
    sheet = read_roster(write_book(tmp_path / "r.xlsx", good_rows(GROUP), hidden=True))
    p = preview_roster(core_db, sheet)
    assert p.header_line == 3 and p.sheet == "委员名册"
    assert [r.verdict for r in p.rows] == [NEW] * 4
    wang, li, ayi, zhao = p.rows
    assert wang.name == "王芳" and wang.values["birth_date"] == "1975-03-08" and wang.values["post"] == "standing"
    assert wang.values["phone"] == "13808510001" and wang.levels == ["municipal", "district"]
    assert ("“中国共产党党员”按“中共党员”导入", "'中国共产党党员' read as '中共党员'") in wang.notes
    assert li.name == "李明" and li.values["phone"] == "13908510002" and li.values["birth_date"] == "1980-05-01"
    assert li.group_ids == wang.group_ids != []                # the merged cell M4:M5
    assert ayi.name == "阿依古丽·买买提" and ayi.values["birth_date"] == "1982-03-01"
    assert ayi.values["phone"] == "0851-86801234"
    assert any("隐藏的工作表未导入：旧名册" in zh for zh, _en in p.notices)
    assert any("跳过 1 行" in zh for zh, _en in p.notices)      # 制表人 at the foot
    assert _count(core_db) == before                           # a preview writes nothing


def test_each_mistake_names_its_cell_and_reason(core_db, tmp_path):
    p = preview_roster(core_db, read_roster(write_book(tmp_path / "r.xlsx", good_rows(GROUP) + bad_rows(GROUP))))
    rows = _by_line(p)
    assert [rows[n].verdict for n in range(4, 12)] == [ERROR, NEW, NEW, NEW, ERROR, ERROR, ERROR, ERROR]
    assert [(x.cell, x.zh) for x in rows[8].problems] == [("J8", "手机号码“1380851”应为 11 位数字（现为 7 位）")]
    assert [(x.cell, x.zh) for x in rows[9].problems] == [("E9", "民族“布衣族”不在民族名录中，是不是“布依族”？")]
    assert rows[9].problems[0].en == "the ethnicity '布衣族' is not in the list; did you mean '布依族'?"
    assert rows[10].problems[0].cell == "M10" and "联络组“没有这个组”不存在" in rows[10].problems[0].zh
    # the same person twice in the file: both rows shown, neither merged into the other
    assert [(x.cell, x.zh) for x in rows[4].problems] == [("B4", "与第 11 行重复（姓名和出生年月相同），请删去一行或核对")]
    assert [x.cell for x in rows[11].problems] == ["B11"]


def test_a_file_with_errors_is_refused_whole_unless_skipping_them(core_db, tmp_path):
    sheet = read_roster(write_book(tmp_path / "r.xlsx", good_rows(GROUP) + bad_rows(GROUP)))
    before = _count(core_db)
    with pytest.raises(RosterFileError) as err:
        apply_roster(core_db, sheet)
    assert err.value.code == "rows_with_errors" and "5 行错误" in err.value.message_zh
    assert _count(core_db) == before
    result = apply_roster(core_db, sheet, skip_errors=True)
    assert (result.added, result.updated, len(result.skipped)) == (3, 0, 5)
    assert _count(core_db) == before + 3
    names = {r[0] for r in core_db.execute("SELECT name FROM member")}
    assert {"李明", "阿依古丽·买买提", "赵刚"} <= names and "钱多多" not in names


def test_importing_the_same_file_again_changes_nothing(core_db, tmp_path):
    sheet = read_roster(write_book(tmp_path / "r.xlsx", good_rows(GROUP)))
    first = apply_roster(core_db, sheet)
    assert (first.added, first.updated) == (4, 0)
    li = core_db.execute("SELECT id FROM member WHERE name = '李明'").fetchone()[0]
    assert core_db.execute("SELECT count(*) FROM membership WHERE member_id = ?", [li]).fetchone()[0] == 1
    assert {r[0] for r in core_db.execute("SELECT level FROM member_level m JOIN member x ON x.id = m.member_id "
                                          "WHERE x.name = '王芳'")} == {"municipal", "district"}
    changes = core_db.execute("SELECT count(*) FROM change_log").fetchone()[0]
    assert [r.verdict for r in preview_roster(core_db, sheet).rows] == [UNCHANGED] * 4
    again = apply_roster(core_db, sheet)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 4)
    assert core_db.execute("SELECT count(*) FROM change_log").fetchone()[0] == changes


def test_a_member_of_the_roster_is_updated_and_a_phone_of_another_is_an_error(core_db, tmp_path):
    # the template's 王𠇔 has the phone 13800000000 and no date of birth
    with writing(core_db) as w:
        w.insert("member", {"name": "郑好", "phone": "13900000009"})
    rows = [[1, "王𠇔", "男", None, "汉族", "中共党员", "中共", "委员", "云岩区某局", "13800000000", "区", "第十四届",
             GROUP, ""],
            [2, "吴用", "男", "1970.01", "汉族", "群众", "经济界", "委员", "某厂", "139 0000 0009", "区", "第十四届",
             GROUP, ""]]
    p = preview_roster(core_db, read_roster(write_book(tmp_path / "r.xlsx", rows, merge_group=False)))
    wang, wu = p.rows
    assert wang.verdict == UPDATE and ("工作单位", "Work unit") in wang.changes
    assert "phone" not in wang.values and wang.group_ids == []     # same phone, already in the group
    assert wu.verdict == ERROR and wu.problems[0].cell == "J5" and "郑好" in wu.problems[0].zh
    apply_roster(core_db, read_roster(tmp_path / "r.xlsx"), skip_errors=True)
    assert core_db.execute("SELECT work_unit FROM member WHERE name = '王𠇔'").fetchone()[0] == "云岩区某局"


def test_the_exported_roster_imports_back_unchanged(demo_db_path, tmp_path):
    db = open_database(demo_db_path)
    out, count = write_roster(db, tmp_path / "roster.xlsx")
    assert count >= 10
    p = preview_roster(db, read_roster(out))
    assert len(p.rows) == count
    assert {r.verdict for r in p.rows} == {UNCHANGED}, [(r.line, [x.zh for x in r.problems], r.changes)
                                                        for r in p.rows if r.verdict != UNCHANGED][:3]
    db.conn.close()


@pytest.fixture
def network(tmp_path):
    db = open_database(tmp_path / "city.sqlite3")
    city = create_city(db)
    district = add_office(db, code="520103000", name="云岩区政协", level="district", parent_id=city, by_office=city)
    town = add_office(db, code="520103001", name="中华北路街道", level="township", parent_id=district,
                      by_office=city)
    with writing(db) as w:
        w.insert("liaison_group", {"name": GROUP}, office_id=town)
    yield db, city, district, town
    db.conn.close()


def test_a_township_is_told_the_district_keeps_the_roster(network, tmp_path):
    db, _city, district, town = network
    set_this_office(db, town)
    with pytest.raises(NotPermitted) as err:
        check_may_import(db)
    assert "委员名册由市政协和区县政协维护" in err.value.message_zh
    with pytest.raises(NotPermitted):
        preview_roster(db, read_roster(write_book(tmp_path / "r.xlsx", good_rows(GROUP))))
    set_this_office(db, district)
    result = apply_roster(db, read_roster(tmp_path / "r.xlsx"))
    assert result.added == 4
    owners = {r[0] for r in db.execute("SELECT office_id FROM member WHERE name IN ('王芳', '李明')")}
    assert owners == {town}                         # a member of a township's group belongs to that township


def _cell_xml(path, old, new, member="xl/worksheets/sheet1.xml"):
    """Change the workbook's XML as Excel would have written it (openpyxl cannot write these)."""
    data = {}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            data[name] = z.read(name)
    data[member] = re.sub(old, new, data[member])
    with zipfile.ZipFile(path, "w") as z:
        for name, content in data.items():
            z.writestr(name, content)


def test_formulas_give_their_saved_value_or_say_there_is_none(core_db, tmp_path):
    rows = good_rows(GROUP)[:2]
    rows[0][9] = "=\"1380851\"&\"0001\""          # the phone made by a formula
    rows[1][9] = "=A5"                            # never calculated
    path = write_book(tmp_path / "f.xlsx", rows)
    # as Excel saves it: the formula with its computed value
    _cell_xml(path, rb'(<c r="J4"[^>]*><f>[^<]*</f>)<v\s*/?>(</v>)?', rb'\1<v>13808510001</v>')
    p = preview_roster(core_db, read_roster(path))
    assert p.rows[0].verdict == NEW and p.rows[0].values["phone"] == "13808510001"
    assert p.rows[1].verdict == ERROR and p.rows[1].problems[0].cell == "J5"
    assert "没有计算结果" in p.rows[1].problems[0].zh


@pytest.mark.parametrize("make, code, words", [
    (lambda p: p.write_text("姓名,性别\n王芳,女\n", encoding="utf-8"), "not_xlsx", "可能只是改了扩展名"),
    (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), "old_xls", "另存为"),
    (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "EncryptionInfo".encode("utf-16-le")
                             + b"\0" * 100), "encrypted", "打开密码"),
    (lambda p: p.write_bytes(b""), "empty_file", "空的"),
])
def test_files_that_are_not_a_readable_workbook_are_refused(tmp_path, make, code, words):
    path = tmp_path / "名册.xlsx"
    make(path)
    with pytest.raises(RosterFileError) as err:
        read_roster(path)
    assert err.value.code == code and words in err.value.message_zh and err.value.message_en


def test_an_empty_sheet_all_hidden_sheets_no_headings_and_too_many_rows(core_db, tmp_path, monkeypatch):
    from openpyxl import Workbook
    wb = Workbook()
    wb.save(tmp_path / "empty.xlsx")
    with pytest.raises(RosterFileError, match="是空的"):
        read_roster(tmp_path / "empty.xlsx")
    wb = Workbook()
    wb.active.append(["姓名"])
    wb.save(tmp_path / "hidden.xlsx")
    _cell_xml(tmp_path / "hidden.xlsx", rb'state="visible"', rb'state="hidden"', "xl/workbook.xml")
    with pytest.raises(RosterFileError, match="都被隐藏"):
        read_roster(tmp_path / "hidden.xlsx")
    wb = Workbook()
    for i in range(30):
        wb.active.append([f"人{i}", "某单位"])
    wb.save(tmp_path / "noheads.xlsx")
    with pytest.raises(RosterFileError, match="找不到表头"):
        preview_roster(core_db, read_roster(tmp_path / "noheads.xlsx"))
    monkeypatch.setattr(roster_xlsx, "MAX_ROWS", 50)
    wb = Workbook()
    wb.active.append(HEADINGS)
    for i in range(100):
        wb.active.append([i, f"委员{i}", "男"])
    wb.save(tmp_path / "big.xlsx")
    with pytest.raises(RosterFileError, match="超过 50 行的上限") as err:
        read_roster(tmp_path / "big.xlsx")               # found while reading the rows
    assert err.value.code == "too_many_rows"
    for i in range(100, 300):
        wb.active.append([i, f"委员{i}", "男"])
    wb.save(tmp_path / "bigger.xlsx")
    monkeypatch.setattr(roster_xlsx, "_rows", lambda *a: pytest.fail("the rows were read"))
    with pytest.raises(RosterFileError, match="超过 50 行的上限"):
        read_roster(tmp_path / "bigger.xlsx")            # found from the sheet's XML, before any row is parsed


def test_a_district_may_not_change_a_member_the_city_keeps(network, tmp_path):
    db, city, district, _town = network
    with writing(db) as w:
        w.insert("member", {"name": "市委员", "birth_date": "1970-05-01", "phone": "13100000001"}, office_id=city)
    set_this_office(db, district)
    rows = [[1, "市委员", "男", "1970.05", "汉族", "群众", "经济界", "委员", "新单位", "13100000001", "市", "第十四届",
             GROUP, ""]]
    p = preview_roster(db, read_roster(write_book(tmp_path / "r.xlsx", rows, merge_group=False)))
    assert p.rows[0].verdict == ERROR and p.rows[0].problems[0].cell == "B4"
    assert "这位委员的记录由贵阳市政协维护" in p.rows[0].problems[0].zh and "请告知贵阳市政协" in p.rows[0].problems[0].zh


def test_dates_headings_and_namesakes_as_offices_write_them(core_db, tmp_path):
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.append(["手机", "姓　名", "政治面貌", "出生日期", "工作单位", "民族"])       # another order, other words
    ws.append(["13900000001", "甲", "中共", 27461, "某单位", "汉"])              # an Excel serial date (1975-03-08)
    ws.append(["13900000002", "乙", "中共党员", "19800115", None, "汉族"])
    ws.append(["13900000003", "丙", "中共党员", 1975.1, None, "汉族"])           # 1975.1 in a number cell: January
    ws.append(["13900000004", "丁", "中共党员", "1975", None, "汉族"])
    ws.append(["13900000005", "戊", "中共党员", "2030.01", None, "汉族"])
    ws.append(["13900000006", "王𠇔", "中共党员", None, None, "汉族"])          # the roster's 王𠇔 has no birth date
    ws.append(["13900000007", "己", "中国共产党员", "1975.02.30", None, "汉族"])
    wb.save(tmp_path / "r.xlsx")
    rows = _by_line(preview_roster(core_db, read_roster(tmp_path / "r.xlsx")))
    assert rows[2].values["birth_date"] == "1975-03-08" and rows[2].verdict == NEW
    assert rows[3].values["birth_date"] == "1980-01-15"
    assert rows[4].values["birth_date"] == "1975-01-01"
    assert rows[5].problems[0].cell == "D5" and "只有年份" in rows[5].problems[0].zh
    assert "出生年月不合理" in rows[6].problems[0].zh
    assert rows[7].verdict == ERROR and "出生年月缺失" in rows[7].problems[0].zh
    assert [p.cell for p in rows[8].problems] == ["D8"] and "不存在的日期" in rows[8].problems[0].zh
    assert rows[8].values["party_id"]                                          # 中国共产党员: the closest, read


def test_a_wrong_party_gets_the_closest_suggestion(core_db, tmp_path):
    from openpyxl import Workbook
    wb = Workbook()
    wb.active.append(["姓名", "性别", "党派", "界别"])
    wb.active.append(["甲", "男", "九三社员", "教育届"])
    wb.save(tmp_path / "r.xlsx")
    row = preview_roster(core_db, read_roster(tmp_path / "r.xlsx")).rows[0]
    assert [(p.cell, p.zh) for p in row.problems] == [
        ("C2", "党派“九三社员”不在党派名录中，是不是“九三学社社员”？"), ("D2", "界别“教育届”不在界别名录中，是不是“教育界”？")]


def test_a_file_that_unpacks_to_too_much_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = write_book(tmp_path / "r.xlsx", good_rows(GROUP))
    monkeypatch.setattr(roster_xlsx, "MAX_UNPACKED", 1000)
    with pytest.raises(RosterFileError, match="解压后超过") as err:
        read_roster(path)
    assert err.value.code == "too_large"


def test_a_post_other_than_standing_or_member_is_kept_with_the_job_title_and_said(core_db, tmp_path):
    """职务 = 秘书长 beside 单位职务 = 主任: the import kept 主任 and dropped 秘书长 unseen."""
    import subprocess
    import sys
    from pathlib import Path

    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "性别", "职务", "单位职务", "联系电话"])
    ws.append(["孔秘书", "女", "秘书长", "主任", "13908519901"])
    ws.append(["严委员", "男", "秘书长", None, "13908519902"])
    ws.append(["常委员", "男", "常委", "院长", "13908519903"])
    path = tmp_path / "r.xlsx"
    wb.save(path)
    p = preview_roster(core_db, read_roster(path))
    kong, yan, chang = p.rows
    assert kong.values["job_title"] == "主任；秘书长" and "post" not in kong.values
    assert yan.values["job_title"] == "秘书长"
    assert chang.values["job_title"] == "院长" and chang.values["post"] == "standing" and not chang.notes
    assert any("秘书长" in zh and "记入职务" in zh for zh, _en in kong.notes)
    db_file = core_db.execute("PRAGMA database_list").fetchone()[2]
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-m", "desktop.cli", "import", "members", str(path), "--db", db_file],
                         cwd=root, capture_output=True, text=True, timeout=120)
    assert "职务“秘书长”不是“常委”或“委员”" in out.stdout, out.stdout + out.stderr


def test_a_mobile_written_with_dashes_reads_like_one_written_with_spaces():
    from db.roster_values import CellProblem, phone_text
    assert phone_text("139-0851-0013") == phone_text("139 0851 0013") == "13908510013"
    assert phone_text("0851-86801234") == "0851-86801234"
    with pytest.raises(CellProblem):
        phone_text("139-0851-001")


def test_a_notes_sheet_before_the_roster_is_passed_over(core_db, tmp_path):
    """A workbook whose first sheet is 说明 was refused: "工作表“说明”前 20 行里找不到表头"."""
    from openpyxl import load_workbook
    path = write_book(tmp_path / "r.xlsx", good_rows(GROUP))
    wb = load_workbook(path)
    notes = wb.create_sheet("说明", 0)
    notes.append(["填表说明：出生年月写成 1980.05；联系电话填手机。"])
    wb.save(path)
    sheet = read_roster(path)
    assert sheet.name == "委员名册"
    assert any("第 2 个工作表“委员名册”" in zh for zh, _en in sheet.notices)
    assert [r.verdict for r in preview_roster(core_db, sheet).rows] == [NEW] * 4


def test_a_district_moves_a_member_to_another_group_of_their_township_not_to_another_townships(network, tmp_path):
    """The district keeps its townships' members: a row naming another group of the member's township than the
    member's ends the old membership (kept with the day left; the convener's seat left empty, and said) and adds the
    new one. Another township's group (which may not hold a member of this township's roster, SECURITY.md R4c)
    is an error at the cell before anything is written; it used to fail the whole import as it was written."""
    db, city, district, town = network
    other = add_office(db, code="520103002", name="延安中路街道", level="township", parent_id=district,
                       by_office=city)
    with writing(db) as w:
        w.insert("liaison_group", {"name": "中华北路街道第二联络组"}, office_id=town)
        w.insert("liaison_group", {"name": "延安中路街道委员联络组"}, office_id=other)
    set_this_office(db, district)
    rows = [[1, "赵刚", "男", "1969-11-20", "布依族", "无党派人士", "无党派人士", "委员", "某律师事务所", "13608510004",
             "区", "第十四届", GROUP, ""]]
    apply_roster(db, read_roster(write_book(tmp_path / "r.xlsx", rows, merge_group=False)))
    member = db.execute("SELECT id FROM member WHERE name = '赵刚'").fetchone()[0]
    old_group = db.execute("SELECT id FROM liaison_group WHERE name = ?", [GROUP]).fetchone()[0]
    with writing(db) as w:
        w.update("liaison_group", old_group, {"convener_id": member})

    rows[0][12] = "延安中路街道委员联络组"
    p = preview_roster(db, read_roster(write_book(tmp_path / "r2.xlsx", rows, merge_group=False)))
    assert p.rows[0].verdict == ERROR and p.rows[0].problems[0].cell == "M4", p.rows[0].problems
    assert p.rows[0].problems[0].zh.startswith("不能加入“延安中路街道委员联络组”："), p.rows[0].problems[0].zh

    rows[0][12] = "中华北路街道第二联络组"
    p = preview_roster(db, read_roster(write_book(tmp_path / "r3.xlsx", rows, merge_group=False)))
    assert p.rows[0].verdict == UPDATE, p.rows[0].problems
    assert p.rows[0].changes == [("加入 中华北路街道第二联络组", "joins 中华北路街道第二联络组"), (f"退出 {GROUP}", f"leaves {GROUP}")]
    assert "召集人" in p.rows[0].notes[0][0]
    apply_roster(db, read_roster(tmp_path / "r3.xlsx"))
    now = db.execute("SELECT g.name, ms.office_id, ms.left_on FROM membership ms JOIN liaison_group g ON g.id = "
                     "ms.group_id WHERE ms.member_id = ? AND ms.deleted = 0 ORDER BY ms.left_on IS NULL",
                     [member]).fetchall()
    assert [(n, o, bool(left)) for n, o, left in now] == [(GROUP, town, True), ("中华北路街道第二联络组", town, False)]
    assert db.execute("SELECT convener_id FROM liaison_group WHERE id = ?", [old_group]).fetchone()[0] is None

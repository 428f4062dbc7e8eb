"""`liaison-desk import members FILE.xlsx [--dry-run] [--skip-errors]` and `export members --out F.xlsx`, run as
the user runs them (a child process): the report, exit codes, nothing written when refused."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys

from tests.db.roster_books import bad_rows, good_rows, write_book


def run(*args):
    return subprocess.run([sys.executable, "-m", "desktop.cli", *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", timeout=120)


def members(db):
    with sqlite3.connect(db) as c:
        return c.execute("SELECT count(*) FROM member WHERE deleted = 0").fetchone()[0]


def group_of(db):
    with sqlite3.connect(db) as c:
        return c.execute("SELECT name FROM liaison_group WHERE deleted = 0 ORDER BY name LIMIT 1").fetchone()[0]


def test_errors_refuse_the_file_whole_unless_skipped_and_a_second_run_changes_nothing(demo_db_path, tmp_path):
    db = demo_db_path
    group = group_of(db)
    book = write_book(tmp_path / "名册.xlsx", good_rows(group) + bad_rows(group))
    before = members(db)
    dry = run("import", "members", book, "--db", db, "--dry-run")
    assert dry.returncode == 1
    assert "新增 3，更新 0，无变化 0，错误 5" in dry.stdout
    assert "    J8：手机号码“1380851”应为 11 位数字（现为 7 位） / the mobile number '1380851' should have 11 digits" \
        in dry.stdout
    assert "    E9：民族“布衣族”不在民族名录中，是不是“布依族”？" in dry.stdout
    refused = run("import", "members", book, "--db", db)
    assert refused.returncode == 1 and "整个文件未导入" in refused.stderr and "--skip-errors" in refused.stderr
    assert members(db) == before
    done = run("import", "members", book, "--db", db, "--skip-errors")
    assert done.returncode == 0, done.stderr
    assert "新增 3 位" in done.stdout and "跳过 5 行错误（第 4、8、9、10、11 行）" in done.stdout
    assert members(db) == before + 3
    good = write_book(tmp_path / "good.xlsx", good_rows(group))
    first = run("import", "members", good, "--db", db)
    assert first.returncode == 0 and "新增 1 位，更新 0 位，无变化 3 位" in first.stdout   # 王芳 was the duplicate
    again = run("import", "members", good, "--db", db)
    assert "新增 0 位，更新 0 位，无变化 4 位" in again.stdout


def test_the_export_imports_back_unchanged(demo_db_path, tmp_path):
    out = tmp_path / "roster.xlsx"
    exported = run("export", "members", "--out", out, "--db", demo_db_path)
    assert exported.returncode == 0 and out.exists(), exported.stderr
    back = run("import", "members", out, "--db", demo_db_path, "--dry-run")
    assert back.returncode == 0 and "新增 0，更新 0" in back.stdout and "错误 0" in back.stdout
    bare = run("export", "members", "--out", tmp_path / "名册", "--db", demo_db_path)   # no ending typed
    assert bare.returncode == 0 and (tmp_path / "名册.xlsx").exists() and not (tmp_path / "名册").exists()


def test_the_export_does_not_write_over_an_existing_workbook_unless_forced(demo_db_path, tmp_path):
    """`export members --out 名册.xlsx` wrote over an existing 名册.xlsx without a word: the roster someone was
    correcting to import back was gone. It is refused (one line, both languages, exit 1, the file untouched) unless
    --force is given, as --help says."""
    out = tmp_path / "名册.xlsx"
    assert run("export", "members", "--out", out, "--db", demo_db_path).returncode == 0
    edited = out.read_bytes() + b"edits"        # the earlier export, corrected since
    out.write_bytes(edited)
    refused = run("export", "members", "--out", out, "--db", demo_db_path)
    assert refused.returncode == 1 and refused.stdout == "", refused.stdout
    said = refused.stderr.strip()
    assert "\n" not in said and "已存在：不会覆盖它" in said and "--force" in said, said
    assert "exists: it is not overwritten, nothing was changed" in said, said
    assert out.read_bytes() == edited and not list(tmp_path.glob("*.part"))
    forced = run("export", "members", "--out", out, "--db", demo_db_path, "--force")
    assert forced.returncode == 0 and "已导出" in forced.stdout, forced.stderr
    assert out.read_bytes() != edited
    back = run("import", "members", out, "--db", demo_db_path, "--dry-run")
    assert back.returncode == 0 and "新增 0，更新 0" in back.stdout
    empty = tmp_path / "空.xlsx"
    empty.write_bytes(b"")                      # an empty file holds nothing to lose
    assert run("export", "members", "--out", empty, "--db", demo_db_path).returncode == 0
    assert empty.stat().st_size > 0
    helped = run("export", "--help").stdout
    assert "覆盖已存在的同名文件 / overwrite an existing file of that name" in " ".join(helped.split()), helped


def test_a_member_whose_row_names_another_group_is_moved_to_it(demo_db_path, tmp_path):
    """A member whose 所属联络组 (所在联络组) in the workbook names another group than the one they are in was added to the new
    group and kept in the old one: in both. The cell names the member's groups (the export writes them all), so
    the import moves them: the old membership ends today (kept, with the day left), the new one begins; an empty
    cell changes nothing, and importing the file again changes nothing."""
    from openpyxl import load_workbook

    db = demo_db_path
    with sqlite3.connect(db) as c:
        (old_group, old_name), (new_group, new_name) = c.execute(
            "SELECT id, name FROM liaison_group WHERE deleted = 0 ORDER BY name LIMIT 2").fetchall()
        member, name = c.execute(
            "SELECT m.id, m.name FROM member m JOIN membership ms ON ms.member_id = m.id WHERE m.deleted = 0 AND "
            "m.status = 'active' AND ms.deleted = 0 AND ms.left_on IS NULL GROUP BY m.id "
            "HAVING count(*) = 1 AND max(ms.group_id) = ? ORDER BY m.id LIMIT 1", [old_group]).fetchone()
    book = tmp_path / "名册.xlsx"
    assert run("export", "members", "--out", book, "--db", db).returncode == 0
    wb = load_workbook(book)
    ws = wb.active
    heads = [c.value for c in ws[2]]
    col_name, col_group = heads.index("姓名") + 1, heads.index("所属联络组") + 1
    rows = [r for r in range(3, ws.max_row + 1) if ws.cell(r, col_name).value == name]
    assert len(rows) == 1 and ws.cell(rows[0], col_group).value == old_name
    ws.cell(rows[0], col_group).value = new_name
    wb.save(book)

    done = run("import", "members", book, "--db", db)
    assert done.returncode == 0, done.stderr
    assert f"加入 {new_name}；退出 {old_name}" in done.stdout and "更新 1 位" in done.stdout, done.stdout

    def groups_now():
        with sqlite3.connect(db) as c:
            return {g for (g,) in c.execute("SELECT group_id FROM membership WHERE member_id = ? AND deleted = 0 "
                                            "AND left_on IS NULL", [member])}
    assert groups_now() == {new_group}
    with sqlite3.connect(db) as c:
        left = c.execute("SELECT left_on FROM membership WHERE member_id = ? AND group_id = ? AND deleted = 0",
                         [member, old_group]).fetchall()
    assert len(left) == 1 and left[0][0]                 # the old membership kept, with the day left
    again = run("import", "members", book, "--db", db)
    assert again.returncode == 0 and "新增 0 位，更新 0 位" in again.stdout, again.stdout
    assert groups_now() == {new_group}
    ws.cell(rows[0], col_group).value = None             # an empty cell: no change to the groups
    wb.save(book)
    assert run("import", "members", book, "--db", db).returncode == 0 and groups_now() == {new_group}


def test_an_old_xls_is_refused_with_what_to_do(demo_db_path, tmp_path):
    path = tmp_path / "名册.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    p = run("import", "members", path, "--db", demo_db_path)
    assert p.returncode == 1 and "另存为" in p.stderr and "save it as an Excel workbook (.xlsx)" in p.stderr
    assert run("import", "nothing", path, "--db", demo_db_path).returncode == 2


def test_one_row_with_an_error_is_one_row_in_english(demo_db_path, tmp_path):
    """Found walking: "1 rows with errors skipped"; the English counts now say "1 row" (and "1 row has errors")."""
    db = demo_db_path
    group = group_of(db)
    book = write_book(tmp_path / "名册.xlsx", [good_rows(group)[0], bad_rows(group)[0]])
    refused = run("import", "members", book, "--db", db)
    assert refused.returncode == 1 and "1 row has errors" in refused.stderr, refused.stderr
    done = run("import", "members", book, "--db", db, "--skip-errors")
    assert done.returncode == 0, done.stderr
    assert "2 rows:" in done.stdout and ", 1 row with errors skipped" in done.stdout, done.stdout
    one = run("import", "members", write_book(tmp_path / "one.xlsx", [good_rows(group)[3]]), "--db", db, "--dry-run")
    assert "1 row:" in one.stdout and "1 rows" not in one.stdout, one.stdout


def test_a_phone_excel_wrote_in_scientific_notation_is_told_as_such(demo_db_path, tmp_path):
    """Found walking: a phone column Excel kept as numbers came as "1.38292E+10" and was reported as "应为 11 位数字
    （现为 8 位）"; the report now says Excel stored it as a number in scientific notation, and to format the column
    as text."""
    row = good_rows(group_of(demo_db_path))[3]
    row[9] = "1.38292E+10"
    book = write_book(tmp_path / "名册.xlsx", [row])
    dry = run("import", "members", book, "--db", demo_db_path, "--dry-run")
    assert dry.returncode == 1
    line = next(x for x in dry.stdout.splitlines() if x.startswith("    J4："))
    assert "科学计数法" in line and "“文本”" in line and "现为" not in line, line
    assert "scientific notation" in line and "format the column as Text" in line, line


def test_a_date_or_a_number_in_the_name_column_is_an_error_not_a_member(demo_db_path, tmp_path):
    """A date cell where the name belongs (a column shifted in Excel) was taken as a new member named
    "2026-01-0100:00:00", and a number as one named "15"; each is now an error at its cell."""
    db = demo_db_path
    rows = good_rows(group_of(db))
    rows[0][1] = dt.datetime(2026, 1, 1)
    rows[2][1] = 15
    book = write_book(tmp_path / "名册.xlsx", rows)
    before = members(db)
    dry = run("import", "members", book, "--db", db, "--dry-run")
    assert dry.returncode == 1
    assert "    B4：姓名一栏是日期“2026-01-01 00:00:00”，不是姓名" in dry.stdout, dry.stdout
    assert "the name cell holds a date (2026-01-01 00:00:00), not a name" in dry.stdout
    assert "    B6：姓名一栏是数字“15”，不是姓名" in dry.stdout and "holds a number (15)" in dry.stdout
    assert "新增 2，更新 0，无变化 0，错误 2" in dry.stdout
    done = run("import", "members", book, "--db", db, "--skip-errors")
    assert done.returncode == 0 and "新增 2 位" in done.stdout, done.stdout + done.stderr
    assert members(db) == before + 2
    with sqlite3.connect(db) as c:
        assert not c.execute("SELECT name FROM member WHERE name GLOB '[0-9]*'").fetchall()


def test_a_name_of_50000_characters_is_cut_in_the_report(demo_db_path, tmp_path):
    rows = good_rows(group_of(demo_db_path))[:1]
    rows[0][1] = "王" * 50000
    book = write_book(tmp_path / "名册.xlsx", rows)
    dry = run("import", "members", book, "--db", demo_db_path, "--dry-run")
    assert dry.returncode == 1 and "姓名超过 60 个字" in dry.stdout
    assert max(len(line) for line in dry.stdout.splitlines()) < 400      # it printed all 50,000 characters

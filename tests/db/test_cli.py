"""The command line as a user runs it: exit codes 0/1/2, one-line reasons, no tracebacks."""

from __future__ import annotations

import subprocess
import sys

import pytest


def run(*args, env_home=None):
    env = None
    if env_home:
        import os
        env = dict(os.environ, LIAISON_DESK_HOME=str(env_home))
    p = subprocess.run([sys.executable, "-m", "desktop.cli", *map(str, args)], capture_output=True,
                       text=True, env=env, timeout=120)
    assert "Traceback" not in p.stderr, p.stderr
    return p


def test_init_check_backup_restore(tmp_path):
    db = tmp_path / "d.sqlite3"
    p = run("init", "--db", db, "--city", "贵阳市政协")
    assert p.returncode == 0 and "电话核对" in p.stdout
    assert run("init", "--db", db, "--city", "贵阳市政协").returncode == 1       # set up already
    p = run("computers", "confirm-relayed", "--db", db)                # a new city confirms relayed keys itself
    assert p.returncode == 0 and "已开启" in p.stdout, p.stdout + p.stderr
    p = run("check", "--db", db)
    assert p.returncode == 0 and "检查通过" in p.stdout
    p = run("backup", "--db", db)
    assert p.returncode == 0
    listing = run("backup", "--db", db, "--list")
    backup_file = listing.stdout.split()[-1]
    assert run("restore", "--db", db, backup_file).returncode == 0
    assert run("check", "--db", db).returncode == 0


def test_default_database_lives_in_the_folder_named_by_the_environment(tmp_path):
    assert run("init", "--city", "贵阳市政协", env_home=tmp_path).returncode == 0
    assert (tmp_path / "liaison-desk.sqlite3").exists()
    assert (tmp_path / "backups").exists() is False


@pytest.mark.parametrize("args", [["bogus"], ["check", "--nope"], ["backup", "--keep", "x"]])
def test_usage_errors_exit_2(args, tmp_path):
    p = run(*args)
    assert p.returncode == 2 and len(p.stderr.strip().splitlines()) <= 3


@pytest.mark.parametrize("args, zh, en", [
    (["restore"], "缺少必需的参数：BACKUP", "the following arguments are required: BACKUP"),
    (["check", "--nope"], "无法识别的参数：--nope", "unrecognized arguments: --nope"),
    (["backup", "--keep", "x"], "参数 --keep 的值 'x' 不是整数", "argument --keep: invalid int value: 'x'"),
    (["backup", "--keep"], "参数 --keep 后面需要一个值", "argument --keep: expected one argument"),
    (["report", "duty", "--year", "2026", "--out", "r.pdf", "--lang", "fr"], "参数 --lang 的值 'fr' 无效，可选：",
     "argument --lang: invalid choice: 'fr'"),
    (["answer", "1"], "必须给出以下参数之一：--text", "one of the arguments --text"),
    (["answer", "1", "--text", "t", "--accept"], "参数 --accept 不能与 --text 同时使用",
     "argument --accept: not allowed with argument --text"),
    (["check", "--d"], "选项 --d 不明确，可能是：--db, --details", "ambiguous option: --d"),
])
def test_usage_errors_are_said_in_chinese_too(args, zh, en, tmp_path):
    """argparse's refusals came in English only after "用法错误 /": a clerk read nothing of what was wrong."""
    p = run(*args, "--db", tmp_path / "none.sqlite3")
    assert p.returncode == 2
    first = p.stderr.splitlines()[0]
    assert f"用法错误：{zh}" in first and f"usage error: {en}" in first, p.stderr
    assert not (tmp_path / "none.sqlite3").exists()


def test_broken_files_exit_1_with_a_reason(tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 50)
    p = run("check", "--db", junk)
    assert p.returncode == 1 and "不是本软件的数据库文件" in p.stderr
    p = run("check", "--db", tmp_path / "missing.sqlite3")
    assert p.returncode == 1 and "不存在" in p.stderr
    good = tmp_path / "g.sqlite3"
    run("init", "--db", good, "--city", "贵阳市政协")
    p = run("restore", "--db", good, junk)
    assert p.returncode == 1 and "备份" in p.stderr
    if sys.platform != "win32":         # a device named as the package: "not a file", not "not found"
        import os
        import stat
        null = tmp_path / "null"        # a device of the test's own: a mistake must never touch the machine's
        try:
            os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        except (OSError, AttributeError):
            pytest.skip("making a device file needs root")
        p = run("import-sync", "--db", good, null)
        assert p.returncode == 1 and "不是文件" in p.stderr and "not a file" in p.stderr, p.stderr
        assert stat.S_ISCHR(os.lstat(null).st_mode)


def test_help_for_every_command():
    for cmd in ("init", "check", "backup", "restore"):
        p = run(cmd, "--help")
        assert p.returncode == 0 and "--db" in p.stdout


def test_empty_arguments_and_bad_codes_are_refused_before_anything_is_made(tmp_path):
    for args in (["check", "--db", ""], ["init", "--db", tmp_path / "a.db", "--city", ""],
                 ["import-sync", "", "--db", tmp_path / "a.db"], ["dump", "--db", tmp_path / "a.db", "--out", " "]):
        p = run(*args)
        assert p.returncode == 2 and "不能为空" in p.stderr, args
    p = run("init", "--db", tmp_path / "b.db", "--city", "X", "--code", "abc")
    assert p.returncode == 1 and "6、9 或 12 位数字" in p.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []             # no database file left behind
    long = "x" * 50_000
    p = run("restore", "--db", tmp_path / "c.db", long)
    assert p.returncode == 1 and len(p.stderr) < 1000                     # not echoed whole


def test_a_50000_character_argument_is_cut_and_both_languages_still_said(tmp_path):
    db = tmp_path / "d.sqlite3"
    assert run("init", "--db", db, "--city", "贵阳市政协").returncode == 0
    long = "长" * 40_000                # Linux takes at most 128 kB in one argument
    for args, zh, en in ((["assign", "--to", long, "--title", "t"], "找不到代码为", "failed: no office with code"),
                         (["minutes", long, "--out", tmp_path / "m.pdf"], "找不到这次会议", "failed: meeting not found"),
                         (["computers", "forget", long], "本机不认识电脑", "usage error: no computer")):
        p = run(*args, "--db", db)
        assert p.returncode in (1, 2) and len(p.stderr) < 1000, (args[0], len(p.stderr))
        # the Chinese half carried the argument whole and the cut took the English half away
        assert zh in p.stderr and en in p.stderr and " characters）" in p.stderr, p.stderr
    assert not list(tmp_path.glob("m.pdf*"))


def test_another_programs_sqlite_file_is_left_untouched(tmp_path):
    import hashlib
    import sqlite3
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    for cmd in ("peers", "check", "dump"):
        extra = ["--out", tmp_path / "d.json"] if cmd == "dump" else []
        p = run(cmd, "--db", path, *extra)
        assert p.returncode == 1 and "不是本软件的数据库" in p.stderr, cmd
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_python_dash_m_desktop_is_the_command_line(tmp_path):
    """`python -m desktop --help` said "No module named desktop.__main__" (only `-m desktop.cli` worked)."""
    p = subprocess.run([sys.executable, "-m", "desktop", "--help"], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0 and "import-sync" in p.stdout, p.stderr
    p = subprocess.run([sys.executable, "-m", "desktop", "check", "--db", tmp_path / "none.sqlite3"],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 1 and "数据库文件不存在" in p.stderr and "database not found" in p.stderr
    assert not (tmp_path / "none.sqlite3").exists()


def test_the_command_lines_error_log_carries_no_names_or_phone_numbers(demo_db_path, tmp_path):
    """An internal error's traceback went into logs/cli-errors.log as it was: the exception's text can hold a
    record's value (here a damaged meeting whose start holds a name and a phone number)."""
    import sqlite3

    with sqlite3.connect(demo_db_path) as c:          # a record damaged outside the program
        mid = c.execute("SELECT id FROM meeting WHERE deleted = 0 AND state = 'final' LIMIT 1").fetchone()[0]
        c.execute("UPDATE node_state SET guard = 1 WHERE id = 1")
        c.execute("UPDATE meeting SET starts_at = '王芳13912345678' WHERE id = ?", [mid])
        c.execute("UPDATE node_state SET guard = 0 WHERE id = 1")
    p = run("minutes", "--db", demo_db_path, mid, "--out", tmp_path / "m.pdf")
    assert p.returncode == 1 and "内部错误" in p.stderr and "internal error" in p.stderr, p.stderr
    log = demo_db_path.parent / "logs" / "cli-errors.log"
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "minutes" in text                      # the bug is still there to read
    assert "王芳" not in text and "13912345678" not in text, text[-600:]
    import shutil
    shutil.rmtree(log.parent)
    log.parent.write_text("a file where the logs folder belongs")
    p = run("minutes", "--db", demo_db_path, mid, "--out", tmp_path / "m.pdf")
    assert p.returncode == 1       # it said "详情已记录到 (log not writable) / internal error, logged"
    assert "详情无法写入日志文件夹" in p.stderr and "could not be written to the logs folder" in p.stderr, p.stderr
    assert "logged" not in p.stderr


def test_an_assignment_whose_state_is_damaged_is_shown_and_refused_in_words(demo_db_path):
    """`assignments --show ID` and `answer ID --accept` ended in "internal error (KeyError)" on a state this
    program does not know (a record changed outside it)."""
    import sqlite3

    with sqlite3.connect(demo_db_path) as c:
        aid = c.execute("SELECT id FROM assignment WHERE state = 'answered' LIMIT 1").fetchone()[0]
        c.execute("UPDATE node_state SET guard = 1 WHERE id = 1")
        c.execute("UPDATE assignment SET state = 'x' WHERE id = ?", [aid])
        c.execute("UPDATE node_state SET guard = 0 WHERE id = 1")
    p = run("assignments", "--db", demo_db_path, "--show", aid)
    assert p.returncode == 0 and "状态无法识别：x" in p.stdout and "内部错误" not in p.stderr, p.stderr
    p = run("answer", aid, "--accept", "--db", demo_db_path)
    assert p.returncode == 1 and "internal error" not in p.stderr, p.stderr
    assert "状态“x”无法识别（记录可能已损坏），不能办理" in p.stderr and "not one this program knows" in p.stderr
    with sqlite3.connect(demo_db_path) as c:                              # nothing was changed
        assert c.execute("SELECT state, verdict_round FROM assignment WHERE id = ?", [aid]).fetchone()[0] == "x"
    assert "x" in run("assignments", "--db", demo_db_path).stdout.split()


def test_the_minutes_of_a_meeting_with_a_damaged_attendance_line_are_refused_naming_the_member(demo_db_path,
                                                                                               tmp_path):
    """`minutes` ended in "internal error (KeyError)" when a member's attendance status was changed outside the
    program; it now names the member and says what to do, and writes no file."""
    import sqlite3

    with sqlite3.connect(demo_db_path) as c:
        mid, aid, name = c.execute(
            "SELECT m.id, a.id, p.name FROM meeting m JOIN attendance a ON a.meeting_id = m.id AND a.deleted = 0 "
            "JOIN member p ON p.id = a.member_id WHERE m.deleted = 0 AND m.state = 'final' LIMIT 1").fetchone()
        c.execute("UPDATE node_state SET guard = 1 WHERE id = 1")
        c.execute("UPDATE attendance SET status = 'x' WHERE id = ?", [aid])
        c.execute("UPDATE node_state SET guard = 0 WHERE id = 1")
    out = tmp_path / "纪要.pdf"
    p = run("minutes", "--db", demo_db_path, mid, "--out", out)
    assert p.returncode == 1 and "internal error" not in p.stderr, p.stderr
    assert f"{name}的出席情况无法识别（x）" in p.stderr and "not recognised" in p.stderr, p.stderr
    assert not out.exists()


def test_an_empty_positional_is_named_as_the_user_wrote_it(tmp_path):
    """`accounts add ""` was told "--name 不能为空": the option of another command (`offices add --name`) that stores
    under the same name; the clerk had typed no --name at all."""
    db = tmp_path / "d.sqlite3"
    p = run("accounts", "add", "", "--db", db)
    assert p.returncode == 2 and "NAME 不能为空" in p.stderr and "--name" not in p.stderr, p.stderr
    p = run("offices", "add", "--code", "520102099", "--name", " ", "--level", "township", "--parent", "520102",
            "--db", db)
    assert p.returncode == 2 and "--name 不能为空" in p.stderr, p.stderr
    assert not db.exists()


def test_listing_backups_says_when_there_are_none_or_the_folder_is_a_file(tmp_path):
    """`backup --list` printed nothing at all with no backups, and nothing (exit 0) when backups/ was a file."""
    db = tmp_path / "d.sqlite3"
    assert run("init", "--db", db, "--city", "贵阳市政协").returncode == 0
    p = run("backup", "--list", "--db", db)
    assert p.returncode == 0 and "中没有备份" in p.stdout and "no backups in" in p.stdout, p.stdout
    (tmp_path / "backups").write_text("not a folder")
    p = run("backup", "--list", "--db", db)
    assert p.returncode == 1 and "是一个文件，不是备份文件夹" in p.stderr and "is a file, not a backup folder" in p.stderr


def test_the_database_given_as_the_file_to_import_is_refused_before_it_is_opened(tmp_path):
    """`import-sync liaison-desk.sqlite3` (or `import members` of it) opened the live database file a second time
    (closing that drops SQLite's locks) and called it a damaged package / not a workbook."""
    db = tmp_path / "d.sqlite3"
    assert run("init", "--db", db, "--city", "贵阳市政协").returncode == 0
    for args, zh, en in ((["import-sync", db], "不是同步包", "not a sync package"),
                         (["import", "members", db], "不是 Excel 名册", "not an Excel roster")):
        p = run(*args, "--db", db)
        assert p.returncode == 1
        assert f"是本软件的数据库文件本身，{zh}" in p.stderr and f"is the database itself, {en}" in p.stderr, p.stderr
    assert run("check", "--db", db).returncode == 0


def test_help_has_its_headings_and_the_common_options_in_chinese_too():
    """`--help` was argparse's English around the Chinese descriptions: usage, options, "show this help"."""
    for args in (["--help"], ["check", "--help"], ["accounts", "add", "--help"]):
        p = run(*args)
        assert p.returncode == 0 and p.stdout.startswith("用法 / usage: liaison-desk"), p.stdout
        assert "显示此帮助 / show this help message and exit" in p.stdout
    p = run("check", "--help")
    assert "选项 / options:" in p.stdout and "数据库文件（默认在用户数据文件夹" in p.stdout


def _commands(parser, path=()):
    """Every command path of the command line (`check`, `accounts add`, …)."""
    import argparse
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*path, name)
                yield from _commands(sub, (*path, name))


def _entries(help_text: str) -> list[tuple[str, str]]:
    """Each option's and argument's entry in `--help`: (its names, its help, with the lines it wraps onto)."""
    import re
    entries: list[list[str]] = []
    for line in help_text.splitlines():
        if m := re.match(r"^  (\S(?:\S| (?! ))*)(?: {2,}(.*))?$", line):
            entries.append([m.group(1), m.group(2) or ""])
        elif re.match(r"^ {5,}\S", line) and entries:
            entries[-1][1] += " " + line.strip()        # a wrapped help
        elif not line.startswith(" ") or re.match(r"^    \S", line):
            entries.append(["", ""])        # a heading ends the entry before it; a sub-command is checked on its own
    return [(name, text.strip()) for name, text in entries if name]


def _summaries(help_text: str) -> list[tuple[str, str]]:
    """Each sub-command's line in the COMMAND or ACTION list of `--help`: (its name, its summary, wrapped lines
    joined)."""
    import re
    entries: list[list[str]] = []
    for line in help_text.splitlines():
        if m := re.match(r"^    (\S+)(?: {2,}(.*))?$", line):
            entries.append([m.group(1), m.group(2) or ""])
        elif re.match(r"^ {6,}\S", line) and entries and entries[-1][0]:
            entries[-1][1] += " " + line.strip()
        else:
            entries.append(["", ""])
    return [(name, text.strip()) for name, text in entries if name]


def _chinese_then_english(text: str) -> bool:
    """“中文 / English”: Chinese before the slash and English after it (not “English (中文term)”)."""
    import re
    head, slash, tail = text.partition("/ ")
    return bool(slash) and bool(re.search(r"[\u4e00-\u9fff]", head)) and bool(re.search(r"[A-Za-z]{3}", tail))


def test_every_options_help_is_in_chinese_and_english():
    """The headings of `--help` were bilingual but most options' help English only (`check --help`: --details),
    a few read “English (中文term)” (`answer --receive`: confirm receipt (签收)), and the summaries of the
    sub-commands (`liaison-desk --help`, `accounts --help`, `computers --help`) were English only."""
    from desktop.cli import build_parser
    missing = []
    for path in ((), *_commands(build_parser())):
        p = run(*path, "--help")
        assert p.returncode == 0, (path, p.stderr)
        for name, text in _entries(p.stdout):
            if text and not _chinese_then_english(text):
                missing.append(f"{' '.join(path)}: {name}  {text}")
        for name, text in _summaries(p.stdout):
            if not _chinese_then_english(text):
                missing.append(f"{' '.join(path)} (sub-command): {name}  {text}")
    assert not missing, "\n".join(missing)
    p = run("--help")
    assert "    accounts   员工账号与登录（负责人管理） / staff accounts and sign-in" in p.stdout, p.stdout
    assert "签收 / confirm receipt" in run("answer", "--help").stdout


def test_check_names_values_a_field_cannot_hold_without_the_values(demo_db_path):
    """`check` said 检查通过 of a file whose records held values their fields cannot hold (changed outside the
    program): a state it does not know, a day that is no date, a number out of range, a reference to an item of
    another list, text over its limit. Each is named by table, field and record, and no value is printed."""
    import sqlite3

    assert run("check", "--db", demo_db_path).returncode == 0
    with sqlite3.connect(demo_db_path) as c:
        aid = c.execute("SELECT id FROM assignment ORDER BY id LIMIT 1").fetchone()[0]
        mid = c.execute("SELECT id FROM member WHERE phone IS NOT NULL ORDER BY id LIMIT 1").fetchone()[0]
        vid = c.execute("SELECT id FROM visit ORDER BY id LIMIT 1").fetchone()[0]
        party = c.execute("SELECT id FROM reference_item WHERE list = 'party' LIMIT 1").fetchone()[0]
        c.execute("UPDATE node_state SET guard = 1 WHERE id = 1")
        c.execute("UPDATE assignment SET state = 'x' WHERE id = ?", [aid])
        c.execute("UPDATE member SET birth_date = '王芳13912345678', ethnicity_id = ? WHERE id = ?", [party, mid])
        c.execute("UPDATE visit SET people_reached = -5, visit_date = '2026-02-30' WHERE id = ?", [vid])
        c.execute("UPDATE member SET name = ? WHERE id = ?", ["张" * 61, mid])
        c.execute("UPDATE node_state SET guard = 0 WHERE id = 1")
    p = run("check", "--db", demo_db_path)
    out = p.stdout + p.stderr
    assert p.returncode == 1 and "检查通过" not in out, out
    for zh, en, rid in (("交办事项的“办理状态”", "assignment.state", aid), ("委员的“出生日期”", "member.birth_date", mid),
                        ("委员的“民族”", "member.ethnicity_id", mid), ("委员的“姓名”", "member.name", mid),
                        ("走访接待的“接待群众人数”", "visit.people_reached", vid),
                        ("走访接待的“日期”", "visit.visit_date", vid)):
        line = next((ln for ln in out.splitlines() if zh in ln), "")
        assert "有 1 条记录" in line and en in line and rid in line, (zh, out)
    assert "王芳" not in out and "13912345678" not in out and "张张" not in out and "'x'" not in out


def test_check_names_empty_required_fields_control_characters_and_bad_deletion_flags(demo_db_path):
    """`check` said 检查通过 of a file changed outside the program where a required field was left empty (NULL, '' or
    only blanks), a record's deletion flag was neither 0 nor 1, or text held control characters (a NUL, an escape,
    DEL; not a tab or a line break). Each is named by table, field in Chinese and English and record, in
    the same pass as the other values, without the values; the exit code is 1."""
    import sqlite3

    with sqlite3.connect(demo_db_path) as c:
        def first(table, where="1"):
            return c.execute(f"SELECT id FROM {table} WHERE {where} ORDER BY id LIMIT 1").fetchone()[0]
        meeting, member, visit, speech = first("meeting"), first("member"), first("visit"), first("speech")
        membership, opinion = first("membership"), first("opinion_report")
        blank_meeting = first("meeting", f"id > '{meeting}'")
        c.execute("UPDATE node_state SET guard = 1 WHERE id = 1")
        c.execute("UPDATE meeting SET topic = NULL WHERE id = ?", [meeting])
        c.execute("UPDATE meeting SET topic = ? WHERE id = ?", [" \u3000 ", blank_meeting])
        c.execute("UPDATE member SET name = '', work_unit = ?, note = ? WHERE id = ?",
                  ["王芳\x1b[31m13912345678", "第一段。\n\t第二段。\r\n", member])
        c.execute("UPDATE membership SET member_id = NULL WHERE id = ?", [membership])
        c.execute("UPDATE visit SET deleted = 2 WHERE id = ?", [visit])
        c.execute("UPDATE speech SET summary = ? WHERE id = ?", ["小区停车难\x00问题", speech])
        c.execute("UPDATE opinion_report SET deleted = 'x', title = ? WHERE id = ?", ["路灯不亮\x7f", opinion])
        c.execute("UPDATE node_state SET guard = 0 WHERE id = 1")
    p = run("check", "--db", demo_db_path)
    out = p.stdout + p.stderr
    assert p.returncode == 1 and "检查通过" not in out, out
    lines = [ln for ln in out.splitlines() if ln.startswith("values:")]
    for zh, en, rid in (("会议的“主题”是必填项，有 2 条记录为空", "meeting.topic", meeting),
                        ("会议的“主题”是必填项，有 2 条记录为空", "meeting.topic", blank_meeting),
                        ("委员的“姓名”是必填项，有 1 条记录为空", "member.name", member),
                        ("组成员的“委员”是必填项，有 1 条记录为空", "membership.member_id", membership),
                        ("委员的“工作单位”有 1 条记录含有控制字符", "member.work_unit", member),
                        ("发言的“发言摘要”有 1 条记录含有控制字符", "speech.summary", speech),
                        ("社情民意信息的“标题”有 1 条记录含有控制字符", "opinion_report.title", opinion),
                        ("走访接待的“删除标记”有 1 条记录的值不是 0 或 1", "visit.deleted", visit),
                        ("社情民意信息的“删除标记”有 1 条记录的值不是 0 或 1", "opinion_report.deleted", opinion)):
        line = next((ln for ln in lines if zh in ln and rid in ln), "")
        assert en in line and " / " in line, (zh, out)
    assert "Meeting: Topic (meeting.topic) is required but empty in 2 record(s)" in out, out
    assert "Member: Name (member.name) is required but empty in 1 record(s)" in out, out
    assert "Member: Work unit (member.work_unit) holds control characters" in out, out
    assert "Visit: deleted flag (visit.deleted) is neither 0 nor 1 in 1 record(s)" in out, out
    # a tab and line breaks are text, not control characters; an empty name is not also a value it cannot hold
    assert not any("member.note" in ln for ln in lines), out
    assert sum("member.name" in ln for ln in lines) == 1, out
    assert "王芳" not in out and "13912345678" not in out and "停车难" not in out and "路灯" not in out

"""The roster from Excel: a 5,000-row workbook read and checked (every row's verdict) in ≤ 5 s, cold.

Cold: a fresh Python process that imports the program's modules, opens the city's database (1,500 members
already in the roster, 40 groups) and reads, checks and matches the workbook — what a user waits for after
choosing the file. As a baseline measured in the same run: a fresh process that only opens the same workbook
with openpyxl and reads its cells (the least any reader can cost). Also: a 50,000-row file is refused at
the limit (time to the refusal), and the write of the 5,000 rows in one transaction (no budget).

    .venv/bin/python bench/roster/bench_roster.py
"""

from __future__ import annotations

import datetime as dt
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

BUDGET_S = 5.0
ROWS = 5_000
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华建国红梅玉兰志强海燕"


def make_database(folder: Path) -> tuple[Path, list[str], list[tuple]]:
    from db.database import open_database
    from db.offices import create_city
    from db.write import writing
    rng = random.Random(5)
    path = folder / "city.sqlite3"
    db = open_database(path)
    city = create_city(db)
    groups = [f"第{i + 1}联络组" for i in range(40)]
    people = []
    with writing(db) as w:
        gids = w.insert_many("liaison_group", [{"name": g} for g in groups], office_id=city)
        rows = []
        for _i in range(1500):
            name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
            born = dt.date(1955, 1, 1) + dt.timedelta(days=rng.randrange(12000))
            phone = f"13{rng.randrange(10**9):09d}"
            rows.append({"name": name, "birth_date": born.isoformat(), "phone": phone, "sex": "M"})
            people.append((name, born, phone))
        mids = w.insert_many("member", rows, office_id=city)
        w.insert_many("membership", [{"group_id": gids[i % 40], "member_id": m, "role": "member"}
                                     for i, m in enumerate(mids)], office_id=city)
    db.conn.close()
    return path, groups, people


def make_workbook(path: Path, groups: list[str], people: list[tuple], rows: int) -> Path:
    from openpyxl import Workbook
    rng = random.Random(6)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("委员名册")
    ws.append(["某市政协委员名册"])
    ws.append(["序号", "姓名", "性别", "民族", "出生年月", "党派", "界别", "职务", "工作单位及职务", "联系电话", "委员层级",
               "届次", "所属联络组", "专长"])
    for i in range(rows):
        if i < len(people) and i % 3 == 0:                      # already in the roster: unchanged or an update
            name, born, phone = people[i]
            ws.append([i + 1, name, "男", "汉族", born, "中共党员", "中共", "委员", "某单位" if i % 2 else None, phone,
                       "市", "第十四届", None, None])
            continue
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN) + rng.choice(GIVEN)
        phone = f"15{rng.randrange(10**9):09d}" if i % 50 else "1500000"       # one row in 50 a wrong phone
        ws.append([i + 1, name, rng.choice("男女"), rng.choice(["汉族", "苗族", "布依族", "侗族"]),
                   f"{rng.randrange(1950, 1995)}.{rng.randrange(1, 13):02d}", rng.choice(["中共党员", "民盟盟员", "群众"]),
                   rng.choice(["经济界", "教育界", "医药卫生界"]), "委员", "某某单位 某职务", phone, "区", "第十四届",
                   rng.choice(groups), "专长"])
    wb.save(path)
    return path


PREVIEW = """
import sys, time
t = time.perf_counter()
from db.database import open_database
from db.roster_import import preview_roster
from desktop.reports.roster_xlsx import read_roster
db = open_database(sys.argv[1])
p = preview_roster(db, read_roster(sys.argv[2]))
print(time.perf_counter() - t, len(p.rows), p.count("new"), p.count("update"), p.count("unchanged"), p.count("error"))
"""
BASELINE = """
import sys, time
t = time.perf_counter()
from openpyxl import load_workbook
wb = load_workbook(sys.argv[2], read_only=True)
n = sum(1 for row in wb.worksheets[0].iter_rows(values_only=True) if any(row))
print(time.perf_counter() - t, n)
"""
REFUSE = """
import sys, time
t = time.perf_counter()
from db.roster_import import RosterFileError
from desktop.reports.roster_xlsx import read_roster
try:
    read_roster(sys.argv[2])
except RosterFileError as exc:
    print(time.perf_counter() - t, exc.code)
"""


def child(code: str, db: Path, book: Path) -> list[str]:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code, str(db), str(book)], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout.split()
    return [f"{time.perf_counter() - start:.2f}", *out]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db, groups, people = make_database(folder)
        book = make_workbook(folder / "roster.xlsx", groups, people, ROWS)
        big = make_workbook(folder / "big.xlsx", groups, people, 50_000)
        preview = [child(PREVIEW, db, book) for _ in range(3)]
        baseline = [child(BASELINE, db, book) for _ in range(3)]
        refuse = child(REFUSE, db, big)
        wall = sorted(float(p[0]) for p in preview)[1]
        base = sorted(float(b[0]) for b in baseline)[1]
        print(f"{ROWS} rows, cold process to every verdict (median of 3, whole process): {wall:.2f} s "
              f"(inside: {preview[0][1][:4]} s); verdicts new/update/unchanged/error = {'/'.join(preview[0][3:])}")
        print(f"baseline, a cold process reading the cells with openpyxl only: {base:.2f} s; ratio {wall / base:.2f}×")
        print(f"50,000 rows: refused ({refuse[2]}) after {refuse[0]} s")
        from db.database import open_database
        from db.roster_import import apply_roster
        from desktop.reports.roster_xlsx import read_roster
        d = open_database(db)
        sheet = read_roster(book)
        t = time.perf_counter()
        result = apply_roster(d, sheet, skip_errors=True)
        print(f"(no budget) writing it in one transaction: {time.perf_counter() - t:.2f} s "
              f"({result.added} added, {result.updated} updated)")
        d.conn.close()
        ok = wall <= BUDGET_S
        print(f"budget ≤ {BUDGET_S:.0f} s: {'ok' if ok else 'OVER'}")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

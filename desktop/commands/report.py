"""`report duty --year Y --out FILE.xlsx`: the members' duty records as an Excel workbook."""

from __future__ import annotations

from desktop.cli import Failed, open_db


def register(sub, common) -> None:
    p = sub.add_parser("report", parents=[common], help="reports as Excel files (duty records)",
                       description="导出报表。duty：委员履职档案（每位委员每年的出席、发言、走访、社情民意、督办）。")
    p.add_argument("kind", choices=["duty"], help="which report")
    p.add_argument("--year", type=int, action="append", required=True,
                   help="the year (repeat for several years, one sheet each)")
    p.add_argument("--group", metavar="GROUP_ID", help="only this liaison group's members")
    p.add_argument("--out", required=True, metavar="FILE.xlsx", help="the workbook to write")
    p.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of the headings (default zh)")
    p.set_defaults(func=cmd_report)


def cmd_report(args) -> int:
    from db.duty import duty_records
    from desktop.reports.duty import write_duty_workbook
    if not args.out.lower().endswith(".xlsx"):
        raise Failed("输出文件应以 .xlsx 结尾", "the output file must end in .xlsx")
    bad = [y for y in args.year if not 1949 <= y <= 2100]
    if bad:
        raise Failed(f"年份不对：{bad[0]}", f"not a year: {bad[0]}")
    db = open_db(args)
    if args.group and not db.execute("SELECT 1 FROM liaison_group WHERE id = ?", [args.group]).fetchone():
        raise Failed("找不到该联络组", f"no liaison group {args.group}")
    data = {y: duty_records(db, y, group_id=args.group) for y in args.year}
    out = write_duty_workbook(data, args.out, lang=args.lang)   # WriteFailed says why (in use, full…)
    rows = sum(len(v) for v in data.values())
    members = len({r.member_id for v in data.values() for r in v})
    years = "、".join(str(y) for y in sorted(data))
    years_en = ", ".join(str(y) for y in sorted(data))
    print(f"已导出 {members} 位委员 {years} 年的履职档案（{rows} 行）/ exported the duty records of {members} members "
          f"for {years_en} ({rows} rows): {out}")
    return 0

"""`report duty --year Y --out FILE.xlsx|FILE.pdf`: the members' duty records (the PDF: one member a page, with
the score explained); `report stats --year Y [--office CODE] --out FILE.xlsx|FILE.pdf`: the annual statistics."""

from __future__ import annotations

from desktop.cli import Failed, open_db


def register(sub, common) -> None:
    p = sub.add_parser("report", parents=[common], help="导出报表：履职档案、统计（Excel 或 PDF） / reports as Excel or PDF files "
                       "(duty records, statistics)",
                       description="导出报表。duty：委员履职档案（每位委员每年的出席、发言、走访、社情民意、督办；"
                                   "PDF 每人一页，附履职积分及其明细）。stats：年度履职工作统计（PDF 含图表）。")
    p.add_argument("kind", choices=["duty", "stats"], help="哪一种报表 / which report")
    p.add_argument("--year", type=int, action="append", required=True,
                   help="年度（可重复给出多个年度，每年一个工作表） / the year (repeat for several years, "
                        "one sheet each)")
    p.add_argument("--group", metavar="GROUP_ID", help="只含此联络组的委员 / only this liaison group's "
                                                       "members")
    p.add_argument("--office", metavar="CODE", help="stats：此机构的统计（默认：本机的机构；只能是本机构或下"
                                                    "级机构） / stats: this office's figures (default: this "
                                                    "installation's; this office or one below it)")
    p.add_argument("--out", required=True, metavar="FILE.xlsx|FILE.pdf", help="要写入的 Excel 工作簿或 PDF "
                                                                              "/ the workbook or PDF to "
                                                                              "write")
    p.add_argument("--lang", choices=["zh", "en"], default="zh", help="表头的语言（默认 zh 中文） / "
                                                                      "language of the headings (default zh)")
    p.set_defaults(func=cmd_report)


def cmd_report(args) -> int:
    from db.duty import duty_records
    from desktop.reports.duty import write_duty_workbook
    if not args.out.lower().endswith((".xlsx", ".pdf")):
        raise Failed("输出文件应以 .xlsx 或 .pdf 结尾", "the output file must end in .xlsx or .pdf")
    bad = [y for y in args.year if not 1949 <= y <= 2100]
    if bad:
        raise Failed(f"年份不对：{bad[0]}", f"not a year: {bad[0]}")
    if args.office and args.kind != "stats":
        raise Failed("--office 只用于 stats", "--office is for stats only")
    db = open_db(args)
    if args.group and not db.execute("SELECT 1 FROM liaison_group WHERE id = ?", [args.group]).fetchone():
        raise Failed("找不到该联络组", f"no liaison group {args.group}")
    if args.kind == "stats":
        return _stats(db, args)
    if args.out.lower().endswith(".pdf"):
        return _duty_pdf(db, args)
    data = {y: duty_records(db, y, group_id=args.group) for y in args.year}
    out = write_duty_workbook(data, args.out, lang=args.lang)   # WriteFailed says why (in use, full…)
    rows = sum(len(v) for v in data.values())
    members = len({r.member_id for v in data.values() for r in v})
    years = "、".join(str(y) for y in sorted(data))
    years_en = ", ".join(str(y) for y in sorted(data))
    print(f"已导出 {members} 位委员 {years} 年的履职档案（{rows} 行）/ exported the duty records of {members} members "
          f"for {years_en} ({rows} rows): {out}")
    return 0


def _duty_pdf(db, args) -> int:
    """Every member's duty record with the score explained, one member a page, year after year."""
    from db.scoring import score_members
    from db.sortkey import name_key
    from desktop.reports.duty_pdf import write_duty_pdf
    scores = [s for y in sorted(args.year) for s in sorted(score_members(db, y, group_id=args.group),
                                                           key=lambda s: (name_key(s.name), s.member_id))]
    if not scores:
        raise Failed("这些年度没有委员可打印", "no members in those years")
    out = write_duty_pdf(db, scores, args.out, lang=args.lang)
    print(f"已输出 {len(scores)} 份履职档案（每人一页起）/ wrote {len(scores)} duty records, one member a page: {out}")
    return 0


def _stats(db, args) -> int:
    from db.offices import office_by_code, this_office
    from db.stats import Scope
    from desktop.reports.stats_report import write_stats
    if len(args.year) != 1:
        raise Failed("stats 一次只统计一个年度", "stats takes one --year")
    mine = this_office(db)
    if args.office:
        from db.errors import NotFound
        try:
            office = office_by_code(db, args.office)
        except NotFound as exc:
            raise Failed(exc.message_zh, exc.message_en) from None
        from db.stats import offices_under
        if mine is not None and office.id not in offices_under(db, mine.id):
            # its own figures would be this office's records only, under the other office's name
            raise Failed(f"本机是“{mine.name}”（{mine.code}），只有本机构和下级机构的数据：“{office.name}”（{office.code}）"
                         f"的统计请在该机构的电脑上生成",
                         f"this computer is {mine.name} ({mine.code}) and holds the data of that office and the "
                         f"offices below it only: make the statistics of {office.name} ({office.code}) on that "
                         f"office's computer")
    else:
        office = mine
    scope = Scope(args.year[0], office.id if office else None, args.group)
    out = write_stats(db, scope, args.out, lang=args.lang)
    name = office.name if office else "全部"
    print(f"已输出{name}{args.year[0]}年度统计 / wrote the statistics of {args.year[0]}: {out}")
    return 0

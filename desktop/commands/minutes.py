"""`minutes`: print the official minutes of one meeting, or of a group's / a period's meetings, to PDF."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from desktop.cli import EXIT_FAILED, Failed, open_db, output_path


def _iso_date(text: str) -> str:
    import unicodedata
    try:        # ２０２６－０１－０１ as a Chinese input method in full-width mode types it
        return dt.date.fromisoformat(unicodedata.normalize("NFKC", text).strip()).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"不是有效日期 / not a date: {text!r} (2026-01-31)") from None


def register(sub, common) -> None:
    p = sub.add_parser(
        "minutes", parents=[common], help="生成会议纪要 PDF（GB/T 9704 版式） / print meeting minutes (PDF, GB/T 9704 layout)",
        description="生成会议纪要 PDF。单次会议：minutes MEETING_ID --out 纪要.pdf；"
                    "批量：minutes --group GROUP_ID 和/或 --from DATE --to DATE --out 文件夹或合并的 .pdf。"
                    " / One meeting, or every meeting (held, draft or final) of a group and/or a period.")
    p.add_argument("meeting_id", nargs="?", metavar="MEETING_ID", help="要打印纪要的会议 / the meeting to "
                                                                       "print")
    p.add_argument("--group", metavar="GROUP_ID", help="批量：此联络组的会议 / batch: the meetings of this "
                                                       "liaison group")
    p.add_argument("--from", dest="date_from", type=_iso_date, metavar="DATE", help="批量：自此日期（含） / "
                                                                                    "batch: from this date "
                                                                                    "(included)")
    p.add_argument("--to", dest="date_to", type=_iso_date, metavar="DATE", help="批量：至此日期（含） / "
                                                                                "batch: to this date "
                                                                                "(included)")
    p.add_argument("--out", required=True, metavar="FILE.pdf|DIR",
                   help=".pdf 文件（批量时合成一个文件），或文件夹（每次会议一个文件） / a .pdf file (a "
                        "batch goes into one file), or a folder (one file per meeting)")
    p.add_argument("--one-sided", action="store_true",
                   help="批量合成一个文件时：不插空白页让每份纪要从右页开始 / batch into one file: no blank "
                        "page to start each minutes on a right-hand page")
    p.set_defaults(func=cmd_minutes, parser=p)


def cmd_minutes(args) -> int:
    from db.minutes_source import meetings_in_range
    from desktop.minutes import export_meetings, minutes_filename, minutes_for_meeting, render_minutes

    batch = bool(args.group or args.date_from or args.date_to)
    if batch == bool(args.meeting_id):
        args.parser.error("给出 MEETING_ID，或 --group / --from / --to（不能同时）/ give MEETING_ID or a batch filter")
    if args.date_from and args.date_to and args.date_from > args.date_to:
        args.parser.error("--from 晚于 --to / --from is after --to")
    out, is_folder = output_path(args.out, ".pdf")
    db = open_db(args)
    try:
        if not batch:
            data = minutes_for_meeting(db, args.meeting_id)
            target = out / minutes_filename(data) if is_folder else out
            info = render_minutes(data, target)
            print(f"已生成会议纪要：{target}（{info.pages} 页）/ minutes written: {target} ({info.pages} pages)")
            _warn_missing(info.missing)
            return 0
        ids = meetings_in_range(db, args.group, args.date_from, args.date_to)
        if not ids:
            raise Failed("没有符合条件的会议（已召开、纪要草稿或定稿）", "no held, draft or final meeting matches")
        tty = sys.stderr.isatty()         # a counter on a terminal; nothing in a log or a pipe
        result = export_meetings(db, ids, out, duplex=not args.one_sided,
                                 progress_cb=_show_progress if tty else None)
        if tty:
            print(file=sys.stderr)
        where = f"{out}（{len(result.files)} 个文件 / files）" if is_folder else out
        blank = result.sheets - result.pages if result.sheets else 0
        extra_zh = f"（另有双面打印用的空白页 {blank} 页，文件共 {result.sheets} 页）" if blank else ""
        extra_en = f" (+{blank} blank pages for two-sided printing: {result.sheets} in the file)" if blank else ""
        print(f"已导出 {result.minutes} 份会议纪要，共 {result.pages} 页{extra_zh}：{where}"
              f" / {result.minutes} minutes, {result.pages} pages{extra_en}: {out}")
        _warn_missing(result.missing)
        for meeting, reason in result.failed:
            print(f"未导出 / not exported: {meeting}：{reason}", file=sys.stderr)
        return EXIT_FAILED if result.failed else 0
    finally:
        db.conn.close()


def _show_progress(done: int, total: int) -> None:
    print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)


def _warn_missing(missing: str) -> None:
    if missing:
        print(f"注意：没有字体能显示这些字符，已印作“〓”：{missing}（请安装含这些字的字体，如 HanaMinB）"
              f" / warning: no font has {missing!r}; printed as 〓", file=sys.stderr)

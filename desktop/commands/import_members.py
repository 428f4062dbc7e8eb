"""`import members FILE.xlsx [--dry-run] [--skip-errors]`: the roster from Excel, with a verdict for every row;
`export members --out FILE.xlsx [--force]`: the roster in the same layout (it imports back unchanged); an existing
file is written over only with --force."""

from __future__ import annotations

from desktop.cli import Failed, open_db, refuse_the_database


def register(sub, common) -> None:
    p = sub.add_parser("import", parents=[common], help="从 Excel 导入委员名册 / import the roster of members from an Excel "
                       "workbook",
                       description="从 Excel（.xlsx）导入委员名册（区县政协和市政协）。先逐行检查：新增、更新、无变化，"
                                   "或错误（指出单元格和原因）。有错误行时整个文件不导入，除非给出 --skip-errors。")
    p.add_argument("what", choices=["members"], help="导入什么（members：委员名册） / what to import "
                                                     "(members: the roster)")
    p.add_argument("file", metavar="FILE.xlsx", help="Excel 工作簿 / the workbook")
    p.add_argument("--dry-run", action="store_true", help="只检查并列出结果，不写入（有错误行时退出码为 1） "
                                                          "/ only check and print the report; write nothing "
                                                          "(exit 1 when a row has an error)")
    p.add_argument("--skip-errors", action="store_true", help="导入无误的行，列出有错误的行 / import the "
                                                              "good rows and list the rows with errors")
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("export", parents=[common], help="把委员名册导出为 Excel / export the roster of members as an Excel "
                       "workbook",
                       description="把在任委员名册导出为 Excel（.xlsx），格式与导入相同，可改后再导入。已存在的文件不覆盖，除非加 --force。")
    p.add_argument("what", choices=["members"], help="导出什么（members：委员名册） / what to export "
                                                     "(members: the roster)")
    p.add_argument("--out", required=True, metavar="FILE.xlsx", help="要写入的 Excel 工作簿（已存在时不覆盖，除非加 "
                                                                     "--force） / the workbook to write (an existing "
                                                                     "file is not overwritten without --force)")
    p.add_argument("--force", action="store_true", help="覆盖已存在的同名文件 / overwrite an existing file of "
                                                        "that name")
    p.set_defaults(func=cmd_export)


def cmd_import(args) -> int:
    from db.roster_import import ERROR, apply_roster, check_may_import, preview_roster, report_lines, rows
    from desktop.reports.roster_xlsx import read_roster
    refuse_the_database(args.file, args, " Excel 名册", "an Excel roster")
    db = open_db(args)
    check_may_import(db)                  # a township is told before the file is read
    sheet = read_roster(args.file)
    preview = preview_roster(db, sheet)
    for line in report_lines(preview):
        print(line)
    bad = preview.count(ERROR)
    if args.dry_run:
        print("（试运行，未写入任何内容）/ dry run: nothing written")
        return 1 if bad else 0
    if bad and not args.skip_errors:
        raise Failed(f"有 {bad} 行错误，整个文件未导入：改正后再导入，或加 --skip-errors 只导入无误的行",
                     f"{rows(bad)} {'has' if bad == 1 else 'have'} errors: nothing imported; correct them, or add --skip-errors to import "
                     f"the good rows only")
    result = apply_roster(db, sheet, skip_errors=args.skip_errors)
    print(f"已导入：新增 {result.added} 位，更新 {result.updated} 位，无变化 {result.unchanged} 位"
          + (f"，跳过 {len(result.skipped)} 行错误（第 {'、'.join(str(r.line) for r in result.skipped)} 行）"
             if result.skipped else "")
          + f" / imported: {result.added} new, {result.updated} updated, {result.unchanged} unchanged"
          + (f", {rows(len(result.skipped))} with errors skipped" if result.skipped else ""))
    return 0


def cmd_export(args) -> int:
    from desktop.cli import output_path
    from desktop.reports.roster_xlsx import write_roster
    out, _folder = output_path(args.out, ".xlsx", folder_ok=False)
    # an earlier export may be the roster someone is correcting to import back: not written over unasked
    if out.is_file() and out.stat().st_size and not args.force:
        raise Failed(f"“{out}”已存在：不会覆盖它，未作任何改动。请另给一个文件名，或加 --force 覆盖它",
                     f"{out} exists: it is not overwritten, nothing was changed. Give another file name, or add "
                     f"--force to overwrite it")
    db = open_db(args)
    path, count = write_roster(db, out)
    print(f"已导出 {count} 位在任委员 / exported {count} serving members: {path}")
    return 0

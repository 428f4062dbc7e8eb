"""`init`, `check`, `backup`, `restore`: the database itself."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from desktop.cli import EXIT_FAILED, Failed, db_path, open_db


def register(sub, common) -> None:
    p = sub.add_parser("init", parents=[common], help="新建数据库（设为市级政协） / create the database (set up as the city office)",
                       description="新建数据库。--city 设为市级政协（含区县、乡镇机构及参考列表）。")
    p.add_argument("--city", metavar="NAME", help="把本机设为名为 NAME 的市级政协（如 贵阳市政协） / set this installation "
                                                   "up as the city office NAME")
    p.add_argument("--code", default="520100", help="市的行政区划代码（默认 520100，贵阳） / the city's "
                                                    "administrative code (default 520100, Guiyang)")
    p.add_argument("--no-network", action="store_true",
                   help="与 --city 一起：不登记贵阳的区县和乡镇（街道） / with --city: do not register "
                        "Guiyang's districts and townships")
    p.add_argument("--from-setup", metavar="FILE",
                   help="用上级机构制作的安装文件设置本机 / set this installation up from the setup file "
                        "its parent office made")
    p.add_argument("--passcode", help="安装文件的口令（不写时提示输入） / the setup file's passcode (asked "
                                      "for when omitted)")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("check", parents=[common], help="检查完整性、外键、变更日志一致性 / integrity, foreign keys, change-log consistency",
                       description="检查数据库：完整性、外键、变更日志一致性、字段取值（不符合要求的值、必填项为空、控制字符、"
                                   "删除标记）。有问题时退出码为 1。")
    p.add_argument("--details", action="store_true",
                   help="逐条列出指向其他机构记录的记录，及其所指的记录 / list every record that points at "
                        "another office's records, with the record it points at")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("backup", parents=[common], help="写一份备份 / write a backup copy",
                       description="备份数据库到备份文件夹（默认在数据库旁的 backups/）。备份到数据文件夹以外（如U盘）"
                                   "时用您设定的口令加密（提示输入两次，或取自环境变量 "
                                   "LIAISON_DESK_BACKUP_PASSPHRASE）。")
    p.add_argument("--to", metavar="DIR", help="备份文件夹（默认：数据库旁的 backups/） / backup folder "
                                               "(default: backups/ beside the database)")
    p.add_argument("--keep", type=int, default=14, help="文件夹中保留的备份份数（默认 14） / how many "
                                                        "backups to keep in the folder (default 14)")
    p.add_argument("--list", action="store_true", help="列出已有备份，不做新备份 / list the backups instead "
                                                       "of making one")
    p.add_argument("--no-encrypt", action="store_true",
                   help="与数据文件夹以外的 --to 一起：写入未加密的备份（不建议） / with --to outside the "
                        "data folder: write the backup unencrypted (not recommended)")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", parents=[common], help="用备份替换数据 / replace the data with a backup",
                       description="用备份替换当前数据（先自动备份当前数据）。加密的备份需输入备份时设定的口令"
                                   "（或取自环境变量 LIAISON_DESK_BACKUP_PASSPHRASE）。")
    p.add_argument("backup_file", metavar="BACKUP", help="要恢复的备份文件 / the backup file to restore")
    p.add_argument("--as-office", metavar="CODE",
                   help="本机为演示数据或尚未设置机构时：确认此备份是代码为 CODE 的本机构的数据，恢复后本机即为该机构 / "
                        "on a demo or an installation not set up yet: confirm the backup is your office CODE's data; "
                        "this computer then works as that office")
    p.set_defaults(func=cmd_restore)


def cmd_init(args) -> int:
    from db.offices import add_guiyang_network, check_code, create_city, this_office
    if args.city:
        check_code(args.code)                   # before the database file is made
    if args.from_setup and args.city:
        raise Failed("--city 与 --from-setup 只能选一个", "choose either --city or --from-setup")
    if args.from_setup:
        from desktop.commands.sync import cmd_init_from_setup
        return cmd_init_from_setup(args)
    path = db_path(args)
    existed = path.exists()
    db = open_db(args, create=True)
    if args.city:
        if this_office(db) is not None:
            raise Failed(f"{path} 已设置为“{this_office(db).name}”，不能再次设置",
                         f"{path} is already set up as another office")
        city = create_city(db, args.city, args.code)
        if not args.no_network:
            add_guiyang_network(db, city)
        from db.sync.computers import set_confirms_relayed_keys
        set_confirms_relayed_keys(db, True)          # SECURITY.md R6d: a new city confirms relayed keys itself
        print(f"已设置为市级政协：{args.city} / set up as the city office: {path}")
        print("  区县转来的乡镇电脑，须本机电话核对其密钥后才导入其修改（liaison-desk computers confirm-relayed off 可关闭）"
              " / a township computer a district passes on is taken only once its key is confirmed here by phone "
              "(`computers confirm-relayed off` turns this off)")
    else:
        print(("数据库已存在并已是最新版本" if existed else "已创建数据库") + f" / database ready: {path}")
    return 0


def cmd_check(args) -> int:
    from db.check import check_database
    path = db_path(args)
    if not path.exists():
        raise Failed(f"数据库文件不存在：{path}", f"database not found: {path}")
    db = open_db(args)
    # a city's ten-year file takes half a minute: in a terminal, each step is said as it begins (on stderr,
    # overwritten in place; a script reading the output sees only the result)
    shown = sys.stderr.isatty()

    def progress(i: int, n: int, zh: str, en: str) -> None:
        print(f"\r检查中（{i}/{n}）：{zh}… / checking ({i}/{n}): {en}…\033[K", end="", file=sys.stderr, flush=True)
    try:
        rep = check_database(db, details=args.details, progress=progress if shown else None)
    finally:
        if shown:
            print("\r\033[K", end="", file=sys.stderr, flush=True)
    total = sum(rep.counts.values())
    if rep.growth:
        print("文件各部分占用 / what the file holds:")
        for g in rep.growth:
            print(g.line())
    if rep.ok:
        print(f"检查通过：{total} 条记录，无问题 / check passed: {total} rows, no problems")
        return 0
    for p in rep.problems:
        print(p)
    print(f"发现 {len(rep.problems)} 个问题 / {len(rep.problems)} problem(s) found")
    return EXIT_FAILED


def cmd_backup(args) -> int:
    from db.backup import carried_attachments, list_backups, make_backup
    from db.paths import backups_dir
    path = db_path(args)
    if not path.exists():
        raise Failed(f"数据库文件不存在：{path}", f"database not found: {path}")
    folder = Path(args.to) if args.to else backups_dir(path)
    if args.list:
        if folder.exists() and not folder.is_dir():
            raise Failed(f"“{folder}”是一个文件，不是备份文件夹", f"{folder} is a file, not a backup folder")
        found = list_backups(folder)
        if not found:             # it printed nothing at all
            print(f"“{folder}”中没有备份 / no backups in {folder}")
        for b in found:
            mark = " [加密/encrypted]" if b.encrypted else ""
            if not b.encrypted and (n := _carried(carried_attachments, b.path)) is not None:
                mark = f" [附件 {n} 个/{n} attachment files]"
            print(f"{b.taken_at:%Y-%m-%d %H:%M:%S}  {b.reason:<16} {b.size/1e6:8.1f} MB{mark}  {b.path}")
        return 0
    if args.keep < 1:
        raise Failed("--keep 至少为 1", "--keep must be at least 1")
    from db.backup import outside_data_folder, refuse_unwritable_folder
    passphrase = None
    if outside_data_folder(folder, path):
        refuse_unwritable_folder(folder, path)      # a write-protected stick: said before the passphrase is asked
        if args.no_encrypt:
            print(NOT_ENCRYPTED_WARNING, file=sys.stderr)
        else:
            passphrase = _new_passphrase()
    db = open_db(args)
    made = make_backup(db, path, folder=folder, keep=args.keep, passphrase=passphrase)
    if passphrase is not None:
        print(f"已加密备份到 / encrypted backup written to: {made.path}")
        print("请牢记口令：忘记口令将无法恢复此备份 / keep the passphrase: without it this backup cannot be restored")
    else:
        print(f"已备份到 / backed up to: {made.path}")
    if said := made.attachments_text():
        print(f"{said[0]} / {said[1]}")
    for problem in made.problems:       # the backup is complete; these files are not in it
        zh, en = problem.text()
        print(f"警告 / warning: {zh}，没有放入备份 / {en}: not in the backup", file=sys.stderr)
    return 0


def _carried(count, backup_path: Path) -> int | None:
    """How many attachment files a clear backup carries (None: none, or it cannot be read)."""
    import sqlite3
    try:
        return count(backup_path)
    except sqlite3.Error:
        return None


NOT_ENCRYPTED_WARNING = (
    "警告：此备份未加密。文件中有委员的姓名、电话、身份证号、住址等个人信息，任何拿到这个U盘的人都能读取。"
    "请妥善保管，用后删除。\n"
    "WARNING: this backup is NOT encrypted. It holds the members' personal data (names, phone numbers, ID "
    "numbers, addresses) in clear: anyone who gets hold of the stick can read them. Keep it safe and delete it "
    "after use.")


def _passphrase_from_env() -> str | None:
    from db.backup_crypt import ENV_PASSPHRASE
    return os.environ.get(ENV_PASSPHRASE) or None


def _new_passphrase() -> str:
    """The passphrase for a new encrypted backup: the environment, or asked twice at the terminal."""
    from db.backup_crypt import MIN_PASSPHRASE, passphrase_problem
    given = _passphrase_from_env()
    if given is None:
        if not sys.stdin.isatty():
            raise Failed("备份到数据文件夹以外需要加密口令：请在终端中运行以输入口令，或设置环境变量 "
                         "LIAISON_DESK_BACKUP_PASSPHRASE（或用 --no-encrypt 写入未加密的备份）",
                         "a backup outside the data folder needs a passphrase: run it at a terminal, or set "
                         "LIAISON_DESK_BACKUP_PASSPHRASE (or --no-encrypt for an unencrypted backup)")
        given = getpass.getpass(f"为此备份设定口令（至少 {MIN_PASSPHRASE} 个字符）/ passphrase for this backup: ")
        again = getpass.getpass("再输入一次 / once more: ")
        if given != again:
            raise Failed("两次输入的口令不一致，没有备份", "the two passphrases differ; no backup was made")
    if problem := passphrase_problem(given):
        raise Failed(*problem)
    return given


def _existing_passphrase() -> str:
    given = _passphrase_from_env()
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise Failed("这是加密的备份：请在终端中运行以输入口令，或设置环境变量 LIAISON_DESK_BACKUP_PASSPHRASE",
                     "this backup is encrypted: run it at a terminal to type its passphrase, or set "
                     "LIAISON_DESK_BACKUP_PASSPHRASE")
    return getpass.getpass("此备份已加密，请输入口令 / this backup is encrypted; passphrase: ")


def cmd_restore(args) -> int:
    from db.backup import restore
    from db.database import connect
    from desktop.instance import window_is_open
    path = db_path(args)
    if window_is_open(path):       # the window would go on showing (and saving into) the data it had
        raise Failed("数据库正由已打开的工作台窗口使用：请先关闭窗口再恢复，或在窗口的“设置”页恢复备份",
                     "the database is open in the Liaison Desk window: close it first, or restore the backup "
                     "from the window's Settings page")
    # an existing database is not upgraded first (that takes a backup, which a damaged one cannot
    # give): restore brings the restored copy up to date itself
    from db.backup import backup_is_encrypted
    passphrase = _existing_passphrase() if backup_is_encrypted(args.backup_file, path) else None
    db = connect(path) if path.is_file() and path.stat().st_size else open_db(args, create=True)
    told: list = []
    from db.backup import OfficeNotConfirmed
    try:
        safety = restore(db, path, args.backup_file, passphrase=passphrase, attachments=lambda *n: told.extend(n),
                         as_office=args.as_office)
    except OfficeNotConfirmed as exc:   # a demo would become that office without a word: said, and asked for
        raise Failed(f"{exc.message_zh}。没有恢复：确认是本机构的备份，请加 --as-office {exc.office_code}",
                     f"{exc.message_en}. Nothing was restored: if it is your office's backup, add --as-office "
                     f"{exc.office_code}") from exc
    print(f"已恢复备份；恢复前的数据已另存为 / restored; the data before it was saved as: {safety}")
    from db.offices import this_office
    if (office := this_office(db)) is not None:
        print(f"本机现为“{office.name}”（{office.code}）的数据 / this computer now holds the data of {office.name} "
              f"({office.code})")
    if told and told[0] is not None:
        print(f"备份中含附件文件 {told[0]} 个，写回附件文件夹 {told[1]} 个（其余本机已有）/ the backup carried "
              f"{told[0]} attachment file(s); {told[1]} written back into the attachments folder (the others "
              f"were here already)")
    return 0

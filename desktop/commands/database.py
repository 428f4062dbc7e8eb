"""`init`, `check`, `backup`, `restore`: the database itself."""

from __future__ import annotations

from pathlib import Path

from desktop.cli import EXIT_FAILED, Failed, db_path, open_db


def register(sub, common) -> None:
    p = sub.add_parser("init", parents=[common], help="create the database (set up as the city office)",
                       description="新建数据库。--city 设为市级政协（含区县、乡镇机构及参考列表）。")
    p.add_argument("--city", metavar="NAME", help="set this installation up as the city office NAME (e.g. 贵阳市政协)")
    p.add_argument("--code", default="520100", help="the city's administrative code (default 520100, Guiyang)")
    p.add_argument("--no-network", action="store_true",
                   help="with --city: do not register Guiyang's districts and townships")
    p.add_argument("--from-setup", metavar="FILE",
                   help="set this installation up from the setup file its parent office made")
    p.add_argument("--passcode", help="the setup file's passcode (asked for when omitted)")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("check", parents=[common], help="integrity, foreign keys, change-log consistency",
                       description="检查数据库：完整性、外键、变更日志一致性。有问题时退出码为 1。")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("backup", parents=[common], help="write a backup copy (SQLite backup API)",
                       description="备份数据库到备份文件夹（默认在数据库旁的 backups/）。")
    p.add_argument("--to", metavar="DIR", help="backup folder (default: backups/ beside the database)")
    p.add_argument("--keep", type=int, default=14, help="how many backups to keep in the folder (default 14)")
    p.add_argument("--list", action="store_true", help="list the backups instead of making one")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", parents=[common], help="replace the data with a backup",
                       description="用备份替换当前数据（先自动备份当前数据）。")
    p.add_argument("backup_file", metavar="BACKUP", help="the backup file to restore")
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
        print(f"已设置为市级政协：{args.city} / set up as the city office: {path}")
    else:
        print(("数据库已存在并已是最新版本" if existed else "已创建数据库") + f" / database ready: {path}")
    return 0


def cmd_check(args) -> int:
    from db.check import check_database
    path = db_path(args)
    if not path.exists():
        raise Failed(f"数据库文件不存在：{path}", f"database not found: {path}")
    db = open_db(args)
    rep = check_database(db)
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
    from db.backup import backup, list_backups
    from db.paths import backups_dir
    path = db_path(args)
    if not path.exists():
        raise Failed(f"数据库文件不存在：{path}", f"database not found: {path}")
    folder = Path(args.to) if args.to else backups_dir(path)
    if args.list:
        for b in list_backups(folder):
            print(f"{b.taken_at:%Y-%m-%d %H:%M:%S}  {b.reason:<16} {b.size/1e6:8.1f} MB  {b.path}")
        return 0
    if args.keep < 1:
        raise Failed("--keep 至少为 1", "--keep must be at least 1")
    db = open_db(args)
    out = backup(db, path, folder=folder, keep=args.keep)
    print(f"已备份到 / backed up to: {out}")
    return 0


def cmd_restore(args) -> int:
    from db.backup import restore
    from db.database import connect
    path = db_path(args)
    # an existing database is not upgraded first (that takes a backup, which a damaged one cannot
    # give): restore brings the restored copy up to date itself
    db = connect(path) if path.is_file() and path.stat().st_size else open_db(args, create=True)
    safety = restore(db, path, args.backup_file)
    print(f"已恢复备份；恢复前的数据已另存为 / restored; the data before it was saved as: {safety}")
    return 0

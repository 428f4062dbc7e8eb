"""Sync between offices: offices, setup files, export/import of packages, keys, dump.

    offices add --code C --name N --level township --parent P     (city office only)
    offices list
    setup-file --office CODE --out FILE|DIR                         prints the file's passcode
    export-sync --to CODE --out DIR
    import-sync FILE|DIR                                            exit 0 applied/already, 1 refused
    trust FINGERPRINT
    peers
    dump --out FILE [--scope CODE]
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.cli import EXIT_FAILED, Failed, db_path, open_db, output_path, refuse_the_database


def register(sub, common) -> None:
    p = sub.add_parser("offices", help="登记和列出机构（市级政协） / register and list offices (city office)",
                       description="机构名单：市级政协登记区县和乡镇（街道）机构。")
    osub = p.add_subparsers(dest="offices_action", metavar="ACTION", required=True, parser_class=p.__class__)
    a = osub.add_parser("add", parents=[common], help="在上级之下登记机构 / register an office under its parent")
    a.add_argument("--code", required=True, help="行政区划代码，如 520102001 / administrative code, e.g. "
                                                 "520102001")
    a.add_argument("--name", required=True, help="机构名称，如 新华路街道 / name of the office")
    a.add_argument("--level", required=True, choices=("district", "township"))
    a.add_argument("--parent", required=True, metavar="CODE", help="上级机构的代码 / the parent office's "
                                                                   "code")
    a.set_defaults(func=cmd_offices_add)
    ls = osub.add_parser("list", parents=[common], help="列出机构 / list offices")
    ls.set_defaults(func=cmd_offices_list)

    p = sub.add_parser("setup-file", parents=[common], help="为直接下级机构制作安装文件 / make the setup file of an office directly "
                       "below this one",
                       description="为直接下级机构制作安装文件；同时显示该文件的口令（请另行告知对方，不要与U盘放在一起；文件和口令可重复使用，上级会把第二台电脑单独列出待确认）。")
    p.add_argument("--office", required=True, metavar="CODE", help="新机构的代码 / the new office's code")
    p.add_argument("--out", required=True, metavar="FILE|DIR", help="安装文件写到哪里 / where to write the "
                                                                    "setup file")
    p.set_defaults(func=cmd_setup_file)

    p = sub.add_parser("export-sync", parents=[common], help="为上级或下级机构写同步包 / write a sync package for an office above or below",
                       description="导出同步包：对方尚未确认收到的、其权限范围内的全部修改。")
    p.add_argument("--to", required=True, metavar="CODE", help="接收机构的代码 / the receiving office's code")
    p.add_argument("--out", required=True, metavar="DIR", help="同步包写入的文件夹（如U盘） / folder to "
                                                               "write the package into (e.g. the USB stick)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import-sync", parents=[common], help="导入同步包，或文件夹中的全部同步包 / import a sync package, or every package "
                       "in a folder",
                       description="导入同步包（先完整校验，再在一个事务中应用）。退出码：0 已导入或早已导入，1 被拒绝。")
    p.add_argument("path", metavar="FILE|DIR")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("trust", parents=[common], help="确认对方机构的密钥指纹（电话核对） / confirm another office's key fingerprint "
                       "(read aloud by phone)",
                       description="确认对方机构的密钥指纹（电话核对一致后）。")
    p.add_argument("fingerprint", metavar="FINGERPRINT")
    p.set_defaults(func=cmd_trust)

    p = sub.add_parser("revoke", parents=[common], help="停用丢失、被盗或更换的电脑的密钥 / withdraw a key: a lost, stolen or replaced "
                       "computer",
                       description="停用某台电脑的密钥（电脑丢失、被盗或更换后）：此后它签名的同步包一律拒绝，"
                                   "也不再为它加密。不可撤销；该机构用新的初始化文件重新安装。")
    p.add_argument("fingerprint", metavar="FINGERPRINT")
    p.add_argument("--reason", required=True, metavar="TEXT", help="停用理由，如 电脑丢失（与密钥一起保存） / why (kept with the key)")
    p.set_defaults(func=cmd_revoke)

    p = sub.add_parser("peers", parents=[common], help="本机指纹、已知机构的密钥、同步情况 / this office's fingerprint, known offices' "
                       "keys, sync status",
                       description="本机指纹、上下级机构的密钥和同步情况。")
    p.set_defaults(func=cmd_peers)

    p = sub.add_parser("dump", parents=[common], help="全部数据的规范 JSON（比较两个数据库） / canonical JSON of all data (compare two "
                       "databases)",
                       description="导出全部数据的规范 JSON（不含时钟），用于逐字节比较两个数据库。")
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--scope", metavar="CODE", help="只含某机构持有的数据 / only the data an office holds")
    p.set_defaults(func=cmd_dump)


def _db(args):
    path = db_path(args)
    if not path.exists():
        raise Failed(f"数据库文件不存在：{path}", f"database not found: {path}")
    return open_db(args)


def _office_id(db, code: str) -> str:
    row = db.execute("SELECT id FROM office WHERE code = ? AND deleted = 0", [code]).fetchone()
    if row is None:
        raise Failed(f"找不到代码为 {code} 的机构", f"no office with code {code}")
    return row[0]


def cmd_offices_add(args) -> int:
    from db.offices import add_office, this_office
    db = _db(args)
    me = this_office(db)
    if me is None or me.level != "city":
        raise Failed("只有市级政协可以登记机构", "only the city office registers offices")
    oid = add_office(db, code=args.code.strip(), name=args.name.strip(), level=args.level,
                     parent_id=_office_id(db, args.parent.strip()), by_office=me.id)
    print(f"已登记 / registered: {args.name} ({args.code}) → {oid}")
    return 0


def cmd_offices_list(args) -> int:
    db = _db(args)
    mine = db.execute("SELECT office_id FROM node_state WHERE id = 1").fetchone()[0]
    rows = db.execute("SELECT o.code, o.name, o.level, p.code, o.deactivated_on FROM office o "
                      "LEFT JOIN office p ON p.id = o.parent_id WHERE o.deleted = 0 ORDER BY o.code").fetchall()
    here = {r[0] for r in db.execute("SELECT code FROM office WHERE id = ?", [mine])}
    level_zh = {"city": "市", "district": "区县", "township": "乡镇（街道）"}
    for code, name, level, parent, deactivated_on in rows:
        mark = " *本机构 / this office" if code in here else ""
        if deactivated_on:          # taken off the register by the city: kept with its records
            mark += f" 已停用 / deactivated {deactivated_on}"
        print(f"{code:<12} {level_zh.get(level, level):<8} {name}  上级 / parent: {parent or '-'}{mark}")
    print(f"共 {len(rows)} 个机构 / {len(rows)} offices")
    return 0


def cmd_setup_file(args) -> int:
    from db.sync.setup import make_setup_file
    db = _db(args)
    out, _is_folder = output_path(args.out, ".ldsetup")
    sf = make_setup_file(db, args.office.strip(), out)
    print(f"已写入安装文件 / setup file written: {sf.path}")
    print(f"  机构 / office: {sf.office_name} ({sf.office_code})，数据 {sf.rows} 条 / rows")
    print(f"  口令 / passcode: {sf.passcode}")
    print("  （口令与U盘分开告知；文件和口令可再次使用，请妥善保管 / tell it apart from the stick; the file and "
          "its passcode work more than once: keep both safe)")
    print("  请通过电话把口令告诉对方，不要写在U盘上 / tell the passcode by phone; never put it on the stick")
    print(f"  本机指纹（请对方核对）/ this office's fingerprint (for them to confirm): {sf.parent_fingerprint}")
    return 0


def cmd_export(args) -> int:
    from db.sync.export import export_package
    db = _db(args)
    r = export_package(db, args.to.strip(), args.out)
    kind = "全量重发 / full re-send" if r.full_resend else "增量 / incremental"
    print(f"已导出同步包 / package written: {r.path}")
    print(f"  发往 / to: {r.recipient_name}；{kind}；修改 {r.entries} 项、记录 {r.rows} 条、附件 {r.blobs} 个 / "
          f"{r.entries} changes, {r.rows} rows, {r.blobs} attachment files")
    if r.missing_blobs:
        print(f"  注意：{r.missing_blobs} 个附件文件在本机找不到，未能附上 / {r.missing_blobs} attachment file(s) "
              "missing here, not included")
    return 0


def cmd_import(args) -> int:
    from db.sync.importer import import_path
    refuse_the_database(args.path, args, "同步包", "a sync package")
    db = _db(args)
    reports = import_path(db, args.path)
    for r in reports:
        print(r.text())
    refused = [r for r in reports if r.status == "refused"]
    if refused:
        first = refused[0]
        print(f"失败：{first.reason_zh} / failed: {first.reason_en}", file=sys.stderr)
        return EXIT_FAILED
    return 0


def cmd_trust(args) -> int:
    from db.sync.keys import trust
    db = _db(args)
    t = trust(db, args.fingerprint)
    if t["already"]:
        print(f"此指纹早已确认 / already trusted: {t['office_name']} {t['fingerprint']}")
    else:
        print(f"已确认 {t['office_name']}（{t['office_code']}）的密钥 {t['fingerprint']}，现在可以导入它的同步包 / "
              f"trusted; import its package again")
    return 0


def cmd_revoke(args) -> int:
    from db.sync.keys import revoke
    db = _db(args)
    t = revoke(db, args.fingerprint, args.reason)
    if t["already"]:
        print(f"此密钥早已停用 / already revoked: {t['office_name']} {t['fingerprint']}")
    else:
        print(f"已停用 {t['office_name']}（{t['office_code']}）的密钥 {t['fingerprint']}：它签名的同步包将被拒绝 / "
              f"revoked; packages it signs are refused from now on")
    return 0


def cmd_peers(args) -> int:
    from db.sync.keys import node_keys
    from db.sync.state import get_peer
    db = _db(args)
    keys = node_keys(db)
    print(f"本机指纹 / this installation's fingerprint: {keys.fingerprint}")
    rows = db.execute("SELECT k.office_id, o.code, o.name, k.fingerprint, k.status, k.first_seen_at, k.revoked_at "
                      "FROM sync_office_key k LEFT JOIN office o ON o.id = k.office_id ORDER BY o.code, k.first_seen_at"
                      ).fetchall()
    if not rows:
        print("尚无其他机构的密钥 / no other office's key yet")
    for oid, code, name, fp, status, seen, revoked in rows:
        st = (f"已停用 / revoked {revoked[:10]}" if revoked else
              "已确认 / trusted" if status == "trusted" else "待确认 / waiting for trust")
        p = get_peer(db, oid)
        print(f"{code or '?':<12} {name or oid}  {fp}  {st}  首次 / first seen {seen}")
        print(f"{'':<12} 上次导入 / last import: {p.last_import_at or '-'}  上次导出 / last export: "
              f"{p.last_export_at or '-'}")
    return 0


def _refuse_overwriting(target: Path, database: Path) -> None:
    """`dump --out` takes any name: the database itself (`--out liaison-desk.sqlite3`) was replaced by the JSON,
    and so was any other file. Only an earlier dump is written over."""
    from db.backup_crypt import same_file
    ours = [Path(f"{database}{end}") for end in ("", "-wal", "-shm", "-journal", ".keys")]
    if any(same_file(target, p) or target.resolve() == p.resolve() for p in ours):     # .keys may be absent yet
        raise Failed(f"“{target}”是数据库文件本身（或它的附属文件），导出内容不能写在它上面；未作任何改动。请另给一个"
                     f"文件名，如 dump.json",
                     f"{target} is the database itself (or one of its files): the dump cannot be written over it; "
                     f"nothing was changed. Give another file name, such as dump.json")
    if target.is_file() and target.stat().st_size:
        with open(target, "rb") as fh:          # not the database (above): reading it drops no lock of ours
            earlier_dump = fh.read(10) == b'{"format":'
        if not earlier_dump:
            raise Failed(f"“{target}”已存在，且不是之前导出的内容：不会覆盖它，未作任何改动。请另给一个文件名",
                         f"{target} exists and is not an earlier dump: it is not overwritten, nothing was changed. "
                         f"Give another file name")


def cmd_dump(args) -> int:
    from db.sync.dump import dump_to_file
    db = _db(args)
    scope = _office_id(db, args.scope.strip()) if args.scope else None
    target = Path(args.out)
    if target.is_dir() or args.out.endswith(("/", "\\")):     # a folder: the dump goes inside
        target.mkdir(parents=True, exist_ok=True)
        target = target / "liaison-desk-dump.json"
    _refuse_overwriting(target, db_path(args))
    out = dump_to_file(db, target, scope)
    print(f"已写入 / written: {out}")
    return 0


def cmd_init_from_setup(args) -> int:
    """For `init --from-setup FILE [--passcode CODE]` (wired by desktop/commands/database.py)."""
    from db.sync.setup import init_from_setup
    passcode = getattr(args, "passcode", None)
    if not passcode:
        if not sys.stdin.isatty():
            raise Failed("需要安装文件的口令：请加 --passcode", "the setup file's passcode is needed: add --passcode")
        import getpass
        passcode = getpass.getpass("安装文件口令 / setup passcode: ")
    info = init_from_setup(db_path(args), args.from_setup, passcode)
    print(f"已设置为 / set up as: {info['office_name']} ({info['office_code']})，导入数据 {info['rows']} 条、"
          f"附件文件 {info['files']} 个 / {info['rows']} rows, {info['files']} attachment files")
    print(f"  上级机构 / parent: {info['parent_name']} ({info['parent_code']})")
    print(f"  上级指纹（请电话核对）/ parent's fingerprint (confirm by phone): {info['parent_fingerprint']}")
    print(f"  本机指纹（上级导入本机第一个同步包时核对）/ this installation's fingerprint: {info['fingerprint']}")
    return 0

"""Other offices' computers known here, and removing a key learned on a relay's word (SECURITY.md R6c).

    computers list [--office CODE]                the computers of other offices, with whose word each key is on
    computers forget COMPUTER|CODE                remove a key learned from a relay (after a phone call)
    computers confirm-relayed [on|off]            take a key passed on from below only once confirmed here by phone
"""

from __future__ import annotations

import sys

from desktop.cli import EXIT_USAGE, Failed, both, db_path, open_db

SOURCE = {"confirmed": "本机电话确认 / confirmed here by phone", "relay": "经 {via} 转告 / learned from {via}",
          "setup": "来自安装文件 / from the setup file", "own": "本机恢复前的编号 / this computer before a restore",
          "none": "尚无密钥 / no key yet"}


def register(sub, common) -> None:
    p = sub.add_parser("computers", help="本机知道的其他机构的电脑；移除经转告得知的密钥 / other offices' computers known here; "
                       "remove a key learned from a relay",
                       description="本机知道的其他机构的电脑，以及每台电脑的密钥是听谁说的；可移除经转告得知、"
                                   "经电话核对不对的密钥。")
    csub = p.add_subparsers(dest="computers_action", metavar="ACTION", required=True, parser_class=p.__class__)
    ls = csub.add_parser("list", parents=[common], help="列出其他机构的电脑及其密钥 / list the computers of other offices and their keys",
                         description="列出其他机构的电脑：电脑编号、机构、密钥来源（本机确认、经转告、安装文件）。")
    ls.add_argument("--office", metavar="CODE", help="只列此机构的电脑 / only this office's computers")
    ls.set_defaults(func=cmd_list)
    f = csub.add_parser("forget", parents=[common], help="移除一台电脑经转告得知的密钥 / remove a computer's key learned from a relay",
                        description="移除一台电脑经转告得知的密钥（电话核对后确认不是对方的密钥时）。此后该机构的"
                                    "下一个密钥须在本机电话核对指纹后才认，在此之前它的修改暂缓导入。已导入的数据不变。")
    f.add_argument("computer", metavar="COMPUTER|CODE",
                   help="`computers list` 显示的电脑编号，或机构代码（经转交得知的该机构全部密钥） / the "
                        "computer id shown by `computers list`, or an office code (all its relay-learned "
                        "keys)")
    f.set_defaults(func=cmd_forget)
    c = csub.add_parser("confirm-relayed", parents=[common],
                        help="下级转来的电脑密钥须在本机电话核对后才认 / take the key of a computer passed on "
                             "from below only once confirmed here by phone",
                        description="开启后，下级转来的、本机从未核对过密钥的机构的电脑（如区县转来的乡镇），其修改要等本机"
                                    "电话核对指纹后才导入（建议市政协开启）。不带参数时显示当前设置。")
    c.add_argument("state", nargs="?", choices=("on", "off"), help="on 开启或 off 关闭（不写：显示当前设置）"
                                                                   " / on or off (without it: show the "
                                                                   "setting)")
    c.set_defaults(func=cmd_confirm_relayed)


def _db(args):
    path = db_path(args)
    if not path.exists():
        raise Failed(f"数据库文件不存在：{path}", f"database not found: {path}")
    return open_db(args)


def cmd_list(args) -> int:
    from db.sync.computers import known_computers
    db = _db(args)
    office = None
    if args.office:
        row = db.execute("SELECT id FROM office WHERE code = ? AND deleted = 0", [args.office.strip()]).fetchone()
        if row is None:
            print(f"用法错误：找不到代码为 {args.office} 的机构 / usage error: no office with code {args.office}",
                  file=sys.stderr)
            return EXIT_USAGE
        office = row[0]
    rows = known_computers(db, office)
    if not rows:
        print("本机尚不知道其他机构的电脑 / no computer of another office is known here")
    for c in rows:
        source = SOURCE[c.source].format(via=c.via or "?")
        removed = f"  已移除过该机构的密钥 / a key removed here {c.removed_at[:10]}" if c.removed_at else ""
        print(f"{c.node}  {c.office_code:<12} {c.office_name}  密钥 / key {c.key_code or '-':<12}  {source}  "
              f"{(c.learned_at or '')[:10]}{removed}")
    print(f"共 {len(rows)} 台电脑 / {len(rows)} computers")
    return 0


def cmd_forget(args) -> int:
    from db.sync.computers import forget_key
    from db.sync.errors import SyncRefused
    db = _db(args)
    try:
        r = forget_key(db, args.computer)
    except SyncRefused as exc:
        if exc.code in ("unknown_computer", "nothing_to_forget", "own_key", "confirmed_key"):
            print(both(f"用法错误：{exc.message_zh}", f"usage error: {exc.message_en}"), file=sys.stderr)
            return EXIT_USAGE
        raise
    print(f"已移除“{r['office_name']}”（{r['office_code']}）{len(r['nodes'])} 台电脑经转告得知的密钥 "
          f"{'、'.join(r['key_codes'])} / removed the relay-learned key of {len(r['nodes'])} computer(s) of "
          f"{r['office_code']}")
    print(f"  此后“{r['office_name']}”的下一个密钥须在本机电话核对指纹后才认：它的修改在此之前暂缓导入，导入后请按"
          f"报告中的指纹与对方核对，一致后运行 trust 指纹 / from now on the next key of {r['office_code']} is taken "
          f"only once confirmed here by phone; its changes are held until then: compare the fingerprint the import "
          f"report shows with the office, then run `trust FINGERPRINT`")
    return 0


def cmd_confirm_relayed(args) -> int:
    from db.sync.computers import confirms_relayed_keys, set_confirms_relayed_keys
    db = _db(args)
    if args.state is not None:
        set_confirms_relayed_keys(db, args.state == "on")
    if confirms_relayed_keys(db):
        print("已开启：下级转来的新电脑，须本机电话核对密钥后才导入其修改 / on: a computer passed on from below is taken "
              "only once its key is confirmed here by phone")
    else:
        print("未开启：下级转来的新机构的电脑，按转交方的话认其密钥 / off: the first key of an office passed on from "
              "below is taken on the relaying office's word")
    return 0

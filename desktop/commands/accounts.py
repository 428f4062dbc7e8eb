"""Staff accounts from the command line (db.accounts), and `--user` for the head's commands.

    accounts list                                   the accounts (names and roles; never a password)
    accounts add NAME [--full-name N] [--role clerk|head]   a new account; asks for its password
    accounts reset NAME                             the head sets a new password for NAME
    accounts role NAME clerk|head
    accounts delete NAME
    accounts on | off                               turn sign-in on (needs a head) or off
    accounts idle MINUTES                           lock the window after MINUTES without use (0: never)
    accounts recovery-code                          a new recovery code for the heads (the head's)
    accounts recover NAME                           a head who forgot her password sets a new one with the
                                                    recovery code (asked, or $LIAISON_DESK_RECOVERY_CODE)

With accounts on, a command that only the head may run (restore, trust, revoke, the accounts, …) needs
`--user NAME` (every subcommand takes it): the password is asked on a terminal, or read from the
environment variable LIAISON_DESK_PASSWORD (for scripts; keep such a script where only the head can read
it). Commands that any clerk may run need no --user; their changes are logged with the name given. A new
password (add, reset) is asked twice on a terminal, or read from LIAISON_DESK_NEW_PASSWORD.
"""

from __future__ import annotations

import argparse
import os
import sys

from desktop.cli import Failed, open_db

PASSWORD_ENV = "LIAISON_DESK_PASSWORD"
RECOVERY_ENV = "LIAISON_DESK_RECOVERY_CODE"
NEW_PASSWORD_ENV = "LIAISON_DESK_NEW_PASSWORD"


def register(sub, common) -> None:
    # `--user` on every subcommand: the parent parser is shared, and this module registers first
    if not any("--user" in a.option_strings for a in common._actions):
        common.add_argument("--user", metavar="NAME", action=_UserAction,
                            help="以 NAME 登录（开启账号登录后，负责人的命令需要它）；密码在终端输入，或取自 "
                                 f"${PASSWORD_ENV} / sign in as NAME (accounts on: the head's commands need it); "
                                 f"the password is asked, or read from ${PASSWORD_ENV}")
    p = sub.add_parser("accounts", help="员工账号与登录（负责人管理） / staff accounts and sign-in (the head's)",
                       description="账号与登录：多人共用电脑时，每人用自己的账号登录；负责人管理账号。")
    asub = p.add_subparsers(dest="accounts_action", metavar="ACTION", required=True, parser_class=p.__class__)
    a = asub.add_parser("list", parents=[common], help="列出账号 / list the accounts")
    a.set_defaults(func=cmd_list)
    a = asub.add_parser("add", parents=[common], help="新增账号（提示输入密码） / add an account (asks for its password)")
    a.add_argument("name", help="登录名 / sign-in name")
    a.add_argument("--full-name", help="本人姓名（显示在操作记录中） / the person's name as shown in the "
                                       "history")
    a.add_argument("--role", choices=("clerk", "head"), default="clerk")
    a.set_defaults(func=cmd_add)
    a = asub.add_parser("reset", parents=[common], help="为账号设置新密码 / set a new password for an account")
    a.add_argument("name")
    a.set_defaults(func=cmd_reset)
    a = asub.add_parser("role", parents=[common], help="把账号设为工作人员或负责人 / make an account clerk or head")
    a.add_argument("name")
    a.add_argument("role", choices=("clerk", "head"))
    a.set_defaults(func=cmd_role)
    a = asub.add_parser("delete", parents=[common], help="删除账号 / delete an account")
    a.add_argument("name")
    a.set_defaults(func=cmd_delete)
    for action, on in (("on", True), ("off", False)):
        a = asub.add_parser(action, parents=[common], help=("开启账号登录 / turn sign-in on" if on else "关闭账号登录 / turn sign-in off"))
        a.set_defaults(func=lambda args, on=on: cmd_switch(args, on))
    a = asub.add_parser("idle", parents=[common], help="无人操作多少分钟后锁定窗口（0：不锁定） / minutes without use before the window locks "
                        "(0: never)")
    a.add_argument("minutes", type=int)
    a.set_defaults(func=cmd_idle)
    a = asub.add_parser("recovery-code", parents=[common], help="为负责人生成新的找回码（旧的随即失效）；请抄下并存放在单位保险柜 / "
                        "make a new recovery code for the heads (the old one stops working); write it down and keep it "
                        "in the office's safe")
    a.set_defaults(func=cmd_recovery_code)
    a = asub.add_parser("recover", parents=[common], help=f"忘记密码的负责人用找回码设置新密码（提示输入，或取自 ${RECOVERY_ENV}） / "
                        f"a head who forgot her password sets a new one with the recovery code (asked, or "
                        f"${RECOVERY_ENV})")
    a.add_argument("name", help="负责人的登录名 / the head's sign-in name")
    a.set_defaults(func=cmd_recover)


def _password(env: str, prompt: str, *, twice: bool = False) -> str:
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        raise Failed(f"需要密码：请在终端中运行，或设置环境变量 {env}", f"a password is needed: run on a terminal or set {env}")
    import getpass
    first = getpass.getpass(prompt)
    if twice and getpass.getpass("再次输入 / again: ") != first:
        raise Failed("两次输入的密码不一致", "the two passwords differ")
    return first


def prepare_user(name: str) -> None:
    """`--user NAME`: sign in as NAME when the command first needs it (db.accounts asks this hook on its
    first write or head's function, and only with accounts on: then the password is asked)."""
    from db import accounts
    accounts.set_sign_in_hook(
        lambda db: accounts.sign_in(db, name, _password(PASSWORD_ENV, f"{name} 的密码 / password: ")))


class _UserAction(argparse.Action):
    """Parsing `--user NAME` sets up the sign-in (so desktop.cli needs to know nothing of accounts)."""

    def __call__(self, parser, namespace, values, option_string=None):
        setattr(namespace, self.dest, values)
        if values and values.strip():
            prepare_user(values.strip())


def _db(args):
    from db import accounts
    db = open_db(args)
    accounts.run_sign_in_hook(db)
    return db


def cmd_list(args) -> int:
    from db import accounts
    db = _db(args)
    accounts.require_head(db, "查看账号", "list the accounts")
    print(f"账号登录 / sign-in: {'开启 / on' if accounts.enabled(db) else '关闭 / off'}; "
          f"锁屏 / idle lock: {accounts.idle_minutes(db)} min")
    for a in accounts.list_accounts(db):
        print(f"{a.name}\t{a.display_name}\t{a.role_label('zh')} / {a.role}"
              + ("" if a.has_password else "\t（无密码 / no password）"))
    return 0


def cmd_add(args) -> int:
    from db import accounts
    db = _db(args)
    if not accounts.needs_first_head(db):
        accounts.require_head(db, "管理账号", "manage accounts")
    password = _password(NEW_PASSWORD_ENV, f"{args.name} 的新密码 / new password: ", twice=True)
    a = accounts.create_account(db, args.name, password, role=args.role, display_name=args.full_name)
    print(f"已建立账号 / account made: {a.name} ({a.role})")
    return 0


def cmd_reset(args) -> int:
    from db import accounts
    db = _db(args)
    accounts.require_head(db, "重设密码", "reset a password")
    accounts.reset_password(db, args.name, _password(NEW_PASSWORD_ENV, f"{args.name} 的新密码 / new password: ",
                                                     twice=True))
    print(f"已重设密码 / password reset: {args.name}")
    return 0


def cmd_role(args) -> int:
    from db import accounts
    db = _db(args)
    a = accounts.set_role(db, args.name, args.role)
    print(f"{a.name}: {a.role}")
    return 0


def cmd_delete(args) -> int:
    from db import accounts
    db = _db(args)
    accounts.delete_account(db, args.name)
    print(f"已删除账号 / account deleted: {args.name}")
    return 0


def cmd_switch(args, on: bool) -> int:
    from db import accounts
    db = _db(args)
    if on and not accounts.enabled(db) and accounts.current() is None:
        heads = [a for a in accounts.list_accounts(db) if a.is_head and a.has_password]
        if not heads:
            raise Failed("请先建立负责人账号：accounts add NAME --role head", "make the head's account first: "
                         "accounts add NAME --role head")
        if not args.user:
            raise Failed("开启账号登录需要负责人确认：请加 --user 负责人账号", "turning sign-in on needs the head: "
                         "add --user NAME")
        accounts.set_current(accounts.check_credentials(db, args.user,
                                                        _password(PASSWORD_ENV, f"{args.user} 的密码 / password: ")))
    accounts.set_enabled(db, on)
    print("账号登录已开启 / sign-in on" if on else "账号登录已关闭 / sign-in off")
    return 0


def cmd_idle(args) -> int:
    from db import accounts
    db = _db(args)
    accounts.set_idle_minutes(db, args.minutes)
    print(f"锁屏时间 / idle lock: {args.minutes} min")
    return 0


def _show_code(code: str) -> None:
    print(f"新的恢复码 / the new recovery code:  {code}")
    print("请抄下并锁进办公室的保险柜；负责人忘记密码时凭它重设。旧的恢复码已作废。 / Write it down and keep it in the "
          "office's safe: with it a head who forgot her password sets a new one. The old code no longer works.")


def cmd_recovery_code(args) -> int:
    from db import accounts
    db = _db(args)
    _show_code(accounts.new_recovery_code(db))
    return 0


def cmd_recover(args) -> int:
    from db import accounts
    db = open_db(args)
    code = os.environ.get(RECOVERY_ENV)
    if not code:
        if not sys.stdin.isatty():
            raise Failed(f"需要恢复码：请在终端中运行，或设置环境变量 {RECOVERY_ENV}",
                         f"the recovery code is needed: run on a terminal or set {RECOVERY_ENV}")
        code = input("恢复码 / recovery code: ")
    password = _password(NEW_PASSWORD_ENV, f"{args.name} 的新密码 / new password: ", twice=True)
    account, new_code = accounts.recover_head(db, args.name, code, password)
    print(f"已重设负责人密码 / the head's password is set: {account.name}")
    _show_code(new_code)
    return 0


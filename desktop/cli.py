"""The headless command line `liaison-desk`. No Qt here: without arguments it hands over to the GUI.

Subcommands live in desktop/commands/*.py, each with `register(subparsers, common)`; `common`
is a parent parser that gives every subcommand `--db PATH`. Exit codes: 0 ok, 1 refused or
failed (one-line reason), 2 usage.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from db.errors import LiaisonError, os_reason

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
CLI_LOG_LIMIT = 1_000_000           # bytes of logs/cli-errors.log before it is rotated (a second file kept)


class Failed(Exception):
    """A command refused or failed for a reason a person can act on."""

    def __init__(self, message_zh: str, message_en: str = ""):
        super().__init__(message_zh)
        self.message_zh, self.message_en = message_zh, message_en or message_zh


def short(text: str, limit: int = 400) -> str:
    """A message cut to a readable length (a 50,000-character argument is not echoed whole)."""
    return text if len(text) <= limit else f"{text[:limit]}…（共 {len(text)} 字 / {len(text)} characters）"


def both(zh: str, en: str, limit: int = 300) -> str:
    """A Chinese and an English message on one line, each cut on its own: a 50,000-character argument inside
    the Chinese half no longer pushes the English half out of the line."""
    return f"{short(zh, limit)} / {short(en, limit)}"


def output_path(out: str, suffix: str, *, folder_ok: bool = True) -> tuple[Path, bool]:
    """Where --out points, and whether it is a folder: an existing folder, or a new one written with a
    trailing slash (created now); else a file, which must end in `suffix` — or, where folders are
    accepted, a new path without any suffix is taken as a folder too. Raises Failed for a file of
    another kind (out/m1.txt), so nothing lands where it was not meant."""
    p = Path(out)
    wants_folder = p.is_dir() or out.endswith(("/", "\\")) or (folder_ok and not p.suffix)
    from db.files import stick_message, stick_missing
    if stick_missing(p if wants_folder else p.parent):     # a pulled-out stick's folder: not even a folder made
        raise Failed(*stick_message(p if wants_folder else p.parent))
    if wants_folder:
        if not folder_ok:
            raise Failed(f"“{out}”是一个文件夹，请给出以 {suffix} 结尾的文件名",
                         f"{out} is a folder: give a file name ending in {suffix}")
        if p.exists() and not p.is_dir():       # a device or a pipe given as --out (a file has a suffix)
            kind = ("一个文件", "a file") if p.is_file() else ("设备或管道", "a device or a pipe")
            raise Failed(f"“{out}”是{kind[0]}，不是文件夹；请另选一个文件夹，或给出以 {suffix} 结尾的文件名",
                         f"{out} is {kind[1]}, not a folder: choose another folder, or a file name ending in {suffix}")
        try:
            p.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise Failed(f"无法创建文件夹“{out}”：{os_reason(exc)[0]}",
                         f"cannot create the folder {out}: {os_reason(exc)[1]}") from exc
        return p, True
    if p.suffix.lower() != suffix and (folder_ok or p.suffix):
        raise Failed(f"输出文件应以 {suffix} 结尾" + ("；要写入文件夹，请以 / 结尾" if folder_ok else "") + f"：{out}",
                     f"the output file must end in {suffix}" + ("; end a folder with /" if folder_ok else "")
                     + f": {out}")
    if not p.suffix:                # "--out 名册" gets its ending, as the window's save dialog gives it
        p = p.with_name(p.name + suffix)
    return p, False


def db_path(args) -> Path:
    from db.paths import default_db_path
    return Path(args.db) if getattr(args, "db", None) else default_db_path()


def refuse_the_database(given: str, args, what_zh: str, what_en: str) -> None:
    """A file to read that is the database itself (`import-sync liaison-desk.sqlite3`): refused before it is
    opened, as nothing else may open the live database file (closing it drops SQLite's locks)."""
    from db.backup_crypt import same_file
    if same_file(given, db_path(args)):
        raise Failed(f"“{given}”是本软件的数据库文件本身，不是{what_zh}；未作任何改动",
                     f"{given} is the database itself, not {what_en}; nothing was changed")


_opened: list[Path] = []      # databases a command opened: their search index caught up when it ends


def open_db(args, *, create: bool = False):
    """Open the database named by --db (or the default); refuse a missing one unless `create`."""
    from db.database import open_database
    path = db_path(args)
    db = open_database(path, create=create)
    _opened.append(path)
    return db


def catch_up_search_index() -> None:
    """Index what the command wrote (db.search defers it past the write transaction), as the window does
    after each write; a search before it finds those rows all the same, only slower. Never fails the
    command: a file locked or read-only now is caught up by the next program that writes to it."""
    import sqlite3

    from db import search
    from db.database import connect
    from db.errors import LiaisonError
    for path in dict.fromkeys(_opened):
        try:
            db = connect(path)
        except (LiaisonError, OSError, sqlite3.Error):
            continue
        try:
            waiting = search.pending(db)
            if waiting >= 20000:
                print(f"正在更新检索索引（{waiting} 条）… / updating the search index ({waiting} rows)…",
                      file=sys.stderr, flush=True)
            if waiting:
                search.catch_up(db)
        except sqlite3.Error:
            pass
        finally:
            db.conn.close()
    _opened.clear()


def build_parser():
    """The argparse parser with every subcommand (imported here: the GUI start does not need it)."""
    import argparse
    import importlib
    import pkgutil

    class _Parser(argparse.ArgumentParser):
        def error(self, message):  # one line, exit 2, no traceback
            zh = usage_in_chinese(message)
            said = (f"用法错误 / usage error: {short(message)}" if zh is None
                    else both(f"用法错误：{zh}", f"usage error: {message}"))
            self.exit(EXIT_USAGE, f"{self.prog}: {said}\n（使用 --help 查看用法 / see --help）\n")

        def format_help(self):  # argparse's headings in Chinese too (its own text is English)
            text = super().format_help()
            for english, both_languages in _HELP_HEADINGS:
                text = text.replace(english, both_languages)
            return text

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH",
                        help="数据库文件（默认在用户数据文件夹，或 $LIAISON_DESK_HOME）/ database file (default: the "
                             "user's data folder, or $LIAISON_DESK_HOME)")
    parser = _Parser(prog="liaison-desk",
                     description="委员联络组工作台 Liaison Desk — 不带参数运行时打开窗口 / opens the window without arguments")
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    import desktop.commands as pkg
    for mod in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
        importlib.import_module(f"desktop.commands.{mod.name}").register(sub, common)
    return parser


_HELP_HEADINGS = (
    ("usage: ", "用法 / usage: "),
    ("\npositional arguments:\n", "\n参数 / positional arguments:\n"),
    ("\noptions:\n", "\n选项 / options:\n"),
    ("show this help message and exit", "显示此帮助 / show this help message and exit"),
    ("show program's version number and exit", "显示版本号 / show the version number"),
)

# argparse's own refusals (English) as a clerk reads them; the program's own messages carry their Chinese already
_ARGPARSE_ZH = (
    (r"the following arguments are required: (.+)", "缺少必需的参数：{0}"),
    (r"unrecognized arguments: (.+)", "无法识别的参数：{0}（请检查拼写，或用 --help 查看可用的选项）"),
    (r"argument (\S+): invalid int value: (.+)", "参数 {0} 的值 {1} 不是整数"),
    (r"argument (\S+): invalid float value: (.+)", "参数 {0} 的值 {1} 不是数字"),
    (r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)", "参数 {0} 的值 {1} 无效，可选：{2}"),
    (r"argument (\S+): expected one argument", "参数 {0} 后面需要一个值"),
    (r"argument (\S+): expected at most one argument", "参数 {0} 后面最多一个值"),
    (r"argument (\S+): not allowed with argument (\S+)", "参数 {0} 不能与 {1} 同时使用"),
    (r"argument (\S+): ignored explicit argument (.+)", "参数 {0} 不带值，{1} 多余"),
    (r"one of the arguments (.+) is required", "必须给出以下参数之一：{0}"),
    (r"ambiguous option: (\S+) could match (.+)", "选项 {0} 不明确，可能是：{1}"),
)


def usage_in_chinese(message: str) -> str | None:
    """The Chinese of one of argparse's usage errors; None for a message the program wrote (it has its own)."""
    import re
    if re.search(r"[\u4e00-\u9fff]", message):
        return None
    for pattern, zh in _ARGPARSE_ZH:
        m = re.fullmatch(pattern, message, flags=re.DOTALL)
        if m:
            return zh.format(*m.groups())
    return "命令行参数不对"


def _option_name(parser, dest: str, argv: list[str] = ()) -> str:
    """How the user wrote the argument stored in `dest`: --db, or NAME for a positional. Several subcommands
    store under one name (`accounts add NAME`, `offices add --name`): the one written in `argv` wins, else
    the positional (`accounts add ""` was told "--name 不能为空")."""
    import argparse
    stack, found = [parser], []
    while stack:
        for action in stack.pop()._actions:
            if isinstance(action, argparse._SubParsersAction):
                stack += list(action.choices.values())
            elif action.dest == dest:
                found.append(action)
    for action in found:
        if any(word == opt or word.startswith(opt + "=") for opt in action.option_strings for word in argv):
            return action.option_strings[0]
    positional = next((a for a in found if not a.option_strings), None)
    if positional is not None:
        return positional.metavar if isinstance(positional.metavar, str) else dest.upper()
    return found[0].option_strings[0] if found else dest.upper()


def _version() -> str:
    from desktop.version import version
    return f"liaison-desk {version()}"


def readable_streams() -> None:
    """Output that any console or file can take: redirected (a pipe, a .bat writing a file, a scheduled
    backup) Windows gives the ANSI code page (cp936, cp1252), which cannot encode names like 王𠇔 — write
    UTF-8 there; on a console keep its encoding but never fail on a character (replace it)."""
    import os
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name, None)
        if stream is None:                # a Windows GUI build has no streams at all: give writes a sink
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - lives with the process
            continue
        if not hasattr(stream, "reconfigure"):
            continue
        try:
            tty = stream.isatty()
            if not tty:
                stream.reconfigure(encoding="utf-8", errors="replace")
            elif (stream.encoding or "").lower().replace("-", "") != "utf8":
                stream.reconfigure(errors="replace")
        except (OSError, ValueError):
            pass


def _db_first(argv: list[str]) -> list[str]:
    """`liaison-desk --db PATH` opens the window on that file (as `gui --db PATH`);
    `liaison-desk --db PATH COMMAND ...` is `COMMAND ... --db PATH` (at the end: after the first word it broke
    the commands of two words, `accounts list`, `computers confirm`), and so is `offices --db PATH list`:
    only the last word of a command takes `--db`, and between the two words it was read as the second."""
    if not argv:
        return argv
    if argv[0] == "--db" and len(argv) > 1 or argv[0].startswith("--db="):
        db, rest = (argv[:2], argv[2:]) if argv[0] == "--db" else (argv[:1], argv[1:])
        if not rest or rest[0].startswith("-"):
            return ["gui", *db, *rest]
        return [*rest, *db]
    if "--" in argv:                           # after "--" every word is the command's own
        return argv
    for i, word in enumerate(argv):
        if word == "--db" and i + 1 < len(argv):
            return [*argv[:i], *argv[i + 2:], *argv[i:i + 2]]
        if word.startswith("--db="):
            return [*argv[:i], *argv[i + 1:], word]
    return argv


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    readable_streams()
    from desktop.paths import apply_portable_mode
    apply_portable_mode()                 # portable.txt beside the executable: the data beside it too
    argv = _db_first(argv)
    if not argv or argv[0] in ("gui", "--gui"):
        from desktop.app import main as gui_main  # Qt only now
        return gui_main(argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    for name, value in vars(args).items():
        # an empty --db would mean the user's real data folder, an empty path the current folder: refuse
        if isinstance(value, str) and not value.strip() and name != "command":
            parser.error(f"{_option_name(parser, name, argv)} 不能为空 / must not be empty")
    try:
        rc = args.func(args)
        catch_up_search_index()
        return EXIT_OK if rc is None else rc
    except (Failed, LiaisonError) as exc:
        print(both(f"失败：{exc.message_zh}", f"failed: {exc.message_en}"), file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("已取消 / cancelled", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        where = f"“{exc.filename}”" if exc.filename else ""
        print(both(f"失败：文件{where}操作出错（{os_reason(exc)[0]}）",
                   f"failed: {str(exc.filename) + ': ' if exc.filename else ''}{os_reason(exc)[1]}"), file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:  # noqa: BLE001
        import sqlite3
        text = str(exc).lower()
        if isinstance(exc, sqlite3.DatabaseError) and ("malformed" in text or "not a database" in text):
            print("失败：数据库文件已损坏，请用 restore 从最近的备份恢复 / failed: the database file is damaged; "
                  "restore the latest backup", file=sys.stderr)
            return EXIT_FAILED
        if isinstance(exc, sqlite3.OperationalError) and "full" in text:      # SQLITE_FULL: nothing was saved
            print("失败：磁盘空间不足，本次操作未保存任何内容；请清理空间后重试 / failed: the disk is full; nothing "
                  "of this operation was saved: free some space and retry", file=sys.stderr)
            return EXIT_FAILED
        if isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text):
            print("失败：数据库正被其他程序使用（如已打开的工作台窗口），请关闭后重试 / failed: the database is in use "
                  "by another program; close it and retry", file=sys.stderr)
            return EXIT_FAILED
        # otherwise a bug: one line for the user, the traceback to the log
        logged = _log_bug(getattr(args, "db", None))
        if logged is None:
            print(f"内部错误（详情无法写入日志文件夹 logs/）/ internal error ({type(exc).__name__}); the details could "
                  f"not be written to the logs folder", file=sys.stderr)
        else:
            print(f"内部错误，详情已记录到 {logged} / internal error ({type(exc).__name__}), logged to {logged}",
                  file=sys.stderr)
        return EXIT_FAILED


def _log_bug(db: str | None = None) -> str | None:
    """Write the traceback of an unexpected error to the log folder; return the log path (None: not writable)."""
    import traceback

    from db import today as office_clock
    from db.paths import logs_dir
    from desktop.log_scrub import scrub
    try:
        folder = logs_dir(Path(db) if db else None)         # beside the database the command used
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "cli-errors.log"
        # bounded like the window's log: past 1 MB it becomes cli-errors.log.1 (the one before goes), and one
        # error's text is kept to its last 20,000 characters (an argument pasted whole is not kept whole)
        if path.is_file() and path.stat().st_size > CLI_LOG_LIMIT:
            os.replace(path, path.with_name(path.name + ".1"))
        # scrubbed as the window's log is: an exception's text can carry a name or a phone number
        text = scrub(traceback.format_exc()[-20_000:])
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"--- {office_clock.now().isoformat(timespec='seconds')}\n{text}\n")
        return str(path)
    except OSError:
        return None


if __name__ == "__main__":
    from desktop.cli import main as _main  # the package's module, so its exception classes match

    sys.exit(_main())

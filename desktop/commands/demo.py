"""`demo`: fill an empty database with demo data; `demo simulate`: make sync edits on a demo database."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from desktop.cli import EXIT_USAGE, Failed, db_path, open_db

SIZES = ("township", "district", "city", "city-10y")
# `demo simulate` is a sync trial: 50,000 edits take some 15 s and add some 20 MB, well inside one package's limits
# (db.sync.package MAX_LOG); 100,000,000 ran for minutes and grew the database past 110 MB before anyone stopped it
MAX_EDITS = 50_000


def register(sub, common) -> None:
    p = sub.add_parser(
        "demo", parents=[common], help="在空数据库中生成演示数据（或：demo simulate） / fill an empty database with "
                                      "demo data (or: demo simulate)",
        description="生成演示数据（贵阳市的委员联络组、委员、会议纪要、走访、社情民意、督办）。"
                    "只写入空数据库；--force 先备份再替换已有数据库。"
                    "“demo simulate --edits N”在已有数据库上模拟编辑，用于同步测试。")
    p.add_argument("action", nargs="?", choices=["simulate"], metavar="simulate",
                   help="在已有数据库上模拟编辑，而不是生成数据（配合 --edits） / simulate edits on an "
                        "existing database instead of generating (with --edits)")
    p.add_argument("--size", choices=SIZES, default=None,
                   help="township 乡镇 | district 区县 | city 市 | city-10y 市十年（默认 city） / township "
                        "| district | city | city-10y (default: city)")
    p.add_argument("--seed", type=int, default=1, help="随机种子：同一种子生成同样的数据（默认 1） / random "
                                                       "seed: the same seed gives the same data (default 1)")
    p.add_argument("--force", action="store_true",
                   help="替换已有数据的数据库（先在 backups/ 中保留备份） / replace a database that already "
                        "has data (a backup copy is kept in backups/)")
    p.add_argument("--edits", type=int, default=None, metavar="N",
                   help=f"与 simulate 一起：模拟多少次编辑（默认 100，最多 {MAX_EDITS:,}）/ with simulate: how many edits "
                        f"(default 100, at most {MAX_EDITS:,})")
    p.add_argument("--network", metavar="FOLDER", default=None,
                   help="改为在 FOLDER 中生成演示网络：市、两个区县、各两个乡镇（街道），每个机构一个数据库"
                        "，用安装文件设置并双向同步 / make a demo network in FOLDER instead: the city, two "
                        "districts and two townships of each, each office its own database, set up from "
                        "setup files and synced both ways")
    p.set_defaults(func=cmd_demo, parser=p)


def _usage(args, message: str) -> int:
    print(f"{args.parser.prog}: 用法错误 / usage error: {message}", file=sys.stderr)
    return EXIT_USAGE


def cmd_demo(args) -> int:
    if args.action == "simulate":
        if args.size or args.force:
            return _usage(args, "simulate 不接受 --size/--force / simulate takes no --size or --force")
        return cmd_simulate(args)
    if args.edits is not None:
        return _usage(args, "--edits 只能与 simulate 一起使用 / --edits goes with simulate")
    if args.network is not None:
        if args.size or args.force or args.db:
            return _usage(args, "--network 不接受 --size/--force/--db / --network takes no --size, --force or --db")
        return cmd_network(args)
    return cmd_generate(args, args.size or "city")


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def cmd_generate(args, size: str) -> int:
    from db.demo import generate, has_data
    path = db_path(args)
    existed = path.exists()
    if existed:
        db = open_db(args)
        if has_data(db):
            if args.force:
                from desktop.instance import window_is_open
                if window_is_open(path):     # replacing the file under an open window would break it
                    db.conn.close()
                    raise Failed("数据库正由已打开的工作台窗口使用，请先关闭窗口",
                                 "the database is open in the Liaison Desk window: close it first")
            if not args.force:
                db.conn.close()
                raise Failed(f"{path} 中已有数据，演示数据只能写入空数据库（--force 可先备份再替换）",
                             f"{path} already has data; demo data goes into an empty database "
                             "(--force backs it up and replaces it)")
            from db.backup import backup
            kept = backup(db, path, reason="before-demo")
            db.conn.close()
            _remove_database(path)
            print(f"原数据已备份到 / the old data was backed up to: {kept}")
        else:
            db.conn.close()
    db = open_db(args, create=True)
    tty = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if tty:
            print(f"\r生成中 / generating… {100 * done // max(total, 1):3d}%", end="", file=sys.stderr, flush=True)

    started = time.perf_counter()
    try:
        counts = generate(db, size, args.seed, progress=progress)
    except BaseException:
        db.conn.close()
        if not existed or args.force:   # a half-made demo is worth nothing: do not leave it behind
            _remove_database(path)
        raise
    finally:
        if tty:
            print(file=sys.stderr)
    seconds = time.perf_counter() - started
    db.conn.close()
    total = sum(counts.values())
    print(f"已生成演示数据（{size}，种子 {args.seed}）：{total:,} 条记录，用时 {seconds:.1f} 秒 / "
          f"demo data ({size}, seed {args.seed}): {total:,} rows in {seconds:.1f} s → {path}")
    for table, n in counts.items():
        print(f"  {table:<16}{n:>10,}")
    return 0


def cmd_simulate(args) -> int:
    edits = 100 if args.edits is None else args.edits
    if edits < 1:
        return _usage(args, "--edits 至少为 1 / --edits must be at least 1")
    if edits > MAX_EDITS:
        return _usage(args, f"--edits 最多 {MAX_EDITS}（模拟编辑用于同步试验；要更多的修改请分几次运行）/ --edits is "
                            f"at most {MAX_EDITS} (simulate is a sync trial; run it again for more edits)")
    try:
        from db.sync.simulate import simulate
    except ImportError as exc:
        if getattr(exc, "name", None) in ("db.sync", "db.sync.simulate") or "simulate" in str(exc):
            raise Failed("模拟编辑功能尚不可用（db.sync.simulate 还没有）",
                         "simulate is not available yet (db.sync.simulate is missing)") from None
        raise Failed(f"模拟编辑功能无法加载：{exc}", f"simulate could not be loaded: {exc}") from None
    path = db_path(args)
    if not path.exists():
        raise Failed(f"数据库文件不存在：{path}", f"database not found: {path}")
    db = open_db(args)
    started = time.perf_counter()
    try:
        result = simulate(db, edits=edits, seed=args.seed)
    finally:
        db.conn.close()
    seconds = time.perf_counter() - started
    summary = ""
    if isinstance(result, dict):
        summary = "，".join(f"{k} {v}" for k, v in result.items())
    elif isinstance(result, int):
        summary = str(result)
    print(f"已模拟 {edits} 次编辑，用时 {seconds:.1f} 秒 / simulated {edits} edits in {seconds:.1f} s"
          + (f"：{summary}" if summary else ""))
    return 0


def cmd_network(args) -> int:
    from db.demo_network import build_network
    folder = Path(args.network).expanduser().absolute()
    started = time.perf_counter()

    def progress(text: str) -> None:
        print(f"  {text}", file=sys.stderr, flush=True)

    offices = build_network(folder, args.seed, progress=progress)
    seconds = time.perf_counter() - started
    levels = {"city": "市", "district": "区县", "township": "乡镇（街道）"}
    print(f"已生成演示网络（{len(offices)} 个机构，种子 {args.seed}），用时 {seconds:.1f} 秒 / "
          f"demo network of {len(offices)} offices (seed {args.seed}) in {seconds:.1f} s → {folder}")
    print("每个机构一个数据库，各在自己的文件夹里，已用安装文件安装、核对密钥并双向同步。"
          "打开方式（可同时打开几个窗口）/ one database per office, each in its own folder, installed from "
          "setup files, keys confirmed, synced both ways. Open each (several windows side by side):")
    for o in offices:
        print(f"  {levels[o.level]} {o.name}（{o.code}）/ {o.level} {o.code}")
        print(f"      liaison-desk --db {o.path}")
    from db.demo_network import STICK
    stick = folder / STICK
    print(f"市政协的交办已经下达到区县和乡镇，每个区县的第一个乡镇已经反馈，第二个乡镇待签收。"
          f"在乡镇窗口的“交办”页反馈，在“同步”页写入同步包（文件夹可用 {stick}），在区县窗口接收并导入，"
          f"再写入发往市政协的同步包。市政协第一次收到这个乡镇经区县转来的修改时会暂缓导入，请在市政协窗口的"
          f"“同步 › 机构与密钥”中核对并确认该乡镇的指纹（即乡镇“同步”页上方显示的指纹，实际工作中电话核对），"
          f"再导入一次 / the city's assignment went down to the districts and townships; the first "
          f"township of each district has answered, the second has it waiting. Answer it on a township's 交办 "
          f"page, write its package on the 同步 page (use {stick} as the USB stick), import it in the district's "
          f"window, and write the district's package for the city. The first time the city receives that "
          f"township's changes through its district, it holds them: confirm the township's fingerprint (shown at "
          f"the top of its 同步 page; by phone in real life) under the city's 同步 › 机构与密钥, then import again.")
    return 0

"""`liaison-desk selftest`: checks that this installation (a frozen bundle or a source tree) has what an
office needs, and prints a plain report; exit 0 when every check passed, 1 otherwise.

    liaison-desk selftest [--offscreen] [--keep]

Checks, each one line "[ok]" or "[FAIL]" with what was found:
- the shipped CJK fonts and their licences; the name test string covered by the minutes' font chain;
- SQLite has FTS5; `cryptography` signs, verifies, encrypts, decrypts; openpyxl writes a workbook;
- a command-line smoke in a temporary folder: init, demo --size township, minutes, setup-file,
  init --from-setup, export-sync, import-sync, check (each as a child process of this same program);
- in a child process that loads Qt (desktop/selftest_qt.py): the window's font chain covers the name
  test string, QtPdf renders the first page of the minutes just printed, the zh_CN translations and
  Qt's own load, the input-method plugins are there.

`--offscreen` sets QT_QPA_PLATFORM=offscreen itself (Wine passes no Unix environment variable to a
Windows program). The interface (options, the "[ok]"/"[FAIL]" lines, the last line "selftest: passed"
or "selftest: FAILED", the exit code) is kept stable: installers and CI call it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

# Rare name characters (Ext. A, B, E), a Uyghur name with its middle dot, and common name
# characters outside GB2312: each must print and show.
NAME_TEST = "王𠇔 李䶮 欧阳𬌗 阿依古丽·买买提 镕堃喆"
OK, FAIL = "[ok]  ", "[FAIL]"
QT_PART = "--qt-part"


def register(sub, common) -> None:
    p = sub.add_parser("selftest", help="检查本程序是否完整可用 / check this installation: fonts, PDF, translations, "
                       "SQLite, crypto, CLI",
                       description="检查本程序是否完整可用（字体、纪要PDF、翻译、SQLite、加密、Excel、命令行），"
                                   "打印报告；全部通过时退出码为 0。 / Checks this installation and prints a report; "
                                   "exit 0 when everything passed.")
    p.add_argument("--offscreen", action="store_true",
                   help="使用 Qt 的 offscreen 平台（不需要显示器；自行设置 QT_QPA_PLATFORM） / use Qt's "
                        "offscreen platform (no display needed; sets QT_QPA_PLATFORM itself)")
    p.add_argument("--keep", action="store_true", help="保留临时文件夹并显示其位置 / keep the temporary "
                                                       "folder and print where it is")
    p.add_argument(QT_PART, metavar="PDF", help=argparse.SUPPRESS)  # the child step ("-": no PDF)
    p.set_defaults(func=cmd_selftest)


class Report:
    def __init__(self) -> None:
        self.failed = 0
        self.passed = 0

    def line(self, ok: bool, what: str, detail: str = "") -> None:
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        print(f"{OK if ok else FAIL} {what}" + (f": {detail}" if detail else ""), flush=True)

    def run(self, what: str, fn) -> object:
        """Run one check; `fn` returns a detail string (ok) or raises (failed)."""
        try:
            detail = fn()
        except Exception as exc:  # noqa: BLE001 - a self-test reports every failure and goes on
            self.line(False, what, f"{type(exc).__name__}: {exc}"[:500])
            return None
        self.line(True, what, detail or "")
        return detail


def program() -> list[str]:
    """How to start this same program as a child: the frozen executable, or this interpreter on the CLI."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "desktop.cli"]


def run_child(args: list[str], *, timeout: float = 300) -> tuple[int, str]:
    import subprocess
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    p = subprocess.run([*program(), *args], capture_output=True, timeout=timeout, env=env)
    out = (p.stdout + p.stderr).decode("utf-8", errors="replace")
    return p.returncode, out


# -- the checks without Qt -------------------------------------------------------------------

def check_font_files() -> str:
    from desktop.minutes.fonts import SHIPPED, shipped_fonts_dir
    folder = shipped_fonts_dir()
    missing = [name for name, _ in SHIPPED.values() if not (folder / name).is_file()]
    licences = sorted(p.name for p in (folder / "licenses").glob("*")) if (folder / "licenses").is_dir() else []
    if missing:
        raise FileNotFoundError(f"missing in {folder}: {', '.join(missing)}")
    if not licences:
        raise FileNotFoundError(f"no licence texts in {folder / 'licenses'}")
    size = sum((folder / name).stat().st_size for name, _ in SHIPPED.values())
    return f"{len(SHIPPED)} fonts ({size / 2**20:.0f} MiB) and {len(licences)} licence texts in {folder}"


def check_minutes_fonts() -> str:
    from desktop.minutes.fonts import ROLES, default_font_set
    fonts = default_font_set()
    used: set[str] = set()
    for role in ROLES:
        missing = [ch for ch in NAME_TEST if not ch.isspace() and fonts.font_for(role, ch) is None]
        if missing:
            raise LookupError(f"role {role} has no font for {' '.join(missing)}")
        used |= {fonts.font_for(role, ch) for ch in NAME_TEST if not ch.isspace()}
    return f"{NAME_TEST} in every role ({', '.join(fonts.labels(used))})"


def check_fts5() -> str:
    import sqlite3
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='trigram')")
        conn.execute("INSERT INTO t VALUES ('阿依古丽·买买提')")
        hits = conn.execute("SELECT count(*) FROM t WHERE t MATCH '买买提'").fetchone()[0]
    finally:
        conn.close()
    if hits != 1:
        raise AssertionError("trigram search found nothing")
    return f"SQLite {sqlite3.sqlite_version} with FTS5 (trigram)"


def check_crypto() -> str:
    import cryptography
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    from db.sync.keys import verify_signature
    key = Ed25519PrivateKey.generate()
    data = NAME_TEST.encode("utf-8")
    sig = key.sign(data)
    from cryptography.hazmat.primitives import serialization
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    if not verify_signature(raw, sig, data) or verify_signature(raw, sig, data + b"x"):
        raise AssertionError("Ed25519 verification gave a wrong answer")
    a, b = X25519PrivateKey.generate(), X25519PrivateKey.generate()
    shared = a.exchange(b.public_key())
    if shared != b.exchange(a.public_key()):
        raise AssertionError("X25519 key agreement differs")
    box, nonce = AESGCM(shared), os.urandom(12)
    if box.decrypt(nonce, box.encrypt(nonce, data, None), None) != data:
        raise AssertionError("AES-GCM round trip differs")
    return f"cryptography {cryptography.__version__}: Ed25519 sign/verify, X25519, AES-GCM encrypt/decrypt"


def check_openpyxl(folder: Path) -> str:
    import openpyxl
    path = folder / "名单.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "电话"])
    wb.active.append([NAME_TEST, "0851-0000000"])
    wb.save(path)
    back = openpyxl.load_workbook(path).active.cell(2, 1).value
    if back != NAME_TEST:
        raise AssertionError(f"read back {back!r}")
    return f"openpyxl {openpyxl.__version__} wrote and read {path.name} ({path.stat().st_size} bytes)"


# -- the command line, as a child process ------------------------------------------------------

class Smoke:
    def __init__(self, report: Report, folder: Path):
        self.report, self.folder = report, folder
        self.city, self.district = folder / "city" / "liaison-desk.sqlite3", folder / "district" / "liaison-desk.sqlite3"
        self.pdf: Path | None = None

    def step(self, what: str, args: list[str], expect: str = "") -> str | None:
        t0 = time.perf_counter()
        try:
            rc, out = run_child(args)
        except Exception as exc:  # noqa: BLE001 - e.g. a timeout
            self.report.line(False, f"cli {what}", f"{type(exc).__name__}: {exc}")
            return None
        ok = rc == 0 and expect in out and "Traceback" not in out
        last = out.strip().splitlines()[-1] if out.strip() else ""
        self.report.line(ok, f"cli {what}", f"{time.perf_counter() - t0:.1f} s" + ("" if ok else f", exit {rc}: {last}"))
        return out if ok else None

    def run(self) -> None:
        plain = self.folder / "plain" / "liaison-desk.sqlite3"
        self.step("init", ["init", "--db", str(plain)])
        if self.step("demo --size township", ["demo", "--size", "township", "--seed", "1", "--db", str(self.city)]) is None:
            return
        meeting = self.final_meeting()
        if meeting:
            pdf = self.folder / "纪要.pdf"
            if self.step("minutes", ["minutes", meeting, "--db", str(self.city), "--out", str(pdf)]) is not None:
                self.pdf = pdf if pdf.is_file() else None
        else:
            self.report.line(False, "cli minutes", "the demo has no final minutes")
        out = self.step("setup-file", ["setup-file", "--db", str(self.city), "--office", "520102",
                                        "--out", str(self.folder / "stick") + os.sep])
        passcode = next((line.split(":", 1)[1].strip() for line in (out or "").splitlines()
                         if "passcode:" in line), None)
        if not passcode:
            return
        setup = next((self.folder / "stick").glob("*.ldsetup"))
        out = self.step("init --from-setup", ["init", "--db", str(self.district), "--from-setup", str(setup),
                                              "--passcode", passcode])
        fingerprint = next((line.rsplit(":", 1)[1].strip() for line in (out or "").splitlines()
                            if "this installation's fingerprint:" in line), None)
        if not fingerprint:
            return
        # the district's first package: the city keeps its key, is told the fingerprint by phone, trusts it
        up, down = self.folder / "up", self.folder / "down"
        if self.step("export-sync (district → city)", ["export-sync", "--db", str(self.district), "--to", "520100",
                                                       "--out", str(up) + os.sep]) is None:
            return
        run_child(["import-sync", "--db", str(self.city), str(up)])
        if self.step("trust", ["trust", "--db", str(self.city), fingerprint]) is None:
            return
        self.step("import-sync (city)", ["import-sync", "--db", str(self.city), str(up)], "已导入")
        if self.step("export-sync (city → district)", ["export-sync", "--db", str(self.city), "--to", "520102",
                                                       "--out", str(down) + os.sep]) is not None:
            self.step("import-sync (district)", ["import-sync", "--db", str(self.district), str(down)], "已导入")
        self.step("check (city)", ["check", "--db", str(self.city)])
        self.step("check (district)", ["check", "--db", str(self.district)])

    def final_meeting(self) -> str | None:
        import sqlite3

        from db.paths import read_only_uri
        conn = sqlite3.connect(read_only_uri(self.city), uri=True)
        try:
            row = conn.execute("SELECT id FROM meeting WHERE state = 'final' ORDER BY starts_at DESC LIMIT 1").fetchone()
        finally:
            conn.close()
        return row[0] if row else None


# -- the command ---------------------------------------------------------------------------------

def cmd_selftest(args) -> int:
    if args.offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if args.qt_part is not None:                       # the child step that loads Qt
        from desktop.selftest_qt import run_qt_checks
        report = Report()
        run_qt_checks(report, Path(args.qt_part) if args.qt_part != "-" else None, NAME_TEST)
        return 0 if report.failed == 0 else 1
    t0 = time.perf_counter()
    report = Report()
    print(f"Liaison Desk selftest — {version_text()}", flush=True)
    print(f"program: {' '.join(program())}", flush=True)
    print(f"platform: {sys.platform}, Python {sys.version.split()[0]}"
          f"{', frozen' if getattr(sys, 'frozen', False) else ', from source'}", flush=True)
    folder = Path(tempfile.mkdtemp(prefix="liaison-desk-selftest-"))
    try:
        report.run("fonts shipped", check_font_files)
        report.run("name test string in the minutes' fonts", check_minutes_fonts)
        report.run("SQLite FTS5", check_fts5)
        report.run("cryptography", check_crypto)
        report.run("openpyxl", lambda: check_openpyxl(folder))
        smoke = Smoke(report, folder)
        smoke.run()
        qt_part(report, smoke.pdf)
    finally:
        if args.keep:
            print(f"temporary folder kept: {folder}")
        else:
            import shutil
            shutil.rmtree(folder, ignore_errors=True)
    total = report.passed + report.failed
    verdict = "passed" if report.failed == 0 else "FAILED"
    print(f"selftest: {verdict} ({report.passed}/{total} checks, {time.perf_counter() - t0:.1f} s)"
          + (" — 自检通过，本软件可以使用 / the installation is ready" if report.failed == 0
             else " — 自检未通过，请把以上报告发给技术支持 / send this report to support"),
          flush=True)
    return 0 if report.failed == 0 else 1


def qt_part(report: Report, pdf: Path | None) -> None:
    """The Qt checks in a child process: a Qt that cannot start (a missing system library, no
    display) is reported as a failed line instead of ending the self-test."""
    try:
        rc, out = run_child(["selftest", QT_PART, str(pdf or "-")] + (["--offscreen"] if offscreen() else []))
    except Exception as exc:  # noqa: BLE001
        report.line(False, "Qt checks", f"{type(exc).__name__}: {exc}")
        return
    lines = out.splitlines()
    for line in lines:
        if line.startswith((OK, FAIL)):
            print(line, flush=True)
            if line.startswith(OK):
                report.passed += 1
            else:
                report.failed += 1
    if rc != 0 and not any(line.startswith(FAIL) for line in lines):
        report.line(False, "Qt checks", f"exit {rc}: " + " | ".join(lines[-5:]))


def offscreen() -> bool:
    return os.environ.get("QT_QPA_PLATFORM") == "offscreen"


def version_text() -> str:
    from desktop.version import VERSION
    return f"version {VERSION}"

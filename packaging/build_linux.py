"""Build the Linux bundle, the .deb and the portable .tar.gz (run by `python3 bootstrap.py package`).

    python packaging/build_linux.py [--skip-freeze] [--selftest] [--dist DIR]

1. PyInstaller (packaging/liaison-desk.spec) → build/pyinstaller/dist/liaison-desk/ (onedir, trimmed);
2. the Debian `copyright` file of every system library the bundle carries → licenses/debian/<package>;
3. the highest GLIBC symbol version every binary in the bundle needs, printed (and the .deb depends on it);
4. dist/liaison-desk_<version>_<arch>.deb: /opt/liaison-desk, /usr/bin/liaison-desk, a launcher named
   委员联络组工作台 with the icon;
5. dist/liaison-desk-<version>-linux-<arch>.tar.gz: the same folder with portable.txt (data beside it);
6. sizes: the bundle, what takes its space, each package (also written to build/package-report.json).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BUILD = ROOT / "build"
BUNDLE = BUILD / "pyinstaller" / "dist" / "liaison-desk"
NAME_ZH = "委员联络组工作台"
sys.path.insert(0, str(ROOT))


def version() -> str:
    from desktop.version import version as v
    return v()


def deb_arch() -> str:
    return {"x86_64": "amd64", "aarch64": "arm64"}.get(platform.machine(), platform.machine())


def log(text: str) -> None:
    print(text, flush=True)


# -- 1. freeze ----------------------------------------------------------------------------------

def freeze() -> None:
    t0 = time.perf_counter()
    log("$ pyinstaller packaging/liaison-desk.spec")
    subprocess.run([sys.executable, "-m", "PyInstaller", str(HERE / "liaison-desk.spec"), "--noconfirm",
                    "--log-level", "WARN", "--distpath", str(BUNDLE.parent),
                    "--workpath", str(BUILD / "pyinstaller" / "work")], cwd=ROOT, check=True)
    log(f"bundle built in {time.perf_counter() - t0:.0f} s: {BUNDLE}")


# -- 2. licences of the system libraries ---------------------------------------------------------

def elf_files(folder: Path) -> list[Path]:
    out = []
    for p in sorted(folder.rglob("*")):
        if p.is_file() and not p.is_symlink():
            with open(p, "rb") as fh:
                if fh.read(4) == b"\x7fELF":
                    out.append(p)
    return out


def system_library_licences(bundle: Path) -> list[str]:
    """Copy /usr/share/doc/<package>/copyright for each library in the bundle that came from a Debian
    package (PyInstaller copies the build machine's libraries). Returns the packages."""
    if not shutil.which("dpkg"):
        return []
    internal = bundle / "_internal"
    names = sorted({p.name for p in internal.glob("*.so*")})
    found: dict[str, str] = {}
    for name in names:
        for folder in ("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
                       "/usr/lib/aarch64-linux-gnu", "/lib", "/usr/lib"):
            path = Path(folder) / name
            if path.exists():
                p = subprocess.run(["dpkg", "-S", str(path)], capture_output=True, text=True)
                if p.returncode == 0:
                    found[name] = p.stdout.split(":", 1)[0].strip()
                    break
    target = internal / "licenses" / "debian"
    packages = sorted(set(found.values()))
    for pkg in packages:
        src = Path("/usr/share/doc") / pkg / "copyright"
        if src.is_file():
            (target / pkg).mkdir(parents=True, exist_ok=True)
            shutil.copy(src, target / pkg / "copyright")
    (target / "LIBRARIES.txt").parent.mkdir(parents=True, exist_ok=True)
    (target / "LIBRARIES.txt").write_text("".join(f"{lib}\t{pkg}\n" for lib, pkg in sorted(found.items())),
                                          encoding="utf-8")
    return packages


# -- 3. glibc ----------------------------------------------------------------------------------

def glibc_needs(bundle: Path) -> tuple[str, list[tuple[str, str]]]:
    """(highest GLIBC_x.y any binary needs, [(version, file)] sorted highest first)."""
    if not shutil.which("objdump"):
        raise SystemExit("objdump is missing: install binutils (apt install binutils) to check the glibc needed")
    rows = []
    for p in elf_files(bundle):
        out = subprocess.run(["objdump", "-T", str(p)], capture_output=True, text=True).stdout
        versions = set(re.findall(r"GLIBC_([0-9]+(?:\.[0-9]+)+)", out))
        if versions:
            top = max(versions, key=lambda v: tuple(map(int, v.split("."))))
            rows.append((top, str(p.relative_to(bundle))))
    rows.sort(key=lambda r: tuple(map(int, r[0].split("."))), reverse=True)
    return (rows[0][0] if rows else "0"), rows


def glibc_over(rows: list[tuple[str, str]], limit: str) -> list[tuple[str, str]]:
    """The (version, file) rows of `glibc_needs` that need a newer glibc than `limit` ("2.28")."""
    top = tuple(map(int, limit.split(".")))
    return [(v, f) for v, f in rows if tuple(map(int, v.split("."))) > top]


# -- 4. the .deb -------------------------------------------------------------------------------

DESKTOP_ENTRY = f"""[Desktop Entry]
Type=Application
Name={NAME_ZH}
Name[zh_CN]={NAME_ZH}
GenericName=Liaison Desk
Comment=政协委员联络组工作记录 / records of CPPCC member liaison groups
Exec=/opt/liaison-desk/liaison-desk %f
Icon=liaison-desk
Terminal=false
Categories=Office;
StartupWMClass=liaison-desk
"""

POSTINST = """#!/bin/sh
set -e
if [ "$1" = configure ]; then
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
fi
exit 0
"""

POSTRM = """#!/bin/sh
# The users' data (~/.local/share/LiaisonDesk, or a folder they chose) is never removed here.
set -e
if [ "$1" = remove ] || [ "$1" = purge ]; then
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
fi
exit 0
"""


def make_deb(bundle: Path, dist: Path, ver: str, glibc: str) -> Path:
    stage = BUILD / "deb" / "root"
    shutil.rmtree(stage.parent, ignore_errors=True)
    opt = stage / "opt" / "liaison-desk"
    shutil.copytree(bundle, opt, symlinks=True)
    (stage / "usr" / "bin").mkdir(parents=True)
    os.symlink("/opt/liaison-desk/liaison-desk", stage / "usr" / "bin" / "liaison-desk")
    apps = stage / "usr" / "share" / "applications"
    apps.mkdir(parents=True)
    (apps / "liaison-desk.desktop").write_text(DESKTOP_ENTRY, encoding="utf-8")
    icons = stage / "usr" / "share" / "icons" / "hicolor"
    (icons / "scalable" / "apps").mkdir(parents=True)
    shutil.copy(ROOT / "resources" / "icons" / "app.svg", icons / "scalable" / "apps" / "liaison-desk.svg")
    (icons / "256x256" / "apps").mkdir(parents=True)
    shutil.copy(ROOT / "resources" / "icons" / "app.png", icons / "256x256" / "apps" / "liaison-desk.png")
    doc = stage / "usr" / "share" / "doc" / "liaison-desk"
    doc.mkdir(parents=True)
    shutil.copy(ROOT / "LICENSE", doc / "copyright")
    shutil.copy(ROOT / "CHANGELOG.md", doc / "CHANGELOG.md")
    control = stage / "DEBIAN"
    control.mkdir()
    size_kb = sum(p.stat().st_size for p in stage.rglob("*") if p.is_file() and not p.is_symlink()) // 1024
    (control / "control").write_text(
        "Package: liaison-desk\n"
        f"Version: {ver}\n"
        f"Architecture: {deb_arch()}\n"
        "Maintainer: Liaison Desk maintainers <liaison-desk@localhost>\n"
        f"Installed-Size: {size_kb}\n"
        f"Depends: libc6 (>= {glibc})\n"
        "Section: misc\n"
        "Priority: optional\n"
        f"Description: {NAME_ZH} Liaison Desk\n"
        " Offline records of CPPCC member liaison groups: members, meetings and their\n"
        " minutes, visits, opinions, follow-ups; sync between offices by USB stick.\n"
        " Everything it needs (Python, Qt, fonts) is inside /opt/liaison-desk.\n", encoding="utf-8")
    for name, text in (("postinst", POSTINST), ("postrm", POSTRM)):
        (control / name).write_text(text, encoding="utf-8")
        (control / name).chmod(0o755)
    out = dist / f"liaison-desk_{ver}_{deb_arch()}.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "-z1", "--build", str(stage), str(out)], check=True,
                   stdout=subprocess.DEVNULL)
    return out


# -- 5. the portable tarball ------------------------------------------------------------------

PORTABLE_NOTE = """委员联络组工作台（便携版）/ Liaison Desk, portable

此文件存在时，数据（数据库、备份、日志、设置）保存在程序旁边的 data 文件夹中，可以整个文件夹放在U盘上使用。
删除此文件，数据则保存在当前用户的主目录（~/.local/share/LiaisonDesk）。
运行：./liaison-desk        自检：./liaison-desk selftest

While this file exists, the data (database, backups, logs, settings) is kept in the data folder beside
the program, so the whole folder can live on a USB stick. Delete it to keep the data in the user's home.
"""


def make_tarball(bundle: Path, dist: Path, ver: str) -> Path:
    top = f"liaison-desk-{ver}-linux-{platform.machine()}"
    out = dist / f"{top}.tar.gz"

    def add(tar: tarfile.TarFile, path: Path, arcname: str) -> None:
        info = tar.gettarinfo(str(path), arcname)
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        if info.isfile():
            with open(path, "rb") as fh:
                tar.addfile(info, fh)
        else:
            tar.addfile(info)

    note = BUILD / "portable.txt"
    note.write_text(PORTABLE_NOTE, encoding="utf-8")
    with tarfile.open(out, "w:gz", compresslevel=6) as tar:
        add(tar, bundle, top)
        for p in sorted(bundle.rglob("*")):
            add(tar, p, f"{top}/{p.relative_to(bundle)}")
        add(tar, note, f"{top}/portable.txt")
    return out


# -- 6. sizes ----------------------------------------------------------------------------------

def du(path: Path) -> int:
    if path.is_symlink():
        return 0
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def space(bundle: Path) -> list[tuple[str, int]]:
    internal = bundle / "_internal"
    groups = {
        "Qt libraries (PySide6/Qt/lib, without ICU)": [p for p in (internal / "PySide6" / "Qt" / "lib").glob("*")
                                                     if "icu" not in p.name],
        "ICU data and libraries (Qt needs them)": list((internal / "PySide6" / "Qt" / "lib").glob("libicu*")),
        "Qt plugins and translations": [internal / "PySide6" / "Qt" / "plugins", internal / "PySide6" / "Qt" / "translations"],
        "PySide6 / shiboken bindings": [p for p in (internal / "PySide6").glob("*") if p.name != "Qt"]
                                       + [internal / "shiboken6"],
        "fonts (resources/fonts)": [internal / "resources" / "fonts"],
        "Python (libpython, extension modules, base_library.zip)": [*internal.glob("libpython*"),
                                                                    internal / "python3.11", internal / "base_library.zip"],
        "cryptography (with OpenSSL)": [internal / "cryptography"],
        "Pillow (reportlab imports it)": [internal / "PIL", internal / "pillow.libs"],
        "system libraries (X11/xcb, fontconfig, glib, CUPS, …)": [p for p in internal.glob("*.so*")
                                                                 if not p.name.startswith("libpython")],
    }
    rows, counted = [], set()
    for label, paths in groups.items():
        size = 0
        for p in paths:
            if p.exists() and p not in counted:
                counted.add(p)
                size += du(p)
        rows.append((label, size))
    rows.append(("everything else (application code, licences, …)", du(bundle) - sum(s for _, s in rows)))
    return sorted(rows, key=lambda r: -r[1])


def mib(n: int) -> str:
    return f"{n / 2**20:6.1f} MiB"


# -- main --------------------------------------------------------------------------------------

def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--skip-freeze", action="store_true", help="package the bundle already built")
    ap.add_argument("--selftest", action="store_true", help="run the bundle's selftest (offscreen) before packaging")
    ap.add_argument("--max-glibc", metavar="X.Y",
                    help="fail unless every binary of the bundle runs on this glibc (e.g. 2.28 for Kylin V10)")
    ap.add_argument("--dist", default=str(ROOT / "dist"), help="where the packages go (default dist/)")
    args = ap.parse_args(argv)
    dist = Path(args.dist)
    dist.mkdir(parents=True, exist_ok=True)
    ver = version()
    if not args.skip_freeze:
        freeze()
    if not (BUNDLE / "liaison-desk").exists():
        log(f"no bundle at {BUNDLE}")
        return 1
    pkgs = system_library_licences(BUNDLE)
    log(f"licences: Debian copyright files of {len(pkgs)} packages → _internal/licenses/debian/")
    glibc, rows = glibc_needs(BUNDLE)
    log(f"glibc: the bundle needs GLIBC_{glibc} (the system it is built on has "
        f"{platform.libc_ver()[1] or '?'}); highest per binary:")
    for v, f in rows[:8]:
        log(f"  GLIBC_{v:6} {f}")
    if args.max_glibc:
        over = glibc_over(rows, args.max_glibc)
        if over:
            log(f"glibc: {len(over)} binaries need more than GLIBC_{args.max_glibc}: no packages made")
            for v, f in over:
                log(f"  GLIBC_{v:6} {f}")
            return 1
    if args.selftest:
        log("$ liaison-desk selftest --offscreen (the bundle)")
        rc = subprocess.call([str(BUNDLE / "liaison-desk"), "selftest", "--offscreen"])
        if rc:
            log("selftest FAILED: no packages made")
            return rc
    t0 = time.perf_counter()
    deb = make_deb(BUNDLE, dist, ver, glibc)
    tgz = make_tarball(BUNDLE, dist, ver)
    log(f"packages made in {time.perf_counter() - t0:.0f} s")
    bundle_size = du(BUNDLE)
    log(f"\nbundle {BUNDLE.relative_to(ROOT)}: {mib(bundle_size)}")
    breakdown = space(BUNDLE)
    for label, size in breakdown:
        log(f"  {mib(size)}  {label}")
    for p in (deb, tgz):
        log(f"{p.relative_to(ROOT) if p.is_relative_to(ROOT) else p}: {mib(p.stat().st_size)}")
    report = {"version": ver, "glibc": glibc, "glibc_per_binary": rows[:20], "bundle_bytes": bundle_size,
              "breakdown": breakdown, "deb": [deb.name, deb.stat().st_size], "tar_gz": [tgz.name, tgz.stat().st_size]}
    (BUILD / "package-report.json").write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

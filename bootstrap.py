"""Set up a local virtual environment and run Liaison Desk or its tests (any OS, Python 3.11+).

    python3 bootstrap.py run    install the application and open it on demo data (made in .demo-data/ the first time)
    python3 bootstrap.py test   install the test needs and run lint, import contract and the whole suite
    python3 bootstrap.py test --qt 6.9   the suite against PySide6 6.9.x (the newest Kylin V10 / UOS 20 can run),
                                in a second environment (.venv-qt6.9)
    python3 bootstrap.py package        the frozen bundle and this OS's packages in dist/ (Linux: .deb, .tar.gz;
                                add --selftest to check the bundle first); `package --windows`: the Windows ones
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"


def _python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


STAMP = VENV / "liaison-desk-installed.txt"      # "<extra> <sha256 of pyproject.toml>" per install made


def _installed(extra: str, digest: str) -> bool:
    """Installed already from this pyproject.toml (with these extras, or [test], which holds them all)."""
    try:
        lines = STAMP.read_text(encoding="utf-8").split("\n")
    except OSError:
        return False
    return any(line in (f"{extra} {digest}", f"[test] {digest}") for line in lines)


def _ensure_venv(extra: str) -> Path:
    """The venv with the project installed (editable): pip runs once, and again only after pyproject.toml changed."""
    import hashlib
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if _python().exists() and _installed(extra, digest):
        return _python()
    if not _python().exists():
        print(f"creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    spec = f".{extra}" if extra else "."
    subprocess.run([str(_python()), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                    "-e", spec], cwd=ROOT, check=True)
    kept = STAMP.read_text(encoding="utf-8").split("\n") if STAMP.exists() else []
    kept = [line for line in kept if line.endswith(digest) and not line.startswith(f"{extra} ")]
    STAMP.write_text("\n".join([*kept, f"{extra} {digest}"]), encoding="utf-8")
    return _python()


def _side_venv(name: str, requirements: list[str]) -> Path:
    """A second environment beside .venv: .venv-package (the frozen build, without the test tools inside),
    .venv-qt6.9 (the suite on an older Qt). Installed once per pyproject.toml, like .venv."""
    import hashlib
    folder = ROOT / name
    py = folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    stamp = folder / "liaison-desk-installed.txt"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + repr(requirements).encode()).hexdigest()
    if py.exists() and stamp.exists() and stamp.read_text(encoding="utf-8") == digest:
        return py
    if not py.exists():
        print(f"creating {folder}", flush=True)
        venv.EnvBuilder(with_pip=True).create(folder)
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", *requirements],
                   cwd=ROOT, check=True)
    stamp.write_text(digest, encoding="utf-8")
    return py


def main(argv: list[str]) -> int:
    what = argv[0] if argv else "run"
    if what == "run":
        py = _ensure_venv("")
        if argv[1:]:                      # e.g. `run --help`, `run check`: the command line as it is
            return subprocess.call([str(py), "-m", "desktop.cli", *argv[1:]], cwd=ROOT)
        demo = ROOT / ".demo-data" / "liaison-desk.sqlite3"
        if not demo.exists():
            print(f"making demo data (a township liaison office) in {demo.parent}", flush=True)
            rc = subprocess.call([str(py), "-m", "desktop.cli", "demo", "--size", "township", "--seed", "1",
                                  "--db", str(demo)], cwd=ROOT)
            if rc:
                return rc
        return subprocess.call([str(py), "-m", "desktop.cli", "gui", "--db", str(demo)], cwd=ROOT)
    if what == "package":
        if "--windows" in argv[1:]:
            py = _ensure_venv("")
            rest = [a for a in argv[1:] if a != "--windows"]
            return subprocess.call([str(py), str(ROOT / "packaging" / "windows" / "build.py"), *rest], cwd=ROOT)
        if not sys.platform.startswith("linux"):
            print("package: run on Linux (the .deb, the .tar.gz; `package --windows` builds the Windows installer)")
            return 2
        py = _side_venv(".venv-package", ["-e", ".[package]"])
        return subprocess.call([str(py), str(ROOT / "packaging" / "build_linux.py"), *argv[1:]], cwd=ROOT)
    if what == "test" and argv[1:3] and argv[1] == "--qt":
        qt = argv[2]
        py = _side_venv(f".venv-qt{qt}", ["-e", ".[test]", f"PySide6-Essentials=={qt}.*", f"PySide6-Addons=={qt}.*",
                                           f"shiboken6=={qt}.*"])
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        got = subprocess.run([str(py), "-c", "import PySide6; print(PySide6.__version__)"],
                             capture_output=True, text=True).stdout.strip()
        if got != qt and not got.startswith(f"{qt}."):    # the suite must not pass on another Qt unnoticed
            print(f"{py.parent.parent.name} has PySide6 {got or 'missing'}, not {qt}.x", flush=True)
            return 2
        print(f"$ pytest on PySide6 {got}", flush=True)
        return subprocess.call([str(py), "-m", "pytest", "-q", *argv[3:]], cwd=ROOT, env=env)
    if what == "test":
        py = _ensure_venv("[test]")
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        for step in ([str(py), "-m", "ruff", "check", "."],
                     [str(py), "tools/import_contract.py"],
                     [str(py), "-m", "pytest", "-q", *argv[1:]]):
            print("$", " ".join(step[1:]), flush=True)
            rc = subprocess.call(step, cwd=ROOT, env=env)
            if rc:
                return rc
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

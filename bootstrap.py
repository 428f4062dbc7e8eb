"""Set up a local virtual environment and run Liaison Desk or its tests (any OS, Python 3.11+).

    python3 bootstrap.py run    install the application and open it on demo data (made in .demo-data/ the first time)
    python3 bootstrap.py test   install the test needs and run lint, import contract and the whole suite
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

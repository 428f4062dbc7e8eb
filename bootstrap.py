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


def _ensure_venv(extra: str) -> Path:
    if not _python().exists():
        print(f"creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    spec = f".{extra}" if extra else "."
    subprocess.run([str(_python()), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                    "-e", spec], cwd=ROOT, check=True)
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

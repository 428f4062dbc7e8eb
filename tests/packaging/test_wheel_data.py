"""The wheel carries resources/ (fonts, icons, translations) and the licences: pyproject's data-files
cover every file the program reads from there."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_data_files_cover_resources_and_licences():
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    data_files = conf["tool"]["setuptools"]["data-files"]
    covered = {p.resolve() for patterns in data_files.values() for pat in patterns for p in ROOT.glob(pat)}
    needed = [p for sub in ("fonts", "icons") for p in (ROOT / "resources" / sub).rglob("*") if p.is_file()]
    needed += list((ROOT / "resources" / "translations").glob("*.qm"))
    needed += [ROOT / "LICENSE", ROOT / "THIRD_PARTY_NOTICES.md", *(ROOT / "packaging" / "licenses").glob("*.txt")]
    missing = [str(p.relative_to(ROOT)) for p in needed if p.resolve() not in covered]
    assert not missing, missing
    assert "pyinstaller" in " ".join(conf["project"]["optional-dependencies"]["package"])

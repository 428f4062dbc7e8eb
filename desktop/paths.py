"""Where the application's own files are (resources/: fonts, icons, translations), source or frozen,
and portable mode: a marker file beside the executable puts the data (and the settings) beside it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]      # the source tree, or the frozen bundle's folder


def _share() -> Path:
    """Where resources/ and the licences are: beside the code (a source tree, a frozen bundle), or
    <prefix>/share/liaison-desk for an installed wheel (its data files)."""
    if (ROOT / "resources").is_dir():
        return ROOT
    import sysconfig
    for scheme in (sysconfig.get_default_scheme(), sysconfig.get_preferred_scheme("user")):
        try:
            folder = Path(sysconfig.get_path("data", scheme)) / "share" / "liaison-desk"
        except KeyError:
            continue
        if (folder / "resources").is_dir():
            return folder
    return ROOT


SHARE = _share()
RESOURCES = SHARE / "resources"
# Portable mode (a USB stick, an office where nothing may be installed): either file beside the
# executable switches it on; the data folder is then `data/` beside the executable.
PORTABLE_MARKERS = ("portable.txt", "liaison-desk.portable")
PORTABLE_DATA = "data"


def icon_path(name: str) -> Path:
    return RESOURCES / "icons" / f"{name}.svg"


def program_dir() -> Path | None:
    """The folder of the program's executable: the frozen bundle's, or the Windows launcher's (which
    embeds Python as its sys.executable); from source, the interpreter's folder (no marker there)."""
    return Path(sys.executable).resolve().parent if sys.executable else None


def portable_home(folder: Path | None) -> Path | None:
    """The data folder of a portable installation in `folder`, or None when no marker file is there."""
    if folder is None or not any((folder / m).is_file() for m in PORTABLE_MARKERS):
        return None
    return folder / PORTABLE_DATA


def apply_portable_mode(folder: Path | None = None) -> Path | None:
    """Before anything reads the data folder: in portable mode point LIAISON_DESK_HOME (the data, the
    backups, the logs and the settings) at the folder beside the executable. An explicit
    LIAISON_DESK_HOME wins. Returns the portable data folder, or None."""
    from db.paths import ENV_HOME
    home = portable_home(folder if folder is not None else program_dir())
    if home is None or os.environ.get(ENV_HOME):
        return None
    os.environ[ENV_HOME] = str(home)
    return home


def license_files() -> list[Path]:
    """The program's licence and the third-party notices, beside the code (source tree or bundle)."""
    return [p for p in (SHARE / "LICENSE", SHARE / "THIRD_PARTY_NOTICES.md") if p.is_file()]


def licenses_dir() -> Path:
    """The full licence texts: licenses/ in a bundle or an installed wheel, packaging/licenses/ in the source."""
    bundled = SHARE / "licenses"
    return bundled if bundled.is_dir() else ROOT / "packaging" / "licenses"

"""Chinese typing under fcitx 5 without an fcitx Qt plugin (Linux; decided before Qt loads, no Qt import).

PySide6's wheels, and so the frozen bundle, carry Qt's ibus input-method plugin but no fcitx one (fcitx5-qt
builds it against a distribution's Qt with private API: a system copy does not fit the bundled Qt). Kylin
and UOS sessions run fcitx and often export QT_IM_MODULE=fcitx: the bundled Qt then finds no such plugin
and the clerk cannot type Chinese at all. fcitx 5 also answers the ibus protocol (its ibus front end), so
the bundled ibus plugin types through it. Qt's ibus plugin declares itself unusable unless the
`ibus-daemon` program is installed, or it is told to use the IBus portal (IBUS_USE_PORTAL): fcitx 5 owns
that portal's D-Bus name too, so the switch sets both (checked with fcitx 5.0.21: pinyin typed 你好 into a
QLineEdit through the bundled plugin; without IBUS_USE_PORTAL, and no ibus-daemon, Qt loaded no input
method). `ibus_for_fcitx5()` decides when to switch Qt to it:

- the Qt in use has no fcitx input-method plugin, and has the ibus one;
- an fcitx5 process of this user is running (fcitx 4 does not speak ibus: nothing changes for it);
- QT_IM_MODULE is unset or names fcitx (a value that cannot work with this Qt), and QT_IM_MODULES is
  unset: any other choice (ibus, xim, compose, none …) is the user's and is kept;
- not a Wayland session with QT_IM_MODULE unset (there Qt talks to fcitx 5 through the compositor).
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

FCITX_NAMES = ("fcitx", "fcitx5")


def ibus_for_fcitx5(env: Mapping[str, str], *, plugins: Iterable[str], fcitx5_running: bool) -> bool:
    """True when QT_IM_MODULE should be set to ibus. `plugins`: file names of the input-method plugins
    the Qt in use can load (platforminputcontexts/)."""
    names = [p.lower() for p in plugins]
    if any("fcitx" in n for n in names) or not any("ibus" in n for n in names):
        return False
    if not fcitx5_running or env.get("QT_IM_MODULES"):
        return False
    chosen = env.get("QT_IM_MODULE")
    if chosen is None:
        return not (env.get("XDG_SESSION_TYPE") == "wayland" or env.get("WAYLAND_DISPLAY"))
    return chosen.strip().lower() in FCITX_NAMES


def qt_input_method_plugins() -> list[str]:
    """File names in PySide6's platforminputcontexts/ and in QT_PLUGIN_PATH's, without loading Qt."""
    dirs = []
    spec = importlib.util.find_spec("PySide6")
    for location in (spec.submodule_search_locations or []) if spec else []:
        dirs.append(Path(location) / "Qt" / "plugins")
    dirs += [Path(p) for p in os.environ.get("QT_PLUGIN_PATH", "").split(os.pathsep) if p]
    found = []
    for d in dirs:
        try:
            found += [f.name for f in (d / "platforminputcontexts").iterdir()]
        except OSError:
            continue
    return found


def fcitx5_running(proc: Path = Path("/proc")) -> bool:
    """An fcitx5 process of this user (its /proc/PID/comm), on Linux."""
    uid = os.getuid() if hasattr(os, "getuid") else None
    try:
        entries = list(proc.iterdir())
    except OSError:
        return False
    for entry in entries:
        if not entry.name.isdigit():
            continue
        try:
            if (entry / "comm").read_text(encoding="utf-8", errors="replace").strip() != "fcitx5":
                continue
            if uid is None or entry.stat().st_uid == uid:
                return True
        except OSError:
            continue
    return False


def apply(env: dict | None = None) -> bool:
    """Set QT_IM_MODULE=ibus and IBUS_USE_PORTAL=1 (unless set) in `env` (os.environ) when
    `ibus_for_fcitx5` says so; True if it did. Call before Qt is loaded."""
    env = os.environ if env is None else env
    if not os.path.isdir("/proc"):
        return False
    plugins = qt_input_method_plugins()
    # the environment and the plugins first: the process scan only when they leave the question open
    if ibus_for_fcitx5(env, plugins=plugins, fcitx5_running=True) and fcitx5_running():
        env["QT_IM_MODULE"] = "ibus"
        env.setdefault("IBUS_USE_PORTAL", "1")
        return True
    return False

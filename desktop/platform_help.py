"""When Qt cannot start its window system on Linux, say why in plain words (Chinese and English) and
which packages to install, instead of Qt's "no Qt platform plugin could be initialized".

Qt ends the program right after that message (it cannot be caught), so the explanation is written
from Qt's message handler, just before, while the QApplication is being made.
"""

from __future__ import annotations

import contextlib
import sys

# What PySide6's xcb platform plugin loads (ldd libqxcb.so), and the Debian / Kylin / UOS package of each.
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
}


def missing_packages() -> list[str]:
    """The packages of the plugin's libraries that cannot be loaded here (all of them when unsure)."""
    import ctypes
    missing = []
    for soname, package in XCB_LIBRARIES.items():
        try:
            ctypes.CDLL(soname)
        except OSError:
            missing.append(package)
    return missing


def explanation(messages: list[str]) -> str:
    text = "\n".join(messages)
    if "could not connect to display" in text:
        return ("无法打开窗口：没有可用的图形桌面（无法连接到显示器）。请在桌面环境中启动本软件。\n"
                "Cannot open the window: no graphical desktop is available (could not connect to the display). "
                "Start the application from the desktop.")
    packages = missing_packages() or list(XCB_LIBRARIES.values())
    command = "sudo apt install " + " ".join(packages)
    return ("无法打开窗口：系统缺少图形界面所需的软件包。请让管理员安装后再启动（银河麒麟、统信 UOS、Debian、Ubuntu）：\n"
            f"    {command}\n"
            "Cannot open the window: the system lacks packages the window system needs. Install them, then "
            f"start again:\n    {command}")


def show_outside_qt(text: str) -> None:
    """Started from the desktop there is no console to read: show the text with the desktop's own
    message tool if there is one (Qt ends this program right after; the tool's window stays)."""
    import os
    import shutil
    import subprocess
    if not os.environ.get("DISPLAY") or os.environ.get("LIAISON_DESK_NO_POPUP"):
        return
    for tool, args in (("zenity", ["--error", "--no-wrap", "--title", "委员联络组工作台 Liaison Desk", "--text", text]),
                       ("kdialog", ["--error", text]), ("xmessage", ["-center", text])):
        found = shutil.which(tool)
        if found:
            with contextlib.suppress(OSError):
                subprocess.Popen([found, *args], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, start_new_session=True)
            return


@contextlib.contextmanager
def explain_platform_failure():
    """Around making the QApplication: a fatal "no Qt platform plugin" gets our explanation first."""
    if not sys.platform.startswith("linux"):
        yield
        return
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler
    seen: list[str] = []

    def handler(kind, _context, message):
        seen.append(message)
        if sys.stderr is None:
            return
        sys.stderr.write(message + "\n")
        if kind == QtMsgType.QtFatalMsg and "platform plugin" in message:
            text = explanation(seen)
            sys.stderr.write("\n" + text + "\n")
            show_outside_qt(text)
        sys.stderr.flush()

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)

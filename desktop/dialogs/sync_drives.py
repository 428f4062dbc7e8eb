"""Where packages go and come from: the USB sticks plugged in (offered first), the folder used last
time, or any folder (or, to receive, one file).

Sticks are found the way each system mounts them: on Linux the mount points under /media/$USER,
/run/media/$USER and /media; on Windows the drive letters whose type is removable
(GetDriveTypeW = DRIVE_REMOVABLE). QStorageInfo gives the name, free space and read-only state.
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QStorageInfo, Signal
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QToolButton, QWidget

DRIVE_REMOVABLE = 2
_CHOOSE_FOLDER, _CHOOSE_FILE = "\x00folder", "\x00file"


@dataclass(frozen=True)
class Drive:
    path: str
    name: str
    free: int | None
    read_only: bool


def linux_mount_candidates(user: str | None = None) -> list[Path]:
    """Folders where desktop Linux mounts removable media."""
    user = user or _user()
    out: list[Path] = []
    for base in (Path("/media") / user, Path("/run/media") / user, Path("/media")):
        try:
            children = sorted(p for p in base.iterdir() if p.is_dir())
        except OSError:
            continue
        out += [p for p in children if p not in out and p != Path("/media") / user]
    return out


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in the environment: look in /media only
        return ""


def _drive(path: str, info: QStorageInfo) -> Drive:
    free = info.bytesAvailable() if info.isValid() and info.isReady() else None
    name = info.displayName() if info.isValid() else ""
    return Drive(path, name or Path(path).name or path, free if free is not None and free >= 0 else None,
                 bool(info.isValid() and info.isReadOnly()))


def removable_drives(candidates: Iterable[Path] | None = None,
                     is_mount: Callable[[str], bool] = os.path.ismount) -> list[Drive]:
    """The removable drives plugged in now."""
    if sys.platform == "win32" and candidates is None:
        return _windows_drives()
    out = []
    for p in (linux_mount_candidates() if candidates is None else candidates):
        path = str(p)
        if is_mount(path):
            out.append(_drive(path, QStorageInfo(path)))
    return out


def _windows_drives() -> list[Drive]:
    import ctypes
    out = []
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    for info in QStorageInfo.mountedVolumes():
        root = info.rootPath()
        if not info.isValid() or not info.isReady():
            continue
        if kernel32.GetDriveTypeW(ctypes.c_wchar_p(root.replace("/", "\\"))) == DRIVE_REMOVABLE:
            out.append(_drive(root, info))
    return out


def _size(n: int) -> str:
    return f"{n / 1024 ** 3:.1f} GB" if n >= 1024 ** 3 else f"{n / 1024 ** 2:.0f} MB"


_LAST_FOLDER = "sync/last_folder"       # the folder of the last sync file or folder chosen here, for any chooser


class TargetChooser(QWidget):
    """A combo of sticks, the last folder and "choose…", with a rescan button. `path()` is the
    chosen folder (or file, with `files=True`); `changed(path)` when it changes. The last choice is
    remembered in the settings under `settings_key`."""

    changed = Signal(str)

    def __init__(self, settings, settings_key: str, *, files: bool = False, parent: QWidget | None = None,
                 drives: Callable[[], list[Drive]] = removable_drives):
        super().__init__(parent)
        self.settings, self.settings_key, self.files = settings, settings_key, files
        self._drives_fn = drives
        self._extra: list[str] = []
        self._last_index = -1
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        self.combo = QComboBox(self)
        self.combo.setMinimumContentsLength(28)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.rescan_button = QToolButton(self)
        # a word, not a glyph: ⟳ is in none of the shipped fonts and drew as a box
        self.rescan_button.clicked.connect(lambda: self.rescan())
        lay.addWidget(self.combo, 1)
        lay.addWidget(self.rescan_button)
        last = settings.value(settings_key, "", type=str)
        if last:
            self._extra.append(last)
        self.drives: list[Drive] = []
        self.combo.activated.connect(self._on_activated)
        self.combo.currentIndexChanged.connect(self._on_index)
        self.rescan(last)           # the folder chosen last time, when it is there (not the stick's root)

    # -- the list -------------------------------------------------------------------------
    def rescan(self, keep: str = "") -> None:
        """Look for sticks again (one may have been plugged in), keeping the current choice."""
        current = self.path() or keep
        try:
            self.drives = self._drives_fn()
        except Exception:  # noqa: BLE001 - a system that will not list its drives: folders still work
            self.drives = []
        self._fill(current)

    def _fill(self, keep: str) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        for d in self.drives:
            self.combo.addItem(self._drive_text(d), d.path)
        paths = {d.path for d in self.drives}
        for p in self._extra:
            if p not in paths and os.path.exists(p):
                self.combo.addItem(p, p)
                paths.add(p)
        self.combo.addItem(self.tr("Choose a folder…"), _CHOOSE_FOLDER)
        if self.files:
            self.combo.addItem(self.tr("Choose a package file…"), _CHOOSE_FILE)
        i = self.combo.findData(keep) if keep else -1
        if i < 0:
            i = 0 if self.drives or self._extra else -1
        self.combo.setCurrentIndex(i)
        self._last_index = i
        self.combo.blockSignals(False)
        self.retranslate_tip()

    def _drive_text(self, d: Drive) -> str:
        text = self.tr("USB stick %1 (%2)").replace("%1", d.name).replace("%2", d.path)
        if d.read_only:
            text += self.tr(" — read-only")
        elif d.free is not None:
            text += self.tr(" — %1 free").replace("%1", _size(d.free))
        return text

    def retranslate(self) -> None:
        self._fill(self.path())

    def retranslate_tip(self) -> None:
        self.rescan_button.setText(self.tr("Rescan"))
        self.rescan_button.setToolTip(self.tr("Look for USB sticks again"))
        self.combo.setPlaceholderText(self.tr("No USB stick found: plug one in, or choose a folder"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- choosing -------------------------------------------------------------------------
    def path(self) -> str:
        data = self.combo.currentData()
        return data if isinstance(data, str) and not data.startswith("\x00") else ""

    def set_path(self, path: str) -> None:
        """Choose this folder or file (added to the list if needed)."""
        path = str(path)
        if path and path not in self._extra and self.combo.findData(path) < 0:
            self._extra.insert(0, path)
        self._fill(path)
        if path and self.combo.findData(path) < 0:      # gone (a stick pulled out): choose nothing, not
            self.combo.setCurrentIndex(-1)              # another folder without a word
            self._last_index = -1
        self._remember()
        self.changed.emit(self.path())

    def offer(self, path: str) -> None:
        """Offer this folder in the list (the one just chosen for the other direction: the same stick serves
        both), chosen only when nothing is chosen yet: a folder the clerk chose here stays chosen."""
        path = str(path or "")
        if not path or not os.path.exists(path):
            return
        if path not in self._extra:
            self._extra.append(path)
        if self.path():
            self._fill(self.path())
        else:
            self.set_path(path)

    def _on_activated(self, index: int) -> None:
        data = self.combo.itemData(index)
        if data == _CHOOSE_FOLDER:
            chosen = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder"), self._start_dir())
        elif data == _CHOOSE_FILE:
            chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a package file"), self._start_dir(),
                                                    self.tr("Sync packages (*.ldsync)"))
        else:
            return
        if chosen:
            self.set_path(chosen)
        else:
            self.combo.blockSignals(True)
            self.combo.setCurrentIndex(self._last_index)
            self.combo.blockSignals(False)

    def _on_index(self, index: int) -> None:
        data = self.combo.itemData(index)
        if isinstance(data, str) and data.startswith("\x00"):
            return
        self._last_index = index
        self._remember()
        self.changed.emit(self.path())

    def _remember(self) -> None:
        if self.path():
            self.settings.setValue(self.settings_key, self.path())
            folder = Path(self.path())
            self.settings.setValue(_LAST_FOLDER, str(folder.parent if folder.is_file() else folder))

    def _start_dir(self) -> str:
        """Where "choose…" opens: the folder chosen before (the combo already shows "choose…" itself),
        else the one remembered, else the folder last used for any sync file here (a stick the setup file
        came from, say), else home."""
        before = self.combo.itemData(self._last_index) if self._last_index >= 0 else None
        p = before if isinstance(before, str) and not before.startswith("\x00") else ""
        p = p or self.settings.value(self.settings_key, "", type=str) or self.settings.value(_LAST_FOLDER, "", type=str)
        if p and Path(p).is_file():
            p = str(Path(p).parent)
        return p if p and Path(p).is_dir() else str(Path.home())

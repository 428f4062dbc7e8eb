"""The About box: the version (the same one `liaison-desk --version` and the installers show), where the
data is, and the licences of the program and of everything shipped with it."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTabWidget, QTextBrowser, QVBoxLayout

from desktop.paths import license_files, licenses_dir, portable_home, program_dir


def versions_text() -> str:
    from PySide6 import __version__ as pyside
    from PySide6.QtCore import qVersion
    return f"Python {sys.version.split()[0]} · Qt {qVersion()} · PySide6 {pyside}"


class AboutDialog(QDialog):
    def __init__(self, data_dir=None, parent=None):
        super().__init__(parent)
        from desktop.version import version
        self.setObjectName("aboutDialog")
        self.resize(720, 560)
        lay = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.heading)
        self.tabs = QTabWidget(self)
        self.notices = QTextBrowser(self.tabs)
        self.notices.setOpenExternalLinks(False)
        self.license = QTextBrowser(self.tabs)
        self.tabs.addTab(self.notices, "")
        self.tabs.addTab(self.license, "")
        lay.addWidget(self.tabs, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.version = version()
        self.data_dir = data_dir
        files = {p.name: p for p in license_files()}
        if "THIRD_PARTY_NOTICES.md" in files:
            self.notices.setMarkdown(files["THIRD_PARTY_NOTICES.md"].read_text(encoding="utf-8"))
        if "LICENSE" in files:
            self.license.setPlainText(files["LICENSE"].read_text(encoding="utf-8"))
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("About Liaison Desk"))
        portable = portable_home(program_dir()) is not None
        where = str(self.data_dir) if self.data_dir else os.environ.get("LIAISON_DESK_HOME", "")
        name = self.tr("Liaison Desk")
        lines = [f"<h2>{name} {self.version}</h2>",
                 f"<p>{versions_text()}</p>",
                 "<p>" + self.tr("Free software under the Apache License 2.0; it ships third-party software "
                                 "and fonts under their own licences (below; full texts in the licenses folder "
                                 "of the program: %1).").replace("%1", str(licenses_dir())) + "</p>"]
        if where:
            lines.append("<p>" + self.tr("Data folder: %1").replace("%1", where)
                         + (" " + self.tr("(portable: beside the program)") if portable else "") + "</p>")
        self.heading.setText("".join(lines))
        self.tabs.setTabText(0, self.tr("Third-party software and fonts"))
        self.tabs.setTabText(1, self.tr("Licence"))

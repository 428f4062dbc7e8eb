"""The PySide6 work-arounds hold: emitting signals and reading empty QVariants do not eat the
interpreter's True and None (PySide6 6.12.0 aborted after a few thousand of either)."""

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from desktop import qtfix


def test_emitting_signals_keeps_true_alive():
    qtfix.apply()
    assert not qtfix.emit_leaks_true()
    probe = qtfix._Probe()
    before = sys.getrefcount(True)
    for _ in range(500):
        probe.ping.emit()
    assert sys.getrefcount(True) >= before


def test_empty_variants_keep_none_alive(app):
    qtfix.apply()
    assert not qtfix.variant_none_leaks()
    combo = QComboBox()
    combo.addItem("no data")
    for _ in range(3):                       # warm up: first calls make objects that hold None
        combo.currentData()
        combo.model().index(0, 0).data(Qt.ItemDataRole.UserRole)
        combo.property("no such property")
    before = sys.getrefcount(None)
    for _ in range(500):
        combo.currentData()
        combo.model().index(0, 0).data(Qt.ItemDataRole.UserRole)
        combo.property("no such property")
    assert sys.getrefcount(None) >= before - 5      # unpatched: 1,500 fewer

"""The PySide6 work-around holds: void calls, empty QVariants and emits cannot run down None/True
(PySide6 6.12.0 on Python 3.11 aborted after a few thousand of them)."""

import sys

from PySide6.QtWidgets import QComboBox, QWidget

from desktop import qtfix


def test_none_and_true_cannot_run_out(app):
    qtfix.apply()
    if qtfix._applied:
        assert sys.getrefcount(None) > qtfix.BOOST // 2
        assert sys.getrefcount(True) > qtfix.BOOST // 2
    else:
        assert not qtfix.needs_fix()


def test_many_leaky_calls_do_not_abort(app):
    qtfix.apply()
    widget, combo, probe = QWidget(), QComboBox(), qtfix._Probe()
    combo.addItem("no data")
    for _ in range(20_000):       # unpatched 3.11: None's ~40k references would be gone by about here
        widget.setToolTip("x")
        combo.currentData()
        probe.ping.emit()
    assert sys.getrefcount(None) > 0

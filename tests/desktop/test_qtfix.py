"""The PySide6 work-arounds hold: emitting signals from Python does not eat the interpreter's True."""

import sys

from desktop import qtfix


def test_emitting_signals_keeps_true_alive():
    qtfix.apply()
    assert not qtfix.emit_leaks_true()
    probe = qtfix._Probe()
    before = sys.getrefcount(True)
    for _ in range(500):
        probe.ping.emit()
    assert sys.getrefcount(True) >= before

"""Work-arounds for bugs in the PySide6 we run on, each applied only where the bug is present.

PySide6 6.12.0: `SignalInstance.emit()` returns True without a reference of its own, so every emit
from Python takes one reference from the interpreter's True; after a few thousand emits True's
count reaches zero and the process aborts ("Fatal Python error: bool_dealloc"). `apply()` probes
for the bug and, if found, wraps emit to add the missing reference. Imported by desktop.context
and desktop.app, so every GUI entry point has it before the first emit.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal, SignalInstance

_applied = False


class _Probe(QObject):
    ping = Signal()


def emit_leaks_true() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(20):
        probe.ping.emit()
    return sys.getrefcount(True) - before <= -10


def apply() -> bool:
    """Patch what is broken; True if a work-around was installed (idempotent)."""
    global _applied
    if _applied:
        return True
    if not emit_leaks_true():
        return False
    incref = ctypes.pythonapi.Py_IncRef
    incref.argtypes = [ctypes.py_object]
    incref.restype = None
    original = SignalInstance.emit

    def emit(self, *args):
        result = original(self, *args)
        if result is True or result is False:
            incref(result)
        return result

    SignalInstance.emit = emit
    _applied = True
    return True


apply()

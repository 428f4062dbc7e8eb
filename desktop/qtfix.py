"""Work-arounds for PySide6, applied before the first Qt call that matters.

1. PySide6 builds that expect immortal None/True (Python ≥ 3.12) running on 3.11.

PySide6 6.12.0 hands Python None and True without the reference it owes for them: every call of a
void method (`widget.update()`, `app.processEvents()` …) and every QVariant that converts to None
takes one reference from None; every `Signal.emit()` takes one from True. On Python 3.12+ these
objects are immortal and nothing happens; on 3.11 their counts run down and, after a few thousand
calls, the process aborts ("Fatal Python error: none_dealloc / bool_dealloc").

`apply()` probes for the leak and, where found on a CPython without immortal objects, raises the
counts of None, True and False by 2**40 — what 3.12 does in effect — so they cannot reach zero in
any real session (a trillion calls). desktop.context and desktop.app import this module, so every
GUI entry point has it before the first Qt call that matters. Running on Python ≥ 3.12, or a
PySide6 without the bug, makes it a no-op.

2. Once PySide6 is loaded, its `__feature__` import hook reads the source file of every module
imported after it (inspect.getsource), looking for the text "PySide6", to decide whether the module
may switch on features such as snake_case. This application uses none, and a frozen build has no
source to read, where every module gets "ignore" anyway. `skip_feature_source_scan()` gives every
module that answer without reading its file: ~11 ms of a 90 ms start-up budget on ~56 modules.
"""

from __future__ import annotations

import sys

from PySide6 import QtCore

BOOST = 1 << 40
_applied = False


class _Probe(QtCore.QObject):
    ping = QtCore.Signal()


def _drop(obj, call, n: int = 100) -> int:
    call()                                  # warm up: a first call may create objects holding obj
    before = sys.getrefcount(obj)
    for _ in range(n):
        call()
    return before - sys.getrefcount(obj)


def void_call_leaks_none() -> bool:
    probe = QtCore.QObject()
    return _drop(None, lambda: probe.setObjectName("probe")) >= 50


def emit_leaks_true() -> bool:
    probe = _Probe()
    return _drop(True, probe.ping.emit) >= 50


def needs_fix() -> bool:
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False                        # None/True/False are immortal there
    return void_call_leaks_none() or emit_leaks_true()


def _raise_refcount(obj, by: int) -> None:
    # CPython object header: ob_refcnt (Py_ssize_t) is the first field. (ctypes only here: a PySide6 without
    # the leak does not load it, nor have its source read by PySide6's scan, ~0.5 MB.)
    import ctypes
    cell = ctypes.c_ssize_t.from_address(id(obj))
    cell.value += by


def apply() -> bool:
    """Make None/True/False practically immortal if this PySide6 leaks them; True if done (idempotent)."""
    global _applied
    if _applied:
        return True
    if not needs_fix():
        return False
    for obj in (None, True, False):
        _raise_refcount(obj, BOOST)
    _applied = True
    return True


def skip_feature_source_scan() -> bool:
    """Answer "does not use __feature__" without reading the module's source (see above)."""
    feature = sys.modules.get("PySide6.support.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = lambda _module: False
    return True


apply()
skip_feature_source_scan()

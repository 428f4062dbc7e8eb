"""Work-arounds for reference-count bugs in the PySide6 we run on, applied only where the bug shows.

PySide6 6.12.0 hands Python two objects without the reference it owes for them:
- `SignalInstance.emit()` returns True that way: every emit from Python takes one reference
  from True;
- every QVariant that converts to None (an item's `data()` for a role it does not have, a
  combo's `currentData()` on an item without data, `QObject.property()` of an unset property …)
  takes one reference from None.
After a few thousand such calls the count reaches zero and the process aborts ("Fatal Python
error: bool_dealloc / none_dealloc"). `apply()` probes for each bug and, where found, wraps the
affected methods to add the missing reference. desktop.context and desktop.app import this module,
so every GUI entry point has it before the first call.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6 import QtCore, QtGui, QtWidgets

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None
_applied: set[str] = set()

# Methods returning a QVariant, by owning class (patched where the class itself defines them).
VARIANT_METHODS: tuple[tuple[type, tuple[str, ...]], ...] = (
    (QtCore.QModelIndex, ("data",)),
    (QtCore.QPersistentModelIndex, ("data",)),
    (QtCore.QAbstractItemModel, ("data", "headerData")),
    (QtCore.QAbstractTableModel, ("data", "headerData")),
    (QtCore.QAbstractListModel, ("data", "headerData")),
    (QtCore.QAbstractProxyModel, ("data", "headerData")),
    (QtCore.QSortFilterProxyModel, ("data", "headerData")),
    (QtCore.QIdentityProxyModel, ("data", "headerData")),
    (QtCore.QStringListModel, ("data",)),
    (QtCore.QObject, ("property",)),
    (QtGui.QStandardItemModel, ("data", "headerData")),
    (QtGui.QStandardItem, ("data",)),
    (QtGui.QAction, ("data",)),
    (QtWidgets.QComboBox, ("currentData", "itemData")),
    (QtWidgets.QListWidgetItem, ("data",)),
    (QtWidgets.QTableWidgetItem, ("data",)),
    (QtWidgets.QTreeWidgetItem, ("data",)),
    (QtWidgets.QTabBar, ("tabData",)),
    (QtWidgets.QToolBox, ()),
)


class _Probe(QtCore.QObject):
    ping = QtCore.Signal()


def emit_leaks_true() -> bool:
    probe = _Probe()
    probe.ping.emit()                  # warm up: first calls create lazily made objects
    before = sys.getrefcount(True)
    for _ in range(100):
        probe.ping.emit()
    return sys.getrefcount(True) - before <= -50


def variant_none_leaks() -> bool:
    item = QtGui.QStandardItem("probe")
    role = int(QtCore.Qt.ItemDataRole.UserRole) + 77
    item.data(role)                    # warm up
    before = sys.getrefcount(None)
    for _ in range(100):
        item.data(role)
    return sys.getrefcount(None) - before <= -50


def _fix_emit() -> None:
    original = QtCore.SignalInstance.emit

    def emit(self, *args):
        result = original(self, *args)
        if result is True or result is False:
            _incref(result)
        return result

    QtCore.SignalInstance.emit = emit


def _owe_none(original):
    def call(*args, **kwargs):
        result = original(*args, **kwargs)
        if result is None:
            _incref(None)
        return result
    call.__name__ = getattr(original, "__name__", "call")
    call.__doc__ = getattr(original, "__doc__", None)
    return call


def _fix_variants() -> None:
    for cls, names in VARIANT_METHODS:
        for name in names:
            if name in cls.__dict__:
                setattr(cls, name, _owe_none(cls.__dict__[name]))


def apply() -> set[str]:
    """Patch what is broken (idempotent); returns the names of the work-arounds in place."""
    if "emit" not in _applied and emit_leaks_true():
        _fix_emit()
        _applied.add("emit")
    if "variant" not in _applied and variant_none_leaks():
        _fix_variants()
        _applied.add("variant")
    return set(_applied)


apply()

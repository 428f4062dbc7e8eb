"""One window per data file. The open window listens on a local address named after its database (a
Unix socket in the user's runtime folder, or a named pipe on Windows); a second start on the same
database finds it there, asks it to come forward and exits.

No Qt here (the window relays what it hears to its own thread), and only bytes on the wire: a message
is one short word, never unpickled.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import threading
from collections.abc import Callable
from multiprocessing.connection import Client, Listener
from pathlib import Path

RAISE = "raise"                      # come forward (a second start on the same database)
PING = "ping"                        # are you there? (answered, nothing else happens)
_STOP = "stop"                       # from the listener itself, to end its thread
_FAMILY = "AF_PIPE" if os.name == "nt" else "AF_UNIX"


def _user() -> str:
    if hasattr(os, "getuid"):
        return str(os.getuid())
    return os.environ.get("USERNAME", "")


def address(db_path: str | Path) -> str:
    """The local address of the window open on `db_path` (for this user: two users opening the same
    shared file each have their own)."""
    key = os.path.normcase(str(Path(db_path).expanduser().resolve()))
    digest = hashlib.sha256(f"{_user()}\0{key}".encode()).hexdigest()[:24]
    if os.name == "nt":
        return rf"\\.\pipe\LiaisonDesk-{digest}"
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    folder = runtime if runtime and os.path.isdir(runtime) else tempfile.gettempdir()
    return os.path.join(folder, f"liaison-desk-{digest}.sock")


def ask_window(db_path: str | Path, message: str = RAISE, *, timeout: float = 3.0) -> str | None:
    """Send `message` to the window open on `db_path`; its answer, or None when no window has it open."""
    try:
        conn = Client(address(db_path), family=_FAMILY)
    except OSError:                  # no such socket or pipe, or one left by a program that ended
        return None
    with conn:
        try:
            conn.send_bytes(message.encode("ascii"))
            if not conn.poll(timeout):
                return "busy"        # there, but not answering: still, another window has it open
            return conn.recv_bytes(64).decode("ascii", "replace")
        except (OSError, EOFError):
            return None


class WindowListener:
    """Listens for later starts on the same database and hands each message to `on_message` (called
    on the listener's thread: relay it to the GUI thread)."""

    def __init__(self, db_path: str | Path, on_message: Callable[[str], None]):
        self.db_path = Path(db_path)
        self.on_message = on_message
        self._listener: Listener | None = None
        self._thread: threading.Thread | None = None
        self._stopping = False

    def start(self) -> bool:
        """Listen; False when another window already listens for this database."""
        where = address(self.db_path)
        try:
            self._listener = Listener(where, family=_FAMILY)
        except OSError:
            if ask_window(self.db_path, PING) is not None:
                return False
            if os.name == "nt":
                return False
            with contextlib.suppress(OSError):   # left behind by a window that crashed
                os.unlink(where)
            try:
                self._listener = Listener(where, family=_FAMILY)
            except OSError:
                return False
        self._thread = threading.Thread(target=self._serve, name="liaison-desk-window", daemon=True)
        self._thread.start()
        return True

    def _serve(self) -> None:
        while True:
            try:
                conn = self._listener.accept()
            except OSError:
                return
            with conn:
                try:
                    if not conn.poll(2.0):
                        continue
                    message = conn.recv_bytes(64).decode("ascii", "replace")
                    conn.send_bytes(b"ok")
                except (OSError, EOFError):
                    continue
            if self._stopping:
                return
            if message in (RAISE,):
                self.on_message(message)

    def close(self) -> None:
        if self._listener is None:
            return
        self._stopping = True
        ask_window(self.db_path, _STOP, timeout=1.0)     # wakes the thread out of accept()
        if self._thread is not None:
            self._thread.join(2.0)
        with contextlib.suppress(OSError):
            self._listener.close()
        self._listener = None

"""One window per data file. The open window listens on a local address named after its database (a
Unix socket in the user's runtime folder, or a named pipe on Windows); a second start on the same
database finds it there, asks it to come forward and exits.

No Qt here (the window relays what it hears to its own thread), and only bytes on the wire: a message
is one short word, never unpickled.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
import zlib
from collections.abc import Callable
from pathlib import Path

RAISE = "raise"                      # come forward (a second start on the same database)
PING = "ping"                        # are you there? (answered, nothing else happens)
_STOP = "stop"                       # from the listener itself, to end its thread
WINDOWS = os.name == "nt"
# (hashlib and multiprocessing would add 60 ms to every start: zlib is loaded already. The Unix socket is
# CPython's own _socket: the socket module over it adds its enums, selectors and the rest, ~0.3 MB that the
# window would carry for two calls, bench_memory)


def _unix_socket(fileno: int | None = None):
    import _socket
    if fileno is None:
        return _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    return _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM, 0, fileno)


def _user() -> str:
    if hasattr(os, "getuid"):
        return str(os.getuid())
    return os.environ.get("USERNAME", "")


def address(db_path: str | Path) -> str:
    """The local address of the window open on `db_path` (for this user: two users opening the same
    shared file each have their own)."""
    key = f"{_user()}\0{os.path.normcase(str(Path(db_path).expanduser().resolve()))}".encode()
    digest = f"{zlib.crc32(key):08x}{zlib.crc32(key[::-1]):08x}{zlib.adler32(key):08x}"
    if WINDOWS:
        return rf"\\.\pipe\LiaisonDesk-{digest}"
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    folder = runtime if runtime and os.path.isdir(runtime) else tempfile.gettempdir()
    return os.path.join(folder, f"liaison-desk-{digest}.sock")


def ask_window(db_path: str | Path, message: str = RAISE, *, timeout: float = 3.0) -> str | None:
    """Send `message` to the window open on `db_path`; its answer ("busy" when it is there but does not
    answer), or None when no window has it open."""
    where = address(db_path)
    if WINDOWS:
        return _ask_pipe(where, message, timeout)
    sock = _unix_socket()
    sock.settimeout(timeout)
    with contextlib.closing(sock):
        try:
            sock.connect(where)
        except TimeoutError:
            return "busy"
        except OSError:              # no such socket, or one left by a window that ended
            return None
        try:
            sock.sendall(message.encode("ascii"))
            answer = sock.recv(64)
        except TimeoutError:
            return "busy"
        except OSError:
            return None
    return answer.decode("ascii", "replace") or None


def window_is_open(db_path: str | Path) -> bool:
    """Whether a Liaison Desk window (of this user) has `db_path` open: for commands that would replace
    or delete the file under it."""
    return ask_window(db_path, PING, timeout=1.0) is not None


def _ask_pipe(where: str, message: str, timeout: float) -> str | None:
    from multiprocessing.connection import Client
    try:
        conn = Client(where, family="AF_PIPE")
    except OSError:
        return None
    with conn:
        try:
            conn.send_bytes(message.encode("ascii"))
            if not conn.poll(timeout):
                return "busy"
            return conn.recv_bytes(64).decode("ascii", "replace")
        except (OSError, EOFError):
            return None


class WindowListener:
    """Listens for later starts on the same database and hands each message to `on_message` (called
    on the listener's thread: relay it to the GUI thread)."""

    def __init__(self, db_path: str | Path, on_message: Callable[[str], None]):
        self.db_path = Path(db_path)
        self.on_message = on_message
        self._where = address(db_path)
        self._server = None
        self._thread: threading.Thread | None = None
        self._stopping = False

    def _bind(self):
        if WINDOWS:
            from multiprocessing.connection import Listener
            return Listener(self._where, family="AF_PIPE")
        sock = _unix_socket()
        try:
            sock.bind(self._where)
            os.chmod(self._where, 0o600)
            sock.listen(8)
        except OSError:
            sock.close()
            raise
        return sock

    def start(self) -> bool:
        """Listen; False when another window already listens for this database."""
        try:
            self._server = self._bind()
        except OSError:
            if WINDOWS or ask_window(self.db_path, PING) is not None:
                return False
            with contextlib.suppress(OSError):   # left behind by a window that crashed
                os.unlink(self._where)
            try:
                self._server = self._bind()
            except OSError:
                return False
        self._thread = threading.Thread(target=self._serve, name="liaison-desk-window", daemon=True)
        self._thread.start()
        return True

    def _receive(self, conn) -> str:
        """Read one message from a caller and answer "ok"."""
        if WINDOWS:
            if not conn.poll(2.0):
                return ""
            message = conn.recv_bytes(64)
            conn.send_bytes(b"ok")
        else:
            conn.settimeout(2.0)
            message = conn.recv(64)
            conn.sendall(b"ok")
        return message.decode("ascii", "replace")

    def _serve(self) -> None:
        while not self._stopping:
            try:
                conn = self._server.accept() if WINDOWS else _unix_socket(self._server._accept()[0])
            except OSError:                  # closed
                return
            try:
                with contextlib.closing(conn):
                    message = self._receive(conn)
            except (OSError, EOFError):      # a caller that went away: wait for the next
                continue
            if message == RAISE and not self._stopping:
                self.on_message(message)

    def close(self) -> None:
        if self._server is None:
            return
        self._stopping = True
        ask_window(self.db_path, _STOP, timeout=1.0)     # wakes the thread out of accept()
        if self._thread is not None:
            self._thread.join(2.0)
        with contextlib.suppress(OSError):
            self._server.close()
        if not WINDOWS:
            with contextlib.suppress(OSError):
                os.unlink(self._where)
        self._server = None

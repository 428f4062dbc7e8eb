"""The one business clock: today's date and the local time of day for every record, list and check.

Everything that stamps or compares a business date (a member joins today, a follow-up is overdue, a
step may not be in the future, a backup is named by its time) asks this module, never
`datetime.date.today()` or `datetime.now()` directly, so tests and demonstrations can pin the day
for `db`, the command line and the window alike.

Times are the office's local time, which is the PC's own zone: every CPPCC office keeps Beijing
time, and the clerk compares what the program shows with the clock on the taskbar.

Pinning:
- `pin(moment)` / `unpin()` or the `pinned(moment)` context manager, in-process (tests);
- the environment variable `LIAISON_DESK_TODAY` (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]`), for a
  child process such as the command line run by a test. A pinned date without a time keeps the
  real time of day, so that successive steps still come in order.

The sync clocks (`db.clock`, hybrid logical clocks) keep reading the real wall clock: they order
changes across offices and are not business dates.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator

ENV = "LIAISON_DESK_TODAY"

_pinned: dt.datetime | dt.date | None = None


def _parse(text: str) -> dt.datetime | dt.date:
    text = text.strip()
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else dt.datetime.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"{ENV}={text!r}: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM") from exc


def _pin_value() -> dt.datetime | dt.date | None:
    if _pinned is not None:
        return _pinned
    text = os.environ.get(ENV)
    return _parse(text) if text else None


def now() -> dt.datetime:
    """The office's local date and time (naive, like every time stored in the database)."""
    pin = _pin_value()
    real = dt.datetime.now()
    if pin is None:
        return real
    if isinstance(pin, dt.datetime):
        return pin.replace(tzinfo=None)
    return dt.datetime.combine(pin, real.time())


def today() -> dt.date:
    """The office's local calendar date."""
    pin = _pin_value()
    if pin is None:
        return dt.date.today()
    return pin.date() if isinstance(pin, dt.datetime) else pin


def now_text() -> str:
    """Now as stored in the database: `YYYY-MM-DDTHH:MM:SS`."""
    return now().isoformat(timespec="seconds")


def pin(moment: dt.datetime | dt.date | str | None) -> None:
    """Fix the business clock at `moment` (a date keeps the real time of day); None releases it."""
    global _pinned
    _pinned = _parse(moment) if isinstance(moment, str) else moment


def unpin() -> None:
    pin(None)


@contextlib.contextmanager
def pinned(moment: dt.datetime | dt.date | str) -> Iterator[None]:
    """Run a block with the business clock fixed at `moment`, then restore what was before."""
    global _pinned
    before = _pinned
    pin(moment)
    try:
        yield
    finally:
        _pinned = before

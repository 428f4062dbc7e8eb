"""Identity and time: UUIDv7 row ids and the persisted hybrid logical clock of SYNC.md.

A clock value is a text `"{hlc:016x}@{node_id}"`: 48 bits of wall-clock milliseconds and a
16-bit counter, then the node. Text order is the total order (hlc, node), so clocks compare
as plain strings in Python and in SQL.
"""

from __future__ import annotations

import os
import time

MAX_DRIFT_MS = 24 * 3600 * 1000     # never run more than 24 h ahead of the local wall clock
_COUNTER_BITS = 16
_COUNTER_MAX = (1 << _COUNTER_BITS) - 1


def new_node_id() -> str:
    """A random 64-bit node id as 16 hex digits."""
    return os.urandom(8).hex()            # secrets.token_hex(8), without loading OpenSSL (hashlib) for it


def uuid7(now_ms: int | None = None) -> str:
    """A UUIDv7 (RFC 9562) as text: time-ordered, so new rows append to the B-tree."""
    ms = int(time.time() * 1000) if now_ms is None else now_ms
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | (rand >> 68 & 0xFFF) << 64 | 0b10 << 62 | (rand & ((1 << 62) - 1))
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def uuid7_many(n: int) -> list[str]:
    """`n` UUIDv7s of this millisecond with one call for the clock and one for random bytes."""
    ms = (int(time.time() * 1000) & ((1 << 48) - 1)) << 80 | 0x7 << 76 | 0b10 << 62
    rand = os.urandom(10 * n)
    out = []
    for i in range(0, 10 * n, 10):
        r = int.from_bytes(rand[i:i + 10], "big")
        h = f"{ms | (r >> 68 & 0xFFF) << 64 | (r & ((1 << 62) - 1)):032x}"
        out.append(f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}")
    return out


def pack(wall_ms: int, counter: int) -> int:
    return (wall_ms << _COUNTER_BITS) | counter


def unpack(hlc: int) -> tuple[int, int]:
    return hlc >> _COUNTER_BITS, hlc & _COUNTER_MAX


def clock_text(hlc: int, node_id: str) -> str:
    return f"{hlc:016x}@{node_id}"


def parse_clock(text: str) -> tuple[int, str]:
    h, _, node = text.partition("@")
    return int(h, 16), node


def wall_ms_now() -> int:
    return int(time.time() * 1000)


class HybridClock:
    """The node's hybrid logical clock. `now()` ticks for a local write; `observe()` merges a
    remote clock, bounded to MAX_DRIFT_MS ahead of the wall clock (returns False when the
    remote clock was further ahead than that: the change is applied, and flagged)."""

    def __init__(self, node_id: str, last: int = 0, wall=wall_ms_now):
        self.node_id = node_id
        self.last = last
        self._wall = wall

    def now(self) -> int:
        wall_ms = self._wall()
        last_ms, counter = unpack(self.last)
        if wall_ms > last_ms:
            self.last = pack(wall_ms, 0)
        elif counter < _COUNTER_MAX:
            self.last = pack(last_ms, counter + 1)
        else:                                   # 65 536 writes in one ms: borrow the next ms
            self.last = pack(last_ms + 1, 0)
        return self.last

    def now_many(self, n: int) -> range | list[int]:
        """`n` consecutive ticks: one wall-clock read, then counters (the same order as n calls of now())."""
        first = self.now()
        if unpack(first)[1] + n - 1 <= _COUNTER_MAX:
            self.last = first + n - 1
            return range(first, first + n)
        return [first] + [self.now() for _ in range(n - 1)]

    def now_text(self) -> str:
        return clock_text(self.now(), self.node_id)

    def observe(self, remote_hlc: int) -> bool:
        limit = pack(self._wall() + MAX_DRIFT_MS, _COUNTER_MAX)
        within = remote_hlc <= limit
        seen = min(remote_hlc, limit)
        if seen > self.last:
            self.last = seen
        return within

"""Sorting Chinese by pinyin, as people look things up: 安 … 李 … 王 … 张, not by code point
(which puts 张 before 李 before 王).

`text_key(s)` and `name_key(s)` (a person's name: surnames with their own reading, 单 shàn,
曾 zēng, 仇 qiú …) give ASCII strings whose plain byte order is the pinyin order: syllable by
syllable, then tone, then the character itself (so that all 李 stay together, before 里 and 理).
Characters without a known reading (rare Extension B–F ones) follow those with one; letters and
digits sort among the syllables; spaces and punctuation (the · of 阿依古丽·买买提) are ignored.

`register(conn)` adds them to an SQLite connection as the functions zh_key(x) and
zh_name_key(x), for ORDER BY, and zh_pinyin(name) (`name_pinyin`) for finding a name by its letters. The readings are db/data/pinyin.txt (tools/make_pinyin_table.py).
"""

from __future__ import annotations

import functools
import sqlite3
import threading
from array import array
from bisect import bisect_right
from pathlib import Path

TABLE = Path(__file__).with_name("data") / "pinyin.txt"

# Surnames read otherwise than the character's common reading; compound surnames first.
SURNAMES: dict[str, tuple[str, ...]] = {
    "万俟": ("mo4", "qi2"), "尉迟": ("yu4", "chi2"), "长孙": ("zhang3", "sun1"),
    "单": ("shan4",), "曾": ("zeng1",), "仇": ("qiu2",), "解": ("xie4",), "朴": ("piao2",), "区": ("ou1",),
    "查": ("zha1",), "覃": ("qin2",), "盖": ("ge3",), "缪": ("miao4",), "翟": ("zhai2",), "乐": ("yue4",),
    "员": ("yun4",), "柏": ("bai3",), "秘": ("bi4",), "种": ("chong2",), "繁": ("po2",), "重": ("chong2",),
    "过": ("guo1",), "纪": ("ji3",), "牟": ("mou2",), "薄": ("bo2",), "折": ("she2",), "洗": ("xian3",),
    "隗": ("wei3",), "逄": ("pang2",), "召": ("shao4",), "宿": ("su4",), "黑": ("he4",), "曲": ("qu1",),
    "句": ("gou1",), "阚": ("kan4",), "贲": ("ben1",), "郇": ("huan2",), "华": ("hua4",), "任": ("ren2",),
    "莘": ("shen1",), "塔": ("ta3",), "藏": ("zang4",), "粘": ("nian2",), "佘": ("she2",),
}
_NO_READING = "~"           # after every letter: characters without a reading come last

_lock = threading.Lock()
_readings: Readings | None = None


class Readings:
    """character → "syllable" + tone digit. Kept as arrays of 2-byte reading numbers, one per run of code
    points with readings (CJK and Extension A; the compatibility ideographs; Extensions B–H): 0.2 MB for its
    42k characters, where one array over the whole range, gaps included, held 0.4 MB and a dict 4.2 MB
    (loaded by the first list sorted or filtered by a group, bench_memory)."""

    GAP = 4096              # more code points than this without a reading start a new run

    def __init__(self, lines) -> None:
        by_reading = [(reading, chars) for reading, _, chars in
                      (line.partition("\t") for line in lines if line and not line.startswith("#"))]
        self.names = [""] + [reading for reading, _ in by_reading]
        points = sorted(ord(ch) for _, chars in by_reading for ch in chars)
        self.starts: list[int] = []
        self.runs: list[array] = []
        for i, point in enumerate(points):
            if i == 0 or point - points[i - 1] > self.GAP:
                self.starts.append(point)
            if i + 1 == len(points) or points[i + 1] - point > self.GAP:
                self.runs.append(array("H", bytes(2 * (point - self.starts[-1] + 1))))
        for number, (_, chars) in enumerate(by_reading, 1):
            for ch in chars:
                k = bisect_right(self.starts, ord(ch)) - 1
                self.runs[k][ord(ch) - self.starts[k]] = number
        first = self.runs[0] if self.runs else array("H")
        self.first, self.numbers = (self.starts[0] if self.starts else 0), first    # the run of common characters

    def get(self, ch: str, default: str | None = None) -> str | None:
        point = ord(ch)
        i = point - self.first
        if 0 <= i < len(self.numbers):
            number = self.numbers[i]
        else:
            k = bisect_right(self.starts, point) - 1
            i = point - self.starts[k] if k >= 0 else -1
            number = self.runs[k][i] if 0 <= i < len(self.runs[k]) else 0
        return self.names[number] if number else default

    def __getitem__(self, ch: str) -> str:
        found = self.get(ch)
        if found is None:
            raise KeyError(ch)
        return found


def readings() -> Readings:
    """The readings, loaded once."""
    global _readings
    if _readings is None:
        with _lock:
            if _readings is None:
                _readings = Readings(TABLE.read_text(encoding="utf-8").splitlines())
    return _readings


def _token(ch: str, reading: str | None) -> str:
    if reading:
        return f"{reading}{ord(ch):05x}"
    if ch.isalnum():
        if ch.isascii() or not ("\u3400" <= ch <= "\u9fff" or ord(ch) >= 0x20000 or "\uf900" <= ch <= "\ufaff"):
            return ch.lower()
        return f"{_NO_READING}{ord(ch):05x}"
    return ""                                  # spaces, ·, punctuation


@functools.lru_cache(maxsize=65536)
def text_key(text) -> str:
    if text is None or text == "":
        return ""
    if not isinstance(text, str):                # a number or blob where a name was expected
        text = str(text)
    table = readings()
    return "".join(_token(ch, table.get(ch)) for ch in text)


@functools.lru_cache(maxsize=65536)
def name_key(name) -> str:
    """The key of a person's name: the surname read as a surname."""
    if name is None or name == "":
        return ""
    name = str(name).strip()
    for surname, sounds in SURNAMES.items():
        if name.startswith(surname):
            head = "".join(f"{s}{ord(ch):05x}" for s, ch in zip(sounds, surname, strict=True))
            return head + text_key(name[len(surname):])
    return text_key(name)


@functools.lru_cache(maxsize=65536)
def name_pinyin(name) -> str:
    """A person's name in letters, for finding it by pinyin: the syllables, then their initials (王宝银 →
    "wangbaoyin wby"; 吕 is lv). The surname read as a surname; a character without a reading adds nothing."""
    if name is None or name == "":
        return ""
    name = str(name).strip()
    sounds: list[str] = []
    for surname, readings_of in SURNAMES.items():
        if name.startswith(surname):
            sounds, name = [s.rstrip("012345") for s in readings_of], name[len(surname):]
            break
    table = readings()
    for ch in name:
        reading = table.get(ch)
        if reading:
            sounds.append(reading.rstrip("012345"))
        elif ch.isascii() and ch.isalnum():
            sounds.append(ch.lower())
    return "".join(sounds) + " " + "".join(s[0] for s in sounds)


def register(conn: sqlite3.Connection) -> None:
    conn.create_function("zh_key", 1, text_key, deterministic=True)
    conn.create_function("zh_name_key", 1, name_key, deterministic=True)
    conn.create_function("zh_pinyin", 1, name_pinyin, deterministic=True)


def group_order(group_id_sql: str) -> str:
    """SQL for ORDER BY: the pinyin position of the liaison group that `group_id_sql` names. Sorts like
    zh_key(g.name) but computes the key once per group, not once per row: a 500k-row list sorted by group
    costs what sorting by the bare name did (bench/records/bench_sort_and_counts.py)."""
    return (f"(SELECT k.pos FROM (SELECT id, row_number() OVER (ORDER BY zh_key(name), id) AS pos "
            f"FROM liaison_group) k WHERE k.id = {group_id_sql})")

"""Write db/data/pinyin.txt, the readings behind Chinese sorting by pinyin (db.sortkey).

Run by a developer when the table should change, not at install or run time (the application
never fetches anything); pypinyin is needed only here:

    pip install --target /tmp/pyplib pypinyin && PYTHONPATH=/tmp/pyplib python tools/make_pinyin_table.py

One line per reading, "syllable+tone<TAB>characters", for every character pypinyin knows in
the BMP and beyond; a character takes its most common reading (surnames that read otherwise
are in db.sortkey). Tone 5 is the neutral tone. pypinyin is MIT-licensed; its readings come
from the Unihan database and 汉典/zdic-style sources.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "db" / "data" / "pinyin.txt"


def main() -> int:
    try:
        import pypinyin
        from pypinyin import Style, pinyin
        from pypinyin.constants import PINYIN_DICT
    except ImportError:
        print(__doc__, file=sys.stderr)
        return 2
    by_reading: dict[str, list[str]] = defaultdict(list)
    for cp in sorted(PINYIN_DICT):
        ch = chr(cp)
        if not ("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or cp >= 0x20000):
            continue
        reading = pinyin(ch, style=Style.TONE3, heteronym=False, neutral_tone_with_five=True)[0][0]
        reading = reading.replace("ü", "v")
        if not reading[:-1].isascii() or not reading[:-1].isalpha() or not reading[-1].isdigit():
            continue
        by_reading[reading].append(ch)
    lines = [f"# pinyin readings for sorting; made by tools/make_pinyin_table.py from pypinyin {pypinyin.__version__}"]
    lines += [f"{r}\t{''.join(chars)}" for r, chars in sorted(by_reading.items())]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {sum(map(len, by_reading.values()))} characters, {len(by_reading)} readings, "
          f"{OUT.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())

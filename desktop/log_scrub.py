"""Log text without personal data: Chinese text (names, addresses) and phone or ID numbers cut out. No Qt here:
the window's log (desktop.errors_ui) and the command line's cli-errors.log both use it."""

from __future__ import annotations

import re

# compiled at the first use (re caches it): compiling the wide character class takes ~6 ms of the start.
# A number is a run of digit groups of three or more, with single spaces or dashes between them, after an
# optional +86 and an optional area code in brackets: 13900000000, 139-0000-0000, +86 139 0000 0000,
# (0851)8888-8888, （0851）88888888, an ID card number. It is cut when it holds seven digits or more; a date
# (2026-12-05) or a time has groups of two and stays.
_SCRUB = (r"(?P<zh>[\u3000-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+)"
          r"|(?:\+\d{1,3}[ -]?)?(?:[(（]\d{2,4}[)）] ?-?)?\d{3,}(?:[ -]?\d{3,})*")


def _cut(m: re.Match) -> str:
    text = m.group(0)
    return "…" if m.group("zh") or sum(c.isdigit() for c in text) >= 7 else text


def scrub(text: str) -> str:
    """Remove what could be personal data (Chinese text: names, addresses; phone and ID numbers however they
    are written)."""
    return re.sub(_SCRUB, _cut, text)

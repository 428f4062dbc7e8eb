"""Screenshots of the record editors at 1366×768-sized dialogs, in Chinese and English, saved beside the
page screenshots (LIAISON_DESK_SCREENSHOTS, default screenshots/ in the source tree, ignored by git)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from db import followups as fu
from db import meetings as mt
from db import opinions as op
from db import visits as vs

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def shots_dir() -> Path:
    folder = Path(os.environ.get("LIAISON_DESK_SCREENSHOTS", ROOT / "screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def settle(ctx, qtbot):
    from PySide6.QtWidgets import QApplication
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=10_000)
    QApplication.processEvents()


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_screenshot_every_record_editor(window, qtbot, shots_dir, lang):
    from desktop.dialogs.followup_editor import FollowUpEditor
    from desktop.dialogs.meeting_editor import MeetingEditor
    from desktop.dialogs.opinion_editor import OpinionEditor
    from desktop.dialogs.visit_editor import VisitEditor
    ctx = window.ctx
    window.set_language(lang)
    final = mt.list_meetings(ctx.db, mt.MeetingFilter(states=("final",)), limit=1)[0].id
    overdue = fu.list_follow_ups(ctx.db, fu.FollowUpFilter(overdue_only=True), today=ctx.today(), limit=1)[0].id
    shots = []
    try:
        editor = MeetingEditor(ctx, final, window)
        editor.show()
        for i in range(editor.tabs.count() - 1):
            editor.select_tab(i)
            settle(ctx, qtbot)
            shots.append((f"meeting-editor-{i}", editor.grab()))
            if i == 2:                                  # the speeches on no agenda item
                editor.agenda.show_other()
                settle(ctx, qtbot)
                shots.append(("meeting-editor-2-other", editor.grab()))
        editor._may_close = True
        editor.close()
        for name, editor in (("followup-editor", FollowUpEditor(ctx, overdue, window)),
                             ("opinion-editor", OpinionEditor(ctx, op.list_opinions(ctx.db, limit=1)[0].id, window)),
                             ("visit-editor", VisitEditor(ctx, vs.list_visits(ctx.db, limit=1)[0].id, window)),
                             ("meeting-new", MeetingEditor(ctx, None, window))):
            editor.show()
            settle(ctx, qtbot)
            shots.append((name, editor.grab()))
            editor._may_close = True
            editor.close()
    finally:
        window.set_language("zh_CN")
    for name, image in shots:
        assert image.width() <= 1366 and image.height() <= 728       # fits the screen above the taskbar
        assert image.save(str(shots_dir / f"{name}-{lang}.png"))

"""Two steps a clerk takes in dialogs, on city-10y, through the buttons (issue 18):

  follow-up from a consensus: the meeting's editor is open on its 共识 tab, a consensus item selected;
      click 生成督办… → the follow-up dialog shown ................................. ≤ 300 ms
  a workflow step: a follow-up's editor is open; click a state button (e.g. 交办 / 开始办理), confirm
      → saved and the new state shown in the editor ................................ ≤ 300 ms

No baseline (absolute budgets). The first run of each is the cold path (a fresh connection, the
dialog's code not yet imported); then the median and range of N warm runs. Each run on another
record, so nothing is cached per record. The longest GUI-thread stall is printed as well.

    .venv/bin/python bench/steps/bench_dialog_steps.py [--repeat N] [--profile]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from common_gui import StallMeter, city10y_path, make_app, make_context, report, spread, wait_until
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

PARENT = None


def scratch_copy():
    """These steps write: a copy of the cached city-10y (made once, then reused; its writes stay there)."""
    import shutil

    from common import CACHE
    src, dst = city10y_path(), CACHE / "city-10y-scratch.sqlite3"
    if not dst.exists():
        shutil.copyfile(src, dst)
    return dst


def consensus_meetings(db, n: int) -> list[str]:
    """Latest-revision meetings (drafts or held) with consensus items and a saved state, newest first."""
    return [r[0] for r in db.execute(
        "SELECT m.id FROM meeting m WHERE m.deleted = 0 AND m.state IN ('held', 'draft', 'planned') "
        "AND EXISTS (SELECT 1 FROM consensus_item c WHERE c.meeting_id = m.id AND c.deleted = 0) "
        "AND NOT EXISTS (SELECT 1 FROM meeting r WHERE r.revises_id = m.id) "
        "ORDER BY m.starts_at DESC LIMIT ?", [n]).fetchall()]


def follow_up_from_consensus(ctx, meeting_id: str, profiler=None) -> tuple[float, float]:
    from desktop.dialogs.meeting_editor import MeetingEditor
    editor = MeetingEditor(ctx, meeting_id, PARENT)
    editor.show()
    wait_until(lambda: ctx.tasks.is_idle())
    tab = editor.tabs.indexOf(editor.consensus.parentWidget()) if editor.tabs.indexOf(editor.consensus) < 0 \
        else editor.tabs.indexOf(editor.consensus)
    if tab >= 0:
        editor.tabs.setCurrentIndex(tab)
    editor.consensus.list.setCurrentRow(0)
    QApplication.processEvents()
    button = editor.consensus.buttons["follow_up"]
    assert button.isEnabled(), "生成督办 disabled"
    meter = StallMeter()
    meter.start()
    if profiler:
        profiler.start()
    t = time.perf_counter()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_until(lambda: getattr(editor, "follow_up_dialog", None) is not None
               and editor.follow_up_dialog.isVisible())
    editor.follow_up_dialog.repaint()
    ms = 1000 * (time.perf_counter() - t)
    if profiler:
        profiler.stop()
    stall = meter.stop()
    editor.follow_up_dialog.reject()
    editor._may_close = True
    editor.close()
    editor.deleteLater()
    QApplication.processEvents()
    return ms, stall


def created_from_consensus(ctx, meeting_id: str) -> float:
    """Press 生成督办 in the follow-up dialog: the follow-up saved and listed in the meeting's editor."""
    from PySide6.QtWidgets import QDialogButtonBox

    from desktop.dialogs.meeting_editor import MeetingEditor
    editor = MeetingEditor(ctx, meeting_id, PARENT)
    editor.show()
    wait_until(lambda: ctx.tasks.is_idle())
    editor.consensus.list.setCurrentRow(0)
    QTest.mouseClick(editor.consensus.buttons["follow_up"], Qt.MouseButton.LeftButton)
    wait_until(lambda: getattr(editor, "follow_up_dialog", None) is not None and editor.follow_up_dialog.isVisible())
    before = editor.follow_ups.topLevelItemCount()
    ok = editor.follow_up_dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    t = time.perf_counter()
    QTest.mouseClick(ok, Qt.MouseButton.LeftButton)
    wait_until(lambda: editor.follow_ups.topLevelItemCount() > before)
    editor.follow_ups.repaint()
    ms = 1000 * (time.perf_counter() - t)
    editor._may_close = True
    editor.close()
    editor.deleteLater()
    wait_until(lambda: ctx.tasks.is_idle())
    return ms


def open_followups(db, n: int) -> list[tuple[str, str]]:
    """Follow-ups waiting to be handed to a unit (state open → assigned), newest first."""
    return db.execute("SELECT id, state FROM follow_up WHERE deleted = 0 AND state = 'open' "
                      "ORDER BY rowid DESC LIMIT ?", [n]).fetchall()


def workflow_step(ctx, follow_up_id: str, profiler=None) -> tuple[float, float]:
    """In a follow-up's editor: click the next state's button, then OK in the step dialog → the editor
    shows the new state (saved through the write path, read back)."""
    from PySide6.QtWidgets import QDialogButtonBox

    from desktop.dialogs.followup_editor import FollowUpEditor
    editor = FollowUpEditor(ctx, follow_up_id, PARENT)
    editor.show()
    wait_until(lambda: ctx.tasks.is_idle())
    start_state = editor.record.state
    target = editor.record.next_states[0]
    meter = StallMeter()
    meter.start()
    if profiler:
        profiler.start()
    t = time.perf_counter()
    QTest.mouseClick(editor.panel.buttons[target], Qt.MouseButton.LeftButton)
    wait_until(lambda: getattr(editor, "move_dialog", None) is not None and editor.move_dialog.isVisible())
    shown = time.perf_counter()
    extra = editor.move_dialog.extra_widget
    if extra is not None and not editor.move_dialog.extra_value():       # e.g. the lead unit when handing over
        if hasattr(extra, "setCurrentIndex"):
            extra.setCurrentIndex(max(1, extra.currentIndex()))
        elif hasattr(extra, "setPlainText"):
            extra.setPlainText("已按要求办理。")
        else:
            extra.setText("区住房和城乡建设局")
    ok = editor.move_dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    t2 = time.perf_counter()
    QTest.mouseClick(ok, Qt.MouseButton.LeftButton)
    if not wait_until(lambda: editor.record.state == target, 20_000):
        print("  not moved:", editor.move_dialog.reason.text())
    editor.repaint()
    ms = 1000 * (time.perf_counter() - t2)
    if profiler:
        profiler.stop()
    assert editor.record.state != start_state
    stall = meter.stop()
    print(f"  step {start_state} → {target}: dialog shown in {1000 * (shown - t):.0f} ms, OK → saved and shown "
          f"{ms:.0f} ms")
    editor._may_close = True
    editor.close()
    editor.deleteLater()
    wait_until(lambda: ctx.tasks.is_idle())
    return ms, stall


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--profile", action="store_true", help="pyinstrument over the warm runs")
    ap.add_argument("--window", action="store_true",
                    help="inside the main window, its home, meetings, visits and follow-ups pages built (each "
                         "write refreshes them, as in use)")
    args = ap.parse_args()
    make_app()
    ctx = make_context(scratch_copy())
    global PARENT
    if args.window:
        from desktop.main_window import MainWindow
        window = MainWindow(ctx, translations=QApplication.instance().translations
                            if hasattr(QApplication.instance(), "translations") else None)
        window.resize(1366, 768)
        window.show()
        for key in ("meetings", "visits", "followups", "home"):
            window.show_page(key)
            wait_until(lambda: ctx.tasks.is_idle())
        PARENT = window
    profiler = None
    if args.profile:
        from pyinstrument import Profiler
        profiler = Profiler(interval=0.001)
    meetings = consensus_meetings(ctx.db, args.repeat + 1)
    times, stalls = [], []
    for i, mid in enumerate(meetings):
        ms, stall = follow_up_from_consensus(ctx, mid, profiler if i else None)
        times.append(ms)
        stalls.append(stall)
    print(f"follow-up dialog from a consensus: cold {times[0]:.0f} ms; warm {spread(times[1:])}; "
          f"stall {spread(stalls)}")
    created = [created_from_consensus(ctx, mid) for mid in meetings]
    print(f"follow-up created from a consensus (OK → listed in the meeting): cold {created[0]:.0f} ms; "
          f"warm {spread(created[1:])}")
    steps, step_stalls = [], []
    for fid, _state in open_followups(ctx.db, args.repeat + 1):
        ms, stall = workflow_step(ctx, fid, profiler if steps else None)
        steps.append(ms)
        step_stalls.append(stall)
    print(f"workflow step: cold {steps[0]:.0f} ms; warm {spread(steps[1:])}; stall {spread(step_stalls)}")
    ok = report("follow-up from a consensus: click → dialog shown (cold)", times[0], 300)
    ok &= report("follow-up from a consensus: click → dialog shown (warm median)", statistics.median(times[1:]), 300)
    ok &= report("follow-up from a consensus: OK → created, listed (warm median)", statistics.median(created[1:]), 300)
    ok &= report("workflow step: OK → saved and shown (cold)", steps[0], 300)
    ok &= report("workflow step: OK → saved and shown (warm median)", statistics.median(steps[1:]), 300)
    ok &= report("longest GUI stall in a workflow step", max(step_stalls), 100)
    if profiler:
        print(profiler.output_text(unicode=True, color=False, show_all=False))
    ctx.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""Issue 14.14: mixed right-to-left text and numbers came out scrambled. Person-typed text that
holds right-to-left letters is isolated (FSI … PDI) wherever it is set beside numbers and labels:
the habits grid, the check-in history, lists, the status bar and the printed summary."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from plasticity_app.domain.text import isolate
from plasticity_app.ui.main_window import MainWindow
from tests.unit.controller.test_habits_controller import complete_step3

FSI, PDI = "\u2068", "\u2069"
HEBREW = "שינה טובה"
ARABIC = "ثقة بالنفس"


def test_isolate_wraps_right_to_left_text_only() -> None:
    assert isolate(HEBREW) == FSI + HEBREW + PDI
    assert isolate(f"Sleep {ARABIC}") == f"{FSI}Sleep {ARABIC}{PDI}"
    assert isolate("Sleep") == "Sleep" and isolate("") == ""
    assert isolate(isolate(HEBREW)) == isolate(HEBREW), "never isolated twice"


@given(st.text(max_size=20))
def test_isolate_keeps_the_text_itself(text: str) -> None:
    wrapped = isolate(text)
    assert wrapped in (text, FSI + text + PDI)
    assert wrapped.count(FSI) - wrapped.count(PDI) == text.count(FSI) - text.count(PDI)


def test_habits_grid_and_status_bar_isolate_a_hebrew_name(
    window: MainWindow, journal: Any, qtbot: QtBot
) -> None:
    from plasticity_app.ui.habit_grid import FIRST_DAY_COLUMN

    complete_step3(journal)
    habit_id = journal.habits.add_habit(HEBREW, "quantity", unit="שעות")
    today = journal.habits.today()
    journal.habits.set_quantity(habit_id, today, "8")
    assert window.statusBar().currentMessage().startswith(f"Saved: {FSI}{HEBREW}{PDI}, ")
    tab = window.habits_tab
    window.tabs.setCurrentWidget(tab)
    row = [r.habit.name for r in tab.model.rows].index(HEBREW)
    column = FIRST_DAY_COLUMN + (today - tab.model.days[0]).days
    described = tab.model.index(row, column).data(Qt.ItemDataRole.ToolTipRole)
    assert described.startswith(f"{FSI}{HEBREW}{PDI}, ")
    assert f"8 {FSI}שעות{PDI}" in described
    assert tab.model.index(row, 0).data() == HEBREW, "the name alone is shown as typed"


def test_history_isolates_a_right_to_left_metric_name(
    window: MainWindow, journal: Any, qtbot: QtBot
) -> None:
    from plasticity_app.domain.metrics import Direction

    metric_id = journal.metrics.add(ARABIC, Direction.HIGHER).id
    day = journal.ctx.today() - timedelta(days=1)
    journal.metrics.rate(metric_id, day, 7)
    assert f"{FSI}{ARABIC}{PDI} 7" in window.statusBar().currentMessage()
    model = window.checkin_tab.model
    assert model.headerData(0, Qt.Orientation.Horizontal) == FSI + ARABIC + PDI
    row = next(r for r in range(model.rowCount()) if model.day_at(r) == day)
    spoken = model.data(model.index(row, 0), Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.startswith(FSI + ARABIC + PDI + ", ") and spoken.endswith(": 7")


def test_thought_record_moods_and_the_printed_summary(journal: Any) -> None:
    from plasticity_app.domain.thought_records import Mood, ThoughtRecord
    from plasticity_app.ui.summary_renderer import build_document

    record = ThoughtRecord(
        day=journal.ctx.today(),
        situation="",
        moods=(Mood("חרדה", 70), Mood("anxious", 60)),
        automatic_thought="",
        moods_after=(Mood("חרדה", 40),),
    )
    assert record.mood_summary() == f"{FSI}חרדה{PDI} 70 → 40 %, anxious 60 %"
    from plasticity_app.domain.metrics import Direction

    metric_id = journal.metrics.add(HEBREW, Direction.LOWER).id
    journal.metrics.rate(metric_id, journal.ctx.today(), 4)
    report = journal.review.report(journal.ctx.today())
    document = build_document(report, 600)
    assert f"{FSI}{HEBREW}{PDI} (lower is better)" in document.toPlainText()
    # Seen in the PDF: the heading's line turned right-to-left, "(lower is better)" first.
    block = document.find(HEBREW).block()
    assert block.blockFormat().layoutDirection() is Qt.LayoutDirection.LeftToRight

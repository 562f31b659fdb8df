"""The Habits tab, driven from the keyboard and mouse as a person would."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from plasticity_app.domain.habits import EntryStatus
from plasticity_app.ui.habit_dialog import HabitDialog
from plasticity_app.ui.habit_grid import FIRST_DAY_COLUMN
from plasticity_app.ui.habits_tab import HabitsTab, NoteDialog
from plasticity_app.ui.main_window import MainWindow
from tests.unit.controller.test_habits_controller import complete_step3


def when_dialog(kind: type, act: Callable[[Any], None]) -> None:
    """Run ``act`` on the next modal dialog of ``kind`` once it is open."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            act(dialog)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)


@pytest.fixture
def tab(window: MainWindow, journal: Any, qtbot: QtBot) -> HabitsTab:
    complete_step3(journal)
    index = window.tabs.indexOf(window.habits_tab)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, getattr(Qt.Key, f"Key_{index + 1}"), Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.habits_tab
    return window.habits_tab


def go_to(tab: HabitsTab, name: str, day_offset: int = 0) -> None:
    """Put the grid's cursor on a habit's cell for today (+ offset)."""
    rows = [r.habit.name for r in tab.model.rows]
    today = tab.model.today
    column = FIRST_DAY_COLUMN + (today - tab.model.days[0]).days + day_offset
    tab.grid.setFocus()
    tab.grid.setCurrentIndex(tab.model.index(rows.index(name), column))


def type_in_grid(qtbot: QtBot, tab: HabitsTab, text: str) -> None:
    """Type as a person does: the first key opens the cell's editor, the rest go to it."""
    qtbot.keyClick(tab.grid, text[0])
    qtbot.keyClicks(QApplication.focusWidget(), text[1:])


def habit(journal: Any, key: str) -> Any:
    return next(h for h in journal.habits.habits() if h.builtin_key == key)


def test_tab_order_and_the_supports(window: MainWindow, tab: HabitsTab) -> None:
    assert window.tabs.indexOf(tab) == 3  # Roadmap, Check-in, Experiments, Habits
    assert [r.habit.name for r in tab.model.rows] == [
        "Gratitude note",
        "Novel learning",
        "Sleep",
        "Exercise",
    ]
    assert not tab.locked.isVisible()
    assert tab.week_title.text().startswith("This week")


def test_type_an_amount_and_bad_amounts_are_refused_at_the_cell(
    tab: HabitsTab, journal: Any, qtbot: QtBot
) -> None:
    sleep = habit(journal, "sleep")
    today = journal.habits.today()
    go_to(tab, "Sleep")
    type_in_grid(qtbot, tab, "26")
    editor = tab.grid.findChild(QLineEdit)
    assert editor is not None
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(tab.grid_error.isVisible)
    assert "can’t be longer than 24 hours" in tab.grid_error.text()
    assert journal.habits.entry(sleep.id, today) is None
    # The cell opens again with what was typed, to be corrected there.
    qtbot.waitUntil(lambda: tab.grid.state() is QAbstractItemView.State.EditingState)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "26"
    editor.selectAll()
    qtbot.keyClicks(editor, "7.5")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: journal.habits.entry(sleep.id, today) is not None)
    assert journal.habits.entry(sleep.id, today).quantity == 7.5
    assert not tab.grid_error.isVisible()
    go_to(tab, "Sleep")
    assert tab.grid.currentIndex().data() == "7.5"
    assert "counts" in tab.grid.currentIndex().data(Qt.ItemDataRole.ToolTipRole)


def test_space_ticks_s_skips_delete_clears(tab: HabitsTab, journal: Any, qtbot: QtBot) -> None:
    learning = habit(journal, "novel_learning")
    today = journal.habits.today()
    go_to(tab, "Novel learning")
    qtbot.keyClick(tab.grid, Qt.Key.Key_Space)
    assert journal.habits.entry(learning.id, today).status is EntryStatus.DONE
    assert tab.grid.currentIndex().data() == "✓"
    assert "1 of 2" in tab.detail_week.text()
    qtbot.keyClick(tab.grid, Qt.Key.Key_S)
    assert journal.habits.entry(learning.id, today).status is EntryStatus.SKIPPED
    assert tab.grid.currentIndex().data() == "skip"
    qtbot.keyClick(tab.grid, Qt.Key.Key_Delete)
    assert journal.habits.entry(learning.id, today) is None
    # The day after today can't be filled in.
    if today < tab.model.days[-1]:
        go_to(tab, "Novel learning", 1)
        assert tab.model.day_of(tab.grid.currentIndex()) == today, "future days can't be focused"
        assert journal.habits.entries() == []


def test_write_the_gratitude_note(tab: HabitsTab, journal: Any, qtbot: QtBot) -> None:
    gratitude = habit(journal, "gratitude")
    today = journal.habits.today()

    def write(dialog: NoteDialog) -> None:
        qtbot.keyClicks(dialog.edit, "Coffee with Sam. I asked for help.")
        dialog.accept()

    when_dialog(NoteDialog, write)
    go_to(tab, "Gratitude note")
    qtbot.keyClick(tab.grid, Qt.Key.Key_Return)
    entry = journal.habits.entry(gratitude.id, today)
    assert entry.note == "Coffee with Sam. I asked for help."
    assert tab.grid.currentIndex().data() == "✎"


def test_add_a_habit_with_a_duplicate_name_then_a_good_one(
    tab: HabitsTab, journal: Any, qtbot: QtBot
) -> None:
    seen: dict[str, str] = {}

    def fill(dialog: HabitDialog) -> None:
        dialog.name.setText("sleep")
        dialog.save()
        seen["error"] = dialog.errors["name"].text()
        assert dialog.isVisible()
        dialog.name.clear()
        qtbot.keyClicks(dialog.name, "Evening walk")
        dialog.times.setValue(3)
        dialog.period.setValue(7)
        dialog.save()

    when_dialog(HabitDialog, fill)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert seen["error"] == "You already have a habit called “sleep”."
    names = [r.habit.name for r in tab.model.rows]
    assert names[-1] == "Evening walk"
    walk = journal.habits.habit(tab.model.rows[-1].habit.id)
    assert walk.target.describe() == "3 times a week"
    assert tab.detail_name.text() == "Evening walk"


def test_archive_and_restore(tab: HabitsTab, journal: Any, qtbot: QtBot) -> None:
    go_to(tab, "Exercise")
    qtbot.mouseClick(tab.archive_button, Qt.MouseButton.LeftButton)
    assert "Exercise" not in [r.habit.name for r in tab.model.rows]
    assert tab.archived_box.currentText() == "Exercise"
    qtbot.mouseClick(tab.restore_button, Qt.MouseButton.LeftButton)
    assert "Exercise" in [r.habit.name for r in tab.model.rows]
    assert not tab.restore_button.isEnabled()


def test_earlier_weeks(tab: HabitsTab, journal: Any, qtbot: QtBot) -> None:
    learning = habit(journal, "novel_learning")
    last_week = journal.habits.week_of(journal.habits.today()) - timedelta(days=7)
    qtbot.mouseClick(tab.prev_week, Qt.MouseButton.LeftButton)
    assert tab.week_title.text().startswith("Week of")
    assert tab.model.days[0] == last_week
    assert tab.next_week.isEnabled()
    go_to(tab, "Novel learning", -(tab.model.today - last_week).days)
    qtbot.keyClick(tab.grid, Qt.Key.Key_Space)
    assert journal.habits.entry(learning.id, last_week).status is EntryStatus.DONE
    qtbot.mouseClick(tab.this_week, Qt.MouseButton.LeftButton)
    assert tab.week_title.text().startswith("This week")
    assert not tab.next_week.isEnabled()


def test_a_change_elsewhere_shows_up(tab: HabitsTab, journal: Any) -> None:
    journal.habits.add_habit("Stretch", "yes_no")
    assert "Stretch" in [r.habit.name for r in tab.model.rows]


def test_streaks_follow_what_is_typed(tab: HabitsTab, journal: Any, qtbot: QtBot) -> None:
    from plasticity_app.ui.habit_grid import STREAK_COLUMN

    sleep = habit(journal, "sleep")
    today = journal.habits.today()
    journal.habits.set_quantity(sleep.id, today - timedelta(days=1), "8")
    go_to(tab, "Sleep")
    type_in_grid(qtbot, tab, "7.5")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: journal.habits.entry(sleep.id, today) is not None)
    row = [r.habit.name for r in tab.model.rows].index("Sleep")
    assert tab.model.index(row, STREAK_COLUMN).data() == "2 days"
    go_to(tab, "Sleep")
    assert "Current streak: 2 days" in tab.detail_streaks.text()
    # A night outside 7–9 hours doesn't count, and the streak says so.
    go_to(tab, "Sleep")
    type_in_grid(qtbot, tab, "5")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: journal.habits.entry(sleep.id, today).quantity == 5)
    assert tab.model.index(row, STREAK_COLUMN).data() == "0 days"
    assert "outside the daily range" in tab.model.index(row, tab.grid.currentIndex().column()).data(
        Qt.ItemDataRole.ToolTipRole
    )


@pytest.mark.parametrize("pause", [0, 30])
def test_the_key_after_an_amount_is_not_eaten(
    tab: HabitsTab, journal: Any, qtbot: QtBot, pause: int
) -> None:
    """Issue 14.6: 5, Enter, ←, S skips the day before, and the 5 h just typed stays.

    Each key goes to whatever has the focus, as from a keyboard; typed at once (pause 0) and
    with the event loop running between the keys (pause 30 ms)."""
    sleep = habit(journal, "sleep")
    today = journal.habits.today()
    # A week with days on both sides of the cell: last week's Wednesday.
    qtbot.mouseClick(tab.prev_week, Qt.MouseButton.LeftButton)
    wednesday = tab.model.days[2]
    tuesday = wednesday - timedelta(days=1)
    go_to(tab, "Sleep", -(today - wednesday).days)
    for key in ("5", Qt.Key.Key_Return, Qt.Key.Key_Left, Qt.Key.Key_S):
        qtbot.keyClick(QApplication.focusWidget(), key)
        if pause:
            qtbot.wait(pause)
    assert journal.habits.entry(sleep.id, wednesday).quantity == 5
    assert journal.habits.entry(sleep.id, wednesday).status is EntryStatus.DONE
    assert journal.habits.entry(sleep.id, tuesday).status is EntryStatus.SKIPPED
    row = [r.habit.name for r in tab.model.rows].index("Sleep")
    assert tab.model.index(row, FIRST_DAY_COLUMN + 2).data() == "5"
    assert tab.model.index(row, FIRST_DAY_COLUMN + 1).data() == "skip"
    assert tab.model.day_of(tab.grid.currentIndex()) == tuesday
    assert tab.grid.state() is not QAbstractItemView.State.EditingState
    assert QApplication.focusWidget() is tab.grid


def cell_centre(tab: HabitsTab, name: str, day_offset: int = 0) -> Any:
    go_to(tab, name, day_offset)
    return tab.grid.visualRect(tab.grid.currentIndex()).center()


def test_one_click_on_a_day_ticks_it_and_the_hint_says_so(
    tab: HabitsTab, journal: Any, qtbot: QtBot
) -> None:
    """Issue 14.14: a single click did nothing and nothing said what would."""
    learning = habit(journal, "novel_learning")
    today = journal.habits.today()
    assert "Click a day" in tab.keys_hint.text() and tab.keys_hint.isVisible()
    viewport = tab.grid.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=cell_centre(tab, "Novel learning"))
    assert journal.habits.entry(learning.id, today).status is EntryStatus.DONE
    assert tab.grid.currentIndex().data() == "✓"
    # A double-click is one tick, not a tick and its undoing.
    journal.habits.clear(learning.id, today)
    centre = cell_centre(tab, "Novel learning")
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=centre)  # a double-click's
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=centre)  # two presses
    assert journal.habits.entry(learning.id, today).status is EntryStatus.DONE
    # A click on the habit's name only selects it.
    go_to(tab, "Exercise")
    name_cell = tab.grid.visualRect(tab.model.index(tab.grid.currentIndex().row(), 0)).center()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=name_cell)
    assert journal.habits.entry(habit(journal, "exercise").id, today) is None
    assert tab.detail_name.text() == "Exercise"
    # A click on an amount opens it for typing.
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=cell_centre(tab, "Sleep"))
    assert tab.grid.state() is QAbstractItemView.State.EditingState


def test_long_habit_names_wrap_and_the_tooltip_has_the_whole_name(
    window: MainWindow, tab: HabitsTab, journal: Any, qtbot: QtBot
) -> None:
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QFontMetrics

    long_name = "A gratitude letter to someone who helped me, read aloud"
    journal.habits.add_habit(long_name, "yes_no")
    window.resize(1366, 720)
    qtbot.wait(50)
    row = [r.habit.name for r in tab.model.rows].index(long_name)
    index = tab.model.index(row, 0)
    assert tab.model.data(index, Qt.ItemDataRole.ToolTipRole).startswith(long_name)
    assert tab.grid.wordWrap()
    width = tab.grid.columnWidth(0) - 8  # the cell's own margins
    needed = QFontMetrics(tab.grid.font()).boundingRect(
        QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), long_name
    )
    assert needed.width() <= width, "a word is wider than the column"
    assert needed.height() <= tab.grid.rowHeight(row), "the wrapped name is cut off"
    assert tab.grid.height() >= sum(tab.grid.rowHeight(i) for i in range(len(tab.model.rows)))


def test_novel_learning_has_a_place_for_what_it_was(
    tab: HabitsTab, journal: Any, qtbot: QtBot
) -> None:
    """Issue 14.14: the description says "jot down what it was"; ticking gave no place."""
    learning = habit(journal, "novel_learning")
    today = journal.habits.today()
    go_to(tab, "Novel learning")
    assert not tab.what_edit.isVisible(), "nothing to write before the day is ticked"
    qtbot.keyClick(tab.grid, Qt.Key.Key_Space)
    assert tab.what_edit.isVisible() and "What was it?" in tab.what_label.text()
    qtbot.keyClick(tab.grid, Qt.Key.Key_N)
    assert QApplication.focusWidget() is tab.what_edit
    qtbot.keyClicks(tab.what_edit, "Ten Spanish verbs")
    qtbot.keyClick(tab.what_edit, Qt.Key.Key_Return)
    entry = journal.habits.entry(learning.id, today)
    assert entry.status is EntryStatus.DONE and entry.note == "Ten Spanish verbs"
    assert QApplication.focusWidget() is tab.grid
    assert tab.grid.currentIndex().data() == "✓ ✎"
    assert "Ten Spanish verbs" in tab.grid.currentIndex().data(Qt.ItemDataRole.ToolTipRole)
    # Coming back to the day shows what was written.
    go_to(tab, "Exercise")
    go_to(tab, "Novel learning")
    assert tab.what_edit.text() == "Ten Spanish verbs"


def test_a_digit_on_a_yes_no_day_does_not_move_the_cursor(
    tab: HabitsTab, journal: Any, qtbot: QtBot
) -> None:
    """Seen in a real window: 5 typed on a yes/no day jumped to a cell reading "5.25" (Qt's
    keyboard search), and Enter then opened that amount."""
    sleep = habit(journal, "sleep")
    today = journal.habits.today()
    journal.habits.set_quantity(sleep.id, today, "5.25")
    go_to(tab, "Novel learning")
    before = tab.grid.currentIndex()
    qtbot.keyClick(tab.grid, "5")
    assert tab.grid.currentIndex() == before
    qtbot.keyClick(tab.grid, Qt.Key.Key_Return)
    assert journal.habits.entry(habit(journal, "novel_learning").id, today).status is (
        EntryStatus.DONE
    )
    assert journal.habits.entry(sleep.id, today).quantity == 5.25

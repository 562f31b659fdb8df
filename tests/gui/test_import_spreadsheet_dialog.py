"""File → Import… on a spreadsheet: its columns with a guessed role each, changed by the person,
a live preview of the first rows, the ledger before anything is written, then the import."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from plasticity_app.domain import habits as hb
from plasticity_app.domain.metrics import Direction
from plasticity_app.ui.import_dialog import ImportDialog
from plasticity_app.ui.main_window import MainWindow
from plasticity_app.ui.sheet_columns import CHOICES

SHEET = (
    "Day,Low mood (1-5),Meditated,Steps (k),Diary\n"
    "2026-11-19,2,yes,4.5,Rainy\n"
    "2026-11-20,5,no,,\n"
    "2026-11-21,1,✓,7,Out with Sam\n"
)


def choose(dialog: ImportDialog, qtbot: QtBot, column: str, label: str) -> None:
    """Pick a role from the column's list with the keyboard, as a person would."""
    box = dialog.columns.role_boxes[column]
    box.setFocus()
    target = next(i for i in range(box.count()) if box.itemText(i) == label)
    while box.currentIndex() != target:
        key = Qt.Key.Key_Down if box.currentIndex() < target else Qt.Key.Key_Up
        qtbot.keyClick(box, key)


def open_sheet(window: MainWindow, qtbot: QtBot, path: Path) -> ImportDialog:
    window.import_action.trigger()
    dialog = window.import_dialog
    assert isinstance(dialog, ImportDialog)
    dialog.load(path)
    qtbot.waitUntil(lambda: not dialog.busy)
    return dialog


def test_a_spreadsheet_with_roles_changed_by_the_person(
    window: MainWindow, journal: Any, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "tracker.csv"
    path.write_text(SHEET, encoding="utf-8")
    dialog = open_sheet(window, qtbot, path)
    assert "Spreadsheet (CSV)" in dialog.file_label.text()
    assert dialog.sheet_box.isVisible()
    columns = dialog.columns
    # The guesses, shown on screen.
    shown = {name: box.currentText() for name, box in columns.role_boxes.items()}
    assert shown == {
        "Day": "Date",
        "Low mood (1-5)": "Metric (higher is better)",
        "Meditated": "Yes/no habit",
        "Steps (k)": "Quantity habit",
        "Diary": "The day's note",
    }
    assert columns.range_edits["Low mood (1-5)"].text() == "1-5"
    assert columns.unit_edits["Steps (k)"].text() == "k"
    # The guesses were checked at once: the ledger shows before anything is written.
    assert dialog.preview_label.text().startswith("Will add 1 metric, 3 ratings")
    assert "Ratings: 3 read; 3 to import" in dialog.ledger_label.text()
    assert dialog.import_button.isEnabled()
    assert journal.metrics.all() == []
    # The live preview of the first rows: 1–5 rescaled to 0–10.
    assert columns.preview_text(0, "Low mood (1-5)") == "3/10"
    assert columns.preview_text(1, "Meditated") == "not done"
    assert columns.preview_text(2, "Steps (k)") == "7 k"
    # The person says lower is better for the mood, gives steps another unit and ignores the
    # diary; the preview follows at once and the import waits for a new check.
    choose(dialog, qtbot, "Low mood (1-5)", "Metric (lower is better)")
    assert not dialog.import_button.isEnabled()
    assert "roles changed" in dialog.preview_label.text()
    steps_unit = columns.unit_edits["Steps (k)"]
    steps_unit.selectAll()
    qtbot.keyClicks(steps_unit, "thousand")
    assert columns.preview_text(2, "Steps (k)") == "7 thousand"
    choose(dialog, qtbot, "Diary", "Ignore")
    assert columns.preview_text(0, "Diary") == ""
    qtbot.mouseClick(dialog.check_sheet_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.import_button.isEnabled()
    assert "Day notes" not in dialog.ledger_label.text()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy)
    assert "Imported." in dialog.preview_label.text()
    assert "Ratings: 3 read; 3 imported" in dialog.ledger_label.text()
    (mood,) = journal.metrics.all()
    assert mood.name == "Low mood (1-5)" and mood.direction is Direction.LOWER
    ratings = {e.day: e.value for e in journal.ctx.metrics_repo.entries([mood.id])}
    assert ratings == {date(2026, 11, 19): 3, date(2026, 11, 20): 10, date(2026, 11, 21): 0}
    habits = {h.name: h for h in journal.habits.habits(include_archived=True)}
    # The unit in the name no longer matches the one given: the column's name is kept whole.
    steps = habits["Steps (k)"]
    assert steps.unit == "thousand" and steps.kind is hb.HabitKind.QUANTITY
    assert journal.metrics.notes() == {}
    dialog.close()


def test_a_bad_range_is_refused_at_the_field(
    window: MainWindow, journal: Any, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "tracker.csv"
    path.write_text(SHEET, encoding="utf-8")
    dialog = open_sheet(window, qtbot, path)
    span = dialog.columns.range_edits["Low mood (1-5)"]
    span.selectAll()
    qtbot.keyClicks(span, "5-1")
    assert dialog.columns.error.isVisible()
    assert "is not a range like 1-5" in dialog.columns.error.text()
    qtbot.mouseClick(dialog.check_sheet_button, Qt.MouseButton.LeftButton)
    assert not dialog.busy and not dialog.import_button.isEnabled()
    assert journal.metrics.all() == []
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_sheet_without_a_date_column_asks_for_one(
    window: MainWindow, journal: Any, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "nodate.csv"
    path.write_text("When,Mood\n2026-11-20,5\n2026-11-21,6\n", encoding="utf-8")
    dialog = open_sheet(window, qtbot, path)
    assert "Choose which column holds the date." in dialog.columns.error.text()
    assert not dialog.import_button.isEnabled()
    choose(dialog, qtbot, "When", "Date")
    qtbot.mouseClick(dialog.check_sheet_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.preview_label.text().startswith("Will add 1 metric, 2 ratings")
    assert [label for label, _d in CHOICES]  # every role is offered
    dialog.close()

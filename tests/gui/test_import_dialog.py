"""File → Import, as a person goes through it: a Daylio file with renamed moods, then a Loop export."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from plasticity_app.ui.import_dialog import ImportDialog
from plasticity_app.ui.main_window import MainWindow
from tests.conftest import REALDATA

pytestmark = pytest.mark.skipif(not REALDATA.is_dir(), reason="../shared/realdata is absent")


def test_daylio_with_renamed_moods(window: MainWindow, journal: Any, qtbot: QtBot) -> None:
    window.import_action.trigger()
    dialog = window.import_dialog
    assert isinstance(dialog, ImportDialog)
    dialog.load(REALDATA / "daylio" / "sample.csv")
    qtbot.waitUntil(lambda: not dialog.busy)
    assert "Daylio CSV export" in dialog.file_label.text()
    assert dialog.moods_box.isVisible()
    assert set(dialog.mood_boxes) == {"average", "sad"}
    assert not dialog.import_button.isEnabled()
    assert journal.metrics.all() == [], "nothing written while asking"
    dialog.mood_boxes["average"].setValue(5)
    dialog.mood_boxes["sad"].setValue(2)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.preview_label.text().startswith("Will add 1 metric, 3 ratings")
    assert "archived habits" in dialog.preview_label.text()
    ledger = dialog.ledger_label.text()
    assert "Ratings: 3 read; 3 to import, 0 already in your journal, 0 left out." in ledger
    assert "Habit days: 24 read; 24 to import" in ledger
    assert journal.metrics.all() == [], "the preview writes nothing"
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy)
    assert "Imported." in dialog.preview_label.text()
    assert "Ratings: 3 read; 3 imported, 0 merged" in dialog.ledger_label.text()
    assert [m.name for m in journal.metrics.all()] == ["Mood (from Daylio)"]
    assert "Added 1 metric" in window.statusBar().currentMessage()
    assert window.undo_stack.count() == 0, "an import is backed up, not undone step by step"
    dialog.close()


def test_loop_folder_twice_and_a_bad_file(
    window: MainWindow, journal: Any, qtbot: QtBot, tmp_path: Any
) -> None:
    window.import_action.trigger()
    dialog = window.import_dialog
    dialog.load(REALDATA / "loop" / "csv_export")
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.preview_label.text().startswith("Will add 2 habits")
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy)
    assert {h.name for h in journal.habits.habits()} == {"Meditate", "Wake up early"}
    dialog.load(REALDATA / "loop" / "csv_export")
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.preview_label.text().startswith("Nothing new to add")
    assert not dialog.import_button.isEnabled()
    bad = tmp_path / "notes.txt"
    bad.write_text("just some notes", encoding="utf-8")
    dialog.load(bad)
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.error.isVisible()
    assert "doesn’t look like a file we can import" in dialog.error.text()
    assert not dialog.import_button.isEnabled()
    dialog.close()

"""A write the disk refuses, seen where the person acted: the plain sentence, and the screen showing
what is stored (never the value that wasn't saved)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from plasticity_app.ui.main_window import MainWindow
from tests.faults import file_quota
from tests.helpers import add_presets


def test_a_rating_the_disk_refuses_goes_back_to_the_stored_one(
    window: MainWindow, journal: Any, qtbot: QtBot
) -> None:
    a, _ = add_presets(journal)
    today = journal.ctx.today()
    journal.metrics.rate(a.id, today, 4)
    tab = window.checkin_tab
    window.tabs.setCurrentWidget(tab)
    selector = tab._rows[0].selector
    assert selector.value() == 4
    with file_quota(journal):
        qtbot.mouseClick(selector._buttons[7], Qt.MouseButton.LeftButton)
    assert journal.metrics.ratings_on(today) == {a.id: 4}, "nothing was stored"
    row = tab._rows[0]
    assert row.selector.value() == 4, "the screen shows what is stored, not the 7"
    assert row.selector._buttons[4].isChecked() and not row.selector._buttons[7].isChecked()
    assert row.error.isVisibleTo(window)
    assert "this was not saved" in row.error.text()
    # Room again: the same click saves, and the message goes away.
    qtbot.mouseClick(row.selector._buttons[7], Qt.MouseButton.LeftButton)
    row = tab._rows[0]
    assert journal.metrics.ratings_on(today) == {a.id: 7}
    assert row.selector.value() == 7
    assert not row.error.isVisibleTo(window)


def test_a_note_the_disk_refuses_is_said_at_the_note(
    window: MainWindow, journal: Any, qtbot: QtBot
) -> None:
    add_presets(journal)
    today = journal.ctx.today()
    tab = window.checkin_tab
    window.tabs.setCurrentWidget(tab)
    qtbot.keyClicks(tab.note, "Spoke up once.")
    with file_quota(journal):
        tab._flush_note()
    assert journal.metrics.note_on(today) in (None, "")
    assert tab.note_error.isVisibleTo(window)
    assert "this was not saved" in tab.note_error.text()
    assert tab.note.toPlainText() == "Spoke up once.", "what was typed is kept to try again"


def test_an_undo_the_disk_refuses_changes_nothing_and_can_be_tried_again(
    window: MainWindow, journal: Any, qtbot: QtBot
) -> None:
    a, _ = add_presets(journal)
    window.check_in_today()
    selector = window.checkin_tab._rows[0].selector
    qtbot.keyClick(selector, Qt.Key.Key_3)
    qtbot.keyClick(selector, Qt.Key.Key_8)
    today = journal.ctx.today()
    with file_quota(journal):
        window.undo_action.trigger()
    assert journal.metrics.ratings_on(today) == {a.id: 8}, "nothing was undone"
    assert window.checkin_tab._rows[0].selector.value() == 8
    assert "this was not saved" in window.statusBar().currentMessage()
    qtbot.waitUntil(
        lambda: window.undo_action.text().endswith("Self-criticism intensity 8 for today")
    )
    assert window.undo_action.isEnabled(), "the undo is still there to try again"
    window.undo_action.trigger()  # room again
    assert journal.metrics.ratings_on(today) == {a.id: 3}
    window.redo_action.trigger()
    assert journal.metrics.ratings_on(today) == {a.id: 8}


def test_a_habit_day_the_disk_refuses_stays_as_stored(
    window: MainWindow, journal: Any, qtbot: QtBot
) -> None:
    from PySide6.QtWidgets import QApplication

    from tests.gui.test_habits_tab import go_to, habit
    from tests.unit.controller.test_habits_controller import complete_step3

    complete_step3(journal)
    window.tabs.setCurrentWidget(window.habits_tab)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    tab = window.habits_tab
    learning = habit(journal, "novel_learning")
    go_to(tab, "Novel learning")
    with file_quota(journal):
        qtbot.keyClick(tab.grid, Qt.Key.Key_Space)
    assert journal.habits.entry(learning.id, journal.habits.today()) is None
    assert tab.grid.currentIndex().data() != "✓", "the grid shows what is stored"
    assert "this was not saved" in tab.grid_error.text()
    assert tab.grid_error.isVisibleTo(window)


def test_a_journal_on_a_full_disk_is_not_called_damaged_nor_moved(
    qtbot: QtBot, tmp_path: Any, monkeypatch: Any
) -> None:
    """SQLite can't make its small files beside the journal: that is the disk, not damage."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from plasticity_app.controller.journal import Journal
    from plasticity_app.ui.application import JournalOpening
    from plasticity_app.ui.main_window import WINDOW_SETTINGS

    folder = tmp_path / "journal"
    journal = Journal(folder)
    add_presets(journal)
    journal.close()
    before = sorted(p.name for p in folder.iterdir())
    data = (folder / "journal.sqlite3").read_bytes()
    shown: list[str] = []
    exits: list[int] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a: shown.append(text))
    # The damaged-file question, if it came, would be answered "Quit" at once.
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    monkeypatch.setattr(app, "exit", lambda code=0: exits.append(code))
    window = MainWindow(settings_path=tmp_path / WINDOW_SETTINGS)
    qtbot.addWidget(window)
    opening = JournalOpening(app, window, folder, demo=False, report=False)
    try:
        with file_quota():
            assert not opening.run()
    finally:
        opening.close()
    assert exits == [1]
    assert shown == [
        "The disk reported an error (it may be full), so your journal can’t be opened. Nothing "
        "in it was changed: free some space or check the disk, and start again."
    ]
    after = sorted(p.name for p in folder.iterdir() if not p.name.endswith(("-wal", "-shm")))
    assert after == before, "nothing moved aside as damaged"
    assert (folder / "journal.sqlite3").read_bytes() == data

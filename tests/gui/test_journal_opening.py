"""The window's words and default buttons when the journal is in use, empty, or has a stray WAL
beside it: the default never loses anything (issue 15 items 2-4)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from plasticity_app.controller.journal import Journal
from plasticity_app.db import database
from plasticity_app.db.database import JOURNAL_FILENAME
from plasticity_app.ui import journal_opening
from tests.journal_files import files, held_by_another_process, write_notes

WAL = JOURNAL_FILENAME + "-wal"


@pytest.fixture(autouse=True)
def _short_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(database.PRAGMAS, "busy_timeout", 100)
    monkeypatch.setattr(journal_opening, "RETRY_MS", 100)


def when_box(act: Callable[[QMessageBox], None], seen: list[str]) -> None:
    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, QMessageBox) and widget.isVisible():
            seen.append(widget.text())
            act(widget)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)


def button(box: QMessageBox, text: str) -> QPushButton:
    return next(b for b in box.buttons() if isinstance(b, QPushButton) and text in b.text())


def opened_notes(journal: Journal | None) -> list[str]:
    assert journal is not None
    try:
        return sorted(journal.metrics.notes().values())
    finally:
        journal.close()


def test_a_journal_in_use_waits_and_opens_by_itself_when_the_other_program_lets_go(
    tmp_path: Path, qtbot: QtBot
) -> None:
    write_notes(tmp_path, "mine", 2, kill=False)
    holder = ExitStack()
    pid = holder.enter_context(held_by_another_process(tmp_path / JOURNAL_FILENAME))
    seen: list[str] = []

    def look_then_let_go(box: QMessageBox) -> None:
        assert box.text() == "Your journal is in use by another program."
        assert f"process {pid}" in box.informativeText()
        assert "damaged" not in box.informativeText()
        assert box.defaultButton() is button(box, "Try again")
        assert box.escapeButton() is button(box, "Quit")
        holder.close()  # the other program quits; the window notices by itself

    try:
        when_box(look_then_let_go, seen)
        journal = journal_opening.open_journal(None, tmp_path)
    finally:
        holder.close()
    assert seen == ["Your journal is in use by another program."]
    assert opened_notes(journal) == ["mine 0", "mine 1"]
    assert not list(tmp_path.glob("*.damaged-*"))


def test_escape_while_the_journal_is_in_use_quits_with_nothing_moved(
    tmp_path: Path, qtbot: QtBot
) -> None:
    write_notes(tmp_path, "mine", 1, kill=False)
    seen: list[str] = []
    with held_by_another_process(tmp_path / JOURNAL_FILENAME):
        before = files(tmp_path)
        when_box(lambda box: qtbot.keyClick(box, Qt.Key.Key_Escape), seen)
        assert journal_opening.open_journal(None, tmp_path) is None
        assert files(tmp_path) == before
    assert seen


def test_an_empty_journal_file_offers_the_backup_and_enter_restores_it(
    tmp_path: Path, qtbot: QtBot
) -> None:
    write_notes(tmp_path, "mine", 3, kill=False)
    journal = Journal(tmp_path)
    journal.safety.backup_now()
    journal.close()
    (tmp_path / JOURNAL_FILENAME).write_bytes(b"")
    seen: list[str] = []

    def press_enter(box: QMessageBox) -> None:
        assert "empty" in box.text() and "damaged" not in box.text()
        assert "moved aside" in box.informativeText()
        assert "Restore the backup" in box.defaultButton().text()
        qtbot.keyClick(box, Qt.Key.Key_Return)

    when_box(press_enter, seen)
    opened = journal_opening.open_journal(None, tmp_path)
    assert seen == ["Your journal file is empty, so there is nothing in it to open."]
    assert opened_notes(opened) == ["mine 0", "mine 1", "mine 2"]
    kept = list(tmp_path.glob(JOURNAL_FILENAME + ".empty-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == b""


def test_another_journals_wal_is_explained_and_set_aside_only_when_asked(
    tmp_path: Path, qtbot: QtBot
) -> None:
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    write_notes(mine, "mine", 3, kill=False)
    write_notes(theirs, "theirs", 3, kill=True)
    shutil.copyfile(theirs / WAL, mine / WAL)
    before = files(mine)
    seen: list[str] = []

    def escape(box: QMessageBox) -> None:
        assert "doesn’t belong" in box.text()
        assert "written for another journal" in box.informativeText()
        qtbot.keyClick(box, Qt.Key.Key_Escape)

    when_box(escape, seen)
    assert journal_opening.open_journal(None, mine) is None
    assert files(mine) == before  # Quit: nothing applied, nothing moved

    def press_enter(box: QMessageBox) -> None:
        assert box.defaultButton() is button(box, "Set it aside and open")
        qtbot.keyClick(box, Qt.Key.Key_Return)

    when_box(press_enter, seen)
    assert opened_notes(journal_opening.open_journal(None, mine)) == ["mine 0", "mine 1", "mine 2"]
    kept = [p for p in mine.glob(JOURNAL_FILENAME + ".refused-wal-*") if p.name.endswith("-wal")]
    assert len(kept) == 1 and kept[0].read_bytes() == before[WAL]  # their WAL, kept
    assert len(seen) == 2


def test_try_again_while_still_in_use_says_so_at_once(tmp_path: Path, qtbot: QtBot) -> None:
    write_notes(tmp_path, "mine", 1, kill=False)
    seen: list[str] = []

    def press_enter_then_escape(box: QMessageBox) -> None:
        if len(seen) == 1:
            qtbot.keyClick(box, Qt.Key.Key_Return)  # Try again, the default
            when_box(press_enter_then_escape, seen)
        else:
            qtbot.keyClick(box, Qt.Key.Key_Escape)

    with held_by_another_process(tmp_path / JOURNAL_FILENAME):
        when_box(press_enter_then_escape, seen)
        assert journal_opening.open_journal(None, tmp_path) is None
    assert seen == [
        "Your journal is in use by another program.",
        "Your journal is still in use by another program.",
    ]


def test_the_window_says_when_its_own_wal_was_applied_and_where_the_copy_is(
    tmp_path: Path, qtbot: QtBot
) -> None:
    from plasticity_app.controller.onboarding import MetricChoice
    from plasticity_app.domain.metrics import Direction
    from plasticity_app.ui.application import JournalOpening
    from plasticity_app.ui.main_window import WINDOW_SETTINGS, MainWindow

    journal = Journal(tmp_path)
    journal.onboarding.finish(
        [MetricChoice("Calm", Direction.HIGHER), MetricChoice("Worry", Direction.LOWER)], 7
    )
    journal.close()
    write_notes(tmp_path, "unsaved until the kill", 2, kill=True)
    window = MainWindow(settings_path=tmp_path / WINDOW_SETTINGS)
    qtbot.addWidget(window)
    window.show()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    opening = JournalOpening(app, window, tmp_path, demo=False, report=False)
    try:
        assert opening.run()
        kept = list(tmp_path.glob(JOURNAL_FILENAME + ".before-wal-*[0-9]"))
        assert len(kept) == 1
        message = window.statusBar().currentMessage()
        assert "recovered after an unexpected stop" in message and kept[0].name in message
        assert opening.journal is not None
        assert "unsaved until the kill 1" in opening.journal.metrics.notes().values()
    finally:
        window.close()
        opening.close()

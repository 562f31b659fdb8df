"""Which day is today (issue 14 item 8): at 02:57 on a Friday, with the day starting at 03:00,
every screen and dialog says and defaults to Thursday, and says plainly why."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from plasticity_app.ui.learning_widgets import from_qdatetime
from plasticity_app.ui.main_window import MainWindow
from plasticity_app.ui.opening_dialog import OpeningDialog
from plasticity_app.ui.session_dialog import SessionDialog
from plasticity_app.ui.thought_record_dialog import ThoughtRecordDialog
from tests.gui.test_experiments_tab import open_step3

THURSDAY = date(2026, 12, 3)
NOTE = (
    "It is still Thursday 3 December in your journal: a new day starts at 03:00 (see Preferences)."
)


def qd(value: Any) -> date:
    return date(value.year(), value.month(), value.day())


@pytest.fixture
def night_window(qtbot: QtBot, journal: Any, clock: Any, tmp_path: Path) -> MainWindow:
    open_step3(journal)
    clock.current = datetime(2026, 12, 4, 2, 57)  # the window opened at 02:57 on a Friday
    window = MainWindow(journal, tmp_path / "night.ini")
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_check_in_says_it_is_still_thursday(night_window: MainWindow) -> None:
    tab = night_window.checkin_tab
    night_window.show_tab("checkin")
    assert qd(tab.date_edit.date()) == THURSDAY
    assert tab.day_hint.text() == "today"
    assert tab.day_start_note.isVisibleTo(night_window)
    assert tab.day_start_note.text() == NOTE
    assert qd(tab.date_edit.maximumDate()) == THURSDAY


def test_the_note_goes_once_the_day_starts(night_window: MainWindow, clock: Any) -> None:
    tab = night_window.checkin_tab
    clock.current = datetime(2026, 12, 4, 3, 0)
    tab.set_day(date(2026, 12, 4))
    assert not tab.day_start_note.isVisibleTo(night_window)


def test_every_default_date_follows_the_journal_day(
    night_window: MainWindow, journal: Any, qtbot: QtBot
) -> None:
    learning = journal.learning
    session = SessionDialog(learning, None, night_window)
    qtbot.addWidget(session)
    assert qd(session.day.date()) == THURSDAY
    assert qd(session.day.maximumDate()) == THURSDAY
    record = ThoughtRecordDialog(learning, None, night_window)
    qtbot.addWidget(record)
    assert qd(record.day.date()) == THURSDAY
    assert qd(record.day.maximumDate()) == THURSDAY
    tab = night_window.experiments_tab
    night_window.show_tab("experiments")
    tab.new_experiment()
    assert qd(tab.editor.planned_date.date()) == date(2026, 12, 4)  # tomorrow, in the journal
    assert qd(tab.editor.done_date.maximumDate()) == THURSDAY
    night_window.show_tab("review")
    assert night_window.review_tab.week() == date(2026, 11, 30)  # Thursday's week
    assert qd(night_window.review_tab.week_edit.maximumDate()) == THURSDAY


def test_the_opening_dialog_says_which_day_its_moment_counts_for(
    night_window: MainWindow, journal: Any, qtbot: QtBot
) -> None:
    dialog = OpeningDialog(journal.learning, None, night_window)
    qtbot.addWidget(dialog)
    dialog.show()
    # The true moment (the pairing window counts hours from it), and the day it counts for.
    assert from_qdatetime(dialog.at.dateTime()) == datetime(2026, 12, 4, 2, 57)
    assert dialog.at_note.isVisibleTo(dialog)
    assert dialog.at_note.text() == (
        "This counts for Thursday 3 December in your journal: a new day starts at 03:00 "
        "(see Preferences)."
    )
    dialog.at.setDateTime(dialog.at.dateTime().addSecs(-6 * 3600))  # Thursday 20:57
    assert not dialog.at_note.isVisibleTo(dialog)
    dialog.reject()


def test_an_opening_logged_at_2_57_is_saved_for_today(
    night_window: MainWindow, journal: Any, clock: Any
) -> None:
    from plasticity_app.domain.openings import Opening, OpeningKind

    journal.learning.log_opening(Opening(OpeningKind.TMS, clock.now(), ""))
    assert night_window.statusBar().currentMessage() == "Saved: opening (TMS) on today"

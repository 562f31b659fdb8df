"""The Weekly review tab, driven as a person would: read the week, decide, reflect, save."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from plasticity_app.domain import review as rv
from plasticity_app.ui.main_window import MainWindow
from tests.helpers import add_presets, rate_days


def labels(widget: Any) -> str:
    QApplication.processEvents()  # new widgets are shown on the next event-loop turn
    return "\n".join(
        label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)
    )


@pytest.fixture
def reviewed_window(window: MainWindow, journal: Any, clock: Any) -> MainWindow:
    metrics = add_presets(journal)
    now = clock.current
    clock.current = now - timedelta(days=21)  # the baseline was mapped three weeks ago
    rate_days(journal, metrics, 7, value=7)
    clock.current = now
    rate_days(journal, metrics, 7, end=journal.ctx.today() - timedelta(days=1), value=4)
    return window


def test_review_shows_the_week_against_the_baseline(
    reviewed_window: MainWindow, qtbot: QtBot
) -> None:
    window = reviewed_window
    tab = window.review_tab
    index = window.tabs.indexOf(tab)
    assert index == window.tabs.count() - 1, "the review is the last tab"
    qtbot.keyClick(window, getattr(Qt.Key, f"Key_{index + 1}"), Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is tab
    qtbot.mouseClick(tab.prev_week, Qt.MouseButton.LeftButton)
    shown = labels(tab)
    assert "Self-criticism intensity" in shown
    assert "better than your baseline average of 7.0" in shown  # lower is better: 4 against 7
    assert "Based on 7 baseline days and 7 days rated this week." in shown
    reading = next(
        label for label in tab.findChildren(QLabel) if label.text().startswith("This week averaged")
    )
    assert "NAP" not in reading.text() and "CI" not in reading.text()
    assert reading.toolTip().startswith("NAP ")  # the technical figure second, and in a tooltip
    assert "not enough days" in shown.lower()


def test_save_a_review_and_edit_it(reviewed_window: MainWindow, journal: Any, qtbot: QtBot) -> None:
    window = reviewed_window
    window.show_tab("review")
    tab = window.review_tab
    qtbot.mouseClick(tab.prev_week, Qt.MouseButton.LeftButton)
    week = tab.week()
    row = next(r for r in tab.decision_rows if r.practice == "experiments")
    keep = row.buttons[rv.Decision.KEEP]
    qtbot.mouseClick(keep, Qt.MouseButton.LeftButton, pos=QPoint(8, keep.height() // 2))
    assert keep.isChecked()
    qtbot.keyClicks(row.note, "One a week feels right")
    qtbot.keyClicks(tab.reflections["reflection_belief"], "That I always freeze in meetings")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    saved = journal.review.answers(week)
    assert saved is not None
    assert saved.reflection_belief == "That I always freeze in meetings"
    assert saved.decisions == (
        rv.PracticeDecision("experiments", rv.Decision.KEEP, "One a week feels right"),
    )
    assert window.statusBar().currentMessage().startswith("Saved: review of the week of")
    # saving again edits the same review
    tab.notes.setPlainText("Calmer week.")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert journal.review.reviewed_weeks() == [week]
    assert journal.review.answers(week).notes == "Calmer week."
    assert window.statusBar().currentMessage().startswith("Updated: review of the week of")
    # the answers are there when the week is opened again
    qtbot.mouseClick(tab.next_week, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.prev_week, Qt.MouseButton.LeftButton)
    assert tab.reflections["reflection_belief"].toPlainText() == "That I always freeze in meetings"


def test_future_week_is_refused_at_the_field(reviewed_window: MainWindow, qtbot: QtBot) -> None:
    tab = reviewed_window.review_tab
    reviewed_window.show_tab("review")
    assert not tab.next_week.isEnabled()
    tab.set_week(tab.week() + timedelta(days=7))
    assert tab.week_error.isVisibleTo(reviewed_window) and "hasn’t started" in tab.week_error.text()


def test_empty_week_says_so(window: MainWindow, journal: Any, qtbot: QtBot) -> None:
    window.show_tab("review")
    assert "Nothing recorded this week" in labels(window.review_tab)


def test_save_pdf_from_the_tab(
    reviewed_window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "week.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    reviewed_window.show_tab("review")
    qtbot.mouseClick(reviewed_window.review_tab.pdf_button, Qt.MouseButton.LeftButton)
    # Written off the window's thread; the status bar says so when it is done.
    qtbot.waitUntil(
        lambda: "Saved the weekly summary" in reviewed_window.statusBar().currentMessage(),
        timeout=10000,
    )
    assert target.read_bytes().startswith(b"%PDF")


def test_a_pdf_path_that_cannot_be_written_is_said_plainly(
    reviewed_window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "no such folder" / "week.pdf"
    warnings: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warnings.append(text))
    reviewed_window.show_tab("review")
    qtbot.mouseClick(reviewed_window.review_tab.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(warnings), timeout=10000)
    assert warnings == [f"The folder {target.parent} does not exist."]
    assert not target.parent.exists()


def test_print_preview_opens(reviewed_window: MainWindow, qtbot: QtBot) -> None:
    reviewed_window.show_tab("review")
    reviewed_window.print_action.trigger()
    dialog = reviewed_window._preview
    assert dialog is not None and dialog.isVisible()
    assert "Weekly summary" in dialog.windowTitle()
    dialog.close()


def test_a_dropped_habit_stays_visible_with_its_decision(
    window: MainWindow, journal: Any, qtbot: QtBot
) -> None:
    # Issue 14 item 5: after saving "Drop", the decision disappeared from the review screen.
    from tests.unit.controller.test_habits_controller import complete_step3

    complete_step3(journal)
    exercise = next(h for h in journal.habits.habits() if h.builtin_key == "exercise")
    journal.habits.toggle(exercise.id, journal.ctx.today())
    window.show_tab("review")
    tab = window.review_tab
    row = next(r for r in tab.decision_rows if r.practice == f"habit:{exercise.id}")
    drop = row.buttons[rv.Decision.DROP]
    qtbot.mouseClick(drop, Qt.MouseButton.LeftButton, pos=QPoint(8, drop.height() // 2))
    qtbot.keyClicks(row.note, "Too much right now")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert journal.habits.habit(exercise.id).archived
    row = next(r for r in tab.decision_rows if r.practice == f"habit:{exercise.id}")
    assert row.buttons[rv.Decision.DROP].isChecked()
    assert row.note.text() == "Too much right now"
    assert "Exercise (archived)" in labels(tab)
    assert "habit:" not in labels(tab)


def test_a_week_overlapping_the_baseline_is_marked(
    reviewed_window: MainWindow, journal: Any, qtbot: QtBot
) -> None:
    # Issue 14 item 9: the week the baseline ended in was compared with it without a word.
    ended = journal.ctx.completions()[1]
    metrics = journal.metrics.active()
    journal.metrics.check_in(ended + timedelta(days=2), {m.id: 2 for m in metrics})
    reviewed_window.show_tab("review")
    tab = reviewed_window.review_tab
    tab.set_week(ended)
    shown = labels(tab)
    assert "Overlaps your baseline" in shown
    assert "so only the days after it are compared" in shown
    assert "Based on 7 baseline days and 1 day rated this week." in shown
    tab.set_week(ended - timedelta(days=7))
    shown = labels(tab)
    assert "This week is part of your baseline" in shown
    assert "better than" not in shown and "worse than" not in shown


def test_the_reflection_questions_keep_their_words_with_a_gloss(
    reviewed_window: MainWindow,
) -> None:
    # Issue 14 item 10: "opening" and "window" were never explained.
    reviewed_window.show_tab("review")
    shown = labels(reviewed_window.review_tab)
    assert "Where might a small opening help me start?" in shown
    assert "Which habit will keep my window open next month?" in shown
    assert "An opening is a time when change comes more easily" in shown
    assert "Your window is the time when new learning sticks more easily" in shown
    edit = reviewed_window.review_tab.reflections["reflection_opening"]
    assert edit.accessibleDescription().startswith("An opening is a time")

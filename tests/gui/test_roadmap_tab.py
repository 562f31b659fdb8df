from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton
from pytestqt.qtbot import QtBot

from plasticity_app.ui.main_window import MainWindow
from tests.helpers import add_presets, rate_days


def texts(widget: Any) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


def test_new_journal_roadmap_explains_what_opens_each_step(window: MainWindow) -> None:
    tab = window.roadmap_tab
    shown = texts(tab)
    assert "You are on step 1 of 5" in shown
    assert "Choose at least 2 outcome metrics to rate." in shown
    assert "Opens when your baseline is mapped (step 1)." in shown
    assert "Hours to days" in shown and "Weeks to months" in shown
    assert tab.cards[1].badge.text() == "Locked"


def test_progress_updates_after_a_check_in_elsewhere(window: MainWindow, journal: Any) -> None:
    metrics = add_presets(journal)
    rate_days(journal, metrics, 3)
    shown = texts(window.roadmap_tab)
    assert "Rate Self-criticism intensity on 4 more days." in shown


def test_baseline_done_then_not_needed_opens_step3(
    window: MainWindow, journal: Any, qtbot: QtBot
) -> None:
    metrics = add_presets(journal)
    rate_days(journal, metrics, 7)
    card = window.roadmap_tab.cards[1]
    assert card.badge.text() == "In progress"
    button = next(b for b in card.findChildren(QPushButton) if b.text() == "Not needed")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.roadmap_tab.cards[1].badge.text() == "Not needed"
    assert window.roadmap_tab.cards[2].badge.text() == "In progress"
    assert window.statusBar().currentMessage() == "Saved: step 2 marked as not needed"


def test_worst_fifth_shows_the_clinician_suggestion(window: MainWindow, journal: Any) -> None:
    metrics = add_presets(journal)
    journal_ratings = {metrics[0].id: 9, metrics[1].id: 1}  # harsh critic, low willingness
    from datetime import timedelta

    for i in range(4):
        journal.metrics.check_in(journal.ctx.today() - timedelta(days=i), journal_ratings)
    tab = window.roadmap_tab
    assert tab.banner.isVisibleTo(window)
    assert "talk this through with a clinician" in tab.banner_text.text()


def test_demo_journal_has_a_mapped_baseline(qtbot: QtBot, demo_journal: Any, tmp_path: Any) -> None:
    win = MainWindow(demo_journal, tmp_path / "w.ini")
    qtbot.addWidget(win)
    roadmap = demo_journal.roadmap.roadmap()
    assert roadmap.step(1).state.value == "complete"
    entries = demo_journal.metrics.entries()
    assert len({e.day for e in entries}) > 55
    assert win.roadmap_tab.cards[0].badge.text() == "Complete"


def test_demo_reaches_step5_through_the_supports_rule(demo_journal: Any) -> None:
    # Issue 14 item 4: step 4 completes on the 7th day with a support done, and the demo's does.
    completions = demo_journal.ctx.completions()
    days = demo_journal.habits.support_days(completions[3], demo_journal.ctx.today())
    assert len(days) == 7
    assert completions[4] == days[6]
    roadmap = demo_journal.roadmap.roadmap()
    assert roadmap.step(4).progress[0].text == "Days with at least one support done: 7 of 7"
    assert roadmap.step(5).state.value == "ongoing"


def test_step4_card_with_no_supports_done_stays_in_progress(
    window: MainWindow, journal: Any, clock: Any
) -> None:
    from tests.unit.controller.test_habits_controller import complete_step3

    complete_step3(journal)
    clock.advance(days=9)
    journal.habits.skip(journal.habits.habits()[0].id, journal.ctx.today())  # any change
    tab = window.roadmap_tab
    card = tab.cards[3]
    shown = texts(card)
    assert card.badge.text() == "In progress"
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the earlier bars
    (bar,) = card.findChildren(QProgressBar)
    assert bar.accessibleName() == "Days with at least one support done: 0 of 7"
    assert (bar.value(), bar.text()) == (0, "0 of 7")
    assert "7th day on which you did at least one of them" in shown
    assert "Do at least one support on 7 more days." in shown
    assert tab.cards[4].badge.text() == "Locked"
    assert "Opens on the 7th day with at least one support done (step 4)." in texts(tab.cards[4])


def test_help_says_how_the_roadmap_works(window: MainWindow, qtbot: QtBot) -> None:
    from plasticity_app.ui.help_dialogs import HelpDialog

    action = next(
        a
        for a in window.help_menu.actions()
        if a.text().replace("&", "") == "How the roadmap works"
    )
    assert action.isEnabled()
    dialog = HelpDialog("roadmap", window)
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert "The step is complete on the 7th day on which you did at least one support." in text
    assert "An opening is a short period" in text

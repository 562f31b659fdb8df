from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
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

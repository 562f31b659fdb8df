"""Words a person can read (issue 14 item 10): "opening" explained where it first appears, hours
said in words ("just now", "1 hour ago"), plural forms for counts ("over 1 day")."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from plasticity_app.domain.openings import Opening, OpeningKind
from plasticity_app.ui.main_window import MainWindow
from plasticity_app.ui.onboarding import OnboardingWizard
from tests.gui.test_experiments_tab import map_baseline, show
from tests.helpers import add_presets, rate_days


def test_the_word_opening_is_explained_where_it_first_appears(qtbot: QtBot, journal: Any) -> None:
    wizard = OnboardingWizard(journal.onboarding)
    qtbot.addWidget(wizard)
    pages = [wizard.page(i) for i in wizard.pageIds()]
    text = "\n".join(
        label.text() for page in pages for label in page.findChildren(QLabel) if label.text()
    )
    first = text.lower().index("opening")
    # The first mention is step 2's title; its explanation follows at once.
    assert text[first - 10 : first + 7] == "Create an opening"
    explained = text.index("An “opening” is a short window, hours to days")
    assert 0 < explained - first < 40


def test_the_roadmap_explains_the_opening_in_step_2(window: MainWindow) -> None:
    card = window.roadmap_tab.cards[1]
    assert card.what.text().startswith("An “opening” is a short window, hours to days")


def test_the_banner_says_just_now_and_hours_in_words(
    window: MainWindow, journal: Any, clock: Any
) -> None:
    # "Your opening (TMS) was 0 h ago".
    map_baseline(journal)
    journal.learning.log_opening(Opening(OpeningKind.TMS, clock.now(), "Dr. Osei"))
    tab = show(window)
    assert "Your opening (TMS) was just now." in tab.banner_text.text()
    clock.advance(hours=1)
    tab.timer.timeout.emit()
    assert "Your opening (TMS) was 1 hour ago." in show(window).banner_text.text()
    clock.advance(hours=4)
    tab.timer.timeout.emit()
    assert "Your opening (TMS) was 5 hours ago." in show(window).banner_text.text()
    assert " h ago" not in show(window).banner_text.text()


def test_a_baseline_of_one_day_says_one_day(window: MainWindow, journal: Any) -> None:
    # "over 1 days".
    metrics = add_presets(journal)
    rate_days(journal, metrics, 1)
    window.show_tab("checkin")
    shown = [label.text() for label in window.checkin_tab.findChildren(QLabel)]
    assert any(t.startswith("Baseline average") and t.endswith("over 1 day") for t in shown)
    assert not any("over 1 days" in t for t in shown)
    rate_days(journal, metrics, 3)
    shown = [label.text() for label in window.checkin_tab.findChildren(QLabel)]
    assert any(t.startswith("Baseline average") and t.endswith("over 3 days") for t in shown)

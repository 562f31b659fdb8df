"""The window is on screen before the journal is opened, then fills in: the frame, the opening,
and what the person sees when they stop at the onboarding."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QLabel
from pytestqt.qtbot import QtBot

from plasticity_app.controller.journal import Journal
from plasticity_app.controller.onboarding import MetricChoice
from plasticity_app.domain.metrics import Direction
from plasticity_app.ui.application import JournalOpening
from plasticity_app.ui.main_window import WINDOW_SETTINGS, MainWindow
from plasticity_app.ui.onboarding import OnboardingWizard


def _app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app


def _onboarded(folder: Path) -> None:
    journal = Journal(folder)
    journal.onboarding.finish(
        [MetricChoice("Calm", Direction.HIGHER), MetricChoice("Worry", Direction.LOWER)], 7
    )
    journal.close()


def test_the_frame_says_it_is_opening_and_offers_only_what_needs_no_journal(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = MainWindow(settings_path=tmp_path / WINDOW_SETTINGS)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    labels = [label.text() for label in window.findChildren(QLabel)]
    assert "Opening your journal…" in labels
    assert window.tabs.count() == 0
    assert not window.checkin_action.isEnabled()
    assert not window.import_action.isEnabled()
    assert not window.preferences_action.isEnabled()
    # Help (the crisis page, the disclaimer) is there from the first moment.
    assert all(action.isEnabled() for action in window.help_menu.actions())


def test_opening_fills_the_window_and_brings_back_the_last_tab(
    qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "journal"
    _onboarded(folder)
    settings = folder / WINDOW_SETTINGS
    first = MainWindow(settings_path=settings)
    qtbot.addWidget(first)
    opening = JournalOpening(_app(), first, folder, demo=False, report=False)
    assert opening.run()
    first.show_tab("habits")
    first.close()
    opening.close()

    window = MainWindow(settings_path=settings)
    qtbot.addWidget(window)
    window.show()
    opening = JournalOpening(_app(), window, folder, demo=False, report=False)
    try:
        assert opening.run()
        assert window.opened
        assert window.tabs.count() == 6
        assert window.centralWidget() is window.tabs
        assert window.tab_keys[window.tabs.currentIndex()] == "habits"
        assert window.checkin_action.isEnabled() and window.import_action.isEnabled()
        window.set_opening_text("ignored once open")
        window.checkin_action.trigger()
        assert window.tabs.currentWidget() is window.checkin_tab
    finally:
        window.close()
        opening.close()


def test_the_theme_chosen_last_time_is_kept_with_the_window(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    _onboarded(folder)
    journal = Journal(folder)
    journal.settings.set("theme", "dark")
    journal.close()
    window = MainWindow(settings_path=folder / WINDOW_SETTINGS)
    qtbot.addWidget(window)
    assert window.saved_theme() == "system"
    opening = JournalOpening(_app(), window, folder, demo=False, report=False)
    try:
        assert opening.run()
        assert window.saved_theme() == "dark"
    finally:
        from plasticity_app.ui.style import apply_theme

        apply_theme(_app(), "system")
        window.close()
        opening.close()


def test_stopping_at_the_onboarding_opens_nothing(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []

    def refuse(wizard: OnboardingWizard) -> int:
        seen.append(wizard.windowTitle())
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(OnboardingWizard, "exec", refuse)
    window = MainWindow(settings_path=tmp_path / "journal" / WINDOW_SETTINGS)
    qtbot.addWidget(window)
    window.show()
    opening = JournalOpening(_app(), window, tmp_path / "journal", demo=False, report=False)
    try:
        assert not opening.run()
        assert seen == ["Welcome · Plasticity Journal"]
        assert not window.opened
        labels = [label.text() for label in window.findChildren(QLabel)]
        assert "Setting up your journal…" in labels
    finally:
        opening.close()


def test_closing_the_window_stops_everything_that_polls_the_journal(
    qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "journal"
    _onboarded(folder)
    journal = Journal(folder)
    window = MainWindow(journal, folder / WINDOW_SETTINGS)
    qtbot.addWidget(window)
    window.show()
    assert window.experiments_tab.timer.isActive() and window.reminder.active
    window.close()
    journal.close()
    # A pairing countdown or reminder firing now would read a closed journal.
    assert not window.experiments_tab.timer.isActive()
    assert not window.reminder.active


def test_an_unexpected_failure_is_said_and_the_app_exits(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from PySide6.QtWidgets import QMessageBox

    folder = tmp_path / "journal"
    _onboarded(folder)
    shown: list[str] = []
    exits: list[int] = []

    def broken(_window: MainWindow, _journal: Journal) -> None:
        raise OSError("disk went away")

    monkeypatch.setattr(MainWindow, "open", broken)
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a: shown.append(text))
    app = _app()
    monkeypatch.setattr(app, "exit", lambda code=0: exits.append(code))
    window = MainWindow(settings_path=folder / WINDOW_SETTINGS)
    qtbot.addWidget(window)
    opening = JournalOpening(app, window, folder, demo=False, report=False)
    try:
        assert not opening.run()
    finally:
        opening.close()
    assert exits == [1]
    assert shown and "couldn’t be opened: disk went away" in shown[0]
    assert "OSError" in capsys.readouterr().err

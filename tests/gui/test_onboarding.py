"""Onboarding driven as a person would: read, tick, choose, finish."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from plasticity_app.ui.onboarding import OnboardingWizard


def next_button(wizard: QWizard) -> Any:
    return wizard.button(QWizard.WizardButton.NextButton)


def test_onboarding_from_welcome_to_first_metrics(qtbot: QtBot, journal: Any) -> None:
    wizard = OnboardingWizard(journal.onboarding)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    assert "Plasticity Journal" in wizard.windowTitle()
    qtbot.mouseClick(next_button(wizard), Qt.MouseButton.LeftButton)
    disclaimer = wizard.currentPage()
    assert "not a medical device" in disclaimer.findChild(type(disclaimer.ack)).text()  # type: ignore[attr-defined]
    assert not next_button(wizard).isEnabled(), "the disclaimer must be acknowledged"
    ack = disclaimer.ack  # type: ignore[attr-defined]
    qtbot.mouseClick(ack, Qt.MouseButton.LeftButton, pos=QPoint(8, ack.height() // 2))
    assert ack.isChecked()
    assert next_button(wizard).isEnabled()
    qtbot.mouseClick(next_button(wizard), Qt.MouseButton.LeftButton)  # roadmap page
    qtbot.mouseClick(next_button(wizard), Qt.MouseButton.LeftButton)  # metrics page
    page = wizard.metrics_page
    assert not next_button(wizard).isEnabled()
    assert "Choose at least 2" in page.count.text()
    page.list.item(0).setCheckState(Qt.CheckState.Checked)
    assert not next_button(wizard).isEnabled()
    # Add a custom metric from the keyboard.
    page.custom_name.setFocus()
    qtbot.keyClicks(page.custom_name, "Ease in conversations")
    qtbot.keyClick(page.custom_name, Qt.Key.Key_Return)
    assert page.list.count() == 4
    assert next_button(wizard).isEnabled()
    # A duplicate is refused at the field.
    qtbot.keyClicks(page.custom_name, "ease in conversations")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.custom_error.isVisibleTo(wizard) and "already have" in page.custom_error.text()
    assert page.list.count() == 4
    page.custom_name.clear()
    qtbot.mouseClick(next_button(wizard), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.baseline_page
    days = wizard.baseline_page.days
    days.setFocus()
    days.selectAll()
    qtbot.keyClicks(days, "10")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.result() == QWizard.DialogCode.Accepted
    names = [(m.name, m.direction.value) for m in journal.metrics.all()]
    assert names == [("Self-criticism intensity", "lower"), ("Ease in conversations", "higher")]
    settings = journal.settings.get()
    assert settings.baseline_days == 10 and settings.onboarding_done
    assert settings.disclaimer_acknowledged == journal.ctx.today().isoformat()


def test_cancelling_onboarding_stores_nothing(qtbot: QtBot, journal: Any) -> None:
    wizard = OnboardingWizard(journal.onboarding)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.reject()
    assert journal.metrics.all() == []
    assert journal.onboarding.needed()

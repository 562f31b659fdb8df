from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTime
from pytestqt.qtbot import QtBot

from plasticity_app.ui.main_window import MainWindow
from plasticity_app.ui.preferences_dialog import PreferencesDialog


def test_preferences_save_as_you_change_them(
    window: MainWindow, journal: Any, qtbot: QtBot
) -> None:
    dialog = PreferencesDialog(journal.settings, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.first_weekday.setCurrentIndex(6)
    assert journal.settings.get().first_weekday == 6
    dialog.baseline_days.setFocus()
    dialog.baseline_days.selectAll()
    qtbot.keyClicks(dialog.baseline_days, "14")
    qtbot.keyClick(dialog.baseline_days, Qt.Key.Key_Return)
    assert journal.settings.get().baseline_days == 14
    dialog.reminder_on.setChecked(True)
    dialog.reminder_time.setTime(QTime(21, 30))
    assert journal.settings.get().reminder_time == "21:30"
    dialog.reminder_on.setChecked(False)
    assert journal.settings.get().reminder_time == ""
    dialog.theme.setCurrentIndex(2)
    assert journal.settings.get().theme == "dark"
    dialog.theme.setCurrentIndex(0)
    assert window.statusBar().currentMessage() == "Saved: preferences"
    for widget in (
        dialog.first_weekday,
        dialog.baseline_days,
        dialog.reminder_on,
        dialog.reminder_time,
        dialog.theme,
        dialog.day_start,
    ):
        assert widget.accessibleName()


def test_reminder_fires_once_when_today_is_not_rated(window: MainWindow, journal: Any) -> None:
    from datetime import datetime

    from tests.helpers import add_presets

    a, b = add_presets(journal)
    journal.settings.set("reminder_time", "20:00")
    assert not window.reminder.check(datetime(2026, 11, 23, 19, 59))
    journal.metrics.check_in(journal.ctx.today(), {a.id: 4, b.id: 5})
    assert not window.reminder.check(datetime(2026, 11, 23, 20, 5)), "already checked in"
    journal.metrics.clear_rating(b.id, journal.ctx.today())
    assert window.reminder.check(datetime(2026, 11, 23, 20, 5))
    assert "check-in" in window.statusBar().currentMessage()
    assert not window.reminder.check(datetime(2026, 11, 23, 20, 6)), "only once a day"

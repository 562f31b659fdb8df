"""The daily check-in reminder: a quiet tray notification while the app runs."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon, QWidget

from plasticity_app.controller.journal import Journal

CHECK_EVERY_MS = 60_000


class Reminder(QObject):
    """Checks once a minute; at the reminder time, if today isn't rated yet, it says so once."""

    fired = Signal(str)

    def __init__(self, journal: Journal, icon: QIcon, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._journal = journal
        self._shown_on: date | None = None
        self._tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable() and not icon.isNull():
            self._tray = QSystemTrayIcon(icon, self)
            self._tray.setToolTip("Plasticity Journal")
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(lambda: self.check(self._journal.clock.now()))
        self._timer.start()

    def stop(self) -> None:
        """No more reminders (the window is closing)."""
        self._timer.stop()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def check(self, now: datetime) -> bool:
        settings = self._journal.settings.get()
        if not settings.reminder_time:
            return False
        hours, minutes = (int(x) for x in settings.reminder_time.split(":"))
        today = self._journal.ctx.today()
        if self._shown_on == today or (now.hour, now.minute) < (hours, minutes):
            return False
        active = self._journal.metrics.active()
        rated = self._journal.metrics.ratings_on(today)
        if not active or all(m.id in rated for m in active):
            return False
        self._shown_on = today
        message = self.tr("Time for today’s check-in. It takes about thirty seconds.")
        if self._tray is not None:
            self._tray.show()
            self._tray.showMessage(
                "Plasticity Journal", message, QSystemTrayIcon.MessageIcon.Information
            )
        self.fired.emit(message)
        return True

"""Date pop-ups whose days out of range (the future, where it can't be chosen) look it.

Qt's calendar refuses a day after the edit's maximum but draws it like any other, so future days
looked clickable (issue 14.14). Every date edit with a pop-up gets its calendar from here.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QRect, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QCalendarWidget, QDateTimeEdit


class RangeCalendar(QCalendarWidget):
    """A calendar that draws the days it won't accept greyed, as disabled."""

    def accepts(self, day: QDate) -> bool:
        return self.minimumDate() <= day <= self.maximumDate()

    def paintCell(self, painter: QPainter, rect: QRect, date: QDate) -> None:
        if self.accepts(date):
            super().paintCell(painter, rect, date)
            return
        palette = self.palette()
        painter.save()
        painter.fillRect(rect, palette.brush(QPalette.ColorGroup.Active, QPalette.ColorRole.Window))
        painter.setPen(palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), str(date.day()))
        painter.restore()


def calendar_popup(edit: QDateTimeEdit) -> QDateTimeEdit:
    """Give ``edit`` a calendar pop-up in which the days it won't take are greyed."""
    edit.setCalendarPopup(True)
    edit.setCalendarWidget(RangeCalendar(edit))
    return edit

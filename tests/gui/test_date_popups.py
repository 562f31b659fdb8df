"""Standing check for issue 14.14: in every date pop-up, the days that can't be chosen (the
future, where only past days are allowed) are drawn greyed, not like clickable days."""

from __future__ import annotations

from PySide6.QtCore import QDate, QRect
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QDateTimeEdit, QWidget
from pytestqt.qtbot import QtBot

from plasticity_app.controller.journal import Journal
from plasticity_app.ui.calendar_popup import RangeCalendar
from plasticity_app.ui.main_window import MainWindow
from tests.gui.test_numeric_fields import UI, demo, demo_window, dialog_factories

__all__ = ["demo", "demo_window"]  # the fixtures, shared with the numbers' walk


def test_every_date_pop_up_is_made_in_one_place() -> None:
    found = [
        f"{path.name}:{number}"
        for path in sorted(UI.glob("*.py"))
        if path.name != "calendar_popup.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "setCalendarPopup(" in line or "setCalendarWidget(" in line
    ]
    assert found == [], "use calendar_popup(edit): it greys the days that can't be chosen"


def popups(top: QWidget) -> list[QDateTimeEdit]:
    return [edit for edit in top.findChildren(QDateTimeEdit) if edit.calendarPopup()]


def test_every_date_pop_up_of_the_app_greys_what_it_refuses(
    qtbot: QtBot, demo: Journal, demo_window: MainWindow
) -> None:
    from plasticity_app.ui.experiment_editor import ExperimentEditor

    seen: list[str] = []
    tops: list[QWidget] = [demo_window, ExperimentEditor(demo.learning)]
    tops += [factory(demo_window) for factory in dialog_factories(demo).values()]
    for top in tops:
        for edit in popups(top):
            assert isinstance(edit.calendarWidget(), RangeCalendar), edit.accessibleName()
            seen.append(edit.accessibleName())
        if top is not demo_window:
            top.deleteLater()
    # The pop-ups of the check-in, the habits and review weeks, experiments, sessions,
    # thought records and openings.
    assert len(seen) >= 8, seen


def cell_colours(calendar: RangeCalendar, day: QDate) -> set[int]:
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    calendar.paintCell(painter, QRect(0, 0, 40, 30), day)
    painter.end()
    return {image.pixel(x, y) for x in range(40) for y in range(30)}


def test_a_future_day_is_drawn_greyed_and_a_past_day_is_not(qtbot: QtBot) -> None:
    calendar = RangeCalendar()
    qtbot.addWidget(calendar)
    today = QDate(2026, 11, 23)
    calendar.setDateRange(QDate(2026, 1, 1), today)
    calendar.setSelectedDate(today.addDays(-10))
    text = calendar.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text)
    grey = calendar.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    assert text != grey
    past = cell_colours(calendar, today.addDays(-3))  # a Friday (weekends are red)
    future = cell_colours(calendar, today.addDays(1))
    assert text.rgb() in past
    assert text.rgb() not in future, "a day that can't be chosen looks like one that can"
    assert grey.rgb() in future
    assert QApplication.instance() is not None


def test_the_real_pop_up_refuses_a_future_day(qtbot: QtBot, window: MainWindow) -> None:
    edit = window.habits_tab.week_edit
    calendar = edit.calendarWidget()
    assert isinstance(calendar, RangeCalendar)
    today = edit.maximumDate()
    assert not calendar.accepts(today.addDays(1)) and calendar.accepts(today)

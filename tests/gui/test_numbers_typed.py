"""What a person types in a number field is never silently changed (issue 14.7).

Out of range is refused at the field with a message and nothing is stored; the text stays as
typed so it can be corrected where it was typed.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QWizard
from pytestqt.qtbot import QtBot

from plasticity_app.ui.main_window import MainWindow
from plasticity_app.ui.onboarding import OnboardingWizard
from plasticity_app.ui.preferences_dialog import PreferencesDialog
from tests.helpers import add_presets


def test_fifteen_in_a_history_cell_is_refused_not_saved_as_one(
    window: MainWindow, journal: Any, qtbot: QtBot
) -> None:
    a, _ = add_presets(journal)
    day = journal.ctx.today() - timedelta(days=2)
    journal.metrics.rate(a.id, day, 8)
    tab = window.checkin_tab
    window.tabs.setCurrentWidget(tab)
    model = tab.model
    row = next(r for r in range(model.rowCount()) if model.day_at(r) == day)
    tab.table.setFocus()
    tab.table.setCurrentIndex(model.index(row, 0))
    qtbot.keyClick(tab.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "15")
    assert editor.text() == "15", "every key typed is kept"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(50)
    assert journal.metrics.ratings_on(day) == {a.id: 8}, "nothing stored"
    assert tab.history_error.isVisible()
    assert "0 to 10" in tab.history_error.text()
    assert model.data(model.index(row, 0)) == "8"
    # The cell stays open with what was typed, to be corrected there.
    assert tab.table.state() is QAbstractItemView.State.EditingState
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "15"
    editor.selectAll()
    qtbot.keyClicks(editor, "10")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: journal.metrics.ratings_on(day) == {a.id: 10})
    assert model.data(model.index(row, 0)) == "10"
    assert not tab.history_error.isVisible()
    # An empty cell clears the rating, as before.
    tab.table.setFocus()
    tab.table.setCurrentIndex(model.index(row, 0))
    qtbot.keyClick(tab.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "10"
    editor.clear()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: journal.metrics.ratings_on(day) == {})


def go_to_baseline_page(wizard: OnboardingWizard, qtbot: QtBot) -> None:
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.next()
    wizard.currentPage().ack.setChecked(True)  # type: ignore[attr-defined]
    wizard.next()
    wizard.next()
    wizard.metrics_page.list.item(0).setCheckState(Qt.CheckState.Checked)
    wizard.metrics_page.list.item(1).setCheckState(Qt.CheckState.Checked)
    wizard.next()
    assert wizard.currentPage() is wizard.baseline_page


def test_999_baseline_days_in_onboarding_is_refused_not_cut_to_9(
    qtbot: QtBot, journal: Any
) -> None:
    wizard = OnboardingWizard(journal.onboarding)
    qtbot.addWidget(wizard)
    go_to_baseline_page(wizard, qtbot)
    field = wizard.baseline_page.days
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "999")
    assert field.text() == "999"
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    assert wizard.isVisible() and wizard.currentPage() is wizard.baseline_page
    errors = [
        label.text() for label in (field.error, wizard.baseline_page.error) if label.isVisible()
    ]
    assert errors and "5 to 28 days" in errors[0]
    assert field.text() == "999"
    assert journal.metrics.all() == [] and journal.onboarding.needed(), "nothing stored"
    field.selectAll()
    qtbot.keyClicks(field, "21")
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert journal.settings.get().baseline_days == 21


def test_preferences_refuse_out_of_range_numbers_at_the_field(
    window: MainWindow, journal: Any, qtbot: QtBot
) -> None:
    dialog = PreferencesDialog(journal.settings, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    before = journal.settings.get()
    for field, typed, words in (
        (dialog.baseline_days, "999", "5 to 28 days"),
        (dialog.day_start, "12", "06:00"),
    ):
        field.setFocus()
        field.selectAll()
        qtbot.keyClicks(field, typed)
        qtbot.keyClick(field, Qt.Key.Key_Tab)
        assert field.text() == typed, "kept as typed"
        assert field.error.isVisible() and words in field.error.text()
        assert journal.settings.get() == before, "nothing stored"
    dialog.baseline_days.setFocus()
    dialog.baseline_days.selectAll()
    qtbot.keyClicks(dialog.baseline_days, "14")
    qtbot.keyClick(dialog.baseline_days, Qt.Key.Key_Tab)
    assert journal.settings.get().baseline_days == 14
    assert not dialog.baseline_days.error.isVisible()


def test_habit_targets_and_amounts_are_refused_or_kept_exactly(
    window: MainWindow, journal: Any, qtbot: QtBot
) -> None:
    from plasticity_app.ui.habit_dialog import HabitDialog

    dialog = HabitDialog(journal.habits, None, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.name, "Reading")
    dialog.kind.setCurrentIndex(dialog.kind.findData("quantity"))
    qtbot.keyClicks(dialog.unit, "pages")
    dialog.period.selectAll()
    qtbot.keyClicks(dialog.period, "400")
    assert dialog.period.text() == "400", "a spin box cut this to 40"
    dialog.save()
    assert dialog.isVisible()
    assert "1 to 365 days" in dialog.errors["period_days"].text()
    assert dialog.errors["period_days"].isVisible()
    assert journal.habits.habits() == [], "nothing stored"
    dialog.period.selectAll()
    qtbot.keyClicks(dialog.period, "7")
    dialog.use_min.setChecked(True)
    dialog.daily_min.selectAll()
    qtbot.keyClicks(dialog.daily_min, "7.555")
    assert dialog.daily_min.text() == "7.555", "a spin box with 2 decimals cut this to 7.55"
    dialog.save()
    assert not dialog.isVisible()
    saved = next(h for h in journal.habits.habits() if h.name == "Reading")
    assert saved.target.daily_min == 7.555
    assert saved.target.period_days == 7


def test_a_refusal_makes_room_in_its_dialog(window: MainWindow, journal: Any, qtbot: QtBot) -> None:
    """Seen in a real window: the message squeezed the notes below it until they were cut."""
    dialog = PreferencesDialog(journal.settings, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.resize(dialog.width(), dialog.sizeHint().height())
    dialog.baseline_days.setFocus()
    dialog.baseline_days.selectAll()
    qtbot.keyClicks(dialog.baseline_days, "999")
    qtbot.keyClick(dialog.baseline_days, Qt.Key.Key_Return)
    assert dialog.baseline_days.error.isVisible()
    assert dialog.height() >= dialog.sizeHint().height()


def test_fifteen_typed_on_a_rating_row_is_refused_not_read_as_five(
    window: MainWindow, journal: Any, qtbot: QtBot
) -> None:
    a, _ = add_presets(journal)
    today = journal.ctx.today()
    journal.metrics.rate(a.id, today, 4)
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    row = window.checkin_tab._rows[0]
    selector = row.selector
    assert selector.value() == 4
    qtbot.keyClick(selector, Qt.Key.Key_1)
    qtbot.keyClick(selector, Qt.Key.Key_5)  # quickly, as one number
    assert journal.metrics.ratings_on(today).get(a.id) == 4, "back to what it was"
    assert selector.value() == 4
    assert row.error.isVisibleTo(window) and "0 to 10" in row.error.text()
    assert "15" in row.error.text()
    # 1 then 0 is still ten, and a good rating clears the message.
    qtbot.keyClick(selector, Qt.Key.Key_1)
    qtbot.keyClick(selector, Qt.Key.Key_0)
    assert journal.metrics.ratings_on(today).get(a.id) == 10
    assert not row.error.isVisibleTo(window)


def test_preferences_closed_with_escape_keep_a_good_number_typed(
    window: MainWindow, journal: Any, qtbot: QtBot
) -> None:
    dialog = PreferencesDialog(journal.settings, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.baseline_days.setFocus()
    dialog.baseline_days.selectAll()
    qtbot.keyClicks(dialog.baseline_days, "21")
    qtbot.keyClick(dialog.baseline_days, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert journal.settings.get().baseline_days == 21

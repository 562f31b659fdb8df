"""The Check-in tab driven from the keyboard and mouse, checked on screen and in the database."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit
from pytestqt.qtbot import QtBot

from plasticity_app.ui.main_window import MainWindow
from tests.helpers import add_presets


def test_tabs_and_shortcuts(window: MainWindow, qtbot: QtBot) -> None:
    assert "Plasticity Journal" in window.windowTitle()
    assert [window.tabs.tabText(i).replace("&", "") for i in range(2)] == ["Roadmap", "Check-in"]
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.checkin_tab
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.roadmap_tab


def test_empty_checkin_explains_and_offers_to_start(window: MainWindow) -> None:
    tab = window.checkin_tab
    window.tabs.setCurrentWidget(tab)
    assert tab.empty.isVisibleTo(window)
    assert not tab.intro.isVisibleTo(window)
    assert "baseline" in " ".join(w.text() for w in tab.empty.findChildren(type(tab.intro)))


def test_check_in_from_the_keyboard(window: MainWindow, journal: Any, qtbot: QtBot) -> None:
    a, b = add_presets(journal)
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    tab = window.checkin_tab
    assert window.tabs.currentWidget() is tab
    first, second = (row.selector for row in tab._rows)
    assert QApplication.focusWidget() is first
    qtbot.keyClick(first, Qt.Key.Key_7)
    qtbot.keyClick(first, Qt.Key.Key_Left)  # 6
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is second
    qtbot.keyClick(second, Qt.Key.Key_1)
    qtbot.keyClick(second, Qt.Key.Key_0)  # typed quickly: 10
    today = journal.ctx.today()
    assert journal.metrics.ratings_on(today) == {a.id: 6, b.id: 10}
    assert first.value() == 6 and second.value() == 10
    assert window.statusBar().currentMessage() == "Saved: Willingness to initiate 10 for today"
    qtbot.keyClick(second, Qt.Key.Key_Delete)
    assert journal.metrics.ratings_on(today) == {a.id: 6}
    # The note saves as you type.
    qtbot.keyClick(second, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is tab.note
    qtbot.keyClicks(tab.note, "Spoke up once.")
    qtbot.waitUntil(lambda: journal.metrics.note_on(today) == "Spoke up once.", timeout=3000)


def test_rate_a_past_day_but_not_a_future_one(
    window: MainWindow, journal: Any, qtbot: QtBot
) -> None:
    a, _ = add_presets(journal)
    tab = window.checkin_tab
    window.tabs.setCurrentWidget(tab)
    qtbot.mouseClick(tab.prev_day, Qt.MouseButton.LeftButton)
    yesterday = journal.ctx.today() - timedelta(days=1)
    assert tab.day() == yesterday
    assert tab.day_hint.text() == "yesterday"
    qtbot.mouseClick(tab._rows[0].selector._buttons[3], Qt.MouseButton.LeftButton)
    assert journal.metrics.ratings_on(yesterday) == {a.id: 3}
    qtbot.mouseClick(tab.today_button, Qt.MouseButton.LeftButton)
    assert not tab.next_day.isEnabled()
    tab.set_day(journal.ctx.today() + timedelta(days=1))
    assert tab.date_error.isVisibleTo(window)
    assert "hasn’t happened yet" in tab.date_error.text()
    assert tab.day() == journal.ctx.today()


def test_edit_in_the_history(window: MainWindow, journal: Any, qtbot: QtBot) -> None:
    a, _ = add_presets(journal)
    today = journal.ctx.today()
    journal.metrics.rate(a.id, today - timedelta(days=2), 8)
    tab = window.checkin_tab
    window.tabs.setCurrentWidget(tab)
    model = tab.model
    row = next(r for r in range(model.rowCount()) if model.day_at(r) == today - timedelta(days=2))
    index = model.index(row, 0)
    assert model.data(index) == "8"
    tab.table.setFocus()
    tab.table.setCurrentIndex(index)
    qtbot.keyClick(tab.table, Qt.Key.Key_F2)
    editor = tab.table.findChild(QLineEdit)
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, "5")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits on the next event-loop turn
    qtbot.waitUntil(lambda: journal.metrics.ratings_on(today - timedelta(days=2)) == {a.id: 5})
    assert model.data(model.index(row, 0)) == "5"
    # The day's rating on the form follows too (views redraw from the change signal).
    tab.set_day(today - timedelta(days=2))
    assert tab._rows[0].selector.value() == 5


def test_add_metric_dialog_validates_at_the_field(
    window: MainWindow, journal: Any, qtbot: QtBot
) -> None:
    from plasticity_app.ui.metric_dialog import MetricDialog

    add_presets(journal, 1)
    dialog = MetricDialog(journal.metrics, None, window)
    qtbot.addWidget(dialog)
    dialog.show()
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()
    qtbot.keyClicks(dialog.name, "Self-Criticism intensity")
    assert dialog.name_error.isVisibleTo(dialog) and "already have" in dialog.name_error.text()
    assert not save.isEnabled() and "already have" in save.toolTip()
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, "Calm mornings")
    assert save.isEnabled()
    qtbot.mouseClick(dialog.lower_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert [m.name for m in journal.metrics.all()][-1] == "Calm mornings"
    assert journal.metrics.all()[-1].direction.value == "lower"


def test_fourth_metric_button_says_why_it_is_disabled(window: MainWindow, journal: Any) -> None:
    add_presets(journal, 3)
    tab = window.checkin_tab
    assert not tab.add_button.isEnabled()
    assert "Archive one" in tab.add_button.toolTip()


def test_quit_shortcut_is_standard(window: MainWindow) -> None:
    shortcuts = [a.shortcut() for a in window.file_menu.actions()]
    assert QKeySequence(QKeySequence.StandardKey.Quit) in shortcuts


def test_undo_and_redo_from_the_edit_menu(window: MainWindow, journal: Any, qtbot: QtBot) -> None:
    a, _ = add_presets(journal)
    window.check_in_today()
    selector = window.checkin_tab._rows[0].selector
    qtbot.keyClick(selector, Qt.Key.Key_3)
    qtbot.keyClick(selector, Qt.Key.Key_8)
    today = journal.ctx.today()
    assert journal.metrics.ratings_on(today) == {a.id: 8}
    assert window.undo_action.text() == "&Undo Self-criticism intensity 8 for today"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert journal.metrics.ratings_on(today) == {a.id: 3}
    assert selector.value() == 3, "the screen follows the undo"
    assert window.statusBar().currentMessage() == "Undone: Self-criticism intensity 8 for today"
    window.redo_action.trigger()
    assert journal.metrics.ratings_on(today) == {a.id: 8}


def test_metric_cards_follow_the_baseline_and_are_kept_after_it(
    window: MainWindow, journal: Any, qtbot: QtBot, clock: Any
) -> None:
    from PySide6.QtWidgets import QFrame, QProgressBar

    a, b = add_presets(journal)
    tab = window.checkin_tab
    window.tabs.setCurrentWidget(tab)

    def cards() -> list[QFrame]:
        box = tab.metrics_box
        found = [box.itemAt(i).widget() for i in range(box.count())]
        return [w for w in found if isinstance(w, QFrame)]

    def bars() -> list[str]:
        return [bar.format() for card in cards() for bar in card.findChildren(QProgressBar)]

    today = journal.ctx.today()
    journal.metrics.check_in(today, {a.id: 5, b.id: 5})
    assert bars() == ["1 of 7 days rated", "1 of 7 days rated"]
    for ago in range(1, 7):
        journal.metrics.check_in(today - timedelta(days=ago), {a.id: 4, b.id: 6})
    assert bars() == []  # the baseline is mapped
    assert "Baseline mapped on" in tab.baseline_intro.text()
    kept = cards()
    # A rating after the baseline changes nothing on the cards: they are not made again.
    clock.advance(hours=24)
    journal.metrics.check_in(today + timedelta(days=1), {a.id: 9, b.id: 1})
    assert cards() == kept
    # Renaming a metric does.
    journal.metrics.edit(a.id, name="Inner critic", direction=a.direction)
    assert cards() != kept
    assert "Inner critic" in [
        label.text() for card in cards() for label in card.findChildren(type(tab.baseline_intro))
    ]

"""Typed work is never thrown away without asking, in every dialog of the app (issue 14.2), the
discard prompt promises nothing undo doesn't do (14.3), and Ctrl+Enter saves in every dialog
with a multi-line field (14.14).

Every QDialog subclass in ``plasticity_app`` is listed below: a new one fails
``test_every_dialog_is_listed`` until it is added (with its text fields, it is then typed into,
Escaped, and must ask).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

import plasticity_app
from plasticity_app.ui.main_window import MainWindow
from plasticity_app.ui.number_field import NumberField
from tests.helpers import add_presets, rate_days
from tests.unit.controller.test_habits_controller import complete_step3

Factory = Callable[[MainWindow], QDialog]


def _thought_record(w: MainWindow) -> QDialog:
    from plasticity_app.ui.thought_record_dialog import ThoughtRecordDialog

    return ThoughtRecordDialog(w.journal.learning, None, w)


def _opening(w: MainWindow) -> QDialog:
    from plasticity_app.ui.opening_dialog import OpeningDialog

    return OpeningDialog(w.journal.learning, None, w)


def _session(w: MainWindow) -> QDialog:
    from plasticity_app.ui.session_dialog import SessionDialog

    return SessionDialog(w.journal.learning, None, w)


def _habit(w: MainWindow) -> QDialog:
    from plasticity_app.ui.habit_dialog import HabitDialog

    return HabitDialog(w.journal.habits, None, w)


def _metric(w: MainWindow) -> QDialog:
    from plasticity_app.ui.metric_dialog import MetricDialog

    return MetricDialog(w.journal.metrics, None, w)


def _note(w: MainWindow) -> QDialog:
    from plasticity_app.ui.habits_tab import NoteDialog

    return NoteDialog("Gratitude note, Monday 23 November", "", w)


def _onboarding(w: MainWindow) -> QDialog:
    from plasticity_app.ui.onboarding import OnboardingWizard

    return OnboardingWizard(w.journal.onboarding, w)


def _backups(w: MainWindow) -> QDialog:
    from plasticity_app.ui.backups_dialog import BackupsDialog

    return BackupsDialog(w.journal.safety, w)


def _help(w: MainWindow) -> QDialog:
    from plasticity_app.ui.help_dialogs import HelpDialog

    return HelpDialog("science", w)


def _preferences(w: MainWindow) -> QDialog:
    from plasticity_app.ui.preferences_dialog import PreferencesDialog

    return PreferencesDialog(w.journal.settings, w)


# Dialogs that hold typed text: each must ask before discarding it.
WITH_TEXT: dict[str, Factory] = {
    "ThoughtRecordDialog": _thought_record,
    "OpeningDialog": _opening,
    "SessionDialog": _session,
    "HabitDialog": _habit,
    "MetricDialog": _metric,
    "NoteDialog": _note,
    "OnboardingWizard": _onboarding,
}
# Dialogs without a text field (checked: adding one moves the dialog to WITH_TEXT).
WITHOUT_TEXT: dict[str, Factory] = {
    "BackupsDialog": _backups,
    "HelpDialog": _help,
    "PreferencesDialog": _preferences,
}
# Passphrase prompts: a passphrase is typed again, never kept as work, and a prompt to
# "keep editing" a hidden passphrase would only confuse.
EXEMPT = {"PassphraseDialog", "PassphraseForm"}
# The import dialog's text fields (a spreadsheet column's range or unit, the date format) say how
# to read a file the person still has; nothing the person wrote is in them.
EXEMPT |= {"ImportDialog"}


def app_dialog_classes() -> dict[str, type]:
    found: dict[str, type] = {}
    for info in pkgutil.walk_packages(plasticity_app.__path__, "plasticity_app."):
        if info.name.endswith("__main__"):
            continue  # running it starts the app
        module = importlib.import_module(info.name)
        for name, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, QDialog) and obj.__module__ == module.__name__:
                found[name] = obj
    return found


def editable_text_fields(dialog: QWidget) -> list[QWidget]:
    fields: list[QWidget] = []
    for widget in dialog.findChildren(QWidget):
        if isinstance(widget, QLineEdit) and not widget.isReadOnly():
            if isinstance(widget, NumberField):  # in place of a spin box: a number, not text
                continue
            if not isinstance(widget.parent(), QAbstractSpinBox | QComboBox):
                fields.append(widget)
        elif isinstance(widget, QPlainTextEdit | QTextEdit) and not widget.isReadOnly():
            fields.append(widget)
    return fields


def field_text(widget: QWidget) -> str:
    if isinstance(widget, QLineEdit):
        return widget.text()
    assert isinstance(widget, QPlainTextEdit | QTextEdit)
    return widget.toPlainText()


ARMED: list[Prompt] = []


@dataclass(eq=False)
class Prompt:
    """Answers the next question box with the button labelled ``answer`` and keeps what it
    said; records nothing when no box comes up."""

    answer: str
    said: list[str]
    buttons: list[list[str]]

    def arm(self) -> None:
        tries = {"left": 100}
        ARMED[:] = [self]  # only the latest prompt answers

        def poll() -> None:
            if not ARMED or ARMED[0] is not self:
                return
            box = QApplication.activeModalWidget()
            if isinstance(box, QMessageBox):
                self.said.append(f"{box.windowTitle()}\n{box.text()}\n{box.informativeText()}")
                labels = [b.text() for b in box.buttons()]
                self.buttons.append(labels)
                for button in box.buttons():
                    if button.text() == self.answer:
                        button.click()
                        return
                box.reject()
            elif tries["left"] > 0:
                tries["left"] -= 1
                QTimer.singleShot(10, poll)

        QTimer.singleShot(10, poll)


def prompt(answer: str) -> Prompt:
    return Prompt(answer, [], [])


@pytest.fixture
def ready(window: MainWindow, journal: Any) -> MainWindow:
    """A journal where every dialog can save: baseline mapped, step 3 done, supports open."""
    complete_step3(journal)
    return window


def show(qtbot: QtBot, dialog: QDialog) -> None:
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()  # as a dialog opened by a person is: its shortcuts work
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)


def reach(dialog: QDialog, field: QWidget) -> None:
    """Bring ``field`` on screen: a wizard's later page, or an opening form shown by its choice."""
    if isinstance(dialog, QWizard):
        for _ in range(6):
            if field.isVisibleTo(dialog):
                break
            dialog.next()
    field.setFocus()


def test_every_dialog_is_listed() -> None:
    found = set(app_dialog_classes())
    listed = set(WITH_TEXT) | set(WITHOUT_TEXT) | EXEMPT
    assert found - listed == set(), "add the new dialog to WITH_TEXT (or WITHOUT_TEXT)"
    assert listed - found == set()


@pytest.mark.parametrize("name", sorted(WITHOUT_TEXT))
def test_dialogs_listed_without_text_have_none(ready: MainWindow, name: str) -> None:
    dialog = WITHOUT_TEXT[name](ready)
    try:
        assert editable_text_fields(dialog) == [], f"{name} has a text field: move it to WITH_TEXT"
    finally:
        dialog.deleteLater()


@pytest.mark.parametrize("name", sorted(WITH_TEXT))
def test_escape_asks_before_typed_text_is_discarded(
    ready: MainWindow, qtbot: QtBot, name: str
) -> None:
    dialog = WITH_TEXT[name](ready)
    show(qtbot, dialog)
    fields = editable_text_fields(dialog)
    assert fields, f"{name} is listed with text but has no text field"
    # Nothing typed: Escape just closes, no question.
    untouched = prompt("Keep editing")
    untouched.arm()
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert untouched.said == []
    show(qtbot, dialog)
    typed_somewhere = 0
    for field in fields:
        reach(dialog, field)
        if not (field.isVisibleTo(dialog) and field.isEnabled()):
            continue  # e.g. the unit of a yes/no habit: nothing can be typed there
        typed_somewhere += 1
        before = field_text(field)
        qtbot.keyClicks(field, "Words I typed")
        typed = field_text(field)
        assert typed != before
        keep = prompt("Keep editing")
        keep.arm()
        qtbot.keyClick(field, Qt.Key.Key_Escape)
        assert len(keep.said) == 1, (
            f"{name}: Escape threw away what was typed in {field.accessibleName()} ({fields.index(field)})"
        )
        assert sorted(keep.buttons[0]) == ["Discard", "Keep editing"]
        assert "Undo" not in keep.said[0], "a discarded draft cannot be undone"
        assert dialog.isVisible()
        assert field_text(field) == typed
        # Cancel (the button, or the window's close box) asks the same way.
        keep = prompt("Keep editing")
        keep.arm()
        dialog.close()
        assert len(keep.said) == 1 and dialog.isVisible()
        if isinstance(field, QLineEdit):
            field.setText(before)
        else:
            assert isinstance(field, QPlainTextEdit | QTextEdit)
            field.setPlainText(before)
    assert typed_somewhere, f"{name}: no text field could be typed into"
    # Discard throws it away and closes.
    field = next(f for f in fields if f.isVisibleTo(dialog) and f.isEnabled())
    field.setFocus()
    qtbot.keyClicks(field, "Words I typed")
    discard = prompt("Discard")
    discard.arm()
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert len(discard.said) == 1
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_discarding_a_new_opening_leaves_undo_with_the_saved_one(
    window: MainWindow, journal: Any, qtbot: QtBot
) -> None:
    """14.3: log an opening, start another, type, discard: Undo still names (and undoes) the
    opening that was saved, and nothing promised to bring the draft back."""
    metrics = add_presets(journal)
    rate_days(journal, metrics, 7)
    window.run_action("log_opening")
    first = window.opening_dialog  # type: ignore[attr-defined]
    qtbot.waitExposed(first)
    qtbot.keyClicks(first.clinician, "Dr. Osei")
    qtbot.mouseClick(first.save_button, Qt.MouseButton.LeftButton)
    [saved] = journal.learning.openings()
    label = window.undo_action.text()
    assert label.replace("&", "").startswith("Undo") and "opening" in label.lower()

    window.run_action("log_opening")
    draft = window.opening_dialog  # type: ignore[attr-defined]
    qtbot.waitExposed(draft)
    qtbot.keyClicks(draft.notes, "Second session planned for Friday.")
    discard = prompt("Discard")
    discard.arm()
    qtbot.keyClick(draft.notes, Qt.Key.Key_Escape)
    assert len(discard.said) == 1
    assert "undo" not in discard.said[0].lower()
    qtbot.waitUntil(lambda: not draft.isVisible())
    shown = [label.text() for label in window.findChildren(QLabel) if label.isVisible()]
    shown.append(window.statusBar().currentMessage())
    assert not any("undo" in text.lower() and "draft" in text.lower() for text in shown)
    assert journal.learning.openings() == [saved]
    assert window.undo_action.text() == label
    window.undo_action.trigger()
    assert journal.learning.openings() == []  # exactly what the label named
    assert not any("Second session planned" in o.notes for o in journal.learning.openings()), (
        "undo never brings back a discarded draft"
    )


def test_the_experiment_form_asks_the_same_way(
    window: MainWindow, journal: Any, qtbot: QtBot
) -> None:
    complete_step3(journal)
    window.run_action("new_experiment")
    editor = window.experiments_tab.editor
    qtbot.keyClicks(editor.target_belief, "If I speak up, I will be laughed at.")
    keep = prompt("Keep editing")
    keep.arm()
    qtbot.keyClick(editor.target_belief, Qt.Key.Key_Escape)
    assert len(keep.said) == 1 and "undo" not in keep.said[0].lower()
    assert window.experiments_tab.experiments_stack.currentIndex() == 1
    assert editor.target_belief.text() == "If I speak up, I will be laughed at."
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    discard = prompt("Discard")
    discard.arm()
    qtbot.keyClick(editor.target_belief, Qt.Key.Key_Escape)
    assert len(discard.said) == 1
    assert window.experiments_tab.experiments_stack.currentIndex() == 0


# Ctrl+Enter ----------------------------------------------------------------------------------


def _fill_thought_record(dialog: Any) -> None:
    dialog.situation.setPlainText("Team meeting: my idea was skipped.")
    dialog.mood_rows[0].name.setText("anxious")
    dialog.mood_rows[0].before.setText("70")
    dialog.automatic_thought.setPlainText("They think my ideas are worthless.")


def _fill_session(dialog: Any) -> None:
    dialog.minutes.setText("50")


def _fill_named(dialog: Any) -> None:
    dialog.name.setText("Evening walk")


SAVES: dict[str, tuple[Callable[[Any], None], Callable[[Any], int]]] = {
    "ThoughtRecordDialog": (_fill_thought_record, lambda j: len(j.learning.thought_records())),
    "OpeningDialog": (lambda d: None, lambda j: len(j.learning.openings())),
    "SessionDialog": (_fill_session, lambda j: len(j.learning.sessions())),
    "HabitDialog": (_fill_named, lambda j: len(j.habits.habits())),
    "MetricDialog": (_fill_named, lambda j: len(j.metrics.active())),
}


def multi_line_fields(dialog: QWidget) -> list[QWidget]:
    return [f for f in editable_text_fields(dialog) if not isinstance(f, QLineEdit)]


def test_every_dialog_with_a_multi_line_field_is_checked_for_ctrl_enter(
    ready: MainWindow,
) -> None:
    with_boxes = set()
    for name, factory in WITH_TEXT.items():
        dialog = factory(ready)
        if multi_line_fields(dialog):
            with_boxes.add(name)
        dialog.deleteLater()
    assert with_boxes == set(SAVES) | {"NoteDialog"}


@pytest.mark.parametrize("name", sorted(SAVES))
@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_ctrl_enter_saves_from_a_multi_line_field(
    ready: MainWindow, journal: Any, qtbot: QtBot, name: str, key: Qt.Key
) -> None:
    fill, count = SAVES[name]
    dialog = WITH_TEXT[name](ready)
    show(qtbot, dialog)
    fill(dialog)
    box = multi_line_fields(dialog)[0]
    box.setFocus()
    qtbot.keyClicks(box, "A line")
    before = count(journal)
    qtbot.keyClick(box, key, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert count(journal) == before + 1


def test_ctrl_enter_saves_the_gratitude_note(ready: MainWindow, journal: Any, qtbot: QtBot) -> None:
    from plasticity_app.ui.habits_tab import NoteDialog

    gratitude = next(h for h in journal.habits.habits() if h.kind.value == "note")
    today = journal.habits.today()
    wrote: list[str] = []

    def write() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, NoteDialog):
            QTimer.singleShot(20, write)
            return
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        qtbot.keyClicks(dialog.edit, "Coffee with Sam.")
        wrote.append(dialog.text())
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        if dialog.isVisible():  # not saved: close it so the test fails instead of hanging
            wrote.append("still open after Ctrl+Enter")
            dialog.done(0)

    QTimer.singleShot(20, write)
    ready.show_tab("habits")
    ready.habits_tab.edit_note(gratitude.id, today)
    assert wrote == ["Coffee with Sam."]
    assert journal.habits.entry(gratitude.id, today).note == "Coffee with Sam."

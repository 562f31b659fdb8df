"""What a dialog shows (issue 14.12): no literal '&' where a keyboard mnemonic was meant, a
message at a field never squeezes or covers the fields, and an old message goes once the input
is edited. Every dialog of the app is checked (the list lives in test_dialogs_keep_typed_work)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from plasticity_app.ui.main_window import MainWindow
from tests.gui.test_dialogs_keep_typed_work import WITH_TEXT, WITHOUT_TEXT, ready, show

__all__ = ["ready"]  # the fixture, shared

ALL = {**WITH_TEXT, **WITHOUT_TEXT}
# A single '&' before a letter: a mnemonic marker (an HTML entity such as &amp; is not one).
MNEMONIC = re.compile(r"(?<!&)&(?!&|[a-zA-Z]+;|#\d+;)\w")


def literal_mnemonics(root: QWidget) -> list[str]:
    """Visible labels whose '&' is drawn as a character: only a label with a buddy turns it
    into the underlined shortcut letter (plain text only: rich text never does)."""
    shown: list[str] = []
    for label in root.findChildren(QLabel):
        if not label.isVisibleTo(root) or not MNEMONIC.search(label.text()):
            continue
        rich = label.textFormat() == Qt.TextFormat.RichText or (
            label.textFormat() == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(label.text())
        )
        if label.buddy() is None or rich:
            shown.append(label.text())
    return shown


def pages(dialog: QDialog) -> list[None]:
    """Walk a wizard through its pages (each checked in turn); one step for other dialogs."""
    from PySide6.QtWidgets import QWizard

    steps: list[None] = [None]
    if isinstance(dialog, QWizard):
        steps += [None] * (len(dialog.pageIds()) - 1)
    return steps


@pytest.mark.parametrize("name", sorted(ALL))
def test_no_dialog_shows_a_literal_mnemonic(ready: MainWindow, qtbot: QtBot, name: str) -> None:
    from PySide6.QtWidgets import QWizard

    dialog = ALL[name](ready)
    show(qtbot, dialog)
    for _ in pages(dialog):
        assert literal_mnemonics(dialog) == [], f"{name} shows '&' literally"
        if isinstance(dialog, QWizard):
            dialog.next()
    dialog.done(0)


def test_the_new_habit_labels_are_mnemonics(ready: MainWindow, qtbot: QtBot) -> None:
    dialog: Any = WITH_TEXT["HabitDialog"](ready)
    show(qtbot, dialog)
    captions = {
        label.text(): label.buddy()
        for label in dialog.findChildren(QLabel)
        if label.text().startswith("&")
    }
    assert captions["&Name:"] is dialog.name
    assert captions["&Kind:"] is dialog.kind
    assert captions["&Unit:"] is dialog.unit
    assert captions["&Target:"] is dialog.times
    assert captions["&Description:"] is dialog.description
    qtbot.keyClick(dialog, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    assert dialog.description.hasFocus()
    dialog.done(0)


def field_rects(dialog: QDialog) -> list[tuple[QWidget, QRect]]:
    from plasticity_app.ui.dialog_guard import text_fields

    return [
        (w, QRect(w.mapTo(dialog, w.rect().topLeft()), w.size()))
        for w in text_fields(dialog)
        if w.isVisibleTo(dialog)
    ]


def assert_nothing_squeezed(dialog: QDialog) -> None:
    errors = [
        QRect(label.mapTo(dialog, label.rect().topLeft()), label.size())
        for label in dialog.findChildren(QLabel)
        if label.objectName() == "error" and label.isVisibleTo(dialog)
    ]
    assert errors, "no message is shown"
    inside = dialog.rect()
    for widget, rect in field_rects(dialog):
        assert widget.height() >= widget.minimumSizeHint().height(), f"{widget} squeezed"
        if isinstance(widget, QPlainTextEdit) and widget.maximumHeight() < 10_000:
            assert widget.height() == widget.maximumHeight(), f"{widget} lost its bottom edge"
        assert inside.contains(rect), f"{widget.accessibleName()} cut off at the dialog's edge"
        for error in errors:
            assert not error.intersects(rect), f"a message is drawn over {widget.accessibleName()}"


def test_a_message_makes_room_instead_of_squeezing_the_fields(
    ready: MainWindow, qtbot: QtBot
) -> None:
    dialog: Any = WITH_TEXT["SessionDialog"](ready)
    show(qtbot, dialog)
    dialog.resize(dialog.width(), dialog.minimumSizeHint().height())
    qtbot.waitUntil(lambda: dialog.height() == dialog.minimumSizeHint().height())
    qtbot.keyClicks(dialog.minutes, "99999")
    assert dialog.minutes_error.isVisibleTo(dialog)
    assert "1,440" in dialog.minutes_error.text()
    assert_nothing_squeezed(dialog)


def test_habit_messages_make_room_and_go_when_the_input_is_fixed(
    ready: MainWindow, journal: Any, qtbot: QtBot
) -> None:
    dialog: Any = WITH_TEXT["HabitDialog"](ready)
    show(qtbot, dialog)
    dialog.resize(dialog.width(), dialog.minimumSizeHint().height())
    qtbot.keyClicks(dialog.name, "Gratitude note")  # a built-in's name
    dialog.kind.setCurrentIndex(dialog.kind.findData("quantity"))
    dialog.description.setPlainText("x" * 400)
    dialog.save()
    assert "already have a habit" in dialog.errors["name"].text()
    assert dialog.errors["unit"].isVisibleTo(dialog)
    assert dialog.errors["description"].isVisibleTo(dialog)
    assert_nothing_squeezed(dialog)
    # Fixing one field takes its message away at once; the others stay until theirs are fixed.
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, "Evening walk")
    assert not dialog.errors["name"].isVisibleTo(dialog)
    assert dialog.errors["unit"].isVisibleTo(dialog)
    qtbot.keyClicks(dialog.unit, "minutes")
    assert not dialog.errors["unit"].isVisibleTo(dialog)
    dialog.description.setPlainText("A short walk after dinner.")
    assert not dialog.errors["description"].isVisibleTo(dialog)
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert "Evening walk" in [h.name for h in journal.habits.habits()]


def test_the_day_note_message_goes_when_the_note_is_edited(ready: MainWindow, qtbot: QtBot) -> None:
    from plasticity_app.ui.style import show_error

    dialog: Any = WITH_TEXT["NoteDialog"](ready)
    show(qtbot, dialog)
    show_error(dialog.error, "Keep the note to 2,000 characters or fewer.")
    assert dialog.error.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.edit, "Shorter.")
    assert not dialog.error.isVisibleTo(dialog)
    dialog.done(0)

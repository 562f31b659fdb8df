"""One behaviour for every dialog that holds typed text: Escape, Cancel or the window's close button
ask before what was typed is thrown away (Discard / Keep editing), and Ctrl+Enter saves.

A dialog takes it by listing ``KeepsTypedWork`` before its Qt class::

    class ThoughtRecordDialog(KeepsTypedWork, QDialog): ...

What counts as typed: the text of every editable line or text box in the dialog (not the number
boxes' own editors), compared with what it held when the dialog was first shown. Nothing here
promises an undo: a draft that was never saved cannot be undone or brought back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from plasticity_app.ui.number_field import NumberField

if TYPE_CHECKING:
    _DialogBase = QDialog
else:
    _DialogBase = object

SAVE_KEYS = ("Ctrl+Return", "Ctrl+Enter")


def _t(text: str) -> str:
    return QCoreApplication.translate("KeepsTypedWork", text)


def text_fields(root: QWidget) -> list[QWidget]:
    """The editable text fields under ``root``: line edits (not a number field, nor those inside
    a number, date or combo box) and multi-line boxes."""
    found: list[QWidget] = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit):
            if widget.isReadOnly() or isinstance(widget.parent(), QAbstractSpinBox | QComboBox):
                continue
            if isinstance(widget, NumberField):  # a spin box's stand-in: a number, not text
                continue
            found.append(widget)
        elif isinstance(widget, QPlainTextEdit | QTextEdit) and not widget.isReadOnly():
            found.append(widget)
    return found


def text_of(widget: QWidget) -> str:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return widget.toPlainText()
    return ""


def ask_discard(parent: QWidget) -> bool:
    """Ask whether to throw away unsaved typing; True means Discard. Keep editing is the default
    and what Escape chooses."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_t("Discard what you wrote?"))
    box.setText(_t("What you wrote here isn’t saved yet."))
    box.setInformativeText(_t("If you discard it, it is gone: it can’t be brought back later."))
    discard = box.addButton(_t("Discard"), QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(_t("Keep editing"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is discard


class KeepsTypedWork(_DialogBase):
    """Mixin for QDialog subclasses (QDialog, QWizard): ask before discarding typed text, and
    save with Ctrl+Enter (the dialog's accepting button, when it is enabled)."""

    _clean_texts: dict[QWidget, str] | None = None
    _save_shortcuts: list[QShortcut] | None = None

    def mark_clean(self) -> None:
        """What the fields hold now is not typed work (called when first shown; call it again
        after loading other values into a shown dialog)."""
        self._clean_texts = {w: text_of(w).strip() for w in text_fields(self)}

    def has_typed_work(self) -> bool:
        clean = self._clean_texts or {}
        return any(text_of(w).strip() != clean.get(w, "") for w in text_fields(self))

    def showEvent(self, event: QShowEvent) -> None:
        if self._clean_texts is None:
            self.mark_clean()
        if self._save_shortcuts is None:
            self._save_shortcuts = []
            for keys in SAVE_KEYS:
                shortcut = QShortcut(QKeySequence(keys), self)
                shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
                shortcut.activated.connect(self.save_from_keyboard)
                self._save_shortcuts.append(shortcut)
        super().showEvent(event)

    def save_from_keyboard(self) -> None:
        """Ctrl+Enter: press the dialog's Save (accepting) button, as a click would."""
        for box in self.findChildren(QDialogButtonBox):
            for button in box.buttons():
                if box.buttonRole(button) == QDialogButtonBox.ButtonRole.AcceptRole:
                    if button.isEnabled() and button.isVisible():
                        button.click()
                    return

    def reject(self) -> None:
        if self.isVisible() and self.has_typed_work() and not ask_discard(self):
            return
        super().reject()

"""A 0–10 rating picker: eleven buttons, fully usable from the keyboard.

Keys: digits 0–9 (type 1 then 0 quickly for 10), Left/Right or Up/Down to step, Home and End
for 0 and 10, Delete or Backspace to clear. A click picks a value too. 1 then another digit
quickly (11–19) is refused with a message and the rating goes back to what it was: it is never
silently read as the second digit (issue 14.7).
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QToolButton, QWidget

TEN_WINDOW_MS = 900


class RatingSelector(QFrame):
    """Emits ``picked(value)`` when the person chooses a rating (``-1`` when they clear it)."""

    picked = Signal(int)
    refused = Signal(str)  # what was typed isn't a rating: the message to show at the field

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value: int | None = None
        self._name = name
        self._last_one = QElapsedTimer()
        self._before_one: int | None = None  # the value before a "1" that may start "10"
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("%s rating") % name)
        self.setAccessibleDescription(
            self.tr("Type a number from 0 to 10, or use the arrow keys. Delete clears it.")
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        self._group = QButtonGroup(self)
        self._group.setExclusive(False)
        self._buttons: list[QToolButton] = []
        for value in range(11):
            button = QToolButton(self)
            button.setText(str(value))
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAccessibleName(f"{name} {value}")
            button.setToolTip(
                self.tr("Rate %1 as %2").replace("%1", name).replace("%2", str(value))
            )
            self._group.addButton(button, value)
            self._buttons.append(button)
            layout.addWidget(button)
        layout.addStretch(1)
        self._group.idClicked.connect(self._clicked)

    def value(self) -> int | None:
        return self._value

    def setValue(self, value: int | None) -> None:
        """Show a value without emitting ``picked`` (for redrawing from state)."""
        self._value = value
        for i, button in enumerate(self._buttons):
            button.setChecked(i == value)
        self.setAccessibleDescription(
            (self.tr("Rated %s.") % value if value is not None else self.tr("Not rated yet."))
            + " "
            + self.tr("Type a number from 0 to 10, or use the arrow keys. Delete clears it.")
        )

    def _choose(self, value: int | None) -> None:
        self.setValue(value)
        self.picked.emit(-1 if value is None else value)

    def _clicked(self, value: int) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self._choose(None if value == self._value else value)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        text = event.text()
        if text.isdigit() and len(text) == 1:
            digit = int(text)
            two_digits = (
                self._value == 1
                and self._last_one.isValid()
                and self._last_one.elapsed() < TEN_WINDOW_MS
            )
            self._last_one.invalidate()
            if two_digits and digit == 0:
                self._choose(10)
                return
            if two_digits:
                self._choose(self._before_one)
                self.refused.emit(
                    self.tr("Ratings go from 0 to 10, so 1%s isn’t one; the rating is as before.")
                    % digit
                )
                return
            if digit == 1:
                self._before_one = self._value
                self._last_one.start()
            self._choose(digit)
            return
        current = self._value
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Plus):
            self._choose(0 if current is None else min(10, current + 1))
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Down, Qt.Key.Key_Minus):
            self._choose(0 if current is None else max(0, current - 1))
        elif key == Qt.Key.Key_Home:
            self._choose(0)
        elif key == Qt.Key.Key_End:
            self._choose(10)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and current is not None:
            self._choose(None)
        else:
            super().keyPressEvent(event)

"""A number typed as text: nothing typed is refused at the keystroke, cut or clamped.

Qt's spin boxes silently drop a keystroke that would leave their range (typing 999 in a 5–28 box
gives 9) and clamp on leaving. Here the text stays exactly as typed; when it is not a number in
range, the field's message says so beside it and the value is not used (issue 14.7). Up and Down
still step through the range, as in a spin box.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QWidget

from plasticity_app.ui.style import error_label, show_error

Number = int | float
# A Qt property on every field that takes a typed number: a value out of its range, so the
# standing check (tests/gui/test_numeric_fields.py) can type it and see it refused.
OUT_OF_RANGE_PROPERTY = "outOfRangeExample"

_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")


def parse_number(text: str, decimals: bool) -> Number | None:
    """The number in ``text`` (a point or the locale's comma as decimal separator), or None."""
    stripped = text.strip().replace("−", "-")
    if decimals:
        point = QLocale().decimalPoint()
        if point not in (".", ","):
            stripped = stripped.replace(point, ".")
        if not _DECIMAL.fullmatch(stripped):
            return None
        return float(stripped.replace(",", "."))
    if not _INTEGER.fullmatch(stripped):
        return None
    return int(stripped)


def format_number(value: Number) -> str:
    if isinstance(value, float):
        return QLocale().toString(value, "g", 12)
    return str(value)


class NumberField(QLineEdit):
    """A whole (or decimal) number from ``minimum`` to ``maximum``.

    ``message`` is the plain sentence shown at the field when the text is not such a number
    ("A baseline lasts 5 to 28 days."). ``committed`` is emitted when editing finishes (Enter or
    leaving the field) with a number in range; otherwise the message shows and nothing is emitted.
    The message label is ``self.error``: pass one to share it, or place the field's own.
    """

    committed = Signal(object)  # the number, when it differs from the last one shown or emitted

    def __init__(
        self,
        minimum: Number,
        maximum: Number,
        message: str,
        *,
        decimals: bool = False,
        allow_empty: bool = False,
        error: QLabel | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.minimum, self.maximum = minimum, maximum
        self.message = message
        self.decimals = decimals
        self.allow_empty = allow_empty
        self.error = error if error is not None else error_label()
        self._last: Number | None = None
        self.setProperty(OUT_OF_RANGE_PROPERTY, format_number(maximum + 1))
        width = self.fontMetrics().horizontalAdvance(format_number(maximum) + "0000")
        self.setMaximumWidth(max(64, width))
        self.setInputMethodHints(Qt.InputMethodHint.ImhFormattedNumbersOnly)
        self.textEdited.connect(self._edited)
        self.editingFinished.connect(self._finished)

    # Reading -----------------------------------------------------------------------------------
    def problem(self) -> str | None:
        """The message when the text is not a usable number, else None."""
        if self.allow_empty and not self.text().strip():
            return None
        number = parse_number(self.text(), self.decimals)
        if number is None or not self.minimum <= number <= self.maximum:
            return self.message
        return None

    def value(self) -> Number | None:
        """The number typed; None when empty (if allowed); ``ValueError(message)`` otherwise."""
        problem = self.problem()
        if problem is not None:
            raise ValueError(problem)
        return parse_number(self.text(), self.decimals)

    def setValue(self, value: Number | None) -> None:
        self._last = value
        self.setText("" if value is None else format_number(value))
        if self.problem() is None:
            show_error(self.error, None)

    # Editing -----------------------------------------------------------------------------------
    def check(self) -> bool:
        """Show (or clear) the message at the field; True when the number can be used."""
        problem = self.problem()
        shown = self.error.isVisible()
        show_error(self.error, problem)
        if problem is not None and not shown:
            self._make_room()
        return problem is None

    def _make_room(self) -> None:
        """A dialog grows to fit the message, so nothing below it is squeezed or cut."""
        window = self.window()
        layout = window.layout() if isinstance(window, QDialog) else None
        if layout is None:
            return
        layout.activate()
        needed = window.sizeHint().height()
        if needed > window.height():
            window.resize(window.width(), needed)

    def _edited(self) -> None:
        # A correction clears the message as soon as the text is right; a new problem waits
        # until the person finishes (Enter or leaving), so half-typed numbers don't nag.
        if self.error.isVisible() and self.problem() is None:
            show_error(self.error, None)

    def _finished(self) -> None:
        if self.check():
            self._commit()

    def commit(self) -> bool:
        """Finish editing now (a dialog closing with Escape while the field has the focus):
        a usable number is emitted if it changed; False, with the message shown, otherwise."""
        ok = self.check()
        if ok:
            self._commit()
        return ok

    def _commit(self) -> None:
        value = self.value()
        if value != self._last:
            self._last = value
            self.committed.emit(value)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.problem() is not None:
            # Refused: the message shows here and Enter goes no further (it would otherwise
            # press the dialog's default button with a number that can't be used).
            self.check()
            self.selectAll()
            event.accept()
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not self.isReadOnly():
            number = parse_number(self.text(), self.decimals)
            if number is not None and self.minimum <= number <= self.maximum:
                step = 1 if key == Qt.Key.Key_Up else -1
                stepped = min(self.maximum, max(self.minimum, number + step))
                if stepped != number:
                    self.setText(format_number(type(number)(stepped)))
                    self.selectAll()
                    show_error(self.error, None)
                    self._commit()
            event.accept()
            return
        super().keyPressEvent(event)


def with_unit(field: NumberField, unit: str, before: str = "") -> QWidget:
    """The field in a row with the words around it ("at [3] :00", "[7] days")."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    if before:
        layout.addWidget(QLabel(before))
    layout.addWidget(field)
    layout.addWidget(QLabel(unit))
    layout.addStretch(1)
    return row

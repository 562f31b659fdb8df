"""Small pieces the Experiments tab and its dialogs share: a 0–100 % field, a plain table model,
readable dates, a text box that moves on with Tab, and the delete confirmation."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QVBoxLayout, QWidget

from plasticity_app.domain.learning import parse_percent
from plasticity_app.ui.number_field import OUT_OF_RANGE_PROPERTY
from plasticity_app.ui.style import is_dark

Index = QModelIndex | QPersistentModelIndex


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(qdate: QDate) -> date:
    return date(qdate.year(), qdate.month(), qdate.day())


def to_qdatetime(moment: datetime) -> QDateTime:
    return QDateTime(to_qdate(moment.date()), QTime(moment.hour, moment.minute))


def from_qdatetime(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def long_date(day: date) -> str:
    """The locale's long date, e.g. “Monday, 23 November 2026”."""
    return QLocale().toString(to_qdate(day), QLocale.FormatType.LongFormat)


def short_date(day: date, today: date | None = None) -> str:
    """“Mon 23 Nov” this year, “23 Nov 2025” otherwise (month and day names from the locale)."""
    fmt = "ddd d MMM" if today is None or day.year == today.year else "d MMM yyyy"
    return QLocale().toString(to_qdate(day), fmt)


def date_and_time(moment: datetime) -> str:
    """The date as ``short_date`` plus the locale's short time (24- or 12-hour)."""
    time_text = QLocale().toString(
        QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat
    )
    return f"{short_date(moment.date())}, {time_text}"


def warn_colour() -> QColor:
    return QColor("#ffb74d" if is_dark() else "#a0450b")


def accent_colour() -> QColor:
    from plasticity_app.ui.style import accent

    return QColor(accent())


def with_error(field: QWidget | Any, error: QLabel) -> QWidget:
    """A form field (a widget or a layout) with its message underneath, as one form row, so a
    hidden message leaves no gap."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    if isinstance(field, QWidget):
        layout.addWidget(field)
    else:
        layout.addLayout(field)
    layout.addWidget(error)
    return box


class PercentField(QLineEdit):
    """A 0–100 % rating typed as a number. Out-of-range input stays visible so the message beside
    the field can say what is wrong (a spin box would silently refuse the keystroke); no length
    limit either, which would cut pasted text without a word."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setPlaceholderText("0–100 %")
        self.setProperty(OUT_OF_RANGE_PROPERTY, "150")
        self.setFixedWidth(96)

    def value(self) -> int | None:
        """The rating, ``None`` when empty; ``ValueError`` with a plain message when invalid."""
        return parse_percent(self.text())

    def set_value(self, value: int | None) -> None:
        self.setText("" if value is None else str(value))


class TextBox(QPlainTextEdit):
    """Several lines of text; Tab moves on to the next field."""

    def __init__(
        self,
        accessible_name: str,
        placeholder: str = "",
        lines: int = 3,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        height = self.fontMetrics().lineSpacing() * lines + 14
        self.setFixedHeight(height)

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        if text != self.toPlainText():
            self.setPlainText(text)


@dataclass
class Row:
    """One table row: the cells' text, the record's id, and how the first column stands out."""

    cells: list[str]
    key: int
    emphasis: str = ""  # "", "due", "overdue", "muted"
    tooltip: str = ""
    accessible: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


class RowsModel(QAbstractTableModel):
    """A read-only table of ``Row``s; the first column carries the emphasis (due, overdue)."""

    def __init__(self, headers: list[str], parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = headers
        self._rows: list[Row] = []

    def set_rows(self, rows: list[Row]) -> None:
        if [r.key for r in rows] == [r.key for r in self._rows]:
            self._rows = rows
            if rows:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(rows) - 1, len(self._headers) - 1)
                )
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, key: int) -> int:
        for i, r in enumerate(self._rows):
            if r.key == key:
                return i
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return row.accessible or row.cells[column]
        if role == Qt.ItemDataRole.FontRole and column == 0 and row.emphasis in ("due", "overdue"):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == 0 and row.emphasis == "overdue":
                return warn_colour()
            if column == 0 and row.emphasis == "due":
                return accent_colour()
        return None


def confirm(parent: QWidget, title: str, text: str, button: str) -> bool:
    """Ask before deleting a saved record (the deletion is one undoable step, so the promise of
    Edit → Undo holds). Never for unsaved typing: that is ``dialog_guard.ask_discard``, which
    promises nothing. Tests replace this function."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(
        QCoreApplication.translate(
            "confirm", "You can bring it back with Edit → Undo while the app is open."
        )
    )
    ok = box.addButton(button, QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is ok

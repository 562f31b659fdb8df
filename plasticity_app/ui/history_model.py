"""The editable check-in history: one row per day (newest first), one column per metric, a note."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QDate,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from plasticity_app.controller.metrics import MetricsController
from plasticity_app.domain import dates
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.metrics import Metric
from plasticity_app.domain.text import isolate
from plasticity_app.ui.number_field import OUT_OF_RANGE_PROPERTY

MIN_ROWS = 28
LOADED_DAYS = 120  # rows read at first; scrolling to the end reads a year more at a time
LOADED_DAYS_STEP = 365
Index = QModelIndex | QPersistentModelIndex


def _changed_days(old: dict[Any, Any], new: dict[Any, Any]) -> set[date]:
    """The days whose entries differ between two readings (keyed by day or (metric, day))."""
    keys = {k for k in old.keys() ^ new.keys()} | {
        k for k in old.keys() & new.keys() if old[k] != new[k]
    }
    return {k[1] if isinstance(k, tuple) else k for k in keys}


class HistoryModel(QAbstractTableModel):
    """Redraws from the controller; edits go back through it."""

    error = Signal(str)

    def __init__(self, controller: MetricsController) -> None:
        super().__init__()
        self._controller = controller
        self._metrics: list[Metric] = []
        self._days: list[date] = []
        self._values: dict[tuple[int, date], int] = {}
        self._notes: dict[date, str] = {}
        self._earliest: date | None = None
        self._loaded_days = LOADED_DAYS
        self.reload()

    def _read(
        self, today: date
    ) -> tuple[list[Metric], list[date], dict[Any, int], dict[date, str]]:
        """The loaded window only: the newest ``_loaded_days`` days (older ones load as the person
        scrolls down), so a change stays cheap on years of data."""
        self._earliest = self._controller.first_day()
        first = min(self._earliest or today, today - timedelta(days=MIN_ROWS - 1))
        shown_from = max(first, today - timedelta(days=self._loaded_days - 1))
        entries = self._controller.entries(start=shown_from)
        used = {e.metric_id for e in entries}
        metrics = [x for x in self._controller.all() if not x.archived or x.id in used]
        values = {(e.metric_id, e.day): e.value for e in entries}
        notes = self._controller.notes(start=shown_from)
        days = [today - timedelta(days=i) for i in range((today - shown_from).days + 1)]
        return metrics, days, values, notes

    def reload(self) -> None:
        """Redraw from the controller; a reset only when the columns or the day change.

        Keeping the shape means an open editor, the selection and the scroll position survive
        a change made elsewhere.
        """
        today = self._controller.today()
        metrics, days, values, notes = self._read(today)
        if metrics == self._metrics and days[:1] == self._days[:1] and days:
            old = len(self._days)
            changed = _changed_days(self._values, values) | _changed_days(self._notes, notes)
            self._values, self._notes = values, notes
            if len(days) > old:
                self.beginInsertRows(QModelIndex(), old, len(days) - 1)
                self._days = days
                self.endInsertRows()
            elif len(days) < old:
                self.beginRemoveRows(QModelIndex(), len(days), old - 1)
                self._days = days
                self.endRemoveRows()
            # Only the rows whose values changed are drawn again (rows are newest first).
            rows = [(days[0] - day).days for day in changed if day <= days[0]]
            rows = [row for row in rows if row < len(days)]
            if rows:
                self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), len(metrics)))
            return
        self.beginResetModel()
        self._metrics, self._days, self._values, self._notes = metrics, days, values, notes
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or not self._days or self._earliest is None:
            return False
        return self._days[-1] > self._earliest

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._loaded_days += LOADED_DAYS_STEP
        self.reload()

    def day_at(self, row: int) -> date:
        return self._days[row]

    def metric_at(self, column: int) -> Metric | None:
        return self._metrics[column] if column < len(self._metrics) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._days)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._metrics) + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            role = Qt.ItemDataRole.DisplayRole  # the whole name, where the column cuts it short
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            metric = self.metric_at(section)
            if metric is None:
                return self.tr("Note")
            return isolate(metric.name) + (self.tr(" (archived)") if metric.archived else "")
        day = self._days[section]
        return QLocale().toString(QDate(day.year, day.month, day.day), "ddd d MMM yyyy")

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        day = self._days[index.row()]
        metric = self.metric_at(index.column())
        if metric is None:
            note = self._notes.get(day, "")
            if role == Qt.ItemDataRole.DisplayRole:
                return note.replace("\n", " ")
            if role == Qt.ItemDataRole.ToolTipRole:
                return note or None
            return None
        value = self._values.get((metric.id, day))
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.EditRole:
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            shown = self.tr("not rated") if value is None else str(value)
            return f"{isolate(metric.name)}, {dates.long_day(day)}: {shown}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        metric = self.metric_at(index.column())
        if metric is not None and not metric.archived:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        metric = self.metric_at(index.column())
        if role != Qt.ItemDataRole.EditRole or metric is None:
            return False
        day = self._days[index.row()]
        if isinstance(value, str):
            value = value.strip()
        try:
            if value in (-1, "", None):
                if (metric.id, day) in self._values:
                    self._controller.clear_rating(metric.id, day)
            else:
                self._controller.rate(metric.id, day, value)
        except UserError as exc:
            self.error.emit(exc.message)
            return False
        self.error.emit("")  # a message about an earlier attempt is out of date
        return True


class RatingEditor(QLineEdit):
    """The text of one history cell, kept exactly as typed."""

    def __init__(self, index: Index, parent: QWidget) -> None:
        super().__init__(parent)
        self.index = QPersistentModelIndex(index)


class RatingDelegate(QStyledItemDelegate):
    """A plain text box for a 0–10 rating; an empty box clears the rating.

    Nothing typed is cut or clamped (a spin box turned 15 into 1, issue 14.7): the model refuses
    what isn't a rating with a message, and Enter keeps the cell open with the text as typed so
    it can be corrected there.
    """

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = RatingEditor(index, parent)
        editor.setAccessibleName(
            str(index.data(Qt.ItemDataRole.AccessibleTextRole) or self.tr("Rating"))
        )
        editor.setAccessibleDescription(self.tr("A whole number from 0 to 10; empty clears it"))
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.setProperty(OUT_OF_RANGE_PROPERTY, "11")
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QLineEdit):
            editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            editor.selectAll()
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(watched, RatingEditor)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            model = watched.index.model()
            if model is not None and watched.index.isValid():
                if model.setData(watched.index, watched.text(), Qt.ItemDataRole.EditRole):
                    self.closeEditor.emit(watched, QAbstractItemDelegate.EndEditHint.NoHint)
                else:
                    watched.selectAll()  # refused: stays open with what was typed
                return True
        return super().eventFilter(watched, event)

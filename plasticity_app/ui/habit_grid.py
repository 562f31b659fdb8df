"""The week grid: habits × days. Tick, type an amount or write the day's note, all from the keyboard.

A click on a day cell, Space or Enter ticks a yes/no habit (done → skipped → empty), opens the
amount for a quantity habit and the note for a note habit; typing a number starts the amount; S
skips the day (sick, travel); Delete clears it; N writes what it was on a ticked day.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from plasticity_app.controller.habits import HabitsController, HabitWeek
from plasticity_app.domain import dates
from plasticity_app.domain import habits as hb
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.habits import EntryStatus, HabitKind
from plasticity_app.domain.text import isolate
from plasticity_app.ui.number_field import OUT_OF_RANGE_PROPERTY
from plasticity_app.ui.style import accent, is_dark

NAME_COLUMN = 0
FIRST_DAY_COLUMN = 1
WEEK_COLUMN = 8
STREAK_COLUMN = 9
STRENGTH_COLUMN = 10
COLUMNS = 11

AnyIndex = QModelIndex | QPersistentModelIndex

VERDICT_TEXT = {
    hb.Verdict.MET: "on target",
    hb.Verdict.UNDER: "under target",
    hb.Verdict.ABOVE_PLAN: "above plan",
}


def _amount(value: float | None) -> str:
    if value is None:
        return ""
    return dates.number(value, 2, trim=True)


class HabitWeekModel(QAbstractTableModel):
    """Rows are habits, columns the habit, the seven days and how the week is going."""

    errorRaised = Signal(str, object)  # message, QModelIndex of the cell

    def __init__(self, controller: HabitsController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.rows: list[HabitWeek] = []
        self.days: tuple[date, ...] = ()
        # The text of a refused amount, offered again when its editor reopens: (row, column, text).
        self.rejected: tuple[int, int, str] | None = None
        self.today = controller.today()

    # Loading -----------------------------------------------------------------------------------
    def load(self, week: date) -> None:
        """Read the week again. When the same habits and days are shown, the cells are updated
        in place (no reset), so an open editor, the cursor and the keyboard focus stay put and
        the next key a person types goes where they expect (issue 14.6)."""
        today = self._controller.today()
        rows = self._controller.week(week)
        if rows:
            days = rows[0].days
        else:
            start = self._controller.week_of(week)
            days = tuple(start + timedelta(days=i) for i in range(7))
        same_shape = (
            days == self.days
            and today == self.today
            and [r.habit.id for r in rows] == [r.habit.id for r in self.rows]
        )
        if same_shape and rows:
            self.rows = rows
            last = self.index(len(rows) - 1, COLUMNS - 1)
            self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self.today, self.rows, self.days = today, rows, days
        self.endResetModel()

    # Helpers -----------------------------------------------------------------------------------
    def row(self, index: AnyIndex) -> HabitWeek | None:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        return self.rows[index.row()]

    def day_of(self, index: AnyIndex) -> date | None:
        column = index.column()
        if FIRST_DAY_COLUMN <= column < FIRST_DAY_COLUMN + 7 and self.days:
            return self.days[column - FIRST_DAY_COLUMN]
        return None

    def is_future(self, index: AnyIndex) -> bool:
        day = self.day_of(index)
        return day is not None and day > self.today

    def cell_text(self, row: HabitWeek, day: date) -> str:
        entry = row.entries.get(day)
        if entry is None:
            return ""
        if entry.status is EntryStatus.SKIPPED:
            return "skip"
        if entry.status is EntryStatus.MISSED:
            return "✗"
        habit = row.habit
        if habit.kind is HabitKind.QUANTITY:
            return _amount(entry.quantity)
        if habit.kind is HabitKind.NOTE:
            return "✎"
        amount = f" {_amount(entry.quantity)}" if entry.quantity else ""
        return "✓" + amount + (" ✎" if entry.note else "")

    def cell_description(self, row: HabitWeek, day: date) -> str:
        entry = row.entries.get(day)
        when = dates.long_day(day)
        habit = row.habit
        name = isolate(habit.name)  # a right-to-left name stays whole beside the date
        if day > self.today:
            return f"{name}, {when}: not yet"
        if entry is None:
            return f"{name}, {when}: not filled in"
        if entry.status is EntryStatus.SKIPPED:
            return f"{name}, {when}: skipped (neither breaks a streak nor lowers strength)"
        if entry.status is EntryStatus.MISSED:
            return f"{name}, {when}: not done"
        counts = hb.entry_counts(habit, entry)
        if habit.kind is HabitKind.QUANTITY:
            amount = f"{_amount(entry.quantity)} {isolate(habit.unit)}".strip()
            verdict = "counts" if counts else "outside the daily range"
            return f"{name}, {when}: {amount} ({verdict})"
        if habit.kind is HabitKind.NOTE:
            return f"{name}, {when}: {isolate(entry.note)}"
        extra = f", {_amount(entry.quantity)} {habit.unit}".rstrip() if entry.quantity else ""
        what = f": {isolate(entry.note)}" if entry.note else ""
        return f"{name}, {when}: done{extra}{what}"

    # Qt model ----------------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if section == NAME_COLUMN:
                return self.tr("Habit")
            if FIRST_DAY_COLUMN <= section < FIRST_DAY_COLUMN + 7 and self.days:
                day = self.days[section - FIRST_DAY_COLUMN]
                if role == Qt.ItemDataRole.ToolTipRole:
                    return dates.long_day(day)
                mark = " •" if day == self.today else ""
                return f"{dates.short_day(day)}{mark}"
            return {
                WEEK_COLUMN: self.tr("This week"),
                STREAK_COLUMN: self.tr("Streak"),
                STRENGTH_COLUMN: self.tr("Strength"),
            }.get(section)
        if (
            role == Qt.ItemDataRole.FontRole
            and self.days
            and FIRST_DAY_COLUMN <= section < FIRST_DAY_COLUMN + 7
            and self.days[section - FIRST_DAY_COLUMN] == self.today
        ):
            font = QApplication.font()
            font.setBold(True)
            return font
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        row = self.row(index)
        if self.day_of(index) is not None:
            if self.is_future(index):
                return Qt.ItemFlag.ItemIsSelectable
            if row is not None and row.habit.kind is HabitKind.QUANTITY:
                return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row(index)
        if row is None:
            return None
        column = index.column()
        day = self.day_of(index)
        habit = row.habit
        if day is not None:
            entry = row.entries.get(day)
            if role == Qt.ItemDataRole.DisplayRole:
                return self.cell_text(row, day)
            if role == Qt.ItemDataRole.EditRole:
                if self.rejected is not None and self.rejected[:2] == (index.row(), column):
                    return self.rejected[2]
                return f"{entry.quantity:g}" if entry and entry.quantity is not None else ""
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                return self.cell_description(row, day)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignCenter)
            if role == Qt.ItemDataRole.BackgroundRole:
                return self._background(row, day)
            if (
                role == Qt.ItemDataRole.ForegroundRole
                and entry is not None
                and (entry.status is not EntryStatus.DONE or not hb.entry_counts(habit, entry))
            ):
                return QApplication.palette().brush(
                    QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
                )
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == NAME_COLUMN:
                return habit.name
            if column == WEEK_COLUMN:
                return row.adherence.reading.replace(" so far this week", " so far").replace(
                    " this week", ""
                )
            if column == STREAK_COLUMN:
                return row.current_streak.reading
            if column == STRENGTH_COLUMN:
                return f"{round(row.strength * 100)} %"
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == NAME_COLUMN:
                # The full name first: a narrow column wraps or cuts it.
                text = f"{habit.name}\n" + self.tr("Target: %s") % habit.target.describe(habit.unit)
                return f"{text}\n\n{habit.description}" if habit.description else text
            if column == WEEK_COLUMN:
                verdict = VERDICT_TEXT[row.adherence.verdict]
                if row.adherence.in_progress and row.adherence.verdict is hb.Verdict.UNDER:
                    verdict = "the week is still going"
                return f"{row.adherence.reading}: {verdict}"
            if column == STREAK_COLUMN:
                return f"Best streak: {row.best_streak.reading}"
            if column == STRENGTH_COLUMN:
                return "Habit strength as Loop Habit Tracker computes it: it grows with each day done and fades slowly."
        if role == Qt.ItemDataRole.TextAlignmentRole and column != NAME_COLUMN:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == WEEK_COLUMN:
            verdict = row.adherence.verdict
            if verdict is hb.Verdict.MET:
                return QBrush(QColor(accent()))
            if verdict is hb.Verdict.ABOVE_PLAN:
                return QBrush(QColor("#e69f00" if is_dark() else "#a05a00"))
        return None

    def _background(self, row: HabitWeek, day: date) -> QBrush | None:
        if day > self.today:
            return QApplication.palette().brush(QPalette.ColorRole.AlternateBase)
        entry = row.entries.get(day)
        if entry is None:
            return None
        if entry.status is EntryStatus.SKIPPED:
            return QBrush(QColor(128, 128, 128, 60), Qt.BrushStyle.BDiagPattern)
        if entry.status is EntryStatus.DONE and hb.entry_counts(row.habit, entry):
            colour = QColor(accent())
            colour.setAlpha(90 if is_dark() else 60)
            return QBrush(colour)
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        row = self.row(index)
        day = self.day_of(index)
        if row is None or day is None or role != Qt.ItemDataRole.EditRole:
            return False
        try:
            self._controller.set_quantity(row.habit.id, day, str(value))
        except UserError as error:
            self.rejected = (index.row(), index.column(), str(value))
            self.errorRaised.emit(error.message, QPersistentModelIndex(index))
            return False
        self.rejected = None
        return True


class QuantityDelegate(QStyledItemDelegate):
    """A plain line edit for amounts; the model checks the text and reports problems.

    Enter saves at once rather than later from the event loop (Qt's default), so the keys typed
    right after it (an arrow, S) act on the grid with the amount already saved (issue 14.6).
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(watched, QLineEdit)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.commitData.emit(watched)
            self.closeEditor.emit(watched, QAbstractItemDelegate.EndEditHint.NoHint)
            return True
        return super().eventFilter(watched, event)

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        editor = super().createEditor(parent, option, index)
        editor.setAccessibleName(str(index.data(Qt.ItemDataRole.AccessibleTextRole) or "Amount"))
        editor.setProperty(OUT_OF_RANGE_PROPERTY, dates.number(hb.QUANTITY_MAX + 1, 0))
        return editor


class HabitGrid(QTableView):
    """The grid's keyboard: Space/Enter act on a day, S skips it, Delete clears it."""

    noteRequested = Signal(int, object)  # habit id, day
    whatRequested = Signal()  # N on a yes/no day: write what it was
    errorRaised = Signal(str)

    def __init__(self, controller: HabitsController, model: HabitWeekModel) -> None:
        super().__init__()
        self._controller = controller
        self._model = model
        self.setModel(model)
        self.setItemDelegate(QuantityDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setTabKeyNavigation(False)
        self.setAlternatingRowColors(False)
        self.setWordWrap(True)  # long habit names wrap; the tooltip holds the whole name
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setMinimumSectionSize(34)
        header = self.horizontalHeader()
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        for column in range(FIRST_DAY_COLUMN, COLUMNS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(56)
        self.verticalHeader().setDefaultSectionSize(34)
        self.setMouseTracking(True)
        self.setAccessibleName(self.tr("Habits this week"))
        self.setAccessibleDescription(
            self.tr(
                "Rows are habits, columns are days. A click, Space or Enter ticks a day or opens "
                "its amount or note; S skips the day; Delete clears it; N writes what it was."
            )
        )
        # One click on a day does what Space does, as in other habit trackers; a double-click
        # is one click (its second press doesn't tick the day back).
        self.clicked.connect(self._clicked)

    def full_width(self, name_width: int = 100) -> int:
        """The width that shows every column whole (the habit's name ``name_width`` wide)."""
        header = self.horizontalHeader()
        width = name_width + 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width()
        for column in range(FIRST_DAY_COLUMN, COLUMNS):
            width += max(
                header.minimumSectionSize(),
                header.sectionSizeHint(column),
                self.sizeHintForColumn(column),
            )
        return width

    def keyboardSearch(self, search: str) -> None:
        """No jumping to a cell whose text starts with what was typed: a digit typed on a
        yes/no day would move the cursor to some amount elsewhere, and the next key act there."""

    def _target(self) -> tuple[HabitWeek, date] | None:
        index = self.currentIndex()
        row = self._model.row(index)
        day = self._model.day_of(index)
        if row is None or day is None or self._model.is_future(index):
            return None
        return row, day

    def _run(self, action: Any) -> None:
        try:
            action()
        except UserError as error:
            self.errorRaised.emit(error.message)

    def _clicked(self, index: QModelIndex) -> None:
        if self._model.day_of(index) is not None and not self._model.is_future(index):
            self._activate(index)

    def _activate(self, index: QModelIndex | None = None) -> None:
        if index is not None and index != self.currentIndex():
            self.setCurrentIndex(index)
        target = self._target()
        if target is None:
            return
        row, day = target
        kind = row.habit.kind
        if kind is HabitKind.YES_NO:
            self._run(lambda: self._controller.toggle(row.habit.id, day))
        elif kind is HabitKind.NOTE:
            self.noteRequested.emit(row.habit.id, day)
        elif self.state() is not QAbstractItemView.State.EditingState:
            self.edit(self.currentIndex())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() is QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
            return
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        target = self._target()
        if target is not None and modifiers == Qt.KeyboardModifier.NoModifier:
            row, day = target
            if key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._activate()
                return
            if key == Qt.Key.Key_S:
                self._run(lambda: self._controller.skip(row.habit.id, day))
                return
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self._run(lambda: self._controller.clear(row.habit.id, day))
                return
            if key == Qt.Key.Key_N and row.habit.kind is HabitKind.YES_NO:
                self.whatRequested.emit()
                return
        super().keyPressEvent(event)

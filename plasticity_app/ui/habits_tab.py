"""Habits (step 4): the plasticity supports and the person's own habits, a week at a time."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from plasticity_app.controller.base import Change
from plasticity_app.controller.habits import HabitsController
from plasticity_app.domain import dates
from plasticity_app.domain import habits as hb
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.habits import EntryStatus
from plasticity_app.domain.text import isolate
from plasticity_app.ui.calendar_popup import calendar_popup
from plasticity_app.ui.dialog_guard import KeepsTypedWork
from plasticity_app.ui.habit_dialog import HabitDialog
from plasticity_app.ui.habit_grid import (
    FIRST_DAY_COLUMN,
    NAME_COLUMN,
    VERDICT_TEXT,
    HabitGrid,
    HabitWeekModel,
)
from plasticity_app.ui.style import (
    accent,
    clear_when_edited,
    error_label,
    heading,
    make_primary,
    muted,
    show_error,
)

if TYPE_CHECKING:
    from plasticity_app.ui.main_window import MainWindow

HISTORY_WEEKS = 12
REDRAW_AREAS = frozenset(
    {"habits", "history", "demo", "import", "restore", "settings", "review", "experiments"}
)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _from_qdate(qdate: QDate) -> date:
    return date(qdate.year(), qdate.month(), qdate.day())


class HistoryCalendar(QWidget):
    """The last twelve weeks of one habit: a square per day, filled when done, hatched when
    skipped, outlined when missed. Weeks are columns, days rows (like Loop's history)."""

    CELL = 14
    GAP = 3

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days: dict[date, EntryStatus] = {}
        self.first: date | None = None
        self.today: date | None = None
        self.setAccessibleName(self.tr("History of the last twelve weeks"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def set_history(self, first: date, today: date, days: dict[date, EntryStatus]) -> None:
        self.first, self.today, self.days = first, today, days
        done = sum(1 for s in days.values() if s is EntryStatus.DONE)
        skipped = sum(1 for s in days.values() if s is EntryStatus.SKIPPED)
        self.setAccessibleDescription(
            f"{done} days done and {skipped} skipped in the last {HISTORY_WEEKS} weeks"
        )
        self.setToolTip(
            self.tr("Last %d weeks: %d days done, %d skipped") % (HISTORY_WEEKS, done, skipped)
        )
        self.update()

    def sizeHint(self) -> QSize:
        step = self.CELL + self.GAP
        return QSize(HISTORY_WEEKS * step, 7 * step)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.first is None or self.today is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor(accent())
        outline = self.palette().mid().color()
        step = self.CELL + self.GAP
        for offset, (day, status) in enumerate(sorted(self.days.items())):
            if day > self.today:
                continue
            rect = QRect((offset // 7) * step, (offset % 7) * step, self.CELL, self.CELL).adjusted(
                0, 0, -1, -1
            )
            if status is EntryStatus.DONE:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(colour)
            elif status is EntryStatus.SKIPPED:
                painter.setPen(outline)
                painter.setBrush(Qt.BrushStyle.BDiagPattern)
            else:
                painter.setPen(outline)
                painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect, 3, 3)
        painter.end()


class NoteDialog(KeepsTypedWork, QDialog):
    """The day's note (the gratitude note): a few lines, saved with Ctrl+Enter or Save."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumSize(420, 240)
        layout = QVBoxLayout(self)
        layout.addWidget(
            muted(
                self.tr(
                    "A few things that went well today, and the part you played in them. "
                    "About five minutes is plenty."
                )
            )
        )
        self.edit = QPlainTextEdit(text)
        self.edit.setTabChangesFocus(True)
        self.edit.setAccessibleName(title)
        layout.addWidget(self.edit, 1)
        self.error = error_label()
        layout.addWidget(self.error)
        clear_when_edited(self.error, self.edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.edit.setFocus()

    def text(self) -> str:
        return self.edit.toPlainText()


class HabitsTab(QWidget):
    def __init__(self, controller: HabitsController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._week = controller.week_of(controller.today())
        self._dirty = True
        self._loading = False
        self._what_target: tuple[int, date] | None = None
        # The page scrolls (down only) when the window is small: see _arrange.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.page_scroll = QScrollArea()
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.page_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(self.page_scroll)
        page = QWidget()
        self.page_scroll.setWidget(page)
        root = QVBoxLayout(page)
        root.setContentsMargins(24, 24, 24, 24)
        self._page_layout = root
        root.setSpacing(12)

        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Habits")), 1)
        self.add_button = QPushButton(self.tr("&New habit…"))
        self.add_button.setAccessibleName(self.tr("Add a habit of your own"))
        self.add_button.setAccessibleDescription(
            self.tr("A yes/no habit, an amount such as hours, or a daily note, with a target")
        )
        make_primary(self.add_button)
        top.addWidget(self.add_button)
        root.addLayout(top)
        self.intro = muted(
            self.tr(
                "Small daily supports linked with plasticity: a gratitude note, novel learning, "
                "7–9 hours of sleep and exercise at your current capacity. Tick what you did; "
                "skip a day when you are ill or travelling, so it neither breaks a streak nor "
                "lowers strength."
            )
        )
        root.addWidget(self.intro)
        self.locked = muted("")
        self.locked.setObjectName("banner")
        root.addWidget(self.locked)

        bar = QHBoxLayout()
        self.prev_week = QToolButton()
        self.prev_week.setText("‹")
        self.prev_week.setAccessibleName(self.tr("Previous week"))
        self.prev_week.setToolTip(self.tr("Previous week"))
        self.week_edit = QDateEdit()
        calendar_popup(self.week_edit)
        self.week_edit.setDisplayFormat("d MMM yyyy")
        self.week_edit.setAccessibleName(self.tr("Show the week of"))
        self.week_edit.setAccessibleDescription(self.tr("Pick any day to show its week"))
        self.next_week = QToolButton()
        self.next_week.setText("›")
        self.next_week.setAccessibleName(self.tr("Next week"))
        self.next_week.setToolTip(self.tr("Next week"))
        self.this_week = QPushButton(self.tr("This week"))
        self.week_title = heading("", 3)
        for widget in (self.prev_week, self.week_edit, self.next_week, self.this_week):
            bar.addWidget(widget)
        bar.addSpacing(12)
        bar.addWidget(self.week_title, 1)
        root.addLayout(bar)

        columns = QHBoxLayout()
        columns.setSpacing(20)
        self.columns = columns
        root.addLayout(columns, 1)
        left = QVBoxLayout()
        columns.addLayout(left, 3)
        self.model = HabitWeekModel(controller, self)
        self.grid = HabitGrid(controller, self.model)
        left.addWidget(self.grid)
        self.grid_error = error_label()
        left.addWidget(self.grid_error)
        self.keys_hint = muted(
            self.tr(
                "Click a day, or press Space, to tick it (again: skipped, again: clear) or "
                "open its amount or note · type a number for sleep · S skips · Delete clears · "
                "N writes what it was"
            )
        )
        left.addWidget(self.keys_hint)
        self.empty = muted(
            self.tr("No habits yet. Add one of your own, or wait for step 4's supports.")
        )
        left.addWidget(self.empty)
        left.addStretch(1)

        # Details of the selected habit.
        self.card = QFrame()
        self.card.setObjectName("card")
        self.card.setMinimumWidth(280)
        self.card.setMaximumWidth(360)
        card = QVBoxLayout(self.card)
        card.setContentsMargins(16, 12, 16, 12)
        card.setSpacing(6)
        self.detail_name = heading("", 2)
        self.detail_target = muted("")
        self.detail_description = QLabel()
        self.detail_description.setWordWrap(True)
        self.detail_week = QLabel()
        self.detail_week.setWordWrap(True)
        self.detail_streaks = QLabel()
        self.detail_streaks.setWordWrap(True)
        self.strength_bar = QProgressBar()
        self.strength_bar.setRange(0, 100)
        self.strength_bar.setFormat(self.tr("Strength %p %"))
        self.strength_bar.setAccessibleName(self.tr("Habit strength"))
        self.calendar = HistoryCalendar()
        for detail in (
            self.detail_name,
            self.detail_target,
            self.detail_description,
            self.detail_week,
            self.detail_streaks,
            self.strength_bar,
        ):
            card.addWidget(detail)
        # What it was, on a ticked day of a yes/no habit (novel learning asks for it).
        self.what_label = QLabel()
        self.what_label.setWordWrap(True)
        self.what_edit = QLineEdit()
        self.what_edit.setPlaceholderText(self.tr("Optional: a few words"))
        self.what_label.setBuddy(self.what_edit)
        self.what_error = error_label()
        card.addWidget(self.what_label)
        card.addWidget(self.what_edit)
        card.addWidget(self.what_error)
        card.addWidget(muted(self.tr("Last twelve weeks")))
        card.addWidget(self.calendar)
        buttons = QHBoxLayout()
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.edit_button.setAccessibleName(self.tr("Edit the selected habit"))
        self.edit_button.setAccessibleDescription(self.tr("Change its name, target or description"))
        self.up_button = QToolButton()
        self.up_button.setText("↑")
        self.up_button.setAccessibleName(self.tr("Move the habit up"))
        self.up_button.setToolTip(self.tr("Move up"))
        self.down_button = QToolButton()
        self.down_button.setText("↓")
        self.down_button.setAccessibleName(self.tr("Move the habit down"))
        self.down_button.setToolTip(self.tr("Move down"))
        self.archive_button = QPushButton(self.tr("&Archive"))
        self.archive_button.setAccessibleName(self.tr("Archive the selected habit"))
        self.archive_button.setToolTip(
            self.tr("Hide it from the week; its days are kept and you can restore it")
        )
        for widget in (self.edit_button, self.up_button, self.down_button, self.archive_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        card.addLayout(buttons)
        card.addSpacing(8)
        card.addWidget(heading(self.tr("Archived"), 3))
        archived_row = QHBoxLayout()
        self.archived_box = QComboBox()
        self.archived_box.setAccessibleName(self.tr("Archived habits"))
        self.restore_button = QPushButton(self.tr("&Restore"))
        self.restore_button.setAccessibleName(self.tr("Restore the archived habit"))
        archived_row.addWidget(self.archived_box, 1)
        archived_row.addWidget(self.restore_button)
        card.addLayout(archived_row)
        card.addStretch(1)
        columns.addWidget(self.card, 0)

        self.add_button.clicked.connect(self.add_habit)
        self.prev_week.clicked.connect(lambda: self.set_week(self._week - timedelta(days=7)))
        self.next_week.clicked.connect(lambda: self.set_week(self._week + timedelta(days=7)))
        self.this_week.clicked.connect(lambda: self.set_week(self._controller.today()))
        self.week_edit.dateChanged.connect(self._date_picked)
        self.grid.noteRequested.connect(self.edit_note)
        self.grid.whatRequested.connect(self._focus_what)
        self.what_edit.editingFinished.connect(self._save_what)
        self.what_edit.returnPressed.connect(self.grid.setFocus)
        self.grid.errorRaised.connect(self._grid_error)
        self.model.errorRaised.connect(self._cell_error)
        self.grid.selectionModel().currentChanged.connect(lambda *_: self._show_details())
        self.grid.verticalHeader().sectionResized.connect(lambda *_: self._fit_grid())
        self.edit_button.clicked.connect(self.edit_habit)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.archive_button.clicked.connect(self.archive_habit)
        self.restore_button.clicked.connect(self.restore_habit)
        self.setTabOrder(self.add_button, self.prev_week)

    # Layout ------------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        """The habit's card beside the grid where the grid's every column fits next to it, and
        under the grid where it does not (on a 1024×600 screen): no column is ever hidden
        behind a scroll bar."""
        margins = self._page_layout.contentsMargins()
        room = self.page_scroll.viewport().width() - margins.left() - margins.right()
        beside = self.grid.full_width() + self.columns.spacing() + self.card.minimumWidth()
        direction = (
            QBoxLayout.Direction.LeftToRight if room >= beside else QBoxLayout.Direction.TopToBottom
        )
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)

    # Redrawing ---------------------------------------------------------------------------------
    def showEvent(self, event: object) -> None:
        if self._dirty:
            self.refresh()
        super().showEvent(event)  # type: ignore[arg-type]

    def on_changed(self, change: Change) -> None:
        if change.area not in REDRAW_AREAS and change.area != "metrics":
            return
        if change.area == "habits":
            show_error(self.grid_error, None)
        if self.isVisible():
            self.refresh()
        else:
            self._dirty = True

    def selected_habit_id(self) -> int | None:
        row = self.model.row(self.grid.currentIndex())
        return None if row is None else row.habit.id

    def refresh(self) -> None:
        self._dirty = False
        self._loading = True
        try:
            current = self.grid.currentIndex()
            keep_id = self.selected_habit_id()
            keep_column = current.column() if current.isValid() else FIRST_DAY_COLUMN
            today = self._controller.today()
            self.model.load(self._week)
            reason = self._controller.lock_reason()
            self.locked.setText(reason or "")
            self.locked.setVisible(bool(reason))
            self.week_edit.setMaximumDate(_qdate(today))
            self.week_edit.setDate(_qdate(self._week))
            end = self._week + timedelta(days=6)
            if self._week <= today <= end:
                title = self.tr("This week, %s") % self._span(self._week, end)
            else:
                title = self.tr("Week of %s") % self._span(self._week, end)
            self.week_title.setText(title)
            self.next_week.setEnabled(end < today)
            self.this_week.setEnabled(not self._week <= today <= end)
            has_rows = bool(self.model.rows)
            self._fit_grid()
            self._arrange()  # the week's readings may have widened a column
            self.grid.setVisible(has_rows)
            self.keys_hint.setVisible(has_rows)
            self.empty.setVisible(not has_rows)
            if has_rows:
                row_index = 0
                for i, row in enumerate(self.model.rows):
                    if row.habit.id == keep_id:
                        row_index = i
                if keep_id is None:
                    keep_column = FIRST_DAY_COLUMN + max(0, min(6, (today - self._week).days))
                self.grid.setCurrentIndex(self.model.index(row_index, keep_column))
            archived = self._controller.archived()
            self.archived_box.clear()
            for habit in archived:
                self.archived_box.addItem(habit.name, habit.id)
            self.archived_box.setEnabled(bool(archived))
            self.restore_button.setEnabled(bool(archived))
            if not archived:
                self.archived_box.addItem(self.tr("None"))
        finally:
            self._loading = False
        self._show_details()

    def _fit_grid(self) -> None:
        """As tall as its habits (no empty table below them); scrolls past twelve. Rows grow
        when a long name wraps, so this follows their heights."""
        shown = min(len(self.model.rows), 12)
        rows = self.grid.verticalHeader()
        body = sum(rows.sectionSize(i) for i in range(shown)) or rows.defaultSectionSize()
        header = self.grid.horizontalHeader().sizeHint().height()
        self.grid.setFixedHeight(header + body + 2 * self.grid.frameWidth() + 6)

    @staticmethod
    def _span(start: date, end: date) -> str:
        return dates.week_span(start, end)

    def _what_day(self) -> tuple[int, date] | None:
        """The ticked yes/no day under the grid's cursor, whose "what" the card shows."""
        index = self.grid.currentIndex()
        row = self.model.row(index)
        day = self.model.day_of(index)
        if row is None or day is None or row.habit.kind is not hb.HabitKind.YES_NO:
            return None
        entry = row.entries.get(day)
        if entry is None or entry.status is not EntryStatus.DONE:
            return None
        return row.habit.id, day

    def _show_what(self) -> None:
        target = self._what_day()
        self.what_label.setVisible(target is not None)
        self.what_edit.setVisible(target is not None)
        if target is None:
            show_error(self.what_error, None)
            return
        habit_id, day = target
        self.what_label.setText(self.tr("What was it? (%s)") % dates.long_day(day))
        self.what_edit.setAccessibleName(self.what_label.text())
        entry = self._controller.entry(habit_id, day)
        if not self.what_edit.hasFocus():
            self.what_edit.setText(entry.note if entry else "")
        self._what_target = target

    def _focus_what(self) -> None:
        if self._what_day() is None:
            show_error(self.grid_error, self.tr("Tick the day first, then write what it was."))
            return
        self.what_edit.setFocus()
        self.what_edit.selectAll()

    def _save_what(self) -> None:
        target = self._what_target
        if target is None or not self.what_edit.isVisible():
            return
        habit_id, day = target
        entry = self._controller.entry(habit_id, day)
        if entry is None or entry.note == self.what_edit.text().strip():
            return
        try:
            self._controller.set_what(habit_id, day, self.what_edit.text())
            show_error(self.what_error, None)
        except UserError as error:
            show_error(self.what_error, error.message)

    def _show_details(self) -> None:
        self._show_what()
        row = self.model.row(self.grid.currentIndex())
        self.card.setEnabled(True)
        for widget in (self.edit_button, self.up_button, self.down_button, self.archive_button):
            widget.setEnabled(row is not None)
        if row is None:
            self.detail_name.setText(self.tr("No habit selected"))
            for label in (
                self.detail_target,
                self.detail_description,
                self.detail_week,
                self.detail_streaks,
            ):
                label.setText("")
            self.strength_bar.setValue(0)
            self.calendar.set_history(self._week, self._controller.today(), {})
            return
        habit = row.habit
        self.detail_name.setText(habit.name)
        self.detail_target.setText(habit.target.describe(habit.unit))
        self.detail_description.setText(habit.description)
        self.detail_description.setVisible(bool(habit.description))
        adherence = row.adherence
        verdict = VERDICT_TEXT[adherence.verdict]
        if adherence.in_progress and adherence.verdict is hb.Verdict.UNDER:
            verdict = self.tr("the week is still going")
        self.detail_week.setText(f"<b>{adherence.reading}</b>: {verdict}")
        self.detail_streaks.setText(
            self.tr("Current streak: %s · Best: %s")
            % (row.current_streak.reading, row.best_streak.reading)
        )
        self.strength_bar.setValue(round(row.strength * 100))
        today = self._controller.today()
        last = self._week + timedelta(days=6)
        first = last - timedelta(days=HISTORY_WEEKS * 7 - 1)
        self.calendar.set_history(first, today, self._controller.history(habit.id, first, last))
        index = self.model.rows.index(row)
        self.up_button.setEnabled(index > 0)
        self.down_button.setEnabled(index < len(self.model.rows) - 1)

    # Actions -----------------------------------------------------------------------------------
    def set_week(self, day: date) -> None:
        week = self._controller.week_of(min(day, self._controller.today()))
        if week == self._week:
            return
        self._week = week
        show_error(self.grid_error, None)
        self.refresh()

    def _date_picked(self, qdate: QDate) -> None:
        if not self._loading:
            self.set_week(_from_qdate(qdate))

    def _grid_error(self, message: str) -> None:
        show_error(self.grid_error, message)

    def _cell_error(self, message: str, index: QModelIndex | QPersistentModelIndex) -> None:
        show_error(self.grid_error, message)
        cell = self.model.index(index.row(), index.column())
        rect = self.grid.visualRect(cell)
        QToolTip.showText(self.grid.viewport().mapToGlobal(rect.bottomLeft()), message, self.grid)
        # Reopen the cell with what was typed, so it can be corrected where it was typed.
        QTimer.singleShot(0, lambda: self._reopen(cell))

    def _reopen(self, cell: QModelIndex) -> None:
        if cell.isValid() and self.grid.state() is not QAbstractItemView.State.EditingState:
            self.grid.setCurrentIndex(cell)
            self.grid.edit(cell)

    def add_habit(self) -> None:
        dialog = HabitDialog(self._controller, None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved_id is not None:
            self._select(dialog.saved_id)

    def edit_habit(self) -> None:
        habit_id = self.selected_habit_id()
        if habit_id is None:
            return
        HabitDialog(self._controller, self._controller.habit(habit_id), self).exec()

    def edit_note(self, habit_id: int, day: date) -> None:
        habit = self._controller.habit(habit_id)
        entry = self._controller.entry(habit_id, day)
        dialog = NoteDialog(
            self.tr("%s, %s") % (isolate(habit.name), dates.long_day(day)),
            entry.note if entry else "",
            self,
        )
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                self._controller.set_note(habit_id, day, dialog.text())
            except UserError as error:
                show_error(dialog.error, error.message)
                continue
            break

    def _move(self, offset: int) -> None:
        habit_id = self.selected_habit_id()
        if habit_id is not None:
            self._run(lambda: self._controller.move(habit_id, offset))

    def archive_habit(self) -> None:
        habit_id = self.selected_habit_id()
        if habit_id is not None:
            self._run(lambda: self._controller.archive(habit_id))

    def restore_habit(self) -> None:
        habit_id = self.archived_box.currentData()
        if isinstance(habit_id, int):
            self._run(lambda: self._controller.restore(habit_id))

    def _run(self, action: object) -> None:
        try:
            action()  # type: ignore[operator]
        except UserError as error:
            QMessageBox.warning(self, self.tr("Habits"), error.message)

    def _select(self, habit_id: int) -> None:
        for i, row in enumerate(self.model.rows):
            if row.habit.id == habit_id:
                self.grid.setCurrentIndex(self.model.index(i, NAME_COLUMN))
                self.grid.setFocus()


def install_habits(window: MainWindow) -> HabitsTab:
    tab = HabitsTab(window.journal.habits)
    window.add_tab("habits", tab, window.tr("Ha&bits"))
    window.actions_by_key["habits"] = lambda: window.show_tab("habits")
    return tab

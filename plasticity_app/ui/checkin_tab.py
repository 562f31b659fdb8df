"""Check-in: rate today (or a past day), write a note, manage metrics, and edit the history."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from plasticity_app.controller.base import Change
from plasticity_app.controller.metrics import BaselineProgress, MetricsController
from plasticity_app.domain import metrics as m
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.metrics import Direction, Metric
from plasticity_app.ui.calendar_popup import calendar_popup
from plasticity_app.ui.history_model import HistoryModel, RatingDelegate
from plasticity_app.ui.metric_dialog import MetricDialog
from plasticity_app.ui.rating_selector import RatingSelector
from plasticity_app.ui.style import error_label, heading, muted, show_error

NOTE_SAVE_DELAY_MS = 700
NOTE_MIN_WIDTH = 120  # the history's note column keeps this much in a small window
RATING_MIN_WIDTH = 64  # and a metric's column this much (its ratings are one or two digits)


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(qdate: QDate) -> date:
    return date(qdate.year(), qdate.month(), qdate.day())


class MetricRow(QFrame):
    """One metric's rating for the chosen day."""

    def __init__(self, metric: Metric, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outcome = metric
        self.setObjectName("card")
        layout = QGridLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setHorizontalSpacing(16)
        title = heading(metric.name, 3)
        layout.addWidget(title, 0, 0)
        arrow = "↑" if metric.direction is Direction.HIGHER else "↓"
        layout.addWidget(
            muted(f"{arrow} {metric.direction.label}"), 0, 1, Qt.AlignmentFlag.AlignRight
        )
        if metric.description:
            layout.addWidget(muted(metric.description), 1, 0, 1, 2)
        self.selector = RatingSelector(metric.name)
        layout.addWidget(self.selector, 2, 0, 1, 2)
        self.error = error_label()
        layout.addWidget(self.error, 3, 0, 1, 2)


def _card_figures(progress: BaselineProgress | None, done: date | None) -> object:
    """What a metric's card shows of its baseline: the days rated while it is being mapped,
    and its summary."""
    if progress is None:
        return None
    days = (progress.rated_days, progress.needed) if done is None else None
    return days, repr(progress.summary) if progress.summary.n else None


class CheckinTab(QWidget):
    """Emits ``addMetricRequested`` so the window can open the dialog when there are no metrics."""

    def __init__(self, controller: MetricsController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._rows: list[MetricRow] = []
        self._cards_drawn: object = None
        self._day = controller.today()
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_SAVE_DELAY_MS)
        self._note_timer.timeout.connect(self._save_note)
        self._loading = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        page = QWidget()
        scroll.setWidget(page)
        root = QHBoxLayout(page)
        root.setContentsMargins(24, 24, 24, 24)
        root.setSpacing(32)

        # Left: the day's check-in and the history.
        left = QVBoxLayout()
        left.setSpacing(12)
        root.addLayout(left, 3)
        left.addWidget(heading(self.tr("Daily check-in")))
        self.intro = muted(
            self.tr(
                "Rate each outcome for the day, 0 to 10. It saves as you go. "
                "Type a number, or use the arrow keys."
            )
        )
        left.addWidget(self.intro)

        bar = QHBoxLayout()
        self.prev_day = QToolButton()
        self.prev_day.setText("‹")
        self.prev_day.setAccessibleName(self.tr("Previous day"))
        self.prev_day.setToolTip(self.tr("Previous day"))
        self.date_edit = QDateEdit()
        calendar_popup(self.date_edit)
        self.date_edit.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.LongFormat))
        self.date_edit.setAccessibleName(self.tr("Day to rate"))
        self.date_edit.setAccessibleDescription(
            self.tr("Today, or a past day you want to fill in; future days can't be rated")
        )
        self.next_day = QToolButton()
        self.next_day.setText("›")
        self.next_day.setAccessibleName(self.tr("Next day"))
        self.next_day.setToolTip(self.tr("Next day"))
        self.today_button = QPushButton(self.tr("Today"))
        self.today_button.setAccessibleName(self.tr("Go to today"))
        for w in (self.prev_day, self.date_edit, self.next_day, self.today_button):
            bar.addWidget(w)
        self.day_hint = muted("")
        bar.addWidget(self.day_hint)
        bar.addStretch(1)
        left.addLayout(bar)
        # Between midnight and the day start: "It is still Thursday 3 December in your journal…"
        self.day_start_note = muted("")
        self.day_start_note.setVisible(False)
        left.addWidget(self.day_start_note)
        self.date_error = error_label()
        left.addWidget(self.date_error)

        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(8)
        left.addLayout(self.rows_box)
        self.empty = QFrame()
        self.empty.setObjectName("card")
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.setContentsMargins(16, 16, 16, 16)
        empty_layout.addWidget(heading(self.tr("Nothing to rate yet"), 3))
        empty_layout.addWidget(
            muted(
                self.tr(
                    "Choose 2 or 3 outcomes that matter to you, like how harsh your inner critic "
                    "was. Rating them each day maps your baseline: the starting point every later "
                    "change is compared with."
                )
            )
        )
        self.empty_add = QPushButton(self.tr("Choose a metric"))
        empty_layout.addWidget(self.empty_add, 0, Qt.AlignmentFlag.AlignLeft)
        left.addWidget(self.empty)

        left.addWidget(heading(self.tr("Note for the day"), 3))
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(
            self.tr("Anything worth remembering about today? (optional, saved as you type)")
        )
        self.note.setAccessibleName(self.tr("Note for the day"))
        self.note.setAccessibleDescription(self.tr("Optional; saved as you type"))
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(84)
        left.addWidget(self.note)
        self.note_error = error_label()
        left.addWidget(self.note_error)

        left.addWidget(heading(self.tr("History"), 2))
        left.addWidget(
            muted(self.tr("Double-click or press F2 on a cell to change a past rating."))
        )
        self.history_error = error_label()
        left.addWidget(self.history_error)
        self.model = HistoryModel(controller)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(RatingDelegate(self.table))
        self.table.setAccessibleName(self.tr("Check-in history"))
        self.table.setAccessibleDescription(
            self.tr("One row per day, newest first; F2 or a double-click changes a rating")
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)  # arrows move between cells; Tab leaves the table
        # Columns are sized to their contents when they change (a metric added, renamed or
        # archived), not on every rating: a rating's width never decides a column, its name
        # does. Sized from the rows in view (and a few more), not from years of history; the
        # person can still drag them wider, and the note takes the rest.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setResizeContentsPrecision(60)
        header.setStretchLastSection(True)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)  # "Self-criticism…", not cut
        self._natural_widths: list[int] = []
        self.model.modelReset.connect(self._size_columns)
        self._size_columns()
        self.table.viewport().installEventFilter(self)  # squeezed again as it resizes
        self.table.setMinimumHeight(260)
        left.addWidget(self.table, 1)

        # Right: metrics and baseline progress.
        right = QVBoxLayout()
        right.setSpacing(12)
        root.addLayout(right, 2)
        right.addWidget(heading(self.tr("Your metrics"), 2))
        self.baseline_intro = muted("")
        right.addWidget(self.baseline_intro)
        self.metrics_box = QVBoxLayout()
        self.metrics_box.setSpacing(8)
        right.addLayout(self.metrics_box)
        self.add_button = QPushButton(self.tr("Add a metric…"))
        self.add_button.setAccessibleName(self.tr("Add a metric"))
        right.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.add_hint = muted(
            self.tr("You follow 3 outcomes, the most at once. Archive one to add another.")
        )
        right.addWidget(self.add_hint)
        self.metrics_error = error_label()
        right.addWidget(self.metrics_error)
        self.show_archived = QCheckBox(self.tr("Show archived metrics"))
        self.show_archived.setAccessibleDescription(
            self.tr("List the metrics you stopped following, to restore one")
        )
        right.addWidget(self.show_archived)
        right.addStretch(1)

        self.prev_day.clicked.connect(lambda: self.set_day(self._day - timedelta(days=1)))
        self.next_day.clicked.connect(lambda: self.set_day(self._day + timedelta(days=1)))
        self.today_button.clicked.connect(lambda: self.set_day(self._controller.today()))
        self.date_edit.dateChanged.connect(self._date_edited)
        self.note.textChanged.connect(self._note_typed)
        self.add_button.clicked.connect(self.add_metric)
        self.empty_add.clicked.connect(self.add_metric)
        self.show_archived.toggled.connect(self._draw_metrics)
        self.model.error.connect(lambda msg: show_error(self.history_error, msg))
        self.refresh()

    # Drawing from state -------------------------------------------------------------------------
    def refresh(self) -> None:
        today = self._controller.today()
        self.date_edit.setMaximumDate(to_qdate(today))
        if self._day > today:
            self._day = today
        self._draw_rows()
        self._draw_day()
        self._draw_metrics()
        self.model.reload()

    def on_changed(self, change: Change) -> None:
        if change.area == "checkin":
            self._draw_day()
            self._draw_metrics()
            self.model.reload()
        else:
            self.refresh()

    def _draw_rows(self) -> None:
        active = self._controller.active()
        self.empty.setVisible(not active)
        self.intro.setVisible(bool(active))
        if [r.outcome for r in self._rows] == active:
            return
        focused = self.focusWidget()
        for row in self._rows:
            row.hide()  # hidden first: a queued show must not make it a window
            row.deleteLater()
        self._rows = []
        for metric in active:
            row = MetricRow(metric)
            row.selector.picked.connect(lambda value, r=row: self._rated(r, value))
            row.selector.refused.connect(lambda message, r=row: show_error(r.error, message))
            self.rows_box.addWidget(row)
            self._rows.append(row)
        # keep a sensible tab order: date bar, ratings in order, note
        chain: list[QWidget] = [self.date_edit, self.next_day, self.today_button]
        chain += [r.selector for r in self._rows] + [self.note]
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)
        if focused is not None and focused.parent() is None:
            self.setFocus()

    def _draw_day(self) -> None:
        self._loading = True
        try:
            today = self._controller.today()
            self.date_edit.setDate(to_qdate(self._day))
            self.next_day.setEnabled(self._day < today)
            self.today_button.setEnabled(self._day != today)
            delta = (today - self._day).days
            note = self._controller.still_yesterday_note() if delta == 0 else ""
            self.day_start_note.setText(note)
            self.day_start_note.setVisible(bool(note))
            self.day_hint.setText(
                self.tr("today")
                if delta == 0
                else self.tr("yesterday")
                if delta == 1
                else self.tr("%n days ago", "", delta)
            )
            ratings = self._controller.ratings_on(self._day)
            for row in self._rows:
                row.selector.setValue(ratings.get(row.outcome.id))
                show_error(row.error, None)
            note = self._controller.note_on(self._day)
            if note != self.note.toPlainText() and not self._note_timer.isActive():
                self.note.setPlainText(note)
        finally:
            self._loading = False

    def _draw_metrics(self) -> None:
        progress = {p.metric.id: p for p in self._controller.baseline_progress()}
        done = self._controller.baseline_end()
        if done is None:
            needed = self._controller._ctx.settings.baseline_days
            self.baseline_intro.setText(
                self.tr(
                    "Your baseline is mapped once every metric has %1 rated days. "
                    "Past days count too: fill in the ones you remember."
                ).replace("%1", str(needed))
            )
        else:
            self.baseline_intro.setText(
                self.tr(
                    "Baseline mapped on %1. Keep rating daily: this is your measurement."
                ).replace("%1", QLocale().toString(to_qdate(done), QLocale.FormatType.LongFormat))
            )
        metrics = self._controller.all()
        shown = [x for x in metrics if self.show_archived.isChecked() or not x.archived]
        # The cards are made again only when what they show has changed (a rating after the
        # baseline changes none of them).
        drawn = (done, tuple((x, _card_figures(progress.get(x.id), done)) for x in shown))
        if drawn != self._cards_drawn:
            self._cards_drawn = drawn
            while self.metrics_box.count():
                item = self.metrics_box.takeAt(0)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.hide()  # hidden first: a queued show must not make it a window
                    widget.deleteLater()
            for metric in shown:
                self.metrics_box.addWidget(self._metric_card(metric, progress.get(metric.id), done))
        active = [x for x in metrics if not x.archived]
        full = len(active) >= m.MAX_ACTIVE_METRICS
        self.add_button.setEnabled(not full)
        self.add_hint.setVisible(full)
        self.add_button.setToolTip(
            self.tr("You follow 3 outcomes, the most at once. Archive one to add another.")
            if full
            else ""
        )

    def _metric_card(self, metric: Metric, progress: object, done: date | None) -> QFrame:
        card = QFrame()
        card.setObjectName("card")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(12, 10, 12, 10)
        title = heading(metric.name + (self.tr(" (archived)") if metric.archived else ""), 3)
        layout.addWidget(title)
        if isinstance(progress, BaselineProgress):
            if done is None:
                bar = QProgressBar()
                bar.setRange(0, progress.needed)
                bar.setValue(min(progress.rated_days, progress.needed))
                bar.setFormat(
                    self.tr("%1 of %2 days rated")
                    .replace("%1", str(progress.rated_days))
                    .replace("%2", str(progress.needed))
                )
                bar.setAccessibleName(metric.name + " " + bar.format())
                layout.addWidget(bar)
            if progress.summary.n:
                sd = progress.summary.sd
                sd_text = "" if sd != sd else f" ± {QLocale().toString(sd, 'f', 1)}"
                layout.addWidget(
                    muted(
                        (
                            self.tr("Baseline average %1%2 over 1 day")
                            if progress.summary.n == 1
                            else self.tr(
                                "Baseline average %1%2 over %n days", "", progress.summary.n
                            )
                        )
                        .replace("%1", QLocale().toString(progress.summary.mean, "f", 1))
                        .replace("%2", sd_text)
                    )
                )
        buttons = QHBoxLayout()
        edit = QPushButton(self.tr("Edit…"))
        edit.setAccessibleName(self.tr("Edit %s") % metric.name)
        edit.setAccessibleDescription(self.tr("Change the name, description or direction"))
        edit.clicked.connect(lambda: self.edit_metric(metric))
        buttons.addWidget(edit)
        if metric.archived:
            restore = QPushButton(self.tr("Restore"))
            restore.setAccessibleName(self.tr("Restore %s") % metric.name)
            restore.clicked.connect(lambda: self._run(lambda: self._controller.restore(metric.id)))
            buttons.addWidget(restore)
        else:
            archive = QPushButton(self.tr("Archive"))
            archive.setAccessibleName(self.tr("Archive %s") % metric.name)
            archive.setToolTip(
                self.tr("Stop rating it. Its ratings are kept and it can be restored.")
            )
            archive.clicked.connect(lambda: self._run(lambda: self._controller.archive(metric.id)))
            buttons.addWidget(archive)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return card

    # Actions -------------------------------------------------------------------------------------
    def set_day(self, day: date) -> None:
        today = self._controller.today()
        if day > today:
            show_error(self.date_error, self.tr("You can’t rate a day that hasn’t happened yet."))
            return
        show_error(self.date_error, None)
        self._flush_note()
        self._day = day
        self._draw_day()

    def day(self) -> date:
        return self._day

    def focus_first_rating(self) -> None:
        if self._rows:
            self._rows[0].selector.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.empty_add.setFocus()

    def _date_edited(self, qdate: QDate) -> None:
        if self._loading:
            return
        self.set_day(from_qdate(qdate))

    def _rated(self, row: MetricRow, value: int) -> None:
        try:
            if value < 0:
                self._controller.clear_rating(row.outcome.id, self._day)
            else:
                self._controller.rate(row.outcome.id, self._day, value)
            show_error(row.error, None)
        except UserError as exc:
            self._draw_day()  # the stored value back on screen (never one that wasn't saved)
            for drawn in self._rows:
                if drawn.outcome.id == row.outcome.id:
                    show_error(drawn.error, exc.message)

    def _note_typed(self) -> None:
        if self._loading:
            return
        error = m.validate_day_note(self.note.toPlainText())
        show_error(self.note_error, error)
        if error is None:
            self._note_timer.start()

    def _flush_note(self) -> None:
        if self._note_timer.isActive():
            self._note_timer.stop()
            self._save_note()

    def _save_note(self) -> None:
        try:
            self._controller.set_note(self._day, self.note.toPlainText())
        except UserError as exc:
            show_error(self.note_error, exc.message)

    def _run(self, action: object) -> None:
        try:
            action()  # type: ignore[operator]
            show_error(self.metrics_error, None)
        except UserError as exc:
            show_error(self.metrics_error, exc.message)

    def add_metric(self) -> None:
        MetricDialog(self._controller, None, self).exec()

    def edit_metric(self, metric: Metric) -> None:
        MetricDialog(self._controller, metric, self).exec()

    def _size_columns(self) -> None:
        """Each metric's column as wide as its name and ratings, then squeezed to fit."""
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        self._natural_widths = [header.sectionSize(c) for c in range(header.count() - 1)]
        self._squeeze_columns()

    def _squeeze_columns(self) -> None:
        """Where the metrics' columns and the note would not fit the table (a small window),
        the metrics' columns share what is left beside the note (a name cut short shows whole
        in its tooltip): no column is hidden behind a horizontal scroll bar."""
        natural = self._natural_widths
        if not natural:
            return
        room = self.table.viewport().width() - NOTE_MIN_WIDTH
        widths = natural
        if sum(natural) > room:
            share = max(room, 0) / sum(natural)
            widths = [max(RATING_MIN_WIDTH, int(w * share)) for w in natural]
        header = self.table.horizontalHeader()
        for column, width in enumerate(widths):
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._squeeze_columns()
        return super().eventFilter(watched, event)

    def hideEvent(self, event: object) -> None:
        self._flush_note()
        super().hideEvent(event)  # type: ignore[arg-type]

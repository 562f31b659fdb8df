"""Weekly review (step 5): the week against the baseline, what moved the needle, your decisions."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from plasticity_app.controller.base import Change
from plasticity_app.controller.review import ReviewController
from plasticity_app.domain import dates
from plasticity_app.domain import review as rv
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.text import tr
from plasticity_app.domain.week_report import WeekReport
from plasticity_app.ui.calendar_popup import calendar_popup
from plasticity_app.ui.style import error_label, heading, make_primary, muted, show_error


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _clear(layout: QVBoxLayout | QGridLayout | QHBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            continue
        widget = item.widget()
        if widget is not None:
            widget.hide()  # hidden first: a queued show must not make it a window
            widget.deleteLater()
        child = item.layout()
        if child is not None:
            _clear(child)  # type: ignore[arg-type]


def _card() -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName("card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 12, 16, 12)
    layout.setSpacing(6)
    return frame, layout


def _wrap(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class DecisionRow(QWidget):
    """Keep / drop / adjust for one practice, with a note."""

    def __init__(self, practice: str, label: str, habit_id: int | None) -> None:
        super().__init__()
        self.practice = practice
        self.habit_id = habit_id
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addWidget(QLabel(f"<b>{label}</b>"), 0, 0, 1, 4)
        self.group = QButtonGroup(self)
        self.buttons: dict[rv.Decision, QRadioButton] = {}
        for col, decision in enumerate(rv.Decision):
            button = QRadioButton(decision.label)
            button.setAccessibleName(f"{decision.label} {label}")
            button.setAccessibleDescription(
                {
                    rv.Decision.KEEP: self.tr("Go on with it as it is"),
                    rv.Decision.DROP: self.tr("Stop it for now"),
                    rv.Decision.ADJUST: self.tr("Keep it, changed; say how in the note"),
                }[decision]
            )
            if decision is rv.Decision.DROP and habit_id is not None:
                button.setToolTip(self.tr("Dropping a habit archives it. Undo brings it back."))
            self.group.addButton(button)
            self.buttons[decision] = button
            layout.addWidget(button, 1, col)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Why, or what to change (optional)"))
        self.note.setAccessibleName(self.tr("Note about %s") % label)
        self.note.setMaxLength(rv.DECISION_NOTE_MAX + 50)
        layout.addWidget(self.note, 2, 0, 1, 4)
        self.error = error_label()
        layout.addWidget(self.error, 3, 0, 1, 4)

    def value(self) -> rv.PracticeDecision | None:
        for decision, button in self.buttons.items():
            if button.isChecked():
                return rv.PracticeDecision(
                    self.practice, decision, self.note.text().strip(), self.habit_id
                )
        return None

    def set_value(self, decision: rv.PracticeDecision | None) -> None:
        self.group.setExclusive(False)
        for d, button in self.buttons.items():
            button.setChecked(decision is not None and decision.decision is d)
        self.group.setExclusive(True)
        self.note.setText(decision.note if decision else "")


class ReviewTab(QWidget):
    printRequested = Signal(object)  # week start
    pdfRequested = Signal(object)

    def __init__(self, controller: ReviewController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._week = controller.current_week()
        self._loading = False
        self._dirty = True
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        page = QWidget()
        scroll.setWidget(page)
        root = QVBoxLayout(page)
        root.setContentsMargins(24, 24, 24, 24)
        root.setSpacing(12)

        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Weekly review")), 1)
        self.print_button = QPushButton(self.tr("Print summary…"))
        self.print_button.setAccessibleName(self.tr("Print the weekly summary"))
        self.print_button.setAccessibleDescription(
            self.tr("One or two pages for you or your therapist, with a preview first")
        )
        self.pdf_button = QPushButton(self.tr("Save as PDF…"))
        self.pdf_button.setAccessibleName(self.tr("Save the weekly summary as PDF"))
        self.pdf_button.setAccessibleDescription(self.tr("The same pages as the printed summary"))
        top.addWidget(self.print_button)
        top.addWidget(self.pdf_button)
        root.addLayout(top)
        root.addWidget(
            muted(
                self.tr(
                    "Once a week, look at how your outcomes compare with your baseline, which "
                    "practices you kept up, and what your experiments taught you. Then decide what "
                    "to keep, drop or adjust."
                )
            )
        )
        bar = QHBoxLayout()
        self.prev_week = QToolButton()
        self.prev_week.setText("‹")
        self.prev_week.setAccessibleName(self.tr("Previous week"))
        self.prev_week.setAccessibleDescription(self.tr("Review the week before"))
        self.week_edit = QDateEdit()
        calendar_popup(self.week_edit)
        self.week_edit.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.LongFormat))
        self.week_edit.setAccessibleName(self.tr("Week to review"))
        self.week_edit.setAccessibleDescription(self.tr("Pick any day of the week to review"))
        self.next_week = QToolButton()
        self.next_week.setText("›")
        self.next_week.setAccessibleName(self.tr("Next week"))
        self.this_week = QPushButton(self.tr("This week"))
        self.due_button = QPushButton()
        self.due_button.setAccessibleName(self.tr("Go to the week that is due"))
        for w in (self.prev_week, self.week_edit, self.next_week, self.this_week, self.due_button):
            bar.addWidget(w)
        self.week_title = heading("", 3)
        bar.addSpacing(12)
        bar.addWidget(self.week_title, 1)
        root.addLayout(bar)
        self.week_error = error_label()
        root.addWidget(self.week_error)
        self.locked = muted("")
        root.addWidget(self.locked)

        columns = QHBoxLayout()
        columns.setSpacing(24)
        root.addLayout(columns, 1)
        self.read_box = QVBoxLayout()
        self.read_box.setSpacing(10)
        left = QVBoxLayout()
        left.addLayout(self.read_box)
        left.addStretch(1)
        columns.addLayout(left, 3)

        right_frame, right = _card()
        right_frame.setMaximumWidth(460)
        columns.addWidget(right_frame, 2, Qt.AlignmentFlag.AlignTop)
        right.addWidget(heading(self.tr("Your decisions"), 2))
        right.addWidget(muted(self.tr("For each practice: keep it, drop it, or adjust it.")))
        self.decisions_box = QVBoxLayout()
        right.addLayout(self.decisions_box)
        right.addWidget(heading(self.tr("Reflection"), 2))
        self.reflections: dict[str, QPlainTextEdit] = {}
        for key, question in rv.REFLECTION_QUESTIONS:
            right.addWidget(_wrap(tr(question)))
            right.addWidget(muted(tr(rv.REFLECTION_GLOSSES[key])))
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(64)
            edit.setAccessibleName(tr(question))
            edit.setAccessibleDescription(tr(rv.REFLECTION_GLOSSES[key]))
            self.reflections[key] = edit
            right.addWidget(edit)
        right.addWidget(QLabel(self.tr("Notes")))
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(80)
        self.notes.setAccessibleName(self.tr("Review notes"))
        self.notes.setAccessibleDescription(self.tr("Anything else about this week"))
        right.addWidget(self.notes)
        self.save_error = error_label()
        right.addWidget(self.save_error)
        self.save_button = QPushButton(self.tr("Save review"))
        self.save_button.setAccessibleName(self.tr("Save this week's review"))
        self.save_button.setAccessibleDescription(
            self.tr("Saves your decisions, reflections and notes; saving again edits them")
        )
        make_primary(self.save_button)
        right.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        self.decision_rows: list[DecisionRow] = []

        self.prev_week.clicked.connect(lambda: self.set_week(self._week - timedelta(days=7)))
        self.next_week.clicked.connect(lambda: self.set_week(self._week + timedelta(days=7)))
        self.this_week.clicked.connect(lambda: self.set_week(self._controller.current_week()))
        self.due_button.clicked.connect(self._go_due)
        self.week_edit.dateChanged.connect(self._date_edited)
        self.save_button.clicked.connect(self.save)
        self.print_button.clicked.connect(lambda: self.printRequested.emit(self._week))
        self.pdf_button.clicked.connect(lambda: self.pdfRequested.emit(self._week))

    # State ---------------------------------------------------------------------------------------
    def week(self) -> date:
        return self._week

    def showEvent(self, event: object) -> None:
        if self._dirty:
            self.refresh()
        super().showEvent(event)  # type: ignore[arg-type]

    def on_changed(self, change: Change) -> None:
        if self.isVisible():
            self.refresh(keep_answers=change.area != self._controller.AREA)
        else:
            self._dirty = True

    def set_week(self, day: date) -> None:
        week = self._controller.week_of(day)
        if week > self._controller.today():
            show_error(self.week_error, self.tr("That week hasn’t started yet."))
            return
        show_error(self.week_error, None)
        self._week = week
        self.refresh()

    def _go_due(self) -> None:
        due = self._controller.due_week()
        if due is not None:
            self.set_week(due)

    def _date_edited(self, qdate: QDate) -> None:
        if not self._loading:
            self.set_week(date(qdate.year(), qdate.month(), qdate.day()))

    def refresh(self, keep_answers: bool = False) -> None:
        self._dirty = False
        self._loading = True
        try:
            report = self._controller.report(self._week)
            today = self._controller.today()
            self.week_edit.setMaximumDate(_qdate(today))
            self.week_edit.setDate(_qdate(self._week))
            self.next_week.setEnabled(self._week + timedelta(days=7) <= today)
            self.this_week.setEnabled(self._week != self._controller.current_week())
            self.week_title.setText(
                report.title + ("" if report.reviewed else self.tr(" · not reviewed yet"))
            )
            due = self._controller.due_week()
            self.due_button.setVisible(due is not None and due != self._week)
            if due is not None:
                self.due_button.setText(self.tr("Review due: week of %s") % dates.day_month(due))
            self._draw_report(report)
            self._draw_decisions(report, keep_answers)
        finally:
            self._loading = False

    def _draw_report(self, report: WeekReport) -> None:
        _clear(self.read_box)
        if report.is_empty:
            frame, box = _card()
            box.addWidget(heading(self.tr("Nothing recorded this week"), 3))
            box.addWidget(
                _wrap(
                    self.tr(
                        "There are no ratings, habits or experiments for this week yet, so there is "
                        "nothing to compare. Check in on the Check-in tab, or pick another week."
                    )
                )
            )
            self.read_box.addWidget(frame)
            return
        self.read_box.addWidget(heading(self.tr("Outcomes against your baseline"), 2))
        for i, section in enumerate(report.metrics):
            frame, box = _card()
            w = section.week
            arrow = (
                self.tr("↑ higher is better")
                if w.direction.value == "higher"
                else self.tr("↓ lower is better")
            )
            row = QHBoxLayout()
            row.addWidget(heading(w.name, 3), 1)
            if w.overlap:
                row.addWidget(muted(self.tr("Overlaps your baseline")))
            row.addWidget(muted(arrow))
            box.addLayout(row)
            reading = _wrap(w.reading)
            reading.setToolTip(w.technical)
            box.addWidget(reading)
            if w.nap is not None:
                figure = muted(rv.nap_figure(w.nap))
                figure.setToolTip(w.technical)
                box.addWidget(figure)
            if w.week.n:
                from plasticity_app.ui.summary_renderer import chart_image  # not before 1st paint

                image = chart_image(section, 920, 220)
                chart = QLabel()
                pixmap = QPixmap.fromImage(image)
                pixmap.setDevicePixelRatio(2.0)
                chart.setPixmap(pixmap)
                chart.setAccessibleName(self.tr("Chart of %s this week") % w.name)
                chart.setObjectName(f"chart{i}")
                box.addWidget(chart)
            self.read_box.addWidget(frame)
        if report.habits:
            frame, box = _card()
            box.addWidget(heading(self.tr("Plasticity supports"), 2))
            grid = QGridLayout()
            for r, h in enumerate(report.habits):
                grid.addWidget(QLabel(h.name), r, 0)
                grid.addWidget(QLabel(h.adherence), r, 1)
                grid.addWidget(muted(h.verdict), r, 2)
                grid.addWidget(muted(self.tr("strength %s") % rv.pct(h.strength)), r, 3)
            grid.setColumnStretch(1, 1)
            box.addLayout(grid)
            self.read_box.addWidget(frame)
        if report.experiments:
            frame, box = _card()
            box.addWidget(heading(self.tr("Experiments"), 2))
            for x in report.experiments:
                text = f"<b>{x.title}</b> · {x.belief_change}"
                if x.learned:
                    text += f"<br>{self.tr('Learned')}: {x.learned}"
                box.addWidget(_wrap(text))
            self.read_box.addWidget(frame)
        if report.thought_records or report.learning_sessions or report.opening:
            frame, box = _card()
            box.addWidget(heading(self.tr("Learning"), 2))
            if report.opening:
                box.addWidget(_wrap(report.opening))
            for line in (*report.thought_records, *report.learning_sessions):
                box.addWidget(_wrap(f"{dates.short_date(line.day)}: {line.text}"))
            self.read_box.addWidget(frame)
        frame, box = _card()
        box.addWidget(heading(self.tr("What seems to move the needle"), 2))
        if report.needle:
            box.addWidget(muted(tr(rv.NEEDLE_INTRO)))
            for signal in report.needle[: rv.NEEDLE_SHOWN]:
                link = _wrap(signal.reading)
                link.setToolTip(signal.technical)
                link.setAccessibleDescription(signal.technical)
                box.addWidget(link)
        else:
            box.addWidget(
                muted(
                    self.tr(
                        "Not enough days yet. Over the last four weeks, a habit needs at least 3 days "
                        "done and 3 days not done with ratings before a comparison means anything."
                    )
                )
            )
        self.read_box.addWidget(frame)

    def _draw_decisions(self, report: WeekReport, keep_answers: bool) -> None:
        previous = {row.practice: row.value() for row in self.decision_rows} if keep_answers else {}
        _clear(self.decisions_box)
        self.decision_rows = []
        saved = {d.practice: d for d in report.decisions}
        for practice, label in report.decision_labels.items():
            habit_id = int(practice.split(":")[1]) if practice.startswith("habit:") else None
            row = DecisionRow(practice, label, habit_id)
            row.set_value(previous.get(practice) or saved.get(practice))
            self.decisions_box.addWidget(row)
            self.decision_rows.append(row)
        if not self.decision_rows:
            self.decisions_box.addWidget(
                muted(self.tr("Practices appear here once you run experiments or keep habits."))
            )
        if not keep_answers:
            answers = dict(report.reflections)
            for key, question in rv.REFLECTION_QUESTIONS:
                self.reflections[key].setPlainText(answers.get(tr(question), ""))
            self.notes.setPlainText(report.notes)
        self.locked.setText(
            ""
            if self._controller.step5_open()
            else self.tr(
                "Reviews are step 5 of the roadmap. It opens after a week of plasticity supports; "
                "you can look back at any week already."
            )
        )
        self.locked.setVisible(not self._controller.step5_open())

    def save(self) -> None:
        decisions = tuple(d for d in (row.value() for row in self.decision_rows) if d is not None)
        answers = rv.ReviewAnswers(
            week_start=self._week,
            notes=self.notes.toPlainText(),
            decisions=decisions,
            **{key: edit.toPlainText() for key, edit in self.reflections.items()},
        )
        try:
            self._controller.save(answers)
            show_error(self.save_error, None)
        except UserError as exc:
            show_error(self.save_error, exc.message)

"""A thought record: the seven columns, the thinking-trap checklist, and moods before and after."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from plasticity_app.controller.learning import LearningController
from plasticity_app.domain import text
from plasticity_app.domain import thought_records as tr
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.thought_records import DISTORTIONS, MAX_MOODS, Mood, ThoughtRecord
from plasticity_app.ui.calendar_popup import calendar_popup
from plasticity_app.ui.dialog_guard import KeepsTypedWork
from plasticity_app.ui.learning_widgets import PercentField, TextBox, from_qdate, to_qdate
from plasticity_app.ui.style import (
    error_label,
    fit_to_screen,
    heading,
    make_primary,
    muted,
    show_error,
)

FIRST_MOOD_ROWS = 2


class MoodRow:
    """One mood: its name, how strong it was, and (column 7) how strong it is now."""

    def __init__(self, number: int) -> None:
        self.name = QLineEdit()
        self.name.setAccessibleName(f"Mood {number}")
        self.name.setPlaceholderText("One word, e.g. anxious" if number == 1 else "Another mood")
        self.name.setMaxLength(tr.MOOD_NAME_MAX + 10)
        self.before = PercentField(f"Mood {number}: how strong, 0 to 100 %")
        self.after_label = QLabel()
        self.after = PercentField(f"Mood {number} now, 0 to 100 %")


def _section(number: int, title: str, hint: str) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName("card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(14, 10, 14, 12)
    layout.setSpacing(6)
    layout.addWidget(heading(f"{number}  {title}", 3))
    if hint:
        layout.addWidget(muted(hint))
    return frame, layout


class ThoughtRecordDialog(KeepsTypedWork, QDialog):
    def __init__(
        self,
        controller: LearningController,
        record: ThoughtRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._record = record
        self._tried = False
        self._touched: set[str] = set()
        self.setWindowTitle(self.tr("Thought record") if record else self.tr("New thought record"))
        self.errors: dict[str, QLabel] = {}

        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 16, 16, 12)
        top = QHBoxLayout()
        intro = muted(
            self.tr(
                "Slow a hard moment down. Catch the thought, weigh the evidence like a fair "
                "friend would, and see how the mood shifts. Columns 1–3 are needed; fill in the "
                "rest when you can."
            )
        )
        top.addWidget(intro, 1)
        top.addWidget(QLabel(self.tr("Day")))
        self.day = QDateEdit()
        calendar_popup(self.day)
        self.day.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.LongFormat))
        self.day.setAccessibleName(self.tr("Day of the thought record"))
        today = controller.today()
        self.day.setMaximumDate(to_qdate(today))
        top.addWidget(self.day)
        outer.addLayout(top)
        outer.addWidget(self._error("day"))

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll, 1)
        page = QWidget()
        scroll.setWidget(page)
        columns = QHBoxLayout(page)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(12)
        left = QVBoxLayout()
        right = QVBoxLayout()
        left.setSpacing(10)
        right.setSpacing(10)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)

        # 1 Situation
        frame, box = _section(1, self.tr("Situation"), self.tr("Who, what, when, where?"))
        self.situation = TextBox(
            self.tr("Situation"), self.tr("e.g. Team meeting, Tuesday 10:00"), 2
        )
        box.addWidget(self.situation)
        box.addWidget(self._error("situation"))
        left.addWidget(frame)

        # 2 Moods
        frame, box = _section(
            2, self.tr("Moods"), self.tr("One word each, and how strong it was, 0 to 100 %.")
        )
        self.mood_grid = QGridLayout()
        self.mood_grid.setHorizontalSpacing(8)
        box.addLayout(self.mood_grid)
        self.mood_rows: list[MoodRow] = []
        self.add_mood_button = QPushButton(self.tr("Add another mood"))
        self.add_mood_button.setAccessibleName(self.tr("Add another mood"))
        box.addWidget(self.add_mood_button, 0, Qt.AlignmentFlag.AlignLeft)
        box.addWidget(self._error("moods"))
        left.addWidget(frame)

        # 3 Automatic thought + distortions
        frame, box = _section(
            3,
            self.tr("Automatic thought"),
            self.tr("What went through your mind? How much do you believe it, 0 to 100 %?"),
        )
        self.automatic_thought = TextBox(
            self.tr("Automatic thought"), self.tr("e.g. They think I’m not up to the job."), 2
        )
        box.addWidget(self.automatic_thought)
        box.addWidget(self._error("automatic_thought"))
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Belief in it")))
        self.thought_belief = PercentField(self.tr("Belief in the automatic thought, 0 to 100 %"))
        row.addWidget(self.thought_belief)
        row.addStretch(1)
        box.addLayout(row)
        box.addWidget(self._error("thought_belief"))
        box.addWidget(heading(self.tr("Thinking traps"), 3))
        box.addWidget(
            muted(self.tr("Tick any that fit (Burns’ ten). Hover over one for a reminder."))
        )
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        self.distortion_boxes: dict[str, QCheckBox] = {}
        for i, d in enumerate(DISTORTIONS):
            name, description = text.tr(d.label), text.tr(d.description)
            label = name if not d.group else f"{name} ({text.tr(d.group).lower()})"
            check = QCheckBox(label)
            check.setToolTip(description)
            check.setAccessibleName(name)
            check.setAccessibleDescription(description)
            self.distortion_boxes[d.key] = check
            grid.addWidget(check, i % 6, i // 6)
        box.addLayout(grid)
        box.addWidget(self._error("distortions"))
        left.addWidget(frame)
        left.addStretch(1)

        # 4, 5 Evidence
        frame, box = _section(
            4, self.tr("Evidence for the thought"), self.tr("Facts, not interpretations.")
        )
        self.evidence_for = TextBox(self.tr("Evidence for the thought"), "", 3)
        box.addWidget(self.evidence_for)
        box.addWidget(self._error("evidence_for"))
        right.addWidget(frame)
        frame, box = _section(
            5,
            self.tr("Evidence against the thought"),
            self.tr("What would a fair friend point out? What happened other times?"),
        )
        self.evidence_against = TextBox(self.tr("Evidence against the thought"), "", 3)
        box.addWidget(self.evidence_against)
        box.addWidget(self._error("evidence_against"))
        right.addWidget(frame)

        # 6 Balanced thought
        frame, box = _section(
            6,
            self.tr("Balanced thought"),
            self.tr("A view that fits all the evidence. How much do you believe it?"),
        )
        self.balanced_thought = TextBox(self.tr("Balanced thought"), "", 3)
        box.addWidget(self.balanced_thought)
        box.addWidget(self._error("balanced_thought"))
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Belief in it")))
        self.balanced_belief = PercentField(self.tr("Belief in the balanced thought, 0 to 100 %"))
        row.addWidget(self.balanced_belief)
        row.addStretch(1)
        box.addLayout(row)
        box.addWidget(self._error("balanced_belief"))
        right.addWidget(frame)

        # 7 Moods now
        frame, box = _section(
            7, self.tr("Moods now"), self.tr("Rate the same moods again, 0 to 100 %.")
        )
        self.after_grid = QGridLayout()
        self.after_grid.setHorizontalSpacing(12)
        self.after_grid.setColumnStretch(2, 1)
        box.addLayout(self.after_grid)
        self.after_empty = muted(self.tr("Name a mood in column 2 to rate it again here."))
        box.addWidget(self.after_empty)
        box.addWidget(self._error("moods_after"))
        right.addWidget(frame)
        right.addStretch(1)

        self.form_error = error_label()
        outer.addWidget(self.form_error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName(self.tr("Save the thought record"))
        make_primary(self.save_button)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(
            self.tr("Cancel")
        )
        outer.addWidget(self.buttons)

        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.add_mood_button.clicked.connect(lambda: self._add_mood_row(focus=True))
        for name in (
            "situation",
            "automatic_thought",
            "evidence_for",
            "evidence_against",
            "balanced_thought",
        ):
            getattr(self, name).textChanged.connect(lambda n=name: self._edited(n))
        self.thought_belief.textChanged.connect(lambda: self._edited("thought_belief"))
        self.balanced_belief.textChanged.connect(lambda: self._edited("balanced_belief"))
        self.day.dateChanged.connect(lambda: self._edited("day"))
        for check in self.distortion_boxes.values():
            check.toggled.connect(lambda _=False: self._edited("distortions"))

        self._load(record)
        fit_to_screen(self, 1040, 780)  # roomy where there is room; it scrolls inside

    # Building ----------------------------------------------------------------------------------
    def _error(self, name: str) -> QLabel:
        label = error_label()
        self.errors[name] = label
        return label

    def _add_mood_row(self, focus: bool = False) -> MoodRow | None:
        if len(self.mood_rows) >= MAX_MOODS:
            return None
        row = MoodRow(len(self.mood_rows) + 1)
        i = len(self.mood_rows)
        self.mood_grid.addWidget(row.name, i, 0)
        self.mood_grid.addWidget(row.before, i, 1)
        self.after_grid.addWidget(row.after_label, i, 0)
        self.after_grid.addWidget(row.after, i, 1)
        row.name.textChanged.connect(lambda: self._edited("moods"))
        row.before.textChanged.connect(lambda: self._edited("moods"))
        row.after.textChanged.connect(lambda: self._edited("moods_after"))
        self.mood_rows.append(row)
        self.add_mood_button.setEnabled(len(self.mood_rows) < MAX_MOODS)
        self._draw_after()
        self._tab_order()
        if focus:
            row.name.setFocus()
        return row

    def _tab_order(self) -> None:
        chain: list[QWidget] = [self.day, self.situation]
        for row in self.mood_rows:
            chain += [row.name, row.before]
        chain += [self.add_mood_button, self.automatic_thought, self.thought_belief]
        chain += list(self.distortion_boxes.values())
        chain += [self.evidence_for, self.evidence_against, self.balanced_thought]
        chain += [self.balanced_belief]
        chain += [row.after for row in self.mood_rows]
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)

    def _draw_after(self) -> None:
        named = 0
        for row in self.mood_rows:
            name = row.name.text().strip()
            try:
                before = row.before.value()
            except ValueError:
                before = None
            row.after_label.setText(
                name
                if before is None
                else self.tr("%1 (was %2 %)").replace("%1", name).replace("%2", str(before))
            )
            row.after_label.setVisible(bool(name))
            row.after.setVisible(bool(name))
            if name:
                row.after.setAccessibleName(self.tr("%s now, 0 to 100 %%") % name)
                named += 1
        self.after_empty.setVisible(named == 0)

    def _load(self, record: ThoughtRecord | None) -> None:
        today = self._controller.today()
        self.day.setDate(to_qdate(record.day if record else today))
        moods = list(record.moods) if record else []
        rows = max(FIRST_MOOD_ROWS, len(moods))
        for _ in range(rows):
            self._add_mood_row()
        after = {
            m.name.strip().casefold(): m.intensity for m in (record.moods_after if record else ())
        }
        for row, mood in zip(self.mood_rows, moods, strict=False):
            row.name.setText(mood.name)
            row.before.set_value(mood.intensity)
            row.after.set_value(after.get(mood.name.strip().casefold()))
        if record is not None:
            self.situation.setText(record.situation)
            self.automatic_thought.setText(record.automatic_thought)
            self.thought_belief.set_value(record.thought_belief)
            for key, check in self.distortion_boxes.items():
                check.setChecked(key in record.distortions)
            self.evidence_for.setText(record.evidence_for)
            self.evidence_against.setText(record.evidence_against)
            self.balanced_thought.setText(record.balanced_thought)
            self.balanced_belief.set_value(record.balanced_belief)
        self._touched.clear()
        self._draw_after()
        self._validate()
        self.situation.setFocus()

    # Validation and saving ---------------------------------------------------------------------
    def _edited(self, name: str) -> None:
        self._touched.add(name)
        if name == "moods":
            self._draw_after()
        show_error(self.form_error, None)
        self._validate()

    def _read(self) -> tuple[ThoughtRecord, dict[str, str]]:
        errors: dict[str, str] = {}

        def percent(field: PercentField, name: str) -> int | None:
            try:
                return field.value()
            except ValueError as exc:
                errors.setdefault(name, str(exc))
                return None

        moods = []
        moods_after = []
        for row in self.mood_rows:
            before = percent(row.before, "moods")
            after = percent(row.after, "moods_after") if row.after.isVisibleTo(self) else None
            name = row.name.text()
            moods.append(Mood(name.strip(), before))
            if name.strip() and after is not None:
                moods_after.append(Mood(name.strip(), after))
        record = ThoughtRecord(
            day=from_qdate(self.day.date()),
            situation=self.situation.text(),
            moods=tr.clean_moods(moods),
            automatic_thought=self.automatic_thought.text(),
            thought_belief=percent(self.thought_belief, "thought_belief"),
            distortions=tuple(k for k, c in self.distortion_boxes.items() if c.isChecked()),
            evidence_for=self.evidence_for.text(),
            evidence_against=self.evidence_against.text(),
            balanced_thought=self.balanced_thought.text(),
            balanced_belief=percent(self.balanced_belief, "balanced_belief"),
            moods_after=tuple(moods_after),
        )
        for key, message in tr.validate_thought_record(record, self._controller.today()).items():
            errors.setdefault(key, message)
        return record, errors

    def _validate(self) -> tuple[ThoughtRecord, dict[str, str]]:
        record, errors = self._read()
        for name, label in self.errors.items():
            shown = self._tried or name in self._touched or name == "day"
            show_error(label, errors.get(name) if shown else None)
        ok = not errors
        self.save_button.setEnabled(ok)
        self.save_button.setToolTip("" if ok else next(iter(errors.values())))
        return record, errors

    def keyPressEvent(self, event: object) -> None:
        from PySide6.QtGui import QKeyEvent

        if (
            isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.save()
            return
        super().keyPressEvent(event)  # type: ignore[arg-type]

    def save(self) -> None:
        self._tried = True
        record, errors = self._validate()
        if errors:
            first = next(iter(errors))
            widget = {
                "moods": self.mood_rows[0].name if self.mood_rows else None,
                "moods_after": None,
            }.get(first, getattr(self, first, None))
            if isinstance(widget, QWidget):
                widget.setFocus()
            return
        try:
            if self._record is None or self._record.id is None:
                self._controller.add_thought_record(record)
            else:
                self._controller.update_thought_record(self._record.id, record)
        except UserError as exc:
            show_error(self.errors.get(exc.field or "", self.form_error), exc.message)
            return
        self.accept()

"""The behavioural-experiment editor, in two phases: the plan, then the result."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from plasticity_app.controller.learning import LearningController
from plasticity_app.domain import experiments as ex
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.experiments import (
    Experiment,
    ExperimentPlan,
    ExperimentResult,
    ExperimentStatus,
    PredictionCameTrue,
)
from plasticity_app.domain.learning import SHORT_TEXT_MAX
from plasticity_app.ui import learning_widgets as lw
from plasticity_app.ui.calendar_popup import calendar_popup
from plasticity_app.ui.dialog_guard import ask_discard
from plasticity_app.ui.learning_widgets import PercentField, TextBox, from_qdate, to_qdate
from plasticity_app.ui.style import (
    accent,
    error_label,
    heading,
    is_dark,
    make_primary,
    muted,
    repolish,
    show_error,
)

PLAN_FIELDS = (
    "target_belief",
    "belief_before",
    "alternative_belief",
    "alternative_before",
    "plan",
    "safety_behaviours",
    "prediction",
    "how_to_know",
    "planned_date",
    "related_metric",
)
RESULT_FIELDS = (
    "done_date",
    "outcome",
    "prediction_came_true",
    "learned",
    "belief_after",
    "alternative_after",
)
ALWAYS_SHOWN = frozenset({"done_date", "planned_date"})


@dataclass
class _Checked:
    value: object
    errors: dict[str, str]


class Pages(QWidget):
    """Pages of which one shows at a time; the hidden one takes no room (unlike a stack)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._pages: list[QWidget] = []
        self._current = 0

    def addWidget(self, page: QWidget) -> None:
        self._pages.append(page)
        self._layout.addWidget(page)
        page.setVisible(len(self._pages) - 1 == self._current)

    def setCurrentIndex(self, index: int) -> None:
        self._current = index
        for i, page in enumerate(self._pages):
            page.setVisible(i == index)

    def currentIndex(self) -> int:
        return self._current

    def count(self) -> int:
        return len(self._pages)

    def widget(self, index: int) -> QWidget:
        return self._pages[index]


def _stacked(widget: QWidget, error: QLabel, hint: str = "") -> QWidget:
    """A field with its message underneath (and an optional hint), as one form row."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(widget, 0 if isinstance(widget, PercentField | QDateEdit | QComboBox) else 1)
    if isinstance(widget, PercentField | QDateEdit | QComboBox):
        row.addStretch(1)
    layout.addLayout(row)
    if hint:
        layout.addWidget(muted(hint))
    layout.addWidget(error)
    return box


class ExperimentEditor(QWidget):
    """Emits ``closed`` to go back to the list and ``saved(id)`` after each save."""

    closed = Signal()
    saved = Signal(int)

    def __init__(self, controller: LearningController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._experiment: Experiment | None = None
        self._touched: set[str] = set()
        self._tried = False
        self._loading = False
        self._snapshot: tuple[object, ...] = ()
        self.errors: dict[str, QLabel] = {}

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(10)
        top = QHBoxLayout()
        self.back_button = QPushButton(self.tr("← All experiments"))
        self.back_button.setAccessibleName(self.tr("Back to all experiments"))
        self.back_button.setToolTip(self.tr("Back to the list (Escape)"))
        top.addWidget(self.back_button)
        top.addStretch(1)
        self.badge = QLabel()
        self.badge.setObjectName("badge")
        top.addWidget(self.badge)
        outer.addLayout(top)
        self.title = heading("", 2)
        outer.addWidget(self.title)

        phases = QHBoxLayout()
        phases.setSpacing(0)
        self.plan_tab = QPushButton(self.tr("1  Plan"))
        self.result_tab = QPushButton(self.tr("2  Result"))
        self.phase_group = QButtonGroup(self)
        for i, button in enumerate((self.plan_tab, self.result_tab)):
            button.setCheckable(True)
            button.setObjectName("phase")
            button.setMinimumWidth(140)
            self.phase_group.addButton(button, i)
            phases.addWidget(button)
        self.plan_tab.setAccessibleName(self.tr("Phase 1: plan"))
        self.result_tab.setAccessibleName(self.tr("Phase 2: result"))
        phases.addStretch(1)
        outer.addLayout(phases)
        self._style_phases()
        self.phase_hint = muted("")
        outer.addWidget(self.phase_hint)

        self.stack = Pages()
        outer.addWidget(self.stack)
        self.stack.addWidget(self._build_plan())
        self.stack.addWidget(self._build_result())

        self.form_error = error_label()
        outer.addWidget(self.form_error)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save plan"))
        make_primary(self.save_button)
        self.save_button.setAccessibleName(self.tr("Save"))
        self.save_button.setDefault(True)
        buttons.addWidget(self.save_button)
        self.cancel_experiment_button = QPushButton(self.tr("Cancel this experiment"))
        self.cancel_experiment_button.setAccessibleName(self.tr("Cancel this experiment"))
        self.cancel_experiment_button.setToolTip(
            self.tr("Mark it as cancelled: it stays in your list and can be planned again.")
        )
        buttons.addWidget(self.cancel_experiment_button)
        self.plan_again_button = QPushButton(self.tr("Plan it again"))
        self.plan_again_button.setAccessibleName(self.tr("Plan it again"))
        self.plan_again_button.setToolTip(
            self.tr("Back to planned, for the day set under “Planned for”.")
        )
        buttons.addWidget(self.plan_again_button)
        buttons.addStretch(1)
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.setAccessibleName(self.tr("Delete this experiment"))
        buttons.addWidget(self.delete_button)
        outer.addLayout(buttons)
        self.shortcut_hint = muted(self.tr("Ctrl+Enter saves. Escape goes back to the list."))
        outer.addWidget(self.shortcut_hint)
        outer.addStretch(1)

        self.back_button.clicked.connect(self.request_close)
        self.phase_group.idClicked.connect(
            lambda i: self.show_phase("plan" if i == 0 else "result")
        )
        self.save_button.clicked.connect(self.save)
        self.cancel_experiment_button.clicked.connect(self._cancel_experiment)
        self.plan_again_button.clicked.connect(self._plan_again)
        self.delete_button.clicked.connect(self._delete)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.save)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.request_close)
        self._set_tab_order()

    # Building ----------------------------------------------------------------------------------
    def _style_phases(self) -> None:
        """The two phases read as one segmented control; the current one in the accent."""
        acc = accent()
        ink = "#0b0c0d" if is_dark() else "white"
        self.plan_tab.setStyleSheet(
            "QPushButton { border-top-right-radius: 0; border-bottom-right-radius: 0; }"
        )
        self.setStyleSheet(
            f"""
            QPushButton#phase {{
                padding: 6px 16px; border: 1px solid palette(mid); border-radius: 6px;
                background: palette(base);
            }}
            QPushButton#phase:checked {{
                background: {acc}; color: {ink}; border-color: {acc}; font-weight: bold;
            }}
            QPushButton#phase:disabled {{ color: palette(placeholder-text); }}
            QPushButton#phase:focus {{ border: 2px solid palette(text); }}
            """
        )

    def _error(self, name: str) -> QLabel:
        label = error_label()
        self.errors[name] = label
        return label

    def _build_plan(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setContentsMargins(0, 4, 0, 0)
        form.setVerticalSpacing(10)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.target_belief = QLineEdit()
        self.target_belief.setAccessibleName(self.tr("Belief to test"))
        self.target_belief.setPlaceholderText(
            self.tr("One sentence, e.g. “If I reach out, people will think I’m a nuisance.”")
        )
        self.target_belief.setMaxLength(SHORT_TEXT_MAX + 50)
        form.addRow(
            self.tr("Belief to test"), _stacked(self.target_belief, self._error("target_belief"))
        )
        self.belief_before = PercentField(self.tr("How much you believe it, 0 to 100 %"))
        form.addRow(
            self.tr("How much you believe it"),
            _stacked(self.belief_before, self._error("belief_before")),
        )
        self.alternative_belief = QLineEdit()
        self.alternative_belief.setAccessibleName(self.tr("Alternative belief (optional)"))
        self.alternative_belief.setPlaceholderText(
            self.tr("Optional: a kinder, more realistic view to test against it")
        )
        self.alternative_belief.setMaxLength(SHORT_TEXT_MAX + 50)
        form.addRow(
            self.tr("Alternative belief"),
            _stacked(self.alternative_belief, self._error("alternative_belief")),
        )
        self.alternative_before = PercentField(self.tr("How much you believe the alternative"))
        form.addRow(
            self.tr("…and how much you believe that"),
            _stacked(self.alternative_before, self._error("alternative_before")),
        )
        self.plan = TextBox(
            self.tr("What you will do"),
            self.tr("Small and specific: what, where, when, with whom."),
        )
        form.addRow(self.tr("What you will do"), _stacked(self.plan, self._error("plan")))
        self.safety_behaviours = TextBox(
            self.tr("Safety behaviours to drop"),
            self.tr(
                "What you usually do to feel safe: over-preparing, apologising, avoiding eye "
                "contact…"
            ),
            2,
        )
        form.addRow(
            self.tr("Safety behaviours to drop"),
            _stacked(self.safety_behaviours, self._error("safety_behaviours")),
        )
        self.prediction = TextBox(
            self.tr("Your prediction"), self.tr("What exactly do you expect to happen?"), 2
        )
        form.addRow(
            self.tr("Your prediction"), _stacked(self.prediction, self._error("prediction"))
        )
        self.how_to_know = TextBox(
            self.tr("How you will know"),
            self.tr("What would you see or hear if the prediction came true?"),
            2,
        )
        form.addRow(
            self.tr("How you will know"), _stacked(self.how_to_know, self._error("how_to_know"))
        )
        self.planned_date = QDateEdit()
        calendar_popup(self.planned_date)
        self.planned_date.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.LongFormat))
        self.planned_date.setAccessibleName(self.tr("Planned for"))
        form.addRow(
            self.tr("Planned for"), _stacked(self.planned_date, self._error("planned_date"))
        )
        self.related_metric = QComboBox()
        self.related_metric.setAccessibleName(self.tr("Related metric"))
        form.addRow(
            self.tr("Related metric"),
            _stacked(
                self.related_metric,
                self._error("related_metric"),
                self.tr("Optional: the daily outcome this experiment is about."),
            ),
        )
        for w in (
            self.target_belief,
            self.alternative_belief,
            self.belief_before,
            self.alternative_before,
        ):
            w.textChanged.connect(self._edited)
            w.returnPressed.connect(self.save)
        for box in (self.plan, self.safety_behaviours, self.prediction, self.how_to_know):
            box.textChanged.connect(self._edited)
        self.planned_date.dateChanged.connect(self._edited)
        self.related_metric.currentIndexChanged.connect(self._edited)
        return page

    def _build_result(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        self.recap = muted("")
        self.recap.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.recap)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(form)
        self.done_date = QDateEdit()
        calendar_popup(self.done_date)
        self.done_date.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.LongFormat))
        self.done_date.setAccessibleName(self.tr("Day you ran it"))
        form.addRow(self.tr("Day you ran it"), _stacked(self.done_date, self._error("done_date")))
        self.outcome = TextBox(
            self.tr("What happened"),
            self.tr("What actually happened? What did you notice, in yourself and in others?"),
        )
        form.addRow(self.tr("What happened"), _stacked(self.outcome, self._error("outcome")))
        came_true = QWidget()
        row = QHBoxLayout(came_true)
        row.setContentsMargins(0, 0, 0, 0)
        self.came_true_group = QButtonGroup(self)
        self.came_true_buttons: dict[PredictionCameTrue, QRadioButton] = {}
        for value in PredictionCameTrue:
            button = QRadioButton(self.tr(value.label))
            button.setAccessibleName(self.tr("Prediction came true: %s") % value.label.lower())
            self.came_true_group.addButton(button)
            self.came_true_buttons[value] = button
            row.addWidget(button)
            button.toggled.connect(self._edited)
        row.addStretch(1)
        form.addRow(
            self.tr("Did the prediction come true?"),
            _stacked(came_true, self._error("prediction_came_true")),
        )
        self.learned = TextBox(
            self.tr("What you learned"),
            self.tr("What does this mean for the belief? Does it need to change, and how?"),
        )
        form.addRow(self.tr("What you learned"), _stacked(self.learned, self._error("learned")))
        self.belief_after = PercentField(self.tr("How much you believe it now, 0 to 100 %"))
        form.addRow(
            self.tr("How much you believe it now"),
            _stacked(self.belief_after, self._error("belief_after")),
        )
        self.alternative_after_label = QLabel(self.tr("…and the alternative now"))
        self.alternative_after = PercentField(self.tr("How much you believe the alternative now"))
        self.alternative_after_row = _stacked(
            self.alternative_after, self._error("alternative_after")
        )
        form.addRow(self.alternative_after_label, self.alternative_after_row)
        for w in (self.belief_after, self.alternative_after):
            w.textChanged.connect(self._edited)
            w.returnPressed.connect(self.save)
        for box in (self.outcome, self.learned):
            box.textChanged.connect(self._edited)
        self.done_date.dateChanged.connect(self._edited)
        layout.addStretch(1)
        return page

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.back_button,
            self.plan_tab,
            self.result_tab,
            self.target_belief,
            self.belief_before,
            self.alternative_belief,
            self.alternative_before,
            self.plan,
            self.safety_behaviours,
            self.prediction,
            self.how_to_know,
            self.planned_date,
            self.related_metric,
            self.done_date,
            self.outcome,
            *self.came_true_buttons.values(),
            self.learned,
            self.belief_after,
            self.alternative_after,
            self.save_button,
            self.cancel_experiment_button,
            self.plan_again_button,
            self.delete_button,
        ]
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)

    # Loading -----------------------------------------------------------------------------------
    @property
    def experiment(self) -> Experiment | None:
        return self._experiment

    def start_new(self) -> None:
        """A blank plan, ready to type the belief."""
        self._experiment = None
        today = self._controller.today()
        self._load(None, today + timedelta(days=1))
        self.show_phase("plan")
        self.target_belief.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_experiment(self, experiment_id: int, phase: str | None = None) -> None:
        experiment = self._controller.experiment(experiment_id)
        self._experiment = experiment
        self._load(experiment, experiment.plan.planned_date)
        if phase is None:
            timing = experiment.timing(self._controller.today())
            phase = (
                "result"
                if experiment.status is ExperimentStatus.DONE
                or timing in (ex.Timing.DUE, ex.Timing.OVERDUE)
                else "plan"
            )
        self.show_phase(phase)
        first = self.outcome if self.phase() == "result" else self.target_belief
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _load(self, experiment: Experiment | None, planned: date) -> None:
        self._loading = True
        try:
            self._touched.clear()
            self._tried = False
            today = self._controller.today()
            plan = experiment.plan if experiment else None
            result = experiment.result if experiment else None
            self.target_belief.setText(plan.target_belief if plan else "")
            self.belief_before.set_value(plan.belief_before if plan else None)
            self.alternative_belief.setText(plan.alternative_belief if plan else "")
            self.alternative_before.set_value(plan.alternative_before if plan else None)
            self.plan.setText(plan.plan if plan else "")
            self.safety_behaviours.setText(plan.safety_behaviours if plan else "")
            self.prediction.setText(plan.prediction if plan else "")
            self.how_to_know.setText(plan.how_to_know if plan else "")
            self.planned_date.setDate(to_qdate(planned))
            self.related_metric.clear()
            self.related_metric.addItem(self.tr("None"), None)
            for metric in self._controller.metrics():
                if metric.archived and (plan is None or plan.related_metric_id != metric.id):
                    continue
                name = metric.name + (self.tr(" (archived)") if metric.archived else "")
                self.related_metric.addItem(name, metric.id)
            index = self.related_metric.findData(plan.related_metric_id if plan else None)
            self.related_metric.setCurrentIndex(max(0, index))
            done_day = result.done_date if result else today
            self.done_date.setMaximumDate(to_qdate(today))
            self.done_date.setDate(to_qdate(min(done_day, today)))
            self.outcome.setText(result.outcome if result else "")
            self.came_true_group.setExclusive(False)
            for value, button in self.came_true_buttons.items():
                button.setChecked(result is not None and result.prediction_came_true is value)
            self.came_true_group.setExclusive(True)
            self.learned.setText(result.learned if result else "")
            self.belief_after.set_value(result.belief_after if result else None)
            self.alternative_after.set_value(result.alternative_after if result else None)
            show_error(self.form_error, None)
        finally:
            self._loading = False
        self._snapshot = self._values()
        self._draw_state()
        self._validate()

    def _values(self) -> tuple[object, ...]:
        return (
            self.target_belief.text(),
            self.belief_before.text(),
            self.alternative_belief.text(),
            self.alternative_before.text(),
            self.plan.text(),
            self.safety_behaviours.text(),
            self.prediction.text(),
            self.how_to_know.text(),
            self.planned_date.date(),
            self.related_metric.currentData(),
            self.done_date.date(),
            self.outcome.text(),
            self._came_true(),
            self.learned.text(),
            self.belief_after.text(),
            self.alternative_after.text(),
        )

    def is_dirty(self) -> bool:
        return self._values() != self._snapshot

    def refresh(self) -> None:
        """Redraw after a change made elsewhere (for example Edit → Undo)."""
        if self._experiment is None:
            self._validate()
            return
        try:
            fresh = self._controller.experiment(self._experiment.id)
        except UserError:
            self._experiment = None
            self.closed.emit()
            return
        if fresh != self._experiment and not self.is_dirty():
            phase = self.phase()
            self._experiment = fresh
            self._load(fresh, fresh.plan.planned_date)
            self.show_phase(phase)
        else:
            self._experiment = fresh
            self._draw_state()
            self._validate()

    # State -------------------------------------------------------------------------------------
    def phase(self) -> str:
        return "plan" if self.stack.currentIndex() == 0 else "result"

    def show_phase(self, phase: str) -> None:
        if phase == "result" and not self.result_tab.isEnabled():
            phase = "plan"
        self.stack.setCurrentIndex(0 if phase == "plan" else 1)
        (self.plan_tab if phase == "plan" else self.result_tab).setChecked(True)
        self._draw_state()
        self._validate()

    def _draw_state(self) -> None:
        e = self._experiment
        today = self._controller.today()
        status = e.status if e else None
        if e is None:
            self.title.setText(self.tr("Plan a new experiment"))
            self.badge.setVisible(False)
        else:
            self.title.setText(f"“{ex.shorten(e.plan.target_belief, 90)}”")
            self.badge.setVisible(True)
            self.badge.setText(e.timing_text(today))
            self.badge.setProperty(
                "state",
                {
                    ExperimentStatus.DONE: "complete",
                    ExperimentStatus.CANCELLED: "locked",
                    ExperimentStatus.PLANNED: "active",
                }[e.status],
            )
            repolish(self.badge)
        self.title.setAccessibleName(self.title.text())
        can_result = e is not None and status is not ExperimentStatus.CANCELLED
        self.result_tab.setEnabled(can_result)
        self.result_tab.setToolTip(
            ""
            if can_result
            else self.tr("Save the plan first. Record the result after you’ve run it.")
            if e is None
            else self.tr("This experiment was cancelled. Plan it again to record a result.")
        )
        in_plan = self.phase() == "plan"
        if in_plan:
            self.phase_hint.setText(
                self.tr(
                    "Write down the belief and a small test that could prove it wrong. "
                    "You record the result after you’ve run it."
                )
            )
        else:
            self.phase_hint.setText(
                self.tr(
                    "Whatever happened is information. Write it down while it is fresh, then "
                    "re-rate the belief."
                )
            )
        if e is None:
            self.save_button.setText(self.tr("Save plan"))
        elif in_plan:
            self.save_button.setText(
                self.tr("Save plan")
                if status is ExperimentStatus.PLANNED
                else self.tr("Save changes")
            )
        else:
            self.save_button.setText(
                self.tr("Save outcome")
                if status is ExperimentStatus.PLANNED
                else self.tr("Save changes")
            )
        self.cancel_experiment_button.setVisible(status is ExperimentStatus.PLANNED)
        self.plan_again_button.setVisible(status is ExperimentStatus.CANCELLED)
        self.delete_button.setVisible(e is not None)
        has_alternative = bool(self.alternative_belief.text().strip()) or (
            e is not None and bool(e.plan.alternative_belief.strip())
        )
        self.alternative_after_label.setVisible(has_alternative)
        self.alternative_after_row.setVisible(has_alternative)
        if e is not None:
            lines = [
                self.tr("You believed “%1” at %2 %.")
                .replace("%1", e.plan.target_belief)
                .replace("%2", str(e.plan.belief_before))
            ]
            if e.plan.prediction.strip():
                lines.append(self.tr("You predicted: %s") % e.plan.prediction.strip())
            lines.append(self.tr("Planned for %s.") % lw.long_date(e.plan.planned_date))
            self.recap.setText("\n".join(lines))
        else:
            self.recap.setText("")

    def _came_true(self) -> PredictionCameTrue | None:
        for value, button in self.came_true_buttons.items():
            if button.isChecked():
                return value
        return None

    # Validation --------------------------------------------------------------------------------
    def _edited(self) -> None:
        if self._loading:
            return
        sender = self.sender()
        for name in PLAN_FIELDS + RESULT_FIELDS:
            widget = getattr(self, name, None)
            if widget is sender:
                self._touched.add(name)
        if sender in self.came_true_buttons.values():
            self._touched.add("prediction_came_true")
        if sender is self.alternative_belief:
            self._draw_state()
        show_error(self.form_error, None)
        self._validate()

    def _read_plan(self) -> _Checked:
        errors: dict[str, str] = {}
        before: int | None = None
        alternative: int | None = None
        try:
            before = self.belief_before.value()
        except ValueError as exc:
            errors["belief_before"] = str(exc)
        try:
            alternative = self.alternative_before.value()
        except ValueError as exc:
            errors["alternative_before"] = str(exc)
        plan = ExperimentPlan(
            target_belief=self.target_belief.text(),
            belief_before=before,  # type: ignore[arg-type]  # None is reported below
            plan=self.plan.text(),
            prediction=self.prediction.text(),
            planned_date=from_qdate(self.planned_date.date()),
            alternative_belief=self.alternative_belief.text(),
            alternative_before=alternative,
            safety_behaviours=self.safety_behaviours.text(),
            how_to_know=self.how_to_know.text(),
            related_metric_id=self.related_metric.currentData(),
        )
        done = (
            self._experiment.result.done_date
            if self._experiment and self._experiment.result
            else None
        )
        domain = ex.validate_plan(plan, self._controller.today(), done_date=done)
        for key, message in domain.items():
            errors.setdefault(key, message)
        return _Checked(plan, errors)

    def _read_result(self) -> _Checked:
        errors: dict[str, str] = {}
        after: int | None = None
        alternative: int | None = None
        try:
            after = self.belief_after.value()
        except ValueError as exc:
            errors["belief_after"] = str(exc)
        try:
            alternative = self.alternative_after.value()
        except ValueError as exc:
            errors["alternative_after"] = str(exc)
        result = ExperimentResult(
            outcome=self.outcome.text(),
            prediction_came_true=self._came_true(),
            belief_after=after,
            done_date=from_qdate(self.done_date.date()),
            learned=self.learned.text(),
            alternative_after=alternative if self.alternative_after_row.isVisibleTo(self) else None,
        )
        plan = self._experiment.plan if self._experiment else None
        if plan is not None:
            for key, message in ex.validate_result(plan, result, self._controller.today()).items():
                errors.setdefault(key, message)
        return _Checked(result, errors)

    def _validate(self) -> _Checked:
        checked = self._read_plan() if self.phase() == "plan" else self._read_result()
        fields = PLAN_FIELDS if self.phase() == "plan" else RESULT_FIELDS
        for name in PLAN_FIELDS + RESULT_FIELDS:
            message = checked.errors.get(name) if name in fields else None
            shown = self._tried or name in self._touched or name in ALWAYS_SHOWN
            show_error(self.errors[name], message if shown else None)
        ok = not checked.errors
        self.save_button.setEnabled(ok)
        first = next(iter(checked.errors.values()), "")
        self.save_button.setToolTip("" if ok else first)
        return checked

    # Actions -----------------------------------------------------------------------------------
    def save(self) -> None:
        """Save the phase on screen (Ctrl+Enter, Enter in a one-line field, or the button)."""
        self._tried = True
        checked = self._validate()
        if checked.errors:
            self._focus_field(next(iter(checked.errors)))
            return
        try:
            if self.phase() == "plan":
                plan = checked.value
                assert isinstance(plan, ExperimentPlan)
                if self._experiment is None:
                    saved_id = self._controller.plan_experiment(plan).id
                else:
                    saved_id = self._experiment.id
                    self._controller.update_plan(saved_id, plan)
            else:
                assert self._experiment is not None and isinstance(checked.value, ExperimentResult)
                saved_id = self._experiment.id
                self._controller.record_outcome(saved_id, checked.value)
        except UserError as exc:
            target = self.errors.get(exc.field or "", self.form_error)
            show_error(target, exc.message)
            return
        self._snapshot = self._values()
        self.saved.emit(saved_id)

    def _focus_field(self, name: str) -> None:
        widget = getattr(self, name, None)
        if name == "prediction_came_true":
            widget = next(iter(self.came_true_buttons.values()))
        if isinstance(widget, QWidget):
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def request_close(self) -> None:
        if self.is_dirty() and not ask_discard(self):
            return
        self.closed.emit()

    def _cancel_experiment(self) -> None:
        if self._experiment is None:
            return
        self._run(lambda eid: self._controller.cancel_experiment(eid))

    def _plan_again(self) -> None:
        if self._experiment is None:
            return
        day = from_qdate(self.planned_date.date())
        self._run(lambda eid: self._controller.plan_again(eid, day))

    def _delete(self) -> None:
        e = self._experiment
        if e is None:
            return
        if not lw.confirm(
            self,
            self.tr("Delete this experiment?"),
            self.tr("Delete the experiment “%s” with its plan and result?") % e.title,
            self.tr("Delete"),
        ):
            return
        self._run(lambda eid: self._controller.delete_experiment(eid))

    def _run(self, action: object) -> None:
        assert self._experiment is not None
        experiment_id = self._experiment.id
        try:
            action(experiment_id)  # type: ignore[operator]
        except UserError as exc:
            show_error(self.form_error, exc.message)
            return
        self._snapshot = self._values()
        self.saved.emit(experiment_id)

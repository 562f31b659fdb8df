"""Add or edit a habit: name, kind, unit, target ("at least N in P days", optional maximum) and,
for quantities, the daily range that makes a day count. Problems show at the field."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from plasticity_app.controller.habits import HabitsController
from plasticity_app.domain import dates
from plasticity_app.domain import habits as hb
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.habits import Habit, HabitKind, Target
from plasticity_app.ui.dialog_guard import KeepsTypedWork
from plasticity_app.ui.number_field import NumberField
from plasticity_app.ui.style import clear_when_edited, error_label, muted, show_error


class HabitDialog(KeepsTypedWork, QDialog):
    """Creating a habit (``habit`` None) or editing one (its kind can't change once created)."""

    def __init__(
        self,
        controller: HabitsController,
        habit: Habit | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._habit = habit
        self.saved_id: int | None = None
        self.setWindowTitle(self.tr("Edit habit") if habit else self.tr("New habit"))
        self.setMinimumWidth(460)
        root = QVBoxLayout(self)
        form = QFormLayout()
        root.addLayout(form)
        self.errors: dict[str, QLabel] = {}

        def field(label: str, widget: QWidget, key: str, description: str = "") -> None:
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(widget)
            err = error_label()
            box.addWidget(err)
            self.errors[key] = err
            clear_when_edited(err, widget)
            widget.setAccessibleName(label.replace("&", "").rstrip(":"))
            if description:
                widget.setAccessibleDescription(description)
            caption = QLabel(label)
            caption.setBuddy(widget)  # the mnemonic (Alt+N…) is drawn and works
            form.addRow(caption, box)

        self.name = QLineEdit()
        self.name.setMaxLength(hb.NAME_MAX_CHARS + 20)
        self.name.setPlaceholderText(self.tr("For example: Evening walk, Reading, Call a friend"))
        field(self.tr("&Name:"), self.name, "name")

        self.kind = QComboBox()
        for kind in HabitKind:
            self.kind.addItem(self.tr(kind.label), kind.value)
        field(
            self.tr("&Kind:"),
            self.kind,
            "kind",
            self.tr(
                "Yes / no: a tick. Quantity: an amount such as hours. Daily note: a few words."
            ),
        )

        self.unit = QLineEdit()
        self.unit.setPlaceholderText(self.tr("hours, pages, minutes…"))
        field(self.tr("&Unit:"), self.unit, "unit")

        target_row = QHBoxLayout()
        for key in ("times", "period_days", "max_times", "daily_min", "daily_max"):
            self.errors[key] = error_label()
        limit = hb.PERIOD_MAX_DAYS
        self.times = NumberField(
            1,
            limit,
            self.tr("Aim for 1 to {limit} times.").format(limit=limit),
            error=self.errors["times"],
        )
        self.times.setAccessibleName(self.tr("Times"))
        self.period = NumberField(
            1,
            limit,
            self.tr("The period goes from 1 to {limit} days.").format(limit=limit),
            error=self.errors["period_days"],
        )
        self.period.setAccessibleName(self.tr("Period in days"))
        self.use_max = QCheckBox(self.tr("at &most"))
        self.max_times = NumberField(
            1,
            limit,
            self.tr("The maximum goes from 1 to {limit}.").format(limit=limit),
            error=self.errors["max_times"],
        )
        self.max_times.setAccessibleName(self.tr("Maximum times"))
        target_row.addWidget(QLabel(self.tr("At least")))
        target_row.addWidget(self.times)
        target_row.addWidget(QLabel(self.tr("times in")))
        target_row.addWidget(self.period)
        target_row.addWidget(QLabel(self.tr("days,")))
        target_row.addWidget(self.use_max)
        target_row.addWidget(self.max_times)
        target_row.addStretch(1)
        target_box = QVBoxLayout()
        target_box.addLayout(target_row)
        for key in ("times", "period_days", "max_times"):
            target_box.addWidget(self.errors[key])  # the number fields redraw their own messages
        target_label = QLabel(self.tr("&Target:"))
        target_label.setBuddy(self.times)
        form.addRow(target_label, target_box)

        range_row = QHBoxLayout()
        self.use_min = QCheckBox(self.tr("from"))
        amount = self.tr("A daily amount goes from 0 to {limit}.").format(
            limit=dates.number(hb.QUANTITY_MAX, 0)
        )
        self.daily_min = NumberField(
            0, hb.QUANTITY_MAX, amount, decimals=True, error=self.errors["daily_min"]
        )
        self.use_daily_max = QCheckBox(self.tr("to"))
        self.daily_max = NumberField(
            0, hb.QUANTITY_MAX, amount, decimals=True, error=self.errors["daily_max"]
        )
        self.daily_min.setAccessibleName(self.tr("Daily minimum"))
        self.daily_max.setAccessibleName(self.tr("Daily maximum"))
        range_row.addWidget(self.use_min)
        range_row.addWidget(self.daily_min)
        range_row.addWidget(self.use_daily_max)
        range_row.addWidget(self.daily_max)
        range_row.addStretch(1)
        self.range_box = QWidget()
        range_layout = QVBoxLayout(self.range_box)
        range_layout.setContentsMargins(0, 0, 0, 0)
        range_layout.addLayout(range_row)
        range_layout.addWidget(muted(self.tr("A day counts when its amount is in this range.")))
        for key in ("daily_min", "daily_max"):
            range_layout.addWidget(self.errors[key])
        self.range_label = QLabel(self.tr("A day &counts:"))
        self.range_label.setBuddy(self.use_min)
        form.addRow(self.range_label, self.range_box)

        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(70)
        self.description.setPlaceholderText(self.tr("Optional: what it is and why it helps you."))
        field(self.tr("&Description:"), self.description, "description")

        self.reading = muted("")
        root.addWidget(self.reading)
        self.general_error = error_label()
        root.addWidget(self.general_error)
        clear_when_edited(
            self.general_error, self.name, self.kind, self.unit, self.description, self.times
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        root.addWidget(buttons)

        if habit is None:
            self.period.setValue(7)
            self.times.setValue(3)
            self.max_times.setValue(7)
        else:
            self.name.setText(habit.name)
            self.kind.setCurrentIndex(self.kind.findData(habit.kind.value))
            self.kind.setEnabled(False)
            self.unit.setText(habit.unit)
            t = habit.target
            self.times.setValue(t.times)
            self.period.setValue(t.period_days)
            self.use_max.setChecked(t.max_times is not None)
            self.max_times.setValue(t.max_times or t.times)
            self.use_min.setChecked(t.daily_min is not None)
            self.daily_min.setValue(t.daily_min)
            self.use_daily_max.setChecked(t.daily_max is not None)
            self.daily_max.setValue(t.daily_max)
            self.description.setPlainText(habit.description)
        for signal in (
            self.kind.currentIndexChanged,
            self.times.textChanged,
            self.period.textChanged,
            self.max_times.textChanged,
            self.daily_min.textChanged,
            self.daily_max.textChanged,
            self.use_max.toggled,
            self.use_min.toggled,
            self.use_daily_max.toggled,
            self.unit.textChanged,
        ):
            signal.connect(self._update)
        self._update()

    def kind_value(self) -> HabitKind:
        return HabitKind(self.kind.currentData())

    def _number_fields(self) -> dict[str, NumberField]:
        """The number fields in use, by their error key (unticked options don't count)."""
        quantity = self.kind_value() is HabitKind.QUANTITY
        fields = {"times": self.times, "period_days": self.period}
        if self.use_max.isChecked():
            fields["max_times"] = self.max_times
        if quantity and self.use_min.isChecked():
            fields["daily_min"] = self.daily_min
        if quantity and self.use_daily_max.isChecked():
            fields["daily_max"] = self.daily_max
        return fields

    def number_problems(self) -> dict[str, str]:
        """Numbers typed that can't be used: refused at their field, never clamped."""
        problems = {}
        for key, field in self._number_fields().items():
            problem = field.problem()
            if problem is not None:
                problems[key] = problem
        return problems

    def target(self) -> Target:
        """The target as typed; ``ValueError`` while a number field can't be used."""
        fields = self._number_fields()

        def read(key: str) -> float | None:
            field = fields.get(key)
            value = None if field is None else field.value()
            return None if value is None else float(value)

        return Target(
            int(read("times") or 0),
            int(read("period_days") or 0),
            None if read("max_times") is None else int(read("max_times") or 0),
            read("daily_min"),
            read("daily_max"),
        )

    def _update(self) -> None:
        quantity = self.kind_value() is HabitKind.QUANTITY
        self.range_box.setVisible(quantity)
        self.range_label.setVisible(quantity)
        self.unit.setEnabled(self.kind_value() is not HabitKind.NOTE)
        self.max_times.setEnabled(self.use_max.isChecked())
        self.daily_min.setEnabled(self.use_min.isChecked())
        self.daily_max.setEnabled(self.use_daily_max.isChecked())
        try:
            target = self.target()
        except ValueError:
            self.reading.setText("")
            return
        if not target.validate():
            self.reading.setText(
                self.tr("Reads as: %s") % target.describe(self.unit.text().strip())
            )
        else:
            self.reading.setText("")

    def _show_errors(self, errors: dict[str, str]) -> None:
        for key, label in self.errors.items():
            show_error(label, errors.get(key))
        unplaced = [m for k, m in errors.items() if k not in self.errors]
        show_error(self.general_error, "\n".join(unplaced) or None)

    def save(self) -> None:
        kind = self.kind_value()
        unit = self.unit.text() if kind is not HabitKind.NOTE else ""
        description = self.description.toPlainText()
        others = [h.name for h in self._controller.habits(include_archived=True)]
        errors = self.number_problems()
        if not errors:
            errors = hb.validate_habit(
                name=self.name.text(),
                kind=kind,
                unit=unit,
                target=self.target(),
                description=description,
                existing_names=others,
                current=self._habit.name if self._habit else None,
            )
        target = None if errors else self.target()
        if errors:
            self._show_errors(errors)
            first = next(iter(errors))
            widget = {
                "name": self.name,
                "unit": self.unit,
                "times": self.times,
                "period_days": self.period,
                "max_times": self.max_times,
                "daily_min": self.daily_min,
                "daily_max": self.daily_max,
                "description": self.description,
            }.get(first)
            if widget is not None:
                widget.setFocus()
            return
        assert target is not None
        try:
            if self._habit is None:
                self.saved_id = self._controller.add_habit(
                    self.name.text(), kind, unit=unit, target=target, description=description
                )
            else:
                self._controller.update_habit(
                    self._habit.id,
                    name=self.name.text(),
                    unit=unit,
                    target=target,
                    description=description,
                )
                self.saved_id = self._habit.id
        except UserError as error:
            self._show_errors({error.field or "general": error.message})
            return
        self.accept()

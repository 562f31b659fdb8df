"""Add or edit a habit: name, kind, unit, target ("at least N in P days", optional maximum) and,
for quantities, the daily range that makes a day count. Problems show at the field."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from plasticity_app.controller.habits import HabitsController
from plasticity_app.domain import habits as hb
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.habits import Habit, HabitKind, Target
from plasticity_app.ui.dialog_guard import KeepsTypedWork
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
        self.times = QSpinBox()
        self.times.setRange(1, hb.PERIOD_MAX_DAYS)
        self.times.setAccessibleName(self.tr("Times"))
        self.period = QSpinBox()
        self.period.setRange(0, hb.PERIOD_MAX_DAYS)
        self.period.setAccessibleName(self.tr("Period in days"))
        self.use_max = QCheckBox(self.tr("at &most"))
        self.max_times = QSpinBox()
        self.max_times.setRange(1, hb.PERIOD_MAX_DAYS)
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
            err = error_label()
            self.errors[key] = err
            target_box.addWidget(err)
            clear_when_edited(err, self.times, self.period, self.use_max, self.max_times)
        target_label = QLabel(self.tr("&Target:"))
        target_label.setBuddy(self.times)
        form.addRow(target_label, target_box)

        range_row = QHBoxLayout()
        self.use_min = QCheckBox(self.tr("from"))
        self.daily_min = QDoubleSpinBox()
        self.use_daily_max = QCheckBox(self.tr("to"))
        self.daily_max = QDoubleSpinBox()
        for spin, name in ((self.daily_min, "Daily minimum"), (self.daily_max, "Daily maximum")):
            spin.setRange(0, hb.QUANTITY_MAX)
            spin.setDecimals(2)
            spin.setAccessibleName(self.tr(name))
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
            err = error_label()
            self.errors[key] = err
            range_layout.addWidget(err)
            clear_when_edited(err, self.use_min, self.daily_min, self.use_daily_max, self.daily_max)
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
            self.daily_min.setValue(t.daily_min or 0.0)
            self.use_daily_max.setChecked(t.daily_max is not None)
            self.daily_max.setValue(t.daily_max or 0.0)
            self.description.setPlainText(habit.description)
        for signal in (
            self.kind.currentIndexChanged,
            self.times.valueChanged,
            self.period.valueChanged,
            self.max_times.valueChanged,
            self.daily_min.valueChanged,
            self.daily_max.valueChanged,
            self.use_max.toggled,
            self.use_min.toggled,
            self.use_daily_max.toggled,
            self.unit.textChanged,
        ):
            signal.connect(self._update)
        self._update()

    def kind_value(self) -> HabitKind:
        return HabitKind(self.kind.currentData())

    def target(self) -> Target:
        quantity = self.kind_value() is HabitKind.QUANTITY
        return Target(
            self.times.value(),
            self.period.value(),
            self.max_times.value() if self.use_max.isChecked() else None,
            self.daily_min.value() if quantity and self.use_min.isChecked() else None,
            self.daily_max.value() if quantity and self.use_daily_max.isChecked() else None,
        )

    def _update(self) -> None:
        quantity = self.kind_value() is HabitKind.QUANTITY
        self.range_box.setVisible(quantity)
        self.range_label.setVisible(quantity)
        self.unit.setEnabled(self.kind_value() is not HabitKind.NOTE)
        self.max_times.setEnabled(self.use_max.isChecked())
        self.daily_min.setEnabled(self.use_min.isChecked())
        self.daily_max.setEnabled(self.use_daily_max.isChecked())
        target = self.target()
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
        target = self.target()
        description = self.description.toPlainText()
        others = [h.name for h in self._controller.habits(include_archived=True)]
        errors = hb.validate_habit(
            name=self.name.text(),
            kind=kind,
            unit=unit,
            target=target,
            description=description,
            existing_names=others,
            current=self._habit.name if self._habit else None,
        )
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

"""Preferences: week start, baseline length, check-in reminder, theme. Each saves as you change it."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from plasticity_app.controller.settings import SettingsController
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.roadmap import BASELINE_DAYS_MAX, BASELINE_DAYS_MIN
from plasticity_app.domain.settings import (
    DAY_START_MAX,
    DAY_START_MIN,
    baseline_days_message,
    day_start_message,
)
from plasticity_app.ui.number_field import NumberField, with_unit
from plasticity_app.ui.style import error_label, muted, show_error

THEME_LABELS = (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark"))


class PreferencesDialog(QDialog):
    def __init__(self, controller: SettingsController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._loading = True
        self.setWindowTitle(self.tr("Preferences"))
        self.setMinimumWidth(480)
        settings = controller.get()
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setVerticalSpacing(10)

        self.first_weekday = QComboBox()
        locale = QLocale()
        for day in range(7):
            self.first_weekday.addItem(locale.dayName(day + 1), day)
        self.first_weekday.setCurrentIndex(settings.first_weekday)
        self.first_weekday.setAccessibleName(self.tr("First day of the week"))
        self.first_weekday.setAccessibleDescription(self.tr("Weekly reviews start on this day."))
        form.addRow(self.tr("First day of the week"), self.first_weekday)

        self.baseline_error = error_label()
        self.baseline_days = NumberField(
            BASELINE_DAYS_MIN, BASELINE_DAYS_MAX, baseline_days_message(), error=self.baseline_error
        )
        self.baseline_days.setValue(settings.baseline_days)
        self.baseline_days.setAccessibleName(self.tr("Baseline length"))
        self.baseline_days.setAccessibleDescription(
            self.tr("How many rated days each metric needs before the baseline is mapped.")
        )
        form.addRow(self.tr("Baseline length"), with_unit(self.baseline_days, self.tr("days")))
        form.addRow("", self.baseline_error)
        form.addRow("", muted(self.tr("Changing it later doesn’t undo a baseline already mapped.")))

        reminder_row = QHBoxLayout()
        self.reminder_on = QCheckBox(self.tr("Remind me to check in at"))
        self.reminder_on.setAccessibleName(self.tr("Daily check-in reminder"))
        self.reminder_time = QTimeEdit()
        self.reminder_time.setDisplayFormat(locale.timeFormat(QLocale.FormatType.ShortFormat))
        self.reminder_time.setAccessibleName(self.tr("Reminder time"))
        if settings.reminder_time:
            hours, minutes = (int(x) for x in settings.reminder_time.split(":"))
            self.reminder_time.setTime(QTime(hours, minutes))
            self.reminder_on.setChecked(True)
        else:
            self.reminder_time.setTime(QTime(20, 0))
        self.reminder_time.setEnabled(self.reminder_on.isChecked())
        reminder_row.addWidget(self.reminder_on)
        reminder_row.addWidget(self.reminder_time)
        reminder_row.addStretch(1)
        form.addRow(self.tr("Reminder"), reminder_row)
        form.addRow(
            "",
            muted(
                self.tr(
                    "A quiet notification while the app is open, only on days you haven’t "
                    "checked in yet."
                )
            ),
        )

        self.theme = QComboBox()
        for key, label in THEME_LABELS:
            self.theme.addItem(self.tr(label), key)
        self.theme.setCurrentIndex([k for k, _ in THEME_LABELS].index(settings.theme))
        self.theme.setAccessibleName(self.tr("Theme"))
        form.addRow(self.tr("Theme"), self.theme)

        self.day_start = NumberField(DAY_START_MIN, DAY_START_MAX, day_start_message())
        self.day_start.setValue(settings.day_start_hour)
        self.day_start.setAccessibleName(self.tr("A new day starts at"))
        self.day_start.setAccessibleDescription(
            self.tr("Check-ins before this hour count for the day before.")
        )
        form.addRow(
            self.tr("A new day starts"),
            with_unit(self.day_start, self.tr(":00 (hour, 0 to 6)"), self.tr("at")),
        )
        form.addRow("", self.day_start.error)
        layout.addLayout(form)
        self.extra = QVBoxLayout()  # encryption and other areas add their rows here
        layout.addLayout(self.extra)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.first_weekday.currentIndexChanged.connect(
            lambda: self._save("first_weekday", int(self.first_weekday.currentData()))
        )
        self.baseline_days.committed.connect(
            lambda v: self._save("baseline_days", int(v), self.baseline_error)
        )
        self.reminder_on.toggled.connect(self._reminder_changed)
        self.reminder_time.timeChanged.connect(self._reminder_changed)
        self.theme.currentIndexChanged.connect(self._theme_changed)
        self.day_start.committed.connect(
            lambda v: self._save("day_start_hour", int(v), self.day_start.error)
        )
        self._loading = False

    def reject(self) -> None:
        """Closing with a number that can't be used shows why first (nothing was saved from
        it); closing again leaves the earlier value in place."""
        fields = (self.baseline_days, self.day_start)
        refused = [f for f in fields if f.problem() is not None]
        if refused and not all(f.error.isVisible() for f in refused):
            for field in refused:
                field.check()
            refused[0].setFocus()
            return
        for field in fields:
            if field.problem() is None:
                field.commit()  # typed, then Escape without leaving the field: still saved
        super().reject()

    def _save(self, key: str, value: object, label: object = None) -> None:
        if self._loading:
            return
        target = label if label is not None else self.error
        try:
            self._controller.set(key, value, message=self.tr("Saved: preferences"))
            show_error(target, None)  # type: ignore[arg-type]
        except UserError as exc:
            show_error(target, exc.message)  # type: ignore[arg-type]

    def _reminder_changed(self) -> None:
        self.reminder_time.setEnabled(self.reminder_on.isChecked())
        value = self.reminder_time.time().toString("HH:mm") if self.reminder_on.isChecked() else ""
        self._save("reminder_time", value)

    def _theme_changed(self) -> None:
        from PySide6.QtWidgets import QApplication

        from plasticity_app.ui.style import apply_theme

        key = str(self.theme.currentData())
        self._save("theme", key)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, key)

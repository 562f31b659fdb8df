"""Add or edit an outcome metric: a preset or your own, with the direction that is better."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from plasticity_app.controller.metrics import MetricsController
from plasticity_app.domain import metrics as m
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.metrics import Direction, Metric
from plasticity_app.domain.text import tr
from plasticity_app.ui.dialog_guard import KeepsTypedWork
from plasticity_app.ui.style import error_label, muted, show_error


class MetricDialog(KeepsTypedWork, QDialog):
    def __init__(
        self,
        controller: MetricsController,
        metric: Metric | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._metric = metric
        self.setWindowTitle(self.tr("Edit metric") if metric else self.tr("Add a metric"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.addWidget(
            muted(
                self.tr(
                    "An outcome you rate from 0 to 10 once a day. Choose one that matters to you "
                    "and that you can judge in a few seconds."
                )
            )
        )
        form = QFormLayout()
        self.preset = QComboBox()
        self.preset.addItem(self.tr("My own…"), None)
        for preset in m.PRESETS:
            self.preset.addItem(tr(preset.name), preset)
        self.preset.setAccessibleName(self.tr("Preset"))
        if metric is None:
            form.addRow(self.tr("Start from"), self.preset)
        else:
            self.preset.hide()
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Metric name"))
        self.name.setPlaceholderText(self.tr("For example: Ease in conversations"))
        self.name.setMaxLength(m.NAME_MAX_CHARS + 20)
        self.name_error = error_label()
        form.addRow(self.tr("Name"), self.name)
        form.addRow("", self.name_error)
        self.description = QPlainTextEdit()
        self.description.setAccessibleName(self.tr("Description"))
        self.description.setPlaceholderText(self.tr("What does 0 mean, and what does 10 mean?"))
        self.description.setFixedHeight(72)
        self.description.setTabChangesFocus(True)
        form.addRow(self.tr("Description"), self.description)
        self.description_error = error_label()
        form.addRow("", self.description_error)
        direction_row = QHBoxLayout()
        self.higher_button = QRadioButton(self.tr("Higher is better"))
        self.lower_button = QRadioButton(self.tr("Lower is better"))
        self.higher_button.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.higher_button)
        group.addButton(self.lower_button)
        direction_row.addWidget(self.higher_button)
        direction_row.addWidget(self.lower_button)
        direction_row.addStretch(1)
        form.addRow(self.tr("Direction"), direction_row)
        layout.addLayout(form)
        self.form_error = error_label()
        layout.addWidget(self.form_error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        self.name.textChanged.connect(self._validate)
        self.description.textChanged.connect(self._validate)
        if metric is not None:
            self.name.setText(metric.name)
            self.description.setPlainText(metric.description)
            (
                self.higher_button if metric.direction is Direction.HIGHER else self.lower_button
            ).setChecked(True)
        self._validate()

    def _preset_chosen(self) -> None:
        preset = self.preset.currentData()
        if isinstance(preset, m.MetricPreset):
            self.name.setText(tr(preset.name))
            self.description.setPlainText(tr(preset.description))
            (
                self.higher_button if preset.direction is Direction.HIGHER else self.lower_button
            ).setChecked(True)

    def direction(self) -> Direction:
        return Direction.HIGHER if self.higher_button.isChecked() else Direction.LOWER

    def _validate(self) -> bool:
        others = [x.name for x in self._controller.all()]
        name_error = m.validate_metric_name(
            self.name.text(), others, current=self._metric.name if self._metric else None
        )
        if not self.name.text().strip():
            show_error(self.name_error, None)
        else:
            show_error(self.name_error, name_error)
        description_error = m.validate_description(self.description.toPlainText())
        show_error(self.description_error, description_error)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        ok = name_error is None and description_error is None
        save.setEnabled(ok)
        save.setToolTip("" if ok else (name_error or description_error or ""))
        return ok

    def _save(self) -> None:
        if not self._validate():
            return
        try:
            if self._metric is None:
                self._controller.add(
                    self.name.text(), self.direction(), self.description.toPlainText()
                )
            else:
                self._controller.edit(
                    self._metric.id,
                    name=self.name.text(),
                    direction=self.direction(),
                    description=self.description.toPlainText(),
                )
        except UserError as exc:
            target = {"name": self.name_error, "description": self.description_error}.get(
                exc.field or "", self.form_error
            )
            show_error(target, exc.message)
            return
        self.accept()

"""Log (or edit) a learning session: a therapy session, skills practice, or other learning."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from plasticity_app.controller.learning import LearningController
from plasticity_app.domain import learning as ln
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.learning import LearningSession, SessionKind
from plasticity_app.ui.calendar_popup import calendar_popup
from plasticity_app.ui.dialog_guard import KeepsTypedWork
from plasticity_app.ui.learning_widgets import TextBox, from_qdate, to_qdate, with_error
from plasticity_app.ui.number_field import OUT_OF_RANGE_PROPERTY
from plasticity_app.ui.style import error_label, make_primary, muted, show_error


class SessionDialog(KeepsTypedWork, QDialog):
    def __init__(
        self,
        controller: LearningController,
        session: LearningSession | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._session = session
        self._tried = False
        self.setWindowTitle(
            self.tr("Edit session") if session else self.tr("Log a learning session")
        )
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        layout.addWidget(
            muted(
                self.tr(
                    "Therapy (CBT, acceptance-based or another kind) and practising its skills "
                    "are where new thought–action patterns get rehearsed."
                )
            )
        )
        form = QFormLayout()
        self.day = QDateEdit()
        calendar_popup(self.day)
        self.day.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.LongFormat))
        self.day.setAccessibleName(self.tr("Day of the session"))
        self.day.setMaximumDate(to_qdate(controller.today()))
        self.day_error = error_label()
        form.addRow(self.tr("Day"), with_error(self.day, self.day_error))
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Kind of session"))
        for kind in SessionKind:
            self.kind.addItem(self.tr(kind.label), kind.value)
        form.addRow(self.tr("Kind"), self.kind)
        minutes_row = QHBoxLayout()
        self.minutes = QLineEdit()
        self.minutes.setAccessibleName(self.tr("Minutes"))
        self.minutes.setPlaceholderText("50")
        self.minutes.setProperty(OUT_OF_RANGE_PROPERTY, "2000")
        self.minutes.setFixedWidth(96)
        minutes_row.addWidget(self.minutes)
        minutes_row.addWidget(QLabel(self.tr("minutes")))
        minutes_row.addStretch(1)
        self.minutes_error = error_label()
        form.addRow(self.tr("Length"), with_error(minutes_row, self.minutes_error))
        self.notes = TextBox(
            self.tr("Notes"), self.tr("What did you work on? Anything to practise?"), 4
        )
        self.notes_error = error_label()
        form.addRow(self.tr("Notes"), with_error(self.notes, self.notes_error))
        layout.addLayout(form)
        self.form_error = error_label()
        layout.addWidget(self.form_error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName(self.tr("Save the session"))
        make_primary(self.save_button)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(
            self.tr("Cancel")
        )
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        today = controller.today()
        self.day.setDate(to_qdate(session.day if session else today))
        if session is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(SessionKind(session.kind).value)))
            self.minutes.setText(str(session.minutes))
            self.notes.setText(session.notes)
        for signal in (self.minutes.textChanged, self.notes.textChanged, self.day.dateChanged):
            signal.connect(self._validate)
        self._validate()
        self.minutes.setFocus() if session is None else self.notes.setFocus()

    def _read(self) -> tuple[LearningSession, dict[str, str]]:
        errors: dict[str, str] = {}
        minutes = 0
        try:
            minutes = ln.parse_minutes(self.minutes.text())
        except ValueError as exc:
            errors["minutes"] = str(exc)
        session = LearningSession(
            day=from_qdate(self.day.date()),
            kind=SessionKind(self.kind.currentData()),
            minutes=minutes or 1,
            notes=self.notes.text(),
        )
        for key, message in ln.validate_session(session, self._controller.today()).items():
            errors.setdefault(key, message)
        return session, errors

    def _validate(self) -> tuple[LearningSession, dict[str, str]]:
        session, errors = self._read()
        typed = self._tried or bool(self.minutes.text())
        show_error(self.minutes_error, errors.get("minutes") if typed else None)
        show_error(self.day_error, errors.get("day"))
        show_error(self.notes_error, errors.get("notes"))
        self.save_button.setEnabled(not errors)
        self.save_button.setToolTip(next(iter(errors.values()), ""))
        return session, errors

    def save(self) -> None:
        self._tried = True
        session, errors = self._validate()
        if errors:
            return
        try:
            if self._session is None or self._session.id is None:
                self._controller.log_session(session)
            else:
                self._controller.update_session(self._session.id, session)
        except UserError as exc:
            target = {
                "minutes": self.minutes_error,
                "day": self.day_error,
                "notes": self.notes_error,
            }.get(exc.field or "", self.form_error)
            show_error(target, exc.message)
            return
        self.accept()

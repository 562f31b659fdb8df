"""Step 2: decide about an opening. Either “not needed”, or log a clinician-guided one."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from plasticity_app.controller.learning import LearningController
from plasticity_app.domain import openings as op
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.openings import Opening, OpeningKind
from plasticity_app.ui.calendar_popup import calendar_popup
from plasticity_app.ui.dialog_guard import KeepsTypedWork
from plasticity_app.ui.learning_widgets import TextBox, from_qdatetime, to_qdatetime, with_error
from plasticity_app.ui.style import (
    error_label,
    fit_to_screen,
    heading,
    make_primary,
    muted,
    show_error,
)


class OpeningDialog(KeepsTypedWork, QDialog):
    """``choose=True`` first asks: log an opening, or mark step 2 as not needed."""

    def __init__(
        self,
        controller: LearningController,
        opening: Opening | None = None,
        parent: QWidget | None = None,
        *,
        choose: bool = False,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._opening = opening
        self.setWindowTitle(
            self.tr("Edit opening")
            if opening
            else self.tr("Decide about an opening")
            if choose
            else self.tr("Log an opening")
        )
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading(self.tr("A clinician-guided opening"), 2))
        layout.addWidget(
            muted(
                self.tr(
                    "Some treatments are thought to open a short window in which new learning "
                    "takes hold more easily. Step 2 is optional: many people go straight to "
                    "step 3."
                )
            )
        )
        caution = QFrame()
        caution.setObjectName("banner")
        caution_layout = QVBoxLayout(caution)
        caution_layout.setContentsMargins(12, 10, 12, 10)
        self.caution = QLabel(self.tr(op.CAUTION))
        self.caution.setWordWrap(True)
        caution_layout.addWidget(self.caution)
        layout.addWidget(caution)

        self.log_choice = QRadioButton(self.tr("Log an opening my clinician and I decided on"))
        self.log_choice.setAccessibleName(self.tr("Log an opening"))
        self.skip_choice = QRadioButton(self.tr("Not needed: go straight to step 3"))
        self.skip_choice.setAccessibleName(self.tr("Not needed"))
        group = QButtonGroup(self)
        group.addButton(self.log_choice)
        group.addButton(self.skip_choice)
        self.log_choice.setChecked(True)
        self.choice_box = QWidget()
        choice_layout = QVBoxLayout(self.choice_box)
        choice_layout.setContentsMargins(0, 0, 0, 0)
        choice_layout.addWidget(self.log_choice)
        choice_layout.addWidget(self.skip_choice)
        layout.addWidget(self.choice_box)
        self.choice_box.setVisible(choose and opening is None)

        self.form_box = QWidget()
        form = QFormLayout(self.form_box)
        form.setContentsMargins(0, 0, 0, 0)
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Kind of opening"))
        for kind in OpeningKind:
            self.kind.addItem(self.tr(kind.label), kind.value)
        form.addRow(self.tr("Kind"), self.kind)
        self.at = QDateTimeEdit()
        calendar_popup(self.at)
        self.at.setDisplayFormat(
            QLocale().dateFormat(QLocale.FormatType.LongFormat)
            + "  "
            + QLocale().timeFormat(QLocale.FormatType.ShortFormat)
        )
        self.at.setAccessibleName(self.tr("Date and time of the opening"))
        self.at_error = error_label()
        form.addRow(self.tr("Date and time"), with_error(self.at, self.at_error))
        # Between midnight and the day start, which journal day the moment counts for.
        self.at_note = muted("")
        self.at_note.setVisible(False)
        form.addRow("", self.at_note)
        self.clinician = QLineEdit()
        self.clinician.setAccessibleName(self.tr("Clinician"))
        self.clinician.setPlaceholderText(self.tr("Optional: who guided it"))
        self.clinician.setMaxLength(op.CLINICIAN_MAX + 20)
        self.clinician_error = error_label()
        form.addRow(self.tr("Clinician"), with_error(self.clinician, self.clinician_error))
        self.notes = TextBox(
            self.tr("Notes"),
            self.tr("Optional: what was decided, and how you plan to use the days after it"),
            4,
        )
        self.notes_error = error_label()
        form.addRow(self.tr("Notes"), with_error(self.notes, self.notes_error))
        self.pairing_hint = muted(
            self.tr(
                "After you log it, the Roadmap counts down a 72-hour pairing window. Log a "
                "therapy session, skills practice, an experiment or a thought record in it."
            )
        )
        form.addRow("", self.pairing_hint)
        layout.addWidget(self.form_box)
        self.skip_hint = muted(
            self.tr(
                "Step 2 is recorded as not needed with today’s date, and step 3 opens. You can "
                "still log an opening later if you and your clinician decide on one."
            )
        )
        layout.addWidget(self.skip_hint)

        self.form_error = error_label()
        layout.addWidget(self.form_error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        make_primary(self.save_button)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(
            self.tr("Cancel")
        )
        layout.addWidget(self.buttons)

        now = controller.now()
        self.at.setMaximumDateTime(to_qdatetime(now))
        if opening is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(OpeningKind(opening.kind).value)))
            self.at.setDateTime(to_qdatetime(opening.at))
            self.clinician.setText(opening.clinician)
            self.notes.setText(opening.notes)
        else:
            self.at.setDateTime(to_qdatetime(now.replace(second=0, microsecond=0)))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for button in (self.log_choice, self.skip_choice):
            button.toggled.connect(self._draw)
        self.at.dateTimeChanged.connect(self._validate)
        self.clinician.textChanged.connect(self._validate)
        self.notes.textChanged.connect(self._validate)
        self._draw()
        fit_to_screen(self)
        (self.log_choice if self.choice_box.isVisibleTo(self) else self.kind).setFocus(
            Qt.FocusReason.OtherFocusReason
        )

    def logging(self) -> bool:
        return not (self.choice_box.isVisibleTo(self) and self.skip_choice.isChecked())

    def _draw(self) -> None:
        logging = self.logging()
        self.form_box.setVisible(logging)
        self.skip_hint.setVisible(not logging)
        text = (
            (self.tr("Save changes") if self._opening else self.tr("Log opening"))
            if logging
            else self.tr("Mark as not needed")
        )
        self.save_button.setText(text)
        self.save_button.setAccessibleName(text)
        self._validate()

    def _read(self) -> tuple[Opening, dict[str, str]]:
        opening = Opening(
            kind=OpeningKind(self.kind.currentData()),
            at=from_qdatetime(self.at.dateTime()),
            clinician=self.clinician.text(),
            notes=self.notes.text(),
        )
        return opening, op.validate_opening(opening, self._controller.now())

    def _draw_at_note(self) -> None:
        note = self._controller.counts_for_note(from_qdatetime(self.at.dateTime()))
        self.at_note.setText(note)
        self.at_note.setVisible(bool(note) and self.logging())

    def _validate(self) -> dict[str, str]:
        self._draw_at_note()
        if not self.logging():
            for label in (self.at_error, self.clinician_error, self.notes_error):
                show_error(label, None)
            self.save_button.setEnabled(True)
            self.save_button.setToolTip("")
            return {}
        _opening, errors = self._read()
        show_error(self.at_error, errors.get("at"))
        show_error(self.clinician_error, errors.get("clinician"))
        show_error(self.notes_error, errors.get("notes"))
        self.save_button.setEnabled(not errors)
        self.save_button.setToolTip(next(iter(errors.values()), ""))
        return errors

    def save(self) -> None:
        try:
            if not self.logging():
                self._controller.mark_opening_not_needed()
            else:
                opening, errors = self._read()
                if errors:
                    self._validate()
                    return
                if self._opening is not None and self._opening.id is not None:
                    self._controller.update_opening(self._opening.id, opening)
                else:
                    self._controller.log_opening(opening)
        except UserError as exc:
            target = {
                "at": self.at_error,
                "clinician": self.clinician_error,
                "notes": self.notes_error,
            }.get(exc.field or "", self.form_error)
            show_error(target, exc.message)
            return
        self.accept()

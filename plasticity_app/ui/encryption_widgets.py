"""Preferences → Encryption: turn a passphrase on, change it, or turn it off."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from plasticity_app.controller.safety import SafetyController
from plasticity_app.db.cipher import validate_passphrase
from plasticity_app.domain.errors import UserError
from plasticity_app.ui.style import error_label, heading, muted, show_error

WARNING = (
    "If you forget the passphrase, your journal can’t be opened by anyone, including you. "
    "Write it down somewhere safe. It is never stored by the app."
)


class PassphraseForm(QDialog):
    """Asks for the current passphrase (``old``) and/or a new one twice (``new``)."""

    def __init__(
        self,
        safety: SafetyController,
        mode: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._safety = safety
        self.mode = mode
        titles = {
            "on": self.tr("Encrypt your journal"),
            "change": self.tr("Change the passphrase"),
            "off": self.tr("Turn encryption off"),
        }
        self.setWindowTitle(titles[mode])
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        if mode != "off":
            layout.addWidget(muted(self.tr(WARNING)))
        else:
            layout.addWidget(
                muted(
                    self.tr(
                        "Your journal will be stored without a passphrase again. Anyone with "
                        "access to this computer account could read the file."
                    )
                )
            )
        form = QFormLayout()
        layout.addLayout(form)
        self.old = QLineEdit()
        self.new = QLineEdit()
        self.repeat = QLineEdit()
        for edit, name in (
            (self.old, self.tr("Current passphrase")),
            (self.new, self.tr("New passphrase")),
            (self.repeat, self.tr("New passphrase again")),
        ):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setAccessibleName(name)
        if mode in ("change", "off"):
            form.addRow(self.tr("Current passphrase"), self.old)
        if mode in ("on", "change"):
            form.addRow(self.tr("New passphrase"), self.new)
            form.addRow(self.tr("Repeat it"), self.repeat)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def apply(self) -> None:
        delete = False
        if self.mode in ("on", "change") and self.ready():
            choice = self.ask_about_copies()
            if choice is None:
                return
            delete = choice
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # every file is rewritten
        try:
            self._change(delete)
        except UserError as exc:
            QApplication.restoreOverrideCursor()
            show_error(self.error, exc.message)
            target = self.old if exc.field == "old" else self.new
            if target.isVisible():
                target.setFocus()
                target.selectAll()
            return
        except BaseException:
            QApplication.restoreOverrideCursor()
            raise
        QApplication.restoreOverrideCursor()
        self.accept()

    def _change(self, delete: bool) -> None:
        if self.mode == "on":
            self._safety.turn_on_encryption(
                self.new.text(), self.repeat.text(), delete_unreadable=delete
            )
        elif self.mode == "change":
            self._safety.change_passphrase(
                self.old.text(), self.new.text(), self.repeat.text(), delete_unreadable=delete
            )
        else:
            self._safety.turn_off_encryption(self.old.text())

    def ready(self) -> bool:
        """The form is filled in well enough to be worth asking more (mistakes are said after)."""
        return validate_passphrase(self.new.text(), self.repeat.text()) is None

    def ask_about_copies(self) -> bool | None:
        """Copies of the journal set aside earlier: encrypt what can be read, and delete (True) or
        keep (False) what can't; None to cancel. True without asking when there are none."""
        copies = self._safety.copies_aside()
        if not copies:
            return True
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.windowTitle())
        box.setText(
            self.tr(
                "Your journal’s folder also holds %n copies of it set aside earlier "
                "(damaged, or kept before a repair).",
                "",
                len(copies),
            )
        )
        box.setInformativeText(
            self.tr(
                "Those that can still be read are encrypted too. Any that can’t be read can’t be "
                "encrypted: delete them, so nothing readable is left behind, or keep them "
                "unencrypted as they are?"
            )
        )
        box.setDetailedText("\n".join(str(path) for path in copies))
        delete = box.addButton(
            self.tr("Delete the unreadable ones"), QMessageBox.ButtonRole.AcceptRole
        )
        keep = box.addButton(self.tr("Keep them"), QMessageBox.ButtonRole.NoRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(delete)
        box.exec()
        clicked = box.clickedButton()
        if clicked is delete:
            return True
        if clicked is keep:
            return False
        return None


class EncryptionSection(QWidget):
    def __init__(self, safety: SafetyController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._safety = safety
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(heading(self.tr("Encryption"), 3))
        self.state = muted("")
        layout.addWidget(self.state)
        row = QHBoxLayout()
        self.on_button = QPushButton(self.tr("Encrypt with a passphrase…"))
        self.change_button = QPushButton(self.tr("Change passphrase…"))
        self.off_button = QPushButton(self.tr("Turn encryption off…"))
        for button in (self.on_button, self.change_button, self.off_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.on_button.clicked.connect(lambda: self.ask("on"))
        self.change_button.clicked.connect(lambda: self.ask("change"))
        self.off_button.clicked.connect(lambda: self.ask("off"))
        self.refresh()

    def refresh(self) -> None:
        available = self._safety.encryption_available()
        encrypted = self._safety.encrypted
        if encrypted:
            text = self.tr(
                "Your journal and its backups are encrypted. The app asks for the passphrase "
                "when it starts."
            )
        elif available:
            text = self.tr(
                "Your journal is stored unencrypted in a folder only your account can read. "
                "Add a passphrase to encrypt it and its backups."
            )
        else:
            text = self.tr(
                "Encryption needs SQLCipher, which isn’t available for this system "
                "(pip install sqlcipher3 may add it)."
            )
        self.state.setText(text)
        self.on_button.setVisible(not encrypted)
        self.on_button.setEnabled(available)
        self.change_button.setVisible(encrypted)
        self.off_button.setVisible(encrypted)

    def ask(self, mode: str) -> None:
        PassphraseForm(self._safety, mode, self).exec()
        self.refresh()

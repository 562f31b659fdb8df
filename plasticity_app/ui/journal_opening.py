"""Opening the journal in the window: one instance per data folder, the passphrase of an encrypted
journal, and a damaged file handled in plain words (moved aside, never overwritten; then the newest
good backup or a new journal, as the person chooses)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from plasticity_app import APP_NAME
from plasticity_app.db import backups as bk
from plasticity_app.db import cipher
from plasticity_app.db.database import JOURNAL_FILENAME, NotAJournalError, PassphraseNeededError
from plasticity_app.ui.instance_lock import LOCK_FILENAME, acquire_lock
from plasticity_app.ui.style import error_label, muted, show_error

__all__ = ["LOCK_FILENAME", "acquire_lock", "open_journal"]

if TYPE_CHECKING:
    from plasticity_app.controller.journal import Journal


class PassphraseDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, error: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unlock your journal"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("Your journal is encrypted. Enter its passphrase to open it."))
        )
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        layout.addWidget(self.passphrase)
        self.error = error_label()
        layout.addWidget(self.error)
        show_error(self.error, error or None)
        layout.addWidget(
            muted(
                self.tr(
                    "The passphrase is never stored. Without it the journal can’t be read, "
                    "not even by us."
                )
            )
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.passphrase.setFocus()


def ask_passphrase(parent: QWidget | None, error: str = "") -> str | None:
    dialog = PassphraseDialog(parent, error)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.passphrase.text()


def newest_good_backup(backup_dir: Path, passphrase: str | None) -> bk.BackupInfo | None:
    for backup in bk.BackupStore(backup_dir).all():
        if bk.check_file(backup.path, passphrase) is None:
            return backup
    return None


def recover(parent: QWidget | None, data_dir: Path, reason: str) -> bool:
    """The journal file can't be used: move it aside and let the person choose what comes next.
    Returns True when a journal is in place again (restored or new), False to quit."""
    path = data_dir / JOURNAL_FILENAME
    moved = bk.move_aside(path, datetime.now().replace(microsecond=0))
    backup = newest_good_backup(data_dir / bk.BACKUP_DIRNAME, None)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(APP_NAME)
    box.setText(box.tr("Your journal file couldn’t be opened: it looks damaged."))
    details = (
        box.tr(
            "Nothing has been deleted: the file was moved aside as\n%s\n\n"
            "You can go on from your newest good backup, or start a new journal."
        )
        % moved
    )
    box.setInformativeText(details + "\n\n" + reason)
    restore = None
    if backup is not None:
        when = f"{backup.made:%A} {backup.made.day} {backup.made:%B %Y, %H:%M}"
        restore = box.addButton(
            box.tr("Restore the backup from %s") % when, QMessageBox.ButtonRole.AcceptRole
        )
    new = box.addButton(box.tr("Start a new journal"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(box.tr("Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore or new)
    box.exec()
    clicked = box.clickedButton()
    if restore is not None and clicked is restore and backup is not None:
        bk.put_in_place(backup.path, path)
        return True
    return clicked is new


def open_journal(parent: QWidget | None, data_dir: Path) -> Journal | None:
    """The journal, unlocked and healthy, or None when the person chose to quit."""
    from plasticity_app.controller.journal import Journal

    passphrase: str | None = None
    error = ""
    while True:
        try:
            return Journal(data_dir, passphrase=passphrase)
        except (PassphraseNeededError, cipher.WrongPassphraseError) as exc:
            if isinstance(exc, cipher.WrongPassphraseError):
                error = exc.message
            passphrase = ask_passphrase(parent, error)
            if passphrase is None:
                return None
        except NotAJournalError as exc:
            if not recover(parent, data_dir, str(exc)):
                return None
            passphrase = None

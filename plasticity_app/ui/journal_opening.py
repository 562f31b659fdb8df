"""Opening the journal in the window: one instance per data folder, the passphrase of an encrypted
journal, and each thing that can stand in the way told apart in plain words:

- *in use* by another program: nothing is moved; the window waits, tries again by itself and names
  the program when it can;
- *damaged* or *empty*: the file is moved aside (never overwritten), then the newest good backup or
  a new journal, as the person chooses;
- a *stray write-ahead file* that doesn't belong to the journal: set aside (kept, with a copy of the
  journal) only when the person says so.

The default button is never one that loses anything."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
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
from plasticity_app.db import cipher, opening
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


def recover(parent: QWidget | None, data_dir: Path, reason: str, *, empty: bool = False) -> bool:
    """The journal file can't be used (damaged, or ``empty``): move it aside and let the person
    choose what comes next. Returns True when a journal is in place again (restored or new),
    False to quit."""
    path = data_dir / JOURNAL_FILENAME
    now = datetime.now().replace(microsecond=0)
    moved = bk.move_aside(path, now, "empty" if empty else "damaged")
    backup = newest_good_backup(data_dir / bk.BACKUP_DIRNAME, None)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(APP_NAME)
    if empty:
        box.setText(box.tr("Your journal file is empty, so there is nothing in it to open."))
        details = (
            box.tr(
                "Nothing has been deleted: the empty file was moved aside as\n%s\n\n"
                "You can go on from your newest good backup, or start a new journal."
            )
            % moved
        )
    else:
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


RETRY_MS = 2000  # how often the in-use message looks whether the other program let go


def wait_while_in_use(parent: QWidget | None, path: Path, error: opening.JournalInUseError) -> bool:
    """Another program holds the journal: say so (nothing is moved or changed) and wait. True to
    try opening again (the person chose to, or the file came free by itself), False to quit."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(APP_NAME)
    box.setText(box.tr("Your journal is in use by another program."))
    box.setInformativeText(
        error.message
        + "\n\n"
        + box.tr("This window tries again by itself as soon as the other program lets go.")
    )
    retry = box.addButton(box.tr("Try again"), QMessageBox.ButtonRole.AcceptRole)
    quit_button = box.addButton(box.tr("Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(retry)
    box.setEscapeButton(quit_button)
    timer = QTimer(box)
    timer.setInterval(RETRY_MS)

    def look_again() -> None:
        if opening.is_free(path):
            retry.click()

    timer.timeout.connect(look_again)
    timer.start()
    while True:
        box.exec()
        if box.clickedButton() is not retry:
            timer.stop()
            return False
        if opening.is_free(path):
            timer.stop()
            return True
        # Still held: say so at once rather than wait on it with the window blocked.
        box.setText(box.tr("Your journal is still in use by another program."))


def set_aside_stray_wal(parent: QWidget | None, path: Path, error: opening.StrayWalError) -> bool:
    """A write-ahead file beside the journal doesn't belong to it: explain, and set it aside (kept,
    with a copy of the journal as it is) only when the person says so. True to open the journal
    without it, False to quit with nothing changed."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(APP_NAME)
    box.setText(box.tr("A leftover file beside your journal doesn’t belong to it."))
    reasons = "\n".join("• " + opening.reason_text(key) for key in error.reasons)
    box.setInformativeText(
        box.tr(
            "SQLite keeps the latest changes to a journal in a file beside it "
            "(%1-wal) until it writes them into the journal. The one here was not written for "
            "your journal:\n%2\n\nApplying it could replace your entries with someone else’s "
            "or older ones, so it was not applied. Setting it aside keeps it, together with a "
            "copy of your journal as it is now, and opens your journal as it was last saved."
        )
        .replace("%1", path.name)
        .replace("%2", reasons)
    )
    aside = box.addButton(box.tr("Set it aside and open"), QMessageBox.ButtonRole.AcceptRole)
    quit_button = box.addButton(box.tr("Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(aside)
    box.setEscapeButton(quit_button)
    box.exec()
    if box.clickedButton() is not aside:
        return False
    opening.set_aside_wal(path, datetime.now().replace(microsecond=0))
    return True


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
        except opening.JournalInUseError as exc:
            if not wait_while_in_use(parent, data_dir / JOURNAL_FILENAME, exc):
                return None
        except opening.EmptyJournalError as exc:
            if not recover(parent, data_dir, str(exc), empty=True):
                return None
            passphrase = None
        except opening.StrayWalError as exc:
            if not set_aside_stray_wal(parent, data_dir / JOURNAL_FILENAME, exc):
                return None
        except NotAJournalError as exc:
            if not recover(parent, data_dir, str(exc)):
                return None
            passphrase = None

"""Keeping the journal safe: backups (automatic, by hand, restore) and passphrase encryption.

Restoring or changing encryption replaces the journal file, so the journal is closed, the file is
swapped safely and the journal reopened; views hear one ``changed`` signal with the area "restore"
and redraw from the new state (undo history starts afresh).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from plasticity_app.controller.base import Context
from plasticity_app.db import backups as bk
from plasticity_app.db import cipher, conversion
from plasticity_app.domain import dates
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.text import tr

Reopen = Callable[[str | None], None]
RETRY_BACKUP_AFTER = timedelta(minutes=5)


class SafetyController:
    AREA = "restore"

    def __init__(self, ctx: Context, journal_path: Path, backup_dir: Path, reopen: Reopen) -> None:
        self._ctx = ctx
        self._path = journal_path
        self.store = bk.BackupStore(backup_dir)
        self._reopen = reopen
        self._missed_at: datetime | None = None  # when the disk last refused the daily backup
        self._thread = threading.get_ident()
        ctx.hub.changed.connect(self._after_change)

    def _now(self) -> datetime:
        return self._ctx.clock.now().replace(microsecond=0)

    # Backups -----------------------------------------------------------------------------------
    def backups(self) -> list[bk.BackupInfo]:
        return self.store.all()

    def backup_now(self, reason: str = "manual") -> Path:
        """A backup by hand (File → Backups → Back up now), then the rotation."""
        try:
            path = self.store.make(self._ctx.db, reason, self._now())
        except OSError as exc:
            raise UserError(
                tr("The backup couldn’t be written: {reason}.").format(reason=exc.strerror or exc)
            ) from exc
        self._missed_at = None
        self.store.rotate(keep=path)
        self._ctx.hub.notify("backups", tr("Backed up to {path}").format(path=path.name))
        return path

    def backup_if_due(self) -> Path | None:
        """A backup when the newest is over a day old: at start and, once the disk refused one,
        after each saved action (so it is made as soon as there is room again; tried at most
        every few minutes). A refusal is said once in the status bar; the journal
        itself is fine."""
        now = self._now()
        if not self.store.due(now):
            return None
        if self._missed_at is not None and now - self._missed_at < RETRY_BACKUP_AFTER:
            return None
        try:
            path = self.store.make(self._ctx.db, "daily", now)
        except (UserError, OSError, sqlite3.DatabaseError) as exc:
            first = self._missed_at is None
            self._missed_at = now
            if first:
                message = exc.message if isinstance(exc, UserError) else str(exc)
                self._ctx.hub.notify("backups", message)
            return None
        if self._missed_at is not None:
            self._ctx.hub.notify(
                "backups", tr("The daily backup that couldn’t be made earlier is made now.")
            )
        self._missed_at = None
        self.store.rotate(keep=path)
        return path

    def _after_change(self, change: object) -> None:
        """After a saved action, the daily backup the disk refused earlier is tried again."""
        if self._missed_at is None or threading.get_ident() != self._thread:
            return
        if getattr(change, "area", None) not in ("backups", self.AREA):
            self.backup_if_due()

    def check(self) -> str | None:
        """None when the open journal passes the integrity check, else what is wrong."""
        result = self._ctx.db.quick_check()
        return None if result == "ok" else result

    def restore(self, backup: Path, passphrase: str | None = None) -> Path:
        """Put a backup in place of the journal, after backing up the journal as it is now.
        Returns the safety backup's path (so the person can go back).

        The backup may be plain or encrypted whatever the journal is now: it is restored in the
        journal's present state. An encrypted backup the journal's passphrase doesn't open needs
        its own (``passphrase``); without it :class:`BackupPassphraseNeededError` asks for it."""
        current = self._ctx.db.passphrase
        key = self._backup_key(backup, passphrase)
        problem = bk.check_file(backup, key)
        if problem:
            raise UserError(
                tr("That backup can’t be restored: {problem} Your journal is unchanged.").format(
                    problem=problem
                )
            )
        safety = self.store.make(self._ctx.db, "before-restore", self._now())
        self._ctx.db.close()
        try:
            if key == current:
                bk.put_in_place(backup, self._path)
            else:  # made in the other state: converted to the journal's own on the way in
                conversion.restore_copy(backup, key, self._path, current)
        finally:
            self._reopen(current)
        made = bk.BackupStore(backup.parent).all()
        when = next((b.made for b in made if b.path == backup), None)
        label = dates.full_moment(when) if when else backup.name
        self._ctx.hub.notify(
            self.AREA,
            tr("Restored the backup from {label}; the journal before it is backed up too").format(
                label=label
            ),
        )
        return safety

    def _backup_key(self, backup: Path, passphrase: str | None) -> str | None:
        """The key that reads ``backup``: None for a plain one."""
        if conversion.is_plain(backup) or not backup.is_file():
            return None
        cipher.require_available()
        cipher.keep_out_of_core_dumps()
        current = self._ctx.db.passphrase
        for key in (passphrase, current):
            if key is not None and conversion.opens_with(backup, key):
                return key
        if passphrase is not None:
            raise cipher.WrongPassphraseError(
                tr("That passphrase doesn’t open this backup. Check it and try again."),
                "passphrase",
            )
        raise BackupPassphraseNeededError(
            tr("This backup is encrypted with another passphrase. Enter the one it was made with.")
            if current is not None
            else tr("This backup is encrypted. Enter the passphrase it was made with."),
            "passphrase",
        )

    # Encryption --------------------------------------------------------------------------------
    @property
    def encrypted(self) -> bool:
        return self._ctx.db.passphrase is not None

    @staticmethod
    def encryption_available() -> bool:
        return cipher.available()

    def copies_aside(self) -> list[Path]:
        """Copies of the journal set aside earlier (damaged, or kept before a repair): turning
        encryption on (or changing the passphrase) encrypts those that can be read, and asks
        before deleting the others."""
        return conversion.set_aside(self._path.parent)

    def turn_on_encryption(
        self, passphrase: str, repeated: str, *, delete_unreadable: bool = False
    ) -> conversion.Outcome:
        """Encrypt the journal, every backup and every readable copy set aside, all or nothing.
        A copy set aside that can't be read is deleted when ``delete_unreadable`` (asked first)."""
        error = cipher.validate_passphrase(passphrase, repeated)
        if error:
            raise UserError(error, "passphrase")
        if self.encrypted:
            raise UserError(tr("Your journal is already encrypted."))
        cipher.require_available()
        cipher.keep_out_of_core_dumps()
        self.store.make(self._ctx.db, "before-encryption", self._now())
        outcome = self._change(None, passphrase, delete_unreadable)
        self._ctx.hub.notify(self.AREA, tr("Your journal is now encrypted with your passphrase"))
        return outcome

    def change_passphrase(
        self, old: str, new: str, repeated: str, *, delete_unreadable: bool = False
    ) -> conversion.Outcome:
        if not self.encrypted:
            raise UserError(tr("Your journal isn’t encrypted."))
        if old != self._ctx.db.passphrase:
            raise cipher.WrongPassphraseError(tr("That isn’t the current passphrase."), "old")
        error = cipher.validate_passphrase(new, repeated)
        if error:
            raise UserError(error, "passphrase")
        outcome = self._change(old, new, delete_unreadable)
        self._ctx.hub.notify(self.AREA, tr("Your passphrase is changed"))
        return outcome

    def turn_off_encryption(self, passphrase: str) -> conversion.Outcome:
        """Decrypt the journal, every backup and every copy set aside that the passphrase opens."""
        if not self.encrypted:
            raise UserError(tr("Your journal isn’t encrypted."))
        if passphrase != self._ctx.db.passphrase:
            raise cipher.WrongPassphraseError(tr("That isn’t the current passphrase."), "old")
        outcome = self._change(passphrase, None, False)
        self._ctx.hub.notify(self.AREA, tr("Encryption is off, for your journal and its backups"))
        return outcome

    def _change(self, key: str | None, new_key: str | None, delete: bool) -> conversion.Outcome:
        """Close, convert every file, reopen: in the new state if it worked, else as before."""
        self._ctx.db.close()
        try:
            outcome = conversion.change(self._path.parent, key, new_key, delete_unreadable=delete)
        except BaseException:
            self._reopen_either(key, new_key)
            raise
        self._reopen(new_key)
        return outcome

    def _reopen_either(self, key: str | None, new_key: str | None) -> None:
        """After a failed change: finish or undo what was begun, then open in whichever state the
        journal is in."""
        conversion.recover(self._path.parent)
        self._reopen(new_key if cipher.is_encrypted(self._path) == (new_key is not None) else key)


class BackupPassphraseNeededError(UserError):
    """The backup is encrypted with a passphrase this journal doesn't have: ask for it."""

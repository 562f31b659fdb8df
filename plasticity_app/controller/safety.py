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
from plasticity_app.db import cipher
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

    def restore(self, backup: Path) -> Path:
        """Put a backup in place of the journal, after backing up the journal as it is now.
        Returns the safety backup's path (so the person can go back)."""
        problem = bk.check_file(backup, self._ctx.db.passphrase)
        if problem:
            raise UserError(
                tr("That backup can’t be restored: {problem} Your journal is unchanged.").format(
                    problem=problem
                )
            )
        safety = self.store.make(self._ctx.db, "before-restore", self._now())
        passphrase = self._ctx.db.passphrase
        self._ctx.db.close()
        try:
            bk.put_in_place(backup, self._path)
        finally:
            self._reopen(passphrase)
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

    # Encryption --------------------------------------------------------------------------------
    @property
    def encrypted(self) -> bool:
        return self._ctx.db.passphrase is not None

    @staticmethod
    def encryption_available() -> bool:
        return cipher.available()

    def turn_on_encryption(self, passphrase: str, repeated: str) -> None:
        error = cipher.validate_passphrase(passphrase, repeated)
        if error:
            raise UserError(error, "passphrase")
        if self.encrypted:
            raise UserError(tr("Your journal is already encrypted."))
        cipher.require_available()
        self.store.make(self._ctx.db, "before-encryption", self._now())
        self._swap(None, lambda: cipher.encrypt_file(self._path, passphrase), passphrase)
        self._encrypt_backups(passphrase)
        self._ctx.hub.notify(self.AREA, tr("Your journal is now encrypted with your passphrase"))

    def change_passphrase(self, old: str, new: str, repeated: str) -> None:
        if not self.encrypted:
            raise UserError(tr("Your journal isn’t encrypted."))
        if old != self._ctx.db.passphrase:
            raise cipher.WrongPassphraseError(tr("That isn’t the current passphrase."), "old")
        error = cipher.validate_passphrase(new, repeated)
        if error:
            raise UserError(error, "passphrase")
        self._swap(old, lambda: cipher.rekey_file(self._path, old, new), new)
        self._encrypt_backups(new, old)
        self._ctx.hub.notify(self.AREA, tr("Your passphrase is changed"))

    def turn_off_encryption(self, passphrase: str) -> None:
        if not self.encrypted:
            raise UserError(tr("Your journal isn’t encrypted."))
        if passphrase != self._ctx.db.passphrase:
            raise cipher.WrongPassphraseError(tr("That isn’t the current passphrase."), "old")
        self._swap(passphrase, lambda: cipher.decrypt_file(self._path, passphrase), None)
        self._ctx.hub.notify(
            self.AREA,
            tr("Encryption is off. Your backups stay encrypted with your old passphrase"),
        )

    def _swap(self, current: str | None, change: Callable[[], None], after: str | None) -> None:
        """Close, change the file, reopen: with the new passphrase if it worked, else as before."""
        self._ctx.db.close()
        try:
            change()
        except BaseException:
            self._reopen(current)
            raise
        self._reopen(after)

    def _encrypt_backups(self, passphrase: str, old: str | None = None) -> None:
        """Backups are encrypted too: re-key (or encrypt) each one; any that can't be is left
        as it was (nothing is deleted)."""
        for backup in self.store.all():
            try:
                if not cipher.looks_encrypted(backup.path):
                    cipher.encrypt_file(backup.path, passphrase)
                    cipher.remove_marker(backup.path)
                elif old is not None:
                    cipher.rekey_file(backup.path, old, passphrase)
            except Exception:  # keep going: a backup that can't be changed is kept as it was
                continue

"""Opening the journal file: SQLite through peewee, WAL, foreign keys, synchronous=FULL."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import peewee as pw

from plasticity_app.db import migrations, opening
from plasticity_app.db.faults import (
    WriteRefusedError,
    action_refused,
    atomic_file,
    backup_refused,
    open_refused,
    private_file,
    remove_quietly,
)
from plasticity_app.db.records import database_proxy
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.text import tr

__all__ = [
    "JOURNAL_FILENAME",
    "Database",
    "NotAJournalError",
    "PassphraseNeededError",
    "WriteRefusedError",
    "private_file",
]

JOURNAL_FILENAME = "journal.sqlite3"

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": 2,  # FULL: a committed check-in survives a power cut
    "busy_timeout": 5000,
}


class NotAJournalError(Exception):
    """The file exists but is not a readable SQLite database, or it is damaged."""


class PassphraseNeededError(UserError):
    """The journal is encrypted: open it with its passphrase."""


class Database:
    """One open journal file. Models in ``records`` are bound to it while it is open."""

    def __init__(
        self, path: Path, *, backup_dir: Path | None = None, passphrase: str | None = None
    ) -> None:
        from plasticity_app.db import cipher

        self.path = path
        self.passphrase = passphrase
        self.identity = 0  # the journal's random identity (see db.opening), once it is open
        self._registered = False
        is_new = not path.exists()
        if passphrase is not None or (not is_new and cipher.is_encrypted(path)):
            cipher.keep_out_of_core_dumps()  # from before the passphrase is typed, for good
        if passphrase is None and not is_new and cipher.is_encrypted(path):
            raise PassphraseNeededError(
                tr("This journal is encrypted. Enter its passphrase to open it."), "passphrase"
            )
        if passphrase is not None:
            cipher.require_available()
            from playhouse.sqlcipher_ext import SqlCipherDatabase

            self.peewee = SqlCipherDatabase(
                str(path), passphrase=passphrase, pragmas=PRAGMAS, autoconnect=False
            )
        else:
            self.peewee = pw.SqliteDatabase(str(path), pragmas=PRAGMAS, autoconnect=False)
        try:
            self.peewee.connect()
            conn = self.connection
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            damage = "ok" if is_new else conn.execute("PRAGMA quick_check").fetchone()[0]
        except Exception as exc:  # sqlite3 or sqlcipher3 DatabaseError
            self.peewee.close()
            if opening.is_locked_error(exc):  # in use by another program, not damaged
                raise opening.in_use_error(path) from exc
            refused = action_refused(exc) if is_new else open_refused(exc)
            if refused is not None:  # the disk refused, the file is not damaged: never moved
                if is_new:  # a new journal the disk refused: nothing is left of it
                    remove_quietly(path)
                raise refused from exc
            if passphrase is not None and "not a database" in str(exc):
                raise cipher.WrongPassphraseError(
                    tr(
                        "That passphrase doesn’t open this journal. Check it and try again "
                        "(capital letters count)."
                    ),
                    "passphrase",
                ) from exc
            if isinstance(exc, pw.DatabaseError | sqlite3.DatabaseError) or passphrase:
                raise NotAJournalError(
                    tr("{path} is not a journal file SQLite can read ({exc}).").format(
                        path=path.name, exc=exc
                    )
                ) from exc
            raise
        if damage != "ok":
            self.peewee.close()
            raise NotAJournalError(
                tr("{path} is damaged (the integrity check says: {damage}).").format(
                    path=path.name, damage=damage
                )
            )
        if is_new:
            private_file(path)
        database_proxy.initialize(self.peewee)

        def before_migrate(old: int, new: int) -> None:
            if backup_dir is not None:
                stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
                self.backup_to(backup_dir / f"journal-{stamp}-before-schema-{new}.sqlite3")

        try:
            self.applied = migrations.migrate(conn, before=before_migrate)
            self.identity = opening.ensure_identity(conn)
        except Exception as exc:
            self.close()
            if is_new:  # a journal that couldn't be set up is not left behind half-made
                remove_quietly(path)
            if opening.is_locked_error(exc):  # another program holds it: in use, not refused
                raise opening.in_use_error(path) from exc
            refused = action_refused(exc)
            if refused is None or isinstance(exc, UserError):
                raise
            raise refused from exc
        opening.opened(path)
        self._registered = True
        for suffix in ("", "-wal", "-shm"):
            private_file(Path(str(path) + suffix))

    @property
    def connection(self) -> sqlite3.Connection:
        conn: sqlite3.Connection = self.peewee.connection()
        return conn

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One user action: everything inside commits together or not at all.

        When the disk refuses the write (full, read-only, failing), the action is rolled back and
        a :class:`WriteRefusedError` says so in plain words; the journal stays as it was.
        """
        try:
            with self.peewee.atomic():
                yield
                opening.stamp_identity(self.connection, self.identity)  # page 1 in every WAL
        except Exception as exc:
            # Read the whole chain: on a full disk SQLite has already rolled back, so peewee's
            # own ROLLBACK fails and its "no transaction is active" hides the real reason.
            refused = action_refused(exc)
            if refused is None:
                raise
            raise refused from exc

    @contextmanager
    def thread_connection(self) -> Iterator[None]:
        """For work on another thread: its own connection (same pragmas), closed afterwards."""
        opened = self.peewee.connect(reuse_if_open=True)
        try:
            yield
        finally:
            if opened:
                self.peewee.close()

    def rows_written(self) -> int:
        """Rows inserted, changed or deleted through this thread's connection since it opened
        (rolled-back ones included)."""
        return int(self.connection.total_changes)

    def quick_check(self) -> str:
        row = self.connection.execute("PRAGMA quick_check").fetchone()
        return str(row[0])

    def backup_to(self, target: Path) -> None:
        """A consistent copy through SQLite's online backup API (encrypted with the same
        passphrase, through SQLCipher's export, when the journal is encrypted).

        Written whole or not at all: on a full disk no empty or partial backup is left behind,
        and the plain :class:`WriteRefusedError` says the backup wasn't made."""
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with atomic_file(target, refused=backup_refused) as partial:
            if self.passphrase is not None:
                from plasticity_app.db import cipher

                cipher.export_copy(self.connection, partial, self.passphrase)
            else:
                dest = sqlite3.connect(str(partial))
                try:
                    self.connection.backup(dest)
                    dest.execute("PRAGMA journal_mode=DELETE")  # one file: no -wal/-shm on reading
                finally:
                    dest.close()

    def close(self) -> None:
        if not self.peewee.is_closed():
            self.peewee.close()
        if self._registered:
            self._registered = False
            opening.closed(self.path)
        if database_proxy.obj is self.peewee:
            database_proxy.initialize(None)

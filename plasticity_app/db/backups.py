"""Backup files beside the journal: made with SQLite's online backup API (SQLCipher's export when the
journal is encrypted), rotated by the domain's policy, checked before they are trusted, and swapped in
safely on restore. A damaged journal is moved aside, never overwritten or deleted."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from plasticity_app.db import cipher
from plasticity_app.db.database import Database, private_file
from plasticity_app.domain import backup_policy as bp
from plasticity_app.domain.text import tr

BACKUP_DIRNAME = "backups"
MIN_DATABASE_SIZE = 512  # SQLite's smallest page: a journal file is at least one page long


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made: datetime
    reason: str
    label: str
    size: int

    @property
    def name(self) -> str:
        return self.path.name


class BackupStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _names(self) -> list[str]:
        """The backup files that can be counted on: an empty or truncated file (left by an
        older version on a full disk) is no backup, and never makes the next one wait."""
        if not self.folder.is_dir():
            return []
        names = []
        for path in self.folder.iterdir():
            with contextlib.suppress(OSError):
                if path.is_file() and path.stat().st_size >= MIN_DATABASE_SIZE:
                    names.append(path.name)
        return names

    def all(self) -> list[BackupInfo]:
        """Every backup, newest first."""
        found = []
        for backup in bp.newest_first(self._names()):
            path = self.folder / backup.name
            with contextlib.suppress(OSError):
                found.append(
                    BackupInfo(path, backup.made, backup.reason, backup.label, path.stat().st_size)
                )
        return found

    def newest(self) -> BackupInfo | None:
        backups = self.all()
        return backups[0] if backups else None

    def make(self, db: Database, reason: str, now: datetime) -> Path:
        """A consistent copy of the open journal, named for ``now`` and ``reason``; written whole
        or not at all (a full disk raises ``WriteRefusedError`` and leaves no file)."""
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Two backups in one second: never overwrite one, and number the later one past every
        # one already made in that second (so it sorts as the newest).
        first = bp.file_name(now, reason)
        stem = first.removesuffix(bp.SUFFIX)
        taken = [1] if (self.folder / first).exists() else []
        for path in self.folder.glob(f"{stem}-*{bp.SUFFIX}"):
            count = path.name.removeprefix(f"{stem}-").removesuffix(bp.SUFFIX)
            if count.isdigit():
                taken.append(int(count))
        target = self.folder / first
        if taken:
            target = self.folder / bp.file_name(now, f"{reason}-{max(taken) + 1}")
        db.backup_to(target)
        return target

    def rotate(self, keep: Path | None = None) -> list[Path]:
        """Delete what the policy lets go (7 daily, 4 weekly), never ``keep`` (the backup just
        made); return what was deleted."""
        deleted = []
        for name in bp.to_delete(self._names()):
            if keep is not None and name == keep.name:
                continue
            path = self.folder / name
            with contextlib.suppress(OSError):
                path.unlink()
                deleted.append(path)
        return deleted

    def due(self, now: datetime) -> bool:
        return bp.is_due(self._names(), now)


def check_file(path: Path, passphrase: str | None = None) -> str | None:
    """None when ``path`` is a sound journal database, else a plain reason why not."""
    if not path.is_file():
        return tr("The file is missing.")
    if path.stat().st_size == 0:
        return tr("The file is empty.")
    try:
        if passphrase is not None:
            conn = cipher.connect(path, passphrase)
            try:
                cipher.check_key(conn)
                result = conn.execute("PRAGMA quick_check").fetchone()[0]
                tables = conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]
            finally:
                conn.close()
        else:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                result = conn.execute("PRAGMA quick_check").fetchone()[0]
                tables = conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]
            finally:
                conn.close()
    except cipher.WrongPassphraseError:
        return tr("It was made with a different passphrase.")
    except sqlite3.DatabaseError as exc:
        return tr("SQLite can’t read it ({problem}).").format(problem=exc)
    except Exception as exc:  # sqlcipher3's own DatabaseError
        return tr("It can’t be read ({problem}).").format(problem=exc)
    if result != "ok":
        return tr("The integrity check found damage ({problem}).").format(problem=result)
    if not tables:
        return tr("It holds no journal.")
    return None


def move_aside(journal_path: Path, now: datetime, label: str = "damaged") -> Path:
    """Move a damaged (or empty) journal and its WAL files out of the way, keeping every byte."""
    target = journal_path.with_name(f"{journal_path.name}.{label}-{now:%Y%m%d-%H%M%S}")
    counter = 1
    while target.exists():
        counter += 1
        target = journal_path.with_name(
            f"{journal_path.name}.{label}-{now:%Y%m%d-%H%M%S}-{counter}"
        )
    os.replace(journal_path, target)
    for suffix in ("-wal", "-shm"):
        side = Path(str(journal_path) + suffix)
        if side.exists():
            os.replace(side, Path(str(target) + suffix))
    return target


def put_in_place(source: Path, journal_path: Path) -> None:
    """Copy ``source`` over the (closed) journal safely: a temporary copy, flushed, then renamed."""
    staging = journal_path.with_name(journal_path.name + ".restoring")
    shutil.copyfile(source, staging)
    with staging.open("rb+") as fh:
        os.fsync(fh.fileno())
    private_file(staging)
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(str(journal_path) + suffix).unlink()
    os.replace(staging, journal_path)

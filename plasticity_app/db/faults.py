"""Writes the disk refuses (full, read-only, failing, held by another program), told apart from
other errors in one place, and files written whole or not at all.

SQLite rolls a transaction back by itself when the disk fills up; the ROLLBACK that follows then
fails with "cannot rollback - no transaction is active", and that second error is the one raised.
So the whole chain of an exception is read (``__cause__`` and ``__context__``), never its last
message alone.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from plasticity_app.domain.errors import UserError
from plasticity_app.domain.text import QT_TR_NOOP, tr

FULL = "full"
READ_ONLY = "read-only"
FAILING = "failing"
LOCKED = "locked"

_SQLITE_NEEDLES = (
    ("disk is full", FULL),
    ("readonly", READ_ONLY),
    ("read-only", READ_ONLY),
    ("disk i/o error", FAILING),
    ("database is locked", LOCKED),
)
_ERRNOS = {
    errno.ENOSPC: FULL,
    errno.EDQUOT: FULL,
    errno.EFBIG: FULL,
    errno.EROFS: READ_ONLY,
    errno.EIO: FAILING,
}

# What a person reads where they acted: what happened, what was kept, what to do.
_ACTION = {
    FULL: QT_TR_NOOP(
        "Your disk is full: this was not saved. Free some space and try again (nothing in your "
        "journal changed)."
    ),
    READ_ONLY: QT_TR_NOOP(
        "The journal’s folder can’t be written to (it is read-only): this was not saved. Nothing "
        "in your journal changed."
    ),
    FAILING: QT_TR_NOOP(
        "The disk reported an error while saving: this was not saved. Nothing in your journal "
        "changed. If it happens again, check the disk and your backups."
    ),
    LOCKED: QT_TR_NOOP(
        "Another program is holding the journal file: this was not saved. Nothing in your "
        "journal changed: close the other program and try again."
    ),
}
_FILE = {
    FULL: QT_TR_NOOP(
        "Your disk is full: {name} was not written. Free some space and try again (nothing "
        "half-written was left behind)."
    ),
    READ_ONLY: QT_TR_NOOP(
        "That folder can’t be written to (it is read-only): {name} was not written. Choose "
        "another folder."
    ),
    FAILING: QT_TR_NOOP(
        "The disk reported an error while writing: {name} was not written. Check the disk and "
        "try again."
    ),
    LOCKED: QT_TR_NOOP(
        "Another program is holding the journal file: {name} was not written. Close the other "
        "program and try again."
    ),
}
_BACKUP = {
    FULL: QT_TR_NOOP(
        "Your disk is full: the backup was not made. Your journal is fine; free some space and "
        "the next backup will be made then."
    ),
    READ_ONLY: QT_TR_NOOP(
        "The backups folder can’t be written to (it is read-only): the backup was not made. "
        "Your journal is fine."
    ),
    FAILING: QT_TR_NOOP(
        "The disk reported an error: the backup was not made. Your journal is fine, but check "
        "the disk."
    ),
    LOCKED: QT_TR_NOOP(
        "Another program is holding the journal file: the backup was not made. Close the other "
        "program and try again."
    ),
}
_OPEN = {
    FULL: QT_TR_NOOP(
        "Your disk is full, so your journal can’t be opened (SQLite needs a little room beside "
        "it). Nothing in it was changed: free some space and start again."
    ),
    READ_ONLY: QT_TR_NOOP(
        "The journal’s folder can’t be written to (it is read-only), so your journal can’t be "
        "opened. Nothing in it was changed."
    ),
    FAILING: QT_TR_NOOP(
        "The disk reported an error (it may be full), so your journal can’t be opened. Nothing "
        "in it was changed: free some space or check the disk, and start again."
    ),
}
_IMPORT = {
    FULL: QT_TR_NOOP(
        "Your disk is full: nothing was imported (the backup made before every import couldn’t "
        "be written). Free some space and try again."
    ),
    READ_ONLY: QT_TR_NOOP(
        "The journal’s folder can’t be written to (it is read-only): nothing was imported."
    ),
    FAILING: QT_TR_NOOP(
        "The disk reported an error while backing up before the import: nothing was imported. "
        "Check the disk and try again."
    ),
    LOCKED: QT_TR_NOOP(
        "Another program is holding the journal file: nothing was imported. Close the other "
        "program and try again."
    ),
}


class WriteRefusedError(UserError):
    """The disk refused a write; nothing of the action (or half of a file) was kept."""

    def __init__(self, message: str, kind: str, field: str | None = None) -> None:
        super().__init__(message, field)
        self.kind = kind


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo:
        current = todo.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        for linked in (current.__cause__, current.__context__):
            if linked is not None:
                todo.append(linked)


def _is_database_error(exc: BaseException) -> bool:
    """peewee's errors and SQLCipher's (``sqlcipher3.dbapi2``), which aren't sqlite3's classes."""
    module = type(exc).__module__.split(".")[0]
    return module in ("peewee", "sqlcipher3", "playhouse")


def fault_kind(exc: BaseException) -> str | None:
    """FULL, READ_ONLY, FAILING or LOCKED when ``exc`` (or an error it hides) is the disk
    refusing a write; None for every other error."""
    for current in _chain(exc):
        if isinstance(current, OSError) and current.errno in _ERRNOS:
            return _ERRNOS[current.errno]
        if isinstance(current, sqlite3.Error) or _is_database_error(current):
            text = str(current).lower()
            for needle, kind in _SQLITE_NEEDLES:
                if needle in text:
                    return kind
    return None


def action_refused(exc: BaseException) -> WriteRefusedError | None:
    """The plain error for a user action the disk refused (None for any other error)."""
    kind = fault_kind(exc)
    return None if kind is None else WriteRefusedError(tr(_ACTION[kind]), kind)


def file_refused(exc: BaseException, name: str) -> WriteRefusedError | None:
    kind = fault_kind(exc)
    return None if kind is None else WriteRefusedError(tr(_FILE[kind]).format(name=name), kind)


def backup_refused(exc: BaseException) -> WriteRefusedError | None:
    kind = fault_kind(exc)
    return None if kind is None else WriteRefusedError(tr(_BACKUP[kind]), kind)


def open_refused(exc: BaseException) -> WriteRefusedError | None:
    """For opening an existing journal: a disk that refuses the little SQLite writes beside it
    (full, read-only, failing) is not a damaged journal, and the file must not be moved aside.
    A journal another program holds is left to the caller (None)."""
    kind = fault_kind(exc)
    if kind is None or kind not in _OPEN:
        return None
    return WriteRefusedError(tr(_OPEN[kind]), kind)


def import_refused(exc: BaseException) -> WriteRefusedError | None:
    """For the backup before an import: the import itself is what the person asked for."""
    kind = fault_kind(exc)
    return None if kind is None else WriteRefusedError(tr(_IMPORT[kind]), kind)


def private_file(path: Path) -> None:
    """Owner-only permissions (0600) on POSIX; ignored elsewhere."""
    if os.name == "posix" and path.exists():
        os.chmod(path, 0o600)


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) owner-only (0700 on POSIX)."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        os.chmod(path, 0o700)
    return path


def remove_quietly(path: Path) -> None:
    """Remove a file (and the WAL files SQLite may have left beside it), if present."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            Path(str(path) + suffix).unlink()


@contextmanager
def atomic_file(
    target: Path,
    *,
    durable: bool = True,
    refused: Callable[[BaseException], WriteRefusedError | None] | None = None,
) -> Iterator[Path]:
    """Write ``target`` whole or not at all.

    Yields the path of a new, empty, private (0600) file beside ``target``, hidden by a leading
    dot and a ``.partial`` ending (so no listing takes it for the real thing). Write it by any
    means (SQLite, QPdfWriter, ``open``); when the block ends normally it is flushed to the disk
    and renamed over ``target``, which never exists half-written. When the block raises, or the
    file came out empty, or renaming fails, the temporary file is removed and ``target`` is left
    as it was; a disk that refused the write raises :class:`WriteRefusedError`, naming the file
    (or as ``refused`` words it).
    """
    target = Path(target)
    if refused is None:
        refused = lambda exc: file_refused(exc, target.name)  # noqa: E731
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    except OSError as exc:
        fault = refused(exc)
        if fault is not None:
            raise fault from exc
        raise
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
        if temporary.stat().st_size == 0:
            raise OSError(errno.EIO, "the file came out empty", str(temporary))
        if durable:
            with temporary.open("rb+") as fh:
                os.fsync(fh.fileno())
        private_file(temporary)
        os.replace(temporary, target)
    except BaseException as exc:
        remove_quietly(temporary)
        fault = refused(exc)
        if fault is not None:
            raise fault from exc
        raise


def write_private_file(target: Path, data: bytes) -> None:
    """``data`` written to ``target`` whole (0600) or not at all."""
    with atomic_file(target) as partial:
        partial.write_bytes(data)

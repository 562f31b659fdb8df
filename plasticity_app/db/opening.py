"""Before SQLite opens the journal, the folder is looked at, so that nothing is applied or treated as
new by accident:

- an empty (0-byte) journal file is an *empty file*, never a new journal;
- a journal another program holds locked is *in use* (wait, retry), never damaged;
- a stray write-ahead log (``-wal``: left by a crash, or put there by a sync tool or a copied
  folder) is applied only after the journal and the WAL are copied aside together, and refused when
  it can be told not to belong to the journal (see :mod:`plasticity_app.db.wal_file`).

Each journal carries a random identity in its header (``PRAGMA user_version``, otherwise unused;
the schema version lives in its own table), and every write transaction writes it again, so page 1
is in every WAL this app writes: a WAL from another journal shows a different identity.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from plasticity_app.db import lock_holder
from plasticity_app.db import wal_file as wf
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.text import tr

KEPT_PAIRS = 3  # copies of the journal and a stray WAL kept from before the WAL was applied

_open_here: dict[str, int] = {}  # journals this process has connections to: their WAL is live


def _key(path: Path) -> str:
    return str(path.resolve())


def opened(path: Path) -> None:
    _open_here[_key(path)] = _open_here.get(_key(path), 0) + 1


def closed(path: Path) -> None:
    key = _key(path)
    if _open_here.get(key, 0) <= 1:
        _open_here.pop(key, None)
    else:
        _open_here[key] -= 1


class OpeningProblem(Exception):
    """The journal's folder needs the person's choice before the journal is opened; nothing has
    been changed yet."""

    kind = ""


class EmptyJournalError(OpeningProblem):
    kind = "empty"


class StrayWalError(OpeningProblem):
    """A write-ahead log beside the journal that doesn't belong to it."""

    kind = "stray-wal"

    def __init__(self, message: str, reasons: list[str]) -> None:
        super().__init__(message)
        self.reasons = reasons


class JournalInUseError(UserError):
    """Another program holds the journal locked: nothing is wrong with the file."""

    def __init__(self, message: str, program: str = "") -> None:
        super().__init__(message)
        self.program = program


def is_locked_error(exc: BaseException) -> bool:
    """SQLite's "database is locked" (SQLITE_BUSY) or "database table is locked" (SQLITE_LOCKED),
    through peewee's wrapper or not."""
    for error in (exc, exc.__cause__, exc.__context__):
        if error is None:
            continue
        name = getattr(error, "sqlite_errorname", "")
        if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            return True
        text = str(error).lower()
        if "database is locked" in text or "database table is locked" in text:
            return True
    return False


def in_use_error(path: Path) -> JournalInUseError:
    """The plain message for a journal another program holds, naming it when it can be told."""
    pid = None if _key(path) in _open_here else lock_holder.holder_pid(path)
    program = ""
    if pid is not None:
        name = lock_holder.program_name(pid)
        program = (
            tr("“{name}” (process {pid})").format(name=name, pid=pid)
            if name
            else tr("process {pid}").format(pid=pid)
        )
    if program:
        message = tr(
            "Another program is using your journal file right now: it looks like {program}. "
            "Nothing is wrong with the journal and nothing was changed: close that program, or "
            "wait until it is done, and try again."
        ).format(program=program)
    else:
        message = tr(
            "Another program is using your journal file right now. Nothing is wrong with the "
            "journal and nothing was changed: close the other program, or wait until it is done, "
            "and try again."
        )
    return JournalInUseError(message, program)


def is_free(path: Path) -> bool:
    """True when nothing holds the journal against a writer right now (asked without waiting)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=0)
    except sqlite3.Error:
        return True  # not a lock: opening says what is wrong
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError as exc:
        return not is_locked_error(exc)
    except sqlite3.DatabaseError:
        return True
    finally:
        conn.close()


# The journal's identity -------------------------------------------------------------------------
def ensure_identity(conn: Any) -> int:
    """The journal's random identity, given to it (and checkpointed into the file) if it has none."""
    identity = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if identity == 0:
        try:
            conn.execute(f"PRAGMA user_version = {secrets.randbelow(2**31 - 2) + 1}")
        except Exception as exc:
            if is_locked_error(exc):
                raise
            return 0  # a full or read-only disk: the journal still opens, without one for now
        identity = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if not conn.in_transaction:
            with contextlib.suppress(Exception):
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    return identity


def stamp_identity(conn: Any, identity: int) -> None:
    """Inside a write transaction: write page 1 again so the WAL carries the identity."""
    if identity:
        conn.execute(f"PRAGMA user_version = {identity}")


# Before opening ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Prepared:
    """What was done before opening: the copy kept of the journal and its stray WAL, if any."""

    kept: Path | None = None
    transactions: int = 0


def wal_path(journal: Path) -> Path:
    return Path(f"{journal}-wal")


def prepare(journal: Path, passphrase: str | None, now: datetime) -> Prepared:
    """Look at the folder before SQLite opens the journal. Raises :class:`EmptyJournalError` or
    :class:`StrayWalError` (nothing changed); copies the journal and a stray WAL aside together
    before one that looks like the journal's own is applied."""
    wal = wal_path(journal)
    if journal.exists() and journal.stat().st_size == 0:
        raise EmptyJournalError(
            tr(
                "Your journal file {path} is empty (0 bytes): what was in it never reached the "
                "disk, or something emptied it."
            ).format(path=journal.name)
        )
    if passphrase is None and journal.exists():
        from plasticity_app.db import cipher

        if cipher.is_encrypted(journal):
            return Prepared()  # opening stops at the passphrase, before SQLite reads the WAL
    if not wal.exists() or wal.stat().st_size < wf.WAL_HEADER:
        return Prepared()  # nothing SQLite would apply
    live = True if _key(journal) in _open_here else lock_holder.has_live_connection(journal)
    if live:
        return Prepared()  # another connection is using it: SQLite shares it safely
    contents = wf.read_wal(wal)
    if not contents.frames:
        return Prepared()  # SQLite ignores it and overwrites it later: nothing of it is applied
    if live is None and journal.exists():
        # This system can't tell a stray WAL from another program's live one (Windows): never
        # refuse (moving a live WAL would lose that program's writes), but keep a copy first.
        kept = keep_pair(journal, "before-wal", now)
        _prune_kept(journal)
        return Prepared(kept, contents.commits)
    if not journal.exists():
        raise StrayWalError(_stray_message([REASONS["no-journal"]]), ["no-journal"])
    reasons = belonging_problems(journal, contents, passphrase)
    if reasons:
        raise StrayWalError(_stray_message([REASONS[r] for r in reasons]), reasons)
    kept = keep_pair(journal, "before-wal", now)
    _prune_kept(journal)
    return Prepared(kept, contents.commits)


REASONS = {
    "no-journal": "There is no journal file beside it.",
    "page-size": "It was written for a database with a different page size.",
    "shrinks": "It would cut pages off your journal, which Plasticity Journal never does.",
    "identity": "It was written for another journal (their identities differ).",
    "page-one-not-sqlite": "Its first page isn't a database header.",
    "page-one-format": "Its database header doesn't match your journal's.",
    "page-one-older": "It is older than your journal file (a stale copy).",
    "page-one-newer": "It continues a later state of your journal than the file beside it.",
    "damage": "Applied to a copy, it leaves the journal damaged.",
}


def reason_text(key: str) -> str:
    return tr(REASONS[key])


def _stray_message(reasons: list[str]) -> str:
    return tr(
        "A write-ahead file beside your journal (journal.sqlite3-wal) doesn’t belong to it: "
        "{reasons} Nothing was changed."
    ).format(reasons=" ".join(tr(r) for r in reasons))


def belonging_problems(
    journal: Path, contents: wf.WalContents, passphrase: str | None
) -> list[str]:
    """Reasons the WAL doesn't belong to the journal (empty when none can be found)."""
    with journal.open("rb") as fh:
        header = fh.read(wf.DB_HEADER)
    page_size = wf.db_page_size(header)
    reasons = []
    if page_size:  # a plain SQLite header (an encrypted journal's is unreadable without its key)
        if contents.page_size != page_size:
            return ["page-size"]
        if contents.final_size < journal.stat().st_size // page_size:
            reasons.append("shrinks")
        reasons.extend(_page_one_problems(wal_path(journal), contents, header))
    if not reasons and _applied_copy_is_damaged(journal, passphrase):
        reasons.append("damage")
    return reasons


def _page_one_problems(wal: Path, contents: wf.WalContents, header: bytes) -> list[str]:
    ones = [f for f in contents.frames if f.page == 1]
    if not ones:
        return []
    with wal.open("rb") as fh:
        fh.seek(ones[0].offset)
        first = fh.read(wf.DB_HEADER)
        fh.seek(ones[-1].offset)
        last = fh.read(wf.DB_HEADER)
    identity = header[60:64]
    if identity != b"\0\0\0\0" and last[60:64] != identity:
        return ["identity"]
    problem = wf.page_one_problem(last, header)
    if problem:
        return [problem]
    counter = int.from_bytes(header[24:28], "big")
    if int.from_bytes(first[24:28], "big") > counter + 1:
        return ["page-one-newer"]
    return []


def _applied_copy_is_damaged(journal: Path, passphrase: str | None) -> bool:
    """Apply the WAL to a throwaway copy of both files and run SQLite's full integrity check."""
    with tempfile.TemporaryDirectory(dir=journal.parent, prefix=".wal-check-") as folder:
        os.chmod(folder, 0o700)
        copy = Path(folder) / journal.name
        shutil.copyfile(journal, copy)
        shutil.copyfile(wal_path(journal), wal_path(copy))
        try:
            if passphrase is not None:
                from plasticity_app.db import cipher

                conn = cipher.connect(copy, passphrase)
            else:
                conn = sqlite3.connect(str(copy))
            try:
                result = conn.execute("PRAGMA integrity_check").fetchall()
                orphans = conn.execute("PRAGMA foreign_key_check").fetchall()
            finally:
                conn.close()
        except Exception:  # sqlite3 or sqlcipher3 DatabaseError: it doesn't read at all
            return True
        return result != [("ok",)] or bool(orphans)


def keep_pair(journal: Path, label: str, now: datetime, *, move_wal: bool = False) -> Path:
    """Copy the journal and its WAL aside together (``journal.sqlite3.<label>-<time>`` and the
    same name with ``-wal``), or move the WAL when it is being set aside. Returns the copy's path."""
    stamp = f"{now:%Y%m%d-%H%M%S}"
    target = journal.with_name(f"{journal.name}.{label}-{stamp}")
    counter = 1
    while target.exists() or wal_path(target).exists():
        counter += 1
        target = journal.with_name(f"{journal.name}.{label}-{stamp}-{counter}")
    if journal.exists():
        _private_copy(journal, target)
    wal = wal_path(journal)
    if move_wal:
        os.replace(wal, wal_path(target))
        with contextlib.suppress(FileNotFoundError):  # its index: rebuilt, worthless without it
            Path(f"{journal}-shm").unlink()
    else:
        _private_copy(wal, wal_path(target))
    return target


def _private_copy(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)
    with target.open("rb+") as fh:
        os.fsync(fh.fileno())
    if os.name == "posix":
        os.chmod(target, 0o600)


def _prune_kept(journal: Path) -> None:
    """Keep the newest few pairs kept from before a WAL was applied (each journal opened well
    after them, so the older ones only take space)."""
    pattern = f"{journal.name}.before-wal-*"
    pairs = sorted(
        (p for p in journal.parent.glob(pattern) if not p.name.endswith("-wal")),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in pairs[KEPT_PAIRS:]:
        for path in (old, wal_path(old)):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


def set_aside_wal(journal: Path, now: datetime) -> Path:
    """The person chose to open the journal without a WAL that doesn't belong to it: the WAL is
    moved aside beside a copy of the journal as it is. Returns the kept copy's path."""
    return keep_pair(journal, "refused-wal", now, move_wal=True)

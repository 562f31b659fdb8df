"""Changing encryption (on, off, a new passphrase) as one all-or-nothing step over every file the
app made: the journal, its backups and the copies of it set aside (damaged, or kept before a
repair).

It survives a kill at any moment:

1. the plan (which files, the state wanted; no secret) is written to ``encryption-change.json``;
2. each file is copied, converted, to ``<file>.converting`` and checked (the originals untouched);
3. the plan is marked committed (one atomic rename): this is the moment the change happens;
4. each converted copy is renamed over its original (its ``-wal``/``-shm`` removed first), the files
   to delete are deleted, the marker is written or removed, and the plan is deleted.

A start that finds a plan (:func:`recover`) undoes it when it wasn't committed (deletes the copies)
and finishes it when it was (renames the rest). Neither needs the passphrase. Leftover temporary
files (``.converting``, ``.encrypting`` and ``.decrypting`` of older versions, ``.restoring``, a
half-written backup's hidden ``.partial`` file, a backup's empty ``-wal`` or ``-shm``) are removed
then too; none of them is ever the only copy of anything.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plasticity_app.db import cipher
from plasticity_app.domain import backup_policy as bp
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.text import tr

PLAN_FILENAME = "encryption-change.json"
STAGING = ".converting"
JOURNAL_FILENAME = "journal.sqlite3"
BACKUP_DIRNAME = "backups"
# Temporary files of a step that a kill interrupted; the original beside each is intact.
LEFTOVERS = (STAGING, ".encrypting", ".decrypting", ".restoring")
SIDECARS = ("-wal", "-shm", "-journal")
# journal.sqlite3.<why>-YYYYmmdd-HHMMSS[-n]: a copy moved or kept aside (damaged, before-wal, ...)
_ASIDE = re.compile(r"^journal\.sqlite3\.[a-z][a-z-]*-\d{8}-\d{6}(?:-\d+)?$")

Key = str | None  # a passphrase, or None for a plain file


class ConversionBusyError(UserError):
    """Another window of the app is changing the encryption of this journal right now."""


@dataclass
class Plan:
    encrypted: bool  # the state every file ends in
    convert: list[str] = field(default_factory=list)  # paths relative to the folder
    delete: list[str] = field(default_factory=list)
    committed: bool = False

    def to_json(self) -> str:
        return json.dumps(self.__dict__, indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Plan:
        data = json.loads(text)
        return cls(
            bool(data["encrypted"]),
            [str(p) for p in data["convert"]],
            [str(p) for p in data["delete"]],
            bool(data["committed"]),
        )


@dataclass(frozen=True)
class Outcome:
    """What a change did besides the journal."""

    converted: list[Path]
    deleted: list[Path]
    left: list[Path]  # files that couldn't be opened with the passphrase, kept as they were


# Files -----------------------------------------------------------------------------------------
def journal_path(folder: Path) -> Path:
    return folder / JOURNAL_FILENAME


def backups(folder: Path) -> list[Path]:
    found = folder / BACKUP_DIRNAME
    if not found.is_dir():
        return []
    return sorted(p for p in found.iterdir() if p.is_file() and bp.parse(p.name) is not None)


def set_aside(folder: Path) -> list[Path]:
    """Copies of the journal the app moved or kept aside (damaged ones included)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and _ASIDE.match(p.name))


def is_plain(path: Path) -> bool:
    """The file starts like a plain SQLite database (anyone can read it)."""
    try:
        with path.open("rb") as fh:
            return fh.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def _sidecars(path: Path) -> list[Path]:
    return [Path(f"{path}{suffix}") for suffix in SIDECARS]


def _staging(path: Path) -> Path:
    return Path(f"{path}{STAGING}")


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def _fsync_file(path: Path) -> None:
    with path.open("rb+") as fh:
        os.fsync(fh.fileno())


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# The lock: one change (or recovery) at a time per folder ------------------------------------------
@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold the folder's conversion lock (POSIX ``flock`` on the folder itself, so no file is left
    behind). Raises :class:`ConversionBusyError` when another process holds it."""
    if os.name != "posix":
        yield
        return
    import fcntl

    fd = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ConversionBusyError(
                tr(
                    "Your journal’s encryption is being changed in another window right now. "
                    "Try again in a moment."
                )
            ) from None
        yield
    finally:
        os.close(fd)  # closing releases the lock


# The plan ------------------------------------------------------------------------------------------
def _write_plan(folder: Path, plan: Plan) -> None:
    target = folder / PLAN_FILENAME
    tmp = folder / (PLAN_FILENAME + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(plan.to_json())
        fh.flush()
        os.fsync(fh.fileno())
    if os.name == "posix":
        os.chmod(tmp, 0o600)
    os.replace(tmp, target)
    _fsync_dir(folder)


def _read_plan(folder: Path) -> Plan | None:
    path = folder / PLAN_FILENAME
    try:
        return Plan.from_json(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError):
        # Only ever written whole (a rename), so this is not ours to judge: nothing was committed.
        return Plan(encrypted=False)


def _finish(folder: Path, plan: Plan) -> None:
    """After the commit: put every converted copy in place, delete what goes, set the marker."""
    for name in plan.convert:
        original = folder / name
        staged = _staging(original)
        if staged.exists():
            for side in _sidecars(original):  # they belong to the file being replaced
                _remove(side)
            os.replace(staged, original)
    for name in plan.delete:
        for path in (folder / name, *_sidecars(folder / name), _staging(folder / name)):
            _remove(path)
    journal = journal_path(folder)
    if plan.encrypted:
        cipher.write_marker(journal)
    else:
        cipher.remove_marker(journal)
    _fsync_dir(folder)
    if (folder / BACKUP_DIRNAME).is_dir():
        _fsync_dir(folder / BACKUP_DIRNAME)
    _remove(folder / PLAN_FILENAME)
    _fsync_dir(folder)


def _undo(folder: Path, plan: Plan) -> None:
    """Before the commit: the originals are untouched; the converted copies go."""
    for name in plan.convert + plan.delete:
        staged = _staging(folder / name)
        for path in (staged, *_sidecars(staged)):
            _remove(path)
    _remove(folder / PLAN_FILENAME)
    _fsync_dir(folder)


def _tidy(folder: Path) -> None:
    """Temporary files a kill left behind (none of them is ever the only copy of anything)."""
    _remove(folder / (PLAN_FILENAME + ".tmp"))
    places = [folder, folder / BACKUP_DIRNAME]
    for place in places:
        if not place.is_dir():
            continue
        for path in list(place.iterdir()):
            name = path.name
            for side in SIDECARS:
                name = name.removesuffix(side)
            if not path.is_file():
                continue
            ours = name.startswith("journal") and name.endswith(LEFTOVERS)
            # A backup (or copy) a kill stopped half-written: atomic_file's hidden temporary.
            half_written = name.startswith(".journal") and name.endswith(".partial")
            if ours or half_written:
                _remove(path)
    for backup in backups(folder):
        _tidy_sidecars(backup)


def _tidy_sidecars(backup: Path) -> None:
    """A backup is never written after it is made, so a ``-wal`` beside it is empty (left by a
    reader); one that isn't is folded into a plain backup first. Its ``-shm`` is only an index."""
    wal, shm, _ = _sidecars(backup)
    if wal.exists() and wal.stat().st_size > 0:
        if not is_plain(backup):
            return  # can't be folded in without the passphrase: left for the next change
        conn = sqlite3.connect(str(backup))
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute("PRAGMA journal_mode=DELETE")
        finally:
            conn.close()
    for side in (wal, shm):
        if side.exists() and (side is shm or side.stat().st_size == 0):
            _remove(side)


def recover(folder: Path) -> None:
    """At start, before the journal is opened: finish a committed change, undo one that wasn't,
    and remove temporary files a kill left. Needs no passphrase."""
    if not folder.is_dir():
        return
    with _locked(folder):
        plan = _read_plan(folder)
        if plan is not None:
            if plan.committed:
                _finish(folder, plan)
            else:
                _undo(folder, plan)
        _tidy(folder)


# Converting ----------------------------------------------------------------------------------------
def _uri(path: Path, mode: str) -> str:
    return f"{path.resolve().as_uri()}?mode={mode}"


def _open(path: Path, key: Key, mode: str = "ro") -> Any:
    """A keyed sqlcipher3 connection that has proved it can read ``path``."""
    cipher.require_available()
    import sqlcipher3

    conn = sqlcipher3.connect(_uri(path, mode), uri=True)
    try:
        with contextlib.suppress(Exception):
            conn.execute("PRAGMA cipher_log_level = NONE")
        if key is not None:
            conn.execute(f"PRAGMA key = {cipher.quote(key)}")
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    except Exception:
        conn.close()
        raise
    return conn


@contextlib.contextmanager
def _leaving_no_trace(path: Path) -> Iterator[None]:
    """Reading a database in WAL mode read-only makes an empty ``-wal`` and a ``-shm`` beside it
    that SQLite can't remove: remove the ones this read made."""
    existed = {side for side in _sidecars(path) if side.exists()}
    try:
        yield
    finally:
        wal, shm, _ = _sidecars(path)
        if wal not in existed and wal.exists() and wal.stat().st_size == 0:
            _remove(wal)
        if shm not in existed and not wal.exists():
            _remove(shm)


def opens_with(path: Path, key: Key) -> bool:
    """Whether ``key`` (None: no key) reads ``path``."""
    if (key is None) != is_plain(path):
        return False
    with _leaving_no_trace(path):
        try:
            conn = _open(path, key)
        except Exception:
            return False
        conn.close()
    return True


def fold_wal(journal: Path, key: Key) -> None:
    """Fold the closed journal's write-ahead log into it, so the file alone holds everything."""
    conn = _open(journal, key, "rw")
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def convert_copy(source: Path, key: Key, target: Path, new_key: Key) -> None:
    """Write ``source`` (read with ``key``, never written to) to ``target`` with ``new_key``
    (None: plain), checked and flushed to disk; on any failure no ``target`` is left."""
    cipher.require_available()
    _remove(target)
    try:
        with _leaving_no_trace(source):
            _export(source, key, target, new_key)
        if os.name == "posix":
            os.chmod(target, 0o600)
        _fsync_file(target)
    except BaseException:
        for path in (target, *_sidecars(target)):
            _remove(path)
        raise
    for side in _sidecars(target):
        _remove(side)


def _export(source: Path, key: Key, target: Path, new_key: Key) -> None:
    """SQLCipher's export from ``source`` (attached read-only) into a new ``target``, checked."""
    import sqlcipher3

    conn = sqlcipher3.connect(_uri(target, "rwc"), uri=True)
    try:
        with contextlib.suppress(Exception):
            conn.execute("PRAGMA cipher_log_level = NONE")
        if new_key is not None:
            conn.execute(f"PRAGMA key = {cipher.quote(new_key)}")
        conn.execute(
            f"ATTACH DATABASE {cipher.quote(_uri(source, 'ro'))} AS src "
            f"KEY {cipher.quote(key or '')}"
        )
        if conn.execute("PRAGMA src.quick_check").fetchone()[0] != "ok":
            raise UserError(tr("{name} is damaged.").format(name=source.name))
        tables = conn.execute("SELECT COUNT(*) FROM src.sqlite_master").fetchone()[0]
        version = int(conn.execute("PRAGMA src.user_version").fetchone()[0])
        conn.execute("SELECT sqlcipher_export('main', 'src')")
        conn.execute(f"PRAGMA main.user_version = {version}")
        conn.execute("DETACH DATABASE src")
        ok = conn.execute("PRAGMA main.quick_check").fetchone()[0] == "ok"
        same = conn.execute("SELECT COUNT(*) FROM main.sqlite_master").fetchone()[0] == tables
    finally:
        conn.close()
    if not (ok and same):
        raise UserError(
            tr("The converted copy of {name} didn’t check out.").format(name=source.name)
        )


def change(
    folder: Path,
    key: Key,
    new_key: Key,
    *,
    journal: bool = True,
    with_aside: bool = True,
    delete_unreadable: bool = False,
) -> Outcome:
    """Bring the journal (closed; unless ``journal`` is False), every backup and every copy set
    aside (unless ``with_aside`` is False) from ``key`` to ``new_key``, all or nothing.

    Backups and copies already in the new state are left as they are; any that ``key`` doesn't
    open are left too (they are encrypted with another passphrase, or damaged). A copy set aside
    that can't be converted is deleted when ``delete_unreadable`` (the person agreed), else left.
    """
    with _locked(folder):
        plan = _read_plan(folder)
        if plan is not None:  # a change a kill interrupted (recover() normally ran at start)
            (_finish if plan.committed else _undo)(folder, plan)
        _tidy(folder)
        aside = set_aside(folder) if with_aside else []
        files = ([journal_path(folder)] if journal else []) + backups(folder) + aside
        plan = Plan(encrypted=new_key is not None)
        plan.convert = [_relative(folder, p) for p in files]
        _write_plan(folder, plan)  # from here on a kill is undone at the next start
        converted: list[Path] = []
        deleted: list[Path] = []
        left: list[Path] = []
        try:
            for path in files:
                is_journal = journal and path == files[0]
                plain = is_plain(path)
                source_key = None if plain else key
                if path in aside:
                    if opens_with(path, new_key):
                        continue  # in the new state already
                elif not is_journal and not plain and (key is None or key == new_key):
                    continue  # a backup encrypted already (with the new passphrase, or another)
                elif not is_journal and plain and new_key is None:
                    continue  # a plain backup, and plain is wanted
                try:
                    if is_journal:
                        fold_wal(path, key)
                    convert_copy(path, source_key, _staging(path), new_key)
                    converted.append(path)
                except Exception:
                    if is_journal:
                        raise
                    if delete_unreadable and path in aside:
                        deleted.append(path)
                    else:
                        left.append(path)
        except BaseException:
            _undo(folder, plan)
            raise
        plan.convert = [_relative(folder, p) for p in converted]
        plan.delete = [_relative(folder, p) for p in deleted]
        plan.committed = True
        _write_plan(folder, plan)  # the change happens here
        _finish(folder, plan)
        _tidy(folder)  # a reader's -wal/-shm beside a backup left as it was
        return Outcome(converted, deleted, left)


def _relative(folder: Path, path: Path) -> str:
    return path.relative_to(folder).as_posix()


def settle(folder: Path, key: str) -> Outcome | None:
    """With the journal open and encrypted: encrypt any plain backup (left by an older version,
    or by a change it interrupted). Reads only the files' first bytes when there is none."""
    if not any(is_plain(b) for b in backups(folder)):
        return None
    return change(folder, key, key, journal=False, with_aside=False)


def restore_copy(backup: Path, key: Key, journal: Path, new_key: Key) -> None:
    """Put ``backup`` (read with ``key``) in place of the closed journal, in the journal's own
    state (``new_key``): converted to a temporary copy, checked, then renamed over the journal."""
    staging = Path(f"{journal}.restoring")
    convert_copy(backup, key, staging, new_key)
    for side in _sidecars(journal):
        _remove(side)
    os.replace(staging, journal)
    _fsync_dir(journal.parent)

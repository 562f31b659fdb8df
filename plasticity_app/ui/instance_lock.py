"""One running app per journal folder (a QLockFile beside the journal).

Kept apart from the journal's opening so the window can check it before anything heavy is loaded.

Qt takes over by itself a lock whose process on this computer is gone. What it can't judge (a lock
written on another computer, an empty or garbled lock file, a folder of that name) would otherwise
keep the person out for good, so it is described here and the window offers to take it over.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QLockFile, QSysInfo

LOCK_FILENAME = "journal.lock"


class Holder(Enum):
    RUNNING = "running"  # a live process on this computer: the journal really is open
    DEAD = "dead"  # its process on this computer has ended: taken over at the next start
    OTHER_HOST = "other-host"  # written on another computer: Qt can't tell whether it still runs
    UNREADABLE = "unreadable"  # empty or garbled (a crash while it was written, a sync conflict)
    DIRECTORY = "directory"  # a folder of the lock's name: not a lock at all


@dataclass(frozen=True)
class HeldLock:
    """Why the folder's lock couldn't be taken."""

    kind: Holder
    path: Path
    pid: int = 0
    host: str = ""
    app: str = ""

    @property
    def stale(self) -> bool:
        """True when the person may take it over after being told what it is."""
        return self.kind is not Holder.RUNNING


def _lock_file(data_dir: Path) -> QLockFile:
    lock = QLockFile(str(data_dir / LOCK_FILENAME))
    lock.setStaleLockTime(0)  # only a dead owner makes it stale, however long the app runs
    return lock


def acquire_lock(data_dir: Path) -> QLockFile | None:
    """The folder's lock, or None when it is held (see :func:`holder` for by whom). A lock left
    by a process that no longer runs on this computer is stale and taken over."""
    # When the folder can't be made, opening the journal says plainly what is wrong with it.
    with contextlib.suppress(OSError):
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    lock = _lock_file(data_dir)
    if lock.tryLock(200):
        return lock
    if lock.error() == QLockFile.LockError.LockFailedError:
        return None
    # Unreadable or permission problems: don't block the person from their journal.
    return lock


def holder(data_dir: Path) -> HeldLock:
    """What holds the folder's lock (call it after :func:`acquire_lock` returned None)."""
    path = data_dir / LOCK_FILENAME
    if path.is_dir():
        return HeldLock(Holder.DIRECTORY, path)
    info = _lock_file(data_dir).getLockInfo()  # (pid, host, app); pid 0 when unreadable
    pid, host, app = info if isinstance(info, tuple) else (0, "", "")
    if pid <= 0:
        return HeldLock(Holder.UNREADABLE, path)
    if host and host != QSysInfo.machineHostName():
        return HeldLock(Holder.OTHER_HOST, path, pid, host, app)
    if not _running(pid):
        return HeldLock(Holder.DEAD, path, pid, host, app)
    return HeldLock(Holder.RUNNING, path, pid, host, app)


def _running(pid: int) -> bool:
    if os.name != "posix":
        return True  # Qt itself judges it when the lock is taken
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process: it exists
    return True


def take_over(data_dir: Path, held: HeldLock, now: datetime | None = None) -> QLockFile | None:
    """Take a stale lock over: a lock file is replaced by ours; a folder in its place is moved
    aside (renamed, nothing in it deleted). Returns the new lock, or None when it still can't be
    taken (someone took it meanwhile)."""
    if not held.stale:
        return None
    if held.kind is Holder.DIRECTORY:
        moved_to = moved_aside_name(held.path, now or datetime.now())
        os.replace(held.path, moved_to)
    elif not _lock_file(data_dir).removeStaleLockFile() and held.path.exists():
        # Qt refuses when a running process holds the file's native lock: it is in use after all.
        return None
    return acquire_lock(data_dir)


def moved_aside_name(path: Path, now: datetime) -> Path:
    """Where a folder in the lock's place goes: beside it, never over anything."""
    target = path.with_name(f"{path.name}.moved-aside-{now:%Y%m%d-%H%M%S}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.moved-aside-{now:%Y%m%d-%H%M%S}-{counter}")
    return target

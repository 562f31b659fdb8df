"""One running app per journal folder (a QLockFile beside the journal).

Kept apart from the journal's opening so the window can check it before anything heavy is loaded.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QLockFile

LOCK_FILENAME = "journal.lock"


def acquire_lock(data_dir: Path) -> QLockFile | None:
    """The folder's lock, or None when another running Plasticity Journal holds it. A lock left
    by a process that no longer runs is stale and taken over."""
    # When the folder can't be made, opening the journal says plainly what is wrong with it.
    with contextlib.suppress(OSError):
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    lock = QLockFile(str(data_dir / LOCK_FILENAME))
    lock.setStaleLockTime(0)  # only a dead owner makes it stale, however long the app runs
    if lock.tryLock(200):
        return lock
    if lock.error() == QLockFile.LockError.LockFailedError:
        return None
    # Unreadable or permission problems: don't block the person from their journal.
    return lock

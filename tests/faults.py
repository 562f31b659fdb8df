"""A full disk without root: a file-size quota (RLIMIT_FSIZE) on this process, so every write past
the end of a file is refused by the kernel (EFBIG) while reading and rewriting in place still work.

SQLite meets it as a real write failure: it rolls the transaction back by itself and reports a disk
I/O error, exactly the path a full disk takes. ``capsys`` (not ``capfd``) captures the output of
tests that use it: nothing may be written to a file while the quota holds.
"""

from __future__ import annotations

import resource
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def file_quota(journal: Any = None, limit: int = 0) -> Iterator[None]:
    """No file may grow past ``limit`` bytes while this holds. ``journal``: its WAL is emptied
    first (a checkpoint), so its next write must grow the WAL and is refused."""
    if journal is not None:
        journal.db.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # refused with EFBIG, not killed
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, handler)


@contextmanager
def umask(mask: int) -> Iterator[None]:
    """A permissive umask (like a person's shell) so permissions come from the app, not from it."""
    import os

    before = os.umask(mask)
    try:
        yield
    finally:
        os.umask(before)


def full_database(journal: Any) -> None:
    """SQLite's own "database or disk is full" (SQLITE_FULL): the file may not grow a page more."""
    conn = journal.db.connection
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")

"""Which other process holds SQLite's locks on the journal (POSIX only), so that "in use" can say
by what. SQLite on Unix takes byte-range locks with fcntl(): on the database file around
PENDING_BYTE (1 GiB), and in the WAL index (``-shm``) at bytes 120-128. F_GETLK reports one
process holding a conflicting lock.

Caution: closing any descriptor of a file drops every POSIX lock this process holds on it, SQLite's
included; so these probes run only for journals this process has no connection to (the caller
knows, see :mod:`plasticity_app.db.opening`).
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

PENDING_BYTE = 0x40000000
DB_LOCK_BYTES = 2 + 510  # PENDING, RESERVED and the SHARED range
SHM_LOCK_START = 120
SHM_LOCK_BYTES = 9  # WRITE, CHECKPOINT, RECOVER, READ0-4, and the "dead man's switch" at 128
SHM_DMS_BYTE = 128


def _flock_layout() -> tuple[str, bool] | None:
    """struct flock's layout, and whether l_type comes first (None where it isn't known)."""
    if sys.platform.startswith("linux"):
        return "@hhqqi4x", True  # l_type, l_whence, l_start, l_len, l_pid
    if sys.platform == "darwin" or "bsd" in sys.platform:
        return "@qqihh", False  # l_start, l_len, l_pid, l_type, l_whence
    return None


def locking_pid(path: Path, start: int, length: int) -> int | None:
    """The pid of a process holding a lock on ``path``'s bytes [start, start+length), or None
    (none, or it can't be told on this system)."""
    layout = _flock_layout()
    if layout is None:
        return None
    import fcntl

    fmt, type_first = layout
    if type_first:
        query = struct.pack(fmt, fcntl.F_WRLCK, os.SEEK_SET, start, length, 0)
    else:
        query = struct.pack(fmt, start, length, 0, fcntl.F_WRLCK, os.SEEK_SET)
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        answer = fcntl.fcntl(fd, fcntl.F_GETLK, query)
    except OSError:
        return None
    finally:
        os.close(fd)
    fields = struct.unpack(fmt, answer)
    l_type, pid = (fields[0], fields[4]) if type_first else (fields[3], fields[2])
    if l_type == fcntl.F_UNLCK or pid <= 0:
        return None
    return int(pid)


def holder_pid(journal: Path) -> int | None:
    """A process holding a lock on the journal or its WAL index, if one can be found."""
    pid = locking_pid(journal, PENDING_BYTE, DB_LOCK_BYTES)
    shm = Path(f"{journal}-shm")
    if pid is None and shm.exists():
        pid = locking_pid(shm, SHM_LOCK_START, SHM_LOCK_BYTES)
    return pid


def has_live_connection(journal: Path) -> bool | None:
    """True when another process has the journal open: in WAL mode it holds the WAL index's
    "dead man's switch"; in exclusive locking mode (no WAL index) a lock on the file itself.
    False when none does, None when this system can't tell."""
    if _flock_layout() is None:
        return None
    shm = Path(f"{journal}-shm")
    if shm.exists() and locking_pid(shm, SHM_DMS_BYTE, 1) is not None:
        return True
    return journal.exists() and locking_pid(journal, PENDING_BYTE, DB_LOCK_BYTES) is not None


def program_name(pid: int) -> str:
    """A short name for the program running as ``pid`` ("" when it can't be read)."""
    proc = Path("/proc") / str(pid)
    try:
        cmdline = (proc / "cmdline").read_bytes().split(b"\0")
    except OSError:
        cmdline = []
    words = [w.decode(errors="replace") for w in cmdline if w]
    if any("plasticity" in w.lower() for w in words):
        return "Plasticity Journal"
    try:
        return (proc / "comm").read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        pass
    if sys.platform == "darwin":
        import subprocess

        try:
            done = subprocess.run(
                ["ps", "-p", str(pid), "-o", "comm="],
                capture_output=True,
                text=True,
                timeout=2,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            return ""
        return Path(done.stdout.strip()).name
    return ""

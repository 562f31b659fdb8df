"""Journal folders in the states opening must tell apart: held by another process, left with a WAL
by a killed one, given another journal's WAL, emptied."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from plasticity_app.db.database import JOURNAL_FILENAME

ROOT = Path(__file__).resolve().parents[1]

WRITER = r"""
import os, sys
from datetime import date, timedelta
from pathlib import Path
from plasticity_app.controller.journal import Journal
from plasticity_app.domain.metrics import PRESETS

journal = Journal(Path(sys.argv[1]))
metrics = journal.metrics.active() or [
    journal.metrics.add(p.name, p.direction, p.description) for p in PRESETS[:2]
]
word, days = sys.argv[2], int(sys.argv[3])
for i in range(days):
    day = date(2026, 1, 1) + timedelta(days=i)
    journal.metrics.check_in(day, {m.id: i % 11 for m in metrics}, f"{word} {i}")
if sys.argv[4] == "kill":
    os.kill(os.getpid(), 9)  # the WAL stays as it is: never written into the journal
journal.close()
"""


def write_notes(folder: Path, word: str, days: int, *, kill: bool) -> None:
    """Day notes "<word> 0", "<word> 1"… from 1 January 2026 in a journal written by another
    process, killed at the end (its WAL left beside the journal) when ``kill``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", WRITER, str(folder), word, str(days), "kill" if kill else "close"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == (-9 if kill else 0), done.stderr
    wal = folder / (JOURNAL_FILENAME + "-wal")
    assert wal.exists() == kill


HOLDER = r"""
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA locking_mode=EXCLUSIVE")  # as a database tool holding the file does
conn.execute("BEGIN EXCLUSIVE")
conn.execute("CREATE TABLE IF NOT EXISTS held_by_another_program(x)")
conn.execute("COMMIT")
print("HELD", flush=True)
sys.stdin.read()
"""


@contextmanager
def held_by_another_process(journal: Path) -> Iterator[int]:
    """Another process holds an exclusive lock on the journal until the block ends; yields its
    pid."""
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(journal)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None and child.stdout is not None
    try:
        assert child.stdout.readline().strip() == "HELD"
        yield child.pid
    finally:
        child.stdin.close()
        child.wait(10)
        child.stdout.close()


def files(folder: Path) -> dict[str, bytes]:
    """Every file in the folder (not in subfolders) with its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}

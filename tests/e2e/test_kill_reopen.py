"""Killed again and again mid-write, the journal's own WAL is never taken for a stray one: each start
applies it (after keeping a copy of both files) and holds every acknowledged write."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from plasticity_app.controller.journal import Journal
from tests.e2e.test_kill import WRITER

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")


def write_until_killed(folder: Path, acks: int) -> list[date]:
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(folder)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert proc.stdout is not None
    acked: list[date] = []
    try:
        for line in proc.stdout:
            if line.startswith("ACK"):
                acked.append(date.fromisoformat(line.split()[1]))
                if len(acked) >= acks:
                    proc.send_signal(signal.SIGKILL)
                    break
    finally:
        proc.kill()
        proc.wait(timeout=30)
        proc.stdout.close()
    return acked


def test_the_journals_own_wal_is_applied_after_every_kill(tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    rng = random.Random(15)
    kept = 0
    for _round in range(5):
        # Up to ~1500 pages per round: the WAL passes SQLite's automatic checkpoint (1000 pages)
        # and starts over, so later WALs begin after a reset.
        acked = write_until_killed(folder, rng.randint(5, 300))
        assert (folder / "journal.sqlite3-wal").exists()
        journal = Journal(folder)  # raises StrayWalError if the heuristics misjudged it
        try:
            kept += journal.prepared.kept is not None
            ticked = {e.day for e in journal.metrics.entries()}
            assert set(acked) <= ticked
            assert journal.db.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            journal.close()
    assert kept == 5

"""The process killed (SIGKILL) in the middle of a burst of writes: on restart the journal passes
``PRAGMA integrity_check`` and holds every write acknowledged before the kill."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

WRITER = r"""
import sys
from datetime import timedelta
from pathlib import Path
from plasticity_app.controller.journal import Journal
from plasticity_app.domain.metrics import PRESETS

journal = Journal(Path(sys.argv[1]))
metrics = journal.metrics.active() or [
    journal.metrics.add(p.name, p.direction, p.description) for p in PRESETS[:2]
]
habit = journal.habits.habits()[0].id if journal.habits.habits() else journal.habits.add_habit(
    "Walk", "yes_no"
)
today = journal.ctx.today()
print("READY", flush=True)
for i in range(1, 3000):
    day = today - timedelta(days=i)
    journal.metrics.check_in(day, {m.id: i % 11 for m in metrics}, f"Day {i}. " * 20)
    journal.habits.toggle(habit, day)
    print("ACK", day.isoformat(), flush=True)
"""

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")


@pytest.mark.parametrize("kill_after", [1, 25, 120])
def test_acknowledged_writes_survive_a_kill(tmp_path: Path, kill_after: int) -> None:
    folder = tmp_path / "journal"
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
                if len(acked) >= kill_after:
                    proc.send_signal(signal.SIGKILL)
                    break
    finally:
        proc.kill()
        proc.wait(timeout=30)
        proc.stdout.close()
    assert len(acked) >= kill_after
    db = folder / "journal.sqlite3"
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rated = {
            date.fromisoformat(row[0][:10])
            for row in conn.execute("SELECT DISTINCT day FROM metric_entry")
        }
        ticked = {
            date.fromisoformat(row[0][:10]) for row in conn.execute("SELECT day FROM habit_entry")
        }
    finally:
        conn.close()
    missing = [d for d in acked if d not in rated or d not in ticked]
    assert not missing, f"acknowledged but lost: {missing[:5]}"
    # The app opens it again and can keep writing.
    from plasticity_app.controller.journal import Journal

    journal = Journal(folder)
    try:
        assert journal.db.quick_check() == "ok"
        assert len(journal.habits.entries()) >= kill_after
    finally:
        journal.close()

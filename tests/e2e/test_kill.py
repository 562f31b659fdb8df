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


IMPORTER = r"""
import sys
from pathlib import Path
from plasticity_app.controller.journal import Journal

journal = Journal(Path(sys.argv[1]))
print("START", flush=True)
journal.imports.import_file(Path(sys.argv[2]))
print("DONE", flush=True)
"""


def big_export(path: Path, days: int) -> int:
    import json
    from datetime import timedelta

    start = date(2016, 1, 1)
    entries = [
        {"metric_id": m, "date": (start + timedelta(days=i)).isoformat(), "value": (i + m) % 11}
        for i in range(days)
        for m in (1, 2, 3)
    ]
    document = {
        "format": "plasticity-journal",
        "schema_version": 2,
        "metrics": [{"id": m, "name": f"Outcome {m}", "direction": "higher"} for m in (1, 2, 3)],
        "metric_entries": entries,
        "day_notes": [
            {"date": (start + timedelta(days=i)).isoformat(), "text": "A day. " * 30}
            for i in range(days)
        ],
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    return len(entries)


@pytest.mark.parametrize("delay", [0.0, 0.02, 0.05, 0.1, 0.3])
def test_a_killed_import_leaves_all_or_nothing(tmp_path: Path, delay: float) -> None:
    import time

    export = tmp_path / "big.json"
    total = big_export(export, 3650)
    folder = tmp_path / "journal"
    proc = subprocess.Popen(
        [sys.executable, "-c", IMPORTER, str(folder), str(export)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert proc.stdout is not None
    try:
        assert proc.stdout.readline().strip() == "START"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=60)
        proc.stdout.close()
    conn = sqlite3.connect(folder / "journal.sqlite3")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count = conn.execute("SELECT COUNT(*) FROM metric_entry").fetchone()[0]
        notes = conn.execute("SELECT COUNT(*) FROM day_note").fetchone()[0]
    finally:
        conn.close()
    assert (count, notes) in ((0, 0), (total, 3650)), f"a partial import: {count} ratings"

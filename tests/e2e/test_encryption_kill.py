"""Encryption turned on and off by a process killed (SIGKILL) at random moments: every start
afterwards finds every file in one state (all encrypted or all plain), no temporary file, and the
journal whole and readable with the right passphrase.

CI runs a few kills (``PLASTICITY_KILL_RUNS``, 12 by default); run hundreds by hand with
``PLASTICITY_KILL_RUNS=300 pytest -s tests/e2e/test_encryption_kill.py`` (the figures are printed).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from plasticity_app.db import cipher, conversion
from plasticity_app.db.database import JOURNAL_FILENAME, PassphraseNeededError
from plasticity_app.domain.clock import FixedClock

pytestmark = [
    pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX"),
    pytest.mark.skipif(not cipher.available(), reason="SQLCipher is not installed"),
]

SECRET = "a passphrase for the kill test"
RUNS = int(os.environ.get("PLASTICITY_KILL_RUNS", "12"))

CHANGER = r"""
import sys
from pathlib import Path
from plasticity_app.controller.journal import Journal
from plasticity_app.db.database import PassphraseNeededError

folder, secret = Path(sys.argv[1]), sys.argv[2]
try:
    journal = Journal(folder)  # a start: finishes or undoes a change a kill interrupted
except PassphraseNeededError:
    journal = Journal(folder, passphrase=secret)
print("OPEN", flush=True)
step = int(sys.argv[3])
if step:  # killed just before the change's step-th rename (a plan, the commit, a file, the marker)
    import os
    import signal

    real_replace, calls = os.replace, []

    def replace(*args, **kwargs):
        calls.append(args)
        if len(calls) == step:
            os.kill(os.getpid(), signal.SIGKILL)
        return real_replace(*args, **kwargs)

    os.replace = replace
if journal.safety.encrypted:
    journal.safety.turn_off_encryption(secret)
else:
    journal.safety.turn_on_encryption(secret, secret, delete_unreadable=True)
journal.close()
print("DONE", flush=True)
"""


def make_folder(folder: Path) -> int:
    """A journal with entries, three backups and a readable copy set aside; returns the number
    of check-ins it holds."""
    from plasticity_app.controller.journal import Journal
    from tests.helpers import add_presets, rate_days

    clock = FixedClock(datetime(2026, 11, 20, 9, 0))
    journal = Journal(folder, clock)
    rate_days(journal, add_presets(journal), 5)
    for hours in (0, 30, 60):
        journal.clock = FixedClock(clock.now() + timedelta(hours=hours))
        journal.safety.backup_now()
    count = len(journal.ctx.metrics_repo.entries())
    journal.close()
    aside = folder / f"{JOURNAL_FILENAME}.damaged-20261101-120000"
    aside.write_bytes((folder / JOURNAL_FILENAME).read_bytes())
    return count


def start_and_check(folder: Path, entries: int) -> str:
    """Start the app's journal as a person would, close it, and check every file. Returns
    "encrypted" or "plain"."""
    from plasticity_app.controller.journal import Journal

    try:
        journal = Journal(folder)
    except PassphraseNeededError:
        journal = Journal(folder, passphrase=SECRET)
    try:
        encrypted = journal.safety.encrypted
        assert len(journal.ctx.metrics_repo.entries()) == entries, "nothing lost"
        assert journal.safety.check() is None
        journal.safety.store.rotate()  # as the daily backup does: each change adds a backup
    finally:
        journal.close()
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    names = [p.relative_to(folder).as_posix() for p in files]
    expected = {JOURNAL_FILENAME} | ({cipher.MARKER_FILENAME} if encrypted else set())
    assert expected <= set(names)
    journals = [
        p
        for p in files
        if p.name == JOURNAL_FILENAME
        or p in conversion.backups(folder)
        or p in conversion.set_aside(folder)
    ]
    strays = set(names) - expected - {p.relative_to(folder).as_posix() for p in journals}
    assert not strays, f"temporary or stray files left: {sorted(strays)}"
    assert len(conversion.set_aside(folder)) == 1, "the copy set aside is kept (converted)"
    for path in journals:
        if encrypted:
            assert not conversion.is_plain(path), f"{path.name} left plain"
            assert conversion.opens_with(path, SECRET), f"{path.name} unreadable"
        else:
            assert conversion.is_plain(path), f"{path.name} left encrypted"
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            finally:
                conn.close()
    return "encrypted" if encrypted else "plain"


def run_changer(folder: Path, kill: tuple[str, float] | None) -> tuple[bool, float, float]:
    """Start a process that opens the journal and turns encryption on (or off). ``kill``: ("start",
    s) kills it s seconds after launch (while it starts, finishing or undoing an earlier change),
    ("change", s) s seconds into the change, ("step", n) just before the change's n-th rename;
    None lets it finish. Returns (killed, seconds to open, seconds the change took)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    step = int(kill[1]) if kill is not None and kill[0] == "step" else 0
    began = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-c", CHANGER, str(folder), SECRET, str(step)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    opened = changed = 0.0
    try:
        if kill is not None and kill[0] == "start":
            proc.wait(timeout=kill[1])
        else:
            line = proc.stdout.readline()
            opened = time.monotonic() - began
            if line.startswith("OPEN"):
                proc.wait(timeout=kill[1] if kill is not None and not step else 120)
                changed = time.monotonic() - began - opened
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=60)
    if proc.returncode == -signal.SIGKILL:
        return True, opened, changed
    assert proc.returncode == 0, err
    assert "DONE" in out
    return False, opened, changed


def test_encryption_on_and_off_survive_kills_at_random_moments(tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    entries = make_folder(folder)
    seed = int(os.environ.get("PLASTICITY_KILL_SEED", "15"))
    rng = random.Random(seed)
    # One whole change each way sets how long a run takes; kills fall anywhere in it.
    killed, on_open, on_change = run_changer(folder, None)
    assert not killed and start_and_check(folder, entries) == "encrypted"
    killed, off_open, off_change = run_changer(folder, None)
    assert not killed and start_and_check(folder, entries) == "plain"
    figures: Counter[str] = Counter()
    state = "plain"
    for _ in range(RUNS):
        direction = "on" if state == "plain" else "off"
        opening, changing = (on_open, on_change) if direction == "on" else (off_open, off_change)
        dice = rng.random()
        if dice < 0.2:
            kill = ("start", rng.uniform(0.0, opening * 1.2))
        elif dice < 0.6:
            kill = ("step", float(rng.randint(1, 10)))
        else:
            kill = ("change", rng.uniform(0.0, changing * 1.2))
        killed, _, _ = run_changer(folder, kill)
        after = start_and_check(folder, entries)
        outcome = {
            "start": "killed while starting",
            "change": "killed at a random moment of the change",
            "step": f"killed before rename {int(kill[1])}",
        }[kill[0]]
        figures[f"{direction}: {outcome if killed else 'finished'}, found {after}"] += 1
        state = after
    print(f"\n{RUNS} runs (seed {seed}):", dict(sorted(figures.items())))
    assert sum(figures.values()) == RUNS

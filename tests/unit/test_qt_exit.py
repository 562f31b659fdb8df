"""The process must exit cleanly after the change hub has emitted (PySide6 6.12.0 aborted at exit
after any ``Signal(object)`` emission: every test run and every app session ended in a crash)."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
from plasticity_app.controller.base import ChangeHub
hubs = []
for _ in range(8):
    hub = ChangeHub()
    hub.changed.connect(lambda change: None)
    for _ in range(50):
        hub.notify("checkin", "Saved")
    hubs.append(hub)
print("ok")
"""


def test_the_process_exits_cleanly_after_changes_were_announced() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"

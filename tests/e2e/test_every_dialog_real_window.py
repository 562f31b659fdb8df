"""Every menu action and every dialog of the main window, opened in a real X window, painted and
closed with Escape, on the demo journal and on a fresh one. The process must not die (Ctrl+P
once crashed it: a QPrinter freed under an open preview) and Qt must not warn."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.xvfb import xvfb_display

CHILD = Path(__file__).with_name("real_window_child.py")


def test_every_menu_action_and_dialog_opens_and_closes_with_escape(tmp_path: Path) -> None:
    with xvfb_display() as display:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        env.pop("WAYLAND_DISPLAY", None)
        out = subprocess.run(
            [sys.executable, str(CHILD), str(tmp_path)],
            capture_output=True,
            text=True,
            env=env,
            timeout=600,  # about 30 s on an idle machine; generous for a loaded one
        )
    report = out.stdout + out.stderr
    assert out.returncode == 0, report  # -11: the segmentation fault of the old Ctrl+P
    assert "PROBLEM" not in out.stdout, report
    steps = [line for line in out.stdout.splitlines() if line.startswith("step: ")]
    for expected in (
        "step: File → Print weekly summary…",
        "step: Habits → note for Gratitude note",
        "step: Experiments → thought record",
        "step: Help → About Plasticity Journal",
        "step: File → Quit",
    ):
        assert expected in steps, report
    assert out.stdout.count("journal: ") == 2 and out.stdout.rstrip().endswith("done"), report

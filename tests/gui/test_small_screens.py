"""Every tab and dialog fits a 1366×768 screen with a taskbar and a 1024×600 one.

The checks are in ``screens_inner.py``; they run in a second pytest process because the screens
are the offscreen platform's, fixed when the application starts (the usual one is 800×600).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.gui.screens_inner import SCREENS

ROOT = Path(__file__).resolve().parents[2]


def test_every_tab_and_dialog_fits_both_screens(tmp_path: Path) -> None:
    left = 0
    screens = []
    for name, (width, height) in SCREENS.items():
        screens.append(
            {
                "name": name,
                "x": left,
                "y": 0,
                "width": width,
                "height": height,
                "logicalDpi": 96,
                "logicalBaseDpi": 96,
                "dpr": 1,
            }
        )
        left += width
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": screens}), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-rs",
            str(Path(__file__).with_name("screens_inner.py")),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=600,
    )
    assert out.returncode == 0, out.stdout[-20000:] + out.stderr[-5000:]
    assert "2 passed" in out.stdout, out.stdout[-5000:]

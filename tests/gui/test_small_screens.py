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

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
)
from pytestqt.qtbot import QtBot

from tests.gui.screen_fit import window_problems
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


def test_the_checks_find_what_is_cut_off(qtbot: QtBot) -> None:
    """The checks themselves: each kind of defect they look for is reported."""
    window = QDialog()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    label = QLabel("A sentence far too long for the room it is given")
    label.setFixedWidth(60)
    button = QPushButton("Experiments")
    button.setFixedWidth(30)
    check = QCheckBox("at most")
    check.setFixedWidth(20)
    wrapped = QLabel("Wrapped text that needs several lines at this width, " * 3)
    wrapped.setWordWrap(True)
    wrapped.setFixedSize(120, 20)
    table = QTableWidget(3, 12)
    table.setFixedWidth(200)
    table.setHorizontalHeaderLabels(["A very long column title"])
    table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideNone)
    table.setColumnWidth(0, 40)
    for widget in (label, button, check, wrapped, table):
        layout.addWidget(widget)
    stray = QLabel("Outside", window)
    stray.setGeometry(1200, 10, 80, 20)
    window.resize(1040, 780)
    window.show()
    qtbot.waitExposed(window)
    found = "\n".join(window_problems(window, QRect(0, 0, 1366, 720)))
    assert "larger than the 1366×720 available" in found
    for text in (
        "A sentence far",
        "Experiments",
        "at most",
        "Wrapped text",
        "Outside",
        "A very long column title",
    ):
        assert text in found, text
    assert "hides columns behind a horizontal scroll bar" in found
    window.resize(400, 500)
    window.move(1200, 0)
    found = "\n".join(window_problems(window, QRect(0, 0, 1366, 720)))
    assert "reaches outside the screen" in found

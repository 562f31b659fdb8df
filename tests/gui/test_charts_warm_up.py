"""The Charts tab's libraries are imported in the background once the window has been up a
moment, so that its first opening doesn't wait for them; quitting waits for that import."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import sys, time
from datetime import datetime
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from plasticity_app.controller.journal import Journal
from plasticity_app.domain.clock import FixedClock
from plasticity_app.ui import charts_tab
from plasticity_app.ui.main_window import MainWindow

charts_tab.WARM_UP_MS = 50
app = QApplication(sys.argv[:1])
folder = Path(sys.argv[1])
journal = Journal(folder, FixedClock(datetime(2026, 11, 23, 20, 0)))
window = MainWindow(journal, folder / "window.ini")
window.show()
assert "pyqtgraph" not in sys.modules, "imported before the window was up"
tab = window.tabs.widget(window.tab_keys.index("charts"))
deadline = time.monotonic() + 60
while "pyqtgraph" not in sys.modules and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.01)
assert "pyqtgraph" in sys.modules, "never imported"
assert tab.view is None, "the charts were built without being asked for"
window.show_tab("charts")
app.processEvents()
assert tab.view is not None
QTimer.singleShot(0, window.close)
QTimer.singleShot(0, app.quit)
app.exec()
journal.close()
print("ok")
"""


def test_the_charts_libraries_are_ready_before_the_tab_is_opened(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "journal")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().endswith("ok")

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from plasticity_app.controller.journal import Journal
from plasticity_app.domain.clock import FixedClock
from plasticity_app.ui.main_window import MainWindow
from plasticity_app.ui.style import apply_theme


@pytest.fixture
def window(qtbot: QtBot, journal: Journal, tmp_path: Path) -> Iterator[MainWindow]:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "system")
    win = MainWindow(journal, tmp_path / "window.ini")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


@pytest.fixture
def demo_journal(tmp_path: Path, clock: FixedClock) -> Iterator[Any]:
    from plasticity_app.controller.demo_all import seed_full_demo

    j = Journal(tmp_path / "demo", clock)
    seed_full_demo(j)
    yield j
    j.close()

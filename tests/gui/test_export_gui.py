from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from plasticity_app.ui.main_window import MainWindow
from tests.helpers import add_presets, rate_days


def test_export_runs_off_the_ui_thread_and_confirms(
    window: MainWindow, journal: Any, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    metrics = add_presets(journal)
    rate_days(journal, metrics, 3)
    target = tmp_path / "out.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.export_action.trigger()
    qtbot.waitUntil(lambda: "Exported to" in window.statusBar().currentMessage(), timeout=5000)
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert len(doc["metric_entries"]) == 6


def test_export_failure_is_shown(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "no" / "x.json"), "")
    )
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    window.export_action.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert "does not exist" in shown[0]

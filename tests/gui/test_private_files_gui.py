"""Files the window writes are the person's alone (0600, folders 0700) whatever the umask, and a
full disk leaves none of them half-written; Qt's file dialog keeps its history in the journal's
private folder, not in ~/.config."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from plasticity_app.ui.main_window import MainWindow
from tests.faults import file_quota, umask
from tests.helpers import add_presets, rate_days


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def save_pdf_to(window: MainWindow, target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.pdf_action.trigger()


def test_the_summary_pdf_is_private(
    window: MainWindow, journal: Any, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rate_days(journal, add_presets(journal), 10)
    target = tmp_path / "summary.pdf"
    with umask(0o022):
        save_pdf_to(window, target, monkeypatch)
        qtbot.waitUntil(lambda: "Saved the weekly summary" in window.statusBar().currentMessage())
    assert target.read_bytes().startswith(b"%PDF")
    assert mode(target) == 0o600


def test_a_summary_pdf_the_disk_refuses_leaves_nothing(
    window: MainWindow, journal: Any, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rate_days(journal, add_presets(journal), 10)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    folder = tmp_path / "out"
    folder.mkdir()
    with file_quota(journal):
        save_pdf_to(window, folder / "summary.pdf", monkeypatch)
        qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert shown == [
        "Your disk is full: summary.pdf was not written. Free some space and try again (nothing "
        "half-written was left behind)."
    ]
    assert os.listdir(folder) == [], "no empty or temporary PDF left behind"


def test_csv_and_json_exports_are_private(journal: Any, tmp_path: Path) -> None:
    rate_days(journal, add_presets(journal), 3)
    with umask(0o022):
        journal.export.write_csv(tmp_path / "csv")
        journal.export.write_json(tmp_path / "journal.json")
    assert mode(tmp_path / "csv") == 0o700
    assert {mode(p) for p in (tmp_path / "csv").iterdir()} == {0o600}
    assert mode(tmp_path / "journal.json") == 0o600


def test_the_file_dialogs_history_stays_in_the_journal_folder(qtbot: QtBot, tmp_path: Path) -> None:
    from plasticity_app.ui.privacy import keep_qt_settings_in

    data_dir = tmp_path / "journal"
    data_dir.mkdir(mode=0o700)
    visited = tmp_path / "a folder the person visited"
    visited.mkdir()
    config = Path(os.environ["XDG_CONFIG_HOME"])
    try:
        with umask(0o022):
            where = keep_qt_settings_in(data_dir)
            dialog = QFileDialog(None, "Export", str(visited))
            dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
            dialog.setDirectory(str(visited))
            del dialog  # Qt's file dialog writes its history when it is destroyed
            import gc

            gc.collect()
        assert where.parent == data_dir and where.exists()
        assert "a%20folder%20the%20person%20visited" in where.read_text(encoding="utf-8")
        assert mode(where) == 0o600
        assert not list(config.rglob("QtProject*")), "nothing about visited folders in ~/.config"
    finally:
        QSettings.setDefaultFormat(QSettings.Format.NativeFormat)
        for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
            QSettings.setPath(fmt, QSettings.Scope.UserScope, str(config))

"""Backups, restore, encryption, a damaged file and a second instance, from the window."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLockFile, QSysInfo, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from plasticity_app.controller.journal import Journal
from plasticity_app.db import cipher
from plasticity_app.db.database import JOURNAL_FILENAME
from plasticity_app.ui import journal_opening
from plasticity_app.ui.backups_dialog import BackupsDialog
from plasticity_app.ui.encryption_widgets import EncryptionSection, PassphraseForm
from plasticity_app.ui.main_window import MainWindow
from tests.helpers import add_presets, rate_days


def when_modal(kind: type, act: Callable[[Any], None]) -> None:
    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind):
            act(widget)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)


def test_back_up_now_then_restore_it(
    window: MainWindow, journal: Any, clock: Any, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    metrics = add_presets(journal)
    rate_days(journal, metrics, 2)
    window.backups_action.trigger()
    dialog = window.backups_dialog
    assert isinstance(dialog, BackupsDialog)
    assert dialog.table.rowCount() == 0
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == "Made by you"
    clock.current += timedelta(seconds=3)
    rate_days(journal, metrics, 5)
    assert window.undo_stack.count() > 0
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.table.selectRow(dialog.table.rowCount() - 1)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert len(journal.ctx.metrics_repo.entries()) == 4
    assert window.undo_stack.count() == 0, "old steps can't be replayed on the restored file"
    assert "Restored the backup" in window.statusBar().currentMessage()
    reasons = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
    assert "Before a restore" in reasons
    dialog.close()


@pytest.mark.skipif(not cipher.available(), reason="SQLCipher is not installed")
def test_encrypt_from_preferences(journal: Any, qtbot: QtBot) -> None:
    section = EncryptionSection(journal.safety)
    qtbot.addWidget(section)
    assert section.on_button.isEnabled() and not section.change_button.isVisibleTo(section)
    form = PassphraseForm(journal.safety, "on")
    qtbot.addWidget(form)
    qtbot.keyClicks(form.new, "a long passphrase")
    qtbot.keyClicks(form.repeat, "a long passphrasE")
    form.apply()
    assert form.error.isVisibleTo(form) and "not the same" in form.error.text()
    assert not journal.safety.encrypted
    form.repeat.clear()
    qtbot.keyClicks(form.repeat, "a long passphrase")
    form.apply()
    assert journal.safety.encrypted
    section.refresh()
    assert section.change_button.isVisibleTo(section)
    assert "encrypted" in section.state.text()


def test_a_second_instance_is_refused_and_a_stale_lock_recovered(tmp_path: Path) -> None:
    first = journal_opening.acquire_lock(tmp_path)
    assert first is not None
    assert journal_opening.acquire_lock(tmp_path) is None
    first.unlock()
    # A lock left by a process that no longer exists is taken over.
    stale = tmp_path / journal_opening.LOCK_FILENAME
    host = QSysInfo.machineHostName()
    stale.write_text(f"999999\nplasticity-journal\n{host}\n", encoding="utf-8")
    lock = journal_opening.acquire_lock(tmp_path)
    assert lock is not None and lock.isLocked()
    lock.unlock()
    assert QLockFile  # the lock is Qt's own


def test_a_damaged_journal_offers_the_newest_good_backup(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = Journal(tmp_path)
    rate_days(journal, add_presets(journal), 3)
    journal.safety.backup_now()
    journal.close()
    damaged = b"\x00garbage, not a database\x00" * 100
    (tmp_path / JOURNAL_FILENAME).write_bytes(damaged)
    (tmp_path / (JOURNAL_FILENAME + "-wal")).unlink(missing_ok=True)

    def choose_restore(box: QMessageBox) -> None:
        assert "looks damaged" in box.text()
        assert "moved aside" in box.informativeText()
        button = next(
            b for b in box.buttons() if isinstance(b, QPushButton) and "Restore" in b.text()
        )
        button.click()

    when_modal(QMessageBox, choose_restore)
    opened = journal_opening.open_journal(None, tmp_path)
    assert opened is not None
    try:
        assert len(opened.ctx.metrics_repo.entries()) == 6
    finally:
        opened.close()
    aside = list(tmp_path.glob(JOURNAL_FILENAME + ".damaged-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == damaged


@pytest.mark.skipif(not cipher.available(), reason="SQLCipher is not installed")
def test_an_encrypted_journal_asks_for_its_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = Journal(tmp_path)
    journal.safety.turn_on_encryption("a long passphrase", "a long passphrase")
    journal.close()
    answers = iter(["wrong passphrase", "a long passphrase"])
    errors: list[str] = []

    def ask(parent: object, error: str = "") -> str | None:
        errors.append(error)
        return next(answers)

    monkeypatch.setattr(journal_opening, "ask_passphrase", ask)
    opened = journal_opening.open_journal(None, tmp_path)
    assert opened is not None and opened.safety.encrypted
    opened.close()
    assert errors[0] == "" and "doesn’t open this journal" in errors[1]
    monkeypatch.setattr(journal_opening, "ask_passphrase", lambda *a, **k: None)
    assert journal_opening.open_journal(None, tmp_path) is None

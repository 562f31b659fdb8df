"""Encryption from the window: the copies set aside asked about, an encrypted backup restored
after its passphrase is typed, and the app without SQLCipher."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
)
from pytestqt.qtbot import QtBot

from plasticity_app.controller.journal import Journal
from plasticity_app.db import cipher, conversion
from plasticity_app.db.database import JOURNAL_FILENAME
from plasticity_app.ui.backups_dialog import BackupsDialog
from plasticity_app.ui.encryption_widgets import EncryptionSection, PassphraseForm
from plasticity_app.ui.main_window import MainWindow
from tests.helpers import add_presets, rate_days

needs_cipher = pytest.mark.skipif(not cipher.available(), reason="SQLCipher is not installed")
SECRET = "a long passphrase"
GARBAGE = b"\x00not a database any more\x00" * 64


def when_modal(kind: type, act: Callable[[Any], None]) -> None:
    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind):
            act(widget)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)


def click(box: QMessageBox, label: str) -> None:
    next(b for b in box.buttons() if isinstance(b, QPushButton) and b.text() == label).click()


def fill_on_form(qtbot: QtBot, journal: Any) -> PassphraseForm:
    form = PassphraseForm(journal.safety, "on")
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.new, SECRET)
    qtbot.keyClicks(form.repeat, SECRET)
    return form


def press_ok(qtbot: QtBot, form: PassphraseForm) -> None:
    buttons = form.findChild(QDialogButtonBox)
    assert buttons is not None
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


@needs_cipher
def test_turning_encryption_on_asks_about_copies_set_aside(
    journal: Any, data_dir: Path, qtbot: QtBot
) -> None:
    rate_days(journal, add_presets(journal), 3)
    readable = data_dir / f"{JOURNAL_FILENAME}.damaged-20261101-120000"
    readable.write_bytes((data_dir / JOURNAL_FILENAME).read_bytes())
    unreadable = data_dir / f"{JOURNAL_FILENAME}.damaged-20261102-120000"
    unreadable.write_bytes(GARBAGE)
    form = fill_on_form(qtbot, journal)
    asked: list[str] = []

    def cancel(box: QMessageBox) -> None:
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Cancel).click()

    when_modal(QMessageBox, cancel)
    press_ok(qtbot, form)
    assert asked == [
        "Your journal’s folder also holds 2 copies of it set aside earlier (damaged, or kept "
        "before a repair)."
    ]
    assert not journal.safety.encrypted and form.isVisible(), "cancelled: nothing changed"
    assert unreadable.read_bytes() == GARBAGE and conversion.is_plain(readable)

    when_modal(QMessageBox, lambda box: click(box, "Delete the unreadable ones"))
    press_ok(qtbot, form)
    assert journal.safety.encrypted and not form.isVisible()
    assert not unreadable.exists()
    assert not conversion.is_plain(readable) and conversion.opens_with(readable, SECRET)


@needs_cipher
def test_keeping_the_copies_set_aside(journal: Any, data_dir: Path, qtbot: QtBot) -> None:
    unreadable = data_dir / f"{JOURNAL_FILENAME}.damaged-20261102-120000"
    unreadable.write_bytes(GARBAGE)
    form = fill_on_form(qtbot, journal)
    when_modal(QMessageBox, lambda box: click(box, "Keep them"))
    press_ok(qtbot, form)
    assert journal.safety.encrypted and unreadable.read_bytes() == GARBAGE


@needs_cipher
def test_an_encrypted_backup_is_restored_after_its_passphrase_is_typed(
    window: MainWindow,
    journal: Any,
    data_dir: Path,
    clock: Any,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    metrics = add_presets(journal)
    rate_days(journal, metrics, 2)
    journal.safety.turn_on_encryption(SECRET, SECRET)
    backup = journal.safety.backup_now()
    kept = backup.read_bytes()
    journal.safety.turn_off_encryption(SECRET)
    backup.write_bytes(kept)  # as if made by a version that left backups encrypted
    clock.current += timedelta(seconds=5)
    rate_days(journal, metrics, 6)
    window.backups_action.trigger()
    dialog = window.backups_dialog
    assert isinstance(dialog, BackupsDialog)
    row = next(r for r in range(dialog.table.rowCount()) if dialog._backups[r].path == backup)
    dialog.table.selectRow(row)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    prompts: list[str] = []
    answers = iter(["not the passphrase", SECRET])

    def type_passphrase(box: QInputDialog) -> None:
        prompts.append(box.labelText())
        edit = box.findChild(QLineEdit)
        assert edit is not None and edit.echoMode() == QLineEdit.EchoMode.Password
        qtbot.keyClicks(edit, next(answers))
        qtbot.keyClick(edit, Qt.Key.Key_Return)
        if len(prompts) < 2:
            QTimer.singleShot(50, lambda: when_modal(QInputDialog, type_passphrase))

    when_modal(QInputDialog, type_passphrase)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert prompts == [
        "This backup is encrypted. Enter the passphrase it was made with.",
        "That passphrase doesn’t open this backup. Check it and try again.",
    ]
    assert not journal.safety.encrypted
    assert len(journal.ctx.metrics_repo.entries()) == 4
    assert dialog.message.text().startswith("Restored the backup from")
    assert conversion.is_plain(data_dir / JOURNAL_FILENAME)
    dialog.close()


def test_without_sqlcipher_the_app_works_and_says_why_encryption_is_off(
    data_dir: Path, clock: Any, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where no sqlcipher3 wheel exists the package is not installed: the journal opens as
    before and Preferences says encryption isn't available."""
    monkeypatch.setitem(sys.modules, "sqlcipher3", None)  # import sqlcipher3 -> ImportError
    assert not cipher.available()
    journal = Journal(data_dir, clock)
    try:
        rate_days(journal, add_presets(journal), 2)
        section = EncryptionSection(journal.safety)
        qtbot.addWidget(section)
        assert not section.on_button.isEnabled()
        assert "isn’t available for this system" in section.state.text()
        with pytest.raises(cipher.EncryptionUnavailableError):
            journal.safety.turn_on_encryption(SECRET, SECRET)
        assert len(journal.ctx.metrics_repo.entries()) == 4
    finally:
        journal.close()

"""`check`: the journal's integrity and its backups; encrypted journals from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from plasticity_app.cli import main
from plasticity_app.controller.journal import Journal
from plasticity_app.db import cipher
from plasticity_app.db.database import JOURNAL_FILENAME


def test_check_a_healthy_journal_with_a_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = Journal(tmp_path)
    journal.safety.backup_now()
    journal.close()
    assert main(["check", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Integrity: ok" in out
    assert "Made by you" in out


def test_check_a_damaged_journal_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / JOURNAL_FILENAME).write_bytes(b"\x00\x01garbage" * 50)
    before = (tmp_path / JOURNAL_FILENAME).read_bytes()
    assert main(["check", "--data-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("plasticity-journal: ") and "journal.sqlite3" in err
    assert (tmp_path / JOURNAL_FILENAME).read_bytes() == before


@pytest.mark.skipif(not cipher.available(), reason="SQLCipher is not installed")
def test_an_encrypted_journal_needs_its_passphrase(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = Journal(tmp_path)
    journal.safety.turn_on_encryption("a long passphrase", "a long passphrase")
    journal.close()
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["status", "--data-dir", str(tmp_path)]) == 1
    assert "PLASTICITY_PASSPHRASE" in capsys.readouterr().err
    monkeypatch.setenv("PLASTICITY_PASSPHRASE", "wrong passphrase")
    assert main(["status", "--data-dir", str(tmp_path)]) == 1
    assert "doesn’t open this journal" in capsys.readouterr().err
    monkeypatch.setenv("PLASTICITY_PASSPHRASE", "a long passphrase")
    assert main(["check", "--data-dir", str(tmp_path)]) == 0
    assert "Encrypted: yes" in capsys.readouterr().out

"""Backups, restore, damaged files and encryption, as the controllers offer them."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from plasticity_app.controller.journal import Journal
from plasticity_app.db import backups as bk
from plasticity_app.db import cipher
from plasticity_app.db.database import JOURNAL_FILENAME, NotAJournalError, PassphraseNeededError
from plasticity_app.domain.clock import FixedClock
from plasticity_app.domain.errors import UserError
from tests.helpers import add_presets, rate_days

SECRET = "correct horse battery staple"
needs_cipher = pytest.mark.skipif(not cipher.available(), reason="SQLCipher is not installed")


def test_backup_now_and_the_daily_backup_with_rotation(journal: Any, clock: FixedClock) -> None:
    rate_days(journal, add_presets(journal), 2)
    assert journal.safety.backup_if_due() is not None
    assert journal.safety.backup_if_due() is None, "not due again the same day"
    made = journal.safety.backup_now()
    assert made.exists() and made.stat().st_mode & 0o077 == 0
    listed = journal.safety.backups()
    # One a day is kept: the newest of the day replaces the earlier one in the rotation.
    assert [b.reason for b in listed] == ["manual"]
    assert bk.check_file(made) is None
    # Forty days of daily backups keep at most 7 daily + 4 weekly.
    for _ in range(40):
        clock.current += timedelta(days=1)
        journal.safety.backup_if_due()
    assert 7 <= len(journal.safety.backups()) <= 11


def test_restore_puts_the_backup_back_and_keeps_the_present(
    journal: Any, clock: FixedClock
) -> None:
    metrics = add_presets(journal)
    rate_days(journal, metrics, 3)
    backup = journal.safety.backup_now()
    clock.current += timedelta(seconds=5)
    rate_days(journal, metrics, 6)
    assert len(journal.ctx.metrics_repo.entries()) == 12
    seen: list[str] = []
    journal.hub.changed.connect(lambda change: seen.append(change.area))
    cleared: list[bool] = []
    journal.history.cleared.connect(lambda: cleared.append(True))
    safety = journal.safety.restore(backup)
    assert len(journal.ctx.metrics_repo.entries()) == 6
    assert seen == ["restore"] and cleared == [True]
    assert "before-restore" in safety.name
    # The journal keeps working after the swap, and the safety copy holds the present.
    journal.metrics.check_in(journal.ctx.today() - timedelta(days=10), {m.id: 3 for m in metrics})
    assert bk.check_file(safety) is None


def test_a_damaged_backup_is_refused_and_nothing_changes(journal: Any, tmp_path: Path) -> None:
    rate_days(journal, add_presets(journal), 2)
    bad = tmp_path / "journal-20261101-100000-manual.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(UserError, match="can’t be restored"):
        journal.safety.restore(bad)
    assert len(journal.ctx.metrics_repo.entries()) == 4


def test_a_damaged_journal_is_moved_aside_byte_for_byte(tmp_path: Path) -> None:
    folder = tmp_path / "j"
    folder.mkdir()
    path = folder / JOURNAL_FILENAME
    garbage = b"this is not a database at all " * 100
    path.write_bytes(garbage)
    with pytest.raises(NotAJournalError):
        Journal(folder)
    assert path.read_bytes() == garbage, "never overwritten"
    moved = bk.move_aside(path, datetime(2026, 11, 24, 9, 30))
    assert moved.name == "journal.sqlite3.damaged-20261124-093000"
    assert moved.read_bytes() == garbage and not path.exists()
    again = folder / JOURNAL_FILENAME
    again.write_bytes(garbage)
    second = bk.move_aside(again, datetime(2026, 11, 24, 9, 30))
    assert second != moved and moved.read_bytes() == garbage


def test_a_truncated_journal_is_detected(journal: Any, data_dir: Path) -> None:
    rate_days(journal, add_presets(journal), 30)
    journal.close()
    path = data_dir / JOURNAL_FILENAME
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(NotAJournalError):
        Journal(data_dir)


@needs_cipher
def test_encryption_on_change_off(journal: Any, data_dir: Path, clock: FixedClock) -> None:
    metrics = add_presets(journal)
    rate_days(journal, metrics, 3)
    journal.safety.backup_now()
    with pytest.raises(UserError, match="not the same"):
        journal.safety.turn_on_encryption(SECRET, SECRET + "!")
    journal.safety.turn_on_encryption(SECRET, SECRET)
    assert journal.safety.encrypted
    assert len(journal.ctx.metrics_repo.entries()) == 6
    journal.metrics.check_in(journal.ctx.today() - timedelta(days=5), {m.id: 2 for m in metrics})
    assert b"Self-criticism" not in (data_dir / JOURNAL_FILENAME).read_bytes()
    assert all(cipher.looks_encrypted(b.path) for b in journal.safety.backups()), "backups too"
    journal.close()

    with pytest.raises(PassphraseNeededError):
        Journal(data_dir, clock)
    with pytest.raises(cipher.WrongPassphraseError):
        Journal(data_dir, clock, passphrase="not it at all")
    journal = Journal(data_dir, clock, passphrase=SECRET)
    assert len(journal.ctx.metrics_repo.entries()) == 8
    with pytest.raises(cipher.WrongPassphraseError):
        journal.safety.change_passphrase("wrong one", "new passphrase!", "new passphrase!")
    journal.safety.change_passphrase(SECRET, "new passphrase!", "new passphrase!")
    for backup in journal.safety.backups():
        assert bk.check_file(backup.path, "new passphrase!") is None
    journal.safety.turn_off_encryption("new passphrase!")
    assert not journal.safety.encrypted
    journal.close()
    journal = Journal(data_dir, clock)
    assert len(journal.ctx.metrics_repo.entries()) == 8
    journal.close()


def test_two_backups_in_one_second_keep_the_one_just_made(journal: Any) -> None:
    add_presets(journal)
    first = journal.safety.backup_now()
    second = journal.safety.backup_now()  # the same second (the clock stands still)
    assert second != first
    assert second.exists(), "the rotation never deletes the backup it has just made"
    assert [b.path for b in journal.safety.backups()] == [second]
    third = journal.safety.backup_now()
    assert third.exists() and [b.path for b in journal.safety.backups()] == [third]

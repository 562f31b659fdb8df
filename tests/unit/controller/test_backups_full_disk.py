"""Backups on a full disk: refused in plain words, nothing half-written left behind, an empty file
never counted as a backup, and the daily backup made at the next chance once there is room."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from plasticity_app.cli import main
from plasticity_app.controller.journal import Journal
from plasticity_app.db.database import JOURNAL_FILENAME, WriteRefusedError
from plasticity_app.domain import backup_policy as bp
from plasticity_app.domain.clock import FixedClock
from tests.faults import file_quota
from tests.helpers import add_presets, rate_days


def files_in(folder: Path) -> list[str]:
    """The files in ``folder`` (SQLite's own -wal and -shm of an open or unclosed journal aside)."""
    if not folder.exists():
        return []
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(("-wal", "-shm")))


def test_backup_now_on_a_full_disk_leaves_nothing_and_says_so(journal: Any) -> None:
    rate_days(journal, add_presets(journal), 3)
    with file_quota(), pytest.raises(WriteRefusedError) as caught:
        journal.safety.backup_now()
    assert caught.value.message.startswith("The disk reported an error: the backup was not made.")
    assert files_in(journal.backup_dir) == [], "no empty, partial or temporary backup"
    assert journal.safety.backups() == []
    made = journal.safety.backup_now()  # room again
    assert files_in(journal.backup_dir) == [made.name]


def test_the_daily_backup_is_made_at_the_next_chance_once_there_is_room(
    journal: Any, clock: FixedClock
) -> None:
    metrics = add_presets(journal)
    said: list[str] = []
    journal.hub.changed.connect(lambda change: said.append(change.message))
    with file_quota():
        assert journal.safety.backup_if_due() is None  # at start: the disk refuses
    assert files_in(journal.backup_dir) == []
    assert said == [
        "The disk reported an error: the backup was not made. Your journal is fine, "
        "but check the disk."
    ], "said once, in the status bar"
    journal.metrics.rate(metrics[0].id, journal.ctx.today(), 5)
    assert files_in(journal.backup_dir) == [], "not tried again at once"
    clock.advance(minutes=6)
    journal.metrics.rate(metrics[0].id, journal.ctx.today(), 6)  # the next chance after a while
    backups = journal.safety.backups()
    assert [b.reason for b in backups] == ["daily"]
    assert "The daily backup that couldn’t be made earlier is made now." in said
    assert journal.safety.backup_if_due() is None


def test_an_empty_backup_left_by_an_older_version_is_no_backup(
    journal: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    add_presets(journal)
    now = journal.ctx.clock.now()
    journal.backup_dir.mkdir(mode=0o700)
    empty = journal.backup_dir / bp.file_name(now, "daily")
    empty.write_bytes(b"")
    assert journal.safety.backups() == [], "not listed as a backup"
    made = journal.safety.backup_if_due()
    assert made is not None, "an empty file doesn't make the daily backup wait a day"
    assert made != empty and empty.exists(), "the stray file is kept, never overwritten"
    data_dir = journal.data_dir
    journal.close()
    assert main(["check", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "Backups in" in out and out.count("Automatic (daily)") == 1
    assert " 0 KB" not in out


def test_check_says_which_backup_is_unreadable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = Journal(tmp_path)
    made = journal.safety.backup_now()
    journal.close()
    made.write_bytes(b"not a journal at all " * 100)
    assert main(["check", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Made by you" in out and "UNREADABLE" in out


def test_a_new_journal_on_a_full_disk_leaves_no_empty_file(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    with file_quota(), pytest.raises(WriteRefusedError) as caught:
        Journal(folder, FixedClock())
    assert "was not saved" in caught.value.message
    assert files_in(folder) == [], "no 0-byte journal.sqlite3 (nor WAL files) left"
    journal = Journal(folder, FixedClock())  # room again: a new journal as usual
    assert (folder / JOURNAL_FILENAME).stat().st_mode & 0o777 == 0o600
    journal.close()


def test_the_cli_says_one_line_and_exits_1_when_the_disk_is_full(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = Journal(tmp_path, FixedClock())
    metrics = add_presets(journal)
    today = journal.ctx.today()
    for i in range(60):  # a journal and its exports well past the quota below
        day = today - timedelta(days=i)
        journal.metrics.check_in(day, {m.id: 5 for m in metrics}, f"Day {i}. " + "x" * 3000)
    journal.close()
    source = tmp_path / "in.json"
    assert main(["export", "--json", str(source), "--data-dir", str(tmp_path)]) == 0
    capsys.readouterr()
    before = files_in(tmp_path)
    for args in (
        ["export", "--json", str(tmp_path / "out.json")],
        ["export", "--csv", str(tmp_path / "csv")],
        ["import", str(source)],
    ):
        # Room to open the journal (its 32 KB shared-memory file), none for the export, the
        # copy or the backup.
        with file_quota(limit=40_000):
            status = main([*args, "--data-dir", str(tmp_path)])
        captured = capsys.readouterr()
        assert status == 1, args
        lines = captured.err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("plasticity-journal: "), captured.err
        said = "nothing was imported" if args[0] == "import" else "was not written"
        assert said in lines[0] and "Traceback" not in captured.err, lines[0]
        left = [n for n in files_in(tmp_path) if n != "backups"]
        assert left == before, f"{args[0]} left something behind"
        assert files_in(tmp_path / "backups") == [], "no empty pre-import backup"
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".partial")]

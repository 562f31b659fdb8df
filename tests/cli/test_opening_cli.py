"""`check` and the other commands on a journal in use, an empty file, a stray WAL and a stale lock:
reported, exit status 1, nothing changed (issue 15 items 2, 3, 4, 6)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from plasticity_app.cli import main
from plasticity_app.controller.journal import Journal
from plasticity_app.db import database
from plasticity_app.db.database import JOURNAL_FILENAME
from tests.journal_files import files, held_by_another_process, write_notes


@pytest.fixture(autouse=True)
def _short_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(database.PRAGMAS, "busy_timeout", 100)


def test_check_says_a_journal_held_by_another_program_is_in_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_notes(tmp_path, "mine", 2, kill=False)
    with held_by_another_process(tmp_path / JOURNAL_FILENAME) as pid:
        before = files(tmp_path)
        assert main(["check", "--data-dir", str(tmp_path)]) == 1
        out, err = capsys.readouterr()
        assert "Integrity: NOT CHECKED, IN USE: Another program is using your journal" in out
        assert f"process {pid}" in out and "DAMAGED" not in out
        assert err.startswith("plasticity-journal: Another program") and err.count("\n") == 1
        assert main(["status", "--data-dir", str(tmp_path)]) == 1
        assert capsys.readouterr().err.startswith("plasticity-journal: Another program")
        assert files(tmp_path) == before


def test_check_reports_an_empty_journal_file_and_the_backup_to_go_on_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = Journal(tmp_path)
    journal.safety.backup_now()
    journal.close()
    (tmp_path / JOURNAL_FILENAME).write_bytes(b"")
    assert main(["check", "--data-dir", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "Integrity: EMPTY FILE: Your journal file journal.sqlite3 is empty (0 bytes)" in out
    assert "Integrity: ok" not in out
    assert "<- newest good one" in out
    assert main(["export", "--json", str(tmp_path / "x.json"), "--data-dir", str(tmp_path)]) == 1
    assert "empty (0 bytes)" in capsys.readouterr().err
    assert (tmp_path / JOURNAL_FILENAME).read_bytes() == b""  # still empty: not made a journal


def test_check_refuses_another_journals_wal_without_applying_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    write_notes(mine, "mine", 3, kill=False)
    write_notes(theirs, "theirs", 3, kill=True)
    shutil.copyfile(theirs / (JOURNAL_FILENAME + "-wal"), mine / (JOURNAL_FILENAME + "-wal"))
    before = files(mine)
    assert main(["check", "--data-dir", str(mine)]) == 1
    out = capsys.readouterr().out
    assert "Integrity: NOT CHECKED, A STRAY WRITE-AHEAD FILE" in out
    assert "written for another journal" in out
    assert main(["status", "--data-dir", str(mine)]) == 1
    assert "doesn’t belong to it" in capsys.readouterr().err
    assert files(mine) == before


def test_check_applies_the_journals_own_wal_after_keeping_a_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_notes(tmp_path, "mine", 3, kill=True)
    assert main(["check", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Integrity: ok" in out
    assert "Write-ahead file: applied" in out and ".before-wal-" in out
    assert len(list(tmp_path.glob(JOURNAL_FILENAME + ".before-wal-*"))) == 2  # journal and WAL


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("4242\nPlasticity Journal\nthe-laptop\n", "on another computer, “the-laptop”"),
        ("", "empty or garbled"),
        (None, "a folder named journal.lock"),
    ],
)
def test_check_describes_a_lock_file_the_window_can_take_over(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, says: str
) -> None:
    Journal(tmp_path).close()
    lock = tmp_path / "journal.lock"
    if content is None:
        lock.mkdir()
    else:
        lock.write_text(content, encoding="utf-8")
    assert main(["check", "--data-dir", str(tmp_path)]) == 0
    assert says in capsys.readouterr().out
    assert lock.exists()

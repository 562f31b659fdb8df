"""Opening tells apart a journal in use, an empty file and a stray WAL (issue 15 items 2-4)."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from plasticity_app.controller.journal import Journal
from plasticity_app.db import database, opening
from plasticity_app.db.database import JOURNAL_FILENAME, NotAJournalError
from tests.journal_files import files, held_by_another_process, write_notes

WAL = JOURNAL_FILENAME + "-wal"
NOW = datetime(2026, 12, 4, 18, 0)


@pytest.fixture(autouse=True)
def _short_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite waits this long for a lock before giving up (5 s in the app)."""
    monkeypatch.setitem(database.PRAGMAS, "busy_timeout", 100)


def notes(folder: Path) -> list[str]:
    journal = Journal(folder)
    try:
        return sorted(journal.metrics.notes().values())
    finally:
        journal.close()


# Item 2: a journal another process holds is in use, not damaged ----------------------------------
def test_a_journal_held_by_another_process_is_in_use_not_damaged(tmp_path: Path) -> None:
    write_notes(tmp_path, "mine", 3, kill=False)
    journal = tmp_path / JOURNAL_FILENAME
    with held_by_another_process(journal) as pid:
        before = files(tmp_path)
        with pytest.raises(opening.JournalInUseError) as caught:
            Journal(tmp_path)
        assert not isinstance(caught.value, NotAJournalError)
        assert f"process {pid}" in caught.value.message  # which program, when it can be told
        assert "Nothing is wrong with the journal" in caught.value.message
        assert files(tmp_path) == before  # nothing moved aside, nothing written
        assert not opening.is_free(journal)
    assert opening.is_free(journal)
    assert notes(tmp_path) == ["mine 0", "mine 1", "mine 2"]


def test_a_first_write_at_opening_that_meets_a_lock_is_in_use(tmp_path: Path) -> None:
    """Another program in the middle of a write (BEGIN EXCLUSIVE in WAL mode lets readers in):
    the journal's first write at opening (its identity, here) waits, then says "in use"."""
    write_notes(tmp_path, "mine", 1, kill=False)
    journal = tmp_path / JOURNAL_FILENAME
    conn = sqlite3.connect(journal, isolation_level=None)
    conn.execute("PRAGMA user_version = 0")  # a journal from before identities: written at open
    conn.close()
    holder = sqlite3.connect(journal, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        with pytest.raises(opening.JournalInUseError):
            Journal(tmp_path)
        assert not list(tmp_path.glob("*.damaged-*"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert notes(tmp_path) == ["mine 0"]


def test_locked_errors_are_told_from_other_errors() -> None:
    assert opening.is_locked_error(sqlite3.OperationalError("database is locked"))
    assert not opening.is_locked_error(sqlite3.DatabaseError("file is not a database"))
    wrapped = RuntimeError("wrapper")
    wrapped.__cause__ = sqlite3.OperationalError("database table is locked")
    assert opening.is_locked_error(wrapped)


# Item 4: an empty file is an empty file, not a new journal -----------------------------------
def test_an_empty_journal_file_is_not_opened_as_a_new_journal(tmp_path: Path) -> None:
    (tmp_path / JOURNAL_FILENAME).write_bytes(b"")
    with pytest.raises(opening.EmptyJournalError) as caught:
        Journal(tmp_path)
    assert "empty (0 bytes)" in str(caught.value)
    assert files(tmp_path) == {JOURNAL_FILENAME: b""}  # not turned into a journal


def test_a_missing_journal_file_is_still_a_new_journal(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    try:
        assert journal.onboarding.needed() and journal.prepared.kept is None
    finally:
        journal.close()


# Item 3: a stray WAL ---------------------------------------------------------------------------
def test_another_journals_wal_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    write_notes(mine, "mine", 5, kill=False)
    write_notes(theirs, "theirs", 5, kill=True)  # what a sync tool copies across
    shutil.copyfile(theirs / WAL, mine / WAL)
    before = files(mine)
    with pytest.raises(opening.StrayWalError) as caught:
        Journal(mine)
    assert caught.value.reasons == ["identity"]
    assert files(mine) == before
    kept = opening.set_aside_wal(mine / JOURNAL_FILENAME, NOW)
    assert notes(mine) == [f"mine {i}" for i in range(5)]
    assert kept.read_bytes() == before[JOURNAL_FILENAME]  # the journal as it was, and the WAL
    assert Path(f"{kept}-wal").read_bytes() == before[WAL]


def test_the_journals_own_wal_after_a_kill_is_applied_after_both_are_copied_aside(
    tmp_path: Path,
) -> None:
    write_notes(tmp_path, "mine", 3, kill=False)
    write_notes(tmp_path, "later", 2, kill=True)  # acknowledged, only in the WAL
    before = files(tmp_path)
    journal = Journal(tmp_path)
    try:
        kept = journal.prepared.kept
        assert kept is not None and kept.name.startswith(JOURNAL_FILENAME + ".before-wal-")
        assert kept.read_bytes() == before[JOURNAL_FILENAME]
        assert Path(f"{kept}-wal").read_bytes() == before[WAL]
        texts = set(journal.metrics.notes().values())
        assert {"later 0", "later 1", "mine 2"} <= texts
    finally:
        journal.close()


def test_an_older_copy_of_the_journals_own_wal_is_refused(tmp_path: Path) -> None:
    """A sync tool brings back yesterday's WAL after the journal moved on."""
    write_notes(tmp_path, "first", 3, kill=True)
    old_wal = (tmp_path / WAL).read_bytes()
    write_notes(tmp_path, "second", 40, kill=False)  # applied and written into the journal
    (tmp_path / WAL).write_bytes(old_wal)
    with pytest.raises(opening.StrayWalError) as caught:
        Journal(tmp_path)
    assert set(caught.value.reasons) & {"shrinks", "page-one-older"}


def test_a_wal_with_another_page_size_is_refused(tmp_path: Path) -> None:
    write_notes(tmp_path, "mine", 1, kill=False)
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other, isolation_level=None)
    conn.execute("PRAGMA page_size = 8192")
    conn.execute("PRAGMA journal_mode = wal")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("CREATE TABLE t(x)")
    conn.execute("INSERT INTO t VALUES (1)")
    shutil.copyfile(Path(f"{other}-wal"), tmp_path / WAL)
    conn.close()
    with pytest.raises(opening.StrayWalError) as caught:
        Journal(tmp_path)
    assert caught.value.reasons == ["page-size"]


def test_a_wal_that_damages_the_journal_when_applied_is_refused(tmp_path: Path) -> None:
    """Nothing in the headers gives it away (an old journal without identity): applied to a
    throwaway copy, SQLite's full integrity check does."""
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    for folder, word, days in ((mine, "mine", 30), (theirs, "theirs", 5)):
        write_notes(folder, word, days, kill=False)
        conn = sqlite3.connect(folder / JOURNAL_FILENAME, isolation_level=None)
        conn.execute("PRAGMA user_version = 0")
        conn.close()
    conn = sqlite3.connect(theirs / JOURNAL_FILENAME, isolation_level=None)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("UPDATE day_note SET text = text || ' changed'")
    shutil.copyfile(theirs / WAL, mine / WAL)
    conn.close()
    before = files(mine)
    with pytest.raises(opening.StrayWalError) as caught:
        Journal(mine)
    assert "damage" in caught.value.reasons or "shrinks" in caught.value.reasons
    assert files(mine) == before
    assert not list(mine.glob(".wal-check-*"))  # the throwaway copy is gone


def test_a_wal_without_its_journal_is_refused(tmp_path: Path) -> None:
    write_notes(tmp_path, "mine", 2, kill=True)
    (tmp_path / JOURNAL_FILENAME).unlink()
    with pytest.raises(opening.StrayWalError) as caught:
        Journal(tmp_path)
    assert caught.value.reasons == ["no-journal"]


def test_a_live_wal_of_a_journal_open_elsewhere_is_left_to_sqlite(tmp_path: Path) -> None:
    first = Journal(tmp_path)
    try:
        first.metrics.set_note(date(2026, 11, 2), "still open")
        assert (tmp_path / WAL).exists()
        second = Journal(tmp_path)  # the same process: its WAL is live, not stray
        try:
            assert second.prepared.kept is None
            assert "still open" in second.metrics.notes().values()
        finally:
            second.close()
    finally:
        first.close()
    assert not list(tmp_path.glob("*.before-wal-*"))


def test_every_write_carries_the_journals_identity_in_the_wal(tmp_path: Path) -> None:
    from plasticity_app.db import wal_file as wf

    journal = Journal(tmp_path)
    try:
        identity = journal.db.identity
        assert identity > 0
        journal.db.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        journal.metrics.set_note(date(2026, 11, 2), "one small note")
        contents = wf.read_wal(tmp_path / WAL)
        data = (tmp_path / WAL).read_bytes()
        ones = [f for f in contents.frames if f.page == 1]
        assert (
            ones and int.from_bytes(data[ones[-1].offset + 60 : ones[-1].offset + 64]) == identity
        )
    finally:
        journal.close()


def test_only_the_newest_kept_pairs_stay(tmp_path: Path) -> None:
    for i in range(opening.KEPT_PAIRS + 2):
        write_notes(tmp_path, f"run{i}", 1, kill=True)  # each start after the first keeps a pair
    Journal(tmp_path).close()
    kept = sorted(p.name for p in tmp_path.glob(JOURNAL_FILENAME + ".before-wal-*"))
    assert len(kept) == 2 * opening.KEPT_PAIRS  # each journal copy with its WAL


def test_where_a_live_wal_cant_be_told_a_copy_is_kept_and_nothing_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows: whether another program has the journal open can't be checked."""
    from plasticity_app.db import lock_holder

    monkeypatch.setattr(lock_holder, "has_live_connection", lambda journal: None)
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    write_notes(mine, "mine", 2, kill=False)
    write_notes(theirs, "theirs", 2, kill=True)
    shutil.copyfile(theirs / WAL, mine / WAL)
    before = files(mine)
    journal = Journal(mine)
    journal.close()
    pairs = sorted(mine.glob(JOURNAL_FILENAME + ".before-wal-*"))  # kept before it was applied
    assert [p.read_bytes() for p in pairs] == [before[JOURNAL_FILENAME], before[WAL]]

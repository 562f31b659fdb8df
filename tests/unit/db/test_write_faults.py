"""A full disk or a read-only journal during a write: a plain message, and the journal stays exactly
as it was (the whole action rolled back)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from plasticity_app.db.database import WriteRefusedError
from plasticity_app.domain.errors import UserError
from tests.faults import file_quota, full_database
from tests.helpers import add_presets


def snapshot(journal: Any) -> dict[str, Any]:
    document = journal.export.document()
    document.pop("exported_at")
    return document


def test_a_full_disk_refuses_the_action_and_changes_nothing(journal: Any) -> None:
    metrics = add_presets(journal)
    today = journal.ctx.today()
    conn = journal.db.connection
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 2}")  # the disk fills up almost at once
    with pytest.raises(UserError) as caught:
        for i in range(60):
            before = snapshot(journal)
            journal.metrics.check_in(
                today - timedelta(days=i), {m.id: 5 for m in metrics}, "A long day. " * 150
            )
    assert isinstance(caught.value, WriteRefusedError)
    assert caught.value.message.startswith("Your disk is full: this was not saved.")
    assert "nothing in your journal changed" in caught.value.message
    assert snapshot(journal) == before, "the refused check-in left nothing behind"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_read_only_journal_refuses_the_action_and_changes_nothing(journal: Any) -> None:
    metrics = add_presets(journal)
    before = snapshot(journal)
    journal.db.connection.execute("PRAGMA query_only = 1")
    try:
        with pytest.raises(WriteRefusedError, match="read-only"):
            journal.metrics.check_in(journal.ctx.today(), {m.id: 4 for m in metrics})
    finally:
        journal.db.connection.execute("PRAGMA query_only = 0")
    assert snapshot(journal) == before


def test_other_database_errors_are_not_disguised(journal: Any) -> None:
    import sqlite3

    with pytest.raises(sqlite3.OperationalError, match="no such table"), journal.db.transaction():
        journal.db.connection.execute("SELECT * FROM no_such_table")


def test_a_full_disk_is_told_in_one_plain_sentence(journal: Any) -> None:
    metrics = add_presets(journal)
    today = journal.ctx.today()
    journal.metrics.rate(metrics[0].id, today, 4)
    full_database(journal)
    with pytest.raises(WriteRefusedError) as caught:
        for i in range(60):  # the first note that needs a new page is refused
            before = snapshot(journal)
            journal.metrics.set_note(today - timedelta(days=i), "A long day. " * 300)
    assert caught.value.kind == "full"
    assert caught.value.message == (
        "Your disk is full: this was not saved. Free some space and try again (nothing in your "
        "journal changed)."
    )
    assert snapshot(journal) == before
    assert not journal.db.connection.in_transaction


def test_a_refused_rating_keeps_the_stored_one(journal: Any) -> None:
    """The kernel refuses the write (a file quota): SQLite rolls back by itself, peewee's
    ROLLBACK then fails ("no transaction is active") and that error hid the real one. Now the
    rating stays 4 and a plain error is raised."""
    metrics = add_presets(journal)
    today = journal.ctx.today()
    journal.metrics.rate(metrics[0].id, today, 4)
    with file_quota(journal), pytest.raises(WriteRefusedError) as caught:
        journal.metrics.rate(metrics[0].id, today, 7)
    assert caught.value.kind == "failing"
    assert "this was not saved" in caught.value.message
    # SQLite rolled back by itself; peewee's ROLLBACK then failed and hid the real error.
    assert "cannot rollback" in str(caught.value.__cause__)
    assert journal.metrics.ratings_on(today) == {metrics[0].id: 4}
    journal.metrics.rate(metrics[0].id, today, 7)  # room again: it saves
    assert journal.metrics.ratings_on(today) == {metrics[0].id: 7}


def test_what_counts_as_the_disk_refusing() -> None:
    import errno
    import sqlite3

    import peewee as pw

    from plasticity_app.db.faults import fault_kind

    assert fault_kind(OSError(errno.ENOSPC, "No space left on device")) == "full"
    assert fault_kind(OSError(errno.EDQUOT, "Disk quota exceeded")) == "full"
    assert fault_kind(OSError(errno.EROFS, "Read-only file system")) == "read-only"
    assert fault_kind(OSError(errno.EACCES, "Permission denied")) is None
    assert fault_kind(sqlite3.OperationalError("database or disk is full")) == "full"
    assert fault_kind(sqlite3.OperationalError("attempt to write a readonly database")) == (
        "read-only"
    )
    try:
        try:
            raise sqlite3.OperationalError("database or disk is full")
        except sqlite3.OperationalError:
            raise pw.OperationalError("cannot rollback - no transaction is active") from None
    except pw.OperationalError as masked:
        masked.__context__ = sqlite3.OperationalError("database or disk is full")
        assert fault_kind(masked) == "full"
    # A person's own words mentioning a full disk are not a fault of the disk.
    assert fault_kind(UserError("My disk is full of readonly notes")) is None
    assert fault_kind(ValueError("database or disk is full")) is None

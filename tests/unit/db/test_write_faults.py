"""A full disk or a read-only journal during a write: a plain message, and the journal stays exactly
as it was (the whole action rolled back)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from plasticity_app.db.database import WriteRefusedError
from plasticity_app.domain.errors import UserError
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
    assert "no room left on the disk" in caught.value.message
    assert "Nothing in your journal changed" in caught.value.message
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

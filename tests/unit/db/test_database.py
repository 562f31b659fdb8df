from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from plasticity_app.db import migrations
from plasticity_app.db.database import Database, NotAJournalError


def test_new_database_is_migrated_with_safe_pragmas(tmp_path: Path) -> None:
    db = Database(tmp_path / "j.sqlite3")
    try:
        conn = db.connection
        assert migrations.current_version(conn) == migrations.LATEST_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2
        assert db.quick_check() == "ok"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {
            "schema_version",
            "metric",
            "metric_entry",
            "day_note",
            "setting",
            "step_completion",
        } <= tables
    finally:
        db.close()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_journal_file_is_private(tmp_path: Path) -> None:
    db = Database(tmp_path / "j.sqlite3")
    db.close()
    assert stat.S_IMODE((tmp_path / "j.sqlite3").stat().st_mode) == 0o600


def test_a_non_database_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    path.write_bytes(b"this is not a database, it is a shopping list" * 100)
    before = path.read_bytes()
    with pytest.raises(NotAJournalError):
        Database(path)
    assert path.read_bytes() == before


def test_migrations_apply_in_order_and_only_once(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "x.sqlite3", isolation_level=None)
    latest = migrations.LATEST_VERSION
    extra = migrations.Migration(
        latest + 1, "add a column", ("ALTER TABLE metric ADD COLUMN colour TEXT",)
    )
    calls: list[tuple[int, int]] = []
    assert migrations.migrate(conn, migrations=migrations.MIGRATIONS) == list(range(1, latest + 1))
    applied = migrations.migrate(
        conn, before=lambda a, b: calls.append((a, b)), migrations=(*migrations.MIGRATIONS, extra)
    )
    assert applied == [latest + 1]
    assert calls == [(latest, latest + 1)], (
        "a backup hook runs before migrating an existing journal"
    )
    assert migrations.migrate(conn, migrations=(*migrations.MIGRATIONS, extra)) == []
    conn.close()


def test_a_failing_migration_changes_nothing(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "x.sqlite3", isolation_level=None)
    migrations.migrate(conn)
    broken = migrations.Migration(
        migrations.LATEST_VERSION + 1,
        "broken",
        ("ALTER TABLE metric ADD COLUMN ok TEXT", "SELECT nonsense FROM nowhere"),
    )
    with pytest.raises(sqlite3.OperationalError):
        migrations.migrate(conn, migrations=(*migrations.MIGRATIONS, broken))
    assert migrations.current_version(conn) == migrations.LATEST_VERSION
    columns = [r[1] for r in conn.execute("PRAGMA table_info(metric)")]
    assert "ok" not in columns
    conn.close()


def test_a_newer_journal_is_refused(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "x.sqlite3", isolation_level=None)
    migrations.migrate(conn)
    conn.execute("INSERT INTO schema_version VALUES (99, 'future', 'x')")
    with pytest.raises(migrations.NewerSchemaError, match="newer version"):
        migrations.migrate(conn)
    conn.close()


def test_migration_backup_is_made_before_upgrading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "j.sqlite3"
    Database(path).close()
    extra = migrations.Migration(
        migrations.LATEST_VERSION + 1,
        "add a column",
        ("ALTER TABLE metric ADD COLUMN colour TEXT",),
    )
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, extra))
    db = Database(path, backup_dir=tmp_path / "backups")
    db.close()
    backups = list((tmp_path / "backups").glob("*.sqlite3"))
    assert len(backups) == 1
    check = sqlite3.connect(backups[0])
    assert (
        check.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]
        == migrations.LATEST_VERSION
    )
    check.close()


def test_migration_2_from_a_version_1_journal_keeps_its_data(tmp_path: Path) -> None:
    """A journal written by the first release (schema 1) upgrades with its ratings intact."""
    path = tmp_path / "j.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    migrations.migrate(conn, migrations=migrations.MIGRATIONS[:1])
    conn.execute(
        "INSERT INTO metric (name, direction, created) VALUES ('Calm', 'higher', '2026-01-01')"
    )
    conn.execute("INSERT INTO metric_entry (metric_id, day, value) VALUES (1, '2026-01-02', 6)")
    conn.close()
    db = Database(path, backup_dir=tmp_path / "backups")
    try:
        assert migrations.current_version(db.connection) == migrations.LATEST_VERSION
        assert db.connection.execute("SELECT value FROM metric_entry").fetchone()[0] == 6
        tables = {
            r[0] for r in db.connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        assert {
            "experiment",
            "habit",
            "habit_entry",
            "review",
            "opening",
            "thought_record",
            "learning_session",
        } <= tables
    finally:
        db.close()
    assert len(list((tmp_path / "backups").glob("*before-schema-*.sqlite3"))) == 1

"""Ordered schema migrations, each applied in its own transaction and recorded in schema_version.

Migrations are plain SQL so that they stay exactly as they were when written, whatever the
records in ``records.py`` later become. Append new ones; never edit an old one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "Create the journal: settings, metrics, check-ins, day notes, roadmap steps",
        (
            """CREATE TABLE setting (
                key TEXT PRIMARY KEY NOT NULL,
                value TEXT NOT NULL)""",
            """CREATE TABLE metric (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL,
                description TEXT NOT NULL DEFAULT '',
                direction TEXT NOT NULL CHECK (direction IN ('higher', 'lower')),
                archived INTEGER NOT NULL DEFAULT 0,
                position INTEGER NOT NULL DEFAULT 0,
                created DATE NOT NULL)""",
            "CREATE UNIQUE INDEX metric_name ON metric (name COLLATE NOCASE)",
            """CREATE TABLE metric_entry (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                metric_id INTEGER NOT NULL REFERENCES metric (id) ON DELETE CASCADE,
                day DATE NOT NULL,
                value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 10))""",
            "CREATE UNIQUE INDEX metric_entry_metric_day ON metric_entry (metric_id, day)",
            "CREATE INDEX metric_entry_day ON metric_entry (day)",
            """CREATE TABLE day_note (
                day DATE PRIMARY KEY NOT NULL,
                text TEXT NOT NULL)""",
            """CREATE TABLE step_completion (
                step INTEGER PRIMARY KEY NOT NULL CHECK (step BETWEEN 1 AND 5),
                completed_on DATE NOT NULL,
                skipped INTEGER NOT NULL DEFAULT 0)""",
        ),
    ),
)

LATEST_VERSION = MIGRATIONS[-1].version


def _ensure_version_table(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE IF NOT EXISTS schema_version (
            version INTEGER PRIMARY KEY NOT NULL,
            description TEXT NOT NULL,
            applied_at TEXT NOT NULL)"""
    )


def current_version(conn: sqlite3.Connection) -> int:
    """The newest applied migration (0 for a new file)."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if not exists:
        return 0
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


class NewerSchemaError(Exception):
    """The journal was written by a newer version of the app."""


def migrate(
    conn: sqlite3.Connection,
    *,
    before: Callable[[int, int], None] | None = None,
    migrations: tuple[Migration, ...] | None = None,
) -> list[int]:
    """Apply every pending migration in order; return the versions applied.

    ``before(old, new)`` runs once before the first pending migration (the app makes a backup
    there). Each migration is one transaction: it applies whole or not at all.
    """
    if migrations is None:
        migrations = MIGRATIONS
    version = current_version(conn)
    latest = migrations[-1].version
    if version > latest:
        raise NewerSchemaError(
            f"This journal was written by a newer version of Plasticity Journal "
            f"(schema {version}; this version knows up to {latest}). Please update the app."
        )
    pending = [m for m in migrations if m.version > version]
    if not pending:
        return []
    if before is not None and version > 0:
        before(version, latest)
    applied: list[int] = []
    for migration in pending:
        conn.execute("BEGIN IMMEDIATE")
        try:
            _ensure_version_table(conn)
            for statement in migration.statements:
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                (
                    migration.version,
                    migration.description,
                    datetime.now().isoformat(timespec="seconds"),
                ),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(migration.version)
    return applied

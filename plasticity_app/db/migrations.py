"""Ordered schema migrations, each applied in its own transaction and recorded in schema_version.

Migrations are plain SQL so that they stay exactly as they were when written, whatever the
records in ``records.py`` later become. Append new ones; never edit an old one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from plasticity_app.domain.text import tr


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
    Migration(
        2,
        "Add openings, experiments, thought records, learning sessions, habits and reviews",
        (
            """CREATE TABLE opening (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                kind TEXT NOT NULL,
                at TEXT NOT NULL,
                clinician TEXT NOT NULL DEFAULT '',
                notes TEXT NOT NULL DEFAULT '',
                created TEXT NOT NULL)""",
            "CREATE INDEX opening_at ON opening (at)",
            """CREATE TABLE experiment (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                target_belief TEXT NOT NULL,
                belief_before INTEGER NOT NULL CHECK (belief_before BETWEEN 0 AND 100),
                alternative_belief TEXT NOT NULL DEFAULT '',
                alternative_before INTEGER CHECK (alternative_before BETWEEN 0 AND 100),
                plan TEXT NOT NULL DEFAULT '',
                safety_behaviours TEXT NOT NULL DEFAULT '',
                prediction TEXT NOT NULL DEFAULT '',
                how_to_know TEXT NOT NULL DEFAULT '',
                planned_date DATE NOT NULL,
                related_metric_id INTEGER REFERENCES metric (id) ON DELETE SET NULL,
                status TEXT NOT NULL DEFAULT 'planned'
                    CHECK (status IN ('planned', 'done', 'cancelled')),
                outcome TEXT NOT NULL DEFAULT '',
                prediction_came_true TEXT CHECK (prediction_came_true IN ('yes', 'partly', 'no')),
                learned TEXT NOT NULL DEFAULT '',
                belief_after INTEGER CHECK (belief_after BETWEEN 0 AND 100),
                alternative_after INTEGER CHECK (alternative_after BETWEEN 0 AND 100),
                done_date DATE,
                created DATE NOT NULL)""",
            "CREATE INDEX experiment_planned ON experiment (planned_date)",
            "CREATE INDEX experiment_status ON experiment (status)",
            """CREATE TABLE thought_record (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                day DATE NOT NULL,
                situation TEXT NOT NULL DEFAULT '',
                moods TEXT NOT NULL DEFAULT '[]',
                automatic_thought TEXT NOT NULL DEFAULT '',
                thought_belief INTEGER CHECK (thought_belief BETWEEN 0 AND 100),
                distortions TEXT NOT NULL DEFAULT '[]',
                evidence_for TEXT NOT NULL DEFAULT '',
                evidence_against TEXT NOT NULL DEFAULT '',
                balanced_thought TEXT NOT NULL DEFAULT '',
                balanced_belief INTEGER CHECK (balanced_belief BETWEEN 0 AND 100),
                moods_after TEXT NOT NULL DEFAULT '[]',
                created DATE NOT NULL)""",
            "CREATE INDEX thought_record_day ON thought_record (day)",
            """CREATE TABLE learning_session (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                day DATE NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('therapy', 'skills', 'other')),
                minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
                notes TEXT NOT NULL DEFAULT '')""",
            "CREATE INDEX learning_session_day ON learning_session (day)",
            """CREATE TABLE habit (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('yes_no', 'quantity', 'note')),
                unit TEXT NOT NULL DEFAULT '',
                description TEXT NOT NULL DEFAULT '',
                times INTEGER NOT NULL CHECK (times >= 1),
                period_days INTEGER NOT NULL CHECK (period_days >= 1),
                max_times INTEGER,
                daily_min REAL,
                daily_max REAL,
                builtin_key TEXT UNIQUE,
                archived INTEGER NOT NULL DEFAULT 0,
                position INTEGER NOT NULL DEFAULT 0,
                created DATE NOT NULL)""",
            "CREATE UNIQUE INDEX habit_name ON habit (name COLLATE NOCASE)",
            """CREATE TABLE habit_entry (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                habit_id INTEGER NOT NULL REFERENCES habit (id) ON DELETE CASCADE,
                day DATE NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('done', 'skipped', 'missed')),
                quantity REAL,
                note TEXT NOT NULL DEFAULT '')""",
            "CREATE UNIQUE INDEX habit_entry_habit_day ON habit_entry (habit_id, day)",
            "CREATE INDEX habit_entry_day ON habit_entry (day)",
            """CREATE TABLE review (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                week_start DATE NOT NULL UNIQUE,
                reflection_opening TEXT NOT NULL DEFAULT '',
                reflection_belief TEXT NOT NULL DEFAULT '',
                reflection_habit TEXT NOT NULL DEFAULT '',
                notes TEXT NOT NULL DEFAULT '',
                created TEXT NOT NULL,
                updated TEXT NOT NULL)""",
            """CREATE TABLE review_decision (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                review_id INTEGER NOT NULL REFERENCES review (id) ON DELETE CASCADE,
                practice TEXT NOT NULL,
                habit_id INTEGER REFERENCES habit (id) ON DELETE SET NULL,
                decision TEXT NOT NULL CHECK (decision IN ('keep', 'drop', 'adjust')),
                note TEXT NOT NULL DEFAULT '')""",
            "CREATE UNIQUE INDEX review_decision_practice ON review_decision (review_id, practice)",
            """CREATE TABLE import_log (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                source TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                imported_at TEXT NOT NULL,
                summary TEXT NOT NULL DEFAULT '')""",
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
            tr(
                "This journal was written by a newer version of Plasticity Journal "
                "(schema {version}; this version knows up to {latest}). Please update the app."
            ).format(version=version, latest=latest)
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

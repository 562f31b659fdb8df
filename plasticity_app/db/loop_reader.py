"""Reading a Loop Habit Tracker backup (.db), opened read-only: its Habits and Repetitions rows."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from plasticity_app.domain.imports.model import refuse

HABIT_COLUMNS = ("id", "name", "archived", "freq_num", "freq_den", "description", "position")
OPTIONAL_HABIT_COLUMNS = ("type", "target_type", "target_value", "unit", "question")


def read(path: Path) -> tuple[int, list[dict[str, Any]], list[dict[str, Any]]]:
    """(schema version, habits, repetitions); refuses anything that isn't a Loop backup."""
    source = path.name
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise refuse(source, f"SQLite can’t open it ({exc}).") from None
    try:
        conn.row_factory = sqlite3.Row
        conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = {
            r[0].lower()
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if "habits" not in tables or "repetitions" not in tables:
            raise refuse(source, "this is not a Loop Habit Tracker backup (no Habits table).")
        habit_columns = {r[1].lower() for r in conn.execute("PRAGMA table_info(Habits)")}
        missing = [c for c in HABIT_COLUMNS if c not in habit_columns]
        if missing:
            raise refuse(
                source,
                f"this Loop backup has a schema we don’t know (version {version}; "
                f"Habits has no {', '.join(missing)}).",
            )
        rep_columns = {r[1].lower() for r in conn.execute("PRAGMA table_info(Repetitions)")}
        if not {"habit", "timestamp"} <= rep_columns:
            raise refuse(
                source, f"this Loop backup has a schema we don’t know (version {version})."
            )
        wanted = HABIT_COLUMNS + tuple(c for c in OPTIONAL_HABIT_COLUMNS if c in habit_columns)
        habits = [
            dict(r)
            for r in conn.execute(f"SELECT {', '.join(wanted)} FROM Habits ORDER BY position, id")
        ]
        rep_wanted = ["habit", "timestamp"] + [c for c in ("value", "notes") if c in rep_columns]
        repetitions = [
            dict(r)
            for r in conn.execute(
                f"SELECT {', '.join(rep_wanted)} FROM Repetitions ORDER BY habit, timestamp"
            )
        ]
    except (sqlite3.Error, ValueError, OverflowError) as exc:
        raise refuse(source, f"the file can’t be read as a Loop backup ({exc}).") from None
    finally:
        conn.close()
    return version, habits, repetitions

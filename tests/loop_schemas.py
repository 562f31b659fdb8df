"""Loop Habit Tracker backups of every schema version Loop has had (9 to 25), written by hand
from its schema history (which columns each version added, dropped or rebuilt), for the import
tests. ``key`` spells the habit key as the file does: Loop's older app wrote its tables through
an Android ORM that named it ``Id``; ``upper`` spells every column in capitals."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

VERSIONS = tuple(range(9, 26))
EPOCH = date(1970, 1, 1)


def habit_columns(version: int) -> list[str]:
    columns = [
        "id",
        "archived",
        "color",
        "description",
        "freq_den",
        "freq_num",
        "highlight",
        "name",
        "position",
        "reminder_hour",
        "reminder_min",
    ]
    if version >= 11:
        columns.append("reminder_days")
    if version >= 16:
        columns.append("type")
    if version >= 18:
        columns += ["target_type", "target_value", "unit"]
    if version >= 23:
        columns.append("question")
    if version >= 24:
        columns.append("uuid")
    return columns


def repetition_columns(version: int) -> list[str]:
    columns = ["id", "habit", "timestamp"]
    if version >= 16:
        columns.append("value")
    if version >= 25:
        columns.append("notes")
    return columns


@dataclass(frozen=True)
class Rep:
    habit: int
    day: date
    value: int = 2  # YES_MANUAL
    notes: str = ""


def ms(day: date) -> int:
    return (day - EPOCH).days * 86_400_000


def build(
    path: Path,
    version: int,
    habits: list[tuple[int, str]],
    reps: list[Rep],
    *,
    key: str = "id",
    upper: bool = False,
    numerical: frozenset[int] = frozenset(),
    wal: bool = False,
) -> Path:
    """A backup at ``version`` holding ``habits`` (id, name) and ``reps``."""

    def spell(column: str) -> str:
        if column == "id":
            return key.upper() if upper else key
        return column.upper() if upper else column

    h_cols = habit_columns(version)
    r_cols = repetition_columns(version)
    conn = sqlite3.connect(path)
    if wal:
        conn.execute("PRAGMA journal_mode = WAL")
    h_decl = ", ".join(
        f"{spell(c)} integer primary key autoincrement" if c == "id" else f"{spell(c)}"
        for c in h_cols
    )
    r_decl = ", ".join(
        f"{spell(c)} integer primary key autoincrement" if c == "id" else f"{spell(c)}"
        for c in r_cols
    )
    conn.execute(f"CREATE TABLE Habits ({h_decl})")
    conn.execute(f"CREATE TABLE Repetitions ({r_decl})")
    if version < 20:
        conn.execute("CREATE TABLE Checkmarks (id integer primary key, habit, timestamp, value)")
        conn.execute("CREATE TABLE Streak (id integer primary key, end, habit, length, start)")
        conn.execute("CREATE TABLE Score (id integer primary key, habit, score, timestamp)")
    if version >= 19:
        conn.execute("CREATE TABLE Events (id integer primary key, timestamp, message, server_id)")
    if version >= 22:
        conn.execute(
            f"CREATE UNIQUE INDEX idx_repetitions_habit_timestamp ON Repetitions("
            f"{spell('habit')}, {spell('timestamp')})"
        )
    for position, (habit_id, name) in enumerate(habits):
        values = {
            "id": habit_id,
            "archived": 0,
            "color": 3,
            "description": "" if version >= 23 else f"Did I {name}?",
            "freq_den": 7,
            "freq_num": 3,
            "highlight": 0,
            "name": name,
            "position": position,
            "reminder_hour": None,
            "reminder_min": None,
            "reminder_days": 127,
            "type": 1 if habit_id in numerical else 0,
            "target_type": 0,
            "target_value": 5.0 if habit_id in numerical else 0.0,
            "unit": "km" if habit_id in numerical else "",
            "question": f"Did I {name}?",
            "uuid": f"{habit_id:032x}",
        }
        conn.execute(
            f"INSERT INTO Habits ({', '.join(spell(c) for c in h_cols)}) "
            f"VALUES ({', '.join('?' for _ in h_cols)})",
            [values[c] for c in h_cols],
        )
    for rep in reps:
        values = {
            "id": None,
            "habit": rep.habit,
            "timestamp": ms(rep.day),
            "value": rep.value,
            "notes": rep.notes,
        }
        conn.execute(
            f"INSERT INTO Repetitions ({', '.join(spell(c) for c in r_cols)}) "
            f"VALUES ({', '.join('?' for _ in r_cols)})",
            [values[c] for c in r_cols],
        )
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()  # a WAL-mode file stays in WAL mode (its header says so) without its -wal
    return path

"""Reading a Loop Habit Tracker backup (.db): its Habits and Repetitions rows, for every schema
Loop has had (9 to 25). Column names are matched whatever their case (Loop's older app wrote its
tables through an Android ORM that named the key ``Id``).

The person's file is never opened where it lies: it (and its ``-wal`` file, if any) is copied
into a private temporary folder first, so SQLite writes no ``-wal`` or ``-shm`` file beside it.
Repetitions are read a row at a time, so memory doesn't grow with the backup.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from plasticity_app.domain.imports.model import refuse
from plasticity_app.domain.text import tr

HABIT_COLUMNS = ("id", "name", "archived", "freq_num", "freq_den", "description", "position")
OPTIONAL_HABIT_COLUMNS = ("type", "target_type", "target_value", "unit", "question")
OPTIONAL_REPETITION_COLUMNS = ("value", "notes")


def _columns(conn: sqlite3.Connection, table: str) -> dict[str, str]:
    """The table's columns: lower-case name -> the name as the file spells it."""
    return {str(r[1]).lower(): str(r[1]) for r in conn.execute(f'PRAGMA table_info("{table}")')}


def _select(names: dict[str, str], wanted: list[str]) -> str:
    return ", ".join(f'"{names[c]}" AS {c}' for c in wanted)


class LoopBackup:
    """An open backup: ``version``, ``habits`` (dicts with lower-case keys) and
    :meth:`repetitions`, read lazily."""

    def __init__(self, conn: sqlite3.Connection, source: str) -> None:
        self._conn = conn
        self.source = source
        self.version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = {
            str(r[0]).lower(): str(r[0])
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if "habits" not in tables or "repetitions" not in tables:
            raise refuse(source, tr("this is not a Loop Habit Tracker backup (no Habits table)."))
        habit_table, rep_table = tables["habits"], tables["repetitions"]
        habit_columns = _columns(conn, habit_table)
        missing = [c for c in HABIT_COLUMNS if c not in habit_columns]
        if missing:
            raise refuse(
                source,
                tr(
                    "this Loop backup has a schema we don’t know (version {version}; Habits has "
                    "no {columns})."
                ).format(version=self.version, columns=", ".join(missing)),
            )
        rep_columns = _columns(conn, rep_table)
        if not {"habit", "timestamp"} <= set(rep_columns):
            raise refuse(
                source,
                tr("this Loop backup has a schema we don’t know (version {version}).").format(
                    version=self.version
                ),
            )
        wanted = list(HABIT_COLUMNS) + [c for c in OPTIONAL_HABIT_COLUMNS if c in habit_columns]
        self._habit_sql = (
            f'SELECT {_select(habit_columns, wanted)} FROM "{habit_table}" '
            f'ORDER BY "{habit_columns["position"]}", "{habit_columns["id"]}"'
        )
        rep_wanted = ["habit", "timestamp"] + [
            c for c in OPTIONAL_REPETITION_COLUMNS if c in rep_columns
        ]
        self._rep_sql = f'SELECT {_select(rep_columns, rep_wanted)} FROM "{rep_table}"'
        self._count_sql = f'SELECT COUNT(*) FROM "{rep_table}"'

    def habits(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self._conn.execute(self._habit_sql)]

    def repetition_count(self) -> int:
        return int(self._conn.execute(self._count_sql).fetchone()[0])

    def repetitions(self) -> Iterator[dict[str, Any]]:
        for row in self._conn.execute(self._rep_sql):
            yield dict(row)


@contextmanager
def open_backup(path: Path) -> Iterator[LoopBackup]:
    """The backup, opened from a private copy; refuses anything that isn't a Loop backup."""
    source = path.name
    with tempfile.TemporaryDirectory(prefix="plasticity-import-") as folder:
        copy = Path(folder) / "loop.db"
        try:
            shutil.copyfile(path, copy)
            wal = path.with_name(path.name + "-wal")
            if wal.is_file():
                shutil.copyfile(wal, Path(folder) / "loop.db-wal")
        except OSError as exc:
            raise refuse(
                source, tr("it can’t be read ({strerror}).").format(strerror=exc.strerror)
            ) from None
        try:
            conn = sqlite3.connect(copy)
        except sqlite3.Error as exc:
            raise refuse(source, tr("SQLite can’t open it ({exc}).").format(exc=exc)) from None
        try:
            conn.row_factory = sqlite3.Row
            conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
            yield LoopBackup(conn, source)
        except (sqlite3.Error, ValueError, OverflowError, MemoryError) as exc:
            raise refuse(
                source, tr("the file can’t be read as a Loop backup ({exc}).").format(exc=exc)
            ) from None
        finally:
            conn.close()

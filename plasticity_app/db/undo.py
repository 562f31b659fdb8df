"""Undo and redo for every data edit, recorded by SQLite itself.

Temporary triggers (they live only in this connection, never in the file) write, for every row a
user action inserts, updates or deletes, the SQL statement that reverses it. Undoing an action runs
its statements backwards in one transaction; while they run, the same triggers record the statements
that reverse the undo, which is the redo. This is the technique described in SQLite's own
"Automatic Undo/Redo" note, and it covers every table without each area writing its own inverse.

Step completions, settings, schema versions and the import log are not recorded: completions are
never undone (DESIGN.md §1), and imports are undone by restoring the backup taken before them.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

NOT_RECORDED = frozenset(
    {"schema_version", "step_completion", "setting", "import_log", "sqlite_sequence"}
)


@dataclass(frozen=True)
class Span:
    """The undo-log entries one action wrote: ``first`` to ``last`` inclusive."""

    first: int
    last: int


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class UndoLog:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS undo_log (seq INTEGER PRIMARY KEY, stmt TEXT)"
        )
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS undo_state (active INTEGER NOT NULL)")
        if conn.execute("SELECT COUNT(*) FROM temp.undo_state").fetchone()[0] == 0:
            conn.execute("INSERT INTO temp.undo_state VALUES (1)")
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        for table in tables:
            if table not in NOT_RECORDED:
                self._install(table)

    def _install(self, table: str) -> None:
        columns = [
            r[1] for r in self._conn.execute(f"PRAGMA main.table_info({_quote_ident(table)})")
        ]
        t = _quote_ident(table)
        lit = table.replace("'", "''").replace('"', '""')
        when = "WHEN (SELECT active FROM temp.undo_state)"
        col_list = ",".join(_quote_ident(c).replace("'", "''") for c in columns)
        values = "||','||".join(f"quote(old.{_quote_ident(c)})" for c in columns)
        sets = "||','||".join(
            f"'{_quote_ident(c).replace(chr(39), chr(39) * 2)}='||quote(old.{_quote_ident(c)})"
            for c in columns
        )
        name = table.replace('"', "")
        self._conn.executescript(
            f"""
            CREATE TEMP TRIGGER IF NOT EXISTS "undo_{name}_insert" AFTER INSERT ON main.{t} {when}
            BEGIN INSERT INTO undo_log (stmt)
                VALUES ('DELETE FROM "{lit}" WHERE rowid='||new.rowid); END;
            CREATE TEMP TRIGGER IF NOT EXISTS "undo_{name}_update" AFTER UPDATE ON main.{t} {when}
            BEGIN INSERT INTO undo_log (stmt)
                VALUES ('UPDATE "{lit}" SET '||{sets}||' WHERE rowid='||old.rowid); END;
            CREATE TEMP TRIGGER IF NOT EXISTS "undo_{name}_delete" BEFORE DELETE ON main.{t} {when}
            BEGIN INSERT INTO undo_log (stmt)
                VALUES ('INSERT INTO "{lit}" (rowid,{col_list}) VALUES ('||old.rowid||','||{values}||')');
            END;
            """
        )

    def marker(self) -> int:
        return int(
            self._conn.execute("SELECT COALESCE(MAX(seq), 0) FROM temp.undo_log").fetchone()[0]
        )

    def set_active(self, active: bool) -> None:
        self._conn.execute("UPDATE temp.undo_state SET active = ?", (1 if active else 0,))

    def replay(self, span: Span) -> Span:
        """Run a span's statements newest first (inside the caller's transaction); return the
        span of statements that reverses what was just done."""
        rows = self._conn.execute(
            "SELECT seq, stmt FROM temp.undo_log WHERE seq BETWEEN ? AND ? ORDER BY seq DESC",
            (span.first, span.last),
        ).fetchall()
        start = self.marker() + 1
        self._conn.execute("PRAGMA defer_foreign_keys = ON")
        for _seq, stmt in rows:
            self._conn.execute(stmt)
        self._conn.execute(
            "DELETE FROM temp.undo_log WHERE seq BETWEEN ? AND ?", (span.first, span.last)
        )
        return Span(start, self.marker())

    def clear(self) -> None:
        self._conn.execute("DELETE FROM temp.undo_log")

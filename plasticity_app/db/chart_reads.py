"""Quick reads for the Charts tab: the outcome ratings as plain SQL tuples, and which days' ratings
changed since they were last read.

A ten-year journal holds some 11,000 ratings; reading them all through peewee on every change
cost more than the redraw itself. So the ratings are read whole once, and afterwards only the
days written since: a temporary trigger (it lives in this connection only, never in the file,
as the undo log's do) notes the day of every rating inserted, changed or deleted through this
connection. Writes through any other connection (work on another thread, a second program) are
seen by ``PRAGMA data_version``, and a connection opened afresh has no trigger yet: either way the
caller reads everything again.

Nothing here writes outside the trigger: the notes are only read (from the last one seen on), so
that reading never counts as a change of the data.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

LOG = "chart_rating_days"

_DAY_NUMBER = "CAST(julianday({col}) - 2440587.5 AS INTEGER)"  # days since 1970-01-01
"""A ``YYYY-MM-DD`` day as the number of days since 1970-01-01 (julianday is exact on days)."""

Row = tuple[int, int, int]
"""(day number, metric id, value)"""


def install_log(conn: sqlite3.Connection) -> None:
    """Note the day of every rating written through ``conn`` from now on (idempotent)."""
    conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {LOG} (seq INTEGER PRIMARY KEY, day TEXT)")
    for event, days in (
        ("INSERT", ("NEW",)),
        ("UPDATE", ("OLD", "NEW")),
        ("DELETE", ("OLD",)),
    ):
        inserts = " ".join(f"INSERT INTO {LOG} (day) VALUES ({row}.day);" for row in days)
        conn.execute(
            f"CREATE TEMP TRIGGER IF NOT EXISTS {LOG}_{event.lower()} AFTER {event} "
            f"ON main.metric_entry BEGIN {inserts} END"
        )


def log_position(conn: sqlite3.Connection) -> int | None:
    """The last note so far (0 before any), or None when ``conn`` has no log installed."""
    try:
        row = conn.execute(f"SELECT COALESCE(MAX(seq), 0) FROM temp.{LOG}").fetchone()
    except sqlite3.OperationalError:  # no such table: a connection opened since
        return None
    return int(row[0])


def days_written(
    conn: sqlite3.Connection, after: int, limit: int
) -> tuple[int, list[tuple[str, int]] | None]:
    """The last note, and the days of the ratings written after note ``after``: each as stored
    and as a day number; None when there are more than ``limit`` of them."""
    last, count = conn.execute(
        f"SELECT COALESCE(MAX(seq), ?), COUNT(DISTINCT day) FROM temp.{LOG} WHERE seq > ?",
        (after, after),
    ).fetchone()
    if count > limit:
        return int(last), None
    rows = conn.execute(
        f"SELECT DISTINCT day, {_DAY_NUMBER.format(col='day')} FROM temp.{LOG} WHERE seq > ?",
        (after,),
    ).fetchall()
    return int(last), [(str(day), int(number)) for day, number in rows]


def data_version(conn: sqlite3.Connection) -> int:
    """Moves on whenever another connection commits a change to the file."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


def ratings(
    conn: sqlite3.Connection, metric_ids: Sequence[int], days: Sequence[str] | None = None
) -> list[Row]:
    """Every rating of ``metric_ids`` (only on ``days``, as :func:`days_written` gives them,
    when given: through the index on the day)."""
    if not metric_ids:
        return []
    sql = (
        f"SELECT {_DAY_NUMBER.format(col='day')}, metric_id, value FROM metric_entry "
        f"WHERE metric_id IN ({','.join('?' * len(metric_ids))})"
    )
    params: list[object] = list(metric_ids)
    if days is not None:
        if not days:
            return []
        sql += f" AND day IN ({','.join('?' * len(days))})"
        params += list(days)
    return conn.execute(sql, params).fetchall()

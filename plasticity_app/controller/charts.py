"""What the Charts tab reads that other areas don't: the outcome ratings as one grid, kept between
changes and patched with only the days written since (see :mod:`plasticity_app.db.chart_reads`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from plasticity_app.controller.base import Context
from plasticity_app.db import chart_reads
from plasticity_app.domain.chart_state import Ratings

PATCH_DAYS = 400
"""More days written than this since the last read (an import, a restore), and everything is read
again: one query is then cheaper than patching day by day."""


class ChartsController:
    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        self._ratings: Ratings | None = None
        self._conn: sqlite3.Connection | None = None
        self._data_version = -1
        self._seen = 0  # the last note of the day log read
        self.full_reads = 0  # how often everything was read (for tests)

    def ratings(self, metric_ids: Sequence[int]) -> Ratings:
        """Every rating of ``metric_ids`` (the active metrics, in their order)."""
        ids = tuple(metric_ids)
        conn = self._ctx.db.connection
        if conn.in_transaction:  # what is read now may yet be rolled back: keep nothing
            return Ratings.from_rows(ids, chart_reads.ratings(conn, ids))
        kept = self._ratings
        if (
            kept is not None
            and kept.metric_ids == ids
            and conn is self._conn
            and chart_reads.data_version(conn) == self._data_version
        ):
            position = chart_reads.log_position(conn)
            if position is not None and position >= self._seen:
                seen, days = chart_reads.days_written(conn, self._seen, PATCH_DAYS)
                if days is not None:
                    if days:
                        rows = chart_reads.ratings(conn, ids, [text for text, _ in days])
                        kept = kept.patched((number for _, number in days), rows)
                    self._ratings, self._seen = kept, seen
                    return kept
        return self._read_all(conn, ids)

    def _read_all(self, conn: sqlite3.Connection, ids: tuple[int, ...]) -> Ratings:
        chart_reads.install_log(conn)
        self._seen = chart_reads.log_position(conn) or 0
        self._conn = conn
        self._data_version = chart_reads.data_version(conn)
        self._ratings = Ratings.from_rows(ids, chart_reads.ratings(conn, ids))
        self.full_reads += 1
        return self._ratings

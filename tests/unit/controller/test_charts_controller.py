"""The Charts tab's ratings: read whole once, then patched with only the days written since; read
whole again whenever it can't tell what changed (another connection, the file reopened)."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from typing import Any

import numpy as np

from plasticity_app.domain import chart_state as cs
from tests.helpers import add_presets, rate_days


def reference(journal: Any, ids: list[int]) -> cs.Ratings:
    rows = [((e.day - cs.EPOCH).days, e.metric_id, e.value) for e in journal.metrics.entries()]
    return cs.Ratings.from_rows(ids, rows)


def same(a: cs.Ratings, b: cs.Ratings) -> bool:
    """The same ratings (the grids may reach over different empty days)."""
    start = min(a.start, b.start)
    end = max(a.start + a.grid.shape[1], b.start + b.grid.shape[1])

    def spread(r: cs.Ratings) -> np.ndarray:
        grid = np.full((len(r.metric_ids), end - start), np.nan)
        grid[:, r.start - start : r.start - start + r.grid.shape[1]] = r.grid
        return grid

    return a.metric_ids == b.metric_ids and np.array_equal(spread(a), spread(b), equal_nan=True)


def test_changes_are_patched_in_without_reading_everything(journal: Any) -> None:
    a, b = add_presets(journal)
    ids = [a.id, b.id]
    today = journal.ctx.today()
    rate_days(journal, [a], 20)
    charts = journal.charts
    assert same(charts.ratings(ids), reference(journal, ids))
    assert charts.full_reads == 1

    journal.metrics.check_in(today, {a.id: 2, b.id: 9})  # a change and a new rating
    journal.metrics.rate(a.id, today - timedelta(days=40), 3)  # before the first day
    journal.metrics.clear_rating(a.id, today - timedelta(days=19))  # the first day goes
    assert same(charts.ratings(ids), reference(journal, ids))
    assert charts.ratings(ids) is charts.ratings(ids)  # nothing written since: kept as it was

    # Undo writes through the same connection: seen like any other change.
    steps: list[Any] = []
    journal.history.recorded.connect(steps.append)
    journal.metrics.rate(b.id, today - timedelta(days=3), 7)
    assert same(charts.ratings(ids), reference(journal, ids))
    journal.history.undo(steps[-1])
    assert same(charts.ratings(ids), reference(journal, ids))
    assert np.isnan(charts.ratings(ids).grid[1, -4])
    assert charts.full_reads == 1


def test_a_rolled_back_write_leaves_no_trace(journal: Any) -> None:
    a, b = add_presets(journal)
    ids = [a.id, b.id]
    today = journal.ctx.today()
    journal.metrics.rate(a.id, today, 4)
    charts = journal.charts
    charts.ratings(ids)
    try:
        with journal.ctx.transaction():
            journal.ctx.metrics_repo.set_rating(a.id, today, 9)
            inside = charts.ratings(ids)  # read inside the transaction: not kept
            assert inside.grid[0, -1] == 9
            raise RuntimeError
    except RuntimeError:
        pass
    assert same(charts.ratings(ids), reference(journal, ids))
    assert charts.ratings(ids).grid[0, -1] == 4


def test_writes_through_another_connection_read_everything_again(journal: Any) -> None:
    a, b = add_presets(journal)
    ids = [a.id, b.id]
    today = journal.ctx.today()
    journal.metrics.rate(a.id, today, 4)
    charts = journal.charts
    charts.ratings(ids)
    other = sqlite3.connect(journal.path)
    with other:
        other.execute(
            "UPDATE metric_entry SET value = 8 WHERE metric_id = ? AND day = ?",
            (a.id, today.isoformat()),
        )
    other.close()
    assert charts.ratings(ids).grid[0, -1] == 8
    assert charts.full_reads == 2
    assert same(charts.ratings(ids), reference(journal, ids))


def test_a_reopened_journal_or_other_metrics_read_everything_again(journal: Any) -> None:
    a, b = add_presets(journal)
    today = journal.ctx.today()
    journal.metrics.rate(a.id, today, 4)
    journal.metrics.rate(b.id, today, 6)
    charts = journal.charts
    charts.ratings([a.id, b.id])
    assert same(charts.ratings([b.id]), reference(journal, [b.id]))
    assert charts.full_reads == 2
    journal._reopen(None)  # as after a restore: a new connection, with no log of days yet
    journal.metrics.rate(b.id, today, 1)
    assert same(charts.ratings([b.id]), reference(journal, [b.id]))
    assert charts.full_reads == 3


def test_many_days_written_at_once_are_read_in_one_go(journal: Any) -> None:
    a, _b = add_presets(journal)
    today = journal.ctx.today()
    journal.metrics.rate(a.id, today, 4)
    charts = journal.charts
    charts.ratings([a.id])
    with journal.ctx.transaction():  # an import, say
        for i in range(1, 500):
            journal.ctx.metrics_repo.set_rating(a.id, today - timedelta(days=i), 3)
    assert same(charts.ratings([a.id]), reference(journal, [a.id]))
    assert charts.full_reads == 2

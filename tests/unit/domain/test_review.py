from __future__ import annotations

from datetime import date, timedelta

import pytest

from plasticity_app.domain import review as rv
from plasticity_app.domain.metrics import Direction

MONDAY = date(2026, 11, 16)


def test_metric_week_reading_comes_first_and_is_signed_for_direction() -> None:
    w = rv.metric_week(1, "Self-criticism", Direction.LOWER, [7, 8, 7, 6, 7, 8, 7], [5, 4, 5, 6, 4])
    assert w.change == pytest.approx(7.142857 - 4.8, abs=1e-6)
    assert w.reading.startswith(
        "This week averaged 4.8, 2.3 points better than your baseline of 7.1"
    )
    assert w.nap is not None and w.nap.est > 0.9
    assert "day pairs" in w.reading


def test_metric_week_harder_week() -> None:
    w = rv.metric_week(1, "Willingness", Direction.HIGHER, [5, 5, 6, 5], [3, 4, 3])
    assert w.change is not None and w.change < 0
    assert "points worse than your baseline" in w.reading


def test_metric_week_without_ratings_or_baseline_says_so_plainly() -> None:
    empty = rv.metric_week(1, "Calm", Direction.HIGHER, [5, 6], [])
    assert empty.nap is None and empty.change is None
    assert empty.reading == "No ratings this week, so there is nothing to compare yet."
    no_base = rv.metric_week(1, "Calm", Direction.HIGHER, [], [5])
    assert "no baseline" in no_base.reading and "nan" not in no_base.reading.lower()


def test_needle_needs_three_days_each_side_and_says_association() -> None:
    window = [MONDAY - timedelta(days=i) for i in range(28)]
    done = {1: set(window[:10])}
    ratings = {7: {d: (3.0 if d in done[1] else 6.0) for d in window}}
    signals = rv.needle_signals(
        [(1, "Exercise")],
        done,
        {},
        [(7, "Self-criticism", Direction.LOWER)],
        ratings,
        window=window,
    )
    assert len(signals) == 1
    s = signals[0]
    assert s.done_days == 10 and s.other_days == 18
    assert s.difference == pytest.approx(3.0)
    assert "association" in s.reading and "not proof" in s.reading
    few = rv.needle_signals(
        [(1, "Exercise")],
        {1: set(window[:2])},
        {},
        [(7, "S", Direction.LOWER)],
        ratings,
        window=window,
    )
    assert few == []


def test_skipped_days_are_left_out_of_the_comparison() -> None:
    window = [MONDAY - timedelta(days=i) for i in range(10)]
    done = {1: set(window[:4])}
    recorded = {1: set(window[:8])}  # the last two days were skipped
    ratings = {7: dict.fromkeys(window, 5.0)}
    (s,) = rv.needle_signals(
        [(1, "Walk")], done, recorded, [(7, "Calm", Direction.HIGHER)], ratings, window=window
    )
    assert s.other_days == 4


def test_review_validation() -> None:
    ok = rv.ReviewAnswers(MONDAY)
    assert rv.validate_review(ok, MONDAY + timedelta(days=3), 0) == {}
    future = rv.ReviewAnswers(MONDAY + timedelta(days=7))
    assert "hasn’t started" in rv.validate_review(future, MONDAY + timedelta(days=3), 0)["week"]
    long = rv.ReviewAnswers(MONDAY, notes="x" * 4001)
    assert "notes" in rv.validate_review(long, MONDAY, 0)


def test_due_week() -> None:
    today = date(2026, 11, 25)  # a Wednesday
    assert rv.due_week(today, 0, None, set()) is None
    assert rv.due_week(today, 0, date(2026, 11, 1), set()) == date(2026, 11, 16)
    assert rv.due_week(today, 0, date(2026, 11, 1), {date(2026, 11, 16)}) is None
    assert rv.due_week(today, 0, date(2026, 11, 23), set()) is None

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plasticity_app.domain import review as rv
from plasticity_app.domain.metrics import Direction

MONDAY = date(2026, 11, 16)


def test_metric_week_reading_comes_first_and_is_signed_for_direction() -> None:
    w = rv.metric_week(1, "Self-criticism", Direction.LOWER, [7, 8, 7, 6, 7, 8, 7], [5, 4, 5, 6, 4])
    assert w.change == pytest.approx(7.142857 - 4.8, abs=1e-6)
    assert w.reading.startswith(
        "This week averaged 4.8, 2.3 points better than your baseline average of 7.1."
    )
    assert w.nap is not None and w.nap.est > 0.9
    assert "share of pairs" in w.technical and "NAP" in w.technical and "95 % CI" in w.technical


def test_metric_week_says_which_count_is_which() -> None:
    # Issue 14 item 9: "(5 days rated)" next to a baseline of 7 days read as the baseline's count.
    w = rv.metric_week(1, "Self-criticism", Direction.LOWER, [7, 8, 7, 6, 7, 8, 7], [5, 4, 5, 6, 4])
    assert "Based on 7 baseline days and 5 days rated this week." in w.reading
    one = rv.metric_week(1, "Calm", Direction.HIGHER, [5, 5, 6, 5, 4], [9])
    assert "Based on 5 baseline days and 1 day rated this week." in one.reading


def test_metric_week_jargon_is_kept_out_of_the_reading() -> None:
    w = rv.metric_week(1, "Self-criticism", Direction.LOWER, [7, 8, 7, 6, 7, 8, 7], [5, 4, 5, 6, 4])
    for jargon in ("NAP", "CI", "day pairs", "%"):
        assert jargon not in w.reading
    assert "more than chance alone would usually give" in w.reading
    assert w.technical.startswith("NAP 99 % (95 % CI")


def test_metric_week_harder_week() -> None:
    w = rv.metric_week(1, "Willingness", Direction.HIGHER, [5, 5, 6, 5], [3, 4, 3])
    assert w.change is not None and w.change < 0
    assert "points worse than your baseline average" in w.reading


def test_metric_week_with_few_days_says_too_few_to_tell() -> None:
    w = rv.metric_week(1, "Calm", Direction.HIGHER, [5, 6, 4, 5, 6, 5, 4], [6, 5])
    assert w.nap is not None and w.nap.ci is not None and w.nap.ci[0] <= 0.5
    assert w.reading.endswith("Too few days to tell whether this is more than chance.")


def test_metric_week_without_ratings_or_baseline_says_so_plainly() -> None:
    empty = rv.metric_week(1, "Calm", Direction.HIGHER, [5, 6], [])
    assert empty.nap is None and empty.change is None
    assert empty.reading == "No ratings this week, so there is nothing to compare yet."
    no_base = rv.metric_week(1, "Calm", Direction.HIGHER, [], [5])
    assert "no baseline" in no_base.reading and "nan" not in no_base.reading.lower()
    assert "over 1 day." in no_base.reading


def test_a_week_overlapping_the_baseline_is_marked_and_compares_only_later_days() -> None:
    # Issue 14 item 9: a week overlapping the baseline was compared with it without a word.
    ended = date(2026, 11, 18)
    w = rv.metric_week(
        1,
        "Calm",
        Direction.HIGHER,
        [3, 3, 4, 3, 3, 4, 3],
        [8, 9, 8, 9],
        in_baseline=[3, 4, 3],
        baseline_end=ended,
    )
    assert w.overlap
    assert w.reading.startswith(
        "This week overlaps your baseline (it ended on Wednesday 18 November), so only the days "
        "after it are compared."
    )
    assert "Based on 7 baseline days and 4 days rated this week." in w.reading
    assert w.week.n == 7 and w.compared is not None and w.compared.n == 4
    assert w.change == pytest.approx(8.5 - 23 / 7)
    inside = rv.metric_week(
        1, "Calm", Direction.HIGHER, [3, 3, 4, 3, 3], [], in_baseline=[3, 4], baseline_end=ended
    )
    assert inside.overlap and inside.nap is None and inside.change is None
    assert inside.reading == (
        "This week is part of your baseline (it ended on Wednesday 18 November), so it is not "
        "compared with it. It averaged 3.5 over 2 days."
    )


ratings_lists = st.lists(st.integers(0, 10), min_size=1, max_size=28)


@given(
    base=ratings_lists,
    week=st.lists(st.integers(0, 10), min_size=1, max_size=7),
    higher=st.booleans(),
)
def test_metric_week_reading_matches_its_numbers(
    base: list[int], week: list[int], higher: bool
) -> None:
    direction = Direction.HIGHER if higher else Direction.LOWER
    w = rv.metric_week(1, "Calm", direction, base, week)
    assert w.nap is not None and w.change is not None
    assert rv.baseline_days_text(len(base)) in w.reading
    assert rv.week_days_text(len(week)) in w.reading
    for jargon in ("NAP", "CI", "pairs", "nan"):
        assert jargon not in w.reading
    if abs(w.change) < 0.05:
        assert "about the same" in w.reading
    elif w.change > 0:
        assert "points better" in w.reading
    else:
        assert "points worse" in w.reading
    unsure = w.nap.ci is None or w.nap.ci[0] <= 0.5 <= w.nap.ci[1]
    assert ("Too few days to tell" in w.reading) == unsure
    if not unsure:
        better = "Most days this week were better" in w.reading
        assert better == (w.nap.est > 0.5)


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
    assert s.clear
    assert s.reading == (
        "On days with Exercise, Self-criticism was 3.0 points better on average (10 days with "
        "it, 18 without). This is an association in your own notes, not proof that one caused "
        "the other."
    )
    assert s.technical.startswith("NAP 100 % (95 % CI")
    few = rv.needle_signals(
        [(1, "Exercise")],
        {1: set(window[:2])},
        {},
        [(7, "S", Direction.LOWER)],
        ratings,
        window=window,
    )
    assert few == []


def test_a_small_link_says_too_few_days_to_tell() -> None:
    # Issue 14 item 9: the demo said gratitude days had *worse* self-criticism, with no word of
    # how unsure that is.
    window = [MONDAY - timedelta(days=i) for i in range(24)]
    done = {1: set(window[::2])}
    ratings = {7: {d: float(5 + (i % 4 == 0) - (i % 3 == 0)) for i, d in enumerate(window)}}
    (s,) = rv.needle_signals(
        [(1, "Gratitude note")],
        done,
        {},
        [(7, "Self-criticism", Direction.LOWER)],
        ratings,
        window=window,
    )
    assert not s.clear
    assert s.reading.startswith("Gratitude note and Self-criticism: too few days to tell.")
    assert "within what chance alone could give" in s.reading
    assert "worse" not in s.reading and "better" not in s.reading


@given(
    done_mask=st.lists(st.booleans(), min_size=28, max_size=28),
    values=st.lists(st.integers(0, 10), min_size=28, max_size=28),
)
def test_needle_readings_state_their_uncertainty(done_mask: list[bool], values: list[int]) -> None:
    window = [MONDAY - timedelta(days=i) for i in range(28)]
    done = {1: {d for d, m in zip(window, done_mask, strict=True) if m}}
    ratings = {7: {d: float(v) for d, v in zip(window, values, strict=True)}}
    signals = rv.needle_signals(
        [(1, "Walk")], done, {}, [(7, "Calm", Direction.HIGHER)], ratings, window=window
    )
    for s in signals:
        unsure = s.nap.ci is None or s.nap.ci[0] <= 0.5 <= s.nap.ci[1] or abs(s.difference) < 0.05
        assert s.clear == (not unsure)
        assert ("too few days to tell" in s.reading) == unsure
        assert ("not proof" in s.reading) == (not unsure)
        assert "NAP" not in s.reading and "NAP" in s.technical


def test_clear_links_come_before_unclear_ones() -> None:
    window = [MONDAY - timedelta(days=i) for i in range(28)]
    done = {1: set(window[:14]), 2: set(window[::2])}
    ratings = {7: {d: (8.0 if d in done[1] else 3.0) for d in window}}
    signals = rv.needle_signals(
        [(2, "Reading"), (1, "Walk")],
        done,
        {},
        [(7, "Calm", Direction.HIGHER)],
        ratings,
        window=window,
    )
    assert [s.habit_name for s in signals] == ["Walk", "Reading"]
    assert [s.clear for s in signals] == [True, False]


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

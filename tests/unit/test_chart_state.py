"""Chart states, checked by hand: rolling mean, baseline band, gaps, phase markers, habit weeks."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta

import numpy as np
import pytest

from plasticity_app.domain import chart_state as cs
from plasticity_app.domain.experiments import (
    Experiment,
    ExperimentPlan,
    ExperimentResult,
    ExperimentStatus,
    PredictionCameTrue,
)
from plasticity_app.domain.habits import EntryStatus, Habit, HabitEntry, HabitKind, Target
from plasticity_app.domain.metrics import Direction, Metric, MetricEntry
from plasticity_app.domain.openings import Opening, OpeningKind
from plasticity_app.domain.roadmap import StepState, StepStatus

nan = math.nan
D0 = date(2026, 11, 2)  # a Monday


def d(i: int) -> date:
    return D0 + timedelta(days=i)


def same(a: object, b: list[float]) -> bool:
    return bool(np.allclose(np.asarray(a, dtype=float), np.asarray(b), equal_nan=True))


# Axis ------------------------------------------------------------------------------------------


def test_day_x_is_midnight_utc_and_round_trips() -> None:
    assert cs.day_x(date(1970, 1, 1)) == 0.0
    assert cs.day_x(date(1970, 1, 2)) == 86_400.0
    # 56 years with 14 leap days to 2026-01-01 (20454 days), then 304 + 22 days to 23 November.
    assert cs.day_x(date(2026, 11, 23)) == (56 * 365 + 14 + 326) * 86_400 == 1_795_392_000
    assert cs.x_day(cs.day_x(D0)) == D0
    assert cs.x_day(cs.day_x(D0) + 0.49 * 86_400) == D0  # nearest day
    assert cs.x_day(cs.day_x(D0) + 0.51 * 86_400) == d(1)


def test_range_span_shows_the_last_days_with_half_a_day_spare() -> None:
    low, high = cs.range_span(d(-100), d(27), 28)
    assert cs.x_day(low + 43_200) == d(0)  # 28 days ending on d(27) start on d(0)
    assert high - low == 28 * 86_400
    low, high = cs.range_span(d(-100), d(27), None)
    assert low == cs.day_x(d(-100)) - 43_200
    assert high == cs.day_x(d(27)) + 43_200
    # Less data than the range asked for: show from the first day, not empty weeks before it.
    low, _ = cs.range_span(d(20), d(27), 91)
    assert low == cs.day_x(d(20)) - 43_200
    low, _ = cs.range_span(None, d(27), 28)
    assert low == cs.day_x(d(27)) - 43_200


# Rolling mean ----------------------------------------------------------------------------------


def test_rolling_mean_over_seven_days_needs_three_ratings() -> None:
    values = np.array([2, 4, 6, 8, 10, 0, 2, 4, 6], dtype=float)
    # days 0, 1: fewer than 3 ratings; day 2: (2+4+6)/3 = 4; day 3: 20/4 = 5; day 4: 30/5 = 6;
    # day 5: 30/6 = 5; day 6: 32/7; day 7 drops day 0: (4+6+8+10+0+2+4)/7 = 34/7;
    # day 8 drops day 1: (6+8+10+0+2+4+6)/7 = 36/7.
    expected = [nan, nan, 4, 5, 6, 5, 32 / 7, 34 / 7, 36 / 7]
    assert same(cs.rolling_mean(values), expected)


def test_rolling_mean_skips_missing_days() -> None:
    values = np.array([6, nan, nan, 3, nan, 9, nan, nan, nan, nan, nan, nan], dtype=float)
    # day 5: 6, 3, 9 present -> 6; day 6 has no rating of its own -> a gap (its window would
    # give 6); day 7 drops day 0 (6): only 3 and 9 left -> a gap; later days have fewer still.
    expected = [nan, nan, nan, nan, nan, 6, nan, nan, nan, nan, nan, nan]
    assert same(cs.rolling_mean(values), expected)


def test_the_average_line_breaks_on_every_unrated_day() -> None:
    """A week rated daily, a gap of three days, then daily again: the average is drawn on the
    rated days only, so the line breaks over the gap (and after the last rating) instead of
    running on as if those days had been rated."""
    values = np.array([5] * 7 + [nan] * 3 + [7] * 4 + [nan] * 2, dtype=float)
    rolling = cs.rolling_mean(values)
    rated = ~np.isnan(values)
    assert np.isnan(rolling[~rated]).all()
    assert not np.isnan(rolling[2:7]).any()  # 3 or more ratings in the window, rated that day
    assert rolling[10] == pytest.approx((5 * 3 + 7) / 4)  # back after the gap, same window


def test_rolling_mean_of_nothing_is_empty() -> None:
    assert len(cs.rolling_mean(np.array([], dtype=float))) == 0


# Outcome chart ---------------------------------------------------------------------------------

SELF_CRITICISM = Metric(1, "Self-criticism", Direction.LOWER)
WILLINGNESS = Metric(2, "Willingness", Direction.HIGHER)


def test_outcome_rows_have_gaps_baseline_band_and_direction() -> None:
    entries = [
        MetricEntry(1, d(0), 7),
        MetricEntry(1, d(1), 5),
        MetricEntry(1, d(2), 6),  # baseline ends here: 7, 5, 6 -> mean 6, SD 1
        # d(3) missing
        MetricEntry(1, d(4), 3),
        MetricEntry(2, d(1), 4),
        MetricEntry(9, d(0), 10),  # another (archived) metric's rating is left out
    ]
    chart = cs.build_outcome_chart(
        [SELF_CRITICISM, WILLINGNESS], entries, today=d(5), baseline_end=d(2)
    )
    assert chart.first == d(0)
    assert chart.last == d(5)
    assert len(chart.x) == 6
    assert chart.x[1] - chart.x[0] == 86_400
    scs, will = chart.rows
    assert same(scs.values, [7, 5, 6, nan, 3, nan])
    assert same(scs.rolling, [nan, nan, 6, nan, 21 / 4, nan])  # unrated days: a gap
    assert scs.baseline.n == 3
    assert scs.baseline.mean == pytest.approx(6.0)
    assert scs.baseline.sd == pytest.approx(1.0)
    assert scs.band == pytest.approx((5.0, 7.0))
    assert scs.better == "↓ lower is better"
    assert scs.rated_days == 4
    assert same(will.values, [nan, 4, nan, nan, nan, nan])
    assert will.band is None  # one rating has no SD
    assert will.better == "↑ higher is better"
    assert chart.value_on(scs, d(4)) == (3.0, 5.25)
    assert all(math.isnan(v) for v in chart.value_on(scs, d(3))[:1])
    assert all(math.isnan(v) for v in chart.value_on(scs, d(40)))
    assert not chart.empty


def test_open_baseline_uses_every_rating() -> None:
    entries = [MetricEntry(1, d(0), 2), MetricEntry(1, d(1), 4), MetricEntry(1, d(2), 9)]
    chart = cs.build_outcome_chart([SELF_CRITICISM], entries, today=d(2), baseline_end=None)
    assert chart.rows[0].baseline.mean == pytest.approx(5.0)
    assert chart.rows[0].baseline.sd == pytest.approx(math.sqrt(13))  # (9 + 1 + 16) / 2


def test_no_ratings_is_an_empty_chart() -> None:
    chart = cs.build_outcome_chart([SELF_CRITICISM], [], today=d(3), baseline_end=None)
    assert chart.empty
    assert chart.first is None
    assert len(chart.rows) == 1
    assert chart.rows[0].band is None


# Markers ---------------------------------------------------------------------------------------


def experiment(
    i: int, before: int, after: int | None, done: date | None, title: str = "I always mess up"
) -> Experiment:
    plan = ExperimentPlan(title, before, "Speak up once", "They will laugh", d(0))
    if done is None:
        return Experiment(i, plan)
    result = ExperimentResult("It went fine", PredictionCameTrue.NO, after, done)
    return Experiment(i, plan, ExperimentStatus.DONE, result)


def step(number: int, on: date | None, state: StepState = StepState.COMPLETE) -> StepStatus:
    return StepStatus(
        number, f"Title {number}", "", state if on else StepState.ACTIVE, (), (), (), None, on
    )


def test_phase_markers_in_date_order_with_belief_change() -> None:
    markers = cs.phase_markers(
        [step(1, d(7)), step(2, d(9), StepState.SKIPPED), step(3, None)],
        [Opening(OpeningKind.TMS, datetime(2026, 11, 11, 10, 0))],  # d(9)
        [experiment(1, 80, 30, d(12)), experiment(2, 60, None, None)],
    )
    assert [(m.day, m.kind, m.label) for m in markers] == [
        (d(7), cs.MarkerKind.STEP, "Step 1"),
        (d(9), cs.MarkerKind.STEP, "Step 2"),
        (d(9), cs.MarkerKind.OPENING, "Opening"),
        (d(12), cs.MarkerKind.EXPERIMENT, "Experiment"),
    ]
    assert markers[0].detail == "Step 1 done: Title 1"
    assert "not needed" in markers[1].detail
    assert markers[2].detail.startswith("Opening: TMS")
    assert markers[3].detail == "Experiment: “I always mess up”\nBelief 80 % → 30 %"


# Experiment chart ------------------------------------------------------------------------------


def test_experiment_chart_in_date_order_with_pairs() -> None:
    chart = cs.build_experiment_chart(
        [
            experiment(1, 90, 40, d(10), "Later"),
            experiment(2, 70, None, d(3), "Not re-rated"),
            experiment(3, 50, 20, d(1), "First"),
            experiment(4, 60, None, None, "Still planned"),
        ]
    )
    assert chart.days == (d(1), d(3), d(10))
    assert chart.titles == ("First", "Not re-rated", "Later")
    assert same(chart.before, [50, 70, 90])
    assert same(chart.after, [20, nan, 40])
    xs, ys = chart.segments()
    assert same(xs, [cs.day_x(d(1))] * 2 + [cs.day_x(d(10))] * 2)
    assert same(ys, [50, 20, 90, 40])
    assert chart.reading(0) == "50 % → 20 %: First"
    assert chart.reading(1) == "70 %: Not re-rated"
    assert chart.nearest(cs.day_x(d(9)), 2 * 86_400) == 2
    assert chart.nearest(cs.day_x(d(6)), 2 * 86_400) is None
    assert cs.build_experiment_chart([]).empty


# Habit chart -----------------------------------------------------------------------------------


def test_habit_weeks_against_target_and_strength() -> None:
    exercise = Habit(
        id=5, name="Exercise", kind=HabitKind.YES_NO, target=Target(2, 7, 4), created=D0
    )
    done = EntryStatus.DONE
    entries = [
        HabitEntry(5, d(0), done),
        HabitEntry(5, d(2), done),
        HabitEntry(5, d(4), done),  # week 1: 3 of 2–4, met
        HabitEntry(5, d(8), EntryStatus.SKIPPED),  # week 2: nothing done, under
        HabitEntry(5, d(14), done),  # week 3 (today is d(16)): 1 so far
        HabitEntry(6, d(0), done),  # another habit's
    ]
    chart = cs.build_habit_chart([exercise], entries, today=d(16), first_weekday=0)
    (row,) = chart.rows
    assert chart.first == d(0)
    assert row.weeks == (d(0), d(7), d(14))
    assert same(row.done, [3, 0, 1])
    assert same(row.target_min, [2, 2, 2])
    assert same(row.target_max, [4, 4, 4])
    assert list(row.met) == [True, False, False]
    assert row.readings[0] == "3 of 2–4 this week"
    assert row.readings[1] == "0 of 2–4 this week (1 skipped)"
    assert row.readings[2] == "1 of 2–4 so far this week"
    assert row.week_x[0] == cs.day_x(d(0)) + 3.5 * 86_400
    assert row.target == "2–4 times a week"
    assert row.week_index(d(9)) == 1
    assert row.week_index(d(30)) is None
    # Strength: one point a day from the first entry to today, in percent, starting low.
    assert len(row.strength) == 17
    assert row.strength_x[0] == cs.day_x(d(0))
    assert 0 < row.strength[0] < 10
    assert row.strength_on(d(8)) == row.strength_on(d(7))  # a skipped day keeps the strength
    assert math.isnan(row.strength_on(d(20)))
    xs, ys = row.step_line(row.target_min)
    assert same(xs[:2], [cs.day_x(d(0)), cs.day_x(d(7))])
    assert same(ys, [2, 2, 2, 2, 2, 2])


def test_habit_without_entries_has_an_empty_row() -> None:
    sleep = Habit(id=1, name="Sleep", kind=HabitKind.QUANTITY, unit="hours", created=D0)
    chart = cs.build_habit_chart([sleep], [], today=d(3))
    assert chart.empty
    assert chart.first is None
    assert chart.rows[0].empty


# The outcome chart from a grid of the ratings (what the Charts tab patches after a change) -------


def _same_outcome_chart(a: cs.OutcomeChart, b: cs.OutcomeChart) -> None:
    assert (a.first, a.last, a.markers) == (b.first, b.last, b.markers)
    assert np.array_equal(a.x, b.x)
    assert len(a.rows) == len(b.rows)
    for r, q in zip(a.rows, b.rows, strict=True):
        assert (r.metric_id, r.name, r.direction) == (q.metric_id, q.name, q.direction)
        assert np.array_equal(r.values, q.values, equal_nan=True)
        assert np.array_equal(r.rolling, q.rolling, equal_nan=True)
        assert r.baseline.n == q.baseline.n
        assert same([r.baseline.mean, r.baseline.sd], [q.baseline.mean, q.baseline.sd])
        assert r.baseline.mean == q.baseline.mean or math.isnan(q.baseline.mean)


def _rows(entries: list[MetricEntry]) -> list[tuple[int, int, int]]:
    return [((e.day - cs.EPOCH).days, e.metric_id, e.value) for e in entries]


@pytest.mark.parametrize("seed", range(6))
def test_the_chart_from_a_patched_grid_equals_one_built_from_every_entry(seed: int) -> None:
    rng = np.random.default_rng(seed)
    metrics = [Metric(1, "Mood", Direction.HIGHER), Metric(3, "Worry", Direction.LOWER)]
    today = d(200)
    entries = {
        (m, d(i)): int(rng.integers(0, 11))
        for m in (1, 2, 3)  # metric 2 is archived: not charted, and its days don't count
        for i in range(int(rng.integers(-5, 40)), 190)
        if rng.random() < 0.7
    }
    entries[(2, d(-30))] = 4
    entries[(1, d(203))] = 6  # a rating after today (a clock moved back) stretches the days

    def listed() -> list[MetricEntry]:
        return [MetricEntry(m, day, v) for (m, day), v in sorted(entries.items())]

    ratings = cs.Ratings.from_rows([1, 3], _rows(listed()))
    for change in range(8):
        # Change, add and delete ratings on a few days (at either end too), then patch them in.
        days = [d(int(i)) for i in rng.integers(-10, 205, size=3)] + [d(-5 + change)]
        for day in days:
            for m in (1, 2, 3):
                if rng.random() < 0.5:
                    entries.pop((m, day), None)
                else:
                    entries[(m, day)] = int(rng.integers(0, 11))
        on_days = [e for e in listed() if e.day in days]
        ratings = ratings.patched([(day - cs.EPOCH).days for day in days], _rows(on_days))
        for baseline_end in (None, d(-20), d(10), d(500)):
            _same_outcome_chart(
                cs.build_outcome_chart_from_ratings(
                    metrics, ratings, today=today, baseline_end=baseline_end
                ),
                cs.build_outcome_chart(metrics, listed(), today=today, baseline_end=baseline_end),
            )


def test_the_chart_from_ratings_with_none_left_is_empty() -> None:
    metrics = [Metric(1, "Mood", Direction.HIGHER)]
    ratings = cs.Ratings.from_rows([1], [((d(3) - cs.EPOCH).days, 1, 5)])
    ratings = ratings.patched([(d(3) - cs.EPOCH).days], [])  # the one rating deleted
    chart = cs.build_outcome_chart_from_ratings(metrics, ratings, today=d(9), baseline_end=None)
    _same_outcome_chart(chart, cs.build_outcome_chart(metrics, [], today=d(9), baseline_end=None))
    assert chart.empty
    assert cs.build_outcome_chart_from_ratings(
        [], cs.Ratings.from_rows([], []), today=d(9), baseline_end=None
    ).empty

"""What the Charts tab draws, computed from the raw entries (pure: numpy, no Qt).

Every chart shares one calendar x axis: a day is the number of seconds from 1970-01-01 to its
midnight, read as UTC (``day_x``), so pyqtgraph's ``DateAxisItem`` labels it without a time-zone
shift. Missing days are NaN: drawn with ``connect="finite"`` they leave a gap in the line.

* **Outcome chart**: one row per active metric with every day from the first rating to today,
  the 7-day rolling mean (on rated days), the baseline (phase A) mean and ±1 SD band, and the phase markers
  (step completions, openings, finished experiments with their belief change).
* **Experiment chart**: belief before → after for each finished experiment, in date order.
* **Habit chart**: per habit, each week's successes against the target scaled to 7 days, and
  Loop's strength for every day.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from plasticity_app.domain import habits as hb
from plasticity_app.domain.clock import week_start
from plasticity_app.domain.experiments import Experiment, ExperimentStatus
from plasticity_app.domain.metrics import (
    Direction,
    Metric,
    MetricEntry,
    Summary,
    baseline_values,
    summarize,
)
from plasticity_app.domain.openings import Opening
from plasticity_app.domain.roadmap import StepState, StepStatus

FloatArray = npt.NDArray[np.float64]

EPOCH = date(1970, 1, 1)
DAY_SECONDS = 86_400
ROLLING_DAYS = 7
ROLLING_MIN_RATINGS = 3
"""A rolling mean needs at least this many ratings among its 7 days (else it is a gap)."""

RANGES: tuple[tuple[str, int | None], ...] = (
    ("4 weeks", 28),
    ("3 months", 91),
    ("1 year", 365),
    ("All", None),
)


def day_x(day: date) -> float:
    """A day's position on the charts' x axis (seconds since 1970-01-01, midnight UTC)."""
    return float((day - EPOCH).days * DAY_SECONDS)


def x_day(x: float) -> date:
    """The day nearest to an x position (the inverse of :func:`day_x`)."""
    return EPOCH + timedelta(days=math.floor(x / DAY_SECONDS + 0.5))


def range_span(
    first: date | None, last: date, days: int | None, *, margin: float = 0.5
) -> tuple[float, float]:
    """The x range showing the last ``days`` days up to ``last`` (everything from ``first`` when
    ``days`` is None, or when the data is shorter than that), with half a day to spare on each
    side so that the end points are not cut."""
    start = first or last
    if days is not None:
        start = max(start, last - timedelta(days=days - 1))
    return day_x(start) - margin * DAY_SECONDS, day_x(last) + margin * DAY_SECONDS


def rolling_mean(
    values: FloatArray, window: int = ROLLING_DAYS, min_count: int = ROLLING_MIN_RATINGS
) -> FloatArray:
    """Trailing mean over the last ``window`` days (the day itself and the days before it),
    of the values that are there; NaN where fewer than ``min_count`` of them are, and on a day
    with no value of its own: the average line breaks over unrated days (drawn on across them,
    it would read as if those days had been rated)."""
    present = ~np.isnan(values)
    filled = np.where(present, values, 0.0)
    sums = np.cumsum(np.concatenate(([0.0], filled)))
    counts = np.cumsum(np.concatenate(([0], present.astype(np.int64))))
    index = np.arange(1, len(values) + 1)
    lower = np.maximum(index - window, 0)
    window_sum = sums[index] - sums[lower]
    window_count = counts[index] - counts[lower]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = window_sum / window_count
    return np.where((window_count >= min_count) & present, mean, np.nan)


# ------------------------------------------------------------------------------------------------
# Phase markers
# ------------------------------------------------------------------------------------------------


class MarkerKind(StrEnum):
    STEP = "step"
    OPENING = "opening"
    EXPERIMENT = "experiment"


@dataclass(frozen=True)
class Marker:
    """Something that happened on a day: ``label`` is short (drawn on the chart), ``detail`` is
    the hover text."""

    day: date
    kind: MarkerKind
    label: str
    detail: str


def _step_marker(step: StepStatus) -> Marker | None:
    if step.completed_on is None:
        return None
    if step.state is StepState.SKIPPED:
        detail = f"Step {step.number}: {step.title}. Marked as not needed."
    else:
        detail = f"Step {step.number} done: {step.title}"
    return Marker(step.completed_on, MarkerKind.STEP, f"Step {step.number}", detail)


def experiment_marker(experiment: Experiment) -> Marker | None:
    """A finished experiment on the day it was run, with its belief change."""
    if experiment.status is not ExperimentStatus.DONE or experiment.result is None:
        return None
    return Marker(
        experiment.result.done_date,
        MarkerKind.EXPERIMENT,
        "Experiment",
        f"Experiment: “{experiment.title}”\nBelief {experiment.belief_change}",
    )


def phase_markers(
    steps: Iterable[StepStatus],
    openings: Iterable[Opening] = (),
    experiments: Iterable[Experiment] = (),
) -> tuple[Marker, ...]:
    """Step completions, openings and finished experiments, in date order."""
    markers = [m for m in (_step_marker(s) for s in steps) if m is not None]
    markers += [
        Marker(o.at.date(), MarkerKind.OPENING, "Opening", f"Opening: {o.kind.label}")
        for o in openings
    ]
    markers += [m for m in (experiment_marker(e) for e in experiments) if m is not None]
    order = {MarkerKind.STEP: 0, MarkerKind.OPENING: 1, MarkerKind.EXPERIMENT: 2}
    return tuple(sorted(markers, key=lambda m: (m.day, order[m.kind])))


# ------------------------------------------------------------------------------------------------
# Outcome chart
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class OutcomeRow:
    """One metric: its ratings (NaN where a day is missing) on the chart's days."""

    metric_id: int
    name: str
    direction: Direction
    values: FloatArray
    rolling: FloatArray
    baseline: Summary

    @property
    def band(self) -> tuple[float, float] | None:
        """Baseline mean ± 1 SD, or None while there are fewer than 2 baseline ratings."""
        if self.baseline.n < 2 or math.isnan(self.baseline.sd):
            return None
        return self.baseline.mean - self.baseline.sd, self.baseline.mean + self.baseline.sd

    @property
    def better(self) -> str:
        """“↑ higher is better” or “↓ lower is better”."""
        arrow = "↑" if self.direction is Direction.HIGHER else "↓"
        return f"{arrow} {self.direction.label}"

    @property
    def rated_days(self) -> int:
        return int(np.count_nonzero(~np.isnan(self.values)))


@dataclass(frozen=True, eq=False)
class OutcomeChart:
    """Rows share the days ``first`` … ``last`` (``x`` holds their positions)."""

    first: date | None
    last: date
    x: FloatArray
    rows: tuple[OutcomeRow, ...]
    markers: tuple[Marker, ...]

    @property
    def empty(self) -> bool:
        return self.first is None or all(r.rated_days == 0 for r in self.rows)

    def index_of(self, day: date) -> int | None:
        if self.first is None or not self.first <= day <= self.last:
            return None
        return (day - self.first).days

    def value_on(self, row: OutcomeRow, day: date) -> tuple[float, float]:
        """The rating and the rolling mean on ``day`` (NaN where there is none)."""
        index = self.index_of(day)
        if index is None:
            return math.nan, math.nan
        return float(row.values[index]), float(row.rolling[index])


def build_outcome_chart(
    metrics: Sequence[Metric],
    entries: Iterable[MetricEntry],
    *,
    today: date,
    baseline_end: date | None,
    markers: Sequence[Marker] = (),
) -> OutcomeChart:
    """The outcome chart for ``metrics`` (the active ones, in their order).

    Days run from the first rating of any of them to ``today`` (or to the last rating, should
    one lie later). The baseline is every rating up to ``baseline_end`` (all ratings while the
    baseline is still open), as in :func:`plasticity_app.domain.metrics.baseline_values`.
    """
    wanted = {m.id for m in metrics}
    kept = [e for e in entries if e.metric_id in wanted]
    if not kept:
        empty = np.array([], dtype=np.float64)
        rows = tuple(
            OutcomeRow(m.id, m.name, m.direction, empty, empty, summarize([])) for m in metrics
        )
        return OutcomeChart(None, today, empty, rows, tuple(markers))
    first = min(e.day for e in kept)
    last = max(today, max(e.day for e in kept))
    length = (last - first).days + 1
    x = day_x(first) + np.arange(length, dtype=np.float64) * DAY_SECONDS
    grid = {m.id: np.full(length, np.nan) for m in metrics}
    for e in kept:
        grid[e.metric_id][(e.day - first).days] = e.value
    rows = tuple(
        OutcomeRow(
            m.id,
            m.name,
            m.direction,
            grid[m.id],
            rolling_mean(grid[m.id]),
            summarize(baseline_values(kept, m.id, baseline_end)),
        )
        for m in metrics
    )
    return OutcomeChart(first, last, x, rows, tuple(markers))


@dataclass(frozen=True, eq=False)
class Ratings:
    """Every rating of some metrics as one grid: a row per metric (in ``metric_ids`` order), a
    column per day from day number ``start`` (days since 1970-01-01), NaN where there is none.
    The grid may reach past the first and last ratings (after a rating is deleted).

    A change patches the days it wrote (:meth:`patched`) instead of reading ten years again;
    the grid is never changed in place (charts built from it keep views of it)."""

    metric_ids: tuple[int, ...]
    start: int
    grid: FloatArray

    @classmethod
    def from_rows(cls, metric_ids: Sequence[int], rows: Iterable[tuple[int, int, int]]) -> Ratings:
        """From (day number, metric id, value) rows (those of other metrics are left out)."""
        empty = cls(tuple(metric_ids), 0, np.full((len(metric_ids), 0), np.nan))
        return empty.patched((), rows)

    def patched(self, days: Iterable[int], rows: Iterable[tuple[int, int, int]]) -> Ratings:
        """These ratings with ``days`` (day numbers) emptied, then ``rows`` set: read again,
        every rating now on those days."""
        index = {m: i for i, m in enumerate(self.metric_ids)}
        kept = np.array([r for r in rows if r[1] in index], dtype=np.int64).reshape(-1, 3)
        cleared = np.fromiter(days, dtype=np.int64)
        touched = np.concatenate((cleared, kept[:, 0]))
        start, end = self.start, self.start + self.grid.shape[1]
        if len(touched):
            if self.grid.shape[1]:
                start, end = min(start, int(touched.min())), max(end, int(touched.max()) + 1)
            else:
                start, end = int(touched.min()), int(touched.max()) + 1
        grid = np.full((len(self.metric_ids), end - start), np.nan)
        grid[:, self.start - start : self.start - start + self.grid.shape[1]] = self.grid
        grid[:, cleared - start] = np.nan
        if len(kept):
            rows_at = np.array([index[int(m)] for m in kept[:, 1]], dtype=np.int64)
            grid[rows_at, kept[:, 0] - start] = kept[:, 2]
        return Ratings(self.metric_ids, start, grid)


def build_outcome_chart_from_ratings(
    metrics: Sequence[Metric],
    ratings: Ratings,
    *,
    today: date,
    baseline_end: date | None,
    markers: Sequence[Marker] = (),
) -> OutcomeChart:
    """The same chart as :func:`build_outcome_chart`, from a grid of the ratings (vectorised:
    a redraw after a check-in costs a millisecond or two instead of tens)."""
    index = {m: i for i, m in enumerate(ratings.metric_ids)}
    grid = ratings.grid[[index[m.id] for m in metrics]] if metrics else ratings.grid[:0]
    rated = np.asarray((~np.isnan(grid)).any(axis=0), dtype=np.bool_)  # a day rated at all
    if not rated.any():
        empty = np.array([], dtype=np.float64)
        rows = tuple(
            OutcomeRow(m.id, m.name, m.direction, empty, empty, summarize([])) for m in metrics
        )
        return OutcomeChart(None, today, empty, rows, tuple(markers))
    first_column = int(np.argmax(rated))
    last_column = len(rated) - 1 - int(np.argmax(rated[::-1]))
    first = EPOCH + timedelta(days=ratings.start + first_column)
    last = max(today, EPOCH + timedelta(days=ratings.start + last_column))
    length = (last - first).days + 1
    x = day_x(first) + np.arange(length, dtype=np.float64) * DAY_SECONDS
    values = np.full((len(metrics), length), np.nan)
    shown = grid[:, first_column : first_column + length]
    values[:, : shown.shape[1]] = shown
    baseline_days = length if baseline_end is None else max(0, (baseline_end - first).days + 1)
    kept: list[OutcomeRow] = []
    for m, row in zip(metrics, values, strict=True):
        baseline = row[:baseline_days]
        kept.append(
            OutcomeRow(
                m.id,
                m.name,
                m.direction,
                row,
                rolling_mean(row),
                summarize(baseline[~np.isnan(baseline)].tolist()),
            )
        )
    return OutcomeChart(first, last, x, tuple(kept), tuple(markers))


# ------------------------------------------------------------------------------------------------
# Experiment chart
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class ExperimentChart:
    """Finished experiments in the order they were run: belief before and after (in %)."""

    days: tuple[date, ...]
    titles: tuple[str, ...]
    x: FloatArray
    before: FloatArray
    after: FloatArray  # NaN when the belief was not re-rated

    @property
    def empty(self) -> bool:
        return not self.days

    def segments(self) -> tuple[FloatArray, FloatArray]:
        """x and y for before → after lines, drawn with ``connect="pairs"``."""
        rated = ~np.isnan(self.after)
        xs = np.repeat(self.x[rated], 2)
        ys = np.empty(2 * int(rated.sum()))
        ys[0::2] = self.before[rated]
        ys[1::2] = self.after[rated]
        return xs, ys

    def reading(self, index: int) -> str:
        """“75 % → 25 %: I always mess up in meetings”."""
        after = self.after[index]
        change = f"{self.before[index]:.0f} %"
        if not math.isnan(after):
            change += f" → {after:.0f} %"
        return f"{change}: {self.titles[index]}"

    def nearest(self, x: float, within: float) -> int | None:
        """The experiment closest to ``x`` if it is within ``within`` seconds."""
        if self.empty:
            return None
        index = int(np.argmin(np.abs(self.x - x)))
        return index if abs(self.x[index] - x) <= within else None


def build_experiment_chart(experiments: Iterable[Experiment]) -> ExperimentChart:
    done = sorted(
        (e for e in experiments if e.status is ExperimentStatus.DONE and e.result is not None),
        key=lambda e: (e.result.done_date if e.result else date.min, e.id),
    )
    days = tuple(e.result.done_date for e in done if e.result is not None)
    after = [
        math.nan if e.result is None or e.result.belief_after is None else e.result.belief_after
        for e in done
    ]
    return ExperimentChart(
        days,
        tuple(e.title for e in done),
        np.array([day_x(d) for d in days], dtype=np.float64),
        np.array([e.plan.belief_before for e in done], dtype=np.float64),
        np.array(after, dtype=np.float64),
    )


# ------------------------------------------------------------------------------------------------
# Habit chart
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class HabitRow:
    """One habit: weekly successes against the target, and its strength (0–100 %) every day."""

    habit_id: int
    name: str
    target: str  # e.g. "2–4 times a week"
    weeks: tuple[date, ...]
    week_x: FloatArray  # the middle of each week
    done: FloatArray
    target_min: FloatArray
    target_max: FloatArray  # NaN without a maximum
    met: npt.NDArray[np.bool_]
    readings: tuple[str, ...]
    strength_x: FloatArray
    strength: FloatArray  # percent

    @property
    def empty(self) -> bool:
        return not self.weeks

    def week_index(self, day: date) -> int | None:
        if not self.weeks or day < self.weeks[0] or day > self.weeks[-1] + timedelta(days=6):
            return None
        return (day - self.weeks[0]).days // 7

    def strength_on(self, day: date) -> float:
        if not len(self.strength_x):
            return math.nan
        index = round((day_x(day) - float(self.strength_x[0])) / DAY_SECONDS)
        if 0 <= index < len(self.strength):
            return float(self.strength[index])
        return math.nan

    def step_line(self, values: FloatArray) -> tuple[FloatArray, FloatArray]:
        """A per-week value as a step line spanning each whole week (for the target)."""
        starts = np.array([day_x(w) for w in self.weeks], dtype=np.float64)
        xs = np.repeat(starts, 2)
        xs[1::2] += 7 * DAY_SECONDS
        return xs, np.repeat(values, 2)


@dataclass(frozen=True, eq=False)
class HabitChart:
    first: date | None
    last: date
    rows: tuple[HabitRow, ...]

    @property
    def empty(self) -> bool:
        return all(r.empty for r in self.rows)


def _habit_row(
    habit: hb.Habit, entries: Sequence[hb.HabitEntry], today: date, first_weekday: int
) -> HabitRow:
    nothing = np.array([], dtype=np.float64)
    target_text = habit.target.describe(habit.unit)
    if not entries:
        return HabitRow(
            habit.id,
            habit.name,
            target_text,
            (),
            nothing,
            nothing,
            nothing,
            nothing,
            np.array([], dtype=np.bool_),
            (),
            nothing,
            nothing,
        )
    first_day = min(e.day for e in entries)
    by_week: dict[date, list[hb.HabitEntry]] = {}
    for e in entries:
        by_week.setdefault(week_start(e.day, first_weekday), []).append(e)
    start = week_start(first_day, first_weekday)
    weeks = tuple(
        start + timedelta(days=7 * i)
        for i in range((week_start(today, first_weekday) - start).days // 7 + 1)
    )
    adherence = [hb.week_adherence(habit, by_week.get(w, []), w, today=today) for w in weeks]
    series = hb.strength_series(habit, entries, first_day, today)
    return HabitRow(
        habit.id,
        habit.name,
        target_text,
        weeks,
        np.array([day_x(w) + 3.5 * DAY_SECONDS for w in weeks], dtype=np.float64),
        np.array([a.done for a in adherence], dtype=np.float64),
        np.array([a.target_min for a in adherence], dtype=np.float64),
        np.array(
            [math.nan if a.target_max is None else a.target_max for a in adherence],
            dtype=np.float64,
        ),
        np.array([a.verdict is hb.Verdict.MET for a in adherence], dtype=np.bool_),
        tuple(a.reading for a in adherence),
        day_x(first_day) + np.arange(len(series), dtype=np.float64) * DAY_SECONDS,
        np.array([100.0 * s for _, s in series], dtype=np.float64),
    )


def build_habit_chart(
    habits: Sequence[hb.Habit],
    entries: Iterable[hb.HabitEntry],
    *,
    today: date,
    first_weekday: int = 0,
) -> HabitChart:
    """Weekly adherence and strength for each habit, from its first entry to ``today``."""
    by_habit: dict[int, list[hb.HabitEntry]] = {h.id: [] for h in habits}
    for e in entries:
        if e.habit_id in by_habit and e.day <= today:
            by_habit[e.habit_id].append(e)
    rows = tuple(_habit_row(h, by_habit[h.id], today, first_weekday) for h in habits)
    firsts = [r.weeks[0] for r in rows if r.weeks]
    return HabitChart(min(firsts) if firsts else None, today, rows)

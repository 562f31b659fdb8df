"""The weekly review: how a week compares with the baseline, what moves the needle, decisions.

Pure functions over plain values. Statistics come from ``domain.stats``; every number gets a
reading a person understands, and associations are called associations.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

import plasticity_app.domain.stats as stats
from plasticity_app.domain import dates
from plasticity_app.domain.metrics import Direction, Summary, signed_change, summarize
from plasticity_app.domain.text import QT_TR_NOOP, tr

REFLECTION_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("reflection_opening", QT_TR_NOOP("Where might a small opening help me start?")),
    ("reflection_belief", QT_TR_NOOP("What one belief could I test this week?")),
    ("reflection_habit", QT_TR_NOOP("Which habit will keep my window open next month?")),
)
NEEDLE_WINDOW_DAYS = 28
NEEDLE_MIN_DAYS = 3
REVIEW_TEXT_MAX = 4000
DECISION_NOTE_MAX = 500


class Decision(StrEnum):
    KEEP = "keep"
    DROP = "drop"
    ADJUST = "adjust"

    @property
    def label(self) -> str:
        return {"keep": tr("Keep"), "drop": tr("Drop"), "adjust": tr("Adjust")}[self.value]


def week_days(week_start: date) -> list[date]:
    return [week_start + timedelta(days=i) for i in range(7)]


def week_end(week_start: date) -> date:
    return week_start + timedelta(days=6)


def fmt(value: float, digits: int = 1) -> str:
    return dates.number(value, digits)


def pct(value: float) -> str:
    return f"{round(value * 100):d} %"


@dataclass(frozen=True)
class MetricWeek:
    metric_id: int
    name: str
    direction: Direction
    baseline: Summary
    week: Summary
    change: float | None  # positive means better
    nap: stats.EffectSize | None
    reading: str

    @property
    def days_rated(self) -> int:
        return self.week.n


def improvement_for(direction: Direction) -> stats.Improvement:
    return "increase" if direction is Direction.HIGHER else "decrease"


def metric_week(
    metric_id: int,
    name: str,
    direction: Direction,
    baseline_values: Sequence[float],
    week_values: Sequence[float],
) -> MetricWeek:
    """One metric's week against its baseline, with NAP and a plain reading (reading first)."""
    base = summarize(list(baseline_values))
    week = summarize(list(week_values))
    if week.n == 0:
        return MetricWeek(
            metric_id,
            name,
            direction,
            base,
            week,
            None,
            None,
            tr("No ratings this week, so there is nothing to compare yet."),
        )
    if base.n == 0:
        return MetricWeek(
            metric_id,
            name,
            direction,
            base,
            week,
            None,
            None,
            (
                tr("Week average {mean} over 1 day. There is no baseline to compare with yet.")
                if week.n == 1
                else tr(
                    "Week average {mean} over {days} days. There is no baseline to compare with "
                    "yet."
                )
            ).format(mean=fmt(week.mean), days=week.n),
        )
    change = signed_change(direction, base.mean, week.mean)
    result = stats.nap(
        list(baseline_values), list(week_values), improvement=improvement_for(direction)
    )
    if abs(change) < 0.05:
        sentence = tr(
            "This week averaged {mean}, about the same as your baseline of {baseline} "
            "({days} rated)."
        )
    elif change > 0:
        sentence = tr(
            "This week averaged {mean}, {change} points better than your baseline of {baseline} "
            "({days} rated)."
        )
    else:
        sentence = tr(
            "This week averaged {mean}, {change} points worse than your baseline of {baseline} "
            "({days} rated)."
        )
    reading = (
        sentence.format(
            mean=fmt(week.mean),
            change=fmt(abs(change)),
            baseline=fmt(base.mean),
            days=tr("1 day") if week.n == 1 else tr("{count} days").format(count=week.n),
        )
        + " "
        + stats.plain_nap_reading(result)
    )
    return MetricWeek(metric_id, name, direction, base, week, change, result, reading)


@dataclass(frozen=True)
class NeedleSignal:
    """A metric on days a habit was done versus days it was not: an association, not a cause."""

    habit_id: int
    habit_name: str
    metric_id: int
    metric_name: str
    done_days: int
    other_days: int
    done_mean: float
    other_mean: float
    difference: float  # positive means better on days the habit was done
    nap: stats.EffectSize
    reading: str


def needle_signals(
    habits: Sequence[tuple[int, str]],
    done_days: Mapping[int, set[date]],
    recorded_days: Mapping[int, set[date]],
    metrics: Sequence[tuple[int, str, Direction]],
    ratings: Mapping[int, Mapping[date, float]],
    *,
    window: Sequence[date],
    min_days: int = NEEDLE_MIN_DAYS,
) -> list[NeedleSignal]:
    """For each habit and metric over ``window``: the metric on days the habit was done versus
    days it was recorded as not done (missed, or no entry). Skipped days are left out (the
    caller leaves them out of ``recorded_days``). Only pairs with at least ``min_days`` rated days
    on each side are returned, strongest association first."""
    signals: list[NeedleSignal] = []
    window_set = set(window)
    for habit_id, habit_name in habits:
        done = done_days.get(habit_id, set()) & window_set
        counted = recorded_days.get(habit_id, window_set) & window_set
        for metric_id, metric_name, direction in metrics:
            by_day = ratings.get(metric_id, {})
            on = [by_day[d] for d in sorted(done) if d in by_day]
            off = [by_day[d] for d in sorted(counted - done) if d in by_day]
            if len(on) < min_days or len(off) < min_days:
                continue
            on_mean = math.fsum(on) / len(on)
            off_mean = math.fsum(off) / len(off)
            diff = signed_change(direction, off_mean, on_mean)
            result = stats.nap(off, on, improvement=improvement_for(direction))
            if abs(diff) < 0.05:
                sentence = tr(
                    "On days with {habit}, {metric} was about the same ({with_} days with, "
                    "{without} without)."
                )
            elif diff > 0:
                sentence = tr(
                    "On days with {habit}, {metric} was {difference} points better on average "
                    "({with_} days with, {without} without)."
                )
            else:
                sentence = tr(
                    "On days with {habit}, {metric} was {difference} points worse on average "
                    "({with_} days with, {without} without)."
                )
            reading = (
                sentence.format(
                    habit=habit_name,
                    metric=metric_name,
                    difference=fmt(abs(diff)),
                    with_=len(on),
                    without=len(off),
                )
                + " "
                + tr(
                    "This is an association in your own notes, not proof that one caused the other."
                )
            )
            signals.append(
                NeedleSignal(
                    habit_id,
                    habit_name,
                    metric_id,
                    metric_name,
                    len(on),
                    len(off),
                    on_mean,
                    off_mean,
                    diff,
                    result,
                    reading,
                )
            )
    signals.sort(key=lambda s: -abs(s.nap.est - 0.5))
    return signals


@dataclass(frozen=True)
class PracticeDecision:
    practice: str  # "habit:<id>", "experiments", "thought_records", "learning"
    decision: Decision
    note: str = ""
    habit_id: int | None = None


@dataclass(frozen=True)
class ReviewAnswers:
    week_start: date
    reflection_opening: str = ""
    reflection_belief: str = ""
    reflection_habit: str = ""
    notes: str = ""
    decisions: tuple[PracticeDecision, ...] = field(default_factory=tuple)


def validate_review(answers: ReviewAnswers, today: date, first_weekday: int) -> dict[str, str]:
    errors: dict[str, str] = {}
    if answers.week_start > today:
        errors["week"] = tr("That week hasn’t started yet. You can review it once it has begun.")
    if answers.week_start.weekday() != first_weekday:
        errors["week"] = tr("A review covers a whole week, starting on your first day of the week.")
    for key, _question in REFLECTION_QUESTIONS:
        if len(getattr(answers, key)) > REVIEW_TEXT_MAX:
            errors[key] = tr("Keep each answer to {limit} characters or fewer.").format(
                limit=REVIEW_TEXT_MAX
            )
    if len(answers.notes) > REVIEW_TEXT_MAX:
        errors["notes"] = tr("Keep the notes to {limit} characters or fewer.").format(
            limit=REVIEW_TEXT_MAX
        )
    for d in answers.decisions:
        if len(d.note) > DECISION_NOTE_MAX:
            errors[f"decision:{d.practice}"] = tr(
                "Keep a decision note to {limit} characters or fewer."
            ).format(limit=DECISION_NOTE_MAX)
    return errors


def due_week(
    today: date, first_weekday: int, step5_opened: date | None, reviewed: set[date]
) -> date | None:
    """The most recent finished week since step 5 opened that has no review (None if none)."""
    if step5_opened is None:
        return None
    from plasticity_app.domain.clock import week_start

    this_week = week_start(today, first_weekday)
    last_finished = this_week - timedelta(days=7)
    if week_end(last_finished) < step5_opened:
        return None
    return None if last_finished in reviewed else last_finished

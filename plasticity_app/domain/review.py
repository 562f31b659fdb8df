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
# One line under each question, so its words ("opening", "window") need no guessing.
REFLECTION_GLOSSES: dict[str, str] = {
    "reflection_opening": QT_TR_NOOP(
        "An opening is a time when change comes more easily: a calm morning, the hour after a "
        "therapy session, or a clinician-guided opening (step 2)."
    ),
    "reflection_belief": QT_TR_NOOP(
        "One belief about yourself that a small real-life experiment could prove wrong."
    ),
    "reflection_habit": QT_TR_NOOP(
        "Your window is the time when new learning sticks more easily; sleep, movement, novel "
        "learning and gratitude are associated with keeping it open."
    ),
}
NEEDLE_WINDOW_DAYS = 28
NEEDLE_MIN_DAYS = 3
NEEDLE_SHOWN = 5
NEEDLE_INTRO = QT_TR_NOOP(
    "Over the last four weeks, each outcome on days a practice was done compared with days it "
    "was not. These are associations in your own notes, not proof of cause; where the days "
    "could give a difference this size by chance alone, it says “too few days to tell”."
)
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
    week: Summary  # every rating of the week (the chart and the week's mean)
    change: float | None  # positive means better (the days compared with the baseline)
    nap: stats.EffectSize | None
    reading: str  # plain words first: what happened, on how many days, how sure
    technical: str = ""  # the figure behind it (NAP and its interval), second or in a tooltip
    compared: Summary | None = None  # the week's days after the baseline (None: all of them)
    overlap: bool = False  # some of the week's days belong to the baseline

    @property
    def days_rated(self) -> int:
        return self.week.n


def improvement_for(direction: Direction) -> stats.Improvement:
    return "increase" if direction is Direction.HIGHER else "decrease"


def baseline_days_text(n: int) -> str:
    return tr("1 baseline day") if n == 1 else tr("{count} baseline days").format(count=n)


def week_days_text(n: int) -> str:
    return (
        tr("1 day rated this week")
        if n == 1
        else tr("{count} days rated this week").format(count=n)
    )


def days_text(n: int) -> str:
    return tr("1 day") if n == 1 else tr("{count} days").format(count=n)


def includes_no_difference(result: stats.EffectSize) -> bool:
    """Whether the interval of a NAP includes 50 % (no difference): too few days to tell."""
    return result.ci is None or result.ci[0] <= 0.5 <= result.ci[1]


def nap_figure(result: stats.EffectSize) -> str:
    """The technical figure in short: "NAP 90 % (95 % CI 56–98 %)"."""
    percent = pct(result.est)
    if result.ci is None:
        return tr("NAP {percent}").format(percent=percent)
    return tr("NAP {percent} (95 % CI {low}–{high} %)").format(
        percent=percent, low=round(result.ci[0] * 100), high=round(result.ci[1] * 100)
    )


def nap_technical(result: stats.EffectSize, first: str, second: str) -> str:
    """The technical figure with what it means, for a tooltip."""
    return tr(
        "{figure}: the share of pairs of one {first} and one {second} in which the {second} was "
        "better (ties count half; 50 % means no difference)."
    ).format(figure=nap_figure(result), first=first, second=second)


NAP_LEGEND = QT_TR_NOOP(
    "NAP (non-overlap of all pairs) is the share of pairs of days, one from each side, in which "
    "the day of the week or with the practice was better; ties count half and 50 % means no "
    "difference. CI is its 95 % confidence interval: where it includes 50 %, there are too few "
    "days to tell."
)


def metric_week(
    metric_id: int,
    name: str,
    direction: Direction,
    baseline_values: Sequence[float],
    week_values: Sequence[float],
    *,
    in_baseline: Sequence[float] = (),
    baseline_end: date | None = None,
) -> MetricWeek:
    """One metric's week against its baseline: a plain reading first (what the average did, on
    how many days of each, and whether that is more than chance could give), then the technical
    figure (NAP and its interval) apart.

    ``week_values`` are the week's ratings after the baseline; ``in_baseline`` the week's
    ratings that are part of the baseline itself (a week that overlaps it): those are shown in
    the week but never compared with the baseline they belong to."""
    base = summarize(list(baseline_values))
    compared = summarize(list(week_values))
    week = summarize([*in_baseline, *week_values])
    overlap = bool(in_baseline)
    ended = dates.long_day(baseline_end) if baseline_end is not None else ""

    def plain(reading: str) -> MetricWeek:
        return MetricWeek(
            metric_id, name, direction, base, week, None, None, reading, "", compared, overlap
        )

    if week.n == 0:
        return plain(tr("No ratings this week, so there is nothing to compare yet."))
    if compared.n == 0:  # every rating of the week is part of the baseline
        return plain(
            tr(
                "This week is part of your baseline (it ended on {day}), so it is not compared "
                "with it. It averaged {mean} over {days}."
            ).format(day=ended, mean=fmt(week.mean), days=days_text(week.n))
        )
    if base.n == 0:
        return plain(
            tr(
                "This week averaged {mean} over {days}. There is no baseline to compare with yet."
            ).format(mean=fmt(week.mean), days=days_text(week.n))
        )
    change = signed_change(direction, base.mean, compared.mean)
    result = stats.nap(
        list(baseline_values), list(week_values), improvement=improvement_for(direction)
    )
    if abs(change) < 0.05:
        sentence = tr(
            "This week averaged {mean}, about the same as your baseline average of {baseline}."
        )
    elif change > 0:
        sentence = tr(
            "This week averaged {mean}, {change} points better than your baseline average of "
            "{baseline}."
        )
    else:
        sentence = tr(
            "This week averaged {mean}, {change} points worse than your baseline average of "
            "{baseline}."
        )
    parts = []
    if overlap:
        parts.append(
            tr(
                "This week overlaps your baseline (it ended on {day}), so only the days after it "
                "are compared."
            ).format(day=ended)
        )
    parts.append(
        sentence.format(mean=fmt(compared.mean), change=fmt(abs(change)), baseline=fmt(base.mean))
    )
    parts.append(
        tr("Based on {baseline} and {week}.").format(
            baseline=baseline_days_text(base.n), week=week_days_text(compared.n)
        )
    )
    if includes_no_difference(result):
        parts.append(tr("Too few days to tell whether this is more than chance."))
    elif result.est > 0.5:
        parts.append(
            tr(
                "Most days this week were better than your baseline days, more than chance alone "
                "would usually give."
            )
        )
    else:
        parts.append(
            tr(
                "Most days this week were harder than your baseline days, more than chance alone "
                "would usually give. A hard week is information, not failure."
            )
        )
    technical = nap_technical(result, tr("baseline day"), tr("day this week"))
    return MetricWeek(
        metric_id,
        name,
        direction,
        base,
        week,
        change,
        result,
        " ".join(parts),
        technical,
        compared,
        overlap,
    )


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
    reading: str  # plain words first, with its uncertainty
    technical: str = ""  # NAP and its interval
    clear: bool = False  # the interval excludes "no difference"


ASSOCIATION = QT_TR_NOOP(
    "This is an association in your own notes, not proof that one caused the other."
)


def _needle_reading(
    habit: str, metric: str, diff: float, with_: int, without: int, clear: bool
) -> str:
    counts = tr("{with_} days with it, {without} without").format(with_=with_, without=without)
    if not clear:
        return tr(
            "{habit} and {metric}: too few days to tell. The difference ({difference} points, "
            "{counts}) is within what chance alone could give."
        ).format(habit=habit, metric=metric, difference=fmt(abs(diff)), counts=counts)
    sentence = (
        tr("On days with {habit}, {metric} was {difference} points better on average ({counts}).")
        if diff > 0
        else tr(
            "On days with {habit}, {metric} was {difference} points worse on average ({counts})."
        )
    )
    return (
        sentence.format(habit=habit, metric=metric, difference=fmt(abs(diff)), counts=counts)
        + " "
        + tr(ASSOCIATION)
    )


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
    on each side are returned; each says how sure it is (``clear`` when the interval of its NAP
    excludes no difference, "too few days to tell" otherwise), the clear ones first, strongest
    association first."""
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
            clear = not includes_no_difference(result) and abs(diff) >= 0.05
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
                    _needle_reading(habit_name, metric_name, diff, len(on), len(off), clear),
                    nap_technical(
                        result,
                        tr("day without {habit}").format(habit=habit_name),
                        tr("day with it"),
                    ),
                    clear,
                )
            )
    signals.sort(key=lambda s: (not s.clear, -abs(s.nap.est - 0.5)))
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

"""The habit strength worked out quickly (day numbers, running totals, plain rows) gives exactly
the floats of Loop's day-by-day recompute it replaced."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from plasticity_app.domain import habits as hb


def reference_scores(
    numerator: int,
    denominator: int,
    first: date,
    start: date,
    end: date,
    done: set[date],
    skipped: set[date],
) -> list[tuple[date, float]]:
    """The recompute as it was first written: a date and a score_step for every day."""
    frequency = numerator / denominator
    window_num, window_den = numerator, denominator
    if frequency < 1:
        window_num, window_den = 2 * numerator, 2 * denominator
    days = [first + timedelta(days=i) for i in range((end - first).days + 1)]
    flags = [d in done for d in days]
    rolling = 0
    score = 0.0
    result: list[tuple[date, float]] = []
    for i, day in enumerate(days):
        if flags[i]:
            rolling += 1
        if i >= window_den and flags[i - window_den]:
            rolling -= 1
        if day not in skipped:
            score = hb.score_step(frequency, score, min(1.0, rolling / window_num))
        if day >= start:
            result.append((day, score))
    return result


@pytest.mark.parametrize("seed", range(8))
def test_scores_are_the_same_floats(seed: int) -> None:
    rnd = random.Random(seed)
    for _ in range(150):
        numerator, denominator = rnd.randint(1, 7), rnd.randint(1, 14)
        first = date(2020, 1, 1) + timedelta(days=rnd.randint(0, 50))
        start = first + timedelta(days=rnd.randint(-3, 700))
        end = start + timedelta(days=rnd.randint(-2, 60))
        days = [first + timedelta(days=i) for i in range((end - first).days + 1)]
        chance = rnd.random()
        done = {d for d in days if rnd.random() < chance}
        skipped = {d for d in days if rnd.random() < rnd.choice([0, 0.05, 0.3])}
        expected = reference_scores(numerator, denominator, first, start, end, done, skipped)
        assert (
            hb._boolean_scores(numerator, denominator, first, start, end, done, skipped) == expected
        )


@pytest.mark.parametrize("kind", list(hb.HabitKind))
def test_strength_on_days_is_strength_on(kind: hb.HabitKind) -> None:
    """What a summary reads (the first day, the days that count, the skipped days) gives the
    strength the entries give."""
    rnd = random.Random(str(kind))
    target = (
        hb.Target(3, 7, daily_min=2.0, daily_max=8.0)
        if kind is hb.HabitKind.QUANTITY
        else hb.Target(rnd.randint(1, 3), rnd.choice([1, 7, 14]))
    )
    habit = hb.Habit(id=4, name="Habit", kind=kind, target=target, created=date(2016, 1, 1))
    statuses = list(hb.EntryStatus)
    entries = [
        hb.HabitEntry(
            4,
            date(2016, 1, 3) + timedelta(days=i),
            rnd.choice(statuses),
            rnd.choice([None, 0.0, 1.5, 2.0, 5.0, 8.0, 9.5]),
            rnd.choice(["", " ", "thanks", "\u2003"]),
        )
        for i in range(3650)
        if rnd.random() < 0.8
    ]
    assert hb.counts_when_done(habit) is (kind is hb.HabitKind.YES_NO)
    for day in (date(2016, 1, 3), date(2016, 2, 1), date(2019, 6, 30), date(2025, 12, 28)):
        own = [e for e in entries if e.day <= day]
        if not own:
            continue  # no strength before the first entry (a summary shows 0)
        done = [e for e in own if e.status is hb.EntryStatus.DONE]
        counted = (
            {e.day for e in done}
            if hb.counts_when_done(habit)
            else hb.counted_days(habit, [(e.day, e.quantity, e.note) for e in done])
        )
        skipped = {e.day for e in own if e.status is hb.EntryStatus.SKIPPED}
        got = hb.strength_on_days(habit, own[0].day, counted, skipped, day)
        assert got == hb.strength_on(habit, own, day)

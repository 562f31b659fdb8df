"""Habits: Loop's strength score (checked against Loop's numbers), streaks, adherence, validation."""

from __future__ import annotations

import csv
import itertools
import math
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plasticity_app.domain.habits import (
    BUILTIN_HABITS,
    BUILTIN_KEYS,
    NOTE_MAX_CHARS,
    BuiltinKey,
    EntryStatus,
    Habit,
    HabitEntry,
    HabitKind,
    LoopValue,
    Streak,
    StreakUnit,
    Target,
    Verdict,
    best_streak,
    builtin_habit,
    current_streak,
    day_outcome,
    entry_counts,
    loop_strength_series,
    parse_loop_value,
    score_multiplier,
    score_step,
    streaks,
    strength_on,
    strength_series,
    validate_entry,
    validate_habit,
    validate_habit_name,
    validate_note,
    validate_quantity,
    validate_target,
    week_adherence,
)

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
LOOP_CSV = SHARED / "realdata" / "loop" / "csv_export"
PROPERTY = settings(database=None, deadline=None, max_examples=150)

CREATED = date(2026, 1, 1)


def make_habit(
    kind: HabitKind = HabitKind.YES_NO,
    target: Target | None = None,
    *,
    unit: str = "",
    habit_id: int = 1,
    name: str = "Walk",
    builtin_key: str | None = None,
) -> Habit:
    return Habit(
        id=habit_id,
        name=name,
        kind=kind,
        unit=unit,
        target=target or Target(),
        builtin_key=builtin_key,
        created=CREATED,
    )


def done(
    day: date, habit_id: int = 1, *, quantity: float | None = None, note: str = ""
) -> HabitEntry:
    return HabitEntry(habit_id, day, EntryStatus.DONE, quantity, note)


def skipped(day: date, habit_id: int = 1) -> HabitEntry:
    return HabitEntry(habit_id, day, EntryStatus.SKIPPED)


def missed(day: date, habit_id: int = 1) -> HabitEntry:
    return HabitEntry(habit_id, day, EntryStatus.MISSED)


def day(n: int) -> date:
    """Day ``n`` of a fixed stretch starting on Monday 2026-01-05."""
    return date(2026, 1, 5) + timedelta(days=n)


# ------------------------------------------------------------------------------------------
# Loop's score: published test vectors and Loop's own Scores.csv
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("frequency", "previous", "value", "expected"),
    [
        (1.0, 0.0, 1, 0.051922),
        (1.0, 0.5, 1, 0.525961),
        (1.0, 0.75, 0, 0.711058),
        (1 / 3, 0.0, 1, 0.030314),
        (1 / 3, 0.5, 0, 0.484842),
    ],
)
def test_score_step_matches_loop_test_vectors(
    frequency: float, previous: float, value: int, expected: float
) -> None:
    assert score_step(frequency, previous, value) == pytest.approx(expected, abs=1e-6)


@pytest.mark.parametrize(
    ("frequency", "multiplier"),
    [(1.0, 0.948078), (3 / 7, 0.965697), (2 / 7, 0.971902), (1 / 7, 0.980049)],
)
def test_score_multipliers(frequency: float, multiplier: float) -> None:
    assert score_multiplier(frequency) == pytest.approx(multiplier, abs=1e-6)


@pytest.mark.parametrize(("days", "expected"), [(13, 0.5), (30, 0.80), (60, 0.96), (90, 0.992)])
def test_daily_habit_done_every_day_follows_the_half_life(days: int, expected: float) -> None:
    entries = [done(day(i)) for i in range(days)]
    score = strength_on((1, 1), entries, day(days - 1))
    assert score == pytest.approx(1 - 0.5 ** (days / 13), abs=1e-12)
    assert round(score, 3 if expected == 0.992 else 2) == expected


# Loop's "002 Wake up early" (2 in 3 days), copied from its CSV export: date, value; and the
# scores Loop wrote for them.
WAKE_UP_CHECKMARKS = [
    ("2015-01-25", "YES_MANUAL"),
    ("2015-01-24", "NO"),
    ("2015-01-23", "YES_AUTO"),
    ("2015-01-22", "YES_MANUAL"),
    ("2015-01-21", "YES_MANUAL"),
    ("2015-01-20", "YES_MANUAL"),
    ("2015-01-19", "YES_AUTO"),
    ("2015-01-18", "YES_AUTO"),
    ("2015-01-17", "YES_MANUAL"),
    ("2015-01-16", "YES_MANUAL"),
]
WAKE_UP_SCORES = [
    ("2015-01-25", "0.2557"),
    ("2015-01-24", "0.2226"),
    ("2015-01-23", "0.1991"),
    ("2015-01-22", "0.1746"),
    ("2015-01-21", "0.1379"),
    ("2015-01-20", "0.0995"),
    ("2015-01-19", "0.0706"),
    ("2015-01-18", "0.0515"),
    ("2015-01-17", "0.0315"),
    ("2015-01-16", "0.0107"),
]


def _loop_scores(
    checkmarks: list[tuple[str, str]],
    scores: list[tuple[str, str]],
    numerator: int,
    denominator: int,
) -> tuple[list[str], list[str]]:
    values = {date.fromisoformat(d): parse_loop_value(v) for d, v in checkmarks}
    wanted = sorted((date.fromisoformat(d), s) for d, s in scores)
    series = loop_strength_series(
        values, wanted[0][0], wanted[-1][0], numerator=numerator, denominator=denominator
    )
    assert [d for d, _ in series] == [d for d, _ in wanted]
    return [f"{s:.4f}" for _, s in series], [s for _, s in wanted]


def test_loop_recompute_reproduces_wake_up_early_fixture() -> None:
    ours, loops = _loop_scores(WAKE_UP_CHECKMARKS, WAKE_UP_SCORES, 2, 3)
    assert ours == loops


def test_our_entries_give_the_same_scores_as_loop() -> None:
    """YES_MANUAL is done, NO missed, YES_AUTO (derived by Loop) is no entry at all."""
    status = {"YES_MANUAL": EntryStatus.DONE, "NO": EntryStatus.MISSED}
    entries = [
        HabitEntry(7, date.fromisoformat(d), status[v])
        for d, v in WAKE_UP_CHECKMARKS
        if v in status
    ]
    habit = make_habit(target=Target(2, 3), habit_id=7)
    series = strength_series(habit, entries, date(2015, 1, 16), date(2015, 1, 25))
    assert [f"{s:.4f}" for _, s in series] == [s for _, s in reversed(WAKE_UP_SCORES)]


def _read_loop_habit(folder: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]], int, int]:
    if not LOOP_CSV.is_dir():
        pytest.skip("the shared Loop sample export is not present")
    with (LOOP_CSV / "Habits.csv").open(newline="", encoding="utf-8") as f:
        habits = {f"{row['Position']} {row['Name']}": row for row in csv.DictReader(f)}
    row = habits[folder]
    with (LOOP_CSV / folder / "Checkmarks.csv").open(newline="", encoding="utf-8") as f:
        checkmarks = [(r["Date"], r["Value"]) for r in csv.DictReader(f)]
    with (LOOP_CSV / folder / "Scores.csv").open(newline="", encoding="utf-8") as f:
        scores = [(r["Date"], r["Score"]) for r in csv.DictReader(f)]
    return checkmarks, scores, int(row["FrequencyNumerator"]), int(row["FrequencyDenominator"])


@pytest.mark.parametrize("folder", ["001 Meditate", "002 Wake up early"])
def test_loop_recompute_reproduces_loop_scores_csv(folder: str) -> None:
    checkmarks, scores, numerator, denominator = _read_loop_habit(folder)
    assert scores, "Loop always writes at least today's score"
    ours, loops = _loop_scores(checkmarks, scores, numerator, denominator)
    assert ours == loops


def test_loop_numerical_scores() -> None:
    start = date(2020, 1, 1)
    # At least 5 units a day, 10 units (stored ×1000) every other day: half the window's target.
    values = {start + timedelta(days=i): 10_000 if i % 2 == 0 else 0 for i in range(40)}
    series = loop_strength_series(
        values,
        start,
        start + timedelta(days=39),
        numerator=1,
        denominator=1,
        numerical=True,
        target_value=5.0,
    )
    assert series[0][1] == pytest.approx(score_step(1.0, 0.0, 1.0))
    assert series[1][1] == pytest.approx(score_step(1.0, series[0][1], 0.0))
    # "At most" starts at 1.0 and a day over twice the target gives 0.
    at_most = loop_strength_series(
        {start: 20_000},
        start,
        start,
        numerator=1,
        denominator=1,
        numerical=True,
        at_most=True,
        target_value=5.0,
    )
    assert at_most[0][1] == pytest.approx(score_step(1.0, 1.0, 0.0))
    zero_target = loop_strength_series(
        {}, start, start, numerator=1, denominator=1, target_value=0.0, numerical=True
    )
    assert zero_target[0][1] == pytest.approx(score_step(1.0, 0.0, 1.0))


def test_parse_loop_value() -> None:
    assert parse_loop_value("YES_MANUAL") == LoopValue.YES_MANUAL == 2
    assert parse_loop_value(" skip ") == 3
    assert parse_loop_value("UNKNOWN") == -1
    assert parse_loop_value("7500") == 7500
    with pytest.raises(ValueError, match="Not a Loop checkmark value"):
        parse_loop_value("MAYBE")


# ------------------------------------------------------------------------------------------
# Our strength
# ------------------------------------------------------------------------------------------


def test_skipped_day_leaves_strength_unchanged() -> None:
    habit = make_habit()
    entries = [done(day(0)), done(day(1)), skipped(day(2)), done(day(3))]
    series = dict(strength_series(habit, entries, day(0), day(3)))
    assert series[day(2)] == series[day(1)]
    assert series[day(3)] > series[day(2)]


def test_missed_and_absent_days_are_the_same_for_strength() -> None:
    habit = make_habit()
    with_missed = [done(day(0)), missed(day(1)), done(day(2))]
    with_gap = [done(day(0)), done(day(2))]
    assert strength_series(habit, with_missed, day(0), day(5)) == strength_series(
        habit, with_gap, day(0), day(5)
    )


def test_strength_ignores_other_habits_and_starts_at_the_earliest_entry() -> None:
    habit = make_habit(habit_id=1)
    entries = [done(day(i)) for i in range(10)] + [done(day(i), habit_id=2) for i in range(20)]
    full = strength_series(habit, entries, day(0), day(19))
    tail = strength_series(habit, entries, day(10), day(19))
    assert tail == full[10:]
    before = strength_series(habit, entries, day(-5), day(-1))
    assert [s for _, s in before] == [0.0] * 5
    assert strength_series(habit, entries, day(3), day(2)) == []


def test_doubling_for_frequencies_below_one() -> None:
    # 2 in 7: the window is the last 14 days and needs 4 done days for a full value.
    habit = make_habit(target=Target(2, 7))
    entries = [done(day(0)), done(day(1))]
    series = dict(strength_series(habit, entries, day(0), day(13)))
    m = score_multiplier(2 / 7)
    expected = score_step(2 / 7, 0.0, 0.25)
    expected = score_step(2 / 7, expected, 0.5)
    assert series[day(1)] == pytest.approx(expected)
    # Still half credit on day 13 (both days are within the 14-day window), then nothing.
    for _ in range(12):
        expected = score_step(2 / 7, expected, 0.5)
    assert series[day(13)] == pytest.approx(expected)
    day14 = strength_on(habit, entries, day(14))
    assert day14 == pytest.approx(score_step(2 / 7, expected, 0.25))
    assert 0 < m < 1


def test_quantity_habit_strength_uses_the_daily_range() -> None:
    sleep = builtin_habit(BuiltinKey.SLEEP).to_habit(habit_id=3, created=CREATED)
    hours = [8.0, 6.0, 7.0, 9.5, 9.0]
    entries = [done(day(i), habit_id=3, quantity=h) for i, h in enumerate(hours)]
    boolean = [done(day(i), habit_id=3) for i, h in enumerate(hours) if 7 <= h <= 9]
    assert strength_series(sleep, entries, day(0), day(4)) == strength_series(
        (1, 1), boolean, day(0), day(4)
    )
    # A bare target with a range judges quantities the same way.
    assert strength_series(sleep.target, entries, day(0), day(4)) == strength_series(
        sleep, entries, day(0), day(4)
    )


statuses = st.sampled_from([None, EntryStatus.DONE, EntryStatus.SKIPPED, EntryStatus.MISSED])
frequencies = st.integers(1, 14).flatmap(lambda p: st.tuples(st.integers(1, p), st.just(p)))


@PROPERTY
@given(frequencies, st.lists(statuses, max_size=120))
def test_strength_is_between_zero_and_one(
    freq: tuple[int, int], days: list[EntryStatus | None]
) -> None:
    entries = [HabitEntry(1, day(i), s) for i, s in enumerate(days) if s is not None]
    for _, score in strength_series(freq, entries, day(0), day(len(days) + 30)):
        assert 0.0 <= score <= 1.0


@PROPERTY
@given(frequencies, st.integers(1, 200))
def test_strength_never_falls_while_everything_is_done(freq: tuple[int, int], n: int) -> None:
    entries = [done(day(i)) for i in range(n)]
    scores = [s for _, s in strength_series(freq, entries, day(0), day(n - 1))]
    assert all(b >= a for a, b in itertools.pairwise(scores))
    assert scores[-1] > 0


@PROPERTY
@given(frequencies, st.lists(statuses, min_size=1, max_size=80))
def test_skipping_a_day_keeps_yesterdays_strength(
    freq: tuple[int, int], days: list[EntryStatus | None]
) -> None:
    entries = [HabitEntry(1, day(i), s) for i, s in enumerate(days) if s is not None]
    series = strength_series(freq, entries, day(-1), day(len(days) - 1))
    for i, status in enumerate(days):
        if status is EntryStatus.SKIPPED:
            assert series[i + 1][1] == series[i][1]


@PROPERTY
@given(
    st.lists(st.sampled_from([v.value for v in LoopValue]), max_size=60),
    frequencies,
)
def test_loop_series_and_ours_agree(raw: list[int], freq: tuple[int, int]) -> None:
    values = {day(i): v for i, v in enumerate(raw)}
    mapping = {LoopValue.YES_MANUAL: EntryStatus.DONE, LoopValue.SKIP: EntryStatus.SKIPPED}
    entries = [HabitEntry(1, d, mapping[LoopValue(v)]) for d, v in values.items() if v in mapping]
    end = day(len(raw) + 3)
    loop = loop_strength_series(values, day(0), end, numerator=freq[0], denominator=freq[1])
    assert loop == strength_series(freq, entries, day(0), end)


# ------------------------------------------------------------------------------------------
# What counts
# ------------------------------------------------------------------------------------------


def test_entry_counts_by_kind() -> None:
    yes_no = make_habit()
    note = make_habit(HabitKind.NOTE)
    sleep = make_habit(HabitKind.QUANTITY, Target.daily(daily_min=7, daily_max=9), unit="hours")
    pages = make_habit(HabitKind.QUANTITY, unit="pages")
    d = day(0)
    assert entry_counts(yes_no, done(d))
    assert not entry_counts(yes_no, missed(d))
    assert not entry_counts(yes_no, skipped(d))
    assert not entry_counts(yes_no, None)
    assert entry_counts(note, done(d, note="The sun came out"))
    assert not entry_counts(note, done(d, note="   "))
    assert entry_counts(sleep, done(d, quantity=7.0))
    assert entry_counts(sleep, done(d, quantity=9.0))
    assert not entry_counts(sleep, done(d, quantity=6.5))
    assert not entry_counts(sleep, done(d, quantity=9.5))
    assert not entry_counts(sleep, done(d))
    assert entry_counts(pages, done(d, quantity=3))
    assert not entry_counts(pages, done(d, quantity=0))
    assert day_outcome(sleep, done(d, quantity=5)) is EntryStatus.MISSED
    assert day_outcome(sleep, skipped(d)) is EntryStatus.SKIPPED
    assert day_outcome(sleep, None) is EntryStatus.MISSED
    assert day_outcome(yes_no, done(d)) is EntryStatus.DONE


# ------------------------------------------------------------------------------------------
# Streaks
# ------------------------------------------------------------------------------------------


def test_daily_streak_bridges_skipped_days_without_counting_them() -> None:
    habit = make_habit()
    entries = [done(day(0)), done(day(1)), skipped(day(2)), skipped(day(3)), done(day(4))]
    streak = current_streak(habit, entries, day(4))
    assert streak == Streak(3, StreakUnit.DAYS, day(0), day(4), skipped=2)
    assert streak.reading == "3 days"


def test_today_without_an_entry_does_not_break_the_streak() -> None:
    habit = make_habit()
    entries = [done(day(0)), done(day(1))]
    assert current_streak(habit, entries, day(2)).length == 2
    assert current_streak(habit, entries, day(3)).length == 0  # yesterday was not done
    assert current_streak(habit, [*entries, missed(day(2))], day(2)) == Streak(0, StreakUnit.DAYS)


def test_best_streak_prefers_the_longest_then_the_most_recent() -> None:
    habit = make_habit()
    entries = [done(day(i)) for i in (0, 1, 2, 4, 5, 6, 8)]
    found = streaks(habit, entries, day(8))
    assert [(s.start, s.length) for s in found] == [(day(0), 3), (day(4), 3), (day(8), 1)]
    best = best_streak(habit, entries, day(8))
    assert (best.start, best.end, best.length) == (day(4), day(6), 3)
    assert best_streak(habit, [], day(8)) == Streak(0, StreakUnit.DAYS)
    assert current_streak(habit, [], day(8)).length == 0


def test_future_entries_and_a_not_counting_quantity_break_nothing_and_something() -> None:
    sleep = builtin_habit(BuiltinKey.SLEEP).to_habit(habit_id=1, created=CREATED)
    entries = [done(day(0), quantity=8), done(day(1), quantity=5), done(day(2), quantity=7.5)]
    assert current_streak(sleep, entries, day(2)).length == 1
    assert best_streak(sleep, [*entries, done(day(9), quantity=8)], day(2)).length == 1


def test_weekly_streak_for_two_in_seven() -> None:
    habit = make_habit(target=Target(2, 7))
    # Week 0 (Mon day 0 … Sun day 6): 2 done; week 1: 3 done; week 2: 1 done so far (running).
    entries = [done(day(d)) for d in (0, 3, 7, 8, 9, 14)]
    streak = current_streak(habit, entries, day(16))
    assert streak == Streak(2, StreakUnit.WEEKS, day(0), day(13), period_days=7)
    assert streak.reading == "2 weeks"
    # Once week 2 is met it counts, ending today.
    met = current_streak(habit, [*entries, done(day(16))], day(16))
    assert (met.length, met.end) == (3, day(16))
    # Week 2 over with only one done day: the run is broken.
    assert current_streak(habit, entries, day(21)).length == 0
    assert best_streak(habit, entries, day(21)).length == 2


def test_weekly_streak_respects_first_weekday_and_skips() -> None:
    habit = make_habit(target=Target(2, 7))
    # Sunday-first weeks: day(6) is a Sunday and starts a new week.
    entries = [done(day(5)), done(day(6)), done(day(7))]
    assert current_streak(habit, entries, day(12), first_weekday=6).length == 1
    assert current_streak(habit, entries, day(12)).length == 1
    # A week with four skipped days needs only one success; a wholly skipped week is bridged.
    entries = [done(day(0)), done(day(1))]
    entries += [skipped(day(d)) for d in (7, 8, 9, 10)] + [done(day(11))]
    entries += [skipped(day(d)) for d in range(14, 21)]
    entries += [done(day(21)), done(day(22))]
    streak = current_streak(habit, entries, day(27))
    assert (streak.length, streak.skipped, streak.start) == (3, 1, day(0))
    assert streak.end == day(27)


def test_period_streaks_for_other_periods() -> None:
    habit = make_habit(target=Target(1, 3))
    entries = [done(day(i)) for i in range(0, 30, 3)]
    streak = current_streak(habit, entries, day(29))
    assert streak.unit is StreakUnit.PERIODS
    assert streak.length >= 9
    assert streak.reading.endswith("periods of 3 days")


# ------------------------------------------------------------------------------------------
# Weekly adherence
# ------------------------------------------------------------------------------------------


def exercise() -> Habit:
    return builtin_habit(BuiltinKey.EXERCISE).to_habit(habit_id=1, created=CREATED)


def test_adherence_met_under_and_above_plan() -> None:
    habit = exercise()
    three = [done(day(d), quantity=30) for d in (0, 2, 4)]
    result = week_adherence(habit, three, day(0))
    assert (result.done, result.skipped, result.verdict) == (3, 0, Verdict.MET)
    assert (result.target_min, result.target_max) == (2, 4)
    assert result.reading == "3 of 2–4 this week"
    five = [done(day(d)) for d in range(5)]
    assert week_adherence(habit, five, day(0)).verdict is Verdict.ABOVE_PLAN
    one = [done(day(0)), done(day(7))]
    under = week_adherence(habit, one, day(0))
    assert (under.done, under.verdict, under.reading) == (1, Verdict.UNDER, "1 of 2–4 this week")


def test_adherence_for_a_daily_habit_with_skips_and_a_week_in_progress() -> None:
    sleep = builtin_habit(BuiltinKey.SLEEP).to_habit(habit_id=1, created=CREATED)
    entries = [done(day(d), quantity=8) for d in range(5)] + [skipped(day(5)), missed(day(6))]
    result = week_adherence(sleep, entries, day(0))
    assert result.reading == "5 of 7 this week (1 skipped)"
    assert result.required == pytest.approx(6)
    assert result.verdict is Verdict.UNDER
    entries[-1] = done(day(6), quantity=7.5)
    assert week_adherence(sleep, entries, day(0)).verdict is Verdict.MET
    so_far = week_adherence(sleep, entries, day(0), today=day(2))
    assert so_far.in_progress
    assert (so_far.done, so_far.reading) == (3, "3 of 7 so far this week")
    assert so_far.verdict is Verdict.UNDER


def test_adherence_for_other_periods_and_fully_skipped_weeks() -> None:
    habit = make_habit(target=Target(3, 10))
    result = week_adherence(habit, [done(day(0)), done(day(1)), done(day(2))], day(0))
    assert result.target_min == pytest.approx(2.1)
    assert result.reading == "3 of 2.1 this week"
    assert result.verdict is Verdict.MET
    all_skipped = [skipped(day(d)) for d in range(7)]
    assert week_adherence(habit, all_skipped, day(0)).verdict is Verdict.UNDER


# ------------------------------------------------------------------------------------------
# Built-ins, targets, validation
# ------------------------------------------------------------------------------------------


def test_builtin_habits_follow_the_design() -> None:
    assert BUILTIN_KEYS == ("gratitude", "novel_learning", "sleep", "exercise")
    by_key = {b.key: b for b in BUILTIN_HABITS}
    assert by_key["gratitude"].kind is HabitKind.NOTE
    assert by_key["gratitude"].target.is_daily
    assert by_key["novel_learning"].kind is HabitKind.YES_NO
    assert by_key["novel_learning"].target == Target(2, 7)
    assert by_key["sleep"].kind is HabitKind.QUANTITY
    assert by_key["sleep"].unit == "hours"
    assert by_key["sleep"].target == Target(1, 1, None, 7.0, 9.0)
    assert by_key["exercise"].target == Target(2, 7, 4)
    assert by_key["exercise"].unit == "minutes"
    assert "current capacity" in by_key["exercise"].description
    for builtin in BUILTIN_HABITS:
        assert builtin.target.validate() == {}
        assert (
            validate_habit(
                name=builtin.name,
                kind=builtin.kind,
                unit=builtin.unit,
                target=builtin.target,
                description=builtin.description,
            )
            == {}
        )
    habit = builtin_habit("sleep").to_habit(habit_id=9, created=CREATED, position=2)
    assert (habit.id, habit.builtin_key, habit.position, habit.is_builtin) == (9, "sleep", 2, True)
    with pytest.raises(KeyError):
        builtin_habit("meditation")


def test_target_descriptions() -> None:
    assert Target.daily(daily_min=7, daily_max=9).describe("hours") == (
        "Every day · counts at 7–9 hours"
    )
    assert Target(2, 7, 4).describe() == "2–4 times a week"
    assert Target(2, 7).describe() == "Twice a week"
    assert Target(3, 10).describe() == "3 times in 10 days"
    assert (
        Target.daily(daily_min=30).describe("minutes") == "Every day · counts at 30 minutes or more"
    )
    assert Target(1, 1).frequency == 1.0
    assert Target(2, 7, 4).per_week() == (2.0, 4.0)


@pytest.mark.parametrize(
    ("args", "field", "message"),
    [
        ((1, 0), "period_days", "The period must be at least 1 day."),
        ((0, 7), "times", "Aim for at least 1 time."),
        ((3, 7, 2), "max_times", "The maximum can’t be below the minimum."),
        ((8, 7), "times", "At most 7 times fit in 7 days (one entry a day)."),
        ((2, 7, 9), "max_times", "The maximum can’t be more than 7 in 7 days."),
        (
            (1, 1, None, 9.0, 7.0),
            "daily_max",
            "The daily maximum can’t be below the daily minimum.",
        ),
        ((1, 1, None, -1.0), "daily_min", "The daily minimum can’t be negative."),
        ((1, 1, None, None, -2.0), "daily_max", "The daily maximum can’t be negative."),
        ((1, 1, None, math.nan), "daily_min", "The daily minimum must be a number."),
        ((1, 400), "period_days", "Keep the period to 365 days or fewer."),
    ],
)
def test_validate_target(args: tuple[int, ...], field: str, message: str) -> None:
    errors = validate_target(*args)
    assert errors.get(field) == message
    assert Target(*args).validate() == errors


def test_valid_targets_have_no_errors() -> None:
    assert validate_target(1, 1) == {}
    assert validate_target(2, 7, 4) == {}
    assert validate_target(1, 1, None, 7, 9) == {}
    assert validate_target(2, 7, 2) == {}


def test_validate_habit_name() -> None:
    assert validate_habit_name("  ", []) == "Give the habit a name."
    assert validate_habit_name("x" * 61, []) == "Keep the name to 60 characters or fewer."
    assert validate_habit_name("x" * 60, []) is None
    assert validate_habit_name(" sleep ", ["Sleep"]) == "You already have a habit called “sleep”."
    assert validate_habit_name("Sleep", ["Sleep"], current="sleep") is None
    assert validate_habit_name("Reading", ["Sleep"]) is None


def test_validate_habit_form() -> None:
    errors = validate_habit(
        name="",
        kind=HabitKind.QUANTITY,
        unit="",
        target=Target(3, 7, 2),
        description="d" * 301,
    )
    assert set(errors) == {"name", "unit", "max_times", "description"}
    errors = validate_habit(
        name="Walk", kind=HabitKind.YES_NO, unit="", target=Target.daily(daily_min=1)
    )
    assert errors == {"daily_min": "A daily range only applies to quantity habits."}


def test_sleep_of_26_hours_is_refused_clearly() -> None:
    sleep = builtin_habit(BuiltinKey.SLEEP).to_habit(habit_id=1, created=CREATED)
    value, error = validate_quantity(sleep, "26 hours")
    assert value is None
    assert error == "A night can’t be longer than 24 hours (you entered 26)."
    assert validate_quantity(sleep, 26.0)[1] == error


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7.5", 7.5),
        ("7,5", 7.5),
        (" 8 ", 8.0),
        ("8 hours", 8.0),
        ("8h", 8.0),
        ("7:30", 7.5),
        ("7h30", 7.5),
        ("24", 24.0),
        ("0", 0.0),
        (7, 7.0),
        (6.25, 6.25),
    ],
)
def test_quantities_that_parse(text: str | float, expected: float) -> None:
    sleep = builtin_habit(BuiltinKey.SLEEP).to_habit(habit_id=1, created=CREATED)
    assert validate_quantity(sleep, text) == (expected, None)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-1", "Hours can’t be negative."),
        ("abc", "Enter just a number of hours, like 7.5."),
        ("8 pages", "Enter just a number of hours, like 7.5."),
        ("7:75", "Minutes go up to 59, as in 7:30."),
        ("", "Enter the number of hours."),
        (None, "Enter the number of hours."),
        (math.inf, "Enter the number of hours."),
        (math.nan, "Enter the number of hours."),
    ],
)
def test_quantities_that_are_refused(text: str | float | None, message: str) -> None:
    sleep = builtin_habit(BuiltinKey.SLEEP).to_habit(habit_id=1, created=CREATED)
    assert validate_quantity(sleep, text) == (None, message)


def test_quantity_limits_for_other_units() -> None:
    walk = exercise()
    assert validate_quantity(walk, "") == (None, None)  # minutes are optional for yes/no
    assert validate_quantity(walk, "45 min") == (45.0, None)
    assert validate_quantity(walk, "1500")[1] == "A day has only 1,440 minutes (you entered 1,500)."
    steps = make_habit(HabitKind.QUANTITY, unit="steps", name="Steps")
    assert validate_quantity(steps, "10,000") == (10_000.0, None)
    assert validate_quantity(steps, "10000 steps") == (10_000.0, None)
    assert validate_quantity(steps, "100001")[1] == "That looks too large: the limit is 100,000."
    assert validate_quantity(steps, "-5")[1] == "Steps can’t be negative."
    assert validate_quantity(steps, True)[1] == "Enter the number of steps."
    plain = make_habit(HabitKind.QUANTITY)
    assert validate_quantity(plain, "-5")[1] == "The amount can’t be negative."
    assert validate_quantity(plain, "x")[1] == "Enter just a number."


def test_validate_note() -> None:
    assert validate_note("a" * NOTE_MAX_CHARS) is None
    assert validate_note("a" * (NOTE_MAX_CHARS + 1)) == (
        "Keep the note to 2,000 characters or fewer (it has 2,001)."
    )


def test_validate_entry() -> None:
    sleep = builtin_habit(BuiltinKey.SLEEP).to_habit(habit_id=1, created=CREATED)
    assert validate_entry(sleep, done(day(0), quantity=8), today=day(0)) == {}
    assert validate_entry(sleep, done(day(1), quantity=8), today=day(0)) == {
        "day": "You can’t fill in a day that hasn’t happened yet."
    }
    assert validate_entry(sleep, done(day(0)))["quantity"] == "Enter the number of hours."
    assert validate_entry(sleep, skipped(day(0))) == {}
    note = make_habit(HabitKind.NOTE)
    assert (
        validate_entry(note, done(day(0)))["note"]
        == "Write a few words, or mark the day as skipped."
    )
    assert "note" in validate_entry(note, done(day(0), note="x" * 2001))
    assert validate_entry(note, done(day(0), note="Grateful for tea")) == {}

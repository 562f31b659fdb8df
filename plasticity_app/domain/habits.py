"""Habits, their daily entries, and what is derived from them: strength, streaks and adherence.

Only raw entries are stored; everything here is a pure function of them.

* **Strength** is Loop Habit Tracker's exponential score (see ``reference/formats-and-formulas.md``
  §3.1–3.2), so the number is familiar to people who come from Loop. Loop's rules are implemented
  twice: :func:`strength_series` for our own habits and :func:`loop_strength_series` for Loop's raw
  checkmark values (used to check ourselves against Loop's ``Scores.csv`` and by the importer).
* **Quantity habits with a daily range** (Sleep: a night counts at 7–9 h) use *boolean* semantics
  everywhere: a day is done when its quantity lies in the range and not done otherwise. Loop's
  numerical formula (sum of amounts against a target) is not used for them, because "7–9 hours"
  is a range per day, not an amount to accumulate over a period.
* **Skipped days** (sick, travel) neither break a streak nor lower strength: strength stays where it
  was, and a streak is bridged over them without counting them in its length (Loop counts a SKIP
  as a successful day; we prefer that "12 days" means twelve days actually done).
* **Streaks** are counted in days for daily habits and in whole periods (weeks for "N in 7 days")
  for habits with a lower frequency, such as Novel learning's 2 in 7 days.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import IntEnum, StrEnum
from itertools import accumulate
from operator import sub

from plasticity_app.domain import dates
from plasticity_app.domain.text import tr

NAME_MAX_CHARS = 60
DESCRIPTION_MAX_CHARS = 300
UNIT_MAX_CHARS = 20
NOTE_MAX_CHARS = 2000
PERIOD_MAX_DAYS = 365
QUANTITY_MAX = 100_000.0
HOURS_MAX = 24.0
MINUTES_MAX = 1440.0

SCORE_BASE = 0.5
"""Loop's score constants: ``m = 0.5 ** (sqrt(frequency) / 13)``."""
SCORE_DIVISOR = 13.0

_EPS = 1e-9
_HOURS_WORDS = frozenset({"h", "hr", "hrs", "hour", "hours"})
_MINUTES_WORDS = frozenset({"m", "min", "mins", "minute", "minutes"})
# 2001-01-01 was a Monday: periods of P days are counted from it (shifted to the first weekday),
# so 7-day periods are calendar weeks.
_PERIOD_ANCHOR = date(2001, 1, 1)


class HabitKind(StrEnum):
    """What a habit's entry records."""

    YES_NO = "yes_no"
    QUANTITY = "quantity"
    NOTE = "note"

    @property
    def label(self) -> str:
        return {"yes_no": tr("Yes / no"), "quantity": tr("Quantity"), "note": tr("Daily note")}[
            self.value
        ]


class EntryStatus(StrEnum):
    """What the person said about a day. A day with no entry is simply not done."""

    DONE = "done"
    SKIPPED = "skipped"
    MISSED = "missed"


class BuiltinKey(StrEnum):
    """The built-in plasticity supports (``Habit.builtin_key``)."""

    GRATITUDE = "gratitude"
    NOVEL_LEARNING = "novel_learning"
    SLEEP = "sleep"
    EXERCISE = "exercise"


# --------------------------------------------------------------------------------------------
# Model
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """ "At least ``times`` in ``period_days`` days", optionally "at most ``max_times``".

    For quantity habits, ``daily_min``/``daily_max`` say which amounts make a day count (either
    may be None; with neither, any amount above zero counts). Build freely, then call
    :meth:`validate`: an invalid target is representable so that a form can show its errors.
    """

    times: int = 1
    period_days: int = 1
    max_times: int | None = None
    daily_min: float | None = None
    daily_max: float | None = None

    @classmethod
    def daily(cls, *, daily_min: float | None = None, daily_max: float | None = None) -> Target:
        return cls(1, 1, None, daily_min, daily_max)

    @property
    def frequency(self) -> float:
        """Loop's frequency ``times / period_days`` (1.0 for a daily habit)."""
        return self.times / self.period_days

    @property
    def is_daily(self) -> bool:
        """Every day of the period is wanted (1 in 1, 7 in 7 …): streaks count days."""
        return self.times >= self.period_days

    @property
    def has_daily_range(self) -> bool:
        return self.daily_min is not None or self.daily_max is not None

    def per_week(self) -> tuple[float, float | None]:
        """The minimum and the optional maximum, scaled to 7 days."""
        scale = 7 / self.period_days
        high = None if self.max_times is None else self.max_times * scale
        return self.times * scale, high

    def validate(self) -> dict[str, str]:
        """Field name -> plain message for each problem; empty when the target is usable."""
        return validate_target(
            self.times, self.period_days, self.max_times, self.daily_min, self.daily_max
        )

    def describe(self, unit: str = "") -> str:
        """A short reading, e.g. "Every day · counts at 7–9 hours" or "2–4 times a week"."""
        if self.is_daily:
            text = tr("Every day")
        else:
            count = (
                _times_word(self.times)
                if self.max_times is None or self.max_times == self.times
                else tr("{low}–{high} times").format(low=self.times, high=self.max_times)
            )
            text = (
                tr("{count} a week").format(count=count)
                if self.period_days == 7
                else tr("{count} in {days} days").format(count=count, days=self.period_days)
            )
        lo, hi = self.daily_min, self.daily_max
        amount = ""
        if lo is not None and hi is not None:
            amount = tr("counts at {low}–{high} {unit}").format(
                low=_fmt(lo), high=_fmt(hi), unit=unit
            )
        elif lo is not None:
            amount = tr("counts at {low} {unit} or more").format(low=_fmt(lo), unit=unit)
        elif hi is not None:
            amount = tr("counts at {high} {unit} or less").format(high=_fmt(hi), unit=unit)
        if amount:
            text += " · " + " ".join(amount.split())  # no double space without a unit
        return text


@dataclass(frozen=True, kw_only=True)
class Habit:
    """A habit (built-in or custom). ``unit`` names a quantity ("hours", "minutes")."""

    id: int
    name: str
    kind: HabitKind
    unit: str = ""
    target: Target = Target()
    builtin_key: str | None = None
    archived: bool = False
    position: int = 0
    description: str = ""
    created: date

    @property
    def is_builtin(self) -> bool:
        return self.builtin_key is not None


@dataclass(frozen=True)
class HabitEntry:
    """One habit's entry for one day (at most one per habit per day)."""

    habit_id: int
    day: date
    status: EntryStatus
    quantity: float | None = None
    note: str = ""


@dataclass(frozen=True)
class BuiltinHabit:
    """The definition of a built-in habit; :meth:`to_habit` makes the stored habit."""

    key: str
    name: str
    kind: HabitKind
    unit: str
    target: Target
    description: str

    def to_habit(self, *, habit_id: int, created: date, position: int = 0) -> Habit:
        return Habit(
            id=habit_id,
            name=self.name,
            kind=self.kind,
            unit=self.unit,
            target=self.target,
            builtin_key=self.key,
            position=position,
            description=self.description,
            created=created,
        )


BUILTIN_HABITS: tuple[BuiltinHabit, ...] = (
    BuiltinHabit(
        BuiltinKey.GRATITUDE,
        "Gratitude note",
        HabitKind.NOTE,
        "",
        Target.daily(),
        "About five minutes: write down a few things that went well today, "
        "and the part you played in them.",
    ),
    BuiltinHabit(
        BuiltinKey.NOVEL_LEARNING,
        "Novel learning",
        HabitKind.YES_NO,
        "",
        Target(2, 7),
        "Learn or try something new: a skill, a route, a recipe, a conversation you’d usually "
        "avoid. Jot down what it was.",
    ),
    BuiltinHabit(
        BuiltinKey.SLEEP,
        "Sleep",
        HabitKind.QUANTITY,
        "hours",
        Target.daily(daily_min=7.0, daily_max=9.0),
        "Hours slept last night. A night counts at 7–9 hours; regular sleep helps new learning "
        "settle in.",
    ),
    BuiltinHabit(
        BuiltinKey.EXERCISE,
        "Exercise",
        HabitKind.YES_NO,
        "minutes",
        Target(2, 7, 4),
        "Move your body at your current capacity: a walk counts. Add the minutes if you like.",
    ),
)
BUILTIN_KEYS: tuple[str, ...] = tuple(b.key for b in BUILTIN_HABITS)


def builtin_habit(key: str) -> BuiltinHabit:
    """The built-in definition for ``key`` (``KeyError`` if there is none)."""
    for builtin in BUILTIN_HABITS:
        if builtin.key == key:
            return builtin
    raise KeyError(key)


# --------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------


def validate_target(
    times: int,
    period_days: int,
    max_times: int | None = None,
    daily_min: float | None = None,
    daily_max: float | None = None,
) -> dict[str, str]:
    """Field name -> plain message for each problem in a target; empty when it is usable.

    Fields: ``times``, ``period_days``, ``max_times``, ``daily_min``, ``daily_max``.
    """
    errors: dict[str, str] = {}
    if period_days < 1:
        errors["period_days"] = tr("The period must be at least 1 day.")
    elif period_days > PERIOD_MAX_DAYS:
        errors["period_days"] = tr("Keep the period to {limit} days or fewer.").format(
            limit=PERIOD_MAX_DAYS
        )
    if times < 1:
        errors["times"] = tr("Aim for at least 1 time.")
    elif "period_days" not in errors and times > period_days:
        errors["times"] = (
            tr("At most {days} times fit in {days} days (one entry a day).").format(
                days=period_days
            )
            if period_days > 1
            else tr("A 1-day period fits only 1 time.")
        )
    if max_times is not None:
        if max_times < 1:
            errors["max_times"] = tr("The maximum must be at least 1.")
        elif times >= 1 and max_times < times:
            errors["max_times"] = tr("The maximum can’t be below the minimum.")
        elif "period_days" not in errors and max_times > period_days:
            errors["max_times"] = tr(
                "The maximum can’t be more than {days} in {days} days."
            ).format(days=period_days)
    for key, value, messages in (
        (
            "daily_min",
            daily_min,
            (
                tr("The daily minimum must be a number."),
                tr("The daily minimum can’t be negative."),
                tr("The daily minimum can be at most {limit}."),
            ),
        ),
        (
            "daily_max",
            daily_max,
            (
                tr("The daily maximum must be a number."),
                tr("The daily maximum can’t be negative."),
                tr("The daily maximum can be at most {limit}."),
            ),
        ),
    ):
        if value is None:
            continue
        if not math.isfinite(value):
            errors[key] = messages[0]
        elif value < 0:
            errors[key] = messages[1]
        elif value > QUANTITY_MAX:
            errors[key] = messages[2].format(limit=_fmt(QUANTITY_MAX))
    if (
        daily_min is not None
        and daily_max is not None
        and "daily_min" not in errors
        and "daily_max" not in errors
        and daily_max < daily_min
    ):
        errors["daily_max"] = tr("The daily maximum can’t be below the daily minimum.")
    return errors


def validate_habit_name(
    name: str, existing_names: Iterable[str] = (), *, current: str | None = None
) -> str | None:
    """A plain message when ``name`` can't be used, else None.

    ``existing_names`` holds the other habits' names (active and archived; compared ignoring case
    and surrounding spaces); ``current`` is the habit's own present name when renaming.
    """
    stripped = name.strip()
    if not stripped:
        return tr("Give the habit a name.")
    if len(stripped) > NAME_MAX_CHARS:
        return tr("Keep the name to {limit} characters or fewer.").format(limit=NAME_MAX_CHARS)
    others = {n.strip().casefold() for n in existing_names}
    if current is not None:
        others.discard(current.strip().casefold())
    if stripped.casefold() in others:
        return tr("You already have a habit called “{name}”.").format(name=stripped)
    return None


def validate_note(text: str) -> str | None:
    """A plain message when a day's note is too long, else None."""
    if len(text) > NOTE_MAX_CHARS:
        return tr("Keep the note to {limit} characters or fewer (it has {length}).").format(
            limit=dates.number(NOTE_MAX_CHARS, 0), length=dates.number(len(text), 0)
        )
    return None


def validate_habit(
    *,
    name: str,
    kind: HabitKind,
    unit: str,
    target: Target,
    description: str = "",
    existing_names: Iterable[str] = (),
    current: str | None = None,
) -> dict[str, str]:
    """Every problem in a habit form, as field name -> message (``name``, ``unit``,
    ``description`` and the target's fields); empty when the habit can be saved."""
    errors: dict[str, str] = {}
    name_error = validate_habit_name(name, existing_names, current=current)
    if name_error:
        errors["name"] = name_error
    if kind is HabitKind.QUANTITY and not unit.strip():
        errors["unit"] = tr("Say what you count, for example hours or pages.")
    elif len(unit.strip()) > UNIT_MAX_CHARS:
        errors["unit"] = tr("Keep the unit to {limit} characters or fewer.").format(
            limit=UNIT_MAX_CHARS
        )
    if len(description) > DESCRIPTION_MAX_CHARS:
        errors["description"] = tr("Keep the description to {limit} characters or fewer.").format(
            limit=DESCRIPTION_MAX_CHARS
        )
    errors.update(target.validate())
    if kind is not HabitKind.QUANTITY and target.has_daily_range:
        key = "daily_min" if target.daily_min is not None else "daily_max"
        errors.setdefault(key, tr("A daily range only applies to quantity habits."))
    return errors


def quantity_limit(habit: Habit) -> float:
    """The largest believable amount for one day of this habit."""
    family = _unit_family(habit.unit)
    if family == "hours":
        return HOURS_MAX
    if family == "minutes":
        return MINUTES_MAX
    return QUANTITY_MAX


def validate_quantity(
    habit: Habit, value: str | float | None, *, required: bool | None = None
) -> tuple[float | None, str | None]:
    """Parse and check a day's amount: ``(value, None)`` when fine, ``(None, message)`` when not.

    Text may use a decimal comma ("7,5"), thousands grouping ("10,000"), the habit's unit or a
    common spelling of it ("7.5 h", "45 min"), and for hours "7:30" or "7h30". Empty text or None
    gives ``(None, None)`` unless ``required`` (by default: for quantity habits), which asks for a
    number. Refused: not a number, negative, more than a day can hold (24 hours, 1,440 minutes) or
    more than 100,000 of anything else.
    """
    if required is None:
        required = habit.kind is HabitKind.QUANTITY
    unit = habit.unit.strip()
    enter = tr("Enter the number of {unit}.").format(unit=unit) if unit else tr("Enter a number.")
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, (enter if required else None)
    if isinstance(value, bool):
        return None, enter
    if isinstance(value, str):
        parsed, error = _parse_quantity_text(value, unit)
        if error is not None or parsed is None:
            return None, error
        number = parsed
    else:
        number = float(value)
    if not math.isfinite(number):
        return None, enter
    if number < 0:
        return None, (
            tr("{unit} can’t be negative.").format(unit=unit.capitalize())
            if unit
            else tr("The amount can’t be negative.")
        )
    limit = quantity_limit(habit)
    if number > limit:
        family = _unit_family(unit)
        if habit.builtin_key == BuiltinKey.SLEEP or (
            family == "hours" and "sleep" in habit.name.casefold()
        ):
            return None, tr("A night can’t be longer than 24 hours (you entered {amount}).").format(
                amount=_fmt(number)
            )
        if family == "hours":
            return None, tr("A day has only 24 hours (you entered {amount}).").format(
                amount=_fmt(number)
            )
        if family == "minutes":
            return None, tr("A day has only {minutes} minutes (you entered {amount}).").format(
                minutes=dates.number(1440, 0), amount=_fmt(number)
            )
        return None, tr("That looks too large: the limit is {limit}.").format(
            limit=dates.number(QUANTITY_MAX, 0)
        )
    return number, None


def validate_entry(habit: Habit, entry: HabitEntry, *, today: date | None = None) -> dict[str, str]:
    """Every problem in a day's entry, as field name -> message (``day``, ``quantity``,
    ``note``); empty when it can be saved. ``today`` is the journal day, to refuse future days."""
    errors: dict[str, str] = {}
    if today is not None and entry.day > today:
        errors["day"] = tr("You can’t fill in a day that hasn’t happened yet.")
    needs_quantity = habit.kind is HabitKind.QUANTITY and entry.status is EntryStatus.DONE
    _, q_error = validate_quantity(habit, entry.quantity, required=needs_quantity)
    if q_error:
        errors["quantity"] = q_error
    note_error = validate_note(entry.note)
    if note_error:
        errors["note"] = note_error
    elif (
        habit.kind is HabitKind.NOTE and entry.status is EntryStatus.DONE and not entry.note.strip()
    ):
        errors["note"] = tr("Write a few words, or mark the day as skipped.")
    return errors


# --------------------------------------------------------------------------------------------
# What counts
# --------------------------------------------------------------------------------------------


def in_daily_range(target: Target, quantity: float | None) -> bool:
    """Whether an amount makes a day count (any amount above zero when there is no range)."""
    if quantity is None or not math.isfinite(quantity):
        return False
    if not target.has_daily_range:
        return quantity > 0
    if target.daily_min is not None and quantity < target.daily_min - _EPS:
        return False
    return not (target.daily_max is not None and quantity > target.daily_max + _EPS)


def entry_counts(habit: Habit, entry: HabitEntry | None) -> bool:
    """Whether a day's entry counts as a success.

    Yes/no: marked done (an optional quantity, like Exercise's minutes, is informational). Note:
    done with some text. Quantity: done with an amount inside the daily range. Skipped, missed
    and absent days never count.
    """
    if entry is None or entry.status is not EntryStatus.DONE:
        return False
    return _done_counts(habit, entry.quantity, entry.note)


def _done_counts(habit: Habit, quantity: float | None, note: str) -> bool:
    """Whether a day marked done counts (see :func:`entry_counts`)."""
    if habit.kind is HabitKind.NOTE:
        return bool(note.strip())
    if habit.kind is HabitKind.QUANTITY:
        return in_daily_range(habit.target, quantity)
    return True


def day_outcome(habit: Habit, entry: HabitEntry | None) -> EntryStatus:
    """A day reduced to done / skipped / missed (no entry, or one that doesn't count, is missed)."""
    if entry_counts(habit, entry):
        return EntryStatus.DONE
    if entry is not None and entry.status is EntryStatus.SKIPPED:
        return EntryStatus.SKIPPED
    return EntryStatus.MISSED


# --------------------------------------------------------------------------------------------
# Strength (Loop's score)
# --------------------------------------------------------------------------------------------


def score_multiplier(frequency: float) -> float:
    """Loop's daily decay ``0.5 ** (sqrt(frequency) / 13)`` (0.948078 for a daily habit)."""
    return SCORE_BASE ** (math.sqrt(frequency) / SCORE_DIVISOR)


def score_step(frequency: float, previous: float, checkmark_value: float) -> float:
    """One day of Loop's score: ``previous·m + value·(1 − m)`` with ``m`` from the frequency."""
    multiplier = score_multiplier(frequency)
    score = previous * multiplier
    score += checkmark_value * (1 - multiplier)
    return score


class LoopValue(IntEnum):
    """Loop's raw checkmark values (numerical habits store amounts × 1000 instead)."""

    UNKNOWN = -1
    NO = 0
    YES_AUTO = 1
    YES_MANUAL = 2
    SKIP = 3


def parse_loop_value(text: str) -> int:
    """A value from Loop's ``Checkmarks.csv`` (a symbolic name or an integer) as its integer."""
    stripped = text.strip()
    try:
        return int(LoopValue[stripped.upper()])
    except KeyError:
        pass
    try:
        return int(stripped)
    except ValueError:
        raise ValueError(f"Not a Loop checkmark value: {text!r}") from None


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _boolean_scores(
    numerator: int,
    denominator: int,
    first: date,
    start: date,
    end: date,
    done: AbstractSet[date],
    skipped: AbstractSet[date],
) -> list[tuple[date, float]]:
    """Loop's boolean recompute from ``first``, reported for ``start``…``end``.

    Each day ``i`` (counted from ``first``) feeds ``min(1, done days among the last window's
    days / times)`` into :func:`score_step`, except skipped days, which leave the score as it is.
    Over ten years (3,650 days a habit) making a date and calling :func:`score_step` for each day
    was most of the time: here the days are counted as numbers, the window's counts come from
    running totals and the multiplier is worked out once. The arithmetic of each step is
    :func:`score_step`'s, in the same order, so the floats are the same."""
    if numerator < 1 or denominator < 1:
        raise ValueError("A frequency needs a numerator and a denominator of at least 1.")
    frequency = numerator / denominator
    window_num, window_den = numerator, denominator
    if frequency < 1:  # Loop doubles both "to smooth out irregular repetition schedules"
        window_num, window_den = 2 * numerator, 2 * denominator
    multiplier = score_multiplier(frequency)
    keep = 1 - multiplier
    base = first.toordinal()
    count = end.toordinal() - base + 1
    if count <= 0:
        return []
    done_days = set(map(date.toordinal, done))
    totals = list(accumulate(map(done_days.__contains__, range(base, base + count)), initial=0))
    # Done days in the window ending on day i: totals[i + 1] - totals[i + 1 - window_den].
    rolling = totals[1 : window_den + 1] + list(
        map(sub, totals[window_den + 1 :], totals[1 : count + 1 - window_den])
    )
    value_of = [min(1.0, r / window_num) for r in range(window_den + 1)]
    values: list[float | None] = list(map(value_of.__getitem__, rolling))
    for day in skipped:
        i = day.toordinal() - base
        if 0 <= i < count:
            values[i] = None  # the score stays as it was
    shown = max(0, start.toordinal() - base)
    score = 0.0
    for value in values[:shown]:
        if value is not None:
            score = score * multiplier
            score += value * keep
    result: list[tuple[date, float]] = []
    for i in range(shown, count):
        value = values[i]
        if value is not None:
            score = score * multiplier
            score += value * keep
        result.append((date.fromordinal(base + i), score))
    return result


def _frequency_of(habit_or_freq: Habit | Target | tuple[int, int]) -> tuple[int, int]:
    if isinstance(habit_or_freq, Habit):
        return habit_or_freq.target.times, habit_or_freq.target.period_days
    if isinstance(habit_or_freq, Target):
        return habit_or_freq.times, habit_or_freq.period_days
    return habit_or_freq


def _counts_for(habit_or_freq: Habit | Target | tuple[int, int], entry: HabitEntry) -> bool:
    if isinstance(habit_or_freq, Habit):
        return entry_counts(habit_or_freq, entry)
    if entry.status is not EntryStatus.DONE:
        return False
    if isinstance(habit_or_freq, Target) and habit_or_freq.has_daily_range:
        return in_daily_range(habit_or_freq, entry.quantity)
    return True


def _entries_by_day(
    habit_or_freq: Habit | Target | tuple[int, int], entries: Iterable[HabitEntry]
) -> dict[date, HabitEntry]:
    habit_id = habit_or_freq.id if isinstance(habit_or_freq, Habit) else None
    return {e.day: e for e in entries if habit_id is None or e.habit_id == habit_id}


def strength_series(
    habit_or_freq: Habit | Target | tuple[int, int],
    entries: Iterable[HabitEntry],
    start: date,
    end: date,
) -> list[tuple[date, float]]:
    """Loop's habit strength (0…1) for every day from ``start`` to ``end`` inclusive.

    ``habit_or_freq`` is a habit (its entries are judged with :func:`entry_counts`; other habits'
    entries are ignored), a target, or a ``(times, period_days)`` pair (an entry then counts when
    it is done). As in Loop: the score starts at 0 on the earliest entry (or ``start`` if that is
    earlier) so the value on a day doesn't depend on the window asked for; each day feeds
    ``min(1, done days in the window / times)`` into :func:`score_step`, where for frequencies
    below 1 both ``times`` and the window are doubled (2 in 7 becomes 4 in the last 14 days);
    skipped days leave the score unchanged. A target's maximum is ignored (the value is capped at
    1). Quantity habits are boolean here: a day is done when its amount is in the daily range.
    """
    if end < start:
        return []
    numerator, denominator = _frequency_of(habit_or_freq)
    by_day = _entries_by_day(habit_or_freq, entries)
    first = min(start, min(by_day)) if by_day else start
    if isinstance(habit_or_freq, Habit):
        done = {d for d, e in by_day.items() if entry_counts(habit_or_freq, e)}
    else:
        done = {d for d, e in by_day.items() if _counts_for(habit_or_freq, e)}
    skipped = {d for d, e in by_day.items() if e.status is EntryStatus.SKIPPED}
    return _boolean_scores(numerator, denominator, first, start, end, done, skipped)


def strength_on(
    habit_or_freq: Habit | Target | tuple[int, int], entries: Iterable[HabitEntry], day: date
) -> float:
    """The strength on one day (0.0 before any entry)."""
    return strength_series(habit_or_freq, entries, day, day)[0][1]


def counts_when_done(habit: Habit) -> bool:
    """Whether every day marked done counts, whatever its amount or note (yes/no habits)."""
    return habit.kind is not HabitKind.NOTE and habit.kind is not HabitKind.QUANTITY


def counted_days(habit: Habit, done_rows: Iterable[tuple[date, float | None, str]]) -> set[date]:
    """Of the days marked done, given as (day, quantity, note), those that count."""
    return {day for day, quantity, note in done_rows if _done_counts(habit, quantity, note)}


def strength_on_days(
    habit_or_freq: Habit | Target | tuple[int, int],
    first: date,
    counted: AbstractSet[date],
    skipped: AbstractSet[date],
    day: date,
) -> float:
    """``strength_on(habit, entries, day)`` from what it reads of the entries (all up to
    ``day``): the first entry's day, the days that count and the skipped days. A summary reads
    these for ten years of every habit far faster than the entries themselves."""
    numerator, denominator = _frequency_of(habit_or_freq)
    first = min(first, day)
    return _boolean_scores(numerator, denominator, first, day, day, counted, skipped)[0][1]


def loop_strength_series(
    values: Mapping[date, int],
    start: date,
    end: date,
    *,
    numerator: int,
    denominator: int,
    numerical: bool = False,
    at_most: bool = False,
    target_value: float = 0.0,
) -> list[tuple[date, float]]:
    """Loop's own score recompute over raw checkmark values (:class:`LoopValue`, or amounts × 1000
    for numerical habits), reported for ``start``…``end`` and computed from the oldest value.

    Boolean habits: only YES_MANUAL fills the rolling window (YES_AUTO does not; it is derived),
    SKIP leaves the score unchanged, and every other day (NO, UNKNOWN, absent) feeds a normal update.
    Numerical habits: the window holds the last ``denominator`` days' amounts (negative values
    such as UNKNOWN count as 0), compared with ``target_value`` as "at least" or, with ``at_most``,
    "at most" (whose score starts at 1.0); every day is updated.
    """
    if end < start:
        return []
    first = min([start, *values])
    if not numerical:
        done = {d for d, v in values.items() if v == LoopValue.YES_MANUAL}
        skipped = {d for d, v in values.items() if v == LoopValue.SKIP}
        return _boolean_scores(numerator, denominator, first, start, end, done, skipped)
    if numerator < 1 or denominator < 1:
        raise ValueError("A frequency needs a numerator and a denominator of at least 1.")
    frequency = numerator / denominator
    days = _days(first, end)
    amounts = [max(0, values.get(d, LoopValue.UNKNOWN)) for d in days]
    rolling = 0.0
    score = 1.0 if at_most else 0.0
    result: list[tuple[date, float]] = []
    for i, day in enumerate(days):
        rolling += amounts[i]
        if i >= denominator:
            rolling -= amounts[i - denominator]
        total = rolling / 1000
        if not at_most:
            value = min(1.0, total / target_value) if target_value > 0 else 1.0
        elif target_value > 0:
            value = min(1.0, max(0.0, 1 - (total - target_value) / target_value))
        else:
            value = 0.0 if total > 0 else 1.0
        score = score_step(frequency, score, value)
        if day >= start:
            result.append((day, score))
    return result


# --------------------------------------------------------------------------------------------
# Streaks
# --------------------------------------------------------------------------------------------


class StreakUnit(StrEnum):
    DAYS = "days"
    WEEKS = "weeks"
    PERIODS = "periods"


@dataclass(frozen=True)
class Streak:
    """A run of successful days (or periods), from ``start`` to ``end`` inclusive.

    ``length`` counts only the days (periods) that met the target; ``skipped`` counts the skipped
    days (wholly skipped periods) bridged inside the run, which are not in ``length``. For period
    streaks, ``end`` is the last day of the last met period, or today while it is still running.
    A streak of length 0 has no dates.
    """

    length: int
    unit: StreakUnit
    start: date | None = None
    end: date | None = None
    skipped: int = 0
    period_days: int = 1

    @property
    def reading(self) -> str:
        """E.g. "12 days", "1 week", "3 periods of 10 days"."""
        one = self.length == 1
        if self.unit is StreakUnit.DAYS:
            text = tr("{count} day") if one else tr("{count} days")
        elif self.unit is StreakUnit.WEEKS:
            text = tr("{count} week") if one else tr("{count} weeks")
        else:
            text = (
                tr("{count} period of {days} days") if one else tr("{count} periods of {days} days")
            )
        return text.format(count=self.length, days=self.period_days)


_MET, _NEUTRAL, _BROKEN = "met", "neutral", "broken"


def _period_start(day: date, period_days: int, first_weekday: int) -> date:
    anchor = _PERIOD_ANCHOR + timedelta(days=first_weekday % 7)
    offset = (day - anchor).days % period_days
    return day - timedelta(days=offset)


def _required(times: int, period_days: int, skipped: int) -> int:
    """Successes a period needs when ``skipped`` of its days were skipped (0 if all were)."""
    return math.ceil(times * (period_days - skipped) / period_days - _EPS)


def _streak_units(
    habit: Habit, entries: Iterable[HabitEntry], today: date, first_weekday: int
) -> tuple[StreakUnit, int, list[tuple[date, date, str]]]:
    """The days or periods from the first entry to today, each met, neutral or broken."""
    target = habit.target
    by_day = {d: e for d, e in _entries_by_day(habit, entries).items() if d <= today}
    if target.is_daily:
        unit, period = StreakUnit.DAYS, 1
    else:
        period = target.period_days
        unit = StreakUnit.WEEKS if period == 7 else StreakUnit.PERIODS
    if not by_day:
        return unit, period, []
    first = min(by_day)
    units: list[tuple[date, date, str]] = []
    if target.is_daily:
        for day in _days(first, today):
            entry = by_day.get(day)
            if entry_counts(habit, entry):
                state = _MET
            elif (entry is not None and entry.status is EntryStatus.SKIPPED) or (
                entry is None and day == today  # today isn't over yet
            ):
                state = _NEUTRAL
            else:
                state = _BROKEN
            units.append((day, day, state))
        return unit, period, units
    period_start = _period_start(first, period, first_weekday)
    while period_start <= today:
        period_end = period_start + timedelta(days=period - 1)
        days = _days(period_start, min(period_end, today))
        done = sum(1 for d in days if entry_counts(habit, by_day.get(d)))
        skipped = sum(1 for d in days if d in by_day and by_day[d].status is EntryStatus.SKIPPED)
        required = _required(target.times, period, skipped)
        if required > 0 and done >= required:
            state = _MET
        elif skipped == period or period_end > today:  # wholly skipped, or still running
            state = _NEUTRAL
        else:
            state = _BROKEN
        units.append((period_start, min(period_end, today), state))
        period_start = period_end + timedelta(days=1)
    return unit, period, units


def _runs(
    unit: StreakUnit, period: int, units: list[tuple[date, date, str]]
) -> tuple[list[Streak], Streak]:
    """All streaks (oldest first), and the one still open at the end (length 0 if none)."""
    found: list[Streak] = []
    length = skipped = pending = 0
    start: date | None = None
    end: date | None = None

    def close() -> Streak:
        if length == 0:
            return Streak(0, unit, period_days=period)
        return Streak(length, unit, start, end, skipped, period)

    for unit_start, unit_end, state in units:
        if state == _MET:
            if length == 0:
                start = unit_start
            else:
                skipped += pending
            pending = 0
            length += 1
            end = unit_end
        elif state == _NEUTRAL:
            pending += 1
        else:
            if length:
                found.append(close())
            length = skipped = pending = 0
            start = end = None
    current = close()
    if current.length:
        found.append(current)
    return found, current


def streaks(
    habit: Habit, entries: Iterable[HabitEntry], today: date, *, first_weekday: int = 0
) -> list[Streak]:
    """Every streak up to ``today``, oldest first.

    Daily habits (``times >= period_days``) count days: a day is met when its entry counts
    (:func:`entry_counts`); a skipped day is bridged; today with no entry yet is still open; any
    other day (missed, absent, or done but not counting) breaks the run.

    Other habits count periods of ``period_days`` days (calendar weeks starting on
    ``first_weekday``, 0 = Monday, when the period is 7 days): a period is met when its successes
    reach the target, reduced in proportion to skipped days (2 in 7 with 4 days skipped needs 1);
    a wholly skipped period is bridged; the period containing today is open until it ends, and
    counts once met. Going above the optional maximum still meets the target (adherence shows it).
    """
    unit, period, units = _streak_units(habit, entries, today, first_weekday)
    return _runs(unit, period, units)[0]


def current_streak(
    habit: Habit, entries: Iterable[HabitEntry], today: date, *, first_weekday: int = 0
) -> Streak:
    """The streak still running today (length 0 when there is none); see :func:`streaks`."""
    unit, period, units = _streak_units(habit, entries, today, first_weekday)
    return _runs(unit, period, units)[1]


def best_streak(
    habit: Habit, entries: Iterable[HabitEntry], today: date, *, first_weekday: int = 0
) -> Streak:
    """The longest streak (ties go to the more recent one, as in Loop); length 0 if none."""
    unit, period, units = _streak_units(habit, entries, today, first_weekday)
    found = _runs(unit, period, units)[0]
    if not found:
        return Streak(0, unit, period_days=period)
    return max(found, key=lambda s: (s.length, s.end or date.min))


# --------------------------------------------------------------------------------------------
# Weekly adherence
# --------------------------------------------------------------------------------------------


class Verdict(StrEnum):
    MET = "met"
    UNDER = "under"
    ABOVE_PLAN = "above plan"


@dataclass(frozen=True)
class Adherence:
    """One week of one habit against its target scaled to 7 days.

    ``required`` is the minimum reduced in proportion to skipped days (what the verdict uses);
    ``in_progress`` is true while the week isn't over (days after today are not counted).
    """

    week_start: date
    done: int
    skipped: int
    target_min: float
    target_max: float | None
    required: float
    verdict: Verdict
    in_progress: bool
    reading: str


def week_adherence(
    habit: Habit, entries: Iterable[HabitEntry], week_start: date, *, today: date | None = None
) -> Adherence:
    """How the week starting on ``week_start`` went for ``habit``.

    Verdict: "above plan" when done days exceed the scaled maximum, "met" when they reach the
    scaled minimum (reduced for skipped days), else "under". Reading: e.g. "3 of 2–4 this week",
    "5 of 7 this week (1 skipped)", "1 of 2 so far this week". For periods other than 7 days the
    weekly target is a proportional approximation (3 in 10 days reads "of 2.1").
    """
    last = week_start + timedelta(days=6)
    counted_last = last if today is None else min(last, today)
    by_day = _entries_by_day(habit, entries)
    days = _days(week_start, counted_last)
    done = sum(1 for d in days if entry_counts(habit, by_day.get(d)))
    skipped = sum(1 for d in days if d in by_day and by_day[d].status is EntryStatus.SKIPPED)
    low, high = habit.target.per_week()
    required = low * (7 - skipped) / 7
    if high is not None and done > high + _EPS:
        verdict = Verdict.ABOVE_PLAN
    elif done >= required - _EPS and skipped < 7:
        verdict = Verdict.MET
    else:
        verdict = Verdict.UNDER
    in_progress = today is not None and today < last
    plan = _fmt(low) if high is None or abs(high - low) < _EPS else f"{_fmt(low)}–{_fmt(high)}"
    if in_progress:
        reading = tr("{done} of {plan} so far this week").format(done=done, plan=plan)
    else:
        reading = tr("{done} of {plan} this week").format(done=done, plan=plan)
    if skipped:
        reading += " " + tr("({count} skipped)").format(count=skipped)
    return Adherence(week_start, done, skipped, low, high, required, verdict, in_progress, reading)


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def _fmt(value: float) -> str:
    """7 -> "7", 7.5 -> "7.5", 2.14 -> "2.1"."""
    if abs(value - round(value)) < _EPS:
        return dates.number(round(value), 0)
    return dates.number(value, 1, trim=True)


def _times_word(times: int) -> str:
    if times == 1:
        return tr("Once")
    if times == 2:
        return tr("Twice")
    return tr("{count} times").format(count=times)


def _unit_family(unit: str) -> str | None:
    word = unit.strip().casefold().rstrip(".")
    if word in _HOURS_WORDS:
        return "hours"
    if word in _MINUTES_WORDS:
        return "minutes"
    return None


_NUMBER_RE = re.compile(
    r"^(?P<sign>[-+−]?)\s*(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d*)?|[.,]\d+)"
    r"\s*(?P<unit>[^\d\s.,:].*?)?$"
)
_HOURS_MINUTES_RE = re.compile(
    r"^(?P<hours>\d{1,2})\s*(?::|h|hr|hrs|hours?)\s*(?P<minutes>\d{1,2})\s*(?:m|min|mins|minutes?)?$",
    re.IGNORECASE,
)


def _unit_matches(typed: str, unit: str) -> bool:
    word = typed.strip().casefold().rstrip(".")
    own = unit.strip().casefold()
    if own and word in {own, own + "s", own.removesuffix("s")}:
        return True
    family = _unit_family(own)
    return (family == "hours" and word in _HOURS_WORDS) or (
        family == "minutes" and word in _MINUTES_WORDS
    )


def _parse_quantity_text(text: str, unit: str) -> tuple[float | None, str | None]:
    stripped = text.strip()
    number_hint = (
        tr("Enter just a number of {unit}, like {example}.").format(
            unit=unit, example=dates.number(7.5)
        )
        if unit
        else tr("Enter just a number.")
    )
    hm = _HOURS_MINUTES_RE.match(stripped)
    if hm is not None and _unit_family(unit) == "hours":
        minutes = int(hm["minutes"])
        if minutes >= 60:
            return None, tr("Minutes go up to 59, as in 7:30.")
        return int(hm["hours"]) + minutes / 60, None
    match = _NUMBER_RE.match(stripped)
    if match is None:
        return None, number_hint
    typed_unit = match["unit"]
    if typed_unit and not _unit_matches(typed_unit, unit):
        return None, number_hint
    raw = match["number"]
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", raw):
        raw = raw.replace(",", "")
    else:
        raw = raw.replace(",", ".")
    number = float(raw)
    if match["sign"] in {"-", "−"}:
        number = -number
    return number, None


def with_target(habit: Habit, target: Target) -> Habit:
    """A copy of ``habit`` with a new target (a convenience for "adjust" decisions)."""
    return replace(habit, target=target)

"""Time, injectable: the app asks a clock instead of calling ``datetime.now()``.

A journal day starts at ``day_start_hour`` (03:00 by default), so a check-in typed just after
midnight counts for the evening before, as night owls expect.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Protocol

from plasticity_app.domain import dates
from plasticity_app.domain.text import tr

DEFAULT_DAY_START_HOUR = 3


class Clock(Protocol):
    """Anything that can tell the local time."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real local time."""

    def now(self) -> datetime:
        return datetime.now().replace(microsecond=0)


@dataclass
class FixedClock:
    """A clock for tests and demos: always the given time until moved."""

    current: datetime = field(default_factory=lambda: datetime(2026, 11, 23, 20, 0))

    def now(self) -> datetime:
        return self.current

    def advance(self, **kwargs: float) -> None:
        self.current = self.current + timedelta(**kwargs)


def journal_day(moment: datetime, day_start_hour: int = DEFAULT_DAY_START_HOUR) -> date:
    """The journal day a moment belongs to (before ``day_start_hour`` it is still yesterday)."""
    return (moment - timedelta(hours=day_start_hour)).date()


def _starts(moment: datetime, day_start_hour: int) -> str:
    return dates.time_of_day(datetime.combine(moment.date(), time(day_start_hour)))


def still_yesterday_note(now: datetime, day_start_hour: int = DEFAULT_DAY_START_HOUR) -> str:
    """Between midnight and the start of the journal day, the plain sentence that says it is
    still the day before ("" at any other time)."""
    day = journal_day(now, day_start_hour)
    if day == now.date():
        return ""
    return tr(
        "It is still {day} in your journal: a new day starts at {time} (see Preferences)."
    ).format(day=dates.long_day(day), time=_starts(now, day_start_hour))


def counts_for_note(moment: datetime, day_start_hour: int = DEFAULT_DAY_START_HOUR) -> str:
    """For a moment between midnight and the start of the journal day, which journal day it
    counts for ("" at any other time)."""
    day = journal_day(moment, day_start_hour)
    if day == moment.date():
        return ""
    return tr(
        "This counts for {day} in your journal: a new day starts at {time} (see Preferences)."
    ).format(day=dates.long_day(day), time=_starts(moment, day_start_hour))


def week_start(day: date, first_weekday: int = 0) -> date:
    """The first day of the week containing ``day`` (0 = Monday … 6 = Sunday)."""
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def days_between(first: date, last: date) -> list[date]:
    """Every day from ``first`` to ``last`` inclusive (empty when last < first)."""
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]

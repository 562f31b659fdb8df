"""Dates, times and numbers as a person reads them.

The domain and the controllers write their sentences with these functions. The window installs its
locale's formats when it starts (``ui/locale_format.py``): "Monday, November 23" in the US, "Monday
23 November" in Britain, decimal commas where they are used. Without it (the command line, the
tests) they read as plain English: "Monday 23 November", "4.7".
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar, Protocol


class Formatter(Protocol):
    def date(self, day: date, style: str) -> str: ...

    def time(self, moment: datetime) -> str: ...

    def number(self, value: float, digits: int) -> str: ...


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class PlainFormatter:
    """English, day before month, 24-hour times, a decimal point.

    The names are spelled out here rather than taken from ``strftime``: Qt sets the C library's
    locale when the window starts, and plain English has to stay English whatever it is."""

    STYLES: ClassVar[dict[str, str]] = {
        "weekday_day_month": "{weekday} {d.day} {month}",
        "weekday_day_month_year": "{weekday} {d.day} {month} {d.year}",
        "day_month": "{d.day} {month}",
        "day_month_year": "{d.day} {month} {d.year}",
        "short_weekday_day": "{weekday:.3} {d.day}",
        "short_weekday_day_month": "{weekday:.3} {d.day} {month:.3}",
        "short_weekday_day_month_year": "{weekday:.3} {d.day} {month:.3} {d.year}",
        "month_year": "{month} {d.year}",
    }

    def date(self, day: date, style: str) -> str:
        return self.STYLES[style].format(
            d=day, weekday=WEEKDAYS[day.weekday()], month=MONTHS[day.month - 1]
        )

    def time(self, moment: datetime) -> str:
        return f"{moment.hour:02d}:{moment.minute:02d}"

    def number(self, value: float, digits: int) -> str:
        text = f"{value:,.{digits}f}"
        return text[1:] if text.startswith("-") and not text.strip("-0.,") else text


_formatter: Formatter = PlainFormatter()


def install(formatter: Formatter | None) -> None:
    """Use ``formatter`` from now on (None: back to plain English)."""
    global _formatter
    _formatter = formatter or PlainFormatter()


def long_day(day: date) -> str:
    """“Monday 23 November”."""
    return _formatter.date(day, "weekday_day_month")


def full_date(day: date) -> str:
    """“Monday 23 November 2026”."""
    return _formatter.date(day, "weekday_day_month_year")


def day_month(day: date) -> str:
    """“23 November”."""
    return _formatter.date(day, "day_month")


def day_month_year(day: date) -> str:
    """“23 November 2026”."""
    return _formatter.date(day, "day_month_year")


def short_day(day: date) -> str:
    """“Mon 23”."""
    return _formatter.date(day, "short_weekday_day")


def short_date(day: date) -> str:
    """“Mon 23 Nov”."""
    return _formatter.date(day, "short_weekday_day_month")


def short_date_year(day: date) -> str:
    """“Mon 23 Nov 2026”."""
    return _formatter.date(day, "short_weekday_day_month_year")


def month_year(day: date) -> str:
    """“November 2026”."""
    return _formatter.date(day, "month_year")


def time_of_day(moment: datetime) -> str:
    """“20:00” (or “8:00 PM” where the clock reads so)."""
    return _formatter.time(moment)


def moment(when: datetime) -> str:
    """“Monday 23 November, 20:00”."""
    return f"{long_day(when.date())}, {time_of_day(when)}"


def full_moment(when: datetime) -> str:
    """“Monday 23 November 2026, 20:00”."""
    return f"{full_date(when.date())}, {time_of_day(when)}"


def number(value: float, digits: int = 1, *, trim: bool = False) -> str:
    """“4.7” (or “4,7”); with ``trim``, no trailing zeros: “3”, “2.5” (not “3.0”, “2.50”)."""
    while trim and digits > 0 and round(value, digits - 1) == round(value, digits):
        digits -= 1
    return _formatter.number(value, digits)


def week_span(start: date, end: date) -> str:
    """“23–29 November 2026”, “30 November – 6 December 2026”, across years in full."""
    if not isinstance(_formatter, PlainFormatter):  # the locale decides the order
        if start.year == end.year:
            return f"{day_month(start)} – {day_month_year(end)}"
        return f"{day_month_year(start)} – {day_month_year(end)}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{day_month_year(end)}"
    if start.year == end.year:
        return f"{day_month(start)} – {day_month_year(end)}"
    return f"{day_month_year(start)} – {day_month_year(end)}"

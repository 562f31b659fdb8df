"""Dates and numbers in plain English by default, and a formatter that can be swapped in."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest

from plasticity_app.domain import dates

MONDAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _plain() -> Iterator[None]:
    dates.install(None)
    yield
    dates.install(None)


def test_plain_forms() -> None:
    assert dates.long_day(MONDAY) == "Monday 23 November"
    assert dates.full_date(MONDAY) == "Monday 23 November 2026"
    assert dates.day_month(MONDAY) == "23 November"
    assert dates.day_month_year(MONDAY) == "23 November 2026"
    assert dates.short_day(MONDAY) == "Mon 23"
    assert dates.short_date(MONDAY) == "Mon 23 Nov"
    assert dates.short_date_year(MONDAY) == "Mon 23 Nov 2026"
    assert dates.month_year(MONDAY) == "November 2026"
    assert dates.short_date(date(2026, 9, 6)) == "Sun 6 Sep"


def test_plain_times_and_moments() -> None:
    at = datetime(2026, 11, 23, 8, 5)
    assert dates.time_of_day(at) == "08:05"
    assert dates.moment(at) == "Monday 23 November, 08:05"
    assert dates.full_moment(at) == "Monday 23 November 2026, 08:05"


def test_plain_numbers() -> None:
    assert dates.number(4.66) == "4.7"
    assert dates.number(4.0) == "4.0"
    assert dates.number(4.0, trim=True) == "4"
    assert dates.number(2.5, trim=True) == "2.5"
    assert dates.number(7.123, 2) == "7.12"
    assert dates.number(-0.01) == "0.0"
    assert dates.number(-1.25, 1) == "-1.2"
    assert dates.number(12345.0, 0) == "12,345"


def test_week_span_within_a_month_across_months_and_years() -> None:
    assert dates.week_span(date(2026, 11, 16), date(2026, 11, 22)) == "16–22 November 2026"
    assert dates.week_span(date(2026, 11, 30), date(2026, 12, 6)) == (
        "30 November – 6 December 2026"
    )
    assert dates.week_span(date(2026, 12, 28), date(2027, 1, 3)) == (
        "28 December 2026 – 3 January 2027"
    )


class Shouting:
    def date(self, day: date, style: str) -> str:
        return f"{style}:{day.isoformat()}"

    def time(self, moment: datetime) -> str:
        return "NOON"

    def number(self, value: float, digits: int) -> str:
        return f"<{value:.{digits}f}>"


def test_install_and_uninstall() -> None:
    dates.install(Shouting())
    assert dates.long_day(MONDAY) == "weekday_day_month:2026-11-23"
    assert dates.moment(datetime(2026, 11, 23, 12, 0)) == "weekday_day_month:2026-11-23, NOON"
    assert dates.number(3.0, trim=True) == "<3>"
    assert dates.week_span(MONDAY, date(2026, 11, 29)) == (
        "day_month:2026-11-23 – day_month_year:2026-11-29"
    )
    dates.install(None)
    assert dates.long_day(MONDAY) == "Monday 23 November"
    assert dates.number(4.66) == "4.7"

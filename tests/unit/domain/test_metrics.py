from __future__ import annotations

import math
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plasticity_app.domain import metrics as m
from plasticity_app.domain.clock import journal_day, week_start
from plasticity_app.domain.metrics import Direction


@pytest.mark.parametrize("value", [0, 10, 7, "3", " 8 ", 5.0])
def test_valid_ratings(value: object) -> None:
    assert m.parse_rating(value) == int(float(str(value).strip()))


@pytest.mark.parametrize("value", [-1, 11, 7.5, "7.5", "seven", "", None, True, "1e1"])
def test_invalid_ratings_refused_with_a_plain_message(value: object) -> None:
    with pytest.raises(ValueError, match="whole numbers from 0 to 10"):
        m.parse_rating(value)


@given(st.integers())
def test_parse_rating_accepts_exactly_0_to_10(n: int) -> None:
    if 0 <= n <= 10:
        assert m.parse_rating(n) == n
    else:
        with pytest.raises(ValueError):
            m.parse_rating(n)


def test_metric_names() -> None:
    assert m.validate_metric_name("  ") == "Give the metric a name."
    assert "40 characters" in (m.validate_metric_name("x" * 41) or "")
    assert "already have" in (m.validate_metric_name("calm", ["Calm"]) or "")
    assert m.validate_metric_name("Calm", ["Calm"], current="calm") is None
    assert m.validate_metric_name("Calm", ["Other"]) is None


def test_future_days_are_refused() -> None:
    assert m.validate_rating_day(date(2026, 11, 24), date(2026, 11, 23))
    assert m.validate_rating_day(date(2026, 11, 23), date(2026, 11, 23)) is None


def test_summary_and_baseline() -> None:
    s = m.summarize([4, 6, 5, 5])
    assert s.n == 4 and s.mean == 5
    assert s.sd == pytest.approx(math.sqrt(2 / 3))
    assert math.isnan(m.summarize([3]).sd)
    assert m.summarize([]).empty
    entries = [m.MetricEntry(1, date(2026, 1, d), d) for d in range(1, 11)]
    assert m.baseline_values(entries, 1, date(2026, 1, 3)) == [1, 2, 3]
    assert len(m.baseline_values(entries, 1, None)) == 10
    assert m.baseline_values(entries, 2, None) == []


def test_signed_change_positive_means_better() -> None:
    assert m.signed_change(Direction.LOWER, 7, 5) == 2
    assert m.signed_change(Direction.HIGHER, 3, 5) == 2
    assert m.signed_change(Direction.HIGHER, 5, 3) == -2


def test_worst_fifth() -> None:
    assert m.in_worst_fifth(Direction.LOWER, 8.0)
    assert not m.in_worst_fifth(Direction.LOWER, 7.9)
    assert m.in_worst_fifth(Direction.HIGHER, 2.0)
    assert not m.in_worst_fifth(Direction.HIGHER, 2.1)
    assert not m.in_worst_fifth(Direction.HIGHER, math.nan)


def test_journal_day_starts_at_three() -> None:
    assert journal_day(datetime(2026, 11, 24, 0, 30)) == date(2026, 11, 23)
    assert journal_day(datetime(2026, 11, 24, 3, 0)) == date(2026, 11, 24)
    assert journal_day(datetime(2026, 11, 24, 1, 0), day_start_hour=0) == date(2026, 11, 24)


def test_week_start() -> None:
    assert week_start(date(2026, 11, 26)) == date(2026, 11, 23)
    assert week_start(date(2026, 11, 26), first_weekday=6) == date(2026, 11, 22)

"""Openings and the 72-hour pairing window."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plasticity_app.domain import openings as op
from plasticity_app.domain.openings import (
    LearningEntry,
    LearningKind,
    Opening,
    OpeningKind,
    PairingState,
)

AT = datetime(2026, 11, 23, 10, 0)  # a Monday morning


def session(day: date, label: str = "a therapy session") -> LearningEntry:
    return LearningEntry(day, LearningKind.SESSION, label)


def test_opening_validation() -> None:
    now = AT + timedelta(hours=1)
    assert op.validate_opening(Opening(OpeningKind.TMS, AT, "Dr. Osei"), now) == {}
    errors = op.validate_opening(
        Opening("laser", AT + timedelta(hours=2), "x" * 121, "y" * 4001),  # type: ignore[arg-type]
        now,
    )
    assert set(errors) == {"kind", "at", "clinician", "notes"}
    assert "still to come" in errors["at"]


def test_kinds_have_plain_labels_and_never_a_dose() -> None:
    assert [k.value for k in OpeningKind] == [
        "tms",
        "ketamine",
        "medication_change",
        "ect",
        "psychedelic_assisted",
        "other",
    ]
    for kind in OpeningKind:
        assert not any(ch.isdigit() for ch in kind.label)
    assert "clinician" in op.CAUTION and "never recommends" in op.CAUTION


def test_open_window_counts_down() -> None:
    pairing = op.pairing(AT, [], AT + timedelta(hours=20))
    assert pairing.state is PairingState.OPEN
    assert pairing.hours_left == 52
    assert pairing.elapsed_hours == 20
    assert pairing.headline == "Pairing window open: 52 h left"
    assert pairing.closes_at == datetime(2026, 11, 26, 10, 0)
    assert "24–72 hours" in pairing.sentence("Thursday 26 November, 10:00")
    assert "by Thursday 26 November, 10:00" in pairing.sentence("Thursday 26 November, 10:00")


def test_paired_after_n_hours_counts_to_midday_of_the_entry_day() -> None:
    pairing = op.pairing(AT, [session(date(2026, 11, 24))], AT + timedelta(hours=40))
    assert pairing.state is PairingState.PAIRED
    assert pairing.paired_after_hours == 26  # Tuesday midday
    assert pairing.headline == "Paired after 26 h"
    assert pairing.sentence() == "Paired after 26 h, with a therapy session."


def test_earliest_entry_wins_and_same_day_reads_as_such() -> None:
    evening = datetime(2026, 11, 23, 18, 0)
    entries = [
        LearningEntry(date(2026, 11, 25), LearningKind.EXPERIMENT),
        LearningEntry(date(2026, 11, 23), LearningKind.THOUGHT_RECORD),
    ]
    pairing = op.pairing(evening, entries, evening + timedelta(hours=50))
    assert pairing.paired_after_hours == 0
    assert pairing.headline == "Paired the same day"
    assert pairing.paired_with == "a thought record"


def test_an_entry_logged_this_morning_never_counts_in_the_future() -> None:
    now = datetime(2026, 11, 24, 9, 0)  # 23 h after the opening, before midday
    pairing = op.pairing(AT, [session(date(2026, 11, 24))], now)
    assert pairing.paired_after_hours == 23


def test_not_paired_after_72_hours() -> None:
    pairing = op.pairing(AT, [], AT + timedelta(hours=72))
    assert pairing.state is PairingState.NOT_PAIRED
    assert pairing.headline == "Not paired"
    assert "within 72 hours" in pairing.sentence()


def test_entries_outside_the_window_do_not_pair() -> None:
    before = session(date(2026, 11, 22))
    after = session(date(2026, 11, 27))  # Friday: the window closed Thursday 10:00
    pairing = op.pairing(AT, [before, after], AT + timedelta(days=6))
    assert pairing.state is PairingState.NOT_PAIRED


def test_an_entry_on_the_closing_day_pairs_at_most_at_72_hours() -> None:
    pairing = op.pairing(AT, [session(date(2026, 11, 26))], AT + timedelta(days=5))
    assert pairing.state is PairingState.PAIRED
    assert pairing.paired_after_hours == 72


def test_the_day_starts_at_three_for_the_window() -> None:
    late = datetime(2026, 11, 24, 1, 30)  # still Monday's journal day
    pairing = op.pairing(late, [session(date(2026, 11, 23))], late + timedelta(hours=2))
    assert pairing.state is PairingState.PAIRED
    assert pairing.paired_after_hours == 0


@given(
    hours=st.integers(0, 200),
    offsets=st.lists(st.integers(-3, 6), max_size=4),
)
def test_pairing_invariants(hours: int, offsets: list[int]) -> None:
    now = AT + timedelta(hours=hours)
    entries = [session(AT.date() + timedelta(days=d)) for d in offsets]
    pairing = op.pairing(AT, entries, now)
    if pairing.state is PairingState.PAIRED:
        assert pairing.paired_after_hours is not None
        assert 0 <= pairing.paired_after_hours <= min(hours, op.PAIRING_HOURS)
    elif pairing.state is PairingState.OPEN:
        assert hours < op.PAIRING_HOURS
        assert pairing.hours_left is not None and 1 <= pairing.hours_left <= op.PAIRING_HOURS
    else:
        assert hours >= op.PAIRING_HOURS
    in_window = any(0 <= d <= 3 for d in offsets)
    assert (pairing.state is PairingState.PAIRED) == in_window


@pytest.mark.parametrize("kind", list(LearningKind))
def test_entry_labels(kind: LearningKind) -> None:
    assert kind.label.startswith("a ")

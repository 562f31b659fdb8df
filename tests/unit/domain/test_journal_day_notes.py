"""Before the journal day starts the app says so plainly (issue 14 item 8)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from plasticity_app.domain.clock import counts_for_note, journal_day, still_yesterday_note


def test_at_2_57_it_is_still_thursday() -> None:
    now = datetime(2026, 12, 4, 2, 57)  # a Friday
    assert still_yesterday_note(now, 3) == (
        "It is still Thursday 3 December in your journal: a new day starts at 03:00 "
        "(see Preferences)."
    )
    assert counts_for_note(now, 3) == (
        "This counts for Thursday 3 December in your journal: a new day starts at 03:00 "
        "(see Preferences)."
    )


def test_after_the_day_start_nothing_is_said() -> None:
    assert still_yesterday_note(datetime(2026, 12, 4, 3, 0), 3) == ""
    assert counts_for_note(datetime(2026, 12, 4, 23, 59), 3) == ""
    assert still_yesterday_note(datetime(2026, 12, 4, 0, 30), 0) == ""


@given(
    moment=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)),
    hour=st.integers(0, 12),
)
def test_the_note_appears_exactly_when_the_journal_day_is_the_day_before(
    moment: datetime, hour: int
) -> None:
    note = still_yesterday_note(moment, hour)
    before = moment.hour < hour
    assert bool(note) == before
    assert journal_day(moment, hour) == moment.date() - timedelta(days=1 if before else 0)
    if before:
        day = journal_day(moment, hour)
        assert f"{day.day} " in note and "see Preferences" in note
        assert isinstance(day, date)

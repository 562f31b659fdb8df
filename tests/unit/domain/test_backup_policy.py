"""Backups: when one is due, and the 7 daily + 4 weekly rotation."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plasticity_app.domain import backup_policy as bp

NOW = datetime(2026, 11, 24, 9, 0)


def names(*ages_in_days: float, reason: str = "daily") -> list[str]:
    return [bp.file_name(NOW - timedelta(days=a), reason) for a in ages_in_days]


def test_names_round_trip_and_other_files_are_ignored() -> None:
    name = bp.file_name(NOW, "before-import")
    assert name == "journal-20261124-090000-before-import.sqlite3"
    parsed = bp.parse(name)
    assert parsed is not None and parsed.made == NOW and parsed.reason == "before-import"
    assert parsed.label == "Before an import"
    assert bp.parse("journal-20261124-090000-before-schema-2.sqlite3").label.startswith("Before an")
    assert bp.parse("notes.txt") is None
    assert bp.parse("journal-20261399-000000-daily.sqlite3") is None  # not a date
    with pytest.raises(ValueError):
        bp.file_name(NOW, "../../etc")


def test_a_backup_is_due_when_none_or_the_newest_is_over_a_day_old() -> None:
    assert bp.is_due([], NOW)
    assert not bp.is_due(names(0.5), NOW)
    assert bp.is_due(names(1.5, 3), NOW)
    assert not bp.is_due(names(3, 0.2), NOW)


def test_seven_daily_and_four_weekly_are_kept() -> None:
    listed = names(*range(40))  # one a day for 40 days
    keep = bp.to_keep(listed)
    kept_ages = sorted((NOW - bp.parse(n).made).days for n in keep)  # type: ignore[union-attr]
    assert kept_ages[:7] == [0, 1, 2, 3, 4, 5, 6]
    # Plus the newest of each of the four most recent weeks (some coincide with the daily ones).
    weeks = {bp.parse(n).made.isocalendar()[:2] for n in keep}  # type: ignore[union-attr]
    assert len(weeks) == 4
    assert len(keep) <= 11
    deleted = bp.to_delete(listed)
    assert set(deleted) | keep == set(listed) and not set(deleted) & keep
    assert deleted == sorted(deleted)  # oldest first


def test_several_backups_on_one_day_keep_the_newest() -> None:
    listed = names(0.1, 0.2, 0.3)
    assert bp.to_keep(listed) == {listed[0]}


@given(st.lists(st.floats(min_value=0, max_value=400), max_size=60))
def test_the_newest_is_always_kept_and_at_most_eleven(ages: list[float]) -> None:
    listed = names(*ages)
    keep = bp.to_keep(listed)
    if listed:
        assert bp.newest_first(listed)[0].name in keep
    assert len(keep) <= bp.KEEP_DAILY + bp.KEEP_WEEKLY
    assert set(bp.to_delete(listed)) == set(listed) - keep


def test_backups_made_in_the_same_second_come_in_the_order_they_were_made() -> None:
    """ "." sorts after "-": by text, "manual" looked newer than "manual-2" made after it."""
    names = [
        "journal-20261123-200000-manual.sqlite3",
        "journal-20261123-200000-manual-2.sqlite3",
        "journal-20261123-200000-manual-10.sqlite3",
        "journal-20261123-200000-manual-3.sqlite3",
    ]
    assert [b.name for b in bp.newest_first(names)] == [
        "journal-20261123-200000-manual-10.sqlite3",
        "journal-20261123-200000-manual-3.sqlite3",
        "journal-20261123-200000-manual-2.sqlite3",
        "journal-20261123-200000-manual.sqlite3",
    ]
    assert bp.to_keep(names) == {"journal-20261123-200000-manual-10.sqlite3"}
    assert bp.parse(names[1]) is not None and bp.parse(names[1]).label == "Made by you"  # type: ignore[union-attr]

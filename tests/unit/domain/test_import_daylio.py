"""Daylio's CSV export, read by the pure importer (reference/formats-and-formulas.md §4): mood to an
outcome metric on 0–10, activities to yes/no habits, notes to day notes; only ``full_date`` is
trusted for the day."""

from __future__ import annotations

from datetime import date

import pytest

from plasticity_app.domain import habits as hb
from plasticity_app.domain import metrics as mt
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.habits import EntryStatus, HabitKind
from plasticity_app.domain.imports import daylio
from plasticity_app.domain.metrics import Direction
from tests.conftest import REALDATA

EIGHT = "full_date,date,weekday,time,mood,activities,note_title,note\n"
needs_realdata = pytest.mark.skipif(not REALDATA.is_dir(), reason="../shared/realdata is absent")
NINE = "full_date,date,weekday,time,mood,activities,scales,note_title,note\n"


def ratings(text: str, mood_map: dict[str, float] | None = None) -> dict[date, int]:
    plan = daylio.parse(text, "daylio.csv", mood_map)
    return {r.day: r.value for r in plan.ratings}


@pytest.mark.parametrize(
    ("mood", "value"), [("rad", 10), ("good", 8), ("meh", 5), ("bad", 3), ("awful", 0)]
)
def test_default_moods_on_the_0_to_10_scale(mood: str, value: int) -> None:
    """10 / 7.5 / 5 / 2.5 / 0, rounded half up to whole numbers."""
    assert ratings(EIGHT + f"2026-11-20,20 Nov,Friday,21:35,{mood},,,\n") == {
        date(2026, 11, 20): value
    }


def test_several_entries_on_one_day_are_averaged() -> None:
    text = EIGHT + (
        "2026-11-20,20 Nov,Friday,21:00,rad,,,\n"
        "2026-11-20,20 Nov,Friday,08:00,good,,,\n"  # (10 + 7.5) / 2 = 8.75 → 9
        "2026-11-19,19 Nov,Thursday,22:00,meh,,,\n"
        "2026-11-19,19 Nov,Thursday,10:00,bad,,,\n"  # 3.75 → 4
        "2026-11-18,18 Nov,Wednesday,10:00,awful,,,\n"
        "2026-11-18,18 Nov,Wednesday,11:00,good,,,\n"
        "2026-11-18,18 Nov,Wednesday,12:00,good,,,\n"  # 15 / 3 = 5
    )
    assert ratings(text) == {date(2026, 11, 20): 9, date(2026, 11, 19): 4, date(2026, 11, 18): 5}


def test_nine_columns_bom_and_localized_date_columns_ignored() -> None:
    text = (
        "\ufeff"
        + NINE
        + (
            '2026-11-20,31. Dezember,Montag,23:59,rad,"Spaziergang | Lesen","",'
            '"Guter Tag","Lief <br>gut"\n'
        )
    )
    plan = daylio.parse(text, "daylio_export_2026_11_24.csv")
    assert [(r.day, r.value) for r in plan.ratings] == [(date(2026, 11, 20), 10)]
    assert plan.notes == {date(2026, 11, 20): "Guter Tag\nLief \ngut"}
    assert sorted(h.name for h in plan.habits) == ["Lesen", "Spaziergang"]


def test_mood_is_one_outcome_metric_and_activities_yes_no_habits() -> None:
    text = EIGHT + (
        '2026-11-20,,,,good,"walk | reading | Walk","",""\n2026-11-21,,,,good,"walk","",""\n'
    )
    plan = daylio.parse(text, "daylio.csv")
    (metric,) = plan.metrics
    assert metric.direction is Direction.HIGHER and metric.name == daylio.MOOD_METRIC
    assert mt.validate_metric_name(metric.name) is None
    assert [h.name for h in plan.habits] == ["reading", "walk"], "names compared ignoring case"
    assert all(h.kind is HabitKind.YES_NO for h in plan.habits)
    for h in plan.habits:
        assert hb.validate_habit(name=h.name, kind=h.kind, unit=h.unit, target=h.target) == {}
    walk = next(h for h in plan.habits if h.name == "walk")
    assert sorted(e.day for e in plan.entries if e.habit_key == walk.key) == [
        date(2026, 11, 20),
        date(2026, 11, 21),
    ]
    assert {e.status for e in plan.entries} == {EntryStatus.DONE}


@pytest.mark.parametrize(
    ("activity", "note", "what"),
    [
        ("a" * (hb.NAME_MAX_CHARS + 1), "fine", "an activity’s name"),
        ("walk", "n" * (mt.DAY_NOTE_MAX_CHARS + 1), "a note"),
    ],
)
def test_names_and_notes_longer_than_the_journal_takes_are_refused(
    activity: str, note: str, what: str
) -> None:
    """Nothing typed is silently cut: a field over the app's own limit refuses the file in one
    sentence naming the line."""
    text = EIGHT + f'2026-11-20,,,,good,"{activity}","","{note}"\n'
    with pytest.raises(UserError) as caught:
        daylio.parse(text, "daylio.csv")
    assert caught.value.message.startswith("daylio.csv, line 2: " + what)
    assert "\n" not in caught.value.message


def test_notes_at_the_limit_are_kept_whole() -> None:
    note = "n" * mt.DAY_NOTE_MAX_CHARS
    plan = daylio.parse(EIGHT + f'2026-11-20,,,,good,"walk","","{note}"\n', "daylio.csv")
    assert plan.notes[date(2026, 11, 20)] == note


def test_several_notes_on_one_day_are_kept_together() -> None:
    text = EIGHT + (
        '2026-11-20,,,,good,,"Morning","slept well"\n2026-11-20,,,,meh,,"","tired later"\n'
    )
    note = daylio.parse(text, "daylio.csv").notes[date(2026, 11, 20)]
    assert "Morning\nslept well" in note and "tired later" in note


def test_unknown_moods_are_listed_and_refused_until_mapped() -> None:
    text = EIGHT + "2026-11-20,,,,sad ,,,\n2026-11-21,,,,Average,,,\n2026-11-22,,,,good,,,\n"
    with pytest.raises(daylio.UnknownMoods) as caught:
        daylio.parse(text, "daylio.csv")
    assert caught.value.names == ["Average", "sad"]
    assert "daylio.csv" in caught.value.message and "Nothing was imported." in caught.value.message
    assert isinstance(caught.value, UserError)
    assert daylio.mood_names(text) == ["sad", "Average", "good"]
    mapped = ratings(text, daylio.parse_mood_map("sad=2, average=5.5"))
    assert mapped == {date(2026, 11, 20): 2, date(2026, 11, 21): 6, date(2026, 11, 22): 8}
    # A mapping may also rename the default moods' values.
    assert ratings(EIGHT + "2026-11-20,,,,good,,,\n", {"good": 6}) == {date(2026, 11, 20): 6}


@needs_realdata
def test_the_real_sample() -> None:
    text = (REALDATA / "daylio" / "sample.csv").read_text(encoding="utf-8-sig")
    with pytest.raises(daylio.UnknownMoods) as caught:
        daylio.parse(text, "sample.csv")
    assert caught.value.names == ["average", "sad"]
    plan = daylio.parse(text, "sample.csv", {"average": 5, "sad": 2})
    assert len(plan.ratings) == 3 and len(plan.metrics) == 1
    assert len(plan.habits) == 14 and len(plan.entries) == 7 + 12 + 5
    assert plan.notes == {}


@pytest.mark.parametrize("text", ["sad", "sad=", "=3", "sad=x", "sad=11", "sad=-1", "sad=nan"])
def test_bad_mood_maps_are_refused(text: str) -> None:
    with pytest.raises(UserError):
        daylio.parse_mood_map(text)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("", "daylio.csv, line 1"),
        ("full_date,date,weekday,time,mood,note_title,note\n", "daylio.csv, line 1"),
        ("year,date,weekday,time,mood,activities,note\n", "daylio.csv, line 1"),
        (EIGHT + "2026-11-20,,,,good,,,\n20/11/2026,,,,good,,,\n", "daylio.csv, line 3"),
        (EIGHT + "2026-11-20,,,,good,,,,,,\n", "daylio.csv, line 2"),
    ],
)
def test_bad_files_are_refused_naming_the_file_and_line(text: str, where: str) -> None:
    with pytest.raises(UserError) as caught:
        daylio.parse(text, "daylio.csv")
    assert caught.value.message.startswith(where), caught.value.message


@pytest.mark.parametrize(
    "text",
    [
        EIGHT + '2026-11-20,,,,good,"walk | rea',
        EIGHT + '2026-11-20,,,,good,"walk,,,\n',
        EIGHT + "2026-11-20,20 Nov,Fri",
    ],
)
def test_a_file_cut_in_the_middle_of_a_row_is_refused(text: str) -> None:
    with pytest.raises(UserError, match=r"^daylio\.csv, line 2"):
        daylio.parse(text, "daylio.csv")

"""Names from other apps meet the journal's own: a habit or metric already there (ignoring case) is
kept and its days merged, and importing the same file twice adds nothing, whatever the alphabet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from plasticity_app.domain.habits import HabitKind, Target

HEADER = "full_date,date,weekday,time,mood,activities,note_title,note\n"


def daylio_file(tmp_path: Path, activities: str) -> Path:
    path = tmp_path / "daylio_export.csv"
    path.write_text(
        HEADER + f'2026-11-20,20 Nov,Freitag,21:35,good,"{activities}","",""\n', encoding="utf-8"
    )
    return path


def test_an_existing_habit_is_matched_ignoring_case(journal: Any, tmp_path: Path) -> None:
    journal.habits.add_habit("Walk", HabitKind.YES_NO, target=Target(2, 7))
    summary = journal.imports.import_file(daylio_file(tmp_path, "walk | reading"))
    assert summary.startswith("Added 1 metric, 1 rating, 1 habit, 2 habit days.")
    habits = {h.name: h for h in journal.habits.habits(include_archived=True)}
    assert set(habits) == {"Walk", "reading"}
    assert habits["Walk"].target == Target(2, 7), "the habit already there is kept as it was"
    assert not habits["Walk"].archived


@pytest.mark.parametrize("activities", ["Übung | Lesen", "Éducation", "Ωmega"])
def test_the_same_file_twice_with_non_ascii_names(
    journal: Any, tmp_path: Path, activities: str
) -> None:
    """SQLite's lower() and NOCASE fold ASCII only; the match must fold every letter."""
    path = daylio_file(tmp_path, activities)
    assert journal.imports.import_file(path).startswith("Added ")
    assert journal.imports.import_file(path).startswith("Nothing new to add")
    again = daylio_file(tmp_path, activities.upper())
    assert journal.imports.import_file(again).startswith("Nothing new to add")

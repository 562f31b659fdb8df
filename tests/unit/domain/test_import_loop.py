"""Loop Habit Tracker, read by the pure importer: its CSV export and the rows of its .db backup
(reference/formats-and-formulas.md §3.5–3.6). The real export must give the same checkmarks and
the same strength as the Scores.csv Loop wrote."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from plasticity_app.domain.errors import UserError
from plasticity_app.domain.habits import (
    EntryStatus,
    Habit,
    HabitEntry,
    HabitKind,
    LoopValue,
    Target,
    strength_series,
)
from plasticity_app.domain.imports import loop
from plasticity_app.domain.imports.model import ImportedHabit, ImportPlan
from tests.conftest import REALDATA

LOOP_CSV = REALDATA / "loop" / "csv_export"
needs_realdata = pytest.mark.skipif(not REALDATA.is_dir(), reason="../shared/realdata is absent")
HEADER = "Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator"
STATUS = {"YES_MANUAL": "done", "NO": "missed", "SKIP": "skipped"}


def export_files(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in folder.rglob("*.csv")
    }


def as_domain(plan: ImportPlan) -> list[tuple[Habit, list[HabitEntry]]]:
    """The plan's habits and entries as the journal would hold them."""
    out = []
    for number, h in enumerate(plan.habits, start=1):
        habit = Habit(
            id=number,
            name=h.name,
            kind=h.kind,
            unit=h.unit,
            target=h.target,
            archived=h.archived,
            created=date(2015, 1, 1),
        )
        entries = [
            HabitEntry(number, e.day, e.status, e.quantity, e.note)
            for e in plan.entries
            if e.habit_key == h.key
        ]
        out.append((habit, entries))
    return out


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@needs_realdata
def test_the_real_export_gives_the_same_checkmarks_and_strength() -> None:
    plan = loop.parse_csv_export(export_files(LOOP_CSV))
    assert plan.format == "loop-csv"
    habits = as_domain(plan)
    assert [h.name for h, _ in habits] == ["Meditate", "Wake up early"]
    assert [h.target for h, _ in habits] == [Target(1, 1), Target(2, 3)]
    assert all(h.kind is HabitKind.YES_NO and not h.archived for h, _ in habits)
    combined = read_csv(LOOP_CSV / "Checkmarks.csv")  # Date,Meditate,Wake up early, (all habits)
    for (habit, entries), folder in zip(habits, ("001 Meditate", "002 Wake up early"), strict=True):
        marks = {r["Date"]: r["Value"] for r in read_csv(LOOP_CSV / folder / "Checkmarks.csv")}
        expected = {d: STATUS[v] for d, v in marks.items() if v in STATUS}
        assert {e.day.isoformat(): e.status.value for e in entries} == expected
        from_combined = {
            r["Date"]: STATUS[r[habit.name]] for r in combined if r[habit.name] in STATUS
        }
        assert from_combined == expected
        scores = {r["Date"]: r["Score"] for r in read_csv(LOOP_CSV / folder / "Scores.csv")}
        days = sorted(date.fromisoformat(d) for d in scores)
        ours = strength_series(habit, entries, days[0], days[-1])
        assert {d.isoformat(): f"{s:.4f}" for d, s in ours} == scores
    wake_up = habits[1][1]
    assert len(wake_up) == 7, "6 YES_MANUAL and 1 NO; the 3 YES_AUTO are Loop's own inference"
    assert next(e for e in wake_up if e.day == date(2015, 1, 24)).note == "Sick"


@pytest.mark.parametrize(
    ("value", "status"),
    [
        (LoopValue.YES_MANUAL, EntryStatus.DONE),
        (LoopValue.SKIP, EntryStatus.SKIPPED),
        (LoopValue.NO, EntryStatus.MISSED),
        (LoopValue.YES_AUTO, None),
        (LoopValue.UNKNOWN, None),
    ],
)
def test_loop_values_become_our_statuses(value: int, status: EntryStatus | None) -> None:
    habit = ImportedHabit("k", "Run", HabitKind.YES_NO)
    entry = loop.entry_for(habit, date(2020, 1, 1), int(value))
    assert (entry.status if entry else None) is status


def test_numerical_values_are_stored_times_a_thousand() -> None:
    habit = ImportedHabit("k", "Read", HabitKind.QUANTITY, unit="pages")
    done = loop.entry_for(habit, date(2020, 1, 1), 12_500)
    assert done is not None and done.status is EntryStatus.DONE and done.quantity == 12.5
    zero = loop.entry_for(habit, date(2020, 1, 2), 0)
    assert zero is not None and zero.status is EntryStatus.MISSED
    skipped = loop.entry_for(habit, date(2020, 1, 3), int(LoopValue.SKIP))
    assert skipped is not None and skipped.status is EntryStatus.SKIPPED
    assert loop.entry_for(habit, date(2020, 1, 4), int(LoopValue.UNKNOWN)) is None


@pytest.mark.parametrize(
    ("ms", "day"),
    [(1577836800000, date(2020, 1, 1)), (1498003200000, date(2017, 6, 21)), (0, date(1970, 1, 1))],
)
def test_timestamps_are_milliseconds_at_utc_midnight(ms: int, day: date) -> None:
    assert loop.day_from_timestamp(ms) == day


def test_a_numerical_csv_habit_keeps_its_unit_frequency_and_amounts() -> None:
    files = {
        "Habits.csv": HEADER + ",Color,Unit,Target Type,Target Value,Archived?\n"
        "001,Run,NUMERICAL,How far?,,1,1,#fff,km,AT_LEAST,5,false\n"
        "002,Floss,YES_NO,,,3,7,#fff,,,,true\n",
        "001 Run/Checkmarks.csv": "Date,Value,Notes\n2020-01-02,5200,fast\n2020-01-01,-1,\n",
        "002 Floss/Checkmarks.csv": "Date,Value,Notes\n2020-01-01,YES_AUTO,\n",
    }
    plan = loop.parse_csv_export(files)
    run, floss = plan.habits
    assert (run.kind, run.unit, run.target.daily_min) == (HabitKind.QUANTITY, "km", 5.0)
    assert floss.target == Target(3, 7) and floss.archived
    assert [(e.day, e.quantity, e.note) for e in plan.entries] == [(date(2020, 1, 2), 5.2, "fast")]


def test_a_habit_without_its_folder_is_kept_with_a_remark() -> None:
    plan = loop.parse_csv_export({"Habits.csv": HEADER + "\n001,Run,YES_NO,,,1,1\n"})
    assert [h.name for h in plan.habits] == ["Run"] and plan.entries == []
    assert any("Run" in r for r in plan.remarks)


@pytest.mark.parametrize(
    ("files", "where"),
    [
        ({}, "Loop export"),
        ({"Habits.csv": "Position,Name\n001,Run\n"}, "Habits.csv, line 1"),
        ({"Habits.csv": HEADER + "\n001,,YES_NO,,,1,1\n"}, "Habits.csv, line 2"),
        ({"Habits.csv": HEADER + "\n001,Run,YES_NO,,,often,1\n"}, "Habits.csv, line 2"),
        (
            {
                "Habits.csv": HEADER + "\n001,Run,YES_NO,,,1,1\n",
                "001 Run/Checkmarks.csv": "Date,Value\n2020-01-01,YES_MANUAL\n2020-13-01,NO\n",
            },
            "001 Run/Checkmarks.csv, line 3",
        ),
        (
            {
                "Habits.csv": HEADER + "\n001,Run,YES_NO,,,1,1\n",
                "001 Run/Checkmarks.csv": "Date,Value\n2020-01-01,MAYBE\n",
            },
            "001 Run/Checkmarks.csv, line 2",
        ),
        (
            {
                "Habits.csv": HEADER + "\n001,Run,YES_NO,,,1,1\n",
                "001 Run/Checkmarks.csv": "Date,Notes\n2020-01-01,\n",
            },
            "001 Run/Checkmarks.csv, line 1",
        ),
    ],
)
def test_bad_csv_exports_are_refused_naming_the_file_and_line(
    files: dict[str, str], where: str
) -> None:
    with pytest.raises(UserError) as caught:
        loop.parse_csv_export(files)
    assert caught.value.message.startswith(where + ":"), caught.value.message
    assert caught.value.message.endswith("Nothing was imported.")


def habit_row(**values: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": 1,
        "name": "Run",
        "archived": 0,
        "freq_num": 1,
        "freq_den": 1,
        "description": "",
        "position": 0,
    }
    return {**row, **values}


def test_backup_rows_old_schema_without_values_are_manual_checks() -> None:
    plan = loop.plan_from_backup(
        "old.db",
        15,
        [habit_row(freq_num=3, freq_den=7)],
        [{"habit": 1, "timestamp": 1577923200000}, {"habit": 1, "timestamp": 1577836800000}],
    )
    assert plan.habits[0].target == Target(3, 7)
    assert [(e.day, e.status) for e in plan.entries] == [
        (date(2020, 1, 1), EntryStatus.DONE),
        (date(2020, 1, 2), EntryStatus.DONE),
    ]


def test_backup_rows_current_schema_with_values_notes_and_numbers() -> None:
    plan = loop.plan_from_backup(
        "new.db",
        25,
        [
            habit_row(question="Did you run?"),
            habit_row(id=2, name="Read", type=1, unit="pages", target_value=20, target_type=0),
        ],
        [
            {"habit": 1, "timestamp": 1577836800000, "value": 2, "notes": "park"},
            {"habit": 1, "timestamp": 1577923200000, "value": 1},
            {"habit": 1, "timestamp": 1578009600000, "value": 3},
            {"habit": 1, "timestamp": 1578096000000, "value": 0},
            {"habit": 2, "timestamp": 1577836800000, "value": 25_000},
            {"habit": 9, "timestamp": 1577836800000, "value": 2},  # a deleted habit
        ],
    )
    run, read = plan.habits
    assert run.description == "Did you run?"
    assert (read.kind, read.unit, read.target.daily_min) == (HabitKind.QUANTITY, "pages", 20.0)
    got = [(e.habit_key, e.day.day, e.status.value, e.quantity, e.note) for e in plan.entries]
    assert got == [
        ("loop-1", 1, "done", None, "park"),
        ("loop-1", 3, "skipped", None, ""),
        ("loop-1", 4, "missed", None, ""),
        ("loop-2", 1, "done", 25.0, ""),
    ]


def test_backup_rows_with_a_bad_timestamp_are_refused() -> None:
    with pytest.raises(UserError, match=r"^x\.db: .*timestamp"):
        loop.plan_from_backup("x.db", 25, [habit_row()], [{"habit": 1, "timestamp": "soon"}])


def test_loop_folder_names() -> None:
    assert loop.folder_name("1", "Wake up early") == "001 Wake up early"
    assert loop.folder_name("012", "Read: 20 pages!") == "012 Read 20 pages"

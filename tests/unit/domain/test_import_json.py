"""Our own JSON export read back by the pure importer (docs/export-format.md), and which importer a
file needs. Every refusal is one UserError that starts with the file's name."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from plasticity_app.domain.errors import UserError
from plasticity_app.domain.imports import own_json
from plasticity_app.domain.imports.detect import detect
from plasticity_app.domain.imports.model import RECORD_KEYS

LATEST = 99


def document() -> dict[str, Any]:
    """A small export holding one record of every kind."""
    return {
        "format": "plasticity-journal",
        "schema_version": 2,
        "exported_at": "2026-11-23T20:00:00+00:00",
        "metrics": [
            {
                "id": 1,
                "name": "Self-criticism intensity",
                "description": "",
                "direction": "lower",
                "archived": False,
                "position": 0,
                "created": "2026-09-01",
            }
        ],
        "metric_entries": [{"metric_id": 1, "date": "2026-09-01", "value": 7}],
        "day_notes": [{"date": "2026-09-01", "text": "A long day."}],
        "habits": [
            {
                "id": 1,
                "name": "Sleep",
                "kind": "quantity",
                "unit": "hours",
                "description": "",
                "target": {
                    "times": 1,
                    "period_days": 1,
                    "max_times": None,
                    "daily_min": 7,
                    "daily_max": 9,
                },
                "builtin_key": "sleep",
                "archived": False,
                "position": 0,
                "created": "2026-09-01",
            }
        ],
        "habit_entries": [
            {"habit_id": 1, "date": "2026-09-01", "status": "done", "quantity": 7.5, "note": ""}
        ],
        "experiments": [
            {
                "id": 1,
                "target_belief": "If I speak up, people will think I'm stupid.",
                "belief_before": 75,
                "planned_date": "2026-09-10",
                "related_metric_id": 1,
                "status": "planned",
            }
        ],
        "thought_records": [{"id": 1, "date": "2026-09-02", "moods": [], "distortions": []}],
        "learning_sessions": [{"id": 1, "date": "2026-09-03", "kind": "therapy", "minutes": 50}],
        "openings": [{"id": 1, "kind": "tms", "at": "2026-09-04T10:00"}],
        "reviews": [{"id": 1, "week_start": "2026-09-07", "decisions": []}],
        "roadmap": {"steps": [{"number": 1, "completed_on": "2026-09-08", "skipped": False}]},
        "settings": {"baseline_days": 7},
    }


def parse(doc: Any, source: str = "journal.json") -> Any:
    return own_json.parse(json.dumps(doc), source, LATEST)


def test_a_whole_export_is_kept_as_it_is() -> None:
    doc = document()
    plan = parse(doc)
    assert plan.format == "json" and not plan.is_empty
    assert plan.document == doc
    assert set(RECORD_KEYS) <= set(plan.document)


def test_missing_arrays_are_empty() -> None:
    plan = parse({"format": "plasticity-journal", "schema_version": 1})
    assert plan.is_empty
    assert all(plan.document[k] == [] for k in RECORD_KEYS)


def broken(change: str) -> dict[str, Any]:
    """``document()`` with one thing wrong (``section.index.field=json value`` or a drop)."""
    doc = copy.deepcopy(document())
    path, _, value = change.partition("=")
    *parts, last = path.split(".")
    target: Any = doc
    for part in parts:
        target = target[int(part)] if part.isdigit() else target[part]
    key: Any = int(last) if last.isdigit() else last
    if value == "DROP":
        del target[key]
    else:
        target[key] = json.loads(value)
    return doc


@pytest.mark.parametrize(
    "change",
    [
        'format="daylio"',
        'schema_version="2"',
        f"schema_version={LATEST + 1}",
        "metrics={}",
        "metrics.0=[1]",
        "metrics.0.id=DROP",
        'metrics.0.direction="sideways"',
        'metrics.0.name=""',
        "metric_entries.0.value=11",
        "metric_entries.0.value=7.5",
        "metric_entries.0.value=true",
        "metric_entries.0.metric_id=2",
        'metric_entries.0.date="yesterday"',
        'day_notes.0.date="2026-02-30"',
        'habits.0.kind="sometimes"',
        "habits.0.target=3",
        'habits.0.target.times="often"',
        "habits.0.target.period_days=0",
        "habit_entries.0.habit_id=7",
        'habit_entries.0.status="maybe"',
        'experiments.0.status="someday"',
        'experiments.0.planned_date="soon"',
        'learning_sessions.0.kind="nap"',
        'reviews.0.week_start="monday"',
    ],
)
def test_a_broken_export_is_refused_naming_the_file(change: str) -> None:
    with pytest.raises(UserError) as caught:
        parse(broken(change))
    assert caught.value.message.startswith("journal.json"), caught.value.message
    assert caught.value.message.endswith("Nothing was imported.")


def test_two_records_with_the_same_id_are_refused() -> None:
    doc = document()
    doc["metrics"].append({**doc["metrics"][0], "name": "Other"})
    with pytest.raises(UserError, match=r"^journal\.json"):
        parse(doc)


@pytest.mark.parametrize(
    "text", ["", "{", '{"format": "plasticity-journal", "schema_ver', "[1, 2]", "\x00\x01"]
)
def test_text_that_is_not_an_export_is_refused(text: str) -> None:
    with pytest.raises(UserError, match=r"^cut\.json"):
        own_json.parse(text, "cut.json", LATEST)


@pytest.mark.parametrize(
    "change",
    [
        'habits.0.name="' + "x" * 200 + '"',
        'metrics.0.name="' + "x" * 200 + '"',
        'habit_entries.0.quantity="lots"',
        'learning_sessions.0.minutes="long"',
        'openings.0.at="yesterday"',
        'settings.baseline_days="abc"',
        "roadmap=[1]",
        "roadmap.steps.0.number=9",
        "schema_version=true",
        "experiments.0.belief_before=101",
    ],
)
def test_values_the_journal_would_refuse_are_refused(change: str) -> None:
    with pytest.raises(UserError, match=r"^journal\.json"):
        parse(broken(change))


@pytest.mark.parametrize(
    "change",
    [
        'thought_records.0.distortions=["bogus"]',
        'thought_records.0.moods=[{"name": "sad", "intensity": 500}]',
    ],
)
def test_thought_record_details_are_checked(change: str) -> None:
    with pytest.raises(UserError, match=r"^journal\.json"):
        parse(broken(change))


def test_more_than_three_active_metrics_are_refused_or_archived() -> None:
    doc = document()
    for number in range(2, 5):
        doc["metrics"].append({**doc["metrics"][0], "id": number, "name": f"Metric {number}"})
    try:
        plan = parse(doc)
    except UserError:
        return
    assert sum(not m.get("archived") for m in plan.document["metrics"]) <= 3


@pytest.mark.parametrize(
    ("name", "head", "kwargs", "found"),
    [
        ("journal.json", b'\n  {"format": "plasticity-journal"', {}, "json"),
        ("backup.json", b'\xef\xbb\xbf{"a": 1}', {}, "json"),
        ("Loop 2026-11-24.db", b"SQLite format 3\x00rest", {}, "loop-db"),
        ("anything", b"SQLite format 3\x00", {}, "loop-db"),
        (
            "daylio_export_2026_11_24.csv",
            b"\xef\xbb\xbffull_date,date,weekday,time,mood,activities,note_title,note\n",
            {},
            "daylio",
        ),
        ("Habits.csv", b"Position,Name,Type,Question\n", {}, "loop-csv"),
        ("Loop Habits CSV.zip", b"PK", {"members": ("Habits.csv", "001 Run/x.csv")}, "loop-csv"),
        ("export", b"", {"is_folder": True, "members": ("Habits.csv",)}, "loop-csv"),
        ("photos.zip", b"PK", {"members": ("a.jpg",)}, None),
        ("notes.txt", b"just some notes", {}, None),
        ("empty.csv", b"", {}, "csv"),  # any other .csv: a spreadsheet
        ("sheet.csv", b"Date,Mood\n", {}, "csv"),
        ("notes.txt", b"Date,Mood\n", {}, None),
        ("noise.bin", bytes(range(256)), {}, None),
    ],
)
def test_detect(name: str, head: bytes, kwargs: dict[str, Any], found: str | None) -> None:
    assert detect(name, head, **kwargs) == found

"""The JSON export and import written for speed (bulk inserts, a faster encoder) must give exactly
what the slow way gave: every table restored row for row, all or nothing, the same bytes."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from plasticity_app.controller.journal import Journal
from plasticity_app.domain.clock import FixedClock
from plasticity_app.domain.errors import UserError

# The import writes every setting the export holds (defaults included), where the source journal
# stored only those it changed: settings are compared through the export instead.
SKIPPED_TABLES = {"schema_version", "import_log", "sqlite_sequence", "setting"}


@pytest.fixture(scope="module")
def demo_export(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """A varied journal (every kind of record, reviews with decisions) and its JSON export."""
    from plasticity_app.controller.demo_all import seed_full_demo

    folder = tmp_path_factory.mktemp("demo")
    journal = Journal(folder / "journal", FixedClock(datetime(2026, 11, 23, 20, 0)))
    seed_full_demo(journal)
    journal.export.write_json(folder / "demo.json")
    journal.close()
    yield folder / "journal" / "journal.sqlite3", folder / "demo.json"


def tables(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, with the types SQLite holds them as."""
    db = sqlite3.connect(path)
    try:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {
            name: [
                tuple((type(v).__name__, v) for v in row)
                for row in db.execute(f'SELECT * FROM "{name}" ORDER BY 1')
            ]
            for name in sorted(names)
            if name not in SKIPPED_TABLES
        }
    finally:
        db.close()


def snapshot(journal: Any) -> dict[str, Any]:
    document = journal.export.document()
    document.pop("exported_at")
    return document


def test_an_import_into_an_empty_journal_restores_every_row(
    demo_export: tuple[Path, Path], tmp_path: Path, clock: FixedClock
) -> None:
    source_db, export = demo_export
    target = Journal(tmp_path / "target", clock)
    target.imports.import_file(export)
    target.close()
    restored, original = tables(tmp_path / "target" / "journal.sqlite3"), tables(source_db)
    assert set(restored) == set(original)
    for name in ("experiment", "thought_record", "review", "review_decision", "habit_entry"):
        assert original[name], f"the demo journal should hold some {name}"
    for name, rows in original.items():
        assert restored[name] == rows, name


def test_an_import_beside_other_habits_maps_the_decisions(
    demo_export: tuple[Path, Path], tmp_path: Path, clock: FixedClock
) -> None:
    """Into a journal with records of its own, ids are new: each decision about a habit follows
    the habit it was about, under that habit's new id."""
    _source_db, export = demo_export
    doc = json.loads(export.read_text(encoding="utf-8"))
    target = Journal(tmp_path / "target", clock)
    target.habits.add_habit("Cold shower", "yes_no")
    target.imports.import_file(export)
    result = snapshot(target)
    names = {h["id"]: h["name"] for h in doc["habits"]}
    new_names = {h["id"]: h["name"] for h in result["habits"]}
    assert set(new_names.values()) == set(names.values()) | {"Cold shower"}
    assert new_names != names
    by_week = {r["week_start"]: r for r in result["reviews"]}
    assert len(by_week) == len(doc["reviews"])
    decisions = 0
    for review in doc["reviews"]:
        got = by_week[review["week_start"]]
        assert [d["practice"].split(":")[0] for d in got["decisions"]] == [
            d["practice"].split(":")[0] for d in review["decisions"]
        ]
        for old, new in zip(review["decisions"], got["decisions"], strict=True):
            assert (old["decision"], old["note"]) == (new["decision"], new["note"])
            if old["habit_id"] is not None:
                assert names[old["habit_id"]] == new_names[new["habit_id"]]
                assert new["practice"] == f"habit:{new['habit_id']}"
                decisions += 1
    assert decisions
    # Twice: nothing new.
    assert target.imports.import_file(export).startswith("Nothing new to add")
    target.close()


@pytest.mark.parametrize("into", ["empty", "not empty"])
@pytest.mark.parametrize("fault", ["duplicate decision", "decision without practice"])
def test_a_failure_at_the_very_end_changes_nothing(
    demo_export: tuple[Path, Path], tmp_path: Path, clock: FixedClock, into: str, fault: str
) -> None:
    """The last review's last decision is bad: everything before it (metrics, ratings, habit
    days, experiments, the other reviews) was already written in the transaction, and is undone."""
    _source_db, export = demo_export
    doc = json.loads(export.read_text(encoding="utf-8"))
    last = next(r for r in reversed(doc["reviews"]) if r["decisions"])
    if fault == "duplicate decision":
        last["decisions"].append(dict(last["decisions"][-1]))  # one decision per practice
    else:
        del last["decisions"][-1]["practice"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    target = Journal(tmp_path / "target", clock)
    if into == "not empty":
        metric = target.metrics.add("Calm", "higher")
        target.metrics.check_in(target.ctx.today(), {metric.id: 6})
    before = snapshot(target)
    with pytest.raises(UserError):
        target.imports.import_file(bad)
    assert snapshot(target) == before
    assert target.imports.history() == []
    target.close()


def test_the_export_is_the_same_document_after_a_round_trip(
    demo_export: tuple[Path, Path], tmp_path: Path, clock: FixedClock
) -> None:
    _source_db, export = demo_export
    target = Journal(tmp_path / "target", clock)
    target.imports.import_file(export)
    target.export.write_json(tmp_path / "again.json")
    target.close()
    first = json.loads(export.read_text(encoding="utf-8"))
    again = json.loads((tmp_path / "again.json").read_text(encoding="utf-8"))
    first.pop("exported_at")
    again.pop("exported_at")
    assert again == first


def test_the_export_file_is_the_text_json_dump_would_write(
    demo_export: tuple[Path, Path], tmp_path: Path, clock: FixedClock
) -> None:
    _source_db, export = demo_export
    journal = Journal(tmp_path / "journal", clock)
    journal.imports.import_file(export)
    doc = journal.export.write_json(tmp_path / "again.json")
    journal.close()
    text = (tmp_path / "again.json").read_text(encoding="utf-8")
    assert text == json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    assert doc["reviews"] and len(doc["habit_entries"]) > 100


def test_the_export_reads_give_what_the_repositories_give(
    demo_export: tuple[Path, Path], tmp_path: Path, clock: FixedClock
) -> None:
    from plasticity_app.db import export_reads

    _source_db, export = demo_export
    journal = Journal(tmp_path / "journal", clock)
    journal.imports.import_file(export)
    repo = journal.ctx.metrics_repo
    metric = repo.active()[0]
    journal.metrics.check_in(journal.ctx.today(), {metric.id: 3}, note="Ünïcode, “quotes”\nline")
    ratings = [
        {"metric_id": e.metric_id, "date": e.day.isoformat(), "value": e.value}
        for e in repo.entries()
    ]
    notes = [{"date": day.isoformat(), "text": text} for day, text in repo.notes().items()]
    assert ratings and notes
    assert export_reads.metric_entries() == ratings
    assert export_reads.day_notes() == notes
    habit_days = [
        {
            "habit_id": e.habit_id,
            "date": e.day.isoformat(),
            "status": e.status.value,
            "quantity": e.quantity,
            "note": e.note,
        }
        for e in journal.habits.entries()
    ]
    assert habit_days and journal.habits.export_sections()["habit_entries"] == habit_days
    journal.close()


def test_a_preview_writes_nothing(
    demo_export: tuple[Path, Path], tmp_path: Path, clock: FixedClock
) -> None:
    """The preview writes the plan and rolls it back: the bulk inserts are rolled back too."""
    _source_db, export = demo_export
    journal = Journal(tmp_path / "journal", clock)
    before = snapshot(journal)
    plan = journal.imports.read(export)
    preview = journal.imports.preview(export, plan)
    assert preview.summary.startswith("Will add") and "weekly review" in preview.summary
    assert snapshot(journal) == before
    journal.close()
    assert not any(tables(tmp_path / "journal" / "journal.sqlite3").values())

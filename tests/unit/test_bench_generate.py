"""The benchmark's journal generator, on one year (the benchmark itself is not a test)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from bench.generate import build_document, generate, generate_through_controllers
from plasticity_app.controller.journal import Journal


def test_one_year_generates_and_imports(tmp_path: Path) -> None:
    counts = generate(tmp_path, years=1)
    assert counts["metrics"] == 3 and counts["habits"] == 8
    assert counts["experiments"] == 500 and counts["thought_records"] == 300
    assert counts["learning_sessions"] == 200
    assert 50 <= counts["reviews"] <= 52
    assert 900 < counts["metric_entries"] < 3 * 365
    journal = Journal(tmp_path / "journal")
    try:
        assert len(journal.ctx.metrics_repo.entries()) == counts["metric_entries"]
        assert len(journal.habits.entries()) == counts["habit_entries"]
        assert len(journal.review.reviewed_weeks()) == counts["reviews"]
        assert journal.roadmap.roadmap().step(5).state.value == "ongoing"
    finally:
        journal.close()
    with zipfile.ZipFile(tmp_path / "loop.zip") as archive:
        names = archive.namelist()
    assert {"Habits.csv", "Checkmarks.csv", "Scores.csv"} <= set(names)  # as Loop exports
    assert len([n for n in names if "/" in n and n.endswith("/Checkmarks.csv")]) == 8
    loop = Journal(tmp_path / "loop")
    try:
        loop.imports.import_file(tmp_path / "loop.zip")
        assert len(loop.habits.habits()) == 8  # "No phone after 22:00" found in its folder too
    finally:
        loop.close()


def test_ten_years_have_the_sizes_the_design_names() -> None:
    document = build_document(10)
    assert len(document["reviews"]) == 520
    assert len(document["metric_entries"]) > 3 * 3650 * 0.9
    assert len({e["habit_id"] for e in document["habit_entries"]}) == 8


def test_seventy_days_through_the_controllers(tmp_path: Path) -> None:
    counts, replay = generate_through_controllers(tmp_path, days=70)
    assert counts["metrics"] == 3 and counts["habits"] == 8
    assert counts["experiments"] >= 5 and counts["reviews"] >= 5
    # Only what the roadmap still kept locked on its day was refused (a session before step 3).
    assert set(replay.refused) <= {"learning session"}
    journal = Journal(tmp_path / "journal")
    try:
        assert len(journal.ctx.metrics_repo.entries()) == counts["metric_entries"]
        assert len(journal.habits.entries()) == counts["habit_entries"]
        assert len(journal.habits.habits()) == 8
        assert len(journal.learning.experiments()) == counts["experiments"]
        assert len(journal.learning.thought_records()) == counts["thought_records"]
        sessions = counts["learning_sessions"] - replay.refused.get("learning session", 0)
        assert len(journal.learning.sessions()) == sessions
        assert len(journal.review.reviewed_weeks()) == counts["reviews"]
        assert journal.roadmap.roadmap().step(5).state.value == "ongoing"
    finally:
        journal.close()
    assert "check-in" in replay.table()

"""The benchmark's journal generator, on one year (the benchmark itself is not a test)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from bench.generate import build_document, generate
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
        assert "Habits.csv" in archive.namelist()
        assert len([n for n in archive.namelist() if n.endswith("Checkmarks.csv")]) == 8


def test_ten_years_have_the_sizes_the_design_names() -> None:
    document = build_document(10)
    assert len(document["reviews"]) == 520
    assert len(document["metric_entries"]) > 3 * 3650 * 0.9
    assert len({e["habit_id"] for e in document["habit_entries"]}) == 8

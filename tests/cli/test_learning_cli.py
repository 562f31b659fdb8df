"""`status --json` and `export --json` reflect openings, pairing, experiments and the rest."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from plasticity_app.cli import main
from plasticity_app.domain.experiments import ExperimentPlan, ExperimentResult, PredictionCameTrue
from plasticity_app.domain.learning import LearningSession, SessionKind
from plasticity_app.domain.openings import Opening, OpeningKind
from plasticity_app.domain.thought_records import Mood, ThoughtRecord
from tests.helpers import add_presets, rate_days


def fill(folder: Path) -> None:
    from plasticity_app.controller.journal import Journal

    journal = Journal(folder)
    try:
        rate_days(journal, add_presets(journal), 7)
        now = journal.learning.now()
        journal.learning.log_opening(Opening(OpeningKind.TMS, now - timedelta(hours=2), "Dr. Osei"))
        today = journal.ctx.today()
        experiment = journal.learning.plan_experiment(
            ExperimentPlan("I’m a nuisance 🙈", 75, "Send one email.", "No reply.", today)
        )
        journal.learning.record_outcome(
            experiment.id,
            ExperimentResult("A warm reply.", PredictionCameTrue.NO, 25, today, "It was welcome."),
        )
        journal.learning.add_thought_record(
            ThoughtRecord(today, "Meeting", (Mood("anxious", 70),), "They think I’m useless.")
        )
        journal.learning.log_session(LearningSession(today, SessionKind.THERAPY, 50, "CBT"))
    finally:
        journal.close()


def test_status_json_shows_the_opening_and_its_pairing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(tmp_path)
    assert main(["status", "--json", "--data-dir", str(tmp_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    step2, step3 = data["steps"][1], data["steps"][2]
    assert step2["state"] == "complete"
    assert step2["notes"][0].startswith("Opening logged: TMS,")
    assert step2["notes"][0].endswith(", with Dr. Osei.")
    assert step2["notes"][1].startswith(("Paired the same day", "Paired after"))
    assert step3["state"] == "complete"
    assert main(["status", "--data-dir", str(tmp_path)]) == 0
    assert "Opening logged: TMS" in capsys.readouterr().out


def test_export_json_has_every_learning_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(tmp_path / "j")
    target = tmp_path / "out.json"
    assert main(["export", "--json", str(target), "--data-dir", str(tmp_path / "j")]) == 0
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert [o["kind"] for o in doc["openings"]] == ["tms"]
    [experiment] = doc["experiments"]
    assert experiment["target_belief"] == "I’m a nuisance 🙈"
    assert (experiment["status"], experiment["belief_before"], experiment["belief_after"]) == (
        "done",
        75,
        25,
    )
    assert doc["thought_records"][0]["moods"] == [{"name": "anxious", "intensity": 70}]
    assert doc["learning_sessions"][0]["kind"] == "therapy"
    steps = {s["number"]: s for s in doc["roadmap"]["steps"]}
    assert steps[2]["state"] == "complete" and steps[3]["state"] == "complete"

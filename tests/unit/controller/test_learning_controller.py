"""The learning controller: the roadmap gate, one change per action, nothing half-saved, exact
round trips, the pairing window, export and undo."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plasticity_app.controller.base import Change
from plasticity_app.controller.history import Step
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.experiments import (
    ExperimentPlan,
    ExperimentResult,
    ExperimentStatus,
    PredictionCameTrue,
)
from plasticity_app.domain.learning import LearningSession, SessionKind
from plasticity_app.domain.openings import Opening, OpeningKind, PairingState
from plasticity_app.domain.roadmap import StepState
from plasticity_app.domain.thought_records import Mood, ThoughtRecord
from tests.helpers import add_presets, rate_days


def plan(journal: Any, **changes: Any) -> ExperimentPlan:
    base = ExperimentPlan(
        target_belief="If I reach out, people will think I’m a nuisance.",
        belief_before=75,
        plan="Send one concise networking email.",
        prediction="No reply within a week.",
        planned_date=journal.ctx.today(),
    )
    return replace(base, **changes)


def result(journal: Any, **changes: Any) -> ExperimentResult:
    base = ExperimentResult(
        outcome="A warm reply within the hour.",
        prediction_came_true=PredictionCameTrue.NO,
        belief_after=25,
        done_date=journal.ctx.today(),
        learned="Reaching out was welcome.",
    )
    return replace(base, **changes)


def thought(journal: Any, **changes: Any) -> ThoughtRecord:
    base = ThoughtRecord(
        day=journal.ctx.today(),
        situation="Team meeting.",
        moods=(Mood("anxious", 70),),
        automatic_thought="They think my ideas are worthless.",
        distortions=("mind_reading",),
        moods_after=(Mood("anxious", 40),),
    )
    return replace(base, **changes)


def open_step3(journal: Any) -> None:
    metrics = add_presets(journal)
    rate_days(journal, metrics, 7)
    journal.roadmap.mark_opening_not_needed()


def changes(journal: Any) -> list[Change]:
    seen: list[Change] = []
    journal.hub.changed.connect(seen.append)
    return seen


def count_rows(journal: Any) -> tuple[int, int, int, int]:
    c = journal.learning
    return len(c.experiments()), len(c.thought_records()), len(c.sessions()), len(c.openings())


def test_everything_waits_for_step_3(journal: Any) -> None:
    assert journal.learning.lock_reason() is not None
    with pytest.raises(UserError, match="Step 3 isn’t open yet"):
        journal.learning.plan_experiment(plan(journal))
    with pytest.raises(UserError, match="Step 3 isn’t open yet"):
        journal.learning.add_thought_record(thought(journal))
    with pytest.raises(UserError, match="Step 3 isn’t open yet"):
        journal.learning.log_session(LearningSession(journal.ctx.today(), SessionKind.THERAPY, 50))
    with pytest.raises(UserError, match="Step 2 opens when your baseline is mapped"):
        journal.learning.log_opening(Opening(OpeningKind.TMS, journal.learning.now()))
    assert count_rows(journal) == (0, 0, 0, 0)


def test_plan_then_outcome_completes_step_3(journal: Any) -> None:
    open_step3(journal)
    seen = changes(journal)
    experiment = journal.learning.plan_experiment(plan(journal))
    roadmap = journal.roadmap.roadmap()
    assert roadmap.step(3).state is StepState.ACTIVE
    assert roadmap.step(3).notes == (
        "In progress: “If I reach out, people will think I’m a nuisance.” (due today)",
    )
    journal.learning.record_outcome(experiment.id, result(journal))
    stored = journal.learning.experiment(experiment.id)
    assert stored.status is ExperimentStatus.DONE
    assert stored.belief_change == "75 % → 25 %"
    assert journal.roadmap.roadmap().step(3).state is StepState.COMPLETE
    assert journal.ctx.steps_repo.completions()[3] == journal.ctx.today()
    assert [c.message for c in seen] == [
        "Saved: experiment planned for today",
        "Saved: outcome of “If I reach out, people will think I’m a nuisance.” (75 % → 25 %)",
    ]
    # Deleting it later does not re-lock anything (completions are never undone).
    journal.learning.delete_experiment(experiment.id)
    assert journal.roadmap.roadmap().step(3).state is StepState.COMPLETE


def test_outcome_without_belief_after_stores_nothing(journal: Any) -> None:
    open_step3(journal)
    experiment = journal.learning.plan_experiment(plan(journal))
    with pytest.raises(UserError, match="Re-rate the belief") as info:
        journal.learning.record_outcome(experiment.id, result(journal, belief_after=None))
    assert info.value.field == "belief_after"
    stored = journal.learning.experiment(experiment.id)
    assert stored.status is ExperimentStatus.PLANNED and stored.result is None


def test_done_with_a_future_planned_date_is_refused(journal: Any) -> None:
    open_step3(journal)
    later = journal.ctx.today() + timedelta(days=3)
    experiment = journal.learning.plan_experiment(plan(journal, planned_date=later))
    with pytest.raises(UserError, match="hasn’t come yet") as info:
        journal.learning.record_outcome(experiment.id, result(journal))
    assert info.value.field == "done_date"
    assert journal.learning.experiment(experiment.id).status is ExperimentStatus.PLANNED


@pytest.mark.parametrize(
    ("changes_", "field"),
    [
        ({"belief_before": 101}, "belief_before"),
        ({"target_belief": ""}, "target_belief"),
        ({"plan": "x" * 4001}, "plan"),
        ({"alternative_before": 30}, "alternative_belief"),
    ],
)
def test_bad_plans_store_nothing(journal: Any, changes_: dict[str, Any], field: str) -> None:
    open_step3(journal)
    seen = changes(journal)
    with pytest.raises(UserError) as info:
        journal.learning.plan_experiment(plan(journal, **changes_))
    assert info.value.field == field
    assert journal.learning.experiments() == [] and seen == []


def test_a_missing_related_metric_is_refused(journal: Any) -> None:
    open_step3(journal)
    with pytest.raises(UserError, match="no longer exists") as info:
        journal.learning.plan_experiment(plan(journal, related_metric_id=999))
    assert info.value.field == "related_metric"


def test_cancel_and_plan_again(journal: Any) -> None:
    open_step3(journal)
    experiment = journal.learning.plan_experiment(plan(journal))
    journal.learning.cancel_experiment(experiment.id)
    assert journal.learning.experiment(experiment.id).status is ExperimentStatus.CANCELLED
    with pytest.raises(UserError, match="was cancelled"):
        journal.learning.record_outcome(experiment.id, result(journal))
    with pytest.raises(UserError, match="already cancelled"):
        journal.learning.cancel_experiment(experiment.id)
    tomorrow = journal.ctx.today() + timedelta(days=1)
    journal.learning.plan_again(experiment.id, tomorrow)
    again = journal.learning.experiment(experiment.id)
    assert again.status is ExperimentStatus.PLANNED and again.plan.planned_date == tomorrow
    assert journal.learning.status_counts()[ExperimentStatus.PLANNED] == 1
    assert journal.learning.experiments("cancelled") == []


def test_editing_a_done_plan_keeps_it_before_the_run(journal: Any) -> None:
    open_step3(journal)
    experiment = journal.learning.plan_experiment(plan(journal))
    journal.learning.record_outcome(experiment.id, result(journal))
    with pytest.raises(UserError, match="can’t be later"):
        journal.learning.update_plan(
            experiment.id, plan(journal, planned_date=journal.ctx.today() + timedelta(days=2))
        )
    journal.learning.update_plan(experiment.id, plan(journal, plan="Send two emails."))
    assert journal.learning.experiment(experiment.id).plan.plan == "Send two emails."


TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), min_size=1, max_size=500).filter(
    lambda s: s.strip() != ""
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(belief=TEXT, notes=st.text(max_size=4000))
def test_any_text_round_trips_exactly(journal: Any, belief: str, notes: str) -> None:
    if journal.learning.lock_reason() is not None:
        open_step3(journal)
    experiment = journal.learning.plan_experiment(
        plan(journal, target_belief=belief, safety_behaviours=notes)
    )
    stored = journal.learning.experiment(experiment.id)
    assert stored.plan.target_belief == belief
    assert stored.plan.safety_behaviours == notes
    record = journal.learning.add_thought_record(thought(journal, automatic_thought=belief))
    assert record.id is not None
    assert journal.learning.thought_record(record.id).automatic_thought == belief
    exported = json.loads(json.dumps(journal.export.document(), ensure_ascii=False))
    assert exported["experiments"][-1]["target_belief"] == belief


def test_unicode_round_trips(journal: Any) -> None:
    open_step3(journal)
    text = "אני לא מספיק טוב 😔 — «je suis nul» \u200f مرحبا"
    journal.learning.log_session(LearningSession(journal.ctx.today(), SessionKind.SKILLS, 20, text))
    record = journal.learning.add_thought_record(
        thought(journal, situation=text, moods=(Mood("😟 inquiet", 60),), moods_after=())
    )
    assert journal.learning.sessions()[0].notes == text
    assert record.id is not None
    stored = journal.learning.thought_record(record.id)
    assert stored.situation == text and stored.moods == (Mood("😟 inquiet", 60),)


def test_thought_records(journal: Any) -> None:
    open_step3(journal)
    seen = changes(journal)
    record = journal.learning.add_thought_record(
        thought(journal, moods=(Mood("anxious", 70), Mood("", None)), distortions=("labeling",))
    )
    assert record.id is not None
    stored = journal.learning.thought_record(record.id)
    assert stored.moods == (Mood("anxious", 70),)  # the empty row is dropped
    assert stored.distortions == ("labeling",)
    with pytest.raises(UserError, match="Describe the situation") as info:
        journal.learning.update_thought_record(record.id, thought(journal, situation=""))
    assert info.value.field == "situation"
    journal.learning.update_thought_record(record.id, thought(journal, evidence_for="Silence."))
    assert journal.learning.thought_record(record.id).evidence_for == "Silence."
    with pytest.raises(UserError, match="hasn’t happened yet"):
        journal.learning.add_thought_record(
            thought(journal, day=journal.ctx.today() + timedelta(days=1))
        )
    journal.learning.delete_thought_record(record.id)
    assert journal.learning.thought_records() == []
    assert [c.area for c in seen] == ["thought_records"] * 3


def test_sessions(journal: Any) -> None:
    open_step3(journal)
    session = journal.learning.log_session(
        LearningSession(journal.ctx.today(), SessionKind.THERAPY, "50")  # type: ignore[arg-type]
    )
    assert session.minutes == 50
    with pytest.raises(UserError, match="1 to 1,440") as info:
        journal.learning.log_session(LearningSession(journal.ctx.today(), SessionKind.OTHER, 0))
    assert info.value.field == "minutes"
    assert session.id is not None
    journal.learning.update_session(session.id, replace(session, minutes=55, notes="CBT"))
    assert journal.learning.session(session.id).minutes == 55
    assert len(journal.learning.sessions()) == 1


def test_logging_an_opening_completes_step_2_and_counts_down(journal: Any, clock: Any) -> None:
    metrics = add_presets(journal)
    rate_days(journal, metrics, 7)
    with pytest.raises(UserError, match="still to come") as info:
        journal.learning.log_opening(
            Opening(OpeningKind.TMS, journal.learning.now() + timedelta(hours=1))
        )
    assert info.value.field == "at"
    at = clock.now() - timedelta(hours=2)
    journal.learning.log_opening(Opening(OpeningKind.KETAMINE, at, "Dr. Osei", "First session"))
    roadmap = journal.roadmap.roadmap()
    assert roadmap.step(2).state is StepState.COMPLETE
    assert roadmap.step(3).state is StepState.ACTIVE
    assert journal.ctx.steps_repo.completions()[2] == journal.ctx.today()
    notes = roadmap.step(2).notes
    assert (
        notes[0]
        == "Opening logged: Ketamine or esketamine, Monday 23 November, 18:00, with Dr. Osei."
    )
    assert notes[1].startswith("Pairing window open: 70 h left.")

    clock.advance(hours=26)  # Tuesday 22:00
    journal.learning.log_session(LearningSession(journal.ctx.today(), SessionKind.THERAPY, 50))
    _opening, pairing = journal.learning.latest_opening()
    assert pairing.state is PairingState.PAIRED
    assert pairing.paired_after_hours == 18  # Tuesday midday, counted from Monday 18:00
    assert (
        journal.roadmap.roadmap().step(2).notes[1] == "Paired after 18 h, with a therapy session."
    )


def test_an_opening_with_no_learning_is_not_paired(journal: Any, clock: Any) -> None:
    metrics = add_presets(journal)
    rate_days(journal, metrics, 7)
    journal.learning.log_opening(Opening(OpeningKind.TMS, clock.now()))
    clock.advance(hours=73)
    _opening, pairing = journal.learning.latest_opening()
    assert pairing.state is PairingState.NOT_PAIRED
    assert journal.roadmap.roadmap().step(2).notes[1].startswith("Not paired:")
    # Learning logged on a later day still counts as learning, not as pairing. (Entries are kept
    # by day, so one for the closing day itself still pairs: the app errs on the kind side.)
    clock.advance(hours=12)
    journal.learning.log_session(LearningSession(journal.ctx.today(), SessionKind.SKILLS, 15))
    assert journal.learning.latest_opening()[1].state is PairingState.NOT_PAIRED


def test_an_opening_after_not_needed_keeps_the_step_skipped(journal: Any, clock: Any) -> None:
    open_step3(journal)
    journal.learning.log_opening(Opening(OpeningKind.ECT, clock.now()))
    step = journal.roadmap.roadmap().step(2)
    assert step.state is StepState.SKIPPED
    assert step.notes[0] == "You marked this step as not needed."
    assert step.notes[1].startswith("Opening logged: ECT")


def test_editing_and_deleting_an_opening(journal: Any, clock: Any) -> None:
    open_step3(journal)
    opening = journal.learning.log_opening(Opening(OpeningKind.TMS, clock.now()))
    journal.learning.update_opening(opening.id, replace(opening, clinician="Dr. Lee"))
    assert journal.learning.opening(opening.id).clinician == "Dr. Lee"
    journal.learning.delete_opening(opening.id)
    assert journal.learning.openings() == []
    assert journal.learning.latest_opening() is None


def test_in_progress_shows_at_most_three(journal: Any) -> None:
    open_step3(journal)
    for i in range(5):
        journal.learning.plan_experiment(
            plan(journal, planned_date=journal.ctx.today() + timedelta(days=i))
        )
    notes = journal.roadmap.roadmap().step(3).notes
    assert len(notes) == 4 and notes[-1] == "In progress: 2 more planned experiments"


def test_export_sections(journal: Any, clock: Any) -> None:
    open_step3(journal)
    experiment = journal.learning.plan_experiment(
        plan(journal, alternative_belief="People like hearing from me.", alternative_before=30)
    )
    journal.learning.record_outcome(experiment.id, result(journal, alternative_after=70))
    journal.learning.add_thought_record(thought(journal))
    journal.learning.log_session(
        LearningSession(journal.ctx.today(), SessionKind.THERAPY, 50, "CBT")
    )
    journal.learning.log_opening(
        Opening(OpeningKind.TMS, datetime(2026, 11, 22, 9, 30), "Dr. Osei")
    )
    doc = journal.export.document()
    today = journal.ctx.today().isoformat()
    assert doc["experiments"] == [
        {
            "id": experiment.id,
            "target_belief": "If I reach out, people will think I’m a nuisance.",
            "belief_before": 75,
            "alternative_belief": "People like hearing from me.",
            "alternative_before": 30,
            "plan": "Send one concise networking email.",
            "safety_behaviours": "",
            "prediction": "No reply within a week.",
            "how_to_know": "",
            "planned_date": today,
            "related_metric_id": None,
            "status": "done",
            "outcome": "A warm reply within the hour.",
            "prediction_came_true": "no",
            "learned": "Reaching out was welcome.",
            "belief_after": 25,
            "alternative_after": 70,
            "done_date": today,
            "created": today,
        }
    ]
    record = doc["thought_records"][0]
    assert record["moods"] == [{"name": "anxious", "intensity": 70}]
    assert record["moods_after"] == [{"name": "anxious", "intensity": 40}]
    assert record["distortions"] == ["mind_reading"]
    assert doc["learning_sessions"][0] == {
        "id": 1,
        "date": today,
        "kind": "therapy",
        "minutes": 50,
        "notes": "CBT",
    }
    assert doc["openings"][0]["at"] == "2026-11-22T09:30"
    assert doc["openings"][0]["kind"] == "tms"
    json.dumps(doc)


def test_delete_can_be_undone(journal: Any) -> None:
    open_step3(journal)
    steps: list[Step] = []
    journal.history.recorded.connect(steps.append)
    experiment = journal.learning.plan_experiment(plan(journal))
    journal.learning.record_outcome(experiment.id, result(journal))
    journal.learning.delete_experiment(experiment.id)
    assert journal.learning.experiments() == []
    assert (
        steps[-1].description
        == "Deleted experiment “If I reach out, people will think I’m a nuisance.”"
    )
    journal.history.undo(steps[-1])
    back = journal.learning.experiment(experiment.id)
    assert back.status is ExperimentStatus.DONE and back.belief_change == "75 % → 25 %"
    record = journal.learning.add_thought_record(thought(journal))
    assert record.id is not None
    journal.learning.delete_thought_record(record.id)
    journal.history.undo(steps[-1])
    assert journal.learning.thought_record(record.id).situation == "Team meeting."


def test_unchanged_edits_emit_nothing(journal: Any) -> None:
    open_step3(journal)
    experiment = journal.learning.plan_experiment(plan(journal))
    seen = changes(journal)
    journal.learning.update_plan(experiment.id, experiment.plan)
    assert seen == []


@pytest.fixture
def demo_journal(tmp_path: Any, clock: Any) -> Iterator[Any]:
    from plasticity_app.controller.demo_all import seed_full_demo
    from plasticity_app.controller.journal import Journal

    j = Journal(tmp_path / "demo", clock)
    seed_full_demo(j)
    yield j
    j.close()


def test_demo_has_experiments_in_every_state(demo_journal: Any) -> None:
    learning = demo_journal.learning
    today = learning.today()
    states = {e.timing_text(today) for e in learning.experiments()}
    assert {"Done", "Cancelled", "Due today", "Planned"} <= states
    assert any(s.startswith("Overdue") for s in states)
    assert len(learning.thought_records()) >= 6
    assert {s.kind for s in learning.sessions()} == {SessionKind.THERAPY, SessionKind.SKILLS}
    opening, pairing = learning.latest_opening()
    assert opening.kind is OpeningKind.MEDICATION_CHANGE and opening.clinician == "Dr. Osei"
    assert pairing.state is PairingState.PAIRED and pairing.paired_after_hours == 25
    roadmap = demo_journal.roadmap.roadmap()
    assert roadmap.step(2).state is StepState.COMPLETE
    assert roadmap.step(3).state is StepState.COMPLETE

"""The roadmap rules: every transition and edge of DESIGN.md §1."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plasticity_app.domain.metrics import Direction
from plasticity_app.domain.roadmap import (
    Facts,
    MetricFacts,
    OpeningDecision,
    StepState,
    evaluate,
)

TODAY = date(2026, 11, 23)


def metric(
    i: int, days: int, mean: float = 5.0, direction: Direction = Direction.LOWER
) -> MetricFacts:
    return MetricFacts(i, f"Metric {i}", direction, days, mean)


def states(facts: Facts) -> list[StepState]:
    return [s.state for s in evaluate(facts).steps]


def test_new_journal_step1_active_rest_locked_with_reasons() -> None:
    roadmap = evaluate(Facts(today=TODAY))
    assert [s.state for s in roadmap.steps] == [StepState.ACTIVE] + [StepState.LOCKED] * 4
    assert roadmap.step(1).reasons == ("Choose at least 2 outcome metrics to rate.",)
    for step in roadmap.steps[1:]:
        assert step.reasons, f"step {step.number} is locked without a reason"
    assert roadmap.newly_completed == {}
    assert roadmap.current.number == 1


def test_one_metric_is_not_enough() -> None:
    roadmap = evaluate(Facts(today=TODAY, metrics=(metric(1, 10),)))
    assert roadmap.step(1).state is StepState.ACTIVE
    assert "Choose one more outcome metric to rate." in roadmap.step(1).reasons


def test_progress_and_reasons_name_the_metric_and_days_left() -> None:
    roadmap = evaluate(Facts(today=TODAY, metrics=(metric(1, 4), metric(2, 6))))
    step = roadmap.step(1)
    assert [p.text for p in step.progress] == [
        "Metric 1: 4 of 7 days rated",
        "Metric 2: 6 of 7 days rated",
    ]
    assert step.reasons == ("Rate Metric 1 on 3 more days.", "Rate Metric 2 on 1 more day.")
    assert step.action is not None and step.action.key == "check_in"


def test_step1_completes_when_every_active_metric_has_enough_days() -> None:
    roadmap = evaluate(Facts(today=TODAY, metrics=(metric(1, 7), metric(2, 9))))
    assert roadmap.step(1).state is StepState.COMPLETE
    assert roadmap.newly_completed == {1: TODAY}
    assert roadmap.step(2).state is StepState.ACTIVE


def test_baseline_length_setting_is_respected() -> None:
    facts = Facts(today=TODAY, metrics=(metric(1, 7), metric(2, 7)), baseline_days=10)
    assert evaluate(facts).step(1).state is StepState.ACTIVE
    assert "Rate Metric 1 on 3 more days." in evaluate(facts).step(1).reasons


def test_recorded_completion_is_never_undone() -> None:
    # Archiving a metric or deleting ratings later does not re-lock step 1.
    facts = Facts(today=TODAY, metrics=(metric(1, 0),), completed={1: TODAY - timedelta(days=30)})
    roadmap = evaluate(facts)
    assert roadmap.step(1).state is StepState.COMPLETE
    assert roadmap.step(1).completed_on == TODAY - timedelta(days=30)
    assert roadmap.newly_completed == {}


def test_archiving_a_metric_during_the_baseline_drops_its_requirement() -> None:
    # Only active metrics count: with the slow one archived, the two others complete the step.
    before = Facts(today=TODAY, metrics=(metric(1, 7), metric(2, 7), metric(3, 2)))
    after = Facts(today=TODAY, metrics=(metric(1, 7), metric(2, 7)))
    assert evaluate(before).step(1).state is StepState.ACTIVE
    assert evaluate(after).step(1).state is StepState.COMPLETE


def test_step2_not_needed_is_skipped_and_opens_step3() -> None:
    facts = Facts(
        today=TODAY,
        completed={1: TODAY - timedelta(days=3)},
        opening_decision=OpeningDecision.NOT_NEEDED,
        opening_decided_on=TODAY - timedelta(days=1),
    )
    roadmap = evaluate(facts)
    assert roadmap.step(2).state is StepState.SKIPPED
    assert roadmap.newly_completed == {2: TODAY - timedelta(days=1)}
    assert roadmap.step(3).state is StepState.ACTIVE


def test_step2_with_an_opening_logged_is_complete() -> None:
    facts = Facts(
        today=TODAY,
        completed={1: TODAY - timedelta(days=3)},
        opening_decision=OpeningDecision.LOGGED,
        opening_decided_on=TODAY - timedelta(days=2),
    )
    assert states(facts)[:3] == [StepState.COMPLETE, StepState.COMPLETE, StepState.ACTIVE]


def test_step2_undecided_asks_for_a_decision() -> None:
    roadmap = evaluate(Facts(today=TODAY, completed={1: TODAY}))
    step = roadmap.step(2)
    assert step.state is StepState.ACTIVE
    assert step.action is not None and step.action.key == "decide_opening"
    assert roadmap.step(3).state is StepState.LOCKED


def test_step3_completes_with_one_experiment_outcome() -> None:
    base = {1: TODAY - timedelta(days=20), 2: TODAY - timedelta(days=10)}
    active = evaluate(Facts(today=TODAY, completed=base, experiments_in_progress=("Email Priya",)))
    assert active.step(3).state is StepState.ACTIVE
    assert "In progress: Email Priya" in active.step(3).notes
    done = evaluate(Facts(today=TODAY, completed=base, experiments_with_outcome=1))
    assert done.step(3).state is StepState.COMPLETE
    assert done.newly_completed == {3: TODAY}
    assert done.step(4).state is StepState.ACTIVE


def test_deleting_experiments_does_not_relock_step4() -> None:
    completed = {
        1: TODAY - timedelta(days=40),
        2: TODAY - timedelta(days=30),
        3: TODAY - timedelta(days=3),
    }
    roadmap = evaluate(Facts(today=TODAY, completed=completed, experiments_with_outcome=0))
    assert roadmap.step(3).state is StepState.COMPLETE
    assert roadmap.step(4).state is StepState.ACTIVE


@pytest.mark.parametrize(
    ("days_since", "state"),
    [
        (0, StepState.ACTIVE),
        (6, StepState.ACTIVE),
        (7, StepState.COMPLETE),
        (30, StepState.COMPLETE),
    ],
)
def test_step4_completes_seven_days_after_it_started(days_since: int, state: StepState) -> None:
    started = TODAY - timedelta(days=days_since)
    completed = {1: started - timedelta(days=20), 2: started - timedelta(days=10), 3: started}
    roadmap = evaluate(Facts(today=TODAY, completed=completed))
    assert roadmap.step(4).state is state
    if state is StepState.COMPLETE:
        assert roadmap.newly_completed == {4: started + timedelta(days=7)}
        assert roadmap.step(5).state is StepState.ONGOING
    else:
        assert roadmap.step(5).state is StepState.LOCKED
        assert roadmap.step(4).progress[0].done == days_since


def test_step5_is_ongoing_and_never_completes() -> None:
    completed = {
        1: TODAY - timedelta(days=60),
        2: TODAY - timedelta(days=50),
        3: TODAY - timedelta(days=40),
        4: TODAY - timedelta(days=33),
    }
    roadmap = evaluate(Facts(today=TODAY, completed=completed, review_due_week=date(2026, 11, 16)))
    assert roadmap.step(5).state is StepState.ONGOING
    assert 5 not in roadmap.newly_completed
    assert roadmap.current.number == 5
    assert "A review is due for the week of 16 November." in roadmap.step(5).reasons


def test_clinician_suggestion_when_baseline_in_worst_fifth() -> None:
    bad = (metric(1, 7, 8.6, Direction.LOWER), metric(2, 7, 1.5, Direction.HIGHER))
    roadmap = evaluate(Facts(today=TODAY, metrics=bad))
    assert roadmap.clinician_suggestion is not None
    assert "Metric 1 and Metric 2" in roadmap.clinician_suggestion
    assert "not a diagnosis" in roadmap.clinician_suggestion
    fine = (metric(1, 7, 5.0, Direction.LOWER), metric(2, 7, 5.0, Direction.HIGHER))
    assert evaluate(Facts(today=TODAY, metrics=fine)).clinician_suggestion is None


def test_no_clinician_suggestion_from_one_or_two_ratings() -> None:
    roadmap = evaluate(Facts(today=TODAY, metrics=(metric(1, 2, 10.0), metric(2, 2, 10.0))))
    assert roadmap.clinician_suggestion is None


@given(
    days=st.lists(st.integers(0, 40), min_size=0, max_size=3),
    baseline=st.integers(5, 28),
    recorded=st.sets(st.integers(1, 4)),
)
def test_steps_open_in_order(days: list[int], baseline: int, recorded: set[int]) -> None:
    # A prefix of recorded completions, as the controller produces them.
    completed = {
        n: TODAY - timedelta(days=40 - n)
        for n in range(1, 5)
        if all(k in recorded for k in range(1, n + 1))
    }
    facts = Facts(
        today=TODAY,
        metrics=tuple(metric(i, d) for i, d in enumerate(days)),
        baseline_days=baseline,
        completed=completed,
    )
    roadmap = evaluate(facts)
    seen_open_after_locked = False
    locked = False
    for step in roadmap.steps:
        if step.state is StepState.LOCKED:
            locked = True
            assert step.reasons
        elif locked:
            seen_open_after_locked = True
    assert not seen_open_after_locked
    for n in completed:
        assert roadmap.step(n).state.is_done

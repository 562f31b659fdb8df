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


def _step4_open(days_since: int) -> tuple[date, dict[int, date]]:
    started = TODAY - timedelta(days=days_since)
    return started, {1: started - timedelta(days=20), 2: started - timedelta(days=10), 3: started}


@pytest.mark.parametrize("days_since", [0, 6, 7, 30, 400])
def test_step4_does_not_complete_with_no_support_done(days_since: int) -> None:
    # Issue 14 item 4: seven days with nothing ticked read "Complete · 7 of 7" and opened step 5.
    _started, completed = _step4_open(days_since)
    roadmap = evaluate(Facts(today=TODAY, completed=completed))
    assert roadmap.step(4).state is StepState.ACTIVE
    assert 4 not in roadmap.newly_completed
    assert roadmap.step(4).progress[0].done == 0
    assert roadmap.step(4).progress[0].text == "Days with at least one support done: 0 of 7"
    assert roadmap.step(4).reasons == (
        "Do at least one support on 7 more days. Any day counts; they need not be in a row.",
    )
    assert roadmap.step(5).state is StepState.LOCKED
    assert roadmap.step(5).reasons == (
        "Opens on the 7th day with at least one support done (step 4).",
    )


def test_step4_completes_on_the_seventh_day_with_a_support() -> None:
    started, completed = _step4_open(30)
    days = tuple(started + timedelta(days=3 * i) for i in range(9))  # every third day
    roadmap = evaluate(Facts(today=TODAY, completed=completed, support_days=days))
    assert roadmap.step(4).state is StepState.COMPLETE
    assert roadmap.newly_completed == {4: started + timedelta(days=18)}
    assert roadmap.step(4).completed_on == started + timedelta(days=18)
    assert roadmap.step(4).progress[0].text == "Days with at least one support done: 7 of 7"
    assert roadmap.step(5).state is StepState.ONGOING


def test_step4_six_days_with_supports_is_one_day_short() -> None:
    started, completed = _step4_open(30)
    days = tuple(started + timedelta(days=i) for i in range(6))
    roadmap = evaluate(Facts(today=TODAY, completed=completed, support_days=days))
    assert roadmap.step(4).state is StepState.ACTIVE
    assert roadmap.step(4).progress[0].done == 6
    assert roadmap.step(4).reasons == (
        "Do at least one support on 1 more day. Any day counts; they need not be in a row.",
    )


def test_step4_ignores_days_before_it_opened_and_after_today() -> None:
    started, completed = _step4_open(3)
    before = tuple(started - timedelta(days=i) for i in range(1, 10))
    later = tuple(TODAY + timedelta(days=i) for i in range(1, 10))
    inside = (started, started + timedelta(days=1))
    roadmap = evaluate(
        Facts(today=TODAY, completed=completed, support_days=before + inside + later)
    )
    assert roadmap.step(4).state is StepState.ACTIVE
    assert roadmap.step(4).progress[0].done == 2


def test_step4_completion_recorded_earlier_is_kept_and_the_count_stays_honest() -> None:
    # A journal completed under the old rule (seven calendar days) keeps its completion.
    started, completed = _step4_open(30)
    completed[4] = started + timedelta(days=7)
    roadmap = evaluate(
        Facts(today=TODAY, completed=completed, support_days=(started + timedelta(days=2),))
    )
    step = roadmap.step(4)
    assert step.state is StepState.COMPLETE
    assert step.completed_on == started + timedelta(days=7)
    assert roadmap.newly_completed == {}
    assert step.progress[0].text == "Days with at least one support done: 1 of 7"
    assert any("stays complete" in note for note in step.notes)
    assert roadmap.step(5).state is StepState.ONGOING


def test_step4_says_its_rule() -> None:
    assert "7th day on which you did at least one" in evaluate(Facts(today=TODAY)).step(4).what


@given(
    offsets=st.sets(st.integers(-20, 60), max_size=40),
    days_since=st.integers(0, 60),
)
def test_step4_completes_exactly_on_the_seventh_support_day(
    offsets: set[int], days_since: int
) -> None:
    started, completed = _step4_open(days_since)
    support = tuple(started + timedelta(days=o) for o in offsets)
    roadmap = evaluate(Facts(today=TODAY, completed=completed, support_days=support))
    counted = sorted(d for d in support if started <= d <= TODAY)
    step = roadmap.step(4)
    assert step.progress[0].done == min(7, len(counted))
    if len(counted) >= 7:
        assert step.state is StepState.COMPLETE
        assert roadmap.newly_completed == {4: counted[6]}
        assert started <= counted[6] <= TODAY
    else:
        assert step.state is StepState.ACTIVE
        assert 4 not in roadmap.newly_completed
        assert roadmap.step(5).state is StepState.LOCKED


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

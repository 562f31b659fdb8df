"""Behavioural experiments: validation of both phases, status rules, timing and the list."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plasticity_app.domain import experiments as ex
from plasticity_app.domain.experiments import (
    Experiment,
    ExperimentPlan,
    ExperimentResult,
    ExperimentStatus,
    PredictionCameTrue,
    Timing,
)

TODAY = date(2026, 11, 23)
PLAN = ExperimentPlan(
    target_belief="If I reach out, people will think I’m a nuisance.",
    belief_before=75,
    plan="Send one concise networking email to a former colleague.",
    prediction="No reply within a week.",
    planned_date=TODAY,
)
RESULT = ExperimentResult(
    outcome="She replied within an hour.",
    prediction_came_true=PredictionCameTrue.NO,
    belief_after=25,
    done_date=TODAY,
    learned="Reaching out was welcome.",
)


def test_a_complete_plan_and_result_are_valid() -> None:
    assert ex.validate_plan(PLAN, TODAY) == {}
    assert ex.validate_result(PLAN, RESULT, TODAY) == {}


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"target_belief": "   "}, "target_belief", "Write the belief"),
        ({"target_belief": "x" * 501}, "target_belief", "500 characters"),
        ({"belief_before": None}, "belief_before", "Rate how much you believe it"),
        ({"belief_before": 101}, "belief_before", "0 to 100"),
        ({"belief_before": -1}, "belief_before", "0 to 100"),
        ({"plan": ""}, "plan", "Describe what you will do"),
        ({"prediction": ""}, "prediction", "predict"),
        ({"alternative_before": 40}, "alternative_belief", "Write the alternative belief"),
        ({"alternative_belief": "People like hearing from me."}, "alternative_before", "Rate the"),
        ({"alternative_belief": "ok", "alternative_before": 140}, "alternative_before", "0 to 100"),
        ({"safety_behaviours": "x" * 4001}, "safety_behaviours", "4,000 characters"),
        ({"planned_date": TODAY + timedelta(days=400)}, "planned_date", "next year"),
    ],
)
def test_bad_plans_are_refused_at_the_field(
    change: dict[str, object], field: str, message: str
) -> None:
    errors = ex.validate_plan(replace(PLAN, **change), TODAY)  # type: ignore[arg-type]
    assert field in errors
    assert message in errors[field]


def test_future_plans_are_fine_but_not_after_the_day_it_was_run() -> None:
    later = replace(PLAN, planned_date=TODAY + timedelta(days=5))
    assert ex.validate_plan(later, TODAY) == {}
    errors = ex.validate_plan(later, TODAY, done_date=TODAY)
    assert "You ran it on Monday 23 November" in errors["planned_date"]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"outcome": ""}, "outcome", "what actually happened"),
        ({"belief_after": None}, "belief_after", "Re-rate the belief"),
        ({"belief_after": 250}, "belief_after", "0 to 100"),
        ({"prediction_came_true": None}, "prediction_came_true", "yes, partly or no"),
        ({"prediction_came_true": "maybe"}, "prediction_came_true", "yes, partly or no"),
        ({"done_date": TODAY + timedelta(days=1)}, "done_date", "hasn’t happened yet"),
        ({"done_date": TODAY - timedelta(days=1)}, "done_date", "before the planned day"),
        ({"alternative_after": 30}, "alternative_after", "no alternative belief"),
        ({"learned": "x" * 4001}, "learned", "4,000 characters"),
    ],
)
def test_bad_results_are_refused(change: dict[str, object], field: str, message: str) -> None:
    errors = ex.validate_result(PLAN, replace(RESULT, **change), TODAY)  # type: ignore[arg-type]
    assert message in errors[field]


def test_no_outcome_for_an_experiment_planned_in_the_future() -> None:
    future = replace(PLAN, planned_date=TODAY + timedelta(days=4))
    errors = ex.validate_result(future, RESULT, TODAY)
    assert errors["done_date"].startswith("This experiment is planned for Friday 27 November")


def test_status_rules() -> None:
    assert ex.can_record_outcome(ExperimentStatus.PLANNED) is None
    assert ex.can_record_outcome(ExperimentStatus.DONE) is None  # editing an outcome
    assert "cancelled" in (ex.can_record_outcome(ExperimentStatus.CANCELLED) or "")
    assert ex.can_cancel(ExperimentStatus.PLANNED) is None
    assert ex.can_cancel(ExperimentStatus.DONE) is not None
    assert ex.can_cancel(ExperimentStatus.CANCELLED) is not None
    assert ex.can_plan_again(ExperimentStatus.CANCELLED) is None
    assert ex.can_plan_again(ExperimentStatus.PLANNED) is not None


def test_belief_change_reads_like_the_list() -> None:
    planned = Experiment(1, PLAN)
    assert planned.belief_change == "75 %"
    done = Experiment(1, PLAN, ExperimentStatus.DONE, RESULT)
    assert done.belief_change == "75 % → 25 %"
    assert done.has_outcome and not planned.has_outcome


def test_timing_due_and_overdue() -> None:
    def at(days: int, status: ExperimentStatus = ExperimentStatus.PLANNED) -> Experiment:
        return Experiment(1, replace(PLAN, planned_date=TODAY + timedelta(days=days)), status)

    assert at(0).timing(TODAY) is Timing.DUE
    assert at(0).timing_text(TODAY) == "Due today"
    assert at(-1).timing(TODAY) is Timing.OVERDUE
    assert at(-1).timing_text(TODAY) == "Overdue since yesterday"
    assert at(-3).timing_text(TODAY) == "Overdue by 3 days"
    assert at(2).timing(TODAY) is Timing.UPCOMING
    assert at(2).timing_text(TODAY) == "Planned"
    assert at(-3, ExperimentStatus.CANCELLED).timing(TODAY) is None
    assert at(-3, ExperimentStatus.CANCELLED).timing_text(TODAY) == "Cancelled"
    assert "due today" in ex.in_progress_note(at(0), TODAY)
    assert "overdue" in ex.in_progress_note(at(-2), TODAY)


def test_list_order_planned_first_then_newest() -> None:
    def make(i: int, days: int, status: ExperimentStatus) -> Experiment:
        result = (
            replace(RESULT, done_date=TODAY + timedelta(days=days))
            if status is ExperimentStatus.DONE
            else None
        )
        return Experiment(
            i, replace(PLAN, planned_date=TODAY + timedelta(days=days)), status, result
        )

    items = [
        make(1, -10, ExperimentStatus.DONE),
        make(2, 3, ExperimentStatus.PLANNED),
        make(3, -2, ExperimentStatus.PLANNED),
        make(4, -1, ExperimentStatus.DONE),
        make(5, -5, ExperimentStatus.CANCELLED),
    ]
    assert [e.id for e in ex.sort_for_list(items, TODAY)] == [3, 2, 4, 5, 1]


@given(before=st.integers(0, 100), after=st.integers(0, 100))
def test_any_ratings_in_range_are_valid(before: int, after: int) -> None:
    plan = replace(PLAN, belief_before=before)
    assert ex.validate_plan(plan, TODAY) == {}
    assert ex.validate_result(plan, replace(RESULT, belief_after=after), TODAY) == {}
    assert (
        Experiment(
            1, plan, ExperimentStatus.DONE, replace(RESULT, belief_after=after)
        ).belief_change
        == f"{before} % → {after} %"
    )

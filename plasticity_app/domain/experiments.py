"""Behavioural experiments (the Oxford record sheet): a plan, then a result.

Plan: the belief to test and how strongly it is held, an alternative belief, what you will do, the
safety behaviours you will drop, and a prediction you could check. Result: what happened, whether
the prediction came true, what you learned, and the belief re-rated. Status goes planned → done or
planned → cancelled (a cancelled experiment can be planned again).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from plasticity_app.domain import dates
from plasticity_app.domain.learning import (
    LONG_TEXT_MAX,
    SHORT_TEXT_MAX,
    percent_error,
    percent_text,
    shorten,
    text_error,
)
from plasticity_app.domain.text import tr

PLAN_AHEAD_DAYS = 366


class ExperimentStatus(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {
            ExperimentStatus.PLANNED: tr("Planned"),
            ExperimentStatus.DONE: tr("Done"),
            ExperimentStatus.CANCELLED: tr("Cancelled"),
        }[self]


class PredictionCameTrue(StrEnum):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"

    @property
    def label(self) -> str:
        return {
            PredictionCameTrue.YES: tr("Yes"),
            PredictionCameTrue.PARTLY: tr("Partly"),
            PredictionCameTrue.NO: tr("No"),
        }[self]


class Timing(StrEnum):
    """Where a planned experiment stands against today."""

    UPCOMING = "upcoming"
    DUE = "due"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class ExperimentPlan:
    target_belief: str
    belief_before: int
    plan: str
    prediction: str
    planned_date: date
    alternative_belief: str = ""
    alternative_before: int | None = None
    safety_behaviours: str = ""
    how_to_know: str = ""
    related_metric_id: int | None = None


@dataclass(frozen=True)
class ExperimentResult:
    outcome: str
    prediction_came_true: PredictionCameTrue | None
    belief_after: int | None
    done_date: date
    learned: str = ""
    alternative_after: int | None = None


@dataclass(frozen=True)
class Experiment:
    id: int
    plan: ExperimentPlan
    status: ExperimentStatus = ExperimentStatus.PLANNED
    result: ExperimentResult | None = None
    created: date | None = None

    @property
    def title(self) -> str:
        return shorten(self.plan.target_belief, 70)

    @property
    def has_outcome(self) -> bool:
        return self.status is ExperimentStatus.DONE and self.result is not None

    @property
    def belief_change(self) -> str:
        """“75 % → 25 %” once done; “75 %” before."""
        before = percent_text(self.plan.belief_before)
        if self.result is not None and self.result.belief_after is not None:
            return f"{before} → {percent_text(self.result.belief_after)}"
        return before

    def timing(self, today: date) -> Timing | None:
        """Upcoming, due or overdue while planned; ``None`` once done or cancelled."""
        if self.status is not ExperimentStatus.PLANNED:
            return None
        if self.plan.planned_date > today:
            return Timing.UPCOMING
        if self.plan.planned_date == today:
            return Timing.DUE
        return Timing.OVERDUE

    def timing_text(self, today: date) -> str:
        """“Due today”, “Overdue by 3 days”, “Planned”, “Done”, “Cancelled”."""
        timing = self.timing(today)
        if timing is Timing.DUE:
            return tr("Due today")
        if timing is Timing.OVERDUE:
            days = (today - self.plan.planned_date).days
            return (
                tr("Overdue since yesterday")
                if days == 1
                else tr("Overdue by {days} days").format(days=days)
            )
        return self.status.label


def long_day(day: date) -> str:
    return dates.long_day(day)


def validate_plan(
    plan: ExperimentPlan, today: date, *, done_date: date | None = None
) -> dict[str, str]:
    """Field name -> plain message for each problem in a plan; empty when it can be saved.

    ``done_date`` is given when the experiment already has its outcome: the plan may not then move
    after the day it was run.
    """
    errors: dict[str, str] = {}
    checks = {
        "target_belief": text_error(
            plan.target_belief,
            SHORT_TEXT_MAX,
            what=tr("the belief"),
            required=tr("Write the belief you want to test, in one sentence."),
        ),
        "belief_before": percent_error(
            plan.belief_before, required=tr("Rate how much you believe it now, from 0 to 100 %.")
        ),
        "alternative_belief": text_error(
            plan.alternative_belief, SHORT_TEXT_MAX, what=tr("the alternative belief")
        ),
        "alternative_before": percent_error(plan.alternative_before),
        "plan": text_error(
            plan.plan,
            LONG_TEXT_MAX,
            what=tr("the plan"),
            required=tr("Describe what you will do: something small and specific."),
        ),
        "safety_behaviours": text_error(
            plan.safety_behaviours, LONG_TEXT_MAX, what=tr("the safety behaviours")
        ),
        "prediction": text_error(
            plan.prediction,
            LONG_TEXT_MAX,
            what=tr("the prediction"),
            required=tr("Write down what you predict will happen."),
        ),
        "how_to_know": text_error(plan.how_to_know, LONG_TEXT_MAX, what="this"),
    }
    errors.update({k: v for k, v in checks.items() if v})
    has_text = isinstance(plan.alternative_belief, str) and bool(plan.alternative_belief.strip())
    if "alternative_belief" not in errors and not has_text and plan.alternative_before is not None:
        errors["alternative_belief"] = tr("Write the alternative belief, or clear its rating.")
    if "alternative_before" not in errors and has_text and plan.alternative_before is None:
        errors["alternative_before"] = tr("Rate the alternative belief too, from 0 to 100 %.")
    if plan.planned_date > today + timedelta(days=PLAN_AHEAD_DAYS):
        errors["planned_date"] = tr("Plan it for a day within the next year.")
    elif done_date is not None and plan.planned_date > done_date:
        errors["planned_date"] = tr(
            "You ran it on {day}, so the planned day can’t be later than that."
        ).format(day=long_day(done_date))
    return errors


def validate_result(plan: ExperimentPlan, result: ExperimentResult, today: date) -> dict[str, str]:
    """Field name -> plain message for each problem in an outcome; empty when it can be saved."""
    errors: dict[str, str] = {}
    checks = {
        "outcome": text_error(
            result.outcome,
            LONG_TEXT_MAX,
            what=tr("what happened"),
            required=tr("Write what actually happened: what did you notice?"),
        ),
        "learned": text_error(result.learned, LONG_TEXT_MAX, what=tr("what you learned")),
        "belief_after": percent_error(
            result.belief_after,
            required=tr("Re-rate the belief: how much do you believe it now, from 0 to 100 %?"),
        ),
        "alternative_after": percent_error(result.alternative_after),
    }
    errors.update({k: v for k, v in checks.items() if v})
    if result.prediction_came_true is None:
        errors["prediction_came_true"] = tr(
            "Did the prediction come true? Choose yes, partly or no."
        )
    elif not isinstance(result.prediction_came_true, PredictionCameTrue):
        try:
            PredictionCameTrue(result.prediction_came_true)
        except ValueError:
            errors["prediction_came_true"] = tr("Choose yes, partly or no.")
    if (
        "alternative_after" not in errors
        and result.alternative_after is not None
        and not plan.alternative_belief.strip()
    ):
        errors["alternative_after"] = tr("There is no alternative belief to re-rate.")
    if plan.planned_date > today:
        errors["done_date"] = tr(
            "This experiment is planned for {day}, which hasn’t come yet. Record its outcome once "
            "you’ve run it, or move the planned day earlier."
        ).format(day=long_day(plan.planned_date))
    elif result.done_date > today:
        errors["done_date"] = tr("You can’t record a day that hasn’t happened yet.")
    elif result.done_date < plan.planned_date:
        errors["done_date"] = tr(
            "That is before the planned day ({day}). If you ran it earlier, move the planned day "
            "first."
        ).format(day=long_day(plan.planned_date))
    return errors


def can_record_outcome(status: ExperimentStatus) -> str | None:
    if status is ExperimentStatus.CANCELLED:
        return tr("This experiment was cancelled. Plan it again before recording an outcome.")
    return None


def can_cancel(status: ExperimentStatus) -> str | None:
    if status is ExperimentStatus.DONE:
        return tr("This experiment already has its outcome, so it can’t be cancelled.")
    if status is ExperimentStatus.CANCELLED:
        return tr("This experiment is already cancelled.")
    return None


def can_plan_again(status: ExperimentStatus) -> str | None:
    if status is not ExperimentStatus.CANCELLED:
        return tr("Only a cancelled experiment can be planned again.")
    return None


def sort_for_list(experiments: list[Experiment], today: date) -> list[Experiment]:
    """Planned first (overdue, due, then soonest), then done and cancelled, newest first."""
    planned = sorted(
        (e for e in experiments if e.status is ExperimentStatus.PLANNED),
        key=lambda e: (e.plan.planned_date, e.id),
    )
    rest = sorted(
        (e for e in experiments if e.status is not ExperimentStatus.PLANNED),
        key=lambda e: (
            e.result.done_date if e.result is not None else e.plan.planned_date,
            e.id,
        ),
        reverse=True,
    )
    return planned + rest


def in_progress_note(experiment: Experiment, today: date) -> str:
    """The line the roadmap shows for a planned experiment."""
    timing = experiment.timing(today)
    when = long_day(experiment.plan.planned_date)
    tail = {
        Timing.DUE: tr("due today"),
        Timing.OVERDUE: tr("overdue, planned for {when}").format(when=when),
        Timing.UPCOMING: tr("planned for {when}").format(when=when),
        None: "",
    }[timing]
    return tr("“{belief}” ({tail})").format(
        belief=shorten(experiment.plan.target_belief, 60), tail=tail
    )

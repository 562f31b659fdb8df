"""The five-step roadmap as one pure function of recorded facts.

``evaluate(facts)`` returns every step's state, its progress and, when a step is locked or not yet
complete, the reasons in plain words. The controller asks it before every action, records new
completions with their date (completions are never undone), and the UI draws from what it returns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from plasticity_app.domain import dates
from plasticity_app.domain.metrics import MIN_ACTIVE_METRICS, Direction, in_worst_fifth
from plasticity_app.domain.text import QT_TR_NOOP, tr

DEFAULT_BASELINE_DAYS = 7
BASELINE_DAYS_MIN = 5
BASELINE_DAYS_MAX = 28
SUPPORTS_DAYS = 7


class StepState(StrEnum):
    LOCKED = "locked"
    ACTIVE = "active"
    COMPLETE = "complete"
    SKIPPED = "skipped"
    ONGOING = "ongoing"

    @property
    def label(self) -> str:
        return {
            StepState.LOCKED: tr("Locked"),
            StepState.ACTIVE: tr("In progress"),
            StepState.COMPLETE: tr("Complete"),
            StepState.SKIPPED: tr("Not needed"),
            StepState.ONGOING: tr("Ongoing"),
        }[self]

    @property
    def is_done(self) -> bool:
        return self in (StepState.COMPLETE, StepState.SKIPPED)


class OpeningDecision(StrEnum):
    UNDECIDED = "undecided"
    NOT_NEEDED = "not_needed"
    LOGGED = "logged"


@dataclass(frozen=True)
class MetricFacts:
    """What the roadmap needs to know about one active outcome metric."""

    metric_id: int
    name: str
    direction: Direction
    rated_days: int
    baseline_mean: float


@dataclass(frozen=True)
class Facts:
    """Everything the roadmap rules look at, as recorded in the journal."""

    today: date
    metrics: tuple[MetricFacts, ...] = ()
    baseline_days: int = DEFAULT_BASELINE_DAYS
    completed: dict[int, date] = field(default_factory=dict)
    opening_decision: OpeningDecision = OpeningDecision.UNDECIDED
    opening_decided_on: date | None = None
    opening_notes: tuple[str, ...] = ()  # the latest opening and its pairing window
    experiments_with_outcome: int = 0
    experiments_in_progress: tuple[str, ...] = ()
    supports_adherence: str = ""
    # The days (from step 4's opening to today) on which at least one support was done; the
    # controller may stop after the first ``SUPPORTS_DAYS`` of them.
    support_days: tuple[date, ...] = ()
    reviews_count: int = 0
    review_due_week: date | None = None


@dataclass(frozen=True)
class Progress:
    label: str
    done: int
    total: int
    unit: str = ""

    @property
    def fraction(self) -> float:
        return 1.0 if self.total <= 0 else min(1.0, self.done / self.total)

    @property
    def text(self) -> str:
        if self.unit:
            return tr("{label}: {done} of {total} {unit}").format(
                label=self.label, done=self.done, total=self.total, unit=self.unit
            )
        return tr("{label}: {done} of {total}").format(
            label=self.label, done=self.done, total=self.total
        )


@dataclass(frozen=True)
class NextAction:
    key: str
    label: str


@dataclass(frozen=True)
class StepStatus:
    number: int
    title: str
    what: str
    state: StepState
    progress: tuple[Progress, ...] = ()
    reasons: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    action: NextAction | None = None
    completed_on: date | None = None


@dataclass(frozen=True)
class Roadmap:
    steps: tuple[StepStatus, ...]
    newly_completed: dict[int, date]
    clinician_suggestion: str | None

    def step(self, number: int) -> StepStatus:
        return self.steps[number - 1]

    @property
    def current(self) -> StepStatus:
        """The first step that is not done (step 5 once everything else is)."""
        for step in self.steps:
            if not step.state.is_done:
                return step
        return self.steps[-1]


TITLES = {
    1: QT_TR_NOOP("Map your baseline"),
    2: QT_TR_NOOP("Create an opening (if needed)"),
    3: QT_TR_NOOP("Load the window with learning"),
    4: QT_TR_NOOP("Layer plasticity supports"),
    5: QT_TR_NOOP("Monitor and iterate"),
}

WHAT = {
    1: QT_TR_NOOP("Pick 2 or 3 outcomes and rate each of them, 0 to 10, once a day."),
    2: QT_TR_NOOP(
        "An “opening” is a short window, hours to days after some clinician-guided treatments "
        "(such as TMS or a medication change), in which the brain may be more open to change. "
        "Decide with your clinician whether one fits you, or mark this step as not needed."
    ),
    3: QT_TR_NOOP(
        "Plan and run behavioural experiments that could prove a negative belief wrong; "
        "write thought records; log therapy and skills practice."
    ),
    4: QT_TR_NOOP(
        "Add small daily supports linked with plasticity: gratitude, novel learning, sleep, "
        "exercise. The step is complete on the 7th day on which you did at least one of them "
        "(the days need not be in a row)."
    ),
    5: QT_TR_NOOP(
        "Each week, compare with your baseline and keep, drop or adjust what you practise."
    ),
}

EXPECTATIONS: tuple[tuple[str, str], ...] = (
    (
        QT_TR_NOOP("Hours to days"),
        QT_TR_NOOP("Rapid changes some people notice after a clinician-guided opening."),
    ),
    (
        QT_TR_NOOP("Weeks"),
        QT_TR_NOOP("For therapy and practice to consolidate new thought–action patterns."),
    ),
    (
        QT_TR_NOOP("Weeks to months"),
        QT_TR_NOOP("For lifestyle supports to build lasting resilience."),
    ),
)

CLINICIAN_SUGGESTION = QT_TR_NOOP(
    "Your baseline ratings for {names} sit in the hardest fifth of the scale. "
    "That is a lot to carry. It may help to talk this through with a clinician or your doctor. "
    "This is a suggestion, not a diagnosis."
)


def title(number: int) -> str:
    """A step's title, translated."""
    return tr(TITLES[number])


def what(number: int) -> str:
    """What a step asks for, translated."""
    return tr(WHAT[number])


def _days(n: int) -> str:
    return tr("1 more day") if n == 1 else tr("{count} more days").format(count=n)


def _step1(facts: Facts, done_on: date | None) -> tuple[StepStatus, bool]:
    progress = tuple(
        Progress(
            m.name,
            min(m.rated_days, facts.baseline_days),
            facts.baseline_days,
            tr("days rated"),
        )
        for m in facts.metrics
    )
    reasons: list[str] = []
    if len(facts.metrics) < MIN_ACTIVE_METRICS:
        missing = MIN_ACTIVE_METRICS - len(facts.metrics)
        reasons.append(
            tr("Choose at least 2 outcome metrics to rate.")
            if missing == 2
            else tr("Choose one more outcome metric to rate.")
        )
    for m in facts.metrics:
        left = facts.baseline_days - m.rated_days
        if left > 0:
            reasons.append(tr("Rate {metric} on {days}.").format(metric=m.name, days=_days(left)))
    met = not reasons
    if done_on is not None:
        return StepStatus(
            1, title(1), what(1), StepState.COMPLETE, progress, (), (), None, done_on
        ), False
    action = (
        NextAction("add_metric", tr("Choose your metrics"))
        if len(facts.metrics) < MIN_ACTIVE_METRICS
        else NextAction("check_in", tr("Check in today"))
    )
    state = StepState.COMPLETE if met else StepState.ACTIVE
    return StepStatus(
        1,
        title(1),
        what(1),
        state,
        progress,
        tuple(reasons),
        (),
        None if met else action,
        facts.today if met else None,
    ), met


def support_days_since(facts: Facts, opened: date) -> list[date]:
    """The distinct days from ``opened`` to today on which at least one support was done."""
    return sorted({d for d in facts.support_days if opened <= d <= facts.today})


def _step4(facts: Facts, completed: dict[int, date], newly: dict[int, date]) -> StepStatus:
    """Step 4 complete on the 7th day with at least one support done. A completion recorded
    earlier (also under the earlier rule, seven calendar days) stays: completions are never
    undone; the progress still counts only the days with supports."""
    days = support_days_since(facts, completed[3])
    count = len(days)
    notes = (facts.supports_adherence,) if facts.supports_adherence else ()
    progress = (
        Progress(
            tr("Days with at least one support done"),
            min(count, SUPPORTS_DAYS),
            SUPPORTS_DAYS,
        ),
    )
    if 4 not in completed and count >= SUPPORTS_DAYS:
        newly[4] = days[SUPPORTS_DAYS - 1]
        completed[4] = newly[4]
    if 4 in completed:
        if count < SUPPORTS_DAYS:
            notes = (
                tr(
                    "This step was completed on {day} and stays complete; the count shows the "
                    "days with a support done as they are recorded now."
                ).format(day=dates.day_month(completed[4])),
                *notes,
            )
        return StepStatus(
            4,
            title(4),
            what(4),
            StepState.COMPLETE,
            progress=progress,
            notes=notes,
            completed_on=completed[4],
        )
    left = SUPPORTS_DAYS - count
    return StepStatus(
        4,
        title(4),
        what(4),
        StepState.ACTIVE,
        progress=progress,
        reasons=(
            (
                tr(
                    "Do at least one support on 1 more day. Any day counts; they need not be in a row."
                )
                if left == 1
                else tr(
                    "Do at least one support on {count} more days. Any day counts; they need "
                    "not be in a row."
                ).format(count=left)
            ),
        ),
        notes=notes,
        action=NextAction("habits", tr("Tick today’s supports")),
    )


def evaluate(facts: Facts) -> Roadmap:
    """Every step's state from the recorded facts (pure; the same facts give the same roadmap)."""
    newly: dict[int, date] = {}
    completed = dict(facts.completed)

    step1, met1 = _step1(facts, completed.get(1))
    if met1:
        newly[1] = facts.today
        completed[1] = facts.today
    steps: list[StepStatus] = [step1]

    # Step 2: an opening, or "not needed".
    if 1 not in completed:
        steps.append(
            StepStatus(
                2,
                title(2),
                what(2),
                StepState.LOCKED,
                reasons=(tr("Opens when your baseline is mapped (step 1)."),),
            )
        )
    elif facts.opening_decision is OpeningDecision.NOT_NEEDED:
        steps.append(
            StepStatus(
                2,
                title(2),
                what(2),
                StepState.SKIPPED,
                notes=(tr("You marked this step as not needed."), *facts.opening_notes),
                completed_on=completed.get(2, facts.opening_decided_on),
            )
        )
        if 2 not in completed:
            newly[2] = facts.opening_decided_on or facts.today
            completed[2] = newly[2]
    elif facts.opening_decision is OpeningDecision.LOGGED or 2 in completed:
        steps.append(
            StepStatus(
                2,
                title(2),
                what(2),
                StepState.COMPLETE,
                notes=facts.opening_notes,
                completed_on=completed.get(2, facts.opening_decided_on),
            )
        )
        if 2 not in completed:
            newly[2] = facts.opening_decided_on or facts.today
            completed[2] = newly[2]
    else:
        steps.append(
            StepStatus(
                2,
                title(2),
                what(2),
                StepState.ACTIVE,
                reasons=(tr("Log a clinician-guided opening, or mark this step as not needed."),),
                notes=(tr("Decisions about treatment belong with qualified clinicians."),),
                action=NextAction("decide_opening", tr("Decide about an opening")),
            )
        )

    # Step 3: behavioural experiments.
    if 2 not in completed:
        steps.append(
            StepStatus(
                3,
                title(3),
                what(3),
                StepState.LOCKED,
                reasons=(
                    tr("Opens when step 2 is decided: an opening logged, or marked as not needed."),
                ),
            )
        )
    elif 3 in completed or facts.experiments_with_outcome > 0:
        if 3 not in completed:
            newly[3] = facts.today
            completed[3] = facts.today
        notes = tuple(
            tr("In progress: {name}").format(name=name) for name in facts.experiments_in_progress
        )
        if facts.experiments_with_outcome > 1:
            notes = (
                tr("{count} experiments with an outcome so far.").format(
                    count=facts.experiments_with_outcome
                ),
                *notes,
            )
        steps.append(
            StepStatus(
                3,
                title(3),
                what(3),
                StepState.COMPLETE,
                progress=(
                    Progress(
                        tr("Experiments with an outcome"), min(1, facts.experiments_with_outcome), 1
                    ),
                ),
                notes=notes,
                completed_on=completed[3],
            )
        )
    else:
        notes = tuple(
            tr("In progress: {name}").format(name=name) for name in facts.experiments_in_progress
        )
        steps.append(
            StepStatus(
                3,
                title(3),
                what(3),
                StepState.ACTIVE,
                progress=(Progress(tr("Experiments with an outcome"), 0, 1, tr("recorded")),),
                reasons=(tr("Record the outcome of one behavioural experiment."),),
                notes=notes,
                action=NextAction("new_experiment", tr("Plan an experiment")),
            )
        )

    # Step 4: supports, complete on the 7th day on which at least one support was done.
    if 3 not in completed:
        steps.append(
            StepStatus(
                4,
                title(4),
                what(4),
                StepState.LOCKED,
                reasons=(tr("Opens when one behavioural experiment has its outcome (step 3)."),),
            )
        )
    else:
        steps.append(_step4(facts, completed, newly))

    # Step 5: the ongoing weekly loop.
    if 4 not in completed:
        steps.append(
            StepStatus(
                5,
                title(5),
                what(5),
                StepState.LOCKED,
                reasons=(tr("Opens on the 7th day with at least one support done (step 4)."),),
            )
        )
    else:
        reasons: tuple[str, ...] = ()
        action = NextAction("review", tr("Open this week’s review"))
        if facts.review_due_week is not None:
            reasons = (
                tr("A review is due for the week of {week}.").format(
                    week=dates.day_month(facts.review_due_week)
                ),
            )
        steps.append(
            StepStatus(
                5,
                title(5),
                what(5),
                StepState.ONGOING,
                progress=(
                    Progress(
                        tr("Weekly reviews written"),
                        facts.reviews_count,
                        max(1, facts.reviews_count),
                    ),
                ),
                reasons=reasons,
                action=action,
            )
        )

    worst = [m.name for m in facts.metrics if in_worst_fifth(m.direction, m.baseline_mean)]
    suggestion = None
    if worst and all(m.rated_days >= 3 for m in facts.metrics if m.name in worst):
        suggestion = tr(CLINICIAN_SUGGESTION).format(names=tr(" and ").join(worst))
    return Roadmap(tuple(steps), newly, suggestion)

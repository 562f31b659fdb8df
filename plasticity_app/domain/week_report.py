"""Everything a weekly review and its printed summary show, as plain data.

The review controller fills it from the journal; the Weekly review tab and the printable summary
draw from the same object, so the screen and the paper always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from plasticity_app.domain import dates
from plasticity_app.domain.review import MetricWeek, NeedleSignal, PracticeDecision, week_end
from plasticity_app.domain.text import tr


@dataclass(frozen=True)
class DailyPoint:
    day: date
    value: float | None


@dataclass(frozen=True)
class MetricSection:
    week: MetricWeek
    days: tuple[DailyPoint, ...]  # the 7 days of the week (None where not rated)


@dataclass(frozen=True)
class HabitLine:
    habit_id: int
    name: str
    adherence: str  # "3 of 2–4 this week"
    verdict: str  # "met", "under", "above plan"
    strength: float  # 0..1, Loop's score at the end of the week
    archived: bool = False
    done: int | None = None  # days done in the week (None: read from ``adherence``)


@dataclass(frozen=True)
class ExperimentLine:
    title: str  # the belief tested
    status: str  # "done", "planned", "cancelled"
    day: date | None
    belief_before: int | None
    belief_after: int | None
    prediction_came_true: str = ""
    learned: str = ""

    @property
    def belief_change(self) -> str:
        if self.belief_before is None:
            return ""
        if self.belief_after is None:
            return f"{self.belief_before} %"
        return f"{self.belief_before} % → {self.belief_after} %"


@dataclass(frozen=True)
class SimpleLine:
    day: date
    text: str


@dataclass(frozen=True)
class WeekReport:
    week_start: date
    generated: date
    metrics: tuple[MetricSection, ...] = ()
    habits: tuple[HabitLine, ...] = ()
    experiments: tuple[ExperimentLine, ...] = ()
    thought_records: tuple[SimpleLine, ...] = ()
    learning_sessions: tuple[SimpleLine, ...] = ()
    opening: str = ""  # "Opening on … (kind) · paired within 20 h" or ""
    needle: tuple[NeedleSignal, ...] = ()
    decisions: tuple[PracticeDecision, ...] = ()
    decision_labels: dict[str, str] = field(default_factory=dict)  # practice key -> name
    reflections: tuple[tuple[str, str], ...] = ()  # (question, answer)
    notes: str = ""
    reviewed: bool = False

    @property
    def week_end(self) -> date:
        return week_end(self.week_start)

    @property
    def is_empty(self) -> bool:
        """Nothing at all was recorded in the week."""
        return (
            all(s.week.week.n == 0 for s in self.metrics)
            and not any(
                h.done > 0
                if h.done is not None
                else bool(h.adherence) and not h.adherence.startswith("0 of")
                for h in self.habits
            )
            and not self.experiments
            and not self.thought_records
            and not self.learning_sessions
            and not self.opening
        )

    @property
    def title(self) -> str:
        return tr("Week of {span}").format(span=dates.week_span(self.week_start, self.week_end))

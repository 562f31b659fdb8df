"""Step 5: the weekly review. Gathers a week from every area, saves the person's decisions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from plasticity_app.controller.base import Context
from plasticity_app.controller.roadmap import RoadmapController
from plasticity_app.db.records import HabitRecord
from plasticity_app.db.review_repo import ReviewRepository
from plasticity_app.domain import dates
from plasticity_app.domain import review as rv
from plasticity_app.domain.clock import week_start
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.text import tr
from plasticity_app.domain.week_report import DailyPoint, MetricSection, WeekReport

# A contributor adds its area's part of a week: fn(week_start, week_end, today) -> WeekReport fields.
Contributor = Callable[[date, date, date], dict[str, Any]]


class ReviewController:
    AREA = "review"

    def __init__(self, ctx: Context, roadmap: RoadmapController) -> None:
        self._ctx = ctx
        self._roadmap = roadmap
        self._repo = ReviewRepository()
        self.contributors: list[Contributor] = []
        roadmap.fact_providers.append(self._facts)

    # Reading -----------------------------------------------------------------------------------
    def today(self) -> date:
        return self._ctx.today()

    def first_weekday(self) -> int:
        return self._ctx.settings.first_weekday

    def week_of(self, day: date) -> date:
        return week_start(day, self.first_weekday())

    def current_week(self) -> date:
        return self.week_of(self.today())

    def reviewed_weeks(self) -> list[date]:
        return self._repo.weeks()

    def answers(self, week: date) -> rv.ReviewAnswers | None:
        return self._repo.get(week)

    def due_week(self) -> date | None:
        opened = self._ctx.completions().get(4)
        if opened is None:
            return None
        # Only the last finished week can be due: ask about that one, not all the years.
        last_finished = self.current_week() - timedelta(days=7)
        reviewed = {last_finished} if self._repo.has_week(last_finished) else set()
        return rv.due_week(self.today(), self.first_weekday(), opened, reviewed)

    def step5_open(self) -> bool:
        return 4 in self._ctx.completions()

    def _facts(self, today: date) -> dict[str, object]:
        return {"reviews_count": self._repo.count(), "review_due_week": self.due_week()}

    def check_week(self, week: date) -> None:
        if week > self.today():
            raise UserError(
                tr("That week hasn’t started yet. You can review it once it has begun."), "week"
            )

    def report(self, week: date) -> WeekReport:
        """Everything about one week, for the tab and the printed summary."""
        self.check_week(week)
        week = self.week_of(week)
        end = week + timedelta(days=6)
        today = self.today()
        repo = self._ctx.metrics_repo
        baseline_end = self._ctx.completions().get(1)
        sections = []
        metrics = repo.active()
        # Each metric's baseline and week, read for all the metrics at once (by day, so each
        # metric's ratings come in the order its own read gave them).
        baselines: dict[int, list[int]] = {m.id: [] for m in metrics}
        weeks: dict[int, dict[date, int]] = {m.id: {} for m in metrics}
        if baseline_end is not None:  # no baseline until step 1 is complete
            for e in repo.entries(baselines, end=baseline_end):
                baselines[e.metric_id].append(e.value)
        for e in repo.entries(weeks, start=week, end=end):
            weeks[e.metric_id][e.day] = e.value
        for metric in metrics:
            baseline = baselines[metric.id]
            week_entries = weeks[metric.id]
            days = tuple(DailyPoint(d, week_entries.get(d)) for d in rv.week_days(week))
            # Days of the week that belong to the baseline are shown, never compared with it.
            part_of_baseline = baseline_end is not None and week <= baseline_end
            metric_week = rv.metric_week(
                metric.id,
                metric.name,
                metric.direction,
                baseline,
                [v for d, v in week_entries.items() if baseline_end is None or d > baseline_end],
                in_baseline=[
                    v
                    for d, v in week_entries.items()
                    if baseline_end is not None and d <= baseline_end
                ],
                baseline_end=baseline_end if part_of_baseline else None,
            )
            sections.append(MetricSection(metric_week, days))
        labels = {
            "experiments": tr("Behavioural experiments"),
            "thought_records": tr("Thought records"),
            "learning": tr("Therapy and skills practice"),
        }
        report = WeekReport(
            week_start=week, generated=today, metrics=tuple(sections), decision_labels=labels
        )
        extra: dict[str, Any] = {}
        labels = dict(report.decision_labels)
        names: dict[str, str] = {}  # every practice's name, archived habits too
        for contribute in self.contributors:
            part = contribute(week, min(end, today), today)
            labels.update(part.pop("decision_labels", {}))
            names.update(part.pop("practice_names", {}))
            extra.update(part)
        extra["decision_labels"] = labels
        answers = self._repo.get(week)
        if answers is not None:
            # A decision keeps naming its practice (and keeps its row) after the habit it is
            # about was dropped (archived) or removed.
            for d in answers.decisions:
                if d.practice not in labels:
                    labels[d.practice] = (
                        tr("{name} (archived)").format(name=names[d.practice])
                        if d.practice in names
                        else tr("A practice no longer in the journal")
                    )
            extra.update(
                decisions=answers.decisions,
                reflections=tuple(
                    (tr(question), getattr(answers, key))
                    for key, question in rv.REFLECTION_QUESTIONS
                ),
                notes=answers.notes,
                reviewed=True,
            )
        return replace(report, **extra)

    # Writing -----------------------------------------------------------------------------------
    def save(self, answers: rv.ReviewAnswers) -> None:
        """Save the week's review (one review per week: saving again edits it)."""
        answers = replace(answers, week_start=self.week_of(answers.week_start))
        errors = rv.validate_review(answers, self.today(), self.first_weekday())
        if errors:
            field, message = next(iter(errors.items()))
            raise UserError(message, field)
        with self._ctx.transaction():
            created = self._repo.save(answers)
            dropped = [
                d.habit_id
                for d in answers.decisions
                if d.decision is rv.Decision.DROP and d.habit_id
            ]
            if dropped:
                HabitRecord.update(archived=True).where(HabitRecord.id.in_(dropped)).execute()
            self._roadmap.record_completions()
        week = dates.day_month(answers.week_start)
        if not dropped:
            message = (
                tr("Saved: review of the week of {week}")
                if created
                else tr("Updated: review of the week of {week}")
            ).format(week=week)
        elif len(dropped) == 1:
            message = (
                tr("Saved: review of the week of {week} (1 habit archived; Undo brings it back)")
                if created
                else tr(
                    "Updated: review of the week of {week} (1 habit archived; Undo brings it back)"
                )
            ).format(week=week)
        else:
            message = (
                tr(
                    "Saved: review of the week of {week} ({count} habits archived; Undo brings "
                    "them back)"
                )
                if created
                else tr(
                    "Updated: review of the week of {week} ({count} habits archived; Undo brings "
                    "them back)"
                )
            ).format(week=week, count=len(dropped))
        self._ctx.hub.notify(self.AREA, message)

    def export_section(self) -> dict[str, list[dict[str, Any]]]:
        return {"reviews": self._repo.export()}

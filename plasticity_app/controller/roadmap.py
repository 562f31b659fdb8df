"""The roadmap: gathers the recorded facts, asks the pure rules, records completions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from plasticity_app.controller.base import Context, require
from plasticity_app.controller.baseline import baseline_progress
from plasticity_app.domain import roadmap as r
from plasticity_app.domain.text import tr


class RoadmapController:
    AREA = "roadmap"

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        # Later areas (experiments, habits, reviews) add what the rules need to know.
        self.fact_providers: list[Callable[[date], dict[str, object]]] = []
        # Called inside the action's transaction when a step completes: (step, date).
        # Step 4's supports are created this way when step 3 completes.
        self.on_completed: list[Callable[[int, date], None]] = []
        self._cached: tuple[object, r.Roadmap] | None = None

    def facts(self) -> r.Facts:
        ctx = self._ctx
        today = ctx.today()
        completions = ctx.completions()
        metric_facts = [
            r.MetricFacts(
                p.metric.id, p.metric.name, p.metric.direction, p.rated_days, p.summary.mean
            )
            for p in baseline_progress(ctx)
        ]
        skipped = ctx.steps_repo.skipped()
        decision = r.OpeningDecision.UNDECIDED
        decided_on = None
        if 2 in completions:
            decision = r.OpeningDecision.NOT_NEEDED if 2 in skipped else r.OpeningDecision.LOGGED
            decided_on = completions[2]
        extra: dict[str, object] = {}
        for provider in self.fact_providers:
            extra.update(provider(today))
        if "opening_decision" in extra and decision is r.OpeningDecision.UNDECIDED:
            decision = r.OpeningDecision(str(extra.pop("opening_decision")))
            decided_on = extra.pop("opening_decided_on", None)  # type: ignore[assignment]
        extra.pop("opening_decision", None)
        extra.pop("opening_decided_on", None)
        return r.Facts(
            today=today,
            metrics=tuple(metric_facts),
            baseline_days=ctx.settings.baseline_days,
            completed=completions,
            opening_decision=decision,
            opening_decided_on=decided_on,
            **extra,  # type: ignore[arg-type]
        )

    def roadmap(self) -> r.Roadmap:
        """The roadmap now; kept until the data or the day changes (every view asks for it)."""
        now = self._ctx.clock.now().replace(second=0, microsecond=0)
        key = (self._ctx.revision(), self._ctx.today(), now)
        if self._cached is not None and self._cached[0] == key:
            return self._cached[1]
        roadmap = r.evaluate(self.facts())
        self._cached = (key, roadmap)
        return roadmap

    def record_completions(self) -> dict[int, date]:
        """Record any step that has just completed (call inside the action's transaction)."""
        roadmap = self.roadmap()
        for step, on in roadmap.newly_completed.items():
            skipped = roadmap.step(step).state is r.StepState.SKIPPED
            self._ctx.steps_repo.record(step, on, skipped)
        for step, on in sorted(roadmap.newly_completed.items()):
            for hook in self.on_completed:
                hook(step, on)
        return roadmap.newly_completed

    def mark_opening_not_needed(self) -> None:
        """Step 2: the person (with their clinician) decided no opening is needed."""
        roadmap = self.roadmap()
        require(
            roadmap.step(2).state is not r.StepState.LOCKED,
            tr("Step 2 opens when your baseline is mapped."),
        )
        require(not roadmap.step(2).state.is_done, tr("Step 2 is already decided."))
        with self._ctx.transaction():
            self._ctx.steps_repo.record(2, self._ctx.today(), skipped=True)
            self.record_completions()
        self._ctx.hub.notify(self.AREA, tr("Saved: step 2 marked as not needed"))

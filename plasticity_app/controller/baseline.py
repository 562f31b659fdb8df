"""Step 1's baseline as it stands: rated days and the ratings so far, per active metric.

Read once per change for everyone who asks (the roadmap's rules, the Check-in tab's cards).
"""

from __future__ import annotations

from dataclasses import dataclass

from plasticity_app.controller.base import Context
from plasticity_app.domain import metrics as m
from plasticity_app.domain.metrics import Metric, Summary


@dataclass(frozen=True)
class BaselineProgress:
    metric: Metric
    rated_days: int
    needed: int
    summary: Summary

    @property
    def left(self) -> int:
        return max(0, self.needed - self.rated_days)


def active_metrics(ctx: Context) -> list[Metric]:
    """The metrics followed now, in their order (kept until the data changes)."""
    return [x for x in ctx.kept("metrics.all", ctx.metrics_repo.all) if not x.archived]


def baseline_progress(ctx: Context) -> list[BaselineProgress]:
    """Every active metric's baseline: its rated days (all of them) and the summary of its
    ratings up to the day step 1 completed (all ratings while it is open)."""

    def read() -> list[BaselineProgress]:
        needed = ctx.settings.baseline_days
        active = active_metrics(ctx)
        reads = ctx.metrics_repo.baseline_reads([x.id for x in active], ctx.completions().get(1))
        return [
            BaselineProgress(metric, reads[metric.id][0], needed, m.summarize(reads[metric.id][1]))
            for metric in active
        ]

    return list(ctx.kept("metrics.baseline", read))

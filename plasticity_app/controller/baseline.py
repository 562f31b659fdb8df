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
    """Every active metric's baseline: its rated days and the summary of its ratings up to the
    day step 1 completed (all ratings while it is open). Once step 1 is complete, rated days
    are counted up to what the baseline needed (and at least 3)."""

    def read() -> list[BaselineProgress]:
        needed = ctx.settings.baseline_days
        active = active_metrics(ctx)
        end = ctx.completions().get(1)
        # Once the baseline is mapped nothing shows more rated days than it needed (and the
        # roadmap asks for 3 at most): counting years of them would be wasted on every change.
        up_to = None if end is None else max(needed, 3)
        reads = ctx.metrics_repo.baseline_reads([x.id for x in active], end, up_to)
        return [
            BaselineProgress(metric, reads[metric.id][0], needed, m.summarize(reads[metric.id][1]))
            for metric in active
        ]

    return list(ctx.kept("metrics.baseline", read))

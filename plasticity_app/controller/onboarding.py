"""First run: the disclaimer, the first metrics and the baseline length, saved as one action."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from plasticity_app.controller.base import Context, require
from plasticity_app.controller.roadmap import RoadmapController
from plasticity_app.domain import metrics as m
from plasticity_app.domain.metrics import Direction
from plasticity_app.domain.settings import validate_setting
from plasticity_app.domain.text import tr


@dataclass(frozen=True)
class MetricChoice:
    name: str
    direction: Direction
    description: str = ""


class OnboardingController:
    AREA = "onboarding"

    def __init__(self, ctx: Context, roadmap: RoadmapController) -> None:
        self._ctx = ctx
        self._roadmap = roadmap

    def needed(self) -> bool:
        return not self._ctx.settings.onboarding_done

    def validate_choices(self, choices: Sequence[MetricChoice]) -> str | None:
        existing = [x.name for x in self._ctx.metrics_repo.all()]
        active = len(self._ctx.metrics_repo.active())
        total = active + len(choices)
        if total < m.MIN_ACTIVE_METRICS:
            return tr("Choose at least 2 outcomes to rate (3 at most).")
        if total > m.MAX_ACTIVE_METRICS:
            return tr("Choose at most 3 outcomes. Fewer is often easier to keep up.")
        seen: list[str] = list(existing)
        for choice in choices:
            error = m.validate_metric_name(choice.name, seen)
            if error:
                return error
            seen.append(choice.name)
        return None

    def finish(self, choices: Sequence[MetricChoice], baseline_days: int) -> None:
        error = self.validate_choices(choices)
        require(error is None, error or "", "metrics")
        error = validate_setting("baseline_days", baseline_days)
        require(error is None, error or "", "baseline_days")
        today = self._ctx.today()
        with self._ctx.transaction():
            repo = self._ctx.settings_repo
            repo.save("baseline_days", baseline_days)
            repo.save("disclaimer_acknowledged", today.isoformat())
            repo.save("onboarding_done", True)
            for choice in choices:
                self._ctx.metrics_repo.add(
                    choice.name.strip(), choice.direction, choice.description.strip(), today
                )
            self._ctx.reload_settings()
            self._roadmap.record_completions()
        self._ctx.hub.notify(
            self.AREA, tr("Saved: your metrics. Rate them once a day to map your baseline.")
        )

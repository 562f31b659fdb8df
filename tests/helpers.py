"""Small helpers shared by tests."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from plasticity_app.domain.metrics import PRESETS


def add_presets(journal: Any, count: int = 2) -> list[Any]:
    return [journal.metrics.add(p.name, p.direction, p.description) for p in PRESETS[:count]]


def rate_days(
    journal: Any, metrics: list[Any], days: int, *, end: date | None = None, value: int = 5
) -> None:
    end = end or journal.ctx.today()
    for i in range(days):
        day = end - timedelta(days=i)
        journal.metrics.check_in(day, {m.id: value for m in metrics})

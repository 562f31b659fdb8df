"""The full demo: every area's demo content, day by day."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from plasticity_app.controller.demo import DayHook, seed_demo
from plasticity_app.controller.habits_demo import habits_day
from plasticity_app.controller.learning_demo import learning_day, log_demo_opening
from plasticity_app.controller.review_demo import review_day

if TYPE_CHECKING:
    from plasticity_app.controller.journal import Journal

DAY_HOOKS: tuple[DayHook, ...] = (learning_day, habits_day, review_day)


def seed_full_demo(journal: Journal, today: date | None = None) -> None:
    seed_demo(journal, today, DAY_HOOKS, decide_opening=log_demo_opening)

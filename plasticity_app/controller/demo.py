"""A realistic demo journal (about ten weeks), written through the controllers day by day.

The clock is moved along the simulated days so that the roadmap records its completions on the
days they would really have happened. Deterministic: the same ``today`` gives the same journal.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from plasticity_app.domain.clock import FixedClock
from plasticity_app.domain.metrics import PRESETS

if TYPE_CHECKING:
    from plasticity_app.controller.journal import Journal

DEMO_DAYS = 70

DAY_NOTES = {
    2: "Long day at work. Kept replaying the meeting in my head.",
    5: "Skipped the team lunch again. Told myself nobody would notice.",
    9: "Talked with Dr. Osei about the baseline. She thinks the ratings look honest.",
    16: "Sent the email to Priya about the project idea. She replied within an hour!",
    23: "Bad night's sleep; everything felt harder.",
    30: "Spoke up in the planning meeting. Voice shook a bit, but it went fine.",
    38: "Noticed the ‘I always mess up’ thought and wrote it down instead of believing it.",
    45: "Weekend hike with Sam. Felt lighter afterwards.",
    52: "Presentation went okay. Recovered from one awkward question in minutes, not hours.",
    60: "A setback with the landlord. Annoyed, but it didn't take over the whole day.",
    66: "Asked a question in the workshop without rehearsing it ten times first.",
}

# Later areas add their own demo content: called once per simulated day, after the check-in.
DayHook = Callable[["Journal", int, date, random.Random], None]


def _trend(day_index: int, start: float, end: float, baseline_days: int) -> float:
    """Flat during the baseline, then a gradual, uneven move towards ``end``."""
    if day_index < baseline_days + 3:
        return start
    progress = (day_index - baseline_days - 3) / max(1, DEMO_DAYS - baseline_days - 3)
    eased = 1 - (1 - progress) ** 1.6
    return start + (end - start) * eased


def seed_demo(
    journal: Journal,
    today: date | None = None,
    day_hooks: tuple[DayHook, ...] = (),
    decide_opening: DayHook | None = None,
) -> None:
    """Fill an empty journal with about ten weeks of realistic entries ending ``today``.

    On day 11 step 2 is decided: by ``decide_opening`` when given (the full demo logs an
    opening), else marked as not needed.
    """
    real_clock = journal.clock
    today = today or journal.ctx.today()
    first = today - timedelta(days=DEMO_DAYS - 1)
    clock = FixedClock(datetime.combine(first, time(9, 0)))
    journal.clock = clock
    rng = random.Random(20261124)
    try:
        with journal.hub.batch("demo", "Demo journal ready"), journal.ctx.transaction():
            journal.settings.set("disclaimer_acknowledged", first.isoformat())
            journal.settings.set("onboarding_done", True)
            metrics = [journal.metrics.add(p.name, p.direction, p.description) for p in PRESETS]
            targets = [(7.2, 4.1), (3.4, 6.3), (6.8, 3.9)]
            for i in range(DEMO_DAYS):
                day = first + timedelta(days=i)
                clock.current = datetime.combine(day, time(21, 15))
                missed = i > 10 and rng.random() < 0.08
                if not missed:
                    ratings: dict[int, object] = {}
                    for metric, (start, end) in zip(metrics, targets, strict=True):
                        weekly = 0.5 * math.sin(i / 7 * 2 * math.pi)
                        mean = _trend(i, start, end, 7) + weekly + rng.gauss(0, 0.9)
                        ratings[metric.id] = int(min(10, max(0, round(mean))))
                    journal.metrics.check_in(day, ratings, DAY_NOTES.get(i))
                if i == 11:
                    if decide_opening is not None:
                        decide_opening(journal, i, day, rng)
                    else:
                        journal.roadmap.mark_opening_not_needed()
                for hook in day_hooks:
                    hook(journal, i, day, rng)
    finally:
        journal.clock = real_clock

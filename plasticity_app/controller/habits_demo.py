"""Demo habits: the four supports and one habit of the person's own, kept imperfectly."""

from __future__ import annotations

import random
from datetime import date
from typing import TYPE_CHECKING

from plasticity_app.domain.habits import BuiltinKey, EntryStatus, HabitKind, Target
from plasticity_app.domain.metrics import Direction

if TYPE_CHECKING:
    from plasticity_app.controller.journal import Journal

CUSTOM_NAME = "Self-compassion pause"

GRATITUDE_NOTES = (
    "Coffee with Sam; I asked for help with the report and it was fine.",
    "The sun on the walk home. Finished the slides a day early.",
    "My sister called. I told her about the workshop without playing it down.",
    "A colleague thanked me for the notes I shared.",
    "Cooked something new and it worked. Slept well.",
    "Said no to an extra task, politely, and nothing bad happened.",
    "Quiet evening with a book. Proud I went to the gym after all.",
    "The barista remembered my name. Small things.",
    "Got through the difficult call calmly.",
    "Spanish class: I spoke up twice.",
)


def _good_day(journal: Journal, day: date) -> float:
    """How good the day's check-in was, -1 … +1 (0 when not rated), so that the demo shows the
    kind of association a real journal might: supports kept more on better days."""
    repo = journal.ctx.metrics_repo
    scores = []
    for metric in repo.active():
        for entry in repo.entries([metric.id], start=day, end=day):
            value = entry.value if metric.direction is Direction.HIGHER else 10 - entry.value
            scores.append((value - 5) / 5)
    return sum(scores) / len(scores) if scores else 0.0


def habits_day(journal: Journal, index: int, day: date, rng: random.Random) -> None:
    """Fill one simulated day of every active habit, with realistic gaps."""
    controller = journal.habits
    habits = controller.habits()
    if not any(h.is_builtin for h in habits):
        return
    if not any(h.name == CUSTOM_NAME for h in controller.habits(include_archived=True)):
        controller.add_habit(
            CUSTOM_NAME,
            HabitKind.YES_NO,
            target=Target(5, 7),
            description="One minute of speaking to myself as I would to a friend.",
        )
        habits = controller.habits()
    travelling = index % 23 in (19, 20)  # a weekend away every few weeks
    weekday = day.weekday()
    lift = 0.25 * _good_day(journal, day)
    for habit in habits:
        if travelling and rng.random() < 0.8:
            controller.record(habit.id, day, EntryStatus.SKIPPED)
            continue
        key = habit.builtin_key
        if key == BuiltinKey.GRATITUDE:
            if rng.random() < 0.7 + lift / 2:
                controller.set_note(habit.id, day, rng.choice(GRATITUDE_NOTES))
        elif key == BuiltinKey.NOVEL_LEARNING:
            if (weekday in (1, 5) and rng.random() < 0.75) or rng.random() < 0.08:
                controller.record(habit.id, day, EntryStatus.DONE)
        elif key == BuiltinKey.SLEEP:
            if rng.random() < 0.9:
                hours = round(rng.gauss(7.6, 0.7) * 4) / 4
                controller.set_quantity(habit.id, day, f"{min(10.5, max(4.5, hours))}")
        elif key == BuiltinKey.EXERCISE:
            if weekday in (0, 2, 5) and rng.random() < 0.6 + lift:
                minutes = rng.choice((20, 25, 30, 40, 45))
                controller.record(habit.id, day, EntryStatus.DONE, quantity=minutes)
        elif habit.name == CUSTOM_NAME and rng.random() < 0.6 + lift:
            controller.record(habit.id, day, EntryStatus.DONE)

"""Demo weekly reviews: written on the first day of each week once step 5 is open."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING

from plasticity_app.domain import review as rv

if TYPE_CHECKING:
    from plasticity_app.controller.journal import Journal

REFLECTIONS = [
    (
        "Talking it through with Dr. Osei before trying something new.",
        "That people will think I'm stupid if I ask a question in the workshop.",
        "Sleep: lights out by 23:00 on weeknights.",
        "A steadier week. The harsh voice was quieter after the presentation went okay.",
    ),
    (
        "Starting the day with the gratitude note seems to set a kinder tone.",
        "That I have to rehearse everything ten times before I can speak.",
        "The walks with Sam. They are the easiest to keep up.",
        "Work was heavy on Thursday and I slipped back a bit, but recovered by the weekend.",
    ),
    (
        "Short practice right after therapy, while the ideas are fresh.",
        "That a small mistake means I'm careless.",
        "Novel learning: the Spanish lessons on Tuesdays and Saturdays.",
        "Noticed I bounced back faster from the landlord argument than I would have in September.",
    ),
]


def review_day(journal: Journal, index: int, day: date, rng: random.Random) -> None:
    """On the first day of a week, review the week that just ended (when step 5 is open)."""
    controller = journal.review
    if day != controller.week_of(day) or not controller.step5_open():
        return
    week = day - timedelta(days=7)
    if controller.answers(week) is not None:
        return
    report = controller.report(week)
    opening, belief, habit, notes = REFLECTIONS[len(controller.reviewed_weeks()) % len(REFLECTIONS)]
    decisions = []
    for practice, _label in report.decision_labels.items():
        choice = rv.Decision.KEEP if rng.random() < 0.75 else rv.Decision.ADJUST
        note = "" if choice is rv.Decision.KEEP else "Smaller and more often."
        habit_id = int(practice.split(":")[1]) if practice.startswith("habit:") else None
        decisions.append(rv.PracticeDecision(practice, choice, note, habit_id))
    controller.save(
        rv.ReviewAnswers(
            week_start=week,
            reflection_opening=opening,
            reflection_belief=belief,
            reflection_habit=habit,
            notes=notes,
            decisions=tuple(decisions),
        )
    )

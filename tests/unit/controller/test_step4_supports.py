"""Step 4 completes on the 7th day on which at least one support was done (issue 14 item 4), as
the journal records it: ticks, notes and amounts through the controller, days passing, a
completion recorded earlier kept."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from plasticity_app.domain.habits import EntryStatus
from plasticity_app.domain.roadmap import StepState
from tests.unit.controller.test_habits_controller import complete_step3


def _supports(journal: Any) -> dict[str, int]:
    return {h.builtin_key: h.id for h in journal.habits.habits()}


def test_seven_days_without_a_tick_do_not_complete_step4(journal: Any, clock: Any) -> None:
    complete_step3(journal)
    clock.advance(days=10)
    roadmap = journal.roadmap.roadmap()
    assert roadmap.step(4).state is StepState.ACTIVE
    assert roadmap.step(4).progress[0].text == "Days with at least one support done: 0 of 7"
    assert roadmap.step(5).state is StepState.LOCKED
    journal.habits.skip(_supports(journal)["exercise"], journal.habits.today())
    assert 4 not in journal.ctx.completions()
    assert not journal.review.step5_open()


def test_the_seventh_day_with_a_support_completes_step4_and_is_recorded(
    journal: Any, clock: Any
) -> None:
    complete_step3(journal)
    opened = journal.ctx.completions()[3]
    ids = _supports(journal)
    clock.advance(days=20)
    # Every other day; a sleep night out of range and a skipped day don't count.
    days = [opened + timedelta(days=2 * i) for i in range(7)]
    for day in days[:6]:
        journal.habits.toggle(ids["novel_learning"], day)
    journal.habits.set_quantity(ids["sleep"], days[6], "4")  # 4 h: outside 7–9 h
    journal.habits.skip(ids["exercise"], days[6])
    assert journal.roadmap.roadmap().step(4).progress[0].done == 6
    assert 4 not in journal.ctx.completions()
    journal.habits.set_note(ids["gratitude"], days[6], "A walk with Sam.")
    assert journal.ctx.completions()[4] == days[6]
    assert journal.roadmap.roadmap().step(5).state is StepState.ONGOING
    # Later edits never undo it (the roadmap's rule).
    journal.habits.clear(ids["gratitude"], days[6])
    roadmap = journal.roadmap.roadmap()
    assert roadmap.step(4).state is StepState.COMPLETE
    assert roadmap.step(4).progress[0].done == 6
    assert any("stays complete" in note for note in roadmap.step(4).notes)


def test_archived_supports_still_count(journal: Any, clock: Any) -> None:
    complete_step3(journal)
    opened = journal.ctx.completions()[3]
    ids = _supports(journal)
    clock.advance(days=8)
    for i in range(7):
        journal.habits.record(ids["exercise"], opened + timedelta(days=i), EntryStatus.DONE)
    assert journal.ctx.completions()[4] == opened + timedelta(days=6)
    journal.habits.archive(ids["exercise"])
    assert journal.roadmap.roadmap().step(4).progress[0].done == 7


def test_support_days_read_in_batches_find_the_same_days(journal: Any, clock: Any) -> None:
    # More entries than one read batch (64) on the first days, none of which count, then the days
    # that do: the batches move on and find them.
    complete_step3(journal)
    opened = journal.ctx.completions()[3]
    ids = _supports(journal)
    clock.advance(days=60)
    for i in range(40):
        day = opened + timedelta(days=i)
        journal.habits.set_quantity(ids["sleep"], day, "3")  # out of range: doesn't count
        journal.habits.set_quantity(ids["sleep"], day, "3")
        journal.habits.toggle(ids["novel_learning"], day)
        journal.habits.toggle(ids["novel_learning"], day)  # skipped: doesn't count
    assert journal.habits.support_days(opened, journal.habits.today()) == []
    later = [opened + timedelta(days=41 + i) for i in range(9)]
    for day in later:
        journal.habits.toggle(ids["exercise"], day)
    assert journal.habits.support_days(opened, journal.habits.today()) == later[:7]
    assert journal.ctx.completions()[4] == later[6]


def test_a_completion_recorded_under_the_old_rule_is_kept(journal: Any, clock: Any) -> None:
    complete_step3(journal)
    opened = journal.ctx.completions()[3]
    with journal.ctx.transaction():
        journal.ctx.steps_repo.record(4, opened + timedelta(days=7), False)
    clock.advance(days=9)
    roadmap = journal.roadmap.roadmap()
    assert roadmap.step(4).state is StepState.COMPLETE
    assert roadmap.step(4).completed_on == opened + timedelta(days=7)
    assert roadmap.step(4).progress[0].text == "Days with at least one support done: 0 of 7"
    assert roadmap.step(5).state is StepState.ONGOING

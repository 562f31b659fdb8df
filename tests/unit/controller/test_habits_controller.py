"""The habits controller: built-ins when step 4 opens, bad input refused at its field with nothing
stored, ticks, skips, notes and amounts, the week's adherence and the review's habit lines."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from plasticity_app.controller.base import Change
from plasticity_app.controller.history import Step
from plasticity_app.domain import habits as hb
from plasticity_app.domain import review as rv
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.habits import EntryStatus, HabitKind, Target
from plasticity_app.domain.roadmap import StepState
from tests.unit.controller.test_learning_controller import open_step3, plan, result


def complete_step3(journal: Any) -> None:
    open_step3(journal)
    experiment = journal.learning.plan_experiment(plan(journal))
    journal.learning.record_outcome(experiment.id, result(journal))


def changes(journal: Any) -> list[Change]:
    seen: list[Change] = []
    journal.hub.changed.connect(seen.append)
    return seen


def test_the_four_supports_appear_when_step_4_opens(journal: Any) -> None:
    assert journal.habits.habits() == []
    assert journal.habits.lock_reason() is not None
    complete_step3(journal)
    names = [h.name for h in journal.habits.habits()]
    assert names == ["Gratitude note", "Novel learning", "Sleep", "Exercise"]
    assert journal.habits.lock_reason() is None
    sleep = next(h for h in journal.habits.habits() if h.builtin_key == "sleep")
    assert sleep.kind is HabitKind.QUANTITY
    assert sleep.target.describe(sleep.unit) == "Every day · counts at 7–9 hours"
    exercise = next(h for h in journal.habits.habits() if h.builtin_key == "exercise")
    assert exercise.target.describe() == "2–4 times a week"
    step4 = journal.roadmap.roadmap().step(4)
    assert step4.state is StepState.ACTIVE
    assert step4.notes and "supports" in step4.notes[0]


def test_builtins_are_created_once_and_their_targets_can_be_edited(
    journal: Any, data_dir: Any
) -> None:
    from plasticity_app.controller.journal import Journal

    complete_step3(journal)
    exercise = next(h for h in journal.habits.habits() if h.builtin_key == "exercise")
    journal.habits.update_habit(exercise.id, target=Target(3, 7, 5))
    journal.habits.archive(exercise.id)
    journal.close()
    again = Journal(data_dir, journal.clock)
    try:
        habits = again.habits.habits(include_archived=True)
        assert len(habits) == 4
        stored = again.habits.habit(exercise.id)
        assert stored.target == Target(3, 7, 5) and stored.archived
    finally:
        again.close()


def test_a_custom_habit_with_a_range_target(journal: Any) -> None:
    seen = changes(journal)
    habit_id = journal.habits.add_habit(
        "Reading", "quantity", unit="pages", target=Target(2, 7, 4, daily_min=10)
    )
    habit = journal.habits.habit(habit_id)
    assert habit.target.describe(habit.unit) == "2–4 times a week · counts at 10 pages or more"
    assert [c.message for c in seen] == ["Added habit “Reading”"]


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"name": "  "}, "name", "Give the habit a name."),
        ({"name": "reading"}, "name", "You already have a habit called “reading”."),
        ({"target": Target(3, 7, 2)}, "max_times", "The maximum can’t be below the minimum."),
        ({"target": Target(1, 0)}, "period_days", "The period must be at least 1 day."),
        ({"kind": "quantity", "unit": ""}, "unit", "Say what you count"),
        (
            {"kind": "quantity", "unit": "h", "target": Target.daily(daily_min=9, daily_max=7)},
            "daily_max",
            "below the daily minimum",
        ),
    ],
)
def test_bad_habits_are_refused_at_their_field(
    journal: Any, kwargs: dict[str, Any], field: str, message: str
) -> None:
    journal.habits.add_habit("Reading", "yes_no")
    args = {"name": "Walk", "kind": "yes_no", **kwargs}
    name, kind = args.pop("name"), args.pop("kind")
    with pytest.raises(UserError) as caught:
        journal.habits.add_habit(name, kind, **args)
    assert caught.value.field == field
    assert message in caught.value.message
    assert [h.name for h in journal.habits.habits()] == ["Reading"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("26", "A night can’t be longer than 24 hours (you entered 26)."),
        ("-1", "Hours can’t be negative."),
        ("lots", "Enter just a number of hours, like 7.5."),
    ],
)
def test_bad_amounts_store_nothing(journal: Any, text: str, message: str) -> None:
    complete_step3(journal)
    sleep = next(h for h in journal.habits.habits() if h.builtin_key == "sleep")
    today = journal.habits.today()
    with pytest.raises(UserError) as caught:
        journal.habits.set_quantity(sleep.id, today, text)
    assert caught.value.message == message
    assert caught.value.field == "quantity"
    assert journal.habits.entries() == []


def test_amounts_notes_ticks_and_skips(journal: Any) -> None:
    complete_step3(journal)
    by_key = {h.builtin_key: h for h in journal.habits.habits()}
    today = journal.habits.today()
    journal.habits.set_quantity(by_key["sleep"].id, today, "7:30")
    assert journal.habits.entry(by_key["sleep"].id, today).quantity == 7.5
    journal.habits.set_note(by_key["gratitude"].id, today, "  Coffee with Sam.  ")
    assert journal.habits.entry(by_key["gratitude"].id, today).note == "Coffee with Sam."
    learning = by_key["novel_learning"].id
    journal.habits.toggle(learning, today)
    assert journal.habits.entry(learning, today).status is EntryStatus.DONE
    journal.habits.toggle(learning, today)
    assert journal.habits.entry(learning, today).status is EntryStatus.SKIPPED
    journal.habits.toggle(learning, today)
    assert journal.habits.entry(learning, today) is None
    with pytest.raises(UserError, match="hasn’t happened yet"):
        journal.habits.toggle(learning, today + timedelta(days=1))
    with pytest.raises(UserError, match="characters or fewer"):
        journal.habits.set_note(by_key["gratitude"].id, today, "x" * (hb.NOTE_MAX_CHARS + 1))
    assert journal.habits.entry(by_key["gratitude"].id, today).note == "Coffee with Sam."
    # An empty amount or note clears the day.
    journal.habits.set_quantity(by_key["sleep"].id, today, "")
    assert journal.habits.entry(by_key["sleep"].id, today) is None


def test_the_week_row_reads_adherence_streaks_and_strength(journal: Any) -> None:
    habit_id = journal.habits.add_habit("Walk", "yes_no", target=Target(2, 7, 4))
    today = journal.habits.today()  # Monday 23 November 2026
    week = today - timedelta(days=7)
    for offset in (0, 2, 4):
        journal.clock.current -= timedelta(days=0)
        journal.habits.toggle(habit_id, week + timedelta(days=offset))
    journal.habits.skip(habit_id, week + timedelta(days=6))
    (row,) = journal.habits.week(week)
    assert row.adherence.reading == "3 of 2–4 this week (1 skipped)"
    assert row.adherence.verdict is hb.Verdict.MET
    assert row.best_streak.reading == "1 week"
    expected = hb.strength_on(
        journal.habits.habit(habit_id), journal.habits.entries(), week + timedelta(days=6)
    )
    assert row.strength == pytest.approx(expected)
    assert 0 < row.strength < 1


def test_archive_restore_reorder_and_undo_a_delete(journal: Any) -> None:
    steps: list[Step] = []
    journal.history.recorded.connect(steps.append)
    a = journal.habits.add_habit("A", "yes_no")
    b = journal.habits.add_habit("B", "yes_no")
    c = journal.habits.add_habit("C", "yes_no")
    journal.habits.move(c, -2)
    assert [h.name for h in journal.habits.habits()] == ["C", "A", "B"]
    journal.habits.archive(a)
    assert [h.name for h in journal.habits.habits()] == ["C", "B"]
    assert [h.name for h in journal.habits.archived()] == ["A"]
    journal.habits.restore(a)
    assert [h.name for h in journal.habits.habits()] == ["C", "B", "A"]
    journal.habits.toggle(b, journal.habits.today())
    journal.habits.delete(b)
    assert journal.habits.entries() == []
    journal.history.undo(steps[-1])
    assert [h.name for h in journal.habits.habits()] == ["C", "B", "A"]
    assert len(journal.habits.entries(b)) == 1


def test_habits_and_entries_are_exported(journal: Any, tmp_path: Any) -> None:
    habit_id = journal.habits.add_habit(
        "Sleep well", "quantity", unit="hours", target=Target.daily(daily_min=7)
    )
    journal.habits.set_quantity(habit_id, journal.habits.today(), "7.25")
    document = journal.export.document()
    assert document["habits"][0]["name"] == "Sleep well"
    assert document["habits"][0]["target"]["daily_min"] == 7
    assert document["habit_entries"] == [
        {"habit_id": habit_id, "date": "2026-11-23", "status": "done", "quantity": 7.25, "note": ""}
    ]
    json.dumps(document)


def test_the_review_shows_habits_and_drop_archives_them(journal: Any) -> None:
    complete_step3(journal)
    by_key = {h.builtin_key: h for h in journal.habits.habits()}
    today = journal.habits.today()
    journal.habits.set_quantity(by_key["sleep"].id, today, "8")
    report = journal.review.report(today)
    lines = {line.name: line for line in report.habits}
    assert lines["Sleep"].adherence == "1 of 7 so far this week"
    assert report.decision_labels[f"habit:{by_key['sleep'].id}"] == "Sleep"
    assert not report.is_empty
    decision = rv.PracticeDecision(
        f"habit:{by_key['exercise'].id}",
        rv.Decision.DROP,
        "Too much right now",
        by_key["exercise"].id,
    )
    journal.review.save(
        rv.ReviewAnswers(week_start=journal.review.week_of(today), decisions=(decision,))
    )
    assert journal.habits.habit(by_key["exercise"].id).archived


def test_a_dropped_habit_keeps_its_name_and_its_decision(journal: Any, qapp: Any) -> None:
    # Issue 14 item 5: after saving, the summary said "habit:2" and the decision's row was gone.
    from plasticity_app.ui.summary_renderer import build_document

    complete_step3(journal)
    exercise = next(h for h in journal.habits.habits() if h.builtin_key == "exercise")
    today = journal.habits.today()
    practice = f"habit:{exercise.id}"
    decision = rv.PracticeDecision(practice, rv.Decision.DROP, "Too much right now", exercise.id)
    keep = rv.PracticeDecision("experiments", rv.Decision.KEEP)
    journal.review.save(
        rv.ReviewAnswers(week_start=journal.review.week_of(today), decisions=(decision, keep))
    )
    report = journal.review.report(today)
    assert report.decisions == (decision, keep)
    assert report.decision_labels[practice] == "Exercise (archived)"
    text = build_document(report, 600).toPlainText()
    assert "Exercise (archived)" in text and "Drop" in text
    assert "habit:" not in text
    # A habit deleted altogether is still not shown by its key.
    journal.habits.delete(exercise.id)
    report = journal.review.report(today)
    assert [d.practice for d in report.decisions] == [practice, "experiments"]
    assert report.decision_labels[practice] == "A practice no longer in the journal"
    assert "habit:" not in build_document(report, 600).toPlainText()


def test_the_demo_keeps_habits_imperfectly(journal: Any) -> None:
    from plasticity_app.controller.demo_all import seed_full_demo

    seed_full_demo(journal)
    habits = journal.habits.habits()
    assert len(habits) == 5
    rows = journal.habits.week(journal.habits.today() - timedelta(days=7))
    verdicts = {row.adherence.verdict for row in rows}
    assert len(verdicts) > 1, "some weeks met, some not: realistic, imperfect adherence"
    entries = journal.habits.entries()
    assert any(e.status is EntryStatus.SKIPPED for e in entries)
    days = {e.day for e in entries}
    assert len(days) > 35

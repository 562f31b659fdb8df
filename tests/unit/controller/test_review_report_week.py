"""A week's review reads only that week's records (and each habit's history as plain rows):
what it shows must be what reading everything and keeping the week's gave."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from plasticity_app.controller.journal import Journal
from plasticity_app.db.habits_repo import HabitRepository
from plasticity_app.domain import habits as hb
from plasticity_app.domain.clock import FixedClock


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Journal]:
    from plasticity_app.controller.demo_all import seed_full_demo

    folder: Path = tmp_path_factory.mktemp("demo")
    journal = Journal(folder / "journal", FixedClock(datetime(2026, 11, 23, 20, 0)))
    seed_full_demo(journal)
    # Some experiments done in a later week than they were planned for: those count in the
    # week they were done (the demo does each on its planned day).
    from plasticity_app.db.records import ExperimentRecord

    done = [x for x in journal.learning.experiments() if x.result is not None]
    assert len(done) >= 2
    for x, days in zip(done[-2:], (9, 16), strict=True):
        later = x.plan.planned_date + timedelta(days=days)
        ExperimentRecord.update(done_date=later).where(ExperimentRecord.id == x.id).execute()
    yield journal
    journal.close()


def test_every_week_shows_what_reading_everything_showed(demo: Journal) -> None:
    learning, habits = demo.learning, demo.habits
    today = demo.ctx.today()
    experiments, thoughts = learning.experiments(), learning.thought_records()
    sessions, entries = learning.sessions(), habits.entries()
    ratings = demo.ctx.metrics_repo.entries()
    assert experiments and thoughts and sessions and entries
    first = min(e.plan.planned_date for e in experiments) - timedelta(days=14)
    week = demo.review.week_of(first)
    weeks_with_records = 0
    while week <= today:
        end = min(week + timedelta(days=6), today)
        report = demo.review.report(week)

        def day_of(x: object) -> date:
            return x.result.done_date if x.result is not None else x.plan.planned_date  # type: ignore[attr-defined]

        expected = [x for x in experiments if week <= day_of(x) <= end]
        expected.sort(key=lambda x: (x.status.value != "done", day_of(x)))
        assert [(line.title, line.day) for line in report.experiments] == [
            (x.title, day_of(x)) for x in expected
        ]
        assert sorted(line.day for line in report.thought_records) == sorted(
            t.day for t in thoughts if week <= t.day <= end
        )
        assert [line.day for line in report.learning_sessions] == sorted(
            s.day for s in sessions if week <= s.day <= end
        )
        weeks_with_records += bool(report.experiments or report.learning_sessions)
        baseline_end = demo.ctx.steps_repo.completions().get(1)
        for section in report.metrics:
            m_id = section.week.metric_id
            baseline = [e.value for e in ratings if e.metric_id == m_id and e.day <= baseline_end]
            in_week = {
                e.day: e.value
                for e in ratings
                if e.metric_id == m_id and week <= e.day <= week + timedelta(days=6)
            }
            assert section.week.baseline.n == len(baseline)
            assert section.week.baseline.mean == pytest.approx(sum(baseline) / len(baseline))
            assert [(p.day, p.value) for p in section.days] == [
                (p.day, in_week.get(p.day)) for p in section.days
            ]
        for line in report.habits:
            habit = habits.habit(line.habit_id)
            own = [e for e in entries if e.habit_id == habit.id and e.day <= end]
            assert line.strength == (hb.strength_on(habit, own, end) if own else 0.0)
            in_week = [e for e in own if e.day >= week]
            adherence = hb.week_adherence(habit, own, week, today=today)
            assert (line.adherence, line.done) == (adherence.reading, adherence.done)
            assert len(in_week) >= adherence.done
        week += timedelta(days=7)
    assert weeks_with_records > 3


def test_strengths_of_habits_with_few_or_odd_entries(journal: Journal) -> None:
    """Habits with only skipped or missed days, only days after the one asked for, amounts out
    of range and empty notes: the strengths read as days are those the entries give."""
    habits = journal.habits
    today = journal.ctx.today()
    ids = {
        "skips": habits.add_habit("Only skips", "yes_no"),
        "misses": habits.add_habit("Only misses", "yes_no"),
        "later": habits.add_habit("Only later", "yes_no"),
        "amount": habits.add_habit(
            "Sleep enough", "quantity", unit="hours", target=hb.Target(1, 1, daily_min=7.0)
        ),
        "note": habits.add_habit("Thanks", "note"),
        "none": habits.add_habit("Nothing yet", "yes_no"),
    }
    day = today - timedelta(days=20)
    for i in range(20):
        d = today - timedelta(days=40 - i)
        habits.record(ids["skips"], d, "skipped")
        habits.record(ids["misses"], d, "missed")
        habits.record(ids["amount"], d, "done", quantity=str(5 + i % 4))
        if i % 3:
            note = "grateful" if i % 2 else " \u2003"  # blank: imported, the app won't take it
            with journal.ctx.transaction():
                HabitRepository().put_entry(
                    hb.HabitEntry(ids["note"], d, hb.EntryStatus.DONE, None, note)
                )
        else:
            habits.record(ids["note"], d, "skipped")
    habits.record(ids["later"], today - timedelta(days=2), "done")
    all_habits = habits.habits(include_archived=True)
    strengths = habits.strengths_on(all_habits, day)
    entries = habits.entries(end=day)
    for habit in all_habits:
        own = [e for e in entries if e.habit_id == habit.id]
        if not own:
            assert habit.id not in strengths
            continue
        assert strengths[habit.id] == hb.strength_on(habit, own, day), habit.name
    assert ids["later"] not in strengths and ids["none"] not in strengths
    assert strengths[ids["amount"]] > 0 and strengths[ids["note"]] > 0
    assert strengths[ids["skips"]] == 0.0 and strengths[ids["misses"]] == 0.0

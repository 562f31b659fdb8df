"""What each area contributes to a week's review and printed summary."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from plasticity_app.db.review_repo import ReviewRepository
from plasticity_app.domain import dates
from plasticity_app.domain import experiments as ex
from plasticity_app.domain import habits as hb
from plasticity_app.domain import review as rv
from plasticity_app.domain.clock import journal_day
from plasticity_app.domain.text import tr
from plasticity_app.domain.week_report import ExperimentLine, HabitLine, SimpleLine

if TYPE_CHECKING:
    from plasticity_app.controller.journal import Journal


def learning_part(journal: Journal, start: date, end: date, today: date) -> dict[str, Any]:
    """Experiments done or planned in the week, thought records, sessions, and the opening."""
    learning = journal.learning
    # Only the week's records are read; the checks below still decide what is shown.
    week = ReviewRepository()
    experiments = []
    for x in ex.sort_for_list(week.week_experiments(start, end), today):
        day = x.result.done_date if x.result is not None else x.plan.planned_date
        if not start <= day <= end:
            continue
        experiments.append(
            ExperimentLine(
                title=x.title,
                status=x.status.value,
                day=day,
                belief_before=x.plan.belief_before,
                belief_after=x.result.belief_after if x.result else None,
                prediction_came_true=(
                    x.result.prediction_came_true.label
                    if x.result and x.result.prediction_came_true
                    else ""
                ),
                learned=x.result.learned if x.result else "",
            )
        )
    experiments.sort(key=lambda line: (line.status != "done", line.day or start))
    thoughts = []
    for record in week.week_thought_records(start, end):
        if start <= record.day <= end:
            text = record.automatic_thought or record.situation
            if record.balanced_thought:
                text += f" → {record.balanced_thought}"
            thoughts.append(SimpleLine(record.day, text))
    sessions = [
        SimpleLine(
            s.day,
            (
                tr("{kind}, {minutes} min: {notes}") if s.notes else tr("{kind}, {minutes} min")
            ).format(kind=s.kind.label, minutes=s.minutes, notes=s.notes),
        )
        for s in week.week_sessions(start, end)
        if start <= s.day <= end
    ]
    opening = ""
    latest = learning.latest_opening()
    if latest is not None:
        op, pairing = latest
        on = journal_day(op.at, journal.ctx.settings.day_start_hour)  # the day it counts for
        if start <= on <= end or (
            pairing.paired_day is not None and start <= pairing.paired_day <= end
        ):
            opening = (
                tr("Opening: {kind} on {day} with {clinician}. {pairing}")
                if op.clinician
                else tr("Opening: {kind} on {day}. {pairing}")
            ).format(
                kind=op.kind.label,
                day=dates.long_day(on),
                clinician=op.clinician,
                pairing=pairing.sentence(),
            )
    return {
        "experiments": tuple(experiments),
        "thought_records": tuple(sorted(thoughts, key=lambda t: t.day)),
        "learning_sessions": tuple(sorted(sessions, key=lambda t: t.day)),
        "opening": opening,
    }


def habits_part(journal: Journal, start: date, end: date, today: date) -> dict[str, Any]:
    """Each habit's week against its target and strength, what seems to move the needle over the
    last four weeks (an association), and a keep / drop / adjust line per active habit."""
    controller = journal.habits
    habits = controller.habits(include_archived=True)
    window_start = end - timedelta(days=rv.NEEDLE_WINDOW_DAYS - 1)
    # The entries of the days looked at here (the week, the needle's window); each strength
    # needs its habit's whole history, which is read as days, not entries.
    by_habit: dict[int, list[hb.HabitEntry]] = {}
    for e in controller.entries(start=min(start, window_start), end=end):
        by_habit.setdefault(e.habit_id, []).append(e)
    strengths = controller.strengths_on(habits, end)
    lines = []
    labels: dict[str, str] = {}
    for habit in habits:
        in_week = [e for e in by_habit.get(habit.id, []) if start <= e.day]
        if habit.archived and not in_week:
            continue
        if habit.created > end and habit.id not in strengths:  # no entries by then
            continue
        adherence = hb.week_adherence(habit, in_week, start, today=today)
        strength = strengths.get(habit.id, 0.0)
        lines.append(
            HabitLine(
                habit.id,
                habit.name,
                adherence.reading,
                adherence.verdict.value,
                strength,
                habit.archived,
                adherence.done,
            )
        )
        if not habit.archived:
            labels[f"habit:{habit.id}"] = habit.name
    names = {f"habit:{habit.id}": habit.name for habit in habits}
    window = [window_start + timedelta(days=i) for i in range((end - window_start).days + 1)]
    done: dict[int, set[date]] = {}
    recorded: dict[int, set[date]] = {}
    for habit in habits:
        own = [e for e in by_habit.get(habit.id, []) if e.day >= window_start]
        done[habit.id] = {e.day for e in own if hb.entry_counts(habit, e)}
        skipped = {e.day for e in own if e.status is hb.EntryStatus.SKIPPED}
        since = max(window_start, habit.created)
        recorded[habit.id] = {d for d in window if d >= since} - skipped
    metrics = [(m.id, m.name, m.direction) for m in journal.ctx.metrics_repo.active()]
    ratings: dict[int, dict[date, float]] = {m_id: {} for m_id, _name, _direction in metrics}
    for rating in journal.ctx.metrics_repo.entries(ratings, start=window_start, end=end):
        ratings[rating.metric_id][rating.day] = rating.value  # one read for all the metrics
    needle = rv.needle_signals(
        [(h.id, h.name) for h in habits],
        done,
        recorded,
        metrics,
        ratings,
        window=window,
    )
    return {
        "habits": tuple(lines),
        "needle": tuple(needle),
        "decision_labels": labels,
        "practice_names": names,
    }


def install(journal: Journal) -> None:
    """Register every area that exists in this journal as a review contributor."""
    if hasattr(journal, "learning"):
        journal.review.contributors.append(
            lambda start, end, today: learning_part(journal, start, end, today)
        )
    if hasattr(journal, "habits"):
        journal.review.contributors.append(
            lambda start, end, today: habits_part(journal, start, end, today)
        )

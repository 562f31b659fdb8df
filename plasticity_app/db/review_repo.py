"""Weekly reviews and their keep / drop / adjust decisions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, cast

import peewee as pw

from plasticity_app.db.learning_repo import _experiment, _session, _thought
from plasticity_app.db.records import (
    ExperimentRecord,
    LearningSessionRecord,
    ReviewDecisionRecord,
    ReviewRecord,
    ThoughtRecordRecord,
)
from plasticity_app.domain.experiments import Experiment
from plasticity_app.domain.learning import LearningSession
from plasticity_app.domain.review import Decision, PracticeDecision, ReviewAnswers
from plasticity_app.domain.thought_records import ThoughtRecord


def _answers(r: ReviewRecord) -> ReviewAnswers:
    decisions = tuple(
        PracticeDecision(d.practice, Decision(d.decision), d.note, d.habit_id)  # type: ignore[attr-defined]
        for d in ReviewDecisionRecord.select()
        .where(ReviewDecisionRecord.review == r.id)
        .order_by(ReviewDecisionRecord.id)
    )
    return ReviewAnswers(
        week_start=r.week_start,
        reflection_opening=r.reflection_opening,
        reflection_belief=r.reflection_belief,
        reflection_habit=r.reflection_habit,
        notes=r.notes,
        decisions=decisions,
    )


def _day_between(column: Any, start: date, end: date) -> Any:
    """The stored day (its first ten characters, as the records are read) from start to end."""
    day = pw.fn.substr(column, 1, 10)
    return (day >= start.isoformat()) & (day <= end.isoformat())


def _rows(query: Any) -> Any:
    """A query's rows as SQLite gives them (no records, no conversions)."""
    sql, params = query.sql()
    return query.model._meta.database.execute_sql(sql, params)


_TABLE = ReviewRecord._meta.table_name


class ReviewRepository:
    def get(self, week_start: date) -> ReviewAnswers | None:
        r = ReviewRecord.get_or_none(ReviewRecord.week_start == week_start)
        return None if r is None else _answers(r)

    def weeks(self) -> list[date]:
        # Plain tuples: every change asks for these (the roadmap's review facts), and building a
        # record per reviewed week cost ~4 ms on a ten-year journal.
        query = ReviewRecord.select(ReviewRecord.week_start).order_by(ReviewRecord.week_start)
        rows = cast(Iterable[tuple[date]], query.tuples())
        return [row[0] for row in rows]

    def count(self) -> int:
        db: Any = ReviewRecord._meta.database
        return int(db.execute_sql(f'SELECT COUNT(*) FROM "{_TABLE}"').fetchone()[0])

    def has_week(self, week_start: date) -> bool:
        db: Any = ReviewRecord._meta.database
        found = db.execute_sql(
            f'SELECT 1 FROM "{_TABLE}" WHERE week_start = ? LIMIT 1', (week_start.isoformat(),)
        )
        return found.fetchone() is not None

    def save(self, answers: ReviewAnswers) -> bool:
        """Insert or update the week's one review; return True when it was new."""
        now = datetime.now().isoformat(timespec="seconds")
        fields = {
            "reflection_opening": answers.reflection_opening,
            "reflection_belief": answers.reflection_belief,
            "reflection_habit": answers.reflection_habit,
            "notes": answers.notes,
        }
        record = ReviewRecord.get_or_none(ReviewRecord.week_start == answers.week_start)
        created = record is None
        if record is None:
            record = ReviewRecord.create(
                week_start=answers.week_start, created=now, updated=now, **fields
            )
        else:
            ReviewRecord.update(updated=now, **fields).where(ReviewRecord.id == record.id).execute()
        existing = {
            d.practice: d
            for d in ReviewDecisionRecord.select().where(ReviewDecisionRecord.review == record.id)
        }
        wanted = {d.practice for d in answers.decisions}
        for practice, d in existing.items():
            if practice not in wanted:
                d.delete_instance()
        for choice in answers.decisions:
            values = {
                "decision": choice.decision.value,
                "note": choice.note,
                "habit": choice.habit_id,
            }
            if choice.practice in existing:
                ReviewDecisionRecord.update(**values).where(
                    ReviewDecisionRecord.id == existing[choice.practice].id
                ).execute()
            else:
                ReviewDecisionRecord.create(review=record.id, practice=choice.practice, **values)
        return created

    # What a week's review reads of the learning area: only that week's records (a summary
    # read all of ten years, 1,000 records made into objects, to keep a handful).
    def week_experiments(self, start: date, end: date) -> list[Experiment]:
        """Those done from ``start`` to ``end``, and those not done planned then; by plan."""
        done = ExperimentRecord.done_date
        query = ExperimentRecord.select().where(
            (done.is_null(False) & _day_between(done, start, end))
            | (done.is_null() & _day_between(ExperimentRecord.planned_date, start, end))
        )
        return [
            _experiment(r)
            for r in query.order_by(ExperimentRecord.planned_date, ExperimentRecord.id)
        ]

    def week_thought_records(self, start: date, end: date) -> list[ThoughtRecord]:
        """Newest first, as LearningRepository.thought_records."""
        query = (
            ThoughtRecordRecord.select()
            .where(_day_between(ThoughtRecordRecord.day, start, end))
            .order_by(ThoughtRecordRecord.day.desc(), ThoughtRecordRecord.id.desc())
        )
        return [_thought(r) for r in query]

    def week_sessions(self, start: date, end: date) -> list[LearningSession]:
        """Newest first, as LearningRepository.sessions."""
        query = (
            LearningSessionRecord.select()
            .where(_day_between(LearningSessionRecord.day, start, end))
            .order_by(LearningSessionRecord.day.desc(), LearningSessionRecord.id.desc())
        )
        return [_session(r) for r in query]

    def export(self) -> list[dict[str, Any]]:
        # Plain rows, and every decision in one query (a query per review, and a record built
        # per row, was most of this on ten years: 520 reviews, 5,000 decisions).
        decisions: dict[int, list[dict[str, Any]]] = {}
        query = ReviewDecisionRecord.select(
            ReviewDecisionRecord.review,
            ReviewDecisionRecord.practice,
            ReviewDecisionRecord.decision,
            ReviewDecisionRecord.note,
            ReviewDecisionRecord.habit,
        ).order_by(ReviewDecisionRecord.id)
        for review_id, practice, decision, note, habit_id in _rows(query):
            decisions.setdefault(review_id, []).append(
                {
                    "practice": practice,
                    "decision": Decision(decision).value,
                    "note": note,
                    "habit_id": habit_id,
                }
            )
        reviews = ReviewRecord.select(
            ReviewRecord.id,
            ReviewRecord.week_start,
            ReviewRecord.reflection_opening,
            ReviewRecord.reflection_belief,
            ReviewRecord.reflection_habit,
            ReviewRecord.notes,
            ReviewRecord.created,
            ReviewRecord.updated,
        ).order_by(ReviewRecord.week_start)
        return [
            {
                "id": review_id,
                "week_start": date.fromisoformat(str(week)[:10]).isoformat(),
                "reflection_opening": opening,
                "reflection_belief": belief,
                "reflection_habit": habit,
                "notes": notes,
                "decisions": decisions.get(review_id, []),
                "created": created,
                "updated": updated,
            }
            for review_id, week, opening, belief, habit, notes, created, updated in _rows(reviews)
        ]

"""Weekly reviews and their keep / drop / adjust decisions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, cast

from plasticity_app.db.records import ReviewDecisionRecord, ReviewRecord
from plasticity_app.domain.review import Decision, PracticeDecision, ReviewAnswers


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

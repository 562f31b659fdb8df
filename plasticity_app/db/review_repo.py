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
        return int(ReviewRecord.select().count())

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
        out = []
        for r in ReviewRecord.select().order_by(ReviewRecord.week_start):
            a = _answers(r)
            out.append(
                {
                    "id": r.id,
                    "week_start": r.week_start.isoformat(),
                    "reflection_opening": a.reflection_opening,
                    "reflection_belief": a.reflection_belief,
                    "reflection_habit": a.reflection_habit,
                    "notes": a.notes,
                    "decisions": [
                        {
                            "practice": d.practice,
                            "decision": d.decision.value,
                            "note": d.note,
                            "habit_id": d.habit_id,
                        }
                        for d in a.decisions
                    ],
                    "created": r.created,
                    "updated": r.updated,
                }
            )
        return out

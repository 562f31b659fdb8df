"""Repositories: the only code that reads and writes records, mapping them to domain types."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any

import peewee as pw

from plasticity_app.db.records import (
    DayNoteRecord,
    MetricEntryRecord,
    MetricRecord,
    SettingRecord,
    StepCompletionRecord,
)
from plasticity_app.domain.metrics import Direction, Metric, MetricEntry
from plasticity_app.domain.settings import Settings


def _metric(r: MetricRecord) -> Metric:
    return Metric(
        id=r.id,
        name=r.name,
        direction=Direction(r.direction),
        description=r.description,
        archived=bool(r.archived),
        position=r.position,
        created=r.created,
    )


class SettingsRepository:
    def load(self) -> Settings:
        values: dict[str, Any] = {}
        for r in SettingRecord.select():
            try:
                values[r.key] = json.loads(r.value)
            except ValueError:
                continue
        return Settings.from_dict(values)

    def save(self, key: str, value: Any) -> None:
        SettingRecord.insert(key=key, value=json.dumps(value)).on_conflict_replace().execute()


class MetricRepository:
    def all(self) -> list[Metric]:
        return [
            _metric(r)
            for r in MetricRecord.select().order_by(MetricRecord.position, MetricRecord.id)
        ]

    def active(self) -> list[Metric]:
        return [m for m in self.all() if not m.archived]

    def get(self, metric_id: int) -> Metric | None:
        r = MetricRecord.get_or_none(MetricRecord.id == metric_id)
        return None if r is None else _metric(r)

    def add(self, name: str, direction: Direction, description: str, created: date) -> Metric:
        position = (MetricRecord.select(pw.fn.MAX(MetricRecord.position)).scalar() or 0) + 1
        r = MetricRecord.create(
            name=name,
            direction=direction.value,
            description=description,
            archived=False,
            position=position,
            created=created,
        )
        return _metric(r)

    def update(self, metric_id: int, **changes: Any) -> None:
        if "direction" in changes:
            changes["direction"] = Direction(changes["direction"]).value
        MetricRecord.update(**changes).where(MetricRecord.id == metric_id).execute()

    def delete(self, metric_id: int) -> None:
        MetricRecord.delete().where(MetricRecord.id == metric_id).execute()

    # Ratings -----------------------------------------------------------------------------------
    def set_rating(self, metric_id: int, day: date, value: int) -> None:
        (
            MetricEntryRecord.insert(metric=metric_id, day=day, value=value)
            .on_conflict(
                conflict_target=[MetricEntryRecord.metric, MetricEntryRecord.day],
                update={MetricEntryRecord.value: value},
            )
            .execute()
        )

    def clear_rating(self, metric_id: int, day: date) -> None:
        MetricEntryRecord.delete().where(
            (MetricEntryRecord.metric == metric_id) & (MetricEntryRecord.day == day)
        ).execute()

    def rating(self, metric_id: int, day: date) -> int | None:
        r = MetricEntryRecord.get_or_none(
            (MetricEntryRecord.metric == metric_id) & (MetricEntryRecord.day == day)
        )
        return None if r is None else int(r.value)

    def entries(
        self,
        metric_ids: Iterable[int] | None = None,
        start: date | None = None,
        end: date | None = None,
    ) -> list[MetricEntry]:
        q = MetricEntryRecord.select(
            MetricEntryRecord.metric, MetricEntryRecord.day, MetricEntryRecord.value
        )
        if metric_ids is not None:
            q = q.where(MetricEntryRecord.metric.in_(list(metric_ids)))
        if start is not None:
            q = q.where(MetricEntryRecord.day >= start)
        if end is not None:
            q = q.where(MetricEntryRecord.day <= end)
        q = q.order_by(MetricEntryRecord.day, MetricEntryRecord.metric)
        # Raw rows: peewee's per-row date conversion dominated chart redraws on ten-year journals.
        sql, params = q.sql()
        rows: Any = MetricEntryRecord._meta.database.execute_sql(sql, params)
        return [MetricEntry(int(m), date.fromisoformat(str(d)[:10]), int(v)) for m, d, v in rows]

    def baseline_reads(
        self, metric_ids: list[int], end: date | None, count_up_to: int | None = None
    ) -> dict[int, tuple[int, list[int]]]:
        """Per metric: its rated days (counting stops at ``count_up_to`` when given) and its
        ratings up to ``end`` (all when None), in a few indexed queries for all the metrics."""
        if not metric_ids:
            return {}
        table = MetricEntryRecord._meta.table_name
        marks = ", ".join("?" for _ in metric_ids)
        db: Any = MetricEntryRecord._meta.database
        # A metric has one entry a day (a unique index), so entries are rated days.
        if count_up_to is None:
            days = dict(
                db.execute_sql(
                    f'SELECT metric_id, COUNT(*) FROM "{table}" '
                    f"WHERE metric_id IN ({marks}) GROUP BY metric_id",
                    metric_ids,
                ).fetchall()
            )
        else:
            capped = f'SELECT COUNT(*) FROM (SELECT 1 FROM "{table}" WHERE metric_id = ? LIMIT ?)'
            days = {i: db.execute_sql(capped, (i, count_up_to)).fetchone()[0] for i in metric_ids}
        until = "" if end is None else " AND day <= ?"
        params: list[object] = [*metric_ids] if end is None else [*metric_ids, end.isoformat()]
        values: dict[int, list[int]] = {i: [] for i in metric_ids}
        for metric_id, value in db.execute_sql(
            f'SELECT metric_id, value FROM "{table}" WHERE metric_id IN ({marks}){until} '
            "ORDER BY day",
            params,
        ):
            values[int(metric_id)].append(int(value))
        return {i: (int(days.get(i, 0)), values[i]) for i in metric_ids}

    def rated_days(self, metric_id: int) -> int:
        return int(
            MetricEntryRecord.select(pw.fn.COUNT(pw.fn.DISTINCT(MetricEntryRecord.day)))
            .where(MetricEntryRecord.metric == metric_id)
            .scalar()
            or 0
        )

    def first_day(self) -> date | None:
        """The earliest day with a rating or a note (one indexed query each)."""
        days = [
            MetricEntryRecord.select(pw.fn.MIN(MetricEntryRecord.day)).scalar(),
            DayNoteRecord.select(pw.fn.MIN(DayNoteRecord.day)).scalar(),
        ]
        found = [date.fromisoformat(str(d)[:10]) for d in days if d is not None]
        return min(found) if found else None

    def days_with_entries(self) -> list[date]:
        q = (
            MetricEntryRecord.select(MetricEntryRecord.day)
            .distinct()
            .order_by(MetricEntryRecord.day)
        )
        return [r.day for r in q]

    # Day notes ---------------------------------------------------------------------------------
    def set_note(self, day: date, text: str) -> None:
        if text.strip():
            DayNoteRecord.insert(day=day, text=text).on_conflict_replace().execute()
        else:
            DayNoteRecord.delete().where(DayNoteRecord.day == day).execute()

    def note(self, day: date) -> str:
        r = DayNoteRecord.get_or_none(DayNoteRecord.day == day)
        return "" if r is None else str(r.text)

    def notes(self, start: date | None = None, end: date | None = None) -> dict[date, str]:
        q = DayNoteRecord.select()
        if start is not None:
            q = q.where(DayNoteRecord.day >= start)
        if end is not None:
            q = q.where(DayNoteRecord.day <= end)
        return {r.day: r.text for r in q.order_by(DayNoteRecord.day)}


class StepRepository:
    def completions(self) -> dict[int, date]:
        return {r.step: r.completed_on for r in StepCompletionRecord.select()}

    def skipped(self) -> set[int]:
        return {r.step for r in StepCompletionRecord.select().where(StepCompletionRecord.skipped)}

    def record(self, step: int, on: date, skipped: bool = False) -> None:
        StepCompletionRecord.insert(
            step=step, completed_on=on, skipped=skipped
        ).on_conflict_ignore().execute()

    def all(self) -> list[tuple[int, date, bool]]:
        return [
            (r.step, r.completed_on, bool(r.skipped))
            for r in StepCompletionRecord.select().order_by(StepCompletionRecord.step)
        ]

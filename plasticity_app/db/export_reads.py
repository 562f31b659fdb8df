"""Plain reads for the JSON export: the rows straight into the export's objects. Ten years hold
10,000 ratings; making a domain object of each first, then an object for the export, was a good
part of the export's time. The objects are those the repositories' reads gave."""

from __future__ import annotations

from datetime import date
from typing import Any

from plasticity_app.db.records import DayNoteRecord, MetricEntryRecord


def _rows(query: Any) -> list[tuple[Any, ...]]:
    sql, params = query.sql()
    rows: list[tuple[Any, ...]] = query.model._meta.database.execute_sql(sql, params).fetchall()
    return rows


def _iso_days(texts: set[Any]) -> dict[Any, str]:
    """Each stored day (its first ten characters a date) as the export writes it."""
    return {text: date.fromisoformat(str(text)[:10]).isoformat() for text in texts}


def metric_entries() -> list[dict[str, Any]]:
    """Every rating as ``{"metric_id", "date", "value"}``, by day then metric (as
    ``MetricsRepository.entries()`` reads them)."""
    rows = _rows(
        MetricEntryRecord.select(
            MetricEntryRecord.metric, MetricEntryRecord.day, MetricEntryRecord.value
        ).order_by(MetricEntryRecord.day, MetricEntryRecord.metric)
    )
    iso = _iso_days({row[1] for row in rows})
    return [
        {"metric_id": int(metric_id), "date": iso[day], "value": int(value)}
        for metric_id, day, value in rows
    ]


def day_notes() -> list[dict[str, Any]]:
    """Every day note as ``{"date", "text"}``, by day (as ``MetricsRepository.notes()``)."""
    rows = _rows(
        DayNoteRecord.select(DayNoteRecord.day, DayNoteRecord.text).order_by(DayNoteRecord.day)
    )
    notes = {date.fromisoformat(str(day)[:10]): text for day, text in rows}
    return [{"date": day.isoformat(), "text": text} for day, text in notes.items()]

"""Our own JSON export (docs/export-format.md), checked whole: the format name, a schema we know,
and every record array a list of objects with the fields the journal needs."""

from __future__ import annotations

import json
from typing import Any

from plasticity_app.domain.imports.model import RECORD_KEYS, ImportPlan, parse_day, refuse

FORMAT_NAME = "plasticity-journal"

REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "metrics": ("id", "name", "direction"),
    "metric_entries": ("metric_id", "date", "value"),
    "day_notes": ("date", "text"),
    "habits": ("id", "name", "kind", "target"),
    "habit_entries": ("habit_id", "date", "status"),
    "experiments": ("id", "target_belief", "belief_before", "planned_date", "status"),
    "thought_records": ("id", "date"),
    "learning_sessions": ("id", "date", "kind", "minutes"),
    "openings": ("id", "kind", "at"),
    "reviews": ("id", "week_start"),
}
DATE_FIELDS: dict[str, tuple[str, ...]] = {
    "metric_entries": ("date",),
    "day_notes": ("date",),
    "habit_entries": ("date",),
    "experiments": ("planned_date",),
    "thought_records": ("date",),
    "learning_sessions": ("date",),
    "reviews": ("week_start",),
}


def parse(text: str, source: str, latest_schema: int) -> ImportPlan:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise refuse(source, f"this is not valid JSON ({exc.msg}).", exc.lineno) from None
    except ValueError:
        raise refuse(source, "this is not valid JSON.") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise refuse(source, "this is not a Plasticity Journal export.")
    version = document.get("schema_version")
    if not isinstance(version, int) or version < 1:
        raise refuse(source, "the export doesn’t say which version of the journal wrote it.")
    if version > latest_schema:
        raise refuse(
            source,
            f"it was written by a newer Plasticity Journal (schema {version}); update the app "
            "to import it.",
        )
    for key in RECORD_KEYS:
        records = document.get(key, [])
        if not isinstance(records, list):
            raise refuse(source, f"“{key}” should be a list.")
        for index, record in enumerate(records, start=1):
            if not isinstance(record, dict):
                raise refuse(source, f"record {index} of “{key}” is not an object.")
            missing = [f for f in REQUIRED_FIELDS[key] if f not in record]
            if missing:
                raise refuse(source, f"record {index} of “{key}” has no {', '.join(missing)}.")
            for name in DATE_FIELDS.get(key, ()):
                parse_day(str(record[name]), f"{source} ({key} record {index})")
        document[key] = records
    _check_links(document, source)
    plan = ImportPlan("json", "Plasticity Journal export")
    plan.document = document
    return plan


def _check_links(document: dict[str, Any], source: str) -> None:
    metrics = {m["id"] for m in document["metrics"]}
    habits = {h["id"] for h in document["habits"]}
    for entry in document["metric_entries"]:
        if entry["metric_id"] not in metrics:
            raise refuse(
                source, f"a rating points to metric {entry['metric_id']}, which isn’t there."
            )
        value = entry["value"]
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 10:
            raise refuse(source, f"a rating of {value!r} is not a whole number from 0 to 10.")
    for entry in document["habit_entries"]:
        if entry["habit_id"] not in habits:
            raise refuse(
                source, f"a habit entry points to habit {entry['habit_id']}, which isn’t there."
            )
        if entry["status"] not in ("done", "skipped", "missed"):
            raise refuse(source, f"“{entry['status']}” is not a habit entry status.")

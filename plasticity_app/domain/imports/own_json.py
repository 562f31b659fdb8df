"""Our own JSON export (docs/export-format.md), checked whole: the format name, a schema we know,
and every record array a list of objects with the fields the journal needs."""

from __future__ import annotations

import json
import sys
from typing import Any

from plasticity_app.domain.errors import UserError
from plasticity_app.domain.imports.model import (
    MAX_RECORDS,
    RECORD_KEYS,
    ImportPlan,
    parse_day,
    refuse,
    too_long,
    too_many,
)
from plasticity_app.domain.text import tr

ID_LIMIT = 2**63  # SQLite's whole numbers

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


def _shared(record: dict[str, Any]) -> dict[str, Any]:
    """Each record as the JSON reader makes it, with its dates and statuses shared between
    records (a large export repeats them hundreds of thousands of times)."""
    for key in ("date", "status"):
        value = record.get(key)
        if type(value) is str and len(value) <= 10:
            record[key] = sys.intern(value)
    return record


def parse_bytes(holder: list[bytes], source: str, latest_schema: int) -> ImportPlan:
    """Like :func:`parse`, from the file's bytes handed over in ``holder`` (emptied), so that the
    bytes and the text are let go as soon as the document is read."""
    data = holder.pop()
    try:
        box = [data.decode("utf-8-sig")]
    except UnicodeDecodeError:
        raise refuse(source, tr("this is not a text file (it isn’t UTF-8).")) from None
    del data
    return parse(box, source, latest_schema)


def parse(text: str | list[str], source: str, latest_schema: int) -> ImportPlan:
    """``text``, or a list holding it (emptied, so the text goes once it is read)."""
    if isinstance(text, list):
        text = text.pop()
    try:
        document = json.loads(text, object_hook=_shared)
        del text
    except RecursionError:
        raise refuse(source, tr("its JSON is nested too deeply to be an export.")) from None
    except json.JSONDecodeError as exc:
        raise refuse(
            source, tr("this is not valid JSON ({msg}).").format(msg=exc.msg), exc.lineno
        ) from None
    except ValueError:
        raise refuse(source, tr("this is not valid JSON.")) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise refuse(source, tr("this is not a Plasticity Journal export."))
    version = document.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise refuse(source, tr("the export doesn’t say which version of the journal wrote it."))
    if version > latest_schema:
        raise refuse(
            source,
            tr(
                "it was written by a newer Plasticity Journal (schema {version}); update the app "
                "to import it."
            ).format(version=version),
        )
    for key in ("metrics", "habits"):
        records = document.get(key, [])
        if isinstance(records, list) and len(records) > MAX_RECORDS:
            raise too_many(source, MAX_RECORDS, key)
    for key in RECORD_KEYS:
        records = document.get(key, [])
        if not isinstance(records, list):
            raise refuse(source, tr("“{key}” should be a list.").format(key=key))
        for index, record in enumerate(records, start=1):
            if not isinstance(record, dict):
                raise refuse(
                    source,
                    tr("record {index} of “{key}” is not an object.").format(index=index, key=key),
                )
            missing = [f for f in REQUIRED_FIELDS[key] if f not in record]
            if missing:
                raise refuse(
                    source,
                    tr("record {index} of “{key}” has no {fields}.").format(
                        index=index, key=key, fields=", ".join(missing)
                    ),
                )
            for name in DATE_FIELDS.get(key, ()):
                parse_day(str(record[name]), f"{source} ({key} record {index})")
        document[key] = records
    try:
        _check_links(document, source)
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        if isinstance(exc, UserError):
            raise
        raise refuse(
            source, tr("a value in the export is of the wrong kind ({exc}).").format(exc=exc)
        ) from None
    plan = ImportPlan("json", "Plasticity Journal export")
    plan.document = document
    for key, kind in LEDGER_KINDS.items():
        plan.ledger.read(kind, len(document[key]))
    return plan


# The export's arrays as the ledger names them.
LEDGER_KINDS = {
    "metrics": "metrics",
    "metric_entries": "ratings",
    "day_notes": "day notes",
    "habits": "habits",
    "habit_entries": "habit days",
    "experiments": "experiments",
    "thought_records": "thought records",
    "learning_sessions": "learning sessions",
    "openings": "openings",
    "reviews": "weekly reviews",
}


ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("metrics", "direction"): ("higher", "lower"),
    ("habits", "kind"): ("yes_no", "quantity", "note"),
    ("habit_entries", "status"): ("done", "skipped", "missed"),
    ("experiments", "status"): ("planned", "done", "cancelled"),
    ("learning_sessions", "kind"): ("therapy", "skills", "other"),
}
TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "metrics": ("name",),
    "habits": ("name",),
    "experiments": ("target_belief",),
}


def _check_values(document: dict[str, Any], source: str) -> None:
    from plasticity_app.domain.habits import validate_target

    for (key, name), allowed in ENUMS.items():
        for index, record in enumerate(document[key], start=1):
            if record.get(name) not in allowed:
                raise refuse(
                    source,
                    tr(
                        "record {index} of “{key}” has {name} {value!r}, which should be one of "
                        "{allowed}."
                    ).format(
                        index=index,
                        key=key,
                        name=name,
                        value=record.get(name),
                        allowed=", ".join(allowed),
                    ),
                )
    for key, names in TEXT_FIELDS.items():
        for index, record in enumerate(document[key], start=1):
            for name in names:
                value = record.get(name)
                if not isinstance(value, str) or not value.strip():
                    raise refuse(
                        source,
                        tr("record {index} of “{key}” has no {name}.").format(
                            index=index, key=key, name=name
                        ),
                    )
    for index, habit in enumerate(document["habits"], start=1):
        target = habit.get("target")
        if not isinstance(target, dict):
            raise refuse(source, tr("habit {index} has no target.").format(index=index))
        try:
            errors = validate_target(
                int(target.get("times", 1)),
                int(target.get("period_days", 1)),
                None if target.get("max_times") is None else int(target["max_times"]),
                None if target.get("daily_min") is None else float(target["daily_min"]),
                None if target.get("daily_max") is None else float(target["daily_max"]),
            )
        except (TypeError, ValueError):
            raise refuse(
                source, tr("habit {index} has a target that isn’t a number.").format(index=index)
            ) from None
        if errors:
            raise refuse(
                source,
                tr("habit {index}: {problem}").format(
                    index=index, problem=next(iter(errors.values()))
                ),
            )
    ids: dict[str, set[Any]] = {}
    for key in (
        "metrics",
        "habits",
        "experiments",
        "thought_records",
        "learning_sessions",
        "openings",
        "reviews",
    ):
        seen = ids.setdefault(key, set())
        for record in document[key]:
            if (
                not isinstance(record["id"], int)
                or isinstance(record["id"], bool)
                or not -ID_LIMIT <= record["id"] < ID_LIMIT
            ):
                raise refuse(
                    source,
                    tr("a record of “{key}” has the id {record!r}.").format(
                        key=key, record=record["id"]
                    ),
                )
            if record["id"] in seen:
                raise refuse(
                    source,
                    tr("two records of “{key}” have the id {record}.").format(
                        key=key, record=record["id"]
                    ),
                )
            seen.add(record["id"])


def _number(value: Any, *, whole: bool = False) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return (not whole or isinstance(value, int)) and value == value and abs(value) != float("inf")


def _check_rules(document: dict[str, Any], source: str) -> None:
    """The journal's own rules, so a hand-edited export can't put in what the app would refuse."""
    from datetime import datetime

    from plasticity_app.domain import habits as hb
    from plasticity_app.domain import metrics as mt
    from plasticity_app.domain.settings import validate_setting

    def fail(message: str) -> None:
        raise refuse(source, message)

    limits = (
        ("metrics", "description", tr("a metric’s description"), mt.DESCRIPTION_MAX_CHARS),
        ("habits", "description", tr("a habit’s description"), hb.DESCRIPTION_MAX_CHARS),
        ("habits", "unit", tr("a habit’s unit"), hb.UNIT_MAX_CHARS),
    )
    for key, name, what, limit in limits:
        for record in document[key]:
            value = record.get(name, "")
            if not isinstance(value, str):
                fail(tr("{what} is not text.").format(what=what))
            if len(value) > limit:
                raise too_long(source, what, limit)
    for key in ("metrics", "habits"):
        for record in document[key]:
            position = record.get("position", 0)
            if position is not None and (
                not _number(position, whole=True) or not 0 <= position < ID_LIMIT
            ):
                fail(
                    tr("a record of “{key}” has the position {position!r}.").format(
                        key=key, position=position
                    )
                )
    for index, m in enumerate(document["metrics"], start=1):
        if len(m["name"].strip()) > mt.NAME_MAX_CHARS:
            fail(
                tr("metric {index}: keep the name to {name_max_chars} characters or fewer.").format(
                    index=index, name_max_chars=mt.NAME_MAX_CHARS
                )
            )
    active = [m for m in document["metrics"] if not m.get("archived")]
    if len(active) > mt.MAX_ACTIVE_METRICS:
        fail(
            tr(
                "it has {active} active metrics; the journal follows at most {max_active_metrics}."
            ).format(active=len(active), max_active_metrics=mt.MAX_ACTIVE_METRICS)
        )
    for index, h in enumerate(document["habits"], start=1):
        if len(h["name"].strip()) > hb.NAME_MAX_CHARS:
            fail(
                tr("habit {index}: keep the name to {name_max_chars} characters or fewer.").format(
                    index=index, name_max_chars=hb.NAME_MAX_CHARS
                )
            )
    for index, e in enumerate(document["habit_entries"], start=1):
        quantity = e.get("quantity")
        if quantity is not None and (not _number(quantity) or not 0 <= quantity <= hb.QUANTITY_MAX):
            fail(
                tr(
                    "habit day {index} has the amount {quantity!r}, which is not a number the journal takes."
                ).format(index=index, quantity=quantity)
            )
        if not isinstance(e.get("note", ""), str) or len(e.get("note") or "") > hb.NOTE_MAX_CHARS:
            fail(
                tr("habit day {index} has a note that is too long or not text.").format(index=index)
            )
    for index, n in enumerate(document["day_notes"], start=1):
        if not isinstance(n["text"], str) or len(n["text"]) > mt.DAY_NOTE_MAX_CHARS:
            fail(tr("day note {index} is too long or not text.").format(index=index))
    for index, x in enumerate(document["experiments"], start=1):
        for name in ("belief_before", "belief_after", "alternative_before", "alternative_after"):
            value = x.get(name)
            if value is not None and (not _number(value, whole=True) or not 0 <= value <= 100):
                fail(
                    tr("experiment {index} has {name} {value!r}; beliefs go from 0 to 100.").format(
                        index=index, name=name, value=value
                    )
                )
    from plasticity_app.domain.thought_records import DISTORTION_KEYS

    for index, t in enumerate(document["thought_records"], start=1):
        for name in ("moods", "moods_after", "distortions"):
            if not isinstance(t.get(name, []), list):
                fail(
                    tr("thought record {index}: “{name}” should be a list.").format(
                        index=index, name=name
                    )
                )
        for key in t.get("distortions") or []:
            if key not in DISTORTION_KEYS:
                fail(
                    tr(
                        "thought record {index} names the distortion {key!r}, which isn’t one of Burns’ ten."
                    ).format(index=index, key=key)
                )
        for name in ("moods", "moods_after"):
            for mood in t.get(name) or []:
                if not isinstance(mood, dict) or not isinstance(mood.get("name", ""), str):
                    fail(
                        tr("thought record {index}: a mood in “{name}” has no name.").format(
                            index=index, name=name
                        )
                    )
                intensity = mood.get("intensity")
                if intensity is not None and (
                    not _number(intensity, whole=True) or not 0 <= intensity <= 100
                ):
                    fail(
                        tr(
                            "thought record {index}: a mood’s intensity {intensity!r} is not 0–100."
                        ).format(index=index, intensity=intensity)
                    )
        for name in ("thought_belief", "balanced_belief"):
            value = t.get(name)
            if value is not None and (not _number(value, whole=True) or not 0 <= value <= 100):
                fail(
                    tr("thought record {index}: {name} {value!r} is not 0–100.").format(
                        index=index, name=name, value=value
                    )
                )
    for index, session in enumerate(document["learning_sessions"], start=1):
        if not _number(session["minutes"], whole=True) or not 0 < session["minutes"] <= 1440:
            fail(
                tr("learning session {index} has {minutes!r} minutes.").format(
                    index=index, minutes=session["minutes"]
                )
            )
    for index, o in enumerate(document["openings"], start=1):
        try:
            datetime.fromisoformat(str(o["at"]))
        except ValueError:
            fail(
                tr("opening {index} has the time {at!r}, which is not a date and time.").format(
                    index=index, at=o["at"]
                )
            )
    for index, r in enumerate(document["reviews"], start=1):
        if not isinstance(r.get("decisions", []), list):
            fail(tr("review {index}: “decisions” should be a list.").format(index=index))
    roadmap = document.get("roadmap", {"steps": []})
    if not isinstance(roadmap, dict) or not isinstance(roadmap.get("steps", []), list):
        fail(tr("“roadmap” should be an object with a list of steps."))
    for step in roadmap.get("steps", []):
        if not isinstance(step, dict) or step.get("number") not in (1, 2, 3, 4, 5):
            fail(tr("a roadmap step has no number from 1 to 5."))
        if step.get("completed_on") is not None:
            parse_day(str(step["completed_on"]), f"{source} (roadmap step {step['number']})")
    settings = document.get("settings", {})
    if not isinstance(settings, dict):
        fail(tr("“settings” should be an object."))
    for key, value in settings.items():
        problem = validate_setting(key, value)
        if problem and problem != tr("Unknown setting: {key}").format(key=key):
            fail(
                tr("the setting {key} is {value!r}: {problem}").format(
                    key=key, value=value, problem=problem
                )
            )


def _check_links(document: dict[str, Any], source: str) -> None:
    _check_values(document, source)
    _check_rules(document, source)
    metrics = {m["id"] for m in document["metrics"]}
    habits = {h["id"] for h in document["habits"]}
    for entry in document["metric_entries"]:
        if not isinstance(entry["metric_id"], int) or entry["metric_id"] not in metrics:
            raise refuse(
                source,
                tr("a rating points to metric {entry}, which isn’t there.").format(
                    entry=entry["metric_id"]
                ),
            )
        value = entry["value"]
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 10:
            raise refuse(
                source,
                tr("a rating of {value!r} is not a whole number from 0 to 10.").format(value=value),
            )
    for entry in document["habit_entries"]:
        if not isinstance(entry["habit_id"], int) or entry["habit_id"] not in habits:
            raise refuse(
                source,
                tr("a habit entry points to habit {entry}, which isn’t there.").format(
                    entry=entry["habit_id"]
                ),
            )
        if entry["status"] not in ("done", "skipped", "missed"):
            raise refuse(
                source, tr("“{entry}” is not a habit entry status.").format(entry=entry["status"])
            )

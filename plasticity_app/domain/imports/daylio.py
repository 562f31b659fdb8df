"""Daylio's CSV export: mood becomes an outcome metric (0–10), activities yes/no habits, notes day
notes (reference/formats-and-formulas.md §4). Only ``full_date`` is trusted for the day."""

from __future__ import annotations

import csv
import html
import io
import math
import re
from collections.abc import Mapping
from datetime import date

from plasticity_app.domain import habits as hb
from plasticity_app.domain import metrics as mt
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.habits import EntryStatus, HabitKind
from plasticity_app.domain.imports.model import (
    MAX_RECORDS,
    ImportedEntry,
    ImportedHabit,
    ImportedMetric,
    ImportedRating,
    ImportPlan,
    parse_day,
    refuse,
    too_long,
    too_many,
)
from plasticity_app.domain.metrics import Direction
from plasticity_app.domain.text import tr

DEFAULT_MOODS = {"rad": 10.0, "good": 7.5, "meh": 5.0, "bad": 2.5, "awful": 0.0}
MOOD_METRIC = "Mood (from Daylio)"
REQUIRED = ("full_date", "mood", "activities")


class UnknownMoods(UserError):
    """Mood names that need a value on the 0–10 scale before the file can be imported."""

    def __init__(self, source: str, names: list[str]) -> None:
        listed = ", ".join(f"“{n}”" for n in names)
        super().__init__(
            tr(
                "{source}: these moods need a value from 0 to 10 before importing: {moods}. "
                "Nothing was imported."
            ).format(source=source, moods=listed),
            "mood_map",
        )
        self.names = names


def mood_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def parse_mood_map(text: str) -> dict[str, float]:
    """``name=value,name=value`` (the command line's ``--mood-map``)."""
    mapping: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, sep, value = part.rpartition("=")
        if not sep or not name.strip():
            raise UserError(tr("“{part}” is not name=value.").format(part=part), "mood_map")
        try:
            number = float(value)
        except ValueError:
            raise UserError(
                tr("“{value}” is not a number (in “{part}”).").format(value=value, part=part),
                "mood_map",
            ) from None
        if not math.isfinite(number) or not 0 <= number <= 10:
            raise UserError(
                tr("A mood's value goes from 0 to 10 (“{part}”).").format(part=part), "mood_map"
            )
        mapping[mood_key(name)] = number
    return mapping


def mood_names(text: str) -> list[str]:
    """Every distinct mood name in the file, as written (for the mapping dialog)."""
    names: dict[str, str] = {}
    try:
        for row in csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline="")):
            raw = (row.get("mood") or "").strip()
            if raw:
                names.setdefault(mood_key(raw), raw)
    except csv.Error:
        return list(names.values())
    return list(names.values())


_TAG = re.compile(r"<[^>]*>")
_BREAK = re.compile(r"<\s*br\s*/?\s*>|</\s*(?:p|div|li)\s*>", re.IGNORECASE)
_RATING = re.compile(r"^(\d+(?:[.,]\d+)?)\s*/\s*10(?:\s*points?)?$", re.IGNORECASE)
_HOURS = re.compile(r"^(\d{1,3}):([0-5]\d)$")
SLEEP_TIME = "sleep time"


def plain_text(text: str) -> str:
    """Daylio's note HTML as plain text: ``<br>`` a line break, tags removed, entities decoded."""
    text = _BREAK.sub("\n", text)
    return html.unescape(_TAG.sub("", text)).strip()


def scale_parts(cell: str) -> list[tuple[str, str]]:
    """``Sleep Quality: 8/10 points | Sleep Time: 8:00`` as (name, value) pairs."""
    parts = []
    for piece in cell.replace("\u00a0", " ").split("|"):
        piece = piece.strip()
        if not piece:
            continue
        name, sep, value = piece.partition(":")
        parts.append((" ".join(name.split()), value.strip() if sep else ""))
    return parts


class _Reading:
    """What the rows hold, gathered by day (several entries of one day are averaged or joined)."""

    def __init__(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.moods: dict[date, list[float]] = {}
        self.activities: dict[str, str] = {}
        self.done: dict[str, set[date]] = {}
        self.notes: dict[date, list[str]] = {}
        self.rating_scales: dict[str, str] = {}  # key -> name as written
        self.rated: dict[str, dict[date, list[float]]] = {}
        self.hour_scales: dict[str, str] = {}
        self.hours: dict[str, dict[date, float]] = {}

    def scale(self, name: str, value: str, day: date, source: str, line: int) -> None:
        ledger = self.plan.ledger
        key = name.casefold()
        rating = _RATING.match(value)
        hours = _HOURS.match(value)
        if name and rating and float(rating.group(1).replace(",", ".")) <= 10:
            if len(name) > mt.NAME_MAX_CHARS:
                raise too_long(source, tr("the scale’s name"), mt.NAME_MAX_CHARS, line)
            if key not in self.rating_scales:
                if len(self.rating_scales) >= MAX_RECORDS:
                    raise too_many(source, MAX_RECORDS, "metrics")
                self.rating_scales[key] = name
            ledger.read("ratings")
            number = float(rating.group(1).replace(",", "."))
            self.rated.setdefault(key, {}).setdefault(day, []).append(number)
        elif name and hours:
            if len(name) > hb.NAME_MAX_CHARS:
                raise too_long(source, tr("the scale’s name"), hb.NAME_MAX_CHARS, line)
            if key not in self.hour_scales:
                if len(self.hour_scales) + len(self.activities) >= MAX_RECORDS:
                    raise too_many(source, MAX_RECORDS, "habits")
                self.hour_scales[key] = name
            ledger.read("habit days")
            amount = int(hours.group(1)) + int(hours.group(2)) / 60
            by_day = self.hours.setdefault(key, {})
            if day in by_day:
                ledger.leave_out("habit days", "same-day")
            else:
                by_day[day] = amount
        else:
            ledger.read("scales")
            ledger.leave_out("scales", "unknown-scale")


def parse(text: str, source: str, mood_map: Mapping[str, float] | None = None) -> ImportPlan:
    text = text.lstrip("\ufeff")
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip() for h in reader.fieldnames or [] if h]
    except csv.Error as exc:
        raise refuse(source, tr("the CSV can’t be read ({exc}).").format(exc=exc), 1) from None
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise refuse(
            source,
            tr("this is not a Daylio export (no {columns} column).").format(
                columns=", ".join(missing)
            ),
            1,
        )
    if len(header) not in (7, 8, 9):
        raise refuse(
            source,
            tr("a Daylio export has 8 or 9 columns, this one has {count}.").format(
                count=len(header)
            ),
            1,
        )
    values = {**DEFAULT_MOODS, **{mood_key(k): v for k, v in (mood_map or {}).items()}}
    plan = ImportPlan("daylio", "Daylio")
    ledger = plan.ledger
    found = _Reading(plan)
    unknown: dict[str, str] = {}
    line = 1
    try:
        for line, row in enumerate(reader, start=2):
            if None in row:
                raise refuse(source, tr("the row has more fields than the header."), line)
            if None in row.values():
                raise refuse(source, tr("the row is cut short (the file may be incomplete)."), line)
            day = parse_day(row.get("full_date") or "", source, line)
            mood = (row.get("mood") or "").strip()
            if mood:
                key = mood_key(mood)
                if key in values:
                    ledger.read("ratings")
                    found.moods.setdefault(day, []).append(values[key])
                else:
                    unknown.setdefault(key, mood)
            for activity in (row.get("activities") or "").split("|"):
                name = " ".join(activity.split())
                if not name:
                    continue
                if len(name) > hb.NAME_MAX_CHARS:
                    raise too_long(source, tr("an activity’s name"), hb.NAME_MAX_CHARS, line)
                key = name.casefold()
                if key not in found.activities:
                    if len(found.activities) + len(found.hour_scales) >= MAX_RECORDS:
                        raise too_many(source, MAX_RECORDS, "habits")
                    found.activities[key] = name
                ledger.read("habit days")
                days = found.done.setdefault(key, set())
                if day in days:
                    ledger.leave_out("habit days", "same-day")
                else:
                    days.add(day)
            for name, value in scale_parts(row.get("scales") or ""):
                found.scale(name, value, day, source, line)
            text_parts = [
                plain_text(row.get("note_title") or ""),
                plain_text(row.get("note") or ""),
            ]
            note = "\n".join(p for p in text_parts if p)
            if note:
                if len(note) > mt.DAY_NOTE_MAX_CHARS:
                    raise too_long(source, tr("a note"), mt.DAY_NOTE_MAX_CHARS, line)
                ledger.read("day notes")
                found.notes.setdefault(day, []).append(note)
    except csv.Error as exc:
        raise refuse(
            source, tr("the CSV can’t be read ({exc}).").format(exc=exc), line + 1
        ) from None
    if unknown:
        raise UnknownMoods(source, sorted(unknown.values(), key=str.casefold))
    _fill(plan, found, source)
    return plan


def _rounded(numbers: list[float]) -> int:
    average = sum(numbers) / len(numbers)
    return int(min(10, max(0, math.floor(average + 0.5))))


def _fill(plan: ImportPlan, found: _Reading, source: str) -> None:
    if found.moods:
        plan.ledger.read("metrics")
        plan.metrics.append(
            ImportedMetric(
                "daylio-mood",
                MOOD_METRIC,
                Direction.HIGHER,
                "Your Daylio mood on a 0–10 scale (several entries on a day are averaged).",
            )
        )
        for day, moods in sorted(found.moods.items()):
            plan.ratings.append(ImportedRating("daylio-mood", day, _rounded(moods), len(moods)))
    for key, name in sorted(found.rating_scales.items()):
        plan.ledger.read("metrics")
        plan.metrics.append(
            ImportedMetric(
                f"daylio-scale-{key}",
                name,
                Direction.HIGHER,
                "A Daylio scale rated out of 10 (several entries on a day are averaged).",
            )
        )
        for day, numbers in sorted(found.rated[key].items()):
            plan.ratings.append(
                ImportedRating(f"daylio-scale-{key}", day, _rounded(numbers), len(numbers))
            )
    for key, name in sorted(found.activities.items()):
        plan.ledger.read("habits")
        plan.habits.append(
            ImportedHabit(
                f"daylio-{key}",
                name,
                HabitKind.YES_NO,
                archived=True,
                description="An activity from Daylio.",
            )
        )
        plan.entries.extend(
            ImportedEntry(f"daylio-{key}", day, EntryStatus.DONE) for day in sorted(found.done[key])
        )
    for key, name in sorted(found.hour_scales.items()):
        plan.ledger.read("habits")
        plan.habits.append(
            ImportedHabit(
                f"daylio-hours-{key}",
                name,
                HabitKind.QUANTITY,
                unit="hours",
                description="A Daylio scale of hours.",
                builtin_key=hb.BuiltinKey.SLEEP.value if key == SLEEP_TIME else None,
            )
        )
        plan.entries.extend(
            ImportedEntry(f"daylio-hours-{key}", day, EntryStatus.DONE, amount)
            for day, amount in sorted(found.hours[key].items())
        )
    if found.activities:
        plan.remarks.append(
            tr(
                "The {activities} Daylio activities came in as archived habits with their days: "
                "restore the ones you want to keep tracking from the Habits tab."
            ).format(activities=len(found.activities))
        )
    for day, parts in sorted(found.notes.items()):
        joined = "\n\n".join(parts)
        if len(joined) > mt.DAY_NOTE_MAX_CHARS:
            raise too_long(
                source,
                tr("the notes of {day} together").format(day=day.isoformat()),
                mt.DAY_NOTE_MAX_CHARS,
            )
        plan.notes[day] = joined
        plan.note_rows[day] = len(parts)

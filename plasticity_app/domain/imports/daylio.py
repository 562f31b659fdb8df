"""Daylio's CSV export: mood becomes an outcome metric (0–10), activities yes/no habits, notes day
notes (reference/formats-and-formulas.md §4). Only ``full_date`` is trusted for the day."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping
from datetime import date

from plasticity_app.domain import habits as hb
from plasticity_app.domain import metrics as mt
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.habits import EntryStatus, HabitKind
from plasticity_app.domain.imports.model import (
    ImportedEntry,
    ImportedHabit,
    ImportedMetric,
    ImportedRating,
    ImportPlan,
    parse_day,
    refuse,
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
    moods: dict[date, list[float]] = {}
    activities: dict[str, str] = {}
    done: dict[str, set[date]] = {}
    notes: dict[date, list[str]] = {}
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
                    moods.setdefault(day, []).append(values[key])
                else:
                    unknown.setdefault(key, mood)
            for activity in (row.get("activities") or "").split("|"):
                name = " ".join(activity.split())[: hb.NAME_MAX_CHARS]
                if name:
                    activities.setdefault(name.casefold(), name)
                    done.setdefault(name.casefold(), set()).add(day)
            text_parts = [
                (row.get("note_title") or "").strip(),
                (row.get("note") or "").replace("<br>", "\n").strip(),
            ]
            note = "\n".join(p for p in text_parts if p)
            if note:
                notes.setdefault(day, []).append(note)
    except csv.Error as exc:
        raise refuse(
            source, tr("the CSV can’t be read ({exc}).").format(exc=exc), line + 1
        ) from None
    if unknown:
        raise UnknownMoods(source, sorted(unknown.values(), key=str.casefold))
    plan = ImportPlan("daylio", "Daylio")
    if moods:
        plan.metrics.append(
            ImportedMetric(
                "daylio-mood",
                MOOD_METRIC,
                Direction.HIGHER,
                "Your Daylio mood on a 0–10 scale (several entries on a day are averaged).",
            )
        )
        for day, found in sorted(moods.items()):
            average = sum(found) / len(found)
            plan.ratings.append(
                ImportedRating("daylio-mood", day, int(min(10, max(0, math.floor(average + 0.5)))))
            )
    for key, name in sorted(activities.items()):
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
            ImportedEntry(f"daylio-{key}", day, EntryStatus.DONE) for day in sorted(done[key])
        )
    if activities:
        plan.remarks.append(
            tr(
                "The {activities} Daylio activities came in as archived habits with their days: "
                "restore the ones you want to keep tracking from the Habits tab."
            ).format(activities=len(activities))
        )
    for day, parts in sorted(notes.items()):
        joined = "\n\n".join(parts)
        plan.notes[day] = joined[: mt.DAY_NOTE_MAX_CHARS]
    return plan

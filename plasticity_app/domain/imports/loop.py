"""Loop Habit Tracker: its CSV export (Habits.csv plus one folder per habit) and the rows of its
SQLite backup, in Loop's own terms (see reference/formats-and-formulas.md §3.5–3.6).

YES_MANUAL becomes done, SKIP skipped, NO missed; YES_AUTO and UNKNOWN are derived by Loop and
become nothing. Numerical habits store amounts × 1000.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any

from plasticity_app.domain import habits as hb
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.habits import EntryStatus, HabitKind, LoopValue, Target
from plasticity_app.domain.imports.model import (
    EARLIEST_DAY,
    MAX_RECORDS,
    ImportedEntry,
    ImportedHabit,
    ImportPlan,
    parse_day,
    refuse,
    too_long,
    too_many,
)
from plasticity_app.domain.text import tr

HABITS_HEADER = (
    "Position",
    "Name",
    "Type",
    "Question",
    "Description",
    "FrequencyNumerator",
    "FrequencyDenominator",
    "Color",
    "Unit",
    "Target Type",
    "Target Value",
    "Archived?",
)
SYMBOLS = {
    "YES_MANUAL": LoopValue.YES_MANUAL,
    "YES_AUTO": LoopValue.YES_AUTO,
    "NO": LoopValue.NO,
    "SKIP": LoopValue.SKIP,
    "UNKNOWN": LoopValue.UNKNOWN,
}


def folder_name(position: str, name: str) -> str:
    """Loop's per-habit folder: ``%03d <name>`` with unsafe characters removed, at most 100."""
    clean = re.sub(r"[^ a-zA-Z0-9._-]+", "", name)[:100]
    return f"{int(position):03d} {clean}"


def _target(
    source: str,
    line: int,
    numerator: Any,
    denominator: Any,
    numerical: bool,
    target_type: Any,
    target_value: Any,
) -> Target:
    try:
        times, period = int(numerator), int(denominator)
    except (TypeError, ValueError):
        raise refuse(source, tr("the frequency is not a whole number."), line) from None
    if period < 1 or times < 1:
        times, period = 1, 1
    times = min(times, period, hb.PERIOD_MAX_DAYS)
    period = min(period, hb.PERIOD_MAX_DAYS)
    if not numerical:
        return Target(times, period)
    try:
        value = float(target_value) if str(target_value).strip() else 0.0
    except ValueError:
        raise refuse(source, tr("the target value is not a number."), line) from None
    daily = value / period if period > 1 else value  # Loop's target is per period
    daily = min(max(daily, 0.0), hb.QUANTITY_MAX)
    at_most = str(target_type).strip().upper() in ("1", "AT_MOST")
    if daily <= 0:
        return Target.daily()
    return Target.daily(daily_max=daily) if at_most else Target.daily(daily_min=daily)


def unique_names(habits: list[ImportedHabit]) -> list[ImportedHabit]:
    """Two habits with the same name in one file stay two habits: “Run”, “Run (2)”."""
    from dataclasses import replace

    seen: dict[str, int] = {}
    result = []
    for habit in habits:
        key = habit.name.casefold()
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            suffix = f" ({seen[key]})"
            habit = replace(habit, name=habit.name[: hb.NAME_MAX_CHARS - len(suffix)] + suffix)
        result.append(habit)
    return result


def _habit(
    key: str,
    name: str,
    numerical: bool,
    unit: str,
    target: Target,
    archived: bool,
    description: str,
    source: str = "Loop",
    line: int | None = None,
) -> ImportedHabit:
    """Names, units and descriptions over the journal's limits refuse the file (never cut)."""
    name = " ".join(name.split()) or "Loop habit"
    unit = unit.strip()
    description = description.strip()
    for text, what, limit in (
        (name, tr("a habit’s name"), hb.NAME_MAX_CHARS),
        (unit if numerical else "", tr("a habit’s unit"), hb.UNIT_MAX_CHARS),
        (description, tr("a habit’s question or description"), hb.DESCRIPTION_MAX_CHARS),
    ):
        if len(text) > limit:
            raise too_long(source, what, limit, line)
    if numerical and not unit:
        unit = "units"
    return ImportedHabit(
        key=key,
        name=name,
        kind=HabitKind.QUANTITY if numerical else HabitKind.YES_NO,
        unit=unit if numerical else "",
        target=target,
        archived=archived,
        description=description,
    )


def entry_for(habit: ImportedHabit, day: date, value: int, note: str = "") -> ImportedEntry | None:
    """One Loop value as our entry (None for values Loop derives itself)."""
    note = note.strip()
    if len(note) > hb.NOTE_MAX_CHARS:
        raise too_long(habit.name, tr("a day’s note"), hb.NOTE_MAX_CHARS)
    if habit.kind is HabitKind.QUANTITY:
        if value == LoopValue.SKIP:
            return ImportedEntry(habit.key, day, EntryStatus.SKIPPED, None, note)
        if value < 0:
            return None
        amount = min(value / 1000, hb.QUANTITY_MAX)
        if amount <= 0:
            return ImportedEntry(habit.key, day, EntryStatus.MISSED, None, note)
        return ImportedEntry(habit.key, day, EntryStatus.DONE, amount, note)
    if value == LoopValue.YES_MANUAL:
        return ImportedEntry(habit.key, day, EntryStatus.DONE, None, note)
    if value == LoopValue.SKIP:
        return ImportedEntry(habit.key, day, EntryStatus.SKIPPED, None, note)
    if value == LoopValue.NO:
        return ImportedEntry(habit.key, day, EntryStatus.MISSED, None, note)
    return None  # YES_AUTO, UNKNOWN: derived by Loop


def _rows(text: str, source: str, required: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows with their line numbers, read one at a time (a habit's checkmarks can run to
    hundreds of thousands)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        header = [h.strip() for h in reader.fieldnames or [] if h is not None]
    except csv.Error as exc:
        raise refuse(source, tr("the CSV can’t be read ({exc}).").format(exc=exc), 1) from None
    missing = [c for c in required if c not in header]
    if missing:
        raise refuse(
            source,
            (
                tr("the columns {columns} are missing.")
                if len(missing) > 1
                else tr("the column {columns} is missing.")
            ).format(columns=", ".join(missing)),
            1,
        )
    try:
        for number, row in enumerate(reader, start=2):
            yield number, {(k or "").strip(): (v or "") for k, v in row.items()}
    except csv.Error as exc:
        raise refuse(
            source, tr("the CSV can’t be read ({exc}).").format(exc=exc), reader.line_num
        ) from None


def parse_csv_export(files: Mapping[str, str]) -> ImportPlan:
    """``files`` maps paths inside the export (``Habits.csv``, ``001 Meditate/Checkmarks.csv``…)
    to their text."""
    try:
        return _parse_csv_export(files)
    except (ValueError, TypeError, OverflowError, KeyError) as exc:
        if isinstance(exc, UserError):
            raise
        raise refuse(
            "Loop export", tr("a value isn’t what Loop writes ({exc}).").format(exc=exc)
        ) from None


def _parse_csv_export(files: Mapping[str, str]) -> ImportPlan:
    if "Habits.csv" not in files:
        raise refuse("Loop export", tr("there is no Habits.csv in it."))
    plan = ImportPlan("loop-csv", "Loop Habit Tracker")
    for line, row in _rows(files["Habits.csv"], "Habits.csv", HABITS_HEADER[:7]):
        numerical = row.get("Type", "").strip().upper() == "NUMERICAL"
        target = _target(
            "Habits.csv",
            line,
            row["FrequencyNumerator"],
            row["FrequencyDenominator"],
            numerical,
            row.get("Target Type", ""),
            row.get("Target Value", ""),
        )
        if not row["Name"].strip():
            raise refuse("Habits.csv", tr("a habit has no name."), line)
        position = row["Position"].strip() or str(line - 1)
        if not position.isdigit():
            raise refuse(
                "Habits.csv",
                tr("the position “{position}” is not a number.").format(position=position),
                line,
            )
        key = folder_name(position, row["Name"])
        plan.ledger.read("habits")
        if len(plan.habits) >= MAX_RECORDS:
            raise too_many("Habits.csv", MAX_RECORDS, "habits")
        habit = _habit(
            key,
            row["Name"],
            numerical,
            row.get("Unit", ""),
            target,
            row.get("Archived?", "").strip().lower() == "true",
            row.get("Description", "") or row.get("Question", ""),
            "Habits.csv",
            line,
        )
        plan.habits.append(habit)
        path = f"{key}/Checkmarks.csv"
        if path not in files:
            plan.remarks.append(
                tr("{habit}: no Checkmarks.csv, so no days were imported.").format(habit=habit.name)
            )
            continue
        seen: set[date] = set()
        for number, mark in _rows(files[path], path, ("Date", "Value")):
            day = parse_day(mark["Date"], path, number)
            raw = mark["Value"].strip()
            if raw in SYMBOLS:
                value = int(SYMBOLS[raw])
            else:
                try:
                    value = int(raw)
                except ValueError:
                    raise refuse(
                        path, tr("“{raw}” is not a Loop checkmark value.").format(raw=raw), number
                    ) from None
            if day in seen:
                raise refuse(path, tr("{day} appears twice.").format(day=day), number)
            seen.add(day)
            plan.ledger.read("habit days")
            if day < EARLIEST_DAY:
                plan.ledger.leave_out("habit days", "before-1970")
                continue
            entry = entry_for(habit, day, value, mark.get("Notes", ""))
            if entry is None:
                plan.ledger.leave_out("habit days", "derived")
            else:
                plan.entries.append(entry)
    plan.habits = unique_names(plan.habits)
    return plan


EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
MS_PER_DAY = 86_400_000
LATEST_ORDINAL = date.max.toordinal()


def day_from_timestamp(ms: int) -> date:
    """Loop stores days as milliseconds at UTC midnight (OverflowError past year 9999)."""
    return date.fromordinal(EPOCH_ORDINAL + ms // MS_PER_DAY)


def plan_from_backup(
    source: str,
    version: int,
    habits: Sequence[Mapping[str, Any]],
    repetitions: Iterable[Mapping[str, Any]],
) -> ImportPlan:
    """The rows of a Loop backup (``Habits`` and ``Repetitions``; ``value`` absent in old schemas,
    where every repetition was a manual check)."""
    try:
        return _plan_from_backup(source, version, habits, repetitions)
    except (ValueError, TypeError, OverflowError, KeyError) as exc:
        raise refuse(
            source, tr("a value in the backup isn’t what Loop writes ({exc}).").format(exc=exc)
        ) from None


def _plan_from_backup(
    source: str,
    version: int,
    habits: Sequence[Mapping[str, Any]],
    repetitions: Iterable[Mapping[str, Any]],
) -> ImportPlan:
    plan = ImportPlan("loop-db", source)
    by_id: dict[Any, ImportedHabit] = {}
    if len(habits) > MAX_RECORDS:
        raise too_many(source, MAX_RECORDS, "habits")
    for number, row in enumerate(habits, start=1):
        row = {str(k).lower(): v for k, v in row.items()}
        numerical = int(row.get("type") or 0) == 1
        target = _target(
            source,
            number,
            row.get("freq_num") or 1,
            row.get("freq_den") or 1,
            numerical,
            row.get("target_type") or 0,
            row.get("target_value") or 0,
        )
        raw_name = row.get("name")
        if isinstance(raw_name, bytes):
            raw_name = raw_name.decode("utf-8", "replace")
        name = str(raw_name or "").strip() or f"Loop habit {row.get('id')}"
        habit = _habit(
            f"loop-{row.get('id')}",
            name,
            numerical,
            str(row.get("unit") or ""),
            target,
            str(row.get("archived") or "0").strip().lower() in ("1", "true"),
            str(row.get("question") or row.get("description") or ""),
            source,
        )
        by_id[row.get("id")] = habit
        plan.habits.append(habit)
        plan.ledger.read("habits")
    seen: dict[str, set[int]] = {}
    earliest = EARLIEST_DAY.toordinal()
    for row in repetitions:
        row = {str(k).lower(): v for k, v in row.items()}
        plan.ledger.read("habit days")
        owner = by_id.get(row.get("habit"))
        if owner is None:  # a repetition of a deleted habit: Loop ignores it too
            plan.ledger.leave_out("habit days", "no-habit")
            continue
        try:
            ordinal = EPOCH_ORDINAL + int(row["timestamp"]) // MS_PER_DAY
        except (KeyError, TypeError, ValueError):
            raise refuse(
                source,
                tr("a repetition has a bad timestamp ({timestamp}).").format(
                    timestamp=row.get("timestamp")
                ),
            ) from None
        if ordinal < earliest:
            plan.ledger.leave_out("habit days", "before-1970")
            continue
        if ordinal > LATEST_ORDINAL:
            plan.ledger.leave_out("habit days", "future")
            continue
        day = date.fromordinal(ordinal)
        value = int(row["value"]) if row.get("value") is not None else int(LoopValue.YES_MANUAL)
        days = seen.setdefault(owner.key, set())
        if ordinal in days:
            plan.ledger.leave_out("habit days", "same-day")
            continue
        days.add(ordinal)
        entry = entry_for(owner, day, value, str(row.get("notes") or ""))
        if entry is None:
            plan.ledger.leave_out("habit days", "derived")
        else:
            plan.entries.append(entry)
    plan.entries.sort(key=lambda e: (e.habit_key, e.day))
    if version < 9:
        plan.remarks.append(
            tr("An old Loop backup (version {version}); imported what it holds.").format(
                version=version
            )
        )
    plan.habits = unique_names(plan.habits)
    return plan

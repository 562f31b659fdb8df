"""Habits and their daily entries: records <-> domain."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import peewee as pw

from plasticity_app.db.records import HabitEntryRecord, HabitRecord
from plasticity_app.domain.habits import EntryStatus, Habit, HabitEntry, HabitKind, Target


def _date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _habit(rec: HabitRecord) -> Habit:
    return Habit(
        id=rec.id,
        name=rec.name,
        kind=HabitKind(rec.kind),
        unit=rec.unit or "",
        target=Target(rec.times, rec.period_days, rec.max_times, rec.daily_min, rec.daily_max),
        builtin_key=rec.builtin_key,
        archived=bool(rec.archived),
        position=rec.position,
        description=rec.description or "",
        created=_date(rec.created),
    )


def _entry(rec: HabitEntryRecord) -> HabitEntry:
    return HabitEntry(
        habit_id=rec.habit_id,  # type: ignore[attr-defined]
        day=_date(rec.day),
        status=EntryStatus(rec.status),
        quantity=rec.quantity,
        note=rec.note or "",
    )


def _fields(habit: Habit) -> dict[str, Any]:
    t = habit.target
    return {
        "name": habit.name,
        "kind": habit.kind.value,
        "unit": habit.unit,
        "description": habit.description,
        "times": t.times,
        "period_days": t.period_days,
        "max_times": t.max_times,
        "daily_min": t.daily_min,
        "daily_max": t.daily_max,
        "archived": habit.archived,
        "position": habit.position,
    }


@dataclass(frozen=True)
class EntryDays:
    """A habit's entries up to a day, reduced to what its strength needs."""

    first: date  # the earliest entry, whatever its status
    done: frozenset[date]  # days marked done
    skipped: frozenset[date]
    done_rows: tuple[tuple[date, float | None, str], ...] | None  # (day, quantity, note), if asked


def _entry_rows_query(
    habit_id: int | None = None, start: date | None = None, end: date | None = None
) -> pw.Query:
    """Entries as plain columns (habit id, day, status, quantity, note), by day then habit."""
    query = HabitEntryRecord.select(
        HabitEntryRecord.habit,
        HabitEntryRecord.day,
        HabitEntryRecord.status,
        HabitEntryRecord.quantity,
        HabitEntryRecord.note,
    ).order_by(HabitEntryRecord.day, HabitEntryRecord.habit)
    if habit_id is not None:
        query = query.where(HabitEntryRecord.habit == habit_id)
    if start is not None:
        query = query.where(HabitEntryRecord.day >= start)
    if end is not None:
        query = query.where(HabitEntryRecord.day <= end)
    return query


class HabitRepository:
    # Habits ------------------------------------------------------------------------------------
    def all(self, include_archived: bool = True) -> list[Habit]:
        query = HabitRecord.select().order_by(HabitRecord.position, HabitRecord.id)
        if not include_archived:
            query = query.where(HabitRecord.archived == False)  # noqa: E712
        return [_habit(r) for r in query]

    def get(self, habit_id: int) -> Habit | None:
        rec = HabitRecord.get_or_none(HabitRecord.id == habit_id)
        return None if rec is None else _habit(rec)

    def by_name(self, name: str) -> Habit | None:
        wanted = name.strip().casefold()
        for rec in HabitRecord.select():
            if str(rec.name).strip().casefold() == wanted:
                return _habit(rec)
        return None

    def builtin_keys(self) -> set[str]:
        query = HabitRecord.select(HabitRecord.builtin_key).where(
            HabitRecord.builtin_key.is_null(False)
        )
        return {str(r.builtin_key) for r in query}

    def next_position(self) -> int:
        top = HabitRecord.select(pw.fn.MAX(HabitRecord.position)).scalar()
        return 0 if top is None else int(top) + 1

    def add(self, habit: Habit) -> int:
        rec = HabitRecord.create(
            **_fields(habit), builtin_key=habit.builtin_key, created=habit.created
        )
        return int(rec.id)

    def update(self, habit: Habit) -> None:
        HabitRecord.update(**_fields(habit)).where(HabitRecord.id == habit.id).execute()

    def set_positions(self, order: Iterable[int]) -> None:
        for position, habit_id in enumerate(order):
            HabitRecord.update(position=position).where(HabitRecord.id == habit_id).execute()

    def delete(self, habit_id: int) -> None:
        HabitRecord.delete().where(HabitRecord.id == habit_id).execute()

    # Entries -----------------------------------------------------------------------------------
    def entries(
        self,
        habit_id: int | None = None,
        start: date | None = None,
        end: date | None = None,
    ) -> list[HabitEntry]:
        owners, rows = self._entry_columns(habit_id, start, end)
        return [HabitEntry(owner, *row) for owner, row in zip(owners, rows, strict=True)]

    def entry_days(self, end: date, detailed: Iterable[int] = ()) -> dict[int, EntryDays]:
        """Each habit's entries up to ``end`` as sets of days (and for the habits in
        ``detailed``, the quantity and note of each day marked done): SQLite gathers the days,
        one text per habit and status, so ten years (20,000 entries) cost a few texts."""
        database = HabitEntryRecord._meta.database
        last = end.isoformat()
        # One pass along the (habit, day) index: no sorting, no row per entry.
        gathered = database.execute_sql(
            "SELECT habit_id, MIN(day), group_concat(CASE WHEN status = ? THEN day END, ','), "
            "group_concat(CASE WHEN status = ? THEN day END, ',') FROM habit_entry "
            "WHERE day <= ? GROUP BY habit_id",
            (EntryStatus.DONE.value, EntryStatus.SKIPPED.value, last),
        ).fetchall()
        firsts = {habit_id: first for habit_id, first, _done, _skipped in gathered}
        texts = {}
        for habit_id, _first, done_text, skipped_text in gathered:
            texts[habit_id, EntryStatus.DONE.value] = done_text.split(",") if done_text else []
            texts[habit_id, EntryStatus.SKIPPED.value] = (
                skipped_text.split(",") if skipped_text else []
            )
        parsed: dict[str, date] = {}
        for days in texts.values():
            for text in set(days).difference(parsed):
                parsed[text] = date.fromisoformat(text[:10])
        rows: dict[int, list[tuple[date, float | None, str]]] = {}
        wanted = sorted(set(detailed))
        if wanted:
            marks = ", ".join("?" for _ in wanted)
            cursor = database.execute_sql(
                "SELECT habit_id, day, quantity, note FROM habit_entry "
                f"WHERE day <= ? AND status = ? AND habit_id IN ({marks})",
                (last, EntryStatus.DONE.value, *wanted),
            )
            for habit_id, day, quantity, note in cursor:
                parsed_day = parsed.get(day)  # every day marked done is among those read above
                if parsed_day is None:
                    parsed_day = _date(day)
                rows.setdefault(habit_id, []).append((parsed_day, quantity, note or ""))
        found = {}
        for habit_id, first in firsts.items():
            done = texts.get((habit_id, EntryStatus.DONE.value), [])
            skipped = texts.get((habit_id, EntryStatus.SKIPPED.value), [])
            found[int(habit_id)] = EntryDays(
                _date(first),
                frozenset(map(parsed.__getitem__, done)),
                frozenset(map(parsed.__getitem__, skipped)),
                tuple(rows.get(habit_id, ())) if habit_id in wanted else None,
            )
        return found

    def _entry_columns(
        self,
        habit_id: int | None = None,
        start: date | None = None,
        end: date | None = None,
    ) -> tuple[list[int], list[tuple[date, EntryStatus, float | None, str]]]:
        """The habit ids of the entries, and the rest of each entry as a tuple (day, status,
        quantity, note); by day then habit."""
        query = _entry_rows_query(habit_id, start, end)
        # Raw rows, a column at a time: building model instances (and peewee's date parsing)
        # was most of the time the Habits views spent on a ten-year journal, and then a Python
        # step per entry (20,000) most of what was left. Each day's text is parsed once.
        sql, params = query.sql()
        cursor: Any = HabitEntryRecord._meta.database.execute_sql(sql, params)
        found = cursor.fetchall()
        if not found:
            return [], []
        owners, days, statuses, quantities, notes = zip(*found, strict=True)
        parsed = {day: date.fromisoformat(str(day)[:10]) for day in set(days)}
        known = {s.value: s for s in EntryStatus}
        try:
            status_list = list(map(known.__getitem__, statuses))
        except (KeyError, TypeError):
            status_list = [EntryStatus(status) for status in statuses]  # says which is wrong
        rows = list(
            zip(
                map(parsed.__getitem__, days),
                status_list,
                quantities,
                [note or "" for note in notes],
                strict=True,
            )
        )
        return list(map(int, owners)), rows

    def entry(self, habit_id: int, day: date) -> HabitEntry | None:
        rec = HabitEntryRecord.get_or_none(
            (HabitEntryRecord.habit == habit_id) & (HabitEntryRecord.day == day)
        )
        return None if rec is None else _entry(rec)

    def put_entry(self, entry: HabitEntry) -> None:
        """Insert or replace the entry of that habit on that day."""
        HabitEntryRecord.insert(
            habit=entry.habit_id,
            day=entry.day,
            status=entry.status.value,
            quantity=entry.quantity,
            note=entry.note,
        ).on_conflict(
            conflict_target=[HabitEntryRecord.habit, HabitEntryRecord.day],
            update={
                HabitEntryRecord.status: entry.status.value,
                HabitEntryRecord.quantity: entry.quantity,
                HabitEntryRecord.note: entry.note,
            },
        ).execute()

    def clear_entry(self, habit_id: int, day: date) -> bool:
        deleted = (
            HabitEntryRecord.delete()
            .where((HabitEntryRecord.habit == habit_id) & (HabitEntryRecord.day == day))
            .execute()
        )
        return bool(deleted)

    def done_entries(self, start: date, end: date, limit: int) -> list[HabitEntry]:
        """The first ``limit`` entries marked done from ``start`` to ``end``, by day then habit."""
        query = (
            _entry_rows_query(start=start, end=end)
            .where(HabitEntryRecord.status == EntryStatus.DONE.value)
            .limit(limit)
            .tuples()
        )
        return [
            HabitEntry(int(owner), _date(day), EntryStatus.DONE, quantity, note or "")
            for owner, day, _status, quantity, note in query
        ]

    def entry_count(self, habit_id: int) -> int:
        return int(HabitEntryRecord.select().where(HabitEntryRecord.habit == habit_id).count())

    # Export ------------------------------------------------------------------------------------
    def export(self) -> dict[str, list[dict[str, Any]]]:
        habits = [
            {
                "id": h.id,
                "name": h.name,
                "kind": h.kind.value,
                "unit": h.unit,
                "description": h.description,
                "target": {
                    "times": h.target.times,
                    "period_days": h.target.period_days,
                    "max_times": h.target.max_times,
                    "daily_min": h.target.daily_min,
                    "daily_max": h.target.daily_max,
                },
                "builtin_key": h.builtin_key,
                "archived": h.archived,
                "position": h.position,
                "created": h.created.isoformat(),
            }
            for h in self.all()
        ]
        # Straight from the rows (20,000 on ten years), as entries() would give them: each day's
        # text read as a date once, and the statuses checked once.
        sql, params = _entry_rows_query().sql()
        found = HabitEntryRecord._meta.database.execute_sql(sql, params).fetchall()
        iso = {day: _date(day).isoformat() for day in {row[1] for row in found}}
        statuses = {status: EntryStatus(status).value for status in {row[2] for row in found}}
        entries = [
            {
                "habit_id": int(habit_id),
                "date": iso[day],
                "status": statuses[status],
                "quantity": quantity,
                "note": note or "",
            }
            for habit_id, day, status, quantity, note in found
        ]
        return {"habits": habits, "habit_entries": entries}

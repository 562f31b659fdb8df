"""Writing an import plan (call inside one transaction): what is already there is kept and not
added again, so importing the same file twice adds nothing the second time.

Metrics and habits are matched by name (ignoring case), ratings and habit entries by their day,
day notes by their day; records of our own export are matched by their content. Into an empty
journal our own export is restored exactly, ids included.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

import peewee as pw

from plasticity_app.db.records import (
    DayNoteRecord,
    ExperimentRecord,
    HabitEntryRecord,
    HabitRecord,
    LearningSessionRecord,
    MetricEntryRecord,
    MetricRecord,
    OpeningRecord,
    ReviewDecisionRecord,
    ReviewRecord,
    StepCompletionRecord,
    ThoughtRecordRecord,
)
from plasticity_app.db.repositories import SettingsRepository
from plasticity_app.domain import dates
from plasticity_app.domain.imports.ledger import Ledger
from plasticity_app.domain.imports.model import EARLIEST_DAY, ImportPlan
from plasticity_app.domain.metrics import MAX_ACTIVE_METRICS
from plasticity_app.domain.text import QT_TR_NOOP, tr

PLANNED_AHEAD_DAYS = 3653
FLUSH_ROWS = 100_000


def _by_day(row: tuple[Any, ...]) -> str:
    return str(row[1])


HABIT_FIELDS = (
    "name",
    "kind",
    "unit",
    "description",
    "times",
    "period_days",
    "max_times",
    "daily_min",
    "daily_max",
    "builtin_key",
    "archived",
    "position",
    "created",
)
HABIT_DEFAULTS: dict[str, Any] = {"unit": "", "description": "", "archived": False}
CONTENT_TABLES = (ExperimentRecord, ThoughtRecordRecord, LearningSessionRecord, OpeningRecord)


def _day(value: Any) -> date:
    return date.fromisoformat(str(value)[:10])


class _Inserts:
    """One INSERT statement for a table and a fixed set of its fields, run many times on the
    connection of the caller's transaction. Values go through each field's ``db_value`` exactly as
    peewee's own insert would convert them, without building a query per row (which was most of
    an import's time: about 6,000 rows of experiments, reviews and decisions on ten years)."""

    def __init__(self, table: type[Any], names: Iterable[str]) -> None:
        fields = [table._meta.fields[name] for name in names]
        columns = ", ".join(f'"{field.column_name}"' for field in fields)
        marks = ", ".join("?" for _ in fields)
        self.sql = f'INSERT INTO "{table._meta.table_name}" ({columns}) VALUES ({marks})'
        self._names = tuple(names)
        self._convert: tuple[Callable[[Any], Any], ...] = tuple(f.db_value for f in fields)
        self._conn = table._meta.database.connection()

    def values(self, row: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(
            convert(row[name]) for name, convert in zip(self._names, self._convert, strict=True)
        )

    def one(self, row: dict[str, Any]) -> int:
        """Insert one row; its id."""
        return int(self._conn.execute(self.sql, self.values(row)).lastrowid)

    def many(self, rows: Iterable[dict[str, Any]]) -> None:
        self._conn.executemany(self.sql, [self.values(row) for row in rows])


def journal_is_empty() -> bool:
    tables = (
        MetricRecord,
        HabitRecord,
        ExperimentRecord,
        ThoughtRecordRecord,
        LearningSessionRecord,
        OpeningRecord,
        ReviewRecord,
        DayNoteRecord,
    )
    return not any(t.select().exists() for t in tables)


# What an import added, counted in whole phrases a translator can inflect.
COUNTED: dict[str, tuple[str, str]] = {
    "metrics": (QT_TR_NOOP("1 metric"), QT_TR_NOOP("{count} metrics")),
    "ratings": (QT_TR_NOOP("1 rating"), QT_TR_NOOP("{count} ratings")),
    "day notes": (QT_TR_NOOP("1 day note"), QT_TR_NOOP("{count} day notes")),
    "habits": (QT_TR_NOOP("1 habit"), QT_TR_NOOP("{count} habits")),
    "habit days": (QT_TR_NOOP("1 habit day"), QT_TR_NOOP("{count} habit days")),
    "experiments": (QT_TR_NOOP("1 experiment"), QT_TR_NOOP("{count} experiments")),
    "thought records": (QT_TR_NOOP("1 thought record"), QT_TR_NOOP("{count} thought records")),
    "learning sessions": (
        QT_TR_NOOP("1 learning session"),
        QT_TR_NOOP("{count} learning sessions"),
    ),
    "openings": (QT_TR_NOOP("1 opening"), QT_TR_NOOP("{count} openings")),
    "weekly reviews": (QT_TR_NOOP("1 weekly review"), QT_TR_NOOP("{count} weekly reviews")),
}


class ImportWriter:
    def __init__(self, today: date, ledger: Ledger | None = None) -> None:
        self.today = today
        # What the file's reading found, completed here with what was imported, merged or left out.
        self.ledger = ledger.copy() if ledger is not None else Ledger()
        self.added: Counter[str] = Counter()
        self.kept: Counter[str] = Counter()
        self.remarks: list[str] = []
        self.future = 0  # entries dated after today, left out
        # What is already there, read once; new rows are written in bulk by flush().
        self._rated: dict[int, set[date]] = {}
        self._ticked: dict[int, set[date]] = {}
        self._noted: set[date] | None = None
        self._day_sql: dict[type[Any], str] = {}
        self._new_ratings: list[tuple[int, str, int]] = []
        self._new_entries: list[tuple[int, str, str, float | None, str]] = []
        self._new_notes: list[tuple[str, str]] = []
        self._habit_names: dict[str, int] | None = None
        self._habit_insert: _Inserts | None = None
        self._metric_names: dict[str, int] | None = None
        self._active_metrics = 0
        self._metric_top = -1
        self._habit_top: int | None = None
        self._builtins: dict[str, int] | None = None

    def _days(self, table: type[Any], column: Any, owner: int) -> set[date]:
        """The days ``owner`` already has (the query built once per table, not once per owner)."""
        sql = self._day_sql.get(table)
        if sql is None:
            sql = self._day_sql[table] = table.select(table.day).where(column == -1).sql()[0]
        cursor = table._meta.database.execute_sql(sql, (owner,))
        return {date.fromisoformat(str(row[0])[:10]) for row in cursor}

    def flush(self) -> None:
        """Write the collected ratings, habit days and notes (inside the caller's transaction)."""
        conn = MetricEntryRecord._meta.database.connection()
        # In the order of the day: both indexes (owner and day, day) then grow at a few places
        # only, which keeps a large import from reading and writing index pages all over.
        self._new_ratings.sort(key=_by_day)
        self._new_entries.sort(key=_by_day)
        if self._new_ratings:
            conn.executemany(
                "INSERT INTO metric_entry (metric_id, day, value) VALUES (?, ?, ?)",
                self._new_ratings,
            )
        if self._new_entries:
            conn.executemany(
                "INSERT INTO habit_entry (habit_id, day, status, quantity, note) "
                "VALUES (?, ?, ?, ?, ?)",
                self._new_entries,
            )
        if self._new_notes:
            conn.executemany("INSERT INTO day_note (day, text) VALUES (?, ?)", self._new_notes)
        self._new_ratings, self._new_entries, self._new_notes = [], [], []

    # Metrics and ratings -----------------------------------------------------------------------
    @staticmethod
    def _by_name(table: type[Any]) -> dict[str, int]:
        """Names as a person reads them (any letter's case ignored, not only ASCII's)."""
        return {
            str(r.name).strip().casefold(): int(r.id) for r in table.select(table.id, table.name)
        }

    def _metric_id(self, name: str, direction: str, description: str, created: date) -> int:
        if self._metric_names is None:
            self._metric_names = self._by_name(MetricRecord)
            self._active_metrics = (
                MetricRecord.select().where(MetricRecord.archived == False).count()  # noqa: E712
            )
            top = MetricRecord.select(pw.fn.MAX(MetricRecord.position)).scalar()
            self._metric_top = -1 if top is None else int(top)
        found = self._metric_names.get(name.strip().casefold())
        if found is not None:
            self.kept["metrics"] += 1
            self.ledger.merged("metrics")
            return found
        archived = self._active_metrics >= MAX_ACTIVE_METRICS
        if archived:
            self.remarks.append(
                tr(
                    "“{name}” was added as an archived metric: you already follow {count} "
                    "outcomes. Swap it in from the Check-in tab if you like."
                ).format(name=name, count=MAX_ACTIVE_METRICS)
            )
        self._metric_top += 1
        record = MetricRecord.create(
            name=name,
            description=description,
            direction=direction,
            archived=archived,
            position=self._metric_top,
            created=created,
        )
        self._metric_names[name.strip().casefold()] = int(record.id)
        self._rated[int(record.id)] = set()  # a new metric has no ratings yet
        if not archived:
            self._active_metrics += 1
        self.added["metrics"] += 1
        self.ledger.imported("metrics")
        return int(record.id)

    def _future(self, day: date, kind: str, rows: int = 1) -> bool:
        """Days after today (the journal never holds them) and before 1970 are left out, and
        counted in the ledger."""
        if day > self.today:
            self.future += rows
            self.ledger.leave_out(kind, "future", rows)
            return True
        if day < EARLIEST_DAY:
            self.ledger.leave_out(kind, "before-1970", rows)
            return True
        return False

    def _rating(self, metric_id: int, day: date, value: int, rows: int = 1) -> None:
        if self._future(day, "ratings", rows):
            return
        rated = self._rated.get(metric_id)
        if rated is None:
            rated = self._rated[metric_id] = self._days(
                MetricEntryRecord, MetricEntryRecord.metric, metric_id
            )
        if day in rated:
            self.kept["ratings"] += 1
            self.ledger.merged("ratings", rows)
            return
        rated.add(day)
        self._new_ratings.append((metric_id, day.isoformat(), value))
        if len(self._new_ratings) >= FLUSH_ROWS:
            self.flush()
        self.added["ratings"] += 1
        self.ledger.imported("ratings", rows)

    def _note(self, day: date, text: str, rows: int = 1) -> None:
        if self._future(day, "day notes", rows):
            return
        if self._noted is None:
            sql, params = DayNoteRecord.select(DayNoteRecord.day).sql()
            cursor = DayNoteRecord._meta.database.execute_sql(sql, params)
            self._noted = {date.fromisoformat(str(row[0])[:10]) for row in cursor}
        if day in self._noted:
            self.kept["day notes"] += 1
            self.ledger.merged("day notes", rows)
            return
        self._noted.add(day)
        self._new_notes.append((day.isoformat(), text))
        self.added["day notes"] += 1
        self.ledger.imported("day notes", rows)

    # Habits and entries ------------------------------------------------------------------------
    def _habit_id(self, fields: dict[str, Any], merge_into: str | None = None) -> int:
        """The habit of that name (or the built-in ``merge_into``, when the journal has it),
        or a new one. The journal's habits are read once, not once per habit."""
        if self._habit_names is None or self._builtins is None:
            self._habit_names = self._by_name(HabitRecord)
            self._builtins = {
                str(r.builtin_key): int(r.id)
                for r in HabitRecord.select(HabitRecord.id, HabitRecord.builtin_key).where(
                    HabitRecord.builtin_key.is_null(False)
                )
            }
            top = HabitRecord.select(pw.fn.MAX(HabitRecord.position)).scalar()
            self._habit_top = -1 if top is None else int(top)
        found = self._builtins.get(merge_into) if merge_into else None
        if found is None:
            found = self._habit_names.get(str(fields["name"]).strip().casefold())
        if found is not None:
            self.kept["habits"] += 1
            self.ledger.merged("habits")
            return found
        assert self._habit_top is not None
        self._habit_top += 1
        fields = {**fields, "position": self._habit_top}
        key = fields.get("builtin_key")
        if key and key in self._builtins:
            fields["builtin_key"] = None
        row = {name: fields.get(name, HABIT_DEFAULTS.get(name)) for name in HABIT_FIELDS}
        if self._habit_insert is None:
            self._habit_insert = _Inserts(HabitRecord, HABIT_FIELDS)
        habit_id = self._habit_insert.one(row)
        self._habit_names[str(fields["name"]).strip().casefold()] = habit_id
        if fields.get("builtin_key"):
            self._builtins[str(fields["builtin_key"])] = habit_id
        self._ticked[habit_id] = set()  # a new habit has no days yet: nothing to read
        self.added["habits"] += 1
        self.ledger.imported("habits")
        return habit_id

    def _habit_entry(
        self,
        habit_id: int,
        day: date,
        status: str,
        quantity: float | None,
        note: str,
        rows: int = 1,
    ) -> None:
        if self._future(day, "habit days", rows):
            return
        ticked = self._ticked.get(habit_id)
        if ticked is None:
            ticked = self._ticked[habit_id] = self._days(
                HabitEntryRecord, HabitEntryRecord.habit, habit_id
            )
        if day in ticked:
            self.kept["habit days"] += 1
            self.ledger.merged("habit days", rows)
            return
        ticked.add(day)
        self._new_entries.append((habit_id, day.isoformat(), status, quantity, note))
        if len(self._new_entries) >= FLUSH_ROWS:
            self.flush()  # memory stays bounded however large the file
        self.added["habit days"] += 1
        self.ledger.imported("habit days", rows)

    # Plans from other apps ---------------------------------------------------------------------
    def apply_plan(self, plan: ImportPlan) -> None:
        if plan.document is not None:
            self.apply_document(plan.document)
            return
        metric_ids = {
            m.key: self._metric_id(m.name, m.direction.value, m.description, self.today)
            for m in plan.metrics
        }
        for rating in plan.ratings:
            self._rating(metric_ids[rating.metric_key], rating.day, rating.value, rating.rows)
        for day, text in sorted(plan.notes.items()):
            self._note(day, text, plan.note_rows.get(day, 1))
        habit_ids = {}
        for habit in plan.habits:
            t = habit.target
            habit_ids[habit.key] = self._habit_id(
                {
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
                    "created": self.today,
                },
                habit.builtin_key,
            )
        for entry in plan.entries:
            self._habit_entry(
                habit_ids[entry.habit_key],
                entry.day,
                entry.status.value,
                entry.quantity,
                entry.note,
                entry.rows,
            )
        self.flush()
        self.future_remark()
        self.remarks.extend(plan.remarks)

    # Our own export ----------------------------------------------------------------------------
    def apply_document(self, doc: dict[str, Any]) -> None:
        exact = journal_is_empty()
        metric_ids: dict[Any, int] = {}
        for m in doc["metrics"]:
            created = _day(m.get("created") or self.today)
            if exact:
                MetricRecord.insert(
                    id=m["id"],
                    name=m["name"],
                    description=m.get("description", ""),
                    direction=m["direction"],
                    archived=bool(m.get("archived")),
                    position=int(m.get("position") or 0),
                    created=created,
                ).execute()
                metric_ids[m["id"]] = int(m["id"])
                self.added["metrics"] += 1
                self.ledger.imported("metrics")
            else:
                metric_ids[m["id"]] = self._metric_id(
                    m["name"], m["direction"], m.get("description", ""), created
                )
        for e in doc["metric_entries"]:
            self._rating(metric_ids[e["metric_id"]], _day(e["date"]), int(e["value"]))
        for n in doc["day_notes"]:
            self._note(_day(n["date"]), str(n["text"]))
        habit_ids: dict[Any, int] = {}
        for h in doc["habits"]:
            t = h.get("target") or {}
            fields = {
                "name": h["name"],
                "kind": h["kind"],
                "unit": h.get("unit", ""),
                "description": h.get("description", ""),
                "times": int(t.get("times", 1)),
                "period_days": int(t.get("period_days", 1)),
                "max_times": t.get("max_times"),
                "daily_min": t.get("daily_min"),
                "daily_max": t.get("daily_max"),
                "builtin_key": h.get("builtin_key"),
                "archived": bool(h.get("archived")),
                "created": _day(h.get("created") or self.today),
            }
            if exact:
                HabitRecord.insert(
                    id=h["id"], position=int(h.get("position") or 0), **fields
                ).execute()
                habit_ids[h["id"]] = int(h["id"])
                self.added["habits"] += 1
                self.ledger.imported("habits")
            else:
                habit_ids[h["id"]] = self._habit_id(fields)
        for e in doc["habit_entries"]:
            self._habit_entry(
                habit_ids[e["habit_id"]],
                _day(e["date"]),
                e["status"],
                e.get("quantity"),
                e.get("note", ""),
            )
        self.flush()
        self.future_remark()
        self._learning(doc, metric_ids, exact)
        self._reviews(doc, habit_ids, exact)
        for step in (doc.get("roadmap") or {}).get("steps", []):
            if step.get("completed_on") and not StepCompletionRecord.get_or_none(
                StepCompletionRecord.step == step["number"]
            ):
                StepCompletionRecord.insert(
                    step=int(step["number"]),
                    completed_on=_day(step["completed_on"]),
                    skipped=bool(step.get("skipped")),
                ).execute()
        if exact and isinstance(doc.get("settings"), dict):
            repo = SettingsRepository()
            for key, value in doc["settings"].items():
                repo.save(key, value)

    def _learning(self, doc: dict[str, Any], metric_ids: dict[Any, int], exact: bool) -> None:
        def moods(value: Any) -> str:
            return json.dumps(value or [], ensure_ascii=False)

        rows: list[tuple[str, type[Any], dict[str, Any]]] = []
        for x in doc["experiments"]:
            related = x.get("related_metric_id")
            rows.append(
                (
                    "experiments",
                    ExperimentRecord,
                    {
                        "id": x["id"],
                        "target_belief": x["target_belief"],
                        "belief_before": x["belief_before"],
                        "alternative_belief": x.get("alternative_belief", ""),
                        "alternative_before": x.get("alternative_before"),
                        "plan": x.get("plan", ""),
                        "safety_behaviours": x.get("safety_behaviours", ""),
                        "prediction": x.get("prediction", ""),
                        "how_to_know": x.get("how_to_know", ""),
                        "planned_date": _day(x["planned_date"]),
                        "related_metric": metric_ids.get(related) if related else None,
                        "status": x["status"],
                        "outcome": x.get("outcome", ""),
                        "prediction_came_true": x.get("prediction_came_true"),
                        "learned": x.get("learned", ""),
                        "belief_after": x.get("belief_after"),
                        "alternative_after": x.get("alternative_after"),
                        "done_date": _day(x["done_date"]) if x.get("done_date") else None,
                        "created": _day(x.get("created") or x["planned_date"]),
                    },
                )
            )
        for t in doc["thought_records"]:
            rows.append(
                (
                    "thought records",
                    ThoughtRecordRecord,
                    {
                        "id": t["id"],
                        "day": _day(t["date"]),
                        "situation": t.get("situation", ""),
                        "moods": moods(t.get("moods")),
                        "automatic_thought": t.get("automatic_thought", ""),
                        "thought_belief": t.get("thought_belief"),
                        "distortions": json.dumps(t.get("distortions") or []),
                        "evidence_for": t.get("evidence_for", ""),
                        "evidence_against": t.get("evidence_against", ""),
                        "balanced_thought": t.get("balanced_thought", ""),
                        "balanced_belief": t.get("balanced_belief"),
                        "moods_after": moods(t.get("moods_after")),
                        "created": _day(t.get("created") or t["date"]),
                    },
                )
            )
        for s in doc["learning_sessions"]:
            rows.append(
                (
                    "learning sessions",
                    LearningSessionRecord,
                    {
                        "id": s["id"],
                        "day": _day(s["date"]),
                        "kind": s["kind"],
                        "minutes": int(s["minutes"]),
                        "notes": s.get("notes", ""),
                    },
                )
            )
        for o in doc["openings"]:
            rows.append(
                (
                    "openings",
                    OpeningRecord,
                    {
                        "id": o["id"],
                        "kind": o["kind"],
                        "at": o["at"],
                        "clinician": o.get("clinician", ""),
                        "notes": o.get("notes", ""),
                        "created": o.get("created") or o["at"],
                    },
                )
            )
        rows = [row for row in rows if self._dated_within(row[0], row[2])]
        if exact:
            # Into an empty journal, ids included: each table's rows in one statement.
            by_table: dict[type[Any], list[dict[str, Any]]] = {}
            for label, table, fields in rows:
                by_table.setdefault(table, []).append(fields)
                self.added[label] += 1
                self.ledger.imported(label)
            for table, table_rows in by_table.items():
                _Inserts(table, table_rows[0]).many(table_rows)
            return
        for label, table, fields in rows:
            content = {k: v for k, v in fields.items() if k != "id"}
            query = table.select()
            for name, value in content.items():
                column = getattr(table, name)
                query = query.where(column.is_null() if value is None else column == value)
            if query.exists():
                self.kept[label] += 1
                self.ledger.merged(label)
                continue
            table.insert(**content).execute()
            self.added[label] += 1
            self.ledger.imported(label)

    def _dated_within(self, label: str, fields: dict[str, Any]) -> bool:
        """Records dated before 1970 or after today are left out (counted in the ledger); a
        planned experiment may lie ahead, up to ten years."""
        if label == "openings":
            day = _day(fields["at"])
        elif label == "experiments":
            done = fields.get("done_date")
            if done is not None and self._future(done, label):
                return False
            day = fields["planned_date"]
            if day > self.today and (day - self.today).days <= PLANNED_AHEAD_DAYS:
                return day >= EARLIEST_DAY
        else:
            day = fields["day"]
        return not self._future(day, label)

    def _reviews(self, doc: dict[str, Any], habit_ids: dict[Any, int], exact: bool) -> None:
        # The weeks already reviewed, read once (one review per week, the file's own included).
        sql, params = ReviewRecord.select(ReviewRecord.week_start).sql()
        cursor = ReviewRecord._meta.database.execute_sql(sql, params)
        reviewed = {_day(row[0]) for row in cursor}
        names = [
            "week_start",
            "reflection_opening",
            "reflection_belief",
            "reflection_habit",
            "notes",
            "created",
            "updated",
        ]
        reviews = _Inserts(ReviewRecord, [*names, "id"] if exact else names)
        decisions: list[dict[str, Any]] = []
        for r in doc["reviews"]:
            week = _day(r["week_start"])
            if self._future(week, "weekly reviews"):
                continue
            if week in reviewed:
                self.kept["weekly reviews"] += 1
                self.ledger.merged("weekly reviews")
                continue
            fields = {
                "week_start": week,
                "reflection_opening": r.get("reflection_opening", ""),
                "reflection_belief": r.get("reflection_belief", ""),
                "reflection_habit": r.get("reflection_habit", ""),
                "notes": r.get("notes", ""),
                "created": r.get("created") or week.isoformat(),
                "updated": r.get("updated") or r.get("created") or week.isoformat(),
            }
            if exact:
                fields["id"] = r["id"]
            review_id = reviews.one(fields)
            reviewed.add(week)
            for d in r.get("decisions") or []:
                habit = d.get("habit_id")
                practice = str(d["practice"])
                mapped = habit_ids.get(habit) if habit is not None else None
                if mapped is not None and practice.startswith("habit:"):
                    practice = f"habit:{mapped}"
                decisions.append(
                    {
                        "review": review_id,
                        "practice": practice,
                        "habit": mapped,
                        "decision": d["decision"],
                        "note": d.get("note", ""),
                    }
                )
            self.added["weekly reviews"] += 1
            self.ledger.imported("weekly reviews")
        if decisions:
            _Inserts(ReviewDecisionRecord, decisions[0]).many(decisions)

    # Reading the result ------------------------------------------------------------------------
    def future_remark(self) -> None:
        if self.future:
            self.remarks.append(
                tr("1 entry dated after today was left out.")
                if self.future == 1
                else tr("{count} entries dated after today were left out.").format(
                    count=dates.number(self.future, 0)
                )
            )

    def summary(self, *, preview: bool = False) -> str:
        """ "Added 1 metric, 3 ratings." (or "Will add …" before the import is made)."""
        if not self.added:
            return tr("Nothing new to add: everything in the file is already in your journal.")
        parts = []
        for label, n in self.added.items():
            if not n:
                continue
            one, many = COUNTED.get(label, (label, "{count} " + label))
            parts.append(tr(one) if n == 1 else tr(many).format(count=dates.number(n, 0)))
        listed = ", ".join(parts)
        if preview:
            text = tr("Will add {things}.").format(things=listed)
        else:
            text = tr("Added {things}.").format(things=listed)
        kept = sum(self.kept.values())
        if kept == 1:
            text += " " + tr("1 already in your journal was kept as it was.")
        elif kept:
            text += " " + tr("{count} already in your journal were kept as they were.").format(
                count=dates.number(kept, 0)
            )
        return text

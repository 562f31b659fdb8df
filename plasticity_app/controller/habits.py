"""Step 4: plasticity supports as habits. Every change goes through here: validated by the domain,
written in one transaction, announced with one ``changed`` signal."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from plasticity_app.controller.base import Context, friendly_day
from plasticity_app.controller.roadmap import RoadmapController
from plasticity_app.db.habits_repo import HabitRepository
from plasticity_app.domain import habits as hb
from plasticity_app.domain import roadmap as r
from plasticity_app.domain.clock import week_start
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.habits import (
    BUILTIN_HABITS,
    Adherence,
    EntryStatus,
    Habit,
    HabitEntry,
    HabitKind,
    Streak,
    Target,
)
from plasticity_app.domain.text import isolate, tr

# How far back strength is computed from when a habit has no older entries: Loop starts at the
# earliest entry, so only entries matter; this only bounds the work for the week view.
STRENGTH_LOOKBACK_DAYS = 3650


def _raise_first(errors: dict[str, str]) -> None:
    for field, message in errors.items():
        raise UserError(message, field)


@dataclass(frozen=True)
class HabitWeek:
    """One habit in the week grid: its 7 entries and how the week and the habit are going."""

    habit: Habit
    days: tuple[date, ...]
    entries: dict[date, HabitEntry]
    adherence: Adherence
    current_streak: Streak
    best_streak: Streak
    strength: float  # Loop's score (0..1) at the end of the week (or today)


class HabitsController:
    AREA = "habits"

    def __init__(self, ctx: Context, roadmap: RoadmapController) -> None:
        self._ctx = ctx
        self._roadmap = roadmap
        self._repo = HabitRepository()
        roadmap.fact_providers.append(self.roadmap_facts)
        roadmap.on_completed.append(self._step_completed)

    # Reading -----------------------------------------------------------------------------------
    def today(self) -> date:
        return self._ctx.today()

    def first_weekday(self) -> int:
        return self._ctx.settings.first_weekday

    def week_of(self, day: date) -> date:
        return week_start(day, self.first_weekday())

    def habits(self, include_archived: bool = False) -> list[Habit]:
        return self._repo.all(include_archived=include_archived)

    def archived(self) -> list[Habit]:
        return [h for h in self._repo.all() if h.archived]

    def habit(self, habit_id: int) -> Habit:
        found = self._repo.get(habit_id)
        if found is None:
            raise UserError(tr("That habit no longer exists."))
        return found

    def entries(
        self, habit_id: int | None = None, start: date | None = None, end: date | None = None
    ) -> list[HabitEntry]:
        return self._repo.entries(habit_id, start, end)

    def strengths_on(self, habits: list[Habit], day: date) -> dict[int, float]:
        """Each habit's strength on ``day`` (those without entries by then are left out)."""
        detailed = [h.id for h in habits if not hb.counts_when_done(h)]
        history = self._repo.entry_days(day, detailed)
        strengths = {}
        for habit in habits:
            found = history.get(habit.id)
            if found is None:
                continue
            counted = (
                found.done if found.done_rows is None else hb.counted_days(habit, found.done_rows)
            )
            strengths[habit.id] = hb.strength_on_days(
                habit, found.first, counted, found.skipped, day
            )
        return strengths

    def entry(self, habit_id: int, day: date) -> HabitEntry | None:
        return self._repo.entry(habit_id, day)

    def step_state(self) -> r.StepState:
        return self._roadmap.roadmap().step(4).state

    def lock_reason(self) -> str | None:
        """Why step 4 is not open yet (custom habits can still be kept), or ``None``."""
        if self.step_state() is r.StepState.LOCKED:
            return tr(
                "Step 4 opens once an experiment in step 3 has its outcome. The four built-in "
                "supports (gratitude, novel learning, sleep and exercise) appear then. You can "
                "already keep habits of your own here."
            )
        return None

    def week(self, week: date, *, include_archived: bool = False) -> list[HabitWeek]:
        """Every habit's row in the week grid starting on ``week``."""
        start = self.week_of(week)
        days = tuple(start + timedelta(days=i) for i in range(7))
        today = self.today()
        end = min(days[-1], today)
        all_entries = self._repo.entries()
        by_habit: dict[int, list[HabitEntry]] = {}
        for e in all_entries:
            by_habit.setdefault(e.habit_id, []).append(e)
        rows = []
        for habit in self.habits(include_archived):
            entries = by_habit.get(habit.id, [])
            week_entries = {e.day: e for e in entries if start <= e.day <= days[-1]}
            streak_day = max(end, start)
            rows.append(
                HabitWeek(
                    habit=habit,
                    days=days,
                    entries=week_entries,
                    adherence=hb.week_adherence(habit, entries, start, today=today),
                    current_streak=hb.current_streak(
                        habit, entries, streak_day, first_weekday=self.first_weekday()
                    ),
                    best_streak=hb.best_streak(
                        habit, entries, streak_day, first_weekday=self.first_weekday()
                    ),
                    strength=hb.strength_on(habit, entries, streak_day) if entries else 0.0,
                )
            )
        return rows

    def history(self, habit_id: int, first: date, last: date) -> dict[date, EntryStatus]:
        """Each day's outcome (done / skipped / missed) for the small history calendar."""
        habit = self.habit(habit_id)
        by_day = {e.day: e for e in self._repo.entries(habit_id, first, last)}
        days = (last - first).days + 1
        return {
            d: hb.day_outcome(habit, by_day.get(d))
            for d in (first + timedelta(days=i) for i in range(days))
        }

    def strength_series(self, habit_id: int, first: date, last: date) -> list[tuple[date, float]]:
        habit = self.habit(habit_id)
        return hb.strength_series(habit, self._repo.entries(habit_id), first, last)

    def supports_reading(self, today: date) -> str:
        """One line for the roadmap's step 4: how this week's supports are going (and last week's,
        so a Monday doesn't read as failure)."""
        week = self.week_of(today)
        active = self.habits()
        if not active:
            return ""
        entries = self._repo.entries(start=week - timedelta(days=7), end=today)

        def on_target(start: date) -> int:
            return sum(
                1
                for habit in active
                if hb.week_adherence(habit, entries, start, today=today).verdict
                is not hb.Verdict.UNDER
            )

        ticks = sum(1 for e in entries if e.day >= week and e.status is EntryStatus.DONE)
        so_far = (
            tr(
                "This week so far: {ticks} tick across your {supports} supports ({on_target} "
                "already on target)."
            )
            if ticks == 1
            else tr(
                "This week so far: {ticks} ticks across your {supports} supports ({on_target} "
                "already on target)."
            )
        )
        text = so_far.format(ticks=ticks, supports=len(active), on_target=on_target(week))
        if any(e.day < week for e in entries):
            text += " " + tr("Last week: {on_target} of {supports} on target.").format(
                on_target=on_target(week - timedelta(days=7)), supports=len(active)
            )
        return text

    def support_days(self, opened: date, today: date, enough: int = r.SUPPORTS_DAYS) -> list[date]:
        """The first ``enough`` days from ``opened`` to ``today`` on which at least one support
        (any habit, archived ones too) was done and counts: ticked, a note written, an amount in
        its range. Read a few rows at a time, so a long journal costs no more than a new one."""
        habits = {h.id: h for h in self._repo.all()}
        found: list[date] = []
        start = opened
        batch = 64
        while len(found) < enough:
            rows = self._repo.done_entries(start, today, batch)
            for entry in rows:
                habit = habits.get(entry.habit_id)
                if (
                    habit is not None
                    and (not found or entry.day > found[-1])
                    and hb.entry_counts(habit, entry)
                ):
                    found.append(entry.day)
                    if len(found) == enough:
                        break
            if len(rows) < batch:
                break
            # The next batch starts again on the last day read (it may have more entries), or
            # the day after when the whole batch was that one day: always moving forward.
            last = rows[-1].day
            start = last if last > start else last + timedelta(days=1)
        return found

    def roadmap_facts(self, today: date) -> dict[str, object]:
        completions = self._ctx.steps_repo.completions()
        if 3 not in completions:
            return {}
        return {
            "supports_adherence": self.supports_reading(today),
            "support_days": tuple(self.support_days(completions[3], today)),
        }

    # Built-ins ---------------------------------------------------------------------------------
    def _step_completed(self, step: int, on: date) -> None:
        if step == 3:
            self._create_builtins(on)

    def _create_builtins(self, on: date) -> int:
        """Create the built-in supports that don't exist yet (inside the caller's transaction)."""
        present = self._repo.builtin_keys()
        taken = {h.name.casefold() for h in self._repo.all()}
        made = 0
        for builtin in BUILTIN_HABITS:
            if builtin.key in present:
                continue
            name = builtin.name
            if name.casefold() in taken:  # a custom habit already has the name
                name = f"{name} (support)"
            habit = replace(
                builtin.to_habit(habit_id=0, created=on, position=self._repo.next_position()),
                name=name,
            )
            self._repo.add(habit)
            made += 1
        return made

    def ensure_builtins(self) -> None:
        """For journals whose step 3 completed before habits existed: create the supports once."""
        completions = self._ctx.steps_repo.completions()
        if 3 not in completions or self._repo.builtin_keys() >= {b.key for b in BUILTIN_HABITS}:
            return
        if self._repo.builtin_keys():
            return  # some exist: the person has them; never re-create what they deleted
        with self._ctx.transaction():
            self._create_builtins(completions[3])

    # Habits ------------------------------------------------------------------------------------
    def _other_names(self) -> list[str]:
        return [h.name for h in self._repo.all()]

    def add_habit(
        self,
        name: str,
        kind: HabitKind | str,
        *,
        unit: str = "",
        target: Target | None = None,
        description: str = "",
    ) -> int:
        kind = HabitKind(kind)
        target = target or Target.daily()
        _raise_first(
            hb.validate_habit(
                name=name,
                kind=kind,
                unit=unit,
                target=target,
                description=description,
                existing_names=self._other_names(),
            )
        )
        habit = Habit(
            id=0,
            name=name.strip(),
            kind=kind,
            unit=unit.strip(),
            target=target,
            description=description.strip(),
            created=self.today(),
            position=0,
        )
        with self._ctx.transaction():
            habit = replace(habit, position=self._repo.next_position())
            habit_id = self._repo.add(habit)
        self._ctx.hub.notify(self.AREA, tr("Added habit “{habit}”").format(habit=habit.name))
        return habit_id

    def update_habit(
        self,
        habit_id: int,
        *,
        name: str | None = None,
        unit: str | None = None,
        target: Target | None = None,
        description: str | None = None,
    ) -> None:
        habit = self.habit(habit_id)
        changed = replace(
            habit,
            name=habit.name if name is None else name.strip(),
            unit=habit.unit if unit is None else unit.strip(),
            target=habit.target if target is None else target,
            description=habit.description if description is None else description.strip(),
        )
        _raise_first(
            hb.validate_habit(
                name=changed.name,
                kind=changed.kind,
                unit=changed.unit,
                target=changed.target,
                description=changed.description,
                existing_names=self._other_names(),
                current=habit.name,
            )
        )
        if changed == habit:
            return
        with self._ctx.transaction():
            self._repo.update(changed)
        self._ctx.hub.notify(self.AREA, tr("Saved habit “{habit}”").format(habit=changed.name))

    def archive(self, habit_id: int) -> None:
        habit = self.habit(habit_id)
        if habit.archived:
            return
        with self._ctx.transaction():
            self._repo.update(replace(habit, archived=True))
        self._ctx.hub.notify(
            self.AREA,
            tr("Archived “{habit}”: its days are kept, and you can restore it").format(
                habit=habit.name
            ),
        )

    def restore(self, habit_id: int) -> None:
        habit = self.habit(habit_id)
        if not habit.archived:
            return
        with self._ctx.transaction():
            self._repo.update(replace(habit, archived=False, position=self._repo.next_position()))
        self._ctx.hub.notify(self.AREA, tr("Restored “{habit}”").format(habit=habit.name))

    def delete(self, habit_id: int) -> None:
        """Delete a habit and all its days (Undo brings them back)."""
        habit = self.habit(habit_id)
        with self._ctx.transaction():
            self._repo.delete(habit_id)
        self._ctx.hub.notify(
            self.AREA, tr("Deleted “{habit}” and its days").format(habit=habit.name)
        )

    def move(self, habit_id: int, offset: int) -> None:
        """Move a habit up (negative) or down (positive) among the active habits."""
        order = [h.id for h in self.habits()]
        if habit_id not in order:
            raise UserError(tr("Only active habits can be reordered."))
        index = order.index(habit_id)
        new_index = max(0, min(len(order) - 1, index + offset))
        if new_index == index:
            return
        order.insert(new_index, order.pop(index))
        with self._ctx.transaction():
            self._repo.set_positions(order)
        self._ctx.hub.notify(
            self.AREA, tr("Moved “{habit}”").format(habit=self.habit(habit_id).name)
        )

    # Entries -----------------------------------------------------------------------------------
    def record(
        self,
        habit_id: int,
        day: date,
        status: EntryStatus | str,
        *,
        quantity: float | str | None = None,
        note: str = "",
    ) -> None:
        """Save one habit's day: done (with its amount or note), skipped or missed."""
        habit = self.habit(habit_id)
        status = EntryStatus(status)
        amount: float | None = None
        if quantity is not None and not (isinstance(quantity, str) and not quantity.strip()):
            amount, error = hb.validate_quantity(habit, quantity, required=False)
            if error:
                raise UserError(error, "quantity")
        entry = HabitEntry(habit_id, day, status, amount, note.strip())
        _raise_first(hb.validate_entry(habit, entry, today=self.today()))
        if self._repo.entry(habit_id, day) == entry:
            return
        with self._ctx.transaction():
            self._repo.put_entry(entry)
            self._roadmap.record_completions()  # step 4: its 7th day with a support
        what = {
            EntryStatus.DONE: tr("done"),
            EntryStatus.SKIPPED: tr("skipped"),
            EntryStatus.MISSED: tr("not done"),
        }[status]
        self._ctx.hub.notify(
            self.AREA,
            tr("Saved: {habit}, {day}, {what}").format(
                habit=isolate(habit.name), day=friendly_day(day, self.today()), what=what
            ),
        )

    def clear(self, habit_id: int, day: date) -> None:
        habit = self.habit(habit_id)
        with self._ctx.transaction():
            removed = self._repo.clear_entry(habit_id, day)
        if removed:
            self._ctx.hub.notify(
                self.AREA,
                tr("Cleared: {habit}, {day}").format(
                    habit=isolate(habit.name), day=friendly_day(day, self.today())
                ),
            )

    def toggle(self, habit_id: int, day: date) -> None:
        """The grid's tick: empty → done → skipped → empty (yes/no habits)."""
        current = self._repo.entry(habit_id, day)
        if current is None or current.status is EntryStatus.MISSED:
            self.record(habit_id, day, EntryStatus.DONE)
        elif current.status is EntryStatus.DONE:
            self.record(habit_id, day, EntryStatus.SKIPPED)
        else:
            self.clear(habit_id, day)

    def set_quantity(self, habit_id: int, day: date, text: str) -> None:
        """Type an amount for a day; an empty text clears the day."""
        if not text.strip():
            self.clear(habit_id, day)
            return
        self.record(habit_id, day, EntryStatus.DONE, quantity=text)

    def set_note(self, habit_id: int, day: date, text: str) -> None:
        """Write the day's note (gratitude); an empty note clears the day."""
        if not text.strip():
            self.clear(habit_id, day)
            return
        self.record(habit_id, day, EntryStatus.DONE, note=text)

    def set_what(self, habit_id: int, day: date, text: str) -> None:
        """Write what it was on a day a yes/no habit was done (novel learning: what you
        learned); the day stays done, with its amount if it had one."""
        current = self._repo.entry(habit_id, day)
        quantity = current.quantity if current is not None else None
        self.record(habit_id, day, EntryStatus.DONE, quantity=quantity, note=text)

    def skip(self, habit_id: int, day: date) -> None:
        self.record(habit_id, day, EntryStatus.SKIPPED)

    # Export ------------------------------------------------------------------------------------
    def export_sections(self) -> dict[str, list[dict[str, Any]]]:
        return self._repo.export()

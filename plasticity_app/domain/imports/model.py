"""What an import would add: plain data, validated whole before anything is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from plasticity_app.domain.errors import UserError
from plasticity_app.domain.habits import EntryStatus, HabitKind, Target
from plasticity_app.domain.imports.ledger import Ledger
from plasticity_app.domain.metrics import Direction
from plasticity_app.domain.text import QT_TR_NOOP, tr


class ImportRefused(UserError):
    """The file can't be imported; the message names the file (and line) and says why."""


@dataclass(frozen=True)
class ImportedHabit:
    key: str  # the source's own id, to link entries
    name: str
    kind: HabitKind
    unit: str = ""
    target: Target = field(default_factory=Target)
    archived: bool = False
    description: str = ""
    # A built-in support to merge into when the journal has it (Daylio's Sleep Time: Sleep).
    builtin_key: str | None = None


@dataclass(frozen=True, slots=True)
class ImportedEntry:
    habit_key: str
    day: date
    status: EntryStatus
    quantity: float | None = None
    note: str = ""
    rows: int = 1  # how many of the file's rows it stands for (the ledger counts those)


@dataclass(frozen=True)
class ImportedMetric:
    key: str
    name: str
    direction: Direction = Direction.HIGHER
    description: str = ""


@dataclass(frozen=True, slots=True)
class ImportedRating:
    metric_key: str
    day: date
    value: int
    rows: int = 1  # several moods of one day averaged into one rating stand for them all


@dataclass
class ImportPlan:
    """Everything a file holds, in our terms. ``document`` is set for our own JSON export (every
    record kind, restored exactly into an empty journal)."""

    format: str
    source: str
    habits: list[ImportedHabit] = field(default_factory=list)
    entries: list[ImportedEntry] = field(default_factory=list)
    metrics: list[ImportedMetric] = field(default_factory=list)
    ratings: list[ImportedRating] = field(default_factory=list)
    notes: dict[date, str] = field(default_factory=dict)
    note_rows: dict[date, int] = field(default_factory=dict)  # notes joined into a day's, by day
    document: dict[str, Any] | None = None
    remarks: list[str] = field(default_factory=list)
    ledger: Ledger = field(default_factory=Ledger)

    @property
    def is_empty(self) -> bool:
        return not (
            self.habits or self.entries or self.metrics or self.ratings or self.notes
        ) and not (self.document and any(self.document.get(k) for k in RECORD_KEYS))


RECORD_KEYS = (
    "metrics",
    "metric_entries",
    "day_notes",
    "habits",
    "habit_entries",
    "experiments",
    "thought_records",
    "learning_sessions",
    "openings",
    "reviews",
)

FORMAT_LABELS = {
    "json": QT_TR_NOOP("Plasticity Journal export (JSON)"),
    "loop-csv": QT_TR_NOOP("Loop Habit Tracker CSV export"),
    "loop-db": QT_TR_NOOP("Loop Habit Tracker backup (.db)"),
    "daylio": QT_TR_NOOP("Daylio CSV export"),
    "csv": QT_TR_NOOP("Spreadsheet (CSV)"),
}


EARLIEST_DAY = date(1970, 1, 1)
MAX_RECORDS = 10_000  # habits or metrics in one file


def refuse(source: str, message: str, line: int | None = None) -> ImportRefused:
    if line is None:
        return ImportRefused(
            tr("{source}: {problem} Nothing was imported.").format(source=source, problem=message)
        )
    return ImportRefused(
        tr("{source}, line {line}: {problem} Nothing was imported.").format(
            source=source, line=line, problem=message
        )
    )


def parse_day(text: str, source: str, line: int | None = None) -> date:
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        raise refuse(
            source, tr("“{text}” is not a date (expected YYYY-MM-DD).").format(text=text), line
        ) from None


def too_many(source: str, count: int, kind: str) -> ImportRefused:
    """More habits or metrics than one file may bring (``kind``: "habits" or "metrics")."""
    if kind == "metrics":
        text = tr("it holds more than {limit} metrics; the journal takes at most that many.")
    else:
        text = tr("it holds more than {limit} habits; the journal takes at most that many.")
    return refuse(source, text.format(limit=f"{count:,}"))


def too_long(source: str, what: str, limit: int, line: int | None = None) -> ImportRefused:
    """A field longer than the app itself allows (``what`` names it: "a habit's name")."""
    return refuse(
        source,
        tr("{what} is longer than the journal takes ({limit} characters).").format(
            what=what, limit=limit
        ),
        line,
    )

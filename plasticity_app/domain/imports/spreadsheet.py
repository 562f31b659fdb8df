"""Any spreadsheet saved as CSV (one row a day, from a spreadsheet, Bearable, Exist, eMoods…): each
column gets a role: the date; a 0–10 metric with its direction (values in another range rescaled
linearly to 0–10 and rounded); a yes/no habit; a quantity habit with its unit; the day's note; or
ignored. The roles are guessed from the header and the first rows, and the person can change them.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

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
    refuse,
    too_long,
    too_many,
)
from plasticity_app.domain.metrics import Direction
from plasticity_app.domain.text import tr

DATE, METRIC, YES_NO, QUANTITY, NOTE, IGNORE = (
    "date",
    "metric",
    "yes_no",
    "quantity",
    "note",
    "ignore",
)
ROLE_KINDS = (DATE, METRIC, YES_NO, QUANTITY, NOTE, IGNORE)
YES = frozenset({"1", "yes", "y", "true", "x", "✓", "✔"})
NO = frozenset({"0", "no", "n", "false", "-", "✗", "✘"})
DATE_NAMES = frozenset({"date", "day", "datum", "fecha", "jour", "full_date", "dia", "tag"})
PREVIEW_ROWS = 5
_RANGE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*-\s*(-?\d+(?:\.\d+)?)\s*$")
_UNIT_IN_NAME = re.compile(r"\(([^()]{1,20})\)\s*$")


@dataclass(frozen=True)
class ColumnRole:
    kind: str = IGNORE
    direction: Direction = Direction.HIGHER
    low: float = 0.0  # a metric's range in the file, rescaled to 0–10
    high: float = 10.0
    unit: str = ""

    def text(self) -> str:
        """As the command line's ``--map`` writes it."""
        if self.kind == METRIC:
            base = f"metric:{self.direction.value}"
            if (self.low, self.high) != (0.0, 10.0):
                base += f":{_plain(self.low)}-{_plain(self.high)}"
            return base
        if self.kind == YES_NO:
            return "habit:yes_no"
        if self.kind == QUANTITY:
            return f"habit:quantity:{self.unit}"
        return self.kind


def _plain(number: float) -> str:
    return str(int(number)) if number == int(number) else str(number)


def parse_role(text: str) -> ColumnRole:
    """``metric:higher|lower[:MIN-MAX]``, ``habit:yes_no``, ``habit:quantity:UNIT``, ``note``,
    ``date`` or ``ignore``."""
    parts = [p.strip() for p in text.strip().split(":")]
    head = parts[0].lower()
    if head in (NOTE, IGNORE, DATE) and len(parts) == 1:
        return ColumnRole(head)
    if head == "metric" and len(parts) in (2, 3) and parts[1].lower() in ("higher", "lower"):
        direction = Direction(parts[1].lower())
        if len(parts) == 2:
            return ColumnRole(METRIC, direction)
        found = _RANGE.match(parts[2])
        if found:
            low, high = float(found.group(1)), float(found.group(2))
            if low < high and all(math.isfinite(v) for v in (low, high)):
                return ColumnRole(METRIC, direction, low, high)
        raise UserError(
            tr("“{range}” is not a range like 1-5 (the lowest value, a dash, the highest).").format(
                range=parts[2]
            ),
            "map",
        )
    if head == "habit" and len(parts) == 2 and parts[1].lower() == "yes_no":
        return ColumnRole(YES_NO)
    if head == "habit" and len(parts) == 3 and parts[1].lower() == "quantity" and parts[2]:
        if len(parts[2]) > hb.UNIT_MAX_CHARS:
            raise UserError(
                tr("Keep the unit to {limit} characters or fewer.").format(limit=hb.UNIT_MAX_CHARS),
                "map",
            )
        return ColumnRole(QUANTITY, unit=parts[2])
    raise UserError(
        tr(
            "“{role}” is not a role: use metric:higher or metric:lower (with :MIN-MAX when the "
            "values are not 0–10), habit:yes_no, habit:quantity:UNIT, note, date or ignore."
        ).format(role=text),
        "map",
    )


def parse_map(items: Sequence[str]) -> dict[str, ColumnRole]:
    """The command line's ``--map "COLUMN=ROLE"`` items."""
    roles: dict[str, ColumnRole] = {}
    for item in items:
        column, sep, role = item.rpartition("=")
        if not sep or not column.strip():
            raise UserError(tr("“{item}” is not COLUMN=ROLE.").format(item=item), "map")
        roles[column.strip()] = parse_role(role)
    return roles


# Reading the file ------------------------------------------------------------------------------
def read_table(text: str, source: str) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header (stripped names) and the rows with their line numbers."""
    text = text.lstrip("\ufeff")
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, ",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = [h.strip() for h in next(reader, [])]
    except csv.Error as exc:
        raise refuse(source, tr("the CSV can’t be read ({exc}).").format(exc=exc), 1) from None
    if not header or not any(header):
        raise refuse(source, tr("the file has no header row."), 1)
    seen: set[str] = set()
    for name in header:
        if not name:
            continue
        if name.casefold() in seen:
            raise refuse(source, tr("two columns are named “{name}”.").format(name=name), 1)
        seen.add(name.casefold())

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for row in reader:
                if any(cell.strip() for cell in row):
                    yield reader.line_num, row
        except csv.Error as exc:
            raise refuse(
                source, tr("the CSV can’t be read ({exc}).").format(exc=exc), reader.line_num
            ) from None

    return header, rows()


def first_rows(
    text: str, source: str, count: int = PREVIEW_ROWS
) -> tuple[list[str], list[list[str]]]:
    header, rows = read_table(text, source)
    found = []
    for _line, row in rows:
        found.append(row)
        if len(found) >= count:
            break
    return header, found


def qt_to_strptime(qt_format: str) -> str:
    """A Qt date format (``dd/MM/yyyy``, ``M/d/yy``) as a strptime one."""
    tokens = (("yyyy", "%Y"), ("yy", "%y"), ("MM", "%m"), ("M", "%m"), ("dd", "%d"), ("d", "%d"))
    out, i = [], 0
    while i < len(qt_format):
        for token, code in tokens:
            if qt_format.startswith(token, i):
                out.append(code)
                i += len(token)
                break
        else:
            out.append(qt_format[i].replace("%", "%%"))
            i += 1
    return "".join(out)


def parse_date(text: str, formats: Sequence[str]) -> date | None:
    """ISO (``2026-11-20``, with or without a time after it) or one of ``formats`` (strptime)."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    for fmt in formats:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def guess_date_column(header: Sequence[str]) -> str | None:
    for name in header:
        if name.strip().casefold() in DATE_NAMES:
            return name
    for name in header:
        lowered = name.casefold()
        if "date" in lowered or lowered.endswith(" day") or lowered.startswith("day "):
            return name
    return None


def _number(text: str) -> float | None:
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def guess_roles(header: Sequence[str], rows: Sequence[Sequence[str]]) -> dict[str, ColumnRole]:
    """A sensible first guess for each column, from its name and its first rows."""
    roles: dict[str, ColumnRole] = {}
    date_column = guess_date_column(header)
    for index, name in enumerate(header):
        if not name:
            continue
        if name == date_column:
            roles[name] = ColumnRole(DATE)
            continue
        cells = [r[index].strip() for r in rows if index < len(r) and r[index].strip()]
        if not cells:
            roles[name] = ColumnRole(IGNORE)
            continue
        lowered = {c.casefold() for c in cells}
        numbers = [_number(c) for c in cells]
        unit = _UNIT_IN_NAME.search(name)
        if lowered <= (YES | NO) and not (lowered <= {"0", "1"} and unit):
            roles[name] = ColumnRole(YES_NO)
        elif all(n is not None for n in numbers):
            values = [n for n in numbers if n is not None]
            scale = _RANGE.match(unit.group(1)) if unit else None
            if scale and float(scale.group(1)) < float(scale.group(2)):  # "Anxiety (1-5)"
                low, high = float(scale.group(1)), float(scale.group(2))
                roles[name] = ColumnRole(METRIC, Direction.HIGHER, low, high)
            elif unit:
                roles[name] = ColumnRole(QUANTITY, unit=unit.group(1).strip())
            elif min(values) >= 0 and max(values) <= 10:
                roles[name] = ColumnRole(METRIC, Direction.HIGHER)
            else:
                roles[name] = ColumnRole(QUANTITY, unit="units")
        elif max(len(c) for c in cells) > 0:
            roles[name] = ColumnRole(NOTE)
        else:
            roles[name] = ColumnRole(IGNORE)
    return roles


def _display_name(name: str, role: ColumnRole) -> str:
    if role.kind == QUANTITY:
        found = _UNIT_IN_NAME.search(name)
        if found and found.group(1).strip() == role.unit:
            return name[: found.start()].strip() or name
    return name.strip()


def interpret(cell: str, role: ColumnRole) -> str:
    """What one cell will become, for the live preview: “8/10”, “done”, “2.5 hours”…"""
    text = cell.strip()
    if role.kind == IGNORE:
        return ""
    if role.kind == NOTE:
        return text
    if not text:
        return tr("nothing")
    if role.kind == METRIC:
        value = rating(text, role)
        if value is None:
            return tr("left out ({cell})").format(cell=text)
        return tr("{value}/10").format(value=value)
    if role.kind == YES_NO:
        status = yes_no(text)
        if status is None:
            return tr("left out ({cell})").format(cell=text)
        return tr("done") if status is EntryStatus.DONE else tr("not done")
    if role.kind == QUANTITY:
        amount = _number(text)
        if amount is None or not 0 <= amount <= hb.QUANTITY_MAX:
            return tr("left out ({cell})").format(cell=text)
        return tr("{amount} {unit}").format(amount=_plain(amount), unit=role.unit)
    return text


def rating(text: str, role: ColumnRole) -> int | None:
    """A metric cell on 0–10: its value rescaled linearly from the column's range and rounded
    half up; None when it is not a number or outside the range."""
    value = _number(text)
    if value is None or not role.low <= value <= role.high:
        return None
    scaled = (value - role.low) / (role.high - role.low) * 10
    return int(min(10, max(0, math.floor(scaled + 0.5 + 1e-9))))


def yes_no(text: str) -> EntryStatus | None:
    lowered = text.strip().casefold()
    if lowered in YES:
        return EntryStatus.DONE
    if lowered in NO:
        return EntryStatus.MISSED
    return None


# The plan --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SheetOptions:
    roles: Mapping[str, ColumnRole] | None = None  # None: the guesses
    date_column: str | None = None
    date_format: str | None = None  # strptime, or Qt's dd/MM/yyyy
    locale_format: str | None = None  # the locale's short date format (strptime)


def _date_formats(options: SheetOptions) -> list[str]:
    formats = []
    if options.date_format:
        given = options.date_format
        formats.append(given if "%" in given else qt_to_strptime(given))
    if options.locale_format:
        formats.append(options.locale_format)
    return formats


def resolve(
    header: Sequence[str], sample: Sequence[Sequence[str]], options: SheetOptions, source: str
) -> tuple[str, dict[str, ColumnRole]]:
    """The date column and every column's role (the guesses where none was given)."""
    names = {h.casefold(): h for h in header if h}
    if options.roles is None:
        roles = guess_roles(header, sample)
    else:
        roles = {}
        for column, role in options.roles.items():
            if column.casefold() not in names:
                raise refuse(
                    source,
                    tr("there is no column named “{column}” (the columns are {columns}).").format(
                        column=column, columns=", ".join(h for h in header if h)
                    ),
                )
            roles[names[column.casefold()]] = role
        for name in header:
            if name:
                roles.setdefault(name, ColumnRole(IGNORE))
    date_column = None
    if options.date_column:
        if options.date_column.casefold() not in names:
            raise refuse(
                source,
                tr("there is no column named “{column}” for the date.").format(
                    column=options.date_column
                ),
            )
        date_column = names[options.date_column.casefold()]
    else:
        dated = [name for name, role in roles.items() if role.kind == DATE]
        date_column = dated[0] if dated else guess_date_column(header)
    if date_column is None:
        raise refuse(
            source,
            tr("no column is named like a date (date, day…); name it with --date-column."),
        )
    roles[date_column] = ColumnRole(DATE)
    return date_column, roles


def parse(text: str, source: str, options: SheetOptions) -> ImportPlan:
    header, rows = read_table(text, source)
    _header, sample = first_rows(text, source, 50)
    date_column, roles = resolve(header, sample, options, source)
    formats = _date_formats(options)
    plan = ImportPlan("csv", source)
    ledger = plan.ledger
    date_index = header.index(date_column)
    used = [(i, name, roles[name]) for i, name in enumerate(header) if name and name in roles]
    used = [(i, n, r) for i, n, r in used if r.kind not in (DATE, IGNORE)]
    metrics = [(i, n, r) for i, n, r in used if r.kind == METRIC]
    habits = [(i, n, r) for i, n, r in used if r.kind in (YES_NO, QUANTITY)]
    if len(metrics) > MAX_RECORDS:
        raise too_many(source, MAX_RECORDS, "metrics")
    if len(habits) > MAX_RECORDS:
        raise too_many(source, MAX_RECORDS, "habits")
    for _i, name, role in used:
        display = _display_name(name, role)
        if role.kind == METRIC and len(display) > mt.NAME_MAX_CHARS:
            raise too_long(
                source,
                tr("the metric’s name “{name}”").format(name=display[:20] + "…"),
                mt.NAME_MAX_CHARS,
                1,
            )
        if role.kind in (YES_NO, QUANTITY) and len(display) > hb.NAME_MAX_CHARS:
            raise too_long(
                source,
                tr("the habit’s name “{name}”").format(name=display[:20] + "…"),
                hb.NAME_MAX_CHARS,
                1,
            )
    rated: dict[str, dict[date, list[int]]] = {n: {} for _i, n, _r in metrics}
    ticked: dict[str, dict[date, tuple[EntryStatus, float | None]]] = {
        n: {} for _i, n, _r in habits
    }
    notes: dict[date, list[str]] = {}
    kinds = {METRIC: "ratings", YES_NO: "habit days", QUANTITY: "habit days", NOTE: "day notes"}
    for line, row in rows:
        cells = [(i, name, role, row[i].strip() if i < len(row) else "") for i, name, role in used]
        cells = [c for c in cells if c[3]]
        for _i, _name, role, _cell in cells:
            ledger.read(kinds[role.kind])
        day = parse_date(row[date_index] if date_index < len(row) else "", formats)
        if day is None:
            for _i, _name, role, _cell in cells:
                ledger.leave_out(kinds[role.kind], "not-a-date")
            continue
        for _i, name, role, cell in cells:
            kind = kinds[role.kind]
            if role.kind == METRIC:
                value = rating(cell, role)
                if value is None:
                    number = _number(cell)
                    ledger.leave_out(kind, "not-a-number" if number is None else "out-of-range")
                else:
                    rated[name].setdefault(day, []).append(value)
            elif role.kind == YES_NO:
                status = yes_no(cell)
                if status is None:
                    ledger.leave_out(kind, "not-yes-no")
                elif day in ticked[name]:
                    ledger.leave_out(kind, "same-day")
                else:
                    ticked[name][day] = (status, None)
            elif role.kind == QUANTITY:
                amount = _number(cell)
                if amount is None:
                    ledger.leave_out(kind, "not-a-number")
                elif not 0 <= amount <= hb.QUANTITY_MAX:
                    ledger.leave_out(kind, "too-large" if amount > 0 else "out-of-range")
                elif day in ticked[name]:
                    ledger.leave_out(kind, "same-day")
                else:
                    ticked[name][day] = (
                        (EntryStatus.DONE, amount) if amount > 0 else (EntryStatus.MISSED, None)
                    )
            else:
                if len(cell) > mt.DAY_NOTE_MAX_CHARS:
                    raise too_long(source, tr("a note"), mt.DAY_NOTE_MAX_CHARS, line)
                notes.setdefault(day, []).append(cell)
    for _i, name, role in metrics:
        key = f"csv-metric-{name.casefold()}"
        ledger.read("metrics")
        plan.metrics.append(ImportedMetric(key, _display_name(name, role), role.direction))
        for day, values in sorted(rated[name].items()):
            average = sum(values) / len(values)
            value = int(min(10, max(0, math.floor(average + 0.5))))
            plan.ratings.append(ImportedRating(key, day, value, len(values)))
    for _i, name, role in habits:
        key = f"csv-habit-{name.casefold()}"
        ledger.read("habits")
        quantity = role.kind == QUANTITY
        plan.habits.append(
            ImportedHabit(
                key,
                _display_name(name, role),
                HabitKind.QUANTITY if quantity else HabitKind.YES_NO,
                unit=role.unit if quantity else "",
            )
        )
        plan.entries.extend(
            ImportedEntry(key, day, status, amount)
            for day, (status, amount) in sorted(ticked[name].items())
        )
    for day, parts in sorted(notes.items()):
        joined = "\n\n".join(parts)
        if len(joined) > mt.DAY_NOTE_MAX_CHARS:
            raise too_long(
                source,
                tr("the notes of {day} together").format(day=day.isoformat()),
                mt.DAY_NOTE_MAX_CHARS,
            )
        plan.notes[day] = joined
        plan.note_rows[day] = len(parts)
    ignored = [name for name in header if name and roles.get(name, ColumnRole()).kind == IGNORE]
    if ignored:
        plan.remarks.append(
            tr("These columns were left as they are (ignored): {columns}.").format(
                columns=", ".join(f"“{c}”" for c in ignored)
            )
        )
    return plan

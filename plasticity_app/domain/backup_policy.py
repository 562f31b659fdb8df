"""Which backups to make and which to keep (DESIGN.md §6): a backup at start when the newest is over a
day old, and before every migration, import and restore; keep 7 daily and 4 weekly.

Backups are files named ``journal-YYYYmmdd-HHMMSS-<reason>.sqlite3``; the name carries everything the
policy needs, so it stays a pure function of names and the clock.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from plasticity_app.domain.text import QT_TR_NOOP, tr

KEEP_DAILY = 7
KEEP_WEEKLY = 4
DUE_AFTER = timedelta(days=1)
SUFFIX = ".sqlite3"

_NAME = re.compile(r"^journal-(?P<stamp>\d{8}-\d{6})(?:-(?P<reason>[a-z0-9-]+))?\.sqlite3$")

REASON_LABELS = {
    "daily": QT_TR_NOOP("Automatic (daily)"),
    "manual": QT_TR_NOOP("Made by you"),
    "before-import": QT_TR_NOOP("Before an import"),
    "before-restore": QT_TR_NOOP("Before a restore"),
    "before-encryption": QT_TR_NOOP("Before encryption changed"),
}


@dataclass(frozen=True)
class BackupName:
    name: str
    made: datetime
    reason: str

    @property
    def label(self) -> str:
        if self.reason.startswith("before-schema"):
            return tr("Before an update of the journal format")
        if self.reason in REASON_LABELS:
            return tr(REASON_LABELS[self.reason])
        counted = _COUNTED.match(self.reason)  # the second backup in one second: "manual-2"
        if counted and counted["base"] in REASON_LABELS:
            return tr(REASON_LABELS[counted["base"]])
        return self.reason.replace("-", " ").capitalize()


def file_name(made: datetime, reason: str) -> str:
    if not re.fullmatch(r"[a-z0-9-]+", reason):
        raise ValueError(f"not a backup reason: {reason!r}")
    return f"journal-{made:%Y%m%d-%H%M%S}-{reason}{SUFFIX}"


def parse(name: str) -> BackupName | None:
    """The backup a file name describes, or None for any other file."""
    match = _NAME.match(name)
    if match is None:
        return None
    try:
        made = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
    except ValueError:
        return None
    return BackupName(name, made, match["reason"] or "daily")


_COUNTED = re.compile(r"^(?P<base>.*?)-(?P<count>\d+)$")


def _order(backup: BackupName) -> tuple[datetime, int, str]:
    """Made in the same second, ``manual``, ``manual-2`` … ``manual-10`` come in the order they
    were made (numbers compared as numbers, not as text, where "." sorts after "-")."""
    counted = _COUNTED.match(backup.reason)
    return backup.made, int(counted["count"]) if counted else 1, backup.name


def newest_first(names: Iterable[str]) -> list[BackupName]:
    found = [b for b in (parse(n) for n in names) if b is not None]
    return sorted(found, key=_order, reverse=True)


def is_due(names: Iterable[str], now: datetime) -> bool:
    """A start-up backup is due when there is none, or the newest is over a day old."""
    backups = newest_first(names)
    return not backups or now - backups[0].made > DUE_AFTER


def _week(day: date) -> tuple[int, int]:
    iso = day.isocalendar()
    return iso.year, iso.week


def to_keep(
    names: Iterable[str], *, daily: int = KEEP_DAILY, weekly: int = KEEP_WEEKLY
) -> set[str]:
    """The newest backup of each of the ``daily`` most recent days that have one, plus the newest of
    each of the ``weekly`` most recent weeks that have one. The newest backup is always kept."""
    backups = newest_first(names)
    keep: set[str] = set()
    days: set[date] = set()
    weeks: set[tuple[int, int]] = set()
    for backup in backups:
        day = backup.made.date()
        if day not in days and len(days) < daily:
            days.add(day)
            keep.add(backup.name)
        week = _week(day)
        if week not in weeks and len(weeks) < weekly:
            weeks.add(week)
            keep.add(backup.name)
    return keep


def to_delete(names: Iterable[str]) -> list[str]:
    """Backups the rotation lets go, oldest first (other files are never touched)."""
    listed = list(names)
    keep = to_keep(listed)
    return [b.name for b in reversed(newest_first(listed)) if b.name not in keep]

"""What every controller shares: the open database, the clock, and the one ``changed`` signal."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar, cast

from PySide6.QtCore import QObject, Signal

from plasticity_app.db.database import Database
from plasticity_app.db.repositories import MetricRepository, SettingsRepository, StepRepository
from plasticity_app.domain import dates
from plasticity_app.domain.clock import Clock, counts_for_note, journal_day, still_yesterday_note
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.settings import Settings
from plasticity_app.domain.text import tr

__all__ = ["Change", "ChangeHub", "Context", "UserError"]

T = TypeVar("T")


@dataclass(frozen=True)
class Change:
    """What one user action changed: the area (for views that care) and a status-bar message."""

    area: str
    message: str


class ChangeHub(QObject):
    """Emits ``changed`` once per committed user action. Views redraw from it."""

    changed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self._batch_depth = 0
        self._pending: list[Change] = []
        # Called when the outermost batch starts (True) and ends (False); undo pauses its log.
        self.batch_listeners: list[Callable[[bool], None]] = []

    def notify(self, area: str, message: str) -> None:
        change = Change(area, message)
        if self._batch_depth:
            self._pending.append(change)
        else:
            self.changed.emit(change)

    @contextmanager
    def batch(self, area: str, message: str) -> Iterator[None]:
        """Collapse many writes (an import, the demo) into a single ``changed`` emission."""
        self._batch_depth += 1
        if self._batch_depth == 1:
            for listener in self.batch_listeners:
                listener(True)
        try:
            yield
        finally:
            self._batch_depth -= 1
            if self._batch_depth == 0:
                for listener in self.batch_listeners:
                    listener(False)
                had = bool(self._pending)
                self._pending.clear()
                if had:
                    self.changed.emit(Change(area, message))


class Context:
    """The open journal as the controllers see it."""

    def __init__(self, db: Database, clock: Clock, hub: ChangeHub) -> None:
        self.db = db
        self.clock = clock
        self.hub = hub
        self.settings_repo = SettingsRepository()
        self.metrics_repo = MetricRepository()
        self.steps_repo = StepRepository()
        self._settings_cache = self.settings_repo.load()
        self.data_version = 0
        self._thread = threading.get_ident()
        self._kept: dict[str, object] = {}
        self._kept_revision: object = None

    @property
    def settings(self) -> Settings:
        return self._settings_cache

    def reload_settings(self) -> None:
        self._settings_cache = self.settings_repo.load()

    def today(self) -> date:
        return journal_day(self.clock.now(), self._settings_cache.day_start_hour)

    def still_yesterday_note(self) -> str:
        """Before the journal day starts: "It is still Thursday 3 December in your journal…"."""
        return still_yesterday_note(self.clock.now(), self._settings_cache.day_start_hour)

    def counts_for_note(self, moment: datetime) -> str:
        """For a moment before the day start: which journal day it counts for."""
        return counts_for_note(moment, self._settings_cache.day_start_hour)

    def transaction(self) -> AbstractContextManager[None]:
        return self._versioned(self.db.transaction())

    def revision(self) -> tuple[int, int, int, int]:
        """Changes whenever the data may have: what is computed from the data can be kept while
        it stays the same. A write moves it on (SQLite counts every row written), and so does
        the start of a transaction, one that fails (its rows are rolled back, not uncounted),
        one that ends on another thread (its own connection counts its rows) and a journal
        file opened again."""
        thread = threading.get_ident()
        return (self.data_version, id(self.db), thread, self.db.rows_written())

    def kept(self, name: str, compute: Callable[[], T]) -> T:
        """``compute()``, kept until the data changes: the views redrawing after one action
        (and the roadmap's rules before them) read the same things, and read them once."""
        revision = self.revision()
        if revision != self._kept_revision:
            self._kept.clear()
            self._kept_revision = revision
        if name not in self._kept:
            self._kept[name] = compute()
        return cast(T, self._kept[name])

    def completions(self) -> dict[int, date]:
        """The roadmap steps completed, and on which day (kept until the data changes)."""
        return dict(self.kept("steps.completions", self.steps_repo.completions))

    def invalidate(self) -> None:
        """Forget what was computed from the data (the journal file was replaced or reopened)."""
        self.data_version += 1

    @contextmanager
    def _versioned(self, inner: AbstractContextManager[None]) -> Iterator[None]:
        # What was computed inside a transaction that commits stays valid (the rows written
        # since are counted by ``revision``); a failed one is rolled back, so forget it all.
        self.data_version += 1
        try:
            with inner:
                yield
        except BaseException:
            self.data_version += 1
            raise
        if threading.get_ident() != self._thread:
            self.data_version += 1


def friendly_day(day: date, today: date | None = None) -> str:
    """“today”, “yesterday” or “Monday 23 November”, for status messages."""
    if today is not None:
        if day == today:
            return tr("today")
        if (today - day).days == 1:
            return tr("yesterday")
    return dates.long_day(day)


def require(condition: bool, message: str, field: str | None = None) -> None:
    if not condition:
        raise UserError(message, field)

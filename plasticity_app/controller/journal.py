"""The open journal: one database, one clock, one change hub, and a controller per area."""

from __future__ import annotations

import contextlib
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from plasticity_app.controller.base import ChangeHub, Context
from plasticity_app.controller.export import ExportController
from plasticity_app.controller.habits import HabitsController
from plasticity_app.controller.history import HistoryController
from plasticity_app.controller.learning import LearningController
from plasticity_app.controller.metrics import MetricsController
from plasticity_app.controller.onboarding import OnboardingController
from plasticity_app.controller.review import ReviewController
from plasticity_app.controller.roadmap import RoadmapController
from plasticity_app.controller.safety import SafetyController
from plasticity_app.controller.settings import SettingsController
from plasticity_app.db import conversion, opening
from plasticity_app.db.database import JOURNAL_FILENAME, Database
from plasticity_app.domain.clock import Clock, SystemClock
from plasticity_app.domain.errors import UserError
from plasticity_app.paths import ensure_private_dir

if TYPE_CHECKING:
    from plasticity_app.controller.charts import ChartsController
    from plasticity_app.controller.imports import ImportController

BACKUP_DIRNAME = "backups"


class Journal:
    def __init__(
        self, data_dir: Path, clock: Clock | None = None, *, passphrase: str | None = None
    ) -> None:
        self.data_dir = ensure_private_dir(data_dir)
        self.path = data_dir / JOURNAL_FILENAME
        self.backup_dir = data_dir / BACKUP_DIRNAME
        conversion.recover(self.data_dir)  # an encryption change a kill interrupted
        # An empty file or a stray WAL is the person's call (raised before anything changes); a
        # stray WAL that looks like the journal's own is applied after both are copied aside.
        self.prepared = opening.prepare(
            self.path, passphrase, datetime.now().replace(microsecond=0)
        )
        self.db = Database(self.path, backup_dir=self.backup_dir, passphrase=passphrase)
        if passphrase is not None:  # plain backups left by an older version are encrypted now
            with contextlib.suppress(Exception):  # never in the way of opening: tried each start
                conversion.settle(self.data_dir, passphrase)
        self.hub = ChangeHub()
        self.ctx = Context(self.db, clock or SystemClock(), self.hub)
        self.history = HistoryController(self.ctx)
        self.safety = SafetyController(self.ctx, self.path, self.backup_dir, self._reopen)
        self.roadmap = RoadmapController(self.ctx)
        self.metrics = MetricsController(self.ctx, self.roadmap)
        self.settings = SettingsController(self.ctx, self.roadmap)
        self.export = ExportController(self.ctx, self.roadmap)
        self.onboarding = OnboardingController(self.ctx, self.roadmap)
        self.review = ReviewController(self.ctx, self.roadmap)
        self.export.sections.append(self.review.export_section)
        self.learning = LearningController(self.ctx, self.roadmap)
        self.export.sections.append(self.learning.export_sections)
        self.habits = HabitsController(self.ctx, self.roadmap)
        self.export.sections.append(self.habits.export_sections)
        try:
            self.habits.ensure_builtins()
        except UserError as exc:
            self.db.close()
            if opening.is_locked_error(exc):  # the first write at opening met another program
                raise opening.in_use_error(self.path) from exc
            raise
        self._install_review_sources()

    def _install_review_sources(self) -> None:
        """Runs last: every area's part of the weekly review (keep it the last line of __init__)."""
        from plasticity_app.controller import review_sources

        review_sources.install(self)

    @cached_property
    def imports(self) -> ImportController:
        """Made when first used: its parsers aren't needed before the window is up."""
        from plasticity_app.controller.imports import ImportController

        return ImportController(self.ctx, self.roadmap, self.safety)

    @cached_property
    def charts(self) -> ChartsController:
        """Made when the Charts tab first opens (it brings numpy with it)."""
        from plasticity_app.controller.charts import ChartsController

        return ChartsController(self.ctx)

    def _reopen(self, passphrase: str | None) -> None:
        """Open the journal file again (after a restore or an encryption change)."""
        if not self.db.peewee.is_closed():
            self.db.close()
        self.db = Database(self.path, backup_dir=self.backup_dir, passphrase=passphrase)
        self.ctx.db = self.db
        self.ctx.invalidate()
        self.ctx.reload_settings()
        self.history.reattach()

    @property
    def clock(self) -> Clock:
        return self.ctx.clock

    @clock.setter
    def clock(self, value: Clock) -> None:
        self.ctx.clock = value

    def close(self) -> None:
        self.db.close()

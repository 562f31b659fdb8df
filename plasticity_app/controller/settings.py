"""Settings: validated, saved at once."""

from __future__ import annotations

from datetime import date
from typing import Any

from plasticity_app.controller.base import Context, require
from plasticity_app.controller.roadmap import RoadmapController
from plasticity_app.domain.settings import Settings, validate_setting
from plasticity_app.domain.text import tr


class SettingsController:
    AREA = "settings"

    def __init__(self, ctx: Context, roadmap: RoadmapController) -> None:
        self._ctx = ctx
        self._roadmap = roadmap

    def get(self) -> Settings:
        return self._ctx.settings

    def set(self, key: str, value: Any, *, message: str | None = None) -> None:
        error = validate_setting(key, value)
        require(error is None, error or "", key)
        with self._ctx.transaction():
            self._ctx.settings_repo.save(key, value)
            self._ctx.reload_settings()
            self._roadmap.record_completions()
        self._ctx.hub.notify(self.AREA, message or tr("Saved: preferences"))

    def acknowledge_disclaimer(self, on: date) -> None:
        self.set(
            "disclaimer_acknowledged", on.isoformat(), message=tr("Thank you for reading that.")
        )

"""The person's settings, with defaults and validation."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from plasticity_app.domain.clock import DEFAULT_DAY_START_HOUR
from plasticity_app.domain.roadmap import (
    BASELINE_DAYS_MAX,
    BASELINE_DAYS_MIN,
    DEFAULT_BASELINE_DAYS,
)
from plasticity_app.domain.text import tr

THEMES = ("system", "light", "dark")


@dataclass(frozen=True)
class Settings:
    baseline_days: int = DEFAULT_BASELINE_DAYS
    day_start_hour: int = DEFAULT_DAY_START_HOUR
    first_weekday: int = 0  # Monday
    onboarding_done: bool = False
    disclaimer_acknowledged: str = ""  # ISO date when acknowledged
    theme: str = "system"
    reminder_time: str = ""  # "HH:MM" or empty for none

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> Settings:
        known = {f.name for f in fields(cls)}
        return replace(cls(), **{k: v for k, v in values.items() if k in known})


DAY_START_MIN = 0
DAY_START_MAX = 6


def baseline_days_message() -> str:
    """What the baseline length field says when its number can't be used."""
    return tr("A baseline lasts {baseline_days_min} to {baseline_days_max} days.").format(
        baseline_days_min=BASELINE_DAYS_MIN, baseline_days_max=BASELINE_DAYS_MAX
    )


def day_start_message() -> str:
    """What the day-start field says when its hour can't be used."""
    return tr("A day can start between midnight and 06:00.")


def validate_setting(key: str, value: Any) -> str | None:
    """A plain message when ``value`` is not allowed for ``key``."""
    if key == "baseline_days":
        if not isinstance(value, int) or isinstance(value, bool):
            return tr("The baseline length is a whole number of days.")
        if not BASELINE_DAYS_MIN <= value <= BASELINE_DAYS_MAX:
            return baseline_days_message()
    elif key == "day_start_hour":
        if not isinstance(value, int) or not DAY_START_MIN <= value <= DAY_START_MAX:
            return day_start_message()
    elif key == "first_weekday":
        if not isinstance(value, int) or not 0 <= value <= 6:
            return tr("Choose a day of the week.")
    elif key == "theme":
        if value not in THEMES:
            return tr("Choose system, light or dark.")
    elif key == "reminder_time":
        if value:
            parts = str(value).split(":")
            ok = len(parts) == 2 and all(p.isdigit() for p in parts)
            if not ok or not (0 <= int(parts[0]) < 24 and 0 <= int(parts[1]) < 60):
                return tr("Give the reminder time as HH:MM.")
    elif key not in {f.name for f in fields(Settings)}:
        return tr("Unknown setting: {key}").format(key=key)
    return None

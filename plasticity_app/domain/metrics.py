"""Outcome metrics, daily ratings and baseline statistics."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from plasticity_app.domain.text import QT_TR_NOOP, tr

RATING_MIN = 0
RATING_MAX = 10
MAX_ACTIVE_METRICS = 3
MIN_ACTIVE_METRICS = 2
NAME_MAX_CHARS = 40
DESCRIPTION_MAX_CHARS = 300
DAY_NOTE_MAX_CHARS = 4000


class Direction(StrEnum):
    """Which way is better for a metric."""

    HIGHER = "higher"
    LOWER = "lower"

    @property
    def label(self) -> str:
        return tr("higher is better") if self is Direction.HIGHER else tr("lower is better")


@dataclass(frozen=True)
class Metric:
    id: int
    name: str
    direction: Direction
    description: str = ""
    archived: bool = False
    position: int = 0
    created: date | None = None


@dataclass(frozen=True)
class MetricEntry:
    metric_id: int
    day: date
    value: int


@dataclass(frozen=True)
class MetricPreset:
    name: str
    direction: Direction
    description: str


PRESETS: tuple[MetricPreset, ...] = (
    MetricPreset(
        QT_TR_NOOP("Self-criticism intensity"),
        Direction.LOWER,
        QT_TR_NOOP(
            "How harsh was the voice in your head today? 0 is none at all, 10 is relentless."
        ),
    ),
    MetricPreset(
        QT_TR_NOOP("Willingness to initiate"),
        Direction.HIGHER,
        QT_TR_NOOP("How ready were you to start things: speak up, reach out, try something new?"),
    ),
    MetricPreset(
        QT_TR_NOOP("Recovery time after setbacks"),
        Direction.LOWER,
        QT_TR_NOOP(
            "How long did a setback stay with you today? 0 is it passed quickly, 10 is it stayed all "
            "day."
        ),
    ),
)


def validate_metric_name(
    name: str, existing: Iterable[str] = (), *, current: str | None = None
) -> str | None:
    """A plain message when ``name`` can't be used, else ``None``.

    ``existing`` holds every other metric's name (active or archived); ``current`` is the metric's
    own present name when renaming.
    """
    stripped = name.strip()
    if not stripped:
        return tr("Give the metric a name.")
    if len(stripped) > NAME_MAX_CHARS:
        return tr("Keep the name to {name_max_chars} characters or fewer.").format(
            name_max_chars=NAME_MAX_CHARS
        )
    folded = stripped.casefold()
    others = {n.strip().casefold() for n in existing}
    if current is not None:
        others.discard(current.strip().casefold())
    if folded in others:
        return tr("You already have a metric called “{name}”.").format(name=stripped)
    return None


def validate_description(text: str) -> str | None:
    if len(text) > DESCRIPTION_MAX_CHARS:
        return tr("Keep the description to {description_max_chars} characters or fewer.").format(
            description_max_chars=DESCRIPTION_MAX_CHARS
        )
    return None


def parse_rating(value: object) -> int:
    """A rating as a whole number 0–10, or ``ValueError`` with a plain message."""
    message = tr("Ratings are whole numbers from {rating_min} to {rating_max}.").format(
        rating_min=RATING_MIN, rating_max=RATING_MAX
    )
    if isinstance(value, bool):
        raise ValueError(message)
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise ValueError(message)
        number = int(value)
    elif isinstance(value, str):
        text = value.strip()
        if not text.lstrip("-").isdigit():
            raise ValueError(message)
        number = int(text)
    else:
        raise ValueError(message)
    if not RATING_MIN <= number <= RATING_MAX:
        raise ValueError(message)
    return number


def validate_rating_day(day: date, today: date) -> str | None:
    if day > today:
        return tr("You can’t rate a day that hasn’t happened yet.")
    return None


def validate_day_note(text: str) -> str | None:
    if len(text) > DAY_NOTE_MAX_CHARS:
        return tr("Keep the note to {day_note_max_chars} characters or fewer.").format(
            day_note_max_chars=DAY_NOTE_MAX_CHARS
        )
    return None


@dataclass(frozen=True)
class Summary:
    """Mean, sample standard deviation and count of some ratings (NaN when undefined)."""

    n: int
    mean: float
    sd: float

    @property
    def empty(self) -> bool:
        return self.n == 0


def summarize(values: Sequence[float]) -> Summary:
    n = len(values)
    if n == 0:
        return Summary(0, math.nan, math.nan)
    mean = math.fsum(values) / n
    if n == 1:
        return Summary(1, mean, math.nan)
    var = math.fsum((v - mean) ** 2 for v in values) / (n - 1)
    return Summary(n, mean, math.sqrt(var))


def baseline_values(
    entries: Iterable[MetricEntry], metric_id: int, baseline_end: date | None
) -> list[int]:
    """Phase A: every rating of the metric up to and including ``baseline_end``.

    While the baseline is still open (``baseline_end`` is None) every rating so far belongs to it.
    """
    return [
        e.value
        for e in sorted(entries, key=lambda e: e.day)
        if e.metric_id == metric_id and (baseline_end is None or e.day <= baseline_end)
    ]


def signed_change(direction: Direction, baseline_mean: float, later_mean: float) -> float:
    """Change from baseline, signed so that positive always means better."""
    diff = later_mean - baseline_mean
    return diff if direction is Direction.HIGHER else -diff


def in_worst_fifth(direction: Direction, mean: float) -> bool:
    """Whether a mean rating sits in the worst fifth of the 0–10 scale."""
    if math.isnan(mean):
        return False
    span = RATING_MAX - RATING_MIN
    if direction is Direction.HIGHER:
        return mean <= RATING_MIN + span / 5
    return mean >= RATING_MAX - span / 5

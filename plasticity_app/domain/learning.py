"""Step 3's shared rules: 0–100 % ratings, text limits, and learning sessions.

Behavioural experiments live in ``experiments.py``, thought records in ``thought_records.py`` and
openings (with their pairing window) in ``openings.py``; they all use the helpers here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from plasticity_app.domain.text import QT_TR_NOOP, tr

PERCENT_MIN = 0
PERCENT_MAX = 100
SHORT_TEXT_MAX = 500  # a belief or a thought: one or two sentences
LONG_TEXT_MAX = 4000  # plans, outcomes, notes
MINUTES_MIN = 1
MINUTES_MAX = 1440

PERCENT_MESSAGE = QT_TR_NOOP("Ratings go from 0 to 100 %.")


def parse_percent(value: object) -> int | None:
    """A 0–100 rating as a whole number; ``None`` for an empty field; ``ValueError`` otherwise.

    Accepts ints and text such as "75", " 75 " or "75 %".
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(tr(PERCENT_MESSAGE))
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise ValueError(tr("Use a whole number from 0 to 100."))
        number = int(value)
    elif isinstance(value, str):
        text = value.strip().removesuffix("%").strip()
        if not text:
            return None
        if not text.lstrip("-").isdigit():
            raise ValueError(tr("Use a whole number from 0 to 100."))
        number = int(text)
    else:
        raise ValueError(tr(PERCENT_MESSAGE))
    if not PERCENT_MIN <= number <= PERCENT_MAX:
        raise ValueError(tr(PERCENT_MESSAGE))
    return number


def percent_error(value: int | None, *, required: str | None = None) -> str | None:
    """A message when a stored rating is missing (and ``required`` says why) or out of range."""
    if value is None:
        return required
    if isinstance(value, bool) or not isinstance(value, int):
        return tr(PERCENT_MESSAGE)
    if not PERCENT_MIN <= value <= PERCENT_MAX:
        return tr(PERCENT_MESSAGE)
    return None


def text_error(
    text: str, limit: int, *, what: str = "this", required: str | None = None
) -> str | None:
    """A message when ``text`` is empty (and ``required`` says why), too long or unsavable."""
    if not isinstance(text, str):
        return tr("This needs to be text.")
    if required is not None and not text.strip():
        return required
    if len(text) > limit:
        return tr("Keep {what} to {limit:,} characters or fewer (it has {length:,}).").format(
            what=what, limit=limit, length=len(text)
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return tr("This text holds characters that can’t be saved. Please retype it.")
    return None


def day_error(day: date, today: date, what: str = "a day") -> str | None:
    if day > today:
        return tr("You can’t log {what} for a day that hasn’t happened yet.").format(what=what)
    return None


def percent_text(value: int | None) -> str:
    """“75 %”, or “–” when not rated."""
    return "–" if value is None else f"{value} %"


def shorten(text: str, limit: int = 60) -> str:
    """One line, cut at a word boundary with an ellipsis when longer than ``limit``."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.;:") + "…"


# Learning sessions -------------------------------------------------------------------------------
class SessionKind(StrEnum):
    THERAPY = "therapy"
    SKILLS = "skills"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            SessionKind.THERAPY: tr("Therapy session"),
            SessionKind.SKILLS: tr("Skills practice"),
            SessionKind.OTHER: tr("Other learning"),
        }[self]


@dataclass(frozen=True)
class LearningSession:
    day: date
    kind: SessionKind
    minutes: int
    notes: str = ""
    id: int | None = None


def parse_minutes(value: object) -> int:
    """Minutes as a whole number 1–1440, or ``ValueError`` with a plain message."""
    message = tr("Minutes go from {minutes_min} to {minutes_max:,} (a whole day).").format(
        minutes_min=MINUTES_MIN, minutes_max=MINUTES_MAX
    )
    if isinstance(value, bool):
        raise ValueError(message)
    if isinstance(value, int):
        number = value
    elif isinstance(value, str):
        text = value.strip().removesuffix("min").strip()
        if not text:
            raise ValueError(tr("How many minutes did it take?"))
        if not text.isdigit():
            raise ValueError(tr("Use a whole number of minutes."))
        number = int(text)
    else:
        raise ValueError(message)
    if not MINUTES_MIN <= number <= MINUTES_MAX:
        raise ValueError(message)
    return number


def validate_session(session: LearningSession, today: date) -> dict[str, str]:
    """Field name -> plain message for each problem; empty when the session can be saved."""
    errors: dict[str, str] = {}
    error = day_error(session.day, today, "a session")
    if error:
        errors["day"] = error
    if not isinstance(session.kind, SessionKind):
        try:
            SessionKind(session.kind)
        except ValueError:
            errors["kind"] = tr("Choose a therapy session, skills practice or other learning.")
    try:
        parse_minutes(session.minutes)
    except ValueError as exc:
        errors["minutes"] = str(exc)
    error = text_error(session.notes, LONG_TEXT_MAX, what=tr("the notes"))
    if error:
        errors["notes"] = error
    return errors


def minutes_text(minutes: int) -> str:
    """“45 min”, “1 h”, “1 h 30 min”."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return (
        tr("{hours} h").format(hours=hours)
        if not rest
        else tr("{hours} h {rest} min").format(hours=hours, rest=rest)
    )

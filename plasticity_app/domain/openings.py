"""Step 2: a clinician-guided “opening”, and whether learning was paired with it within 72 hours.

The app records what a person and their clinician decided. It never suggests a treatment.

Pairing: after an opening, a learning entry (an experiment run, a thought record, or a therapy or
skills session) logged for a day that overlaps the next 72 hours pairs with it. Entries are kept by
day, not by hour, so an entry counts at midday of its day (never before the opening, never after
the window closes, and never later than now).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from plasticity_app.domain.clock import DEFAULT_DAY_START_HOUR, journal_day
from plasticity_app.domain.learning import LONG_TEXT_MAX, text_error
from plasticity_app.domain.text import tr

CLINICIAN_MAX = 120
PAIRING_START_HOURS = 24
PAIRING_HOURS = 72

CAUTION = (
    "Decisions about treatment belong with qualified clinicians. Access, cost and medical risks "
    "are real, and an opening is not right for everyone. This journal records what you and your "
    "clinician decided; it never recommends a treatment."
)


class OpeningKind(StrEnum):
    TMS = "tms"
    KETAMINE = "ketamine"
    MEDICATION_CHANGE = "medication_change"
    ECT = "ect"
    PSYCHEDELIC = "psychedelic_assisted"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            OpeningKind.TMS: tr("TMS (transcranial magnetic stimulation)"),
            OpeningKind.KETAMINE: tr("Ketamine or esketamine, clinician-given"),
            OpeningKind.MEDICATION_CHANGE: tr("Medication change"),
            OpeningKind.ECT: tr("ECT (electroconvulsive therapy)"),
            OpeningKind.PSYCHEDELIC: tr("Psychedelic-assisted therapy, clinical setting"),
            OpeningKind.OTHER: tr("Other clinician-guided opening"),
        }[self]

    @property
    def short(self) -> str:
        return {
            OpeningKind.TMS: tr("TMS"),
            OpeningKind.KETAMINE: tr("Ketamine or esketamine"),
            OpeningKind.MEDICATION_CHANGE: tr("Medication change"),
            OpeningKind.ECT: tr("ECT"),
            OpeningKind.PSYCHEDELIC: tr("Psychedelic-assisted therapy"),
            OpeningKind.OTHER: tr("Opening"),
        }[self]


@dataclass(frozen=True)
class Opening:
    kind: OpeningKind
    at: datetime
    clinician: str = ""
    notes: str = ""
    id: int | None = None
    created: datetime | None = None


def validate_opening(opening: Opening, now: datetime) -> dict[str, str]:
    """Field name -> plain message for each problem; empty when the opening can be saved."""
    errors: dict[str, str] = {}
    try:
        OpeningKind(opening.kind)
    except ValueError:
        errors["kind"] = tr("Choose what kind of opening it was.")
    if opening.at > now:
        errors["at"] = tr(
            "Log an opening once it has happened: this date and time is still to come."
        )
    error = text_error(opening.clinician, CLINICIAN_MAX, what=tr("the clinician’s name"))
    if error:
        errors["clinician"] = error
    error = text_error(opening.notes, LONG_TEXT_MAX, what=tr("the notes"))
    if error:
        errors["notes"] = error
    return errors


# Pairing ----------------------------------------------------------------------------------------
class LearningKind(StrEnum):
    EXPERIMENT = "experiment"
    THOUGHT_RECORD = "thought_record"
    SESSION = "session"

    @property
    def label(self) -> str:
        return {
            LearningKind.EXPERIMENT: tr("a behavioural experiment"),
            LearningKind.THOUGHT_RECORD: tr("a thought record"),
            LearningKind.SESSION: tr("a learning session"),
        }[self]


@dataclass(frozen=True)
class LearningEntry:
    """A learning entry as pairing sees it: its day and what it was."""

    day: date
    kind: LearningKind
    label: str = ""  # e.g. "a therapy session"; defaults to the kind's label


class PairingState(StrEnum):
    OPEN = "open"
    PAIRED = "paired"
    NOT_PAIRED = "not_paired"


@dataclass(frozen=True)
class Pairing:
    state: PairingState
    opening_at: datetime
    closes_at: datetime
    elapsed_hours: int
    hours_left: int | None = None
    paired_after_hours: int | None = None
    paired_day: date | None = None
    paired_with: str | None = None

    @property
    def headline(self) -> str:
        """“Pairing window open: 52 h left”, “Paired after 26 h”, “Paired the same day”, “Not
        paired”."""
        if self.state is PairingState.OPEN:
            return tr("Pairing window open: {hours_left} h left").format(hours_left=self.hours_left)
        if self.state is PairingState.PAIRED:
            if self.paired_after_hours == 0:
                return tr("Paired the same day")
            return tr("Paired after {paired_after_hours} h").format(
                paired_after_hours=self.paired_after_hours
            )
        return tr("Not paired")

    def sentence(self, when: str = "") -> str:
        """The headline with its explanation; ``when`` is the closing moment, formatted."""
        if self.state is PairingState.OPEN:
            if when:
                return tr(
                    "{headline}. Log a therapy session, skills practice, an experiment or a "
                    "thought record by {when}. Learning in the {start}–{end} hours after an "
                    "opening is what this step aims for."
                ).format(
                    headline=self.headline, when=when, start=PAIRING_START_HOURS, end=PAIRING_HOURS
                )
            return tr(
                "{headline}. Log a therapy session, skills practice, an experiment or a "
                "thought record. Learning in the {start}–{end} hours after an opening is what "
                "this step aims for."
            ).format(headline=self.headline, start=PAIRING_START_HOURS, end=PAIRING_HOURS)
        if self.state is PairingState.PAIRED:
            return tr("{headline}, with {paired_with}.").format(
                headline=self.headline, paired_with=self.paired_with
            )
        return tr(
            "Not paired: no learning was logged within {pairing_hours} hours of the opening. What "
            "you log now still counts as learning."
        ).format(pairing_hours=PAIRING_HOURS)


def _hours(delta: timedelta) -> float:
    return delta.total_seconds() / 3600


def pairing(
    opening_at: datetime,
    entries: Iterable[LearningEntry],
    now: datetime,
    day_start_hour: int = DEFAULT_DAY_START_HOUR,
) -> Pairing:
    """Where an opening's pairing window stands at ``now``."""
    closes = opening_at + timedelta(hours=PAIRING_HOURS)
    first_day = journal_day(opening_at, day_start_hour)
    last_day = journal_day(closes - timedelta(microseconds=1), day_start_hour)
    elapsed = max(0, math.floor(_hours(now - opening_at)))
    best: tuple[datetime, LearningEntry] | None = None
    for entry in entries:
        if not first_day <= entry.day <= last_day:
            continue
        moment = datetime.combine(entry.day, time(12, 0))
        moment = min(max(moment, opening_at), closes, max(now, opening_at))
        if best is None or moment < best[0]:
            best = (moment, entry)
    if best is not None:
        moment, entry = best
        return Pairing(
            PairingState.PAIRED,
            opening_at,
            closes,
            elapsed,
            paired_after_hours=math.floor(_hours(moment - opening_at)),
            paired_day=entry.day,
            paired_with=entry.label or entry.kind.label,
        )
    if now >= closes:
        return Pairing(PairingState.NOT_PAIRED, opening_at, closes, elapsed)
    left = max(1, math.ceil(_hours(closes - now)))
    return Pairing(PairingState.OPEN, opening_at, closes, elapsed, hours_left=left)

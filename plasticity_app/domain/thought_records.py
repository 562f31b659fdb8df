"""Thought records (the seven-column form from *Mind Over Mood*) with Burns' ten distortions.

Columns: 1 situation, 2 moods rated 0–100, 3 automatic thought (with how much you believe it),
4 evidence for it, 5 evidence against it, 6 a balanced thought (with how much you believe it),
7 the moods rated again. The distortions are a checklist beside column 3.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from plasticity_app.domain.learning import (
    LONG_TEXT_MAX,
    SHORT_TEXT_MAX,
    day_error,
    percent_error,
    shorten,
    text_error,
)
from plasticity_app.domain.text import QT_TR_NOOP, isolate, tr

MOOD_NAME_MAX = 40
MAX_MOODS = 6


@dataclass(frozen=True)
class Distortion:
    key: str
    label: str
    description: str
    group: str = ""


# Burns, *Feeling Good* (1980): ten distortions, the fifth ("jumping to conclusions") in two parts.
DISTORTIONS: tuple[Distortion, ...] = (
    Distortion(
        "all_or_nothing",
        QT_TR_NOOP("All-or-nothing thinking"),
        QT_TR_NOOP("Seeing things in black and white: if it isn’t perfect, it’s a failure."),
    ),
    Distortion(
        "overgeneralization",
        QT_TR_NOOP("Overgeneralization"),
        QT_TR_NOOP("One bad event becomes a never-ending pattern: “always”, “never”."),
    ),
    Distortion(
        "mental_filter",
        QT_TR_NOOP("Mental filter"),
        QT_TR_NOOP("Dwelling on one negative detail until everything looks dark."),
    ),
    Distortion(
        "disqualifying_positive",
        QT_TR_NOOP("Disqualifying the positive"),
        QT_TR_NOOP("Good things “don’t count” for one reason or another."),
    ),
    Distortion(
        "mind_reading",
        QT_TR_NOOP("Mind reading"),
        QT_TR_NOOP("Deciding what others think of you without checking."),
        QT_TR_NOOP("Jumping to conclusions"),
    ),
    Distortion(
        "fortune_telling",
        QT_TR_NOOP("Fortune telling"),
        QT_TR_NOOP("Predicting that things will turn out badly, as if it were a fact."),
        QT_TR_NOOP("Jumping to conclusions"),
    ),
    Distortion(
        "magnification",
        QT_TR_NOOP("Magnification or minimization"),
        QT_TR_NOOP("Blowing up your mistakes and shrinking your strengths."),
    ),
    Distortion(
        "emotional_reasoning",
        QT_TR_NOOP("Emotional reasoning"),
        QT_TR_NOOP("“I feel it, so it must be true.”"),
    ),
    Distortion(
        "should_statements",
        QT_TR_NOOP("Should statements"),
        QT_TR_NOOP("Pushing yourself with shoulds, musts and oughts."),
    ),
    Distortion(
        "labeling",
        QT_TR_NOOP("Labeling"),
        QT_TR_NOOP("Calling yourself a name (“I’m useless”) instead of describing what happened."),
    ),
    Distortion(
        "personalization",
        QT_TR_NOOP("Personalization and blame"),
        QT_TR_NOOP(
            "Taking the blame for things outside your control, or putting it all on others."
        ),
    ),
)
DISTORTION_KEYS = tuple(d.key for d in DISTORTIONS)
_BY_KEY = {d.key: d for d in DISTORTIONS}


def distortion(key: str) -> Distortion:
    return _BY_KEY[key]


@dataclass(frozen=True)
class Mood:
    name: str
    intensity: int | None


@dataclass(frozen=True)
class ThoughtRecord:
    day: date
    situation: str
    moods: tuple[Mood, ...]
    automatic_thought: str
    thought_belief: int | None = None
    distortions: tuple[str, ...] = ()
    evidence_for: str = ""
    evidence_against: str = ""
    balanced_thought: str = ""
    balanced_belief: int | None = None
    moods_after: tuple[Mood, ...] = ()
    id: int | None = None
    created: date | None = None

    @property
    def title(self) -> str:
        return shorten(self.automatic_thought, 70)

    def mood_change(self) -> list[tuple[str, int | None, int | None]]:
        """(mood, before, after) for every mood, in the order written."""
        after = {m.name.strip().casefold(): m.intensity for m in self.moods_after}
        return [(m.name, m.intensity, after.get(m.name.strip().casefold())) for m in self.moods]

    def mood_summary(self) -> str:
        """“anxious 80 → 40 %, ashamed 60 %”."""
        parts = []
        for mood, before, after in self.mood_change():
            name = isolate(mood)  # a right-to-left mood keeps its numbers on its side
            if before is None:
                parts.append(name)
            elif after is None:
                parts.append(f"{name} {before} %")
            else:
                parts.append(f"{name} {before} → {after} %")
        return ", ".join(parts)

    def distortion_labels(self) -> list[str]:
        return [distortion(k).label for k in self.distortions if k in _BY_KEY]


def clean_moods(moods: tuple[Mood, ...] | list[Mood]) -> tuple[Mood, ...]:
    """Drop rows left completely empty (no name, no rating)."""
    return tuple(m for m in moods if m.name.strip() or m.intensity is not None)


def validate_thought_record(record: ThoughtRecord, today: date) -> dict[str, str]:
    """Field name -> plain message for each problem; empty when the record can be saved.

    Fields: day, situation, moods, automatic_thought, thought_belief, distortions, evidence_for,
    evidence_against, balanced_thought, balanced_belief, moods_after.
    """
    errors: dict[str, str] = {}
    error = day_error(record.day, today, "a thought record")
    if error:
        errors["day"] = error
    checks = {
        "situation": text_error(
            record.situation,
            LONG_TEXT_MAX,
            what=tr("the situation"),
            required=tr("Describe the situation: what happened, where, with whom?"),
        ),
        "automatic_thought": text_error(
            record.automatic_thought,
            SHORT_TEXT_MAX,
            what=tr("the thought"),
            required=tr("Write the thought that went through your mind."),
        ),
        "thought_belief": percent_error(record.thought_belief),
        "evidence_for": text_error(record.evidence_for, LONG_TEXT_MAX, what=tr("the evidence")),
        "evidence_against": text_error(
            record.evidence_against, LONG_TEXT_MAX, what=tr("the evidence")
        ),
        "balanced_thought": text_error(
            record.balanced_thought, LONG_TEXT_MAX, what=tr("the balanced thought")
        ),
        "balanced_belief": percent_error(record.balanced_belief),
    }
    errors.update({k: v for k, v in checks.items() if v})
    if (
        "balanced_belief" not in errors
        and record.balanced_belief is not None
        and not record.balanced_thought.strip()
    ):
        errors["balanced_thought"] = tr("Write the balanced thought, or clear its rating.")

    moods = clean_moods(record.moods)
    mood_error = _moods_error(moods, required=True)
    if mood_error:
        errors["moods"] = mood_error
    after = clean_moods(record.moods_after)
    after_error = _moods_error(after, required=False)
    if not after_error:
        names = {m.name.strip().casefold() for m in moods}
        strays = [m.name for m in after if m.name.strip().casefold() not in names]
        if strays:
            after_error = tr(
                "Re-rate the moods you listed first (“{mood}” isn’t one of them)."
            ).format(mood=strays[0])
    if after_error:
        errors["moods_after"] = after_error

    unknown = [k for k in record.distortions if k not in _BY_KEY]
    if unknown:
        errors["distortions"] = tr("Unknown thinking trap “{unknown}”.").format(unknown=unknown[0])
    elif len(set(record.distortions)) != len(record.distortions):
        errors["distortions"] = tr("Each thinking trap can be ticked once.")
    return errors


def _moods_error(moods: tuple[Mood, ...], *, required: bool) -> str | None:
    if required and not moods:
        return tr("Name at least one mood (one word) and rate how strong it was, 0 to 100 %.")
    if len(moods) > MAX_MOODS:
        return tr("List at most {max_moods} moods.").format(max_moods=MAX_MOODS)
    seen: set[str] = set()
    for mood in moods:
        name = mood.name.strip()
        if not name:
            return tr("Give each rated mood a name, for example “anxious”.")
        if len(name) > MOOD_NAME_MAX:
            return tr("Keep a mood’s name to {mood_name_max} characters or fewer.").format(
                mood_name_max=MOOD_NAME_MAX
            )
        error = percent_error(
            mood.intensity,
            required=tr("Rate how strong “{name}” was, from 0 to 100 %.").format(name=name),
        )
        if error:
            return error if mood.intensity is None else f"“{name}”: {error}"
        folded = name.casefold()
        if folded in seen:
            return tr("“{name}” is listed twice.").format(name=name)
        seen.add(folded)
    return None

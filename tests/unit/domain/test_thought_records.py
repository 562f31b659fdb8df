"""Thought records: the seven columns, Burns' distortions, moods before and after."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from plasticity_app.domain import thought_records as tr
from plasticity_app.domain.thought_records import DISTORTIONS, Mood, ThoughtRecord

TODAY = date(2026, 11, 23)
RECORD = ThoughtRecord(
    day=TODAY,
    situation="Team meeting: my suggestion was skipped over.",
    moods=(Mood("anxious", 70), Mood("ashamed", 60)),
    automatic_thought="They think my ideas are worthless.",
    thought_belief=80,
    distortions=("mind_reading", "overgeneralization"),
    evidence_for="Nobody picked it up.",
    evidence_against="Two people nodded; we ran out of time.",
    balanced_thought="One skipped suggestion says little.",
    balanced_belief=60,
    moods_after=(Mood("anxious", 40), Mood("Ashamed", 35)),
)


def test_burns_ten_with_jumping_to_conclusions_in_two_parts() -> None:
    labels = [d.label for d in DISTORTIONS]
    assert labels == [
        "All-or-nothing thinking",
        "Overgeneralization",
        "Mental filter",
        "Disqualifying the positive",
        "Mind reading",
        "Fortune telling",
        "Magnification or minimization",
        "Emotional reasoning",
        "Should statements",
        "Labeling",
        "Personalization and blame",
    ]
    assert {d.group for d in DISTORTIONS} == {"", "Jumping to conclusions"}
    assert all(d.description for d in DISTORTIONS)


def test_a_full_record_is_valid_and_reads_well() -> None:
    assert tr.validate_thought_record(RECORD, TODAY) == {}
    assert RECORD.mood_summary() == "anxious 70 → 40 %, ashamed 60 → 35 %"
    assert RECORD.distortion_labels() == ["Mind reading", "Overgeneralization"]


def test_only_the_first_three_columns_are_needed() -> None:
    minimal = ThoughtRecord(TODAY, "A call with my landlord.", (Mood("small", 50),), "I’m weak.")
    assert tr.validate_thought_record(minimal, TODAY) == {}


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"day": TODAY + timedelta(days=1)}, "day", "hasn’t happened yet"),
        ({"situation": " "}, "situation", "Describe the situation"),
        ({"automatic_thought": ""}, "automatic_thought", "Write the thought"),
        ({"automatic_thought": "x" * 501}, "automatic_thought", "500 characters"),
        ({"thought_belief": 101}, "thought_belief", "0 to 100"),
        ({"balanced_belief": -4}, "balanced_belief", "0 to 100"),
        ({"balanced_thought": "", "balanced_belief": 50}, "balanced_thought", "clear its rating"),
        ({"moods": ()}, "moods", "at least one mood"),
        ({"moods": (Mood("anxious", None),)}, "moods", "Rate how strong “anxious” was"),
        ({"moods": (Mood("anxious", 120),)}, "moods", "“anxious”: Ratings go from 0 to 100"),
        ({"moods": (Mood("", 50),)}, "moods", "Give each rated mood a name"),
        ({"moods": (Mood("sad", 5), Mood("SAD ", 6))}, "moods", "listed twice"),
        ({"moods": tuple(Mood(f"m{i}", 5) for i in range(7))}, "moods", "at most 6"),
        ({"moods": (Mood("x" * 41, 5),)}, "moods", "40 characters"),
        ({"moods_after": (Mood("angry", 40),)}, "moods_after", "“angry” isn’t one of them"),
        ({"moods_after": (Mood("anxious", 400),)}, "moods_after", "0 to 100"),
        ({"distortions": ("catastrophizing",)}, "distortions", "Unknown thinking trap"),
        ({"distortions": ("labeling", "labeling")}, "distortions", "once"),
    ],
)
def test_bad_records_are_refused_at_the_field(
    change: dict[str, object], field: str, message: str
) -> None:
    errors = tr.validate_thought_record(replace(RECORD, **change), TODAY)  # type: ignore[arg-type]
    assert message in errors[field]


def test_empty_mood_rows_are_ignored() -> None:
    moods = (Mood("anxious", 70), Mood("", None), Mood("  ", None))
    assert tr.clean_moods(moods) == (Mood("anxious", 70),)
    assert tr.validate_thought_record(replace(RECORD, moods=moods, moods_after=()), TODAY) == {}


def test_mood_change_pairs_by_name() -> None:
    record = replace(RECORD, moods_after=(Mood("ANXIOUS", 30),))
    assert record.mood_change() == [("anxious", 70, 30), ("ashamed", 60, None)]
    assert record.mood_summary() == "anxious 70 → 30 %, ashamed 60 %"

"""What each area contributes to a week's review and printed summary."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from plasticity_app.domain.week_report import ExperimentLine, SimpleLine

if TYPE_CHECKING:
    from plasticity_app.controller.journal import Journal


def learning_part(journal: Journal, start: date, end: date, today: date) -> dict[str, Any]:
    """Experiments done or planned in the week, thought records, sessions, and the opening."""
    learning = journal.learning
    experiments = []
    for x in learning.experiments():
        day = x.result.done_date if x.result is not None else x.plan.planned_date
        if not start <= day <= end:
            continue
        experiments.append(
            ExperimentLine(
                title=x.title,
                status=x.status.value,
                day=day,
                belief_before=x.plan.belief_before,
                belief_after=x.result.belief_after if x.result else None,
                prediction_came_true=(
                    x.result.prediction_came_true.label
                    if x.result and x.result.prediction_came_true
                    else ""
                ),
                learned=x.result.learned if x.result else "",
            )
        )
    experiments.sort(key=lambda line: (line.status != "done", line.day or start))
    thoughts = []
    for record in learning.thought_records():
        if start <= record.day <= end:
            text = record.automatic_thought or record.situation
            if record.balanced_thought:
                text += f" → {record.balanced_thought}"
            thoughts.append(SimpleLine(record.day, text))
    sessions = [
        SimpleLine(s.day, f"{s.kind.label}, {s.minutes} min" + (f": {s.notes}" if s.notes else ""))
        for s in learning.sessions()
        if start <= s.day <= end
    ]
    opening = ""
    latest = learning.latest_opening()
    if latest is not None:
        op, pairing = latest
        if start <= op.at.date() <= end or (
            pairing.paired_day is not None and start <= pairing.paired_day <= end
        ):
            who = f" with {op.clinician}" if op.clinician else ""
            opening = f"Opening: {op.kind.label} on {op.at:%A %d %B}{who}. {pairing.sentence()}"
    return {
        "experiments": tuple(experiments),
        "thought_records": tuple(sorted(thoughts, key=lambda t: t.day)),
        "learning_sessions": tuple(sorted(sessions, key=lambda t: t.day)),
        "opening": opening,
    }


def install(journal: Journal) -> None:
    """Register every area that exists in this journal as a review contributor."""
    if hasattr(journal, "learning"):
        journal.review.contributors.append(
            lambda start, end, today: learning_part(journal, start, end, today)
        )

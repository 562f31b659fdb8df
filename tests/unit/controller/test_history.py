"""Undo and redo of data edits, through the SQLite trigger log."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from plasticity_app.controller.history import Step
from plasticity_app.domain.roadmap import StepState
from tests.helpers import add_presets, rate_days


def recorder(journal: Any) -> list[Step]:
    steps: list[Step] = []
    journal.history.recorded.connect(steps.append)
    return steps


def test_undo_and_redo_a_rating(journal: Any) -> None:
    a, _ = add_presets(journal)
    steps = recorder(journal)
    today = journal.ctx.today()
    journal.metrics.rate(a.id, today, 4)
    journal.metrics.rate(a.id, today, 7)
    assert [s.description for s in steps] == [
        "Self-criticism intensity 4 for today",
        "Self-criticism intensity 7 for today",
    ]
    journal.history.undo(steps[1])
    assert journal.metrics.ratings_on(today) == {a.id: 4}
    journal.history.undo(steps[0])
    assert journal.metrics.ratings_on(today) == {}
    journal.history.redo(steps[0])
    journal.history.redo(steps[1])
    assert journal.metrics.ratings_on(today) == {a.id: 7}


def test_undo_an_archive_and_a_deleted_note(journal: Any) -> None:
    a, b, c = add_presets(journal, 3)
    steps = recorder(journal)
    journal.metrics.set_note(journal.ctx.today(), "Hard day")
    journal.metrics.set_note(journal.ctx.today(), "")
    journal.metrics.archive(c.id)
    journal.history.undo(steps[-1])
    assert [m.id for m in journal.metrics.active()] == [a.id, b.id, c.id]
    journal.history.undo(steps[-2])
    assert journal.metrics.note_on(journal.ctx.today()) == "Hard day"


def test_undo_emits_one_change_and_is_not_itself_recorded(journal: Any) -> None:
    a, _ = add_presets(journal)
    steps = recorder(journal)
    changes: list[Any] = []
    journal.hub.changed.connect(changes.append)
    journal.metrics.rate(a.id, journal.ctx.today(), 4)
    journal.history.undo(steps[0])
    assert len(steps) == 1
    assert changes[-1].message == "Undone: Self-criticism intensity 4 for today"


def test_step_completion_is_not_undone(journal: Any) -> None:
    metrics = add_presets(journal)
    rate_days(journal, metrics, 6, end=journal.ctx.today() - timedelta(days=1))
    steps = recorder(journal)
    journal.metrics.check_in(journal.ctx.today(), {m.id: 5 for m in metrics})
    assert journal.roadmap.roadmap().step(1).state is StepState.COMPLETE
    journal.history.undo(steps[-1])
    assert journal.metrics.ratings_on(journal.ctx.today()) == {}
    assert journal.roadmap.roadmap().step(1).state is StepState.COMPLETE


def test_demo_batches_are_not_recorded(journal: Any) -> None:
    from plasticity_app.controller.demo_all import seed_full_demo

    steps = recorder(journal)
    seed_full_demo(journal)
    assert steps == []
    m = journal.metrics.active()[0]
    journal.metrics.rate(m.id, journal.ctx.today(), 1)
    assert len(steps) == 1
    assert steps[0].span.last - steps[0].span.first < 5


def test_an_undo_the_disk_refuses_can_be_tried_again(journal: Any) -> None:
    """The replay ran but its commit was refused: the step still points at what it undoes."""
    import pytest

    from plasticity_app.db.faults import WriteRefusedError
    from tests.faults import file_quota

    a, _ = add_presets(journal)
    steps = recorder(journal)
    today = journal.ctx.today()
    journal.metrics.rate(a.id, today, 4)
    journal.metrics.rate(a.id, today, 7)
    with file_quota(journal), pytest.raises(WriteRefusedError):
        journal.history.undo(steps[1])
    assert journal.metrics.ratings_on(today) == {a.id: 7}
    journal.history.undo(steps[1])  # room again
    assert journal.metrics.ratings_on(today) == {a.id: 4}
    journal.history.redo(steps[1])
    assert journal.metrics.ratings_on(today) == {a.id: 7}

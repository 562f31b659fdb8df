from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from plasticity_app.controller.base import Change
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.metrics import Direction
from plasticity_app.domain.roadmap import StepState
from tests.helpers import add_presets, rate_days


def count_entries(journal: Any) -> int:
    return len(journal.metrics.entries())


def test_every_action_emits_one_change_with_a_message(journal: Any) -> None:
    seen: list[Change] = []
    journal.hub.changed.connect(seen.append)
    a, _b = add_presets(journal)
    journal.metrics.rate(a.id, journal.ctx.today(), 4)
    assert [c.message for c in seen] == [
        "Saved: new metric “Self-criticism intensity”",
        "Saved: new metric “Willingness to initiate”",
        "Saved: Self-criticism intensity 4 for today",
    ]


def test_editing_replaces_a_rating(journal: Any) -> None:
    a, _ = add_presets(journal)
    today = journal.ctx.today()
    journal.metrics.rate(a.id, today, 4)
    journal.metrics.rate(a.id, today, 6)
    assert journal.metrics.ratings_on(today) == {a.id: 6}


@pytest.mark.parametrize("value", [11, -1, 7.5, "x"])
def test_bad_ratings_store_nothing(journal: Any, value: object) -> None:
    a, _ = add_presets(journal)
    with pytest.raises(UserError, match="whole numbers from 0 to 10") as info:
        journal.metrics.rate(a.id, journal.ctx.today(), value)
    assert info.value.field == "rating"
    assert count_entries(journal) == 0


def test_future_days_refused_past_days_allowed(journal: Any) -> None:
    a, _ = add_presets(journal)
    today = journal.ctx.today()
    with pytest.raises(UserError, match="hasn’t happened yet"):
        journal.metrics.rate(a.id, today + timedelta(days=1), 5)
    journal.metrics.rate(a.id, today - timedelta(days=40), 5)
    assert count_entries(journal) == 1


def test_a_check_in_with_one_bad_value_stores_nothing(journal: Any) -> None:
    a, b = add_presets(journal)
    with pytest.raises(UserError):
        journal.metrics.check_in(journal.ctx.today(), {a.id: 5, b.id: 12}, "note")
    assert count_entries(journal) == 0
    assert journal.metrics.note_on(journal.ctx.today()) == ""


def test_fourth_active_metric_refused(journal: Any) -> None:
    add_presets(journal, 3)
    with pytest.raises(UserError, match="at most 3"):
        journal.metrics.add("Calm", Direction.HIGHER)
    assert len(journal.metrics.all()) == 3


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Give the metric a name"),
        ("x" * 41, "40 characters"),
        ("self-criticism INTENSITY", "already have"),
    ],
)
def test_bad_names_refused(journal: Any, name: str, message: str) -> None:
    add_presets(journal, 1)
    with pytest.raises(UserError, match=message) as info:
        journal.metrics.add(name, Direction.HIGHER)
    assert info.value.field == "name"
    assert len(journal.metrics.all()) == 1


def test_archive_makes_room_and_keeps_ratings(journal: Any) -> None:
    a, b, c = add_presets(journal, 3)
    journal.metrics.rate(c.id, journal.ctx.today(), 3)
    journal.metrics.archive(c.id)
    assert [m.id for m in journal.metrics.active()] == [a.id, b.id]
    assert count_entries(journal) == 1
    journal.metrics.add("Calm", Direction.HIGHER)
    with pytest.raises(UserError, match="Archive one first"):
        journal.metrics.restore(c.id)
    with pytest.raises(UserError, match="archived"):
        journal.metrics.rate(c.id, journal.ctx.today(), 3)


def test_baseline_completes_and_is_recorded_with_its_date(journal: Any, clock: Any) -> None:
    metrics = add_presets(journal)
    rate_days(journal, metrics, 6)
    assert journal.roadmap.roadmap().step(1).state is StepState.ACTIVE
    assert journal.roadmap.roadmap().step(1).reasons == (
        "Rate Self-criticism intensity on 1 more day.",
        "Rate Willingness to initiate on 1 more day.",
    )
    # Backfilling an earlier day counts.
    rate_days(journal, metrics, 1, end=journal.ctx.today() - timedelta(days=20))
    roadmap = journal.roadmap.roadmap()
    assert roadmap.step(1).state is StepState.COMPLETE
    assert journal.ctx.steps_repo.completions() == {1: journal.ctx.today()}
    # Archiving a metric later does not undo it.
    journal.metrics.archive(metrics[0].id)
    clock.advance(days=3)
    assert journal.roadmap.roadmap().step(1).state is StepState.COMPLETE
    assert journal.roadmap.roadmap().step(2).state is StepState.ACTIVE


def test_archiving_the_slow_metric_during_baseline_completes_step1(journal: Any) -> None:
    a, b, c = add_presets(journal, 3)
    rate_days(journal, [a, b], 7)
    assert journal.roadmap.roadmap().step(1).state is StepState.ACTIVE
    journal.metrics.archive(c.id)
    assert 1 in journal.ctx.steps_repo.completions()


def test_opening_not_needed_only_after_baseline(journal: Any) -> None:
    metrics = add_presets(journal)
    with pytest.raises(UserError, match="baseline is mapped"):
        journal.roadmap.mark_opening_not_needed()
    rate_days(journal, metrics, 7)
    journal.roadmap.mark_opening_not_needed()
    roadmap = journal.roadmap.roadmap()
    assert roadmap.step(2).state is StepState.SKIPPED
    assert roadmap.step(3).state is StepState.ACTIVE
    with pytest.raises(UserError, match="already decided"):
        journal.roadmap.mark_opening_not_needed()


def test_day_notes(journal: Any) -> None:
    today = journal.ctx.today()
    journal.metrics.set_note(today, "A calm day")
    assert journal.metrics.note_on(today) == "A calm day"
    with pytest.raises(UserError, match="4000 characters"):
        journal.metrics.set_note(today, "x" * 4001)
    journal.metrics.set_note(today, "")
    assert journal.metrics.notes() == {}


def test_onboarding_saves_everything_in_one_action(journal: Any) -> None:
    from plasticity_app.controller.onboarding import MetricChoice

    seen: list[Change] = []
    journal.hub.changed.connect(seen.append)
    with pytest.raises(UserError, match="at least 2"):
        journal.onboarding.finish([MetricChoice("Calm", Direction.HIGHER)], 7)
    with pytest.raises(UserError, match="5 to 28"):
        journal.onboarding.finish(
            [MetricChoice("Calm", Direction.HIGHER), MetricChoice("Ease", Direction.HIGHER)], 3
        )
    assert journal.metrics.all() == [] and journal.onboarding.needed()
    journal.onboarding.finish(
        [MetricChoice("Calm", Direction.HIGHER), MetricChoice("Ease", Direction.LOWER)], 10
    )
    assert [m.name for m in journal.metrics.all()] == ["Calm", "Ease"]
    assert journal.settings.get().baseline_days == 10
    assert not journal.onboarding.needed()
    assert len(seen) == 1


def test_settings_validation(journal: Any) -> None:
    with pytest.raises(UserError, match="5 to 28"):
        journal.settings.set("baseline_days", 30)
    journal.settings.set("baseline_days", 14)
    assert journal.settings.get().baseline_days == 14


def test_day_starts_at_three_for_night_owls(journal: Any, clock: Any) -> None:
    from datetime import datetime

    a, _ = add_presets(journal)
    clock.current = datetime(2026, 11, 24, 0, 40)
    assert journal.ctx.today().isoformat() == "2026-11-23"
    journal.metrics.rate(a.id, journal.ctx.today(), 5)
    assert journal.metrics.entries()[0].day.isoformat() == "2026-11-23"

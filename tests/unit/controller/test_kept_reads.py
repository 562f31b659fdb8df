"""What is computed from the data is kept until the data changes, and never longer."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plasticity_app.domain.roadmap import StepState
from tests.helpers import add_presets, rate_days


def count_calls(monkeypatch: pytest.MonkeyPatch, target: Any, name: str) -> list[int]:
    calls: list[int] = []
    real = getattr(target, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(target, name, counted)
    return calls


def test_one_check_in_gathers_the_roadmaps_facts_once(
    journal: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = add_presets(journal)
    rate_days(journal, [a, b], 3)
    calls = count_calls(monkeypatch, journal.roadmap, "facts")
    seen: list[Any] = []
    # A view redrawing after the change asks again: it gets what the action computed.
    journal.hub.changed.connect(lambda _change: seen.append(journal.roadmap.roadmap()))
    journal.metrics.check_in(journal.ctx.today() - timedelta(days=5), {a.id: 4, b.id: 6})
    assert len(calls) == 1 and len(seen) == 1
    journal.roadmap.roadmap()
    journal.metrics.baseline_progress()
    assert len(calls) == 1
    journal.metrics.rate(a.id, journal.ctx.today(), 2)
    assert len(calls) == 2


def test_a_write_outside_the_controllers_is_seen(journal: Any) -> None:
    a, b = add_presets(journal)
    rate_days(journal, [a, b], 6)
    assert journal.roadmap.roadmap().step(1).state is not StepState.COMPLETE
    assert [p.rated_days for p in journal.metrics.baseline_progress()] == [6, 6]
    # Any row written moves the revision on, however it was written.
    journal.ctx.metrics_repo.set_rating(a.id, journal.ctx.today() - timedelta(days=9), 3)
    assert [p.rated_days for p in journal.metrics.baseline_progress()] == [7, 6]


def test_what_a_failed_action_computed_is_forgotten(journal: Any) -> None:
    a, b = add_presets(journal)
    rate_days(journal, [a, b], 6)
    day = journal.ctx.today() - timedelta(days=6)
    with pytest.raises(RuntimeError), journal.ctx.transaction():
        journal.ctx.metrics_repo.set_rating(a.id, day, 5)
        journal.ctx.metrics_repo.set_rating(b.id, day, 5)
        # Computed inside: seven days, the baseline mapped...
        assert journal.roadmap.roadmap().newly_completed
        assert [p.rated_days for p in journal.metrics.baseline_progress()] == [7, 7]
        raise RuntimeError("the disk said no")
    # ...and rolled back: nothing of it is kept.
    assert [p.rated_days for p in journal.metrics.baseline_progress()] == [6, 6]
    assert not journal.roadmap.roadmap().newly_completed
    assert journal.roadmap.roadmap().step(1).state is not StepState.COMPLETE


def test_a_journal_opened_again_is_read_again(journal: Any) -> None:
    a, b = add_presets(journal)
    assert len(journal.metrics.all()) == 2
    assert journal.ctx.kept("x", lambda: 1) == 1
    assert journal.ctx.kept("x", lambda: 2) == 1  # kept while nothing changed
    journal._reopen(None)
    assert journal.ctx.kept("x", lambda: 2) == 2
    assert [x.name for x in journal.metrics.all()] == [a.name, b.name]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    ratings=st.lists(
        st.tuples(st.integers(0, 2), st.integers(0, 40), st.integers(0, 10)), max_size=60
    ),
    baseline_end=st.one_of(st.none(), st.integers(0, 40)),
    cap=st.integers(1, 30),
)
def test_the_baseline_in_two_queries_reads_as_metric_by_metric(
    journal: Any, ratings: list[tuple[int, int, int]], baseline_end: int | None, cap: int
) -> None:
    """The one-query baseline read says what reading each metric's entries said."""
    repo = journal.ctx.metrics_repo
    metrics = journal.metrics.all() or add_presets(journal, 3)
    ids = [x.id for x in metrics]
    today = journal.ctx.today()
    with journal.ctx.transaction():
        for x in ids:
            for day in {e.day for e in repo.entries([x])}:
                repo.clear_rating(x, day)
        for which, ago, value in ratings:
            repo.set_rating(ids[which], today - timedelta(days=ago), value)
    end = None if baseline_end is None else today - timedelta(days=baseline_end)
    read = repo.baseline_reads(ids, end)
    capped = repo.baseline_reads(ids, end, count_up_to=cap)
    for x in ids:
        values = [e.value for e in repo.entries([x], end=end)]
        assert read[x][0] == repo.rated_days(x)
        assert capped[x][0] == min(cap, repo.rated_days(x))
        assert read[x][1] == capped[x][1] == values

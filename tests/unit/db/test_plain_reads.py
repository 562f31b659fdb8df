"""The hot reads that skip peewee's per-call work give what the record-by-record reads gave."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from plasticity_app.controller.demo_all import seed_full_demo
from plasticity_app.controller.journal import Journal
from plasticity_app.db import learning_repo as lr
from plasticity_app.db import prepared
from plasticity_app.db.records import (
    ExperimentRecord,
    LearningSessionRecord,
    OpeningRecord,
    ThoughtRecordRecord,
)
from plasticity_app.domain.experiments import ExperimentStatus


@pytest.fixture
def demo(tmp_path: Path, clock: Any) -> Any:
    journal = Journal(tmp_path / "demo", clock)
    seed_full_demo(journal)
    yield journal
    journal.close()


def test_experiments_read_as_rows_equal_the_records(demo: Any) -> None:
    repo = demo.learning._repo
    records = ExperimentRecord.select().order_by(ExperimentRecord.planned_date, ExperimentRecord.id)
    expected = [lr._experiment(r) for r in records]
    assert {e.status for e in expected} >= {ExperimentStatus.DONE, ExperimentStatus.PLANNED}
    assert any(e.result is not None and e.result.prediction_came_true for e in expected)
    assert repo.experiments() == expected
    for status in ExperimentStatus:
        assert repo.experiments(status) == [e for e in expected if e.status is status]
    assert repo.count_with_outcome() == sum(e.status is ExperimentStatus.DONE for e in expected)


def test_the_learning_days_and_openings_read_as_before(demo: Any) -> None:
    repo = demo.learning._repo
    assert repo.openings() == [
        lr._opening(r) for r in OpeningRecord.select().order_by(OpeningRecord.at, OpeningRecord.id)
    ]
    today = demo.ctx.today()
    for start, end in ((today - timedelta(days=30), today), (today - timedelta(days=3), today)):
        done = ExperimentRecord.select().where(
            (ExperimentRecord.status == "done")
            & (ExperimentRecord.done_date >= start)
            & (ExperimentRecord.done_date <= end)
        )
        assert sorted(repo.done_days(start, end)) == sorted(lr._date(r.done_date) for r in done)
        thoughts = ThoughtRecordRecord.select().where(
            (ThoughtRecordRecord.day >= start) & (ThoughtRecordRecord.day <= end)
        )
        assert sorted(repo.thought_days(start, end)) == sorted(lr._date(r.day) for r in thoughts)
        sessions = LearningSessionRecord.select().where(
            (LearningSessionRecord.day >= start) & (LearningSessionRecord.day <= end)
        )
        assert repo.sessions_between(start, end) == [lr._session(r) for r in sessions]
    assert repo.done_days(today - timedelta(days=30), today)  # the demo has some


def test_a_prepared_query_takes_its_values_only_when_it_runs(demo: Any) -> None:
    with pytest.raises(ValueError, match="write every value as P"):
        prepared.sql("bad", lambda: ExperimentRecord.select().where(ExperimentRecord.id == 3))

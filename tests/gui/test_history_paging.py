"""Years of check-ins: the history reads the newest days first and more as the person scrolls."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import QModelIndex
from pytestqt.qtbot import QtBot

from plasticity_app.ui.history_model import LOADED_DAYS, HistoryModel
from tests.helpers import add_presets, rate_days


def test_the_history_loads_a_year_at_a_time(journal: Any, qtbot: QtBot) -> None:
    metrics = add_presets(journal)
    rate_days(journal, metrics, 600, value=6)
    model = HistoryModel(journal.metrics)
    assert model.rowCount() == LOADED_DAYS
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == LOADED_DAYS + 365
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 600
    assert not model.canFetchMore(QModelIndex())
    oldest = model.day_at(599)
    assert oldest == journal.ctx.today() - timedelta(days=599)
    assert model.index(599, 0).data() == "6"
    # A change elsewhere keeps every loaded row.
    journal.metrics.check_in(oldest, {metrics[0].id: 2})
    model.reload()
    assert model.rowCount() == 600
    assert model.index(599, 0).data() == "2"


def test_a_change_redraws_only_the_rows_it_touched(journal: Any, qtbot: QtBot) -> None:
    a, b = add_presets(journal)
    rate_days(journal, [a, b], 30, value=6)
    model = HistoryModel(journal.metrics)
    journal.hub.changed.connect(lambda _change: model.reload())
    spans: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(
        lambda top, bottom, _roles: spans.append(
            (top.row(), top.column(), bottom.row(), bottom.column())
        )
    )
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    today = journal.ctx.today()
    journal.metrics.rate(b.id, today - timedelta(days=4), 2)
    assert spans == [(4, 0, 4, 2)] and model.index(4, 1).data() == "2"
    journal.metrics.set_note(today - timedelta(days=9), "A long walk.")
    assert spans[-1] == (9, 0, 9, 2) and model.index(9, 2).data() == "A long walk."
    journal.metrics.check_in(today - timedelta(days=1), {a.id: 1})
    journal.metrics.clear_rating(b.id, today - timedelta(days=20))
    assert spans[2:] == [(1, 0, 1, 2), (20, 0, 20, 2)]
    assert model.index(20, 1).data() == "" and model.index(1, 0).data() == "1"
    # A change that leaves every day as it was draws nothing again.
    journal.metrics.rate(a.id, today, 6)
    assert len(spans) == 4 and not resets

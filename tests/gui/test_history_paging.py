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

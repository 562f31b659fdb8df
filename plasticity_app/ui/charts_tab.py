"""The Charts tab: a light shell. The charts (and pyqtgraph) load when the tab is first shown, so
the app's start-up does not pay for them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from plasticity_app.controller.base import Change

if TYPE_CHECKING:
    from plasticity_app.controller.journal import Journal
    from plasticity_app.ui.chart_view import ChartsView


class ChartsTab(QWidget):
    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._journal = journal
        self.view: ChartsView | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def ensure_view(self) -> ChartsView:
        """The charts, built on first use."""
        if self.view is None:
            from plasticity_app.ui.chart_view import ChartsView

            self.view = ChartsView(self._journal, self)
            self._layout.addWidget(self.view)
        return self.view

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure_view()
        super().showEvent(event)

    def on_changed(self, change: Change) -> None:
        # Before the first showing there is nothing to update: the charts are drawn fresh then.
        if self.view is not None:
            self.view.on_changed(change)

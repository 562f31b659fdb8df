"""The Charts tab: a light shell. The charts (and pyqtgraph) load when the tab is first shown, so
the app's start-up does not pay for them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from plasticity_app.controller.base import Change
from plasticity_app.ui.background_import import import_in_background

# The charts' libraries are imported in the background this long after the window is up, so
# that the tab's first opening doesn't wait for them (and start-up isn't slowed by them).
WARM_UP_MS = 2000

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
        QTimer.singleShot(WARM_UP_MS, self, self.warm_up)

    def warm_up(self) -> None:
        """numpy and pyqtgraph, imported on a background thread unless the charts are up."""
        if self.view is None:
            import_in_background("numpy", "pyqtgraph")

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

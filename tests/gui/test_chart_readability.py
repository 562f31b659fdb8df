"""What the charts show can be read whole: the axis label, the step labels (not cut, not covered
by the experiment markers), a legend that matches the bars, and a wheel that scrolls the page
(Ctrl + wheel zooms)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from plasticity_app.domain import chart_state as cs
from plasticity_app.ui.chart_view import ChartsView
from plasticity_app.ui.charts_tab import ChartsTab
from plasticity_app.ui.main_window import MainWindow
from plasticity_app.ui.style import apply_theme


@pytest.fixture
def charts(qtbot: QtBot, demo_journal: Any, tmp_path: Path) -> Iterator[ChartsView]:
    """The demo's charts in a window of the size the app first opens at (1100×760)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "system")
    window = MainWindow(demo_journal, tmp_path / "window.ini")
    window.resize(1100, 760)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_tab("charts")
    tab = window.tabs.currentWidget()
    assert isinstance(tab, ChartsTab)
    view = tab.ensure_view()
    qtbot.wait(50)
    yield view
    window.close()


def unclipped(widget: QWidget) -> QRect:
    """The part of ``widget`` (in its own coordinates) that its parents leave in sight."""
    shown = widget.rect()
    offset = QPoint(0, 0)
    child = widget
    while (parent := child.parentWidget()) is not None and not child.isWindow():
        offset += child.pos()
        shown &= parent.rect().translated(-offset)
        child = parent
    return shown


def test_the_date_axis_label_is_shown_whole(charts: ChartsView, qtbot: QtBot) -> None:
    page = charts.outcomes
    axis = page.rows[-1].plot.getAxis("bottom")
    assert axis.label.toPlainText().strip() == "Date"
    # The rows keep their height and the page scrolls (it squeezed them and cut the label).
    scroll = getattr(page, "scroll_area", None)
    if scroll is not None:
        scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
        qtbot.wait(20)
    chart = page.view
    shown = QRectF(chart.mapToScene(unclipped(chart)).boundingRect())
    label = axis.label.sceneBoundingRect()
    assert shown.contains(label), (label, shown)


def test_step_labels_are_whole_apart_and_clear_of_the_experiment_markers(
    charts: ChartsView, qtbot: QtBot
) -> None:
    page = charts.outcomes
    state = page.state
    assert state is not None
    step_4 = next(m.day for m in state.markers if m.label == "Step 4")
    views = {
        "3 months": lambda: charts.set_range("3 months"),
        "All": lambda: charts.set_range("All"),
        # Step 4's line near the right edge: its label turns to the left of the line.
        "Step 4 at the edge": lambda: top.plot.setXRange(
            cs.day_x(step_4) - 40 * cs.DAY_SECONDS, cs.day_x(step_4) + cs.DAY_SECONDS, padding=0
        ),
    }
    top = page.rows[0]
    for key, show in views.items():
        show()
        qtbot.wait(20)
        vb = top.plot.getViewBox()
        box = vb.sceneBoundingRect()
        shown = [
            line
            for line in top.lines
            if line.isVisible() and box.left() <= line.scenePos().x() <= box.right()
        ]
        labels = [
            (line.label.toPlainText().strip(), line.label.sceneBoundingRect()) for line in shown
        ]
        # No other step line runs through a label's words: a line under a label is drawn
        # below the label's own line (the label's fill hides it).
        for line in shown:
            rect = line.label.sceneBoundingRect()
            for other in shown:
                if other is not line and rect.left() < other.scenePos().x() < rect.right():
                    assert other.zValue() < line.zValue(), (
                        f"a line runs through {line.label.toPlainText().strip()!r} ({key})"
                    )
        assert labels, key
        if key != "Step 4 at the edge":
            assert any("Opening" in text for text, _ in labels)
        markers = [
            QRectF(vb.mapViewToScene(QPointF(x, y)) - QPointF(6, 6), QRectF(0, 0, 12, 12).size())
            for x, y in zip(*top.experiments.getData(), strict=True)
        ]
        for text, rect in labels:
            assert box.contains(rect), f"{text!r} is cut off ({key}): {rect} outside {box}"
            for marker in markers:
                assert not rect.intersects(marker), f"an experiment marker covers {text!r}"
        for i, (a, first) in enumerate(labels):
            for b, second in labels[i + 1 :]:
                assert not first.intersects(second), f"{a!r} and {b!r} overlap ({key})"


def test_the_habit_legend_shows_the_bars_colours(charts: ChartsView, qtbot: QtBot) -> None:
    charts.show_page("habits")
    qtbot.wait(20)
    page = charts.habits
    assert page.has_chart and page.rows
    legend = next(item for item in page.view.scene().items() if type(item).__name__ == "LegendItem")
    swatches = {
        label.text: sample.item
        for sample, label in legend.items
        if type(sample.item).__name__ == "BarGraphItem"
    }
    on_target = next(item for text, item in swatches.items() if "on target" in text)
    under = next(item for text, item in swatches.items() if "under target" in text)
    met_brush, unmet_brush = page.rows[0].bars._brushes
    assert pg.mkBrush(on_target.opts["brush"]).color() == met_brush.color()
    assert pg.mkBrush(under.opts["brush"]).color() == unmet_brush.color()


def wheel(widget: Any, at: QPointF, ctrl: bool, notches: int = -1) -> bool:
    """Turn the wheel (down for negative ``notches``) over ``widget`` at ``at``; whether the
    widget took the event."""
    modifiers = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    event = QWheelEvent(
        at,
        QPointF(widget.mapToGlobal(at.toPoint())),
        QPoint(),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def test_the_wheel_scrolls_the_page_and_ctrl_wheel_zooms(charts: ChartsView, qtbot: QtBot) -> None:
    page = charts.outcomes
    charts.window().resize(1100, 600)  # a small screen: the three rows do not all fit
    qtbot.wait(50)
    bar = page.scroll_area.verticalScrollBar()
    assert bar.maximum() > 0
    before = page.x_range()
    vb = page.rows[0].plot.getViewBox()
    chart = page.view
    centre = QPointF(chart.mapFromScene(vb.sceneBoundingRect().center()))

    # The chart leaves the plain wheel alone, so Qt hands it on to the page (a wheel from the
    # mouse goes on to the parent widgets; one sent by a test stops at the widget it is sent to).
    assert not wheel(chart.viewport(), centre, ctrl=False)
    assert page.x_range() == before  # the dates stay as they were
    assert wheel(page.scroll_area.viewport(), centre, ctrl=False)
    assert bar.value() > 0  # the page moved down

    scrolled = bar.value()
    vb = page.rows[0].plot.getViewBox()
    centre = QPointF(chart.mapFromScene(vb.sceneBoundingRect().center()))
    assert wheel(chart.viewport(), centre, ctrl=True, notches=1)
    qtbot.wait(20)
    after = page.x_range()
    assert before is not None and after is not None
    assert after[1] - after[0] < before[1] - before[0]  # zoomed in on the dates
    assert bar.value() == scrolled
    assert "Ctrl" in charts.hint


def test_the_average_line_has_a_gap_on_every_unrated_day(charts: ChartsView) -> None:
    page = charts.outcomes
    state = page.state
    assert state is not None
    for items, row in zip(page.rows, state.rows, strict=True):
        x, y = items.rolling.full_x, items.rolling.full_y
        unrated = np.isnan(row.values)
        assert unrated.any()  # the demo leaves some days unrated
        assert np.isnan(y[unrated]).all()
        assert np.array_equal(x, state.x)
        assert cs.ROLLING_DAYS == 7


def test_a_chosen_page_or_range_button_shows_its_whole_text(charts: ChartsView) -> None:
    """The checked style pads the text by 10 px and a 1 px border each side: a button sized for
    the unchecked style cut “Experiments” to “:xperiments” once chosen."""
    for name in charts.PAGES:
        charts.show_page(name)
        for key, _days in cs.RANGES:
            charts.set_range(key)
            QApplication.processEvents()
            for button in (*charts.page_buttons.values(), *charts.range_buttons.values()):
                if button.isChecked():
                    text = button.fontMetrics().horizontalAdvance(button.text())
                    assert button.width() >= text + 2 * (10 + 1), button.text()

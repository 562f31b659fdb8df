"""The Charts tab: loaded on first opening, follows changes made elsewhere, ranges, hover, PNG."""

from __future__ import annotations

import math
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from plasticity_app.domain import chart_state as cs
from plasticity_app.ui.charts_tab import ChartsTab
from plasticity_app.ui.main_window import MainWindow
from plasticity_app.ui.style import apply_theme


def charts_tab(window: MainWindow) -> ChartsTab:
    tab = window.tabs.widget(window.tab_keys.index("charts"))
    assert isinstance(tab, ChartsTab)
    return tab


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


@pytest.fixture
def demo_window(qtbot: QtBot, demo_journal: Any, tmp_path: Path) -> Iterator[MainWindow]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "system")
    win = MainWindow(demo_journal, tmp_path / "window.ini")
    win.resize(1200, 860)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def test_the_window_starts_without_pyqtgraph(tmp_path: Path) -> None:
    code = textwrap.dedent(
        f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from pathlib import Path
        from plasticity_app.controller.journal import Journal
        from plasticity_app.ui.application import make_application
        from plasticity_app.ui.main_window import MainWindow
        app = make_application()
        journal = Journal(Path({str(tmp_path / "j")!r}))
        window = MainWindow(journal, Path({str(tmp_path / "w.ini")!r}))
        window.show()
        app.processEvents()
        before = "pyqtgraph" in sys.modules
        window.show_tab("charts")
        app.processEvents()
        print(before, "pyqtgraph" in sys.modules)
        window.close()
        journal.close()
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert out.stdout.split() == ["False", "True"]


def test_empty_journal_explains_what_will_show(window: MainWindow) -> None:
    tab = charts_tab(window)
    assert tab.view is None  # nothing built until the tab is opened
    window.show_tab("charts")
    settle()
    view = tab.ensure_view()
    page = view.outcomes
    assert not page.has_chart
    assert "rated your outcomes" in page.message.text()
    view.show_page("experiments")
    assert "behavioural experiment" in view.experiments.message.text()
    view.show_page("habits")
    assert not view.habits.has_chart
    assert view.save_png(Path("unused.png")) is None  # nothing to save yet


def test_a_check_in_elsewhere_shows_up_in_the_chart(
    demo_window: MainWindow, demo_journal: Any, qtbot: QtBot
) -> None:
    window = demo_window
    window.show_tab("charts")
    settle()
    view = charts_tab(window).ensure_view()
    page = view.outcomes
    assert page.has_chart
    assert len(page.rows) == 3
    state = page.state
    assert state is not None
    today = demo_journal.ctx.today()
    first_metric = state.rows[0]
    old = state.value_on(first_metric, today)[0]
    new = 0 if old != 0 else 9

    # Typed in the Check-in tab (Ctrl+D), with the charts hidden: they redraw when shown again.
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.checkin_tab
    selector = window.checkin_tab._rows[0].selector
    qtbot.keyClick(selector, getattr(Qt.Key, f"Key_{new}"))
    assert demo_journal.metrics.ratings_on(today)[first_metric.metric_id] == new
    assert page.state is state  # not redrawn while hidden
    window.show_tab("charts")
    settle()
    assert page.state is not state
    assert page.state.value_on(page.state.rows[0], today)[0] == new
    _xs, ys = page.rows[0].daily.getData()
    assert ys[-1] == new  # the plotted item itself, updated with setData
    assert view.last_redraw_seconds < 1.0

    # While the charts are showing, a change (here an undo) redraws them at once.
    window.undo_action.trigger()
    settle()
    value = page.state.value_on(page.state.rows[0], today)[0]
    assert (math.isnan(value) and math.isnan(old)) or value == old


def test_ranges_pan_and_hover(demo_window: MainWindow) -> None:
    window = demo_window
    window.show_tab("charts")
    settle()
    view = charts_tab(window).ensure_view()
    page = view.outcomes
    assert page.state is not None and page.state.first is not None
    view.set_range("4 weeks")
    low, high = page.x_range() or (0.0, 0.0)
    assert high - low == pytest.approx(28 * cs.DAY_SECONDS, rel=0.02)
    assert cs.x_day(high - cs.DAY_SECONDS / 2) == page.state.last  # half a day to spare
    view.set_range("All")
    low, high = page.x_range() or (0.0, 0.0)
    assert cs.x_day(low) <= page.state.first
    view.range_buttons["3 months"].click()
    low, _ = page.x_range() or (0.0, 0.0)
    assert cs.x_day(low) <= page.state.first  # ten weeks of data fit in three months

    # The rows share their dates: panning one pans them all.
    plot = page.rows[0].plot
    plot.setXRange(low + 5 * cs.DAY_SECONDS, low + 20 * cs.DAY_SECONDS, padding=0)
    assert page.rows[2].plot.getViewBox().viewRange()[0][0] == pytest.approx(
        low + 5 * cs.DAY_SECONDS
    )

    # Pointing at a row reads out the day, the metric and its values.
    vb = page.rows[1].plot.getViewBox()
    day = page.state.first
    scene_pos = vb.mapViewToScene(QPointF(cs.day_x(day) + 10 * cs.DAY_SECONDS, 5))
    page.view.scene().sigMouseMoved.emit(scene_pos)
    text = view.readout.text()
    assert page.state.rows[1].name in text
    assert "baseline" in text

    view.show_page("experiments")
    settle()
    experiments = view.experiments
    assert experiments.has_chart
    assert experiments.state is not None and len(experiments.state.days) >= 3
    view.show_page("habits")
    settle()
    habits = view.habits
    assert habits.has_chart
    assert habits.state is not None and len(habits.rows) == len(habits.state.rows) >= 4
    assert len(habits.strength_lines[0].getData()[0]) > 0


def test_save_as_png_at_print_resolution(
    demo_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    window = demo_window
    window.show_tab("charts")
    settle()
    view = charts_tab(window).ensure_view()
    target = tmp_path / "outcomes"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PNG images (*.png)")
    )
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "outcomes.png"
    assert saved.exists()
    assert "Saved the chart" in window.statusBar().currentMessage()
    image = QImage(str(saved))
    assert image.width() >= 2000
    # Not blank: many different colours, and plenty of pixels that differ from the background.
    background = image.pixel(2, 2)
    step = 7
    samples = [
        image.pixel(x, y)
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    ]
    assert len(set(samples)) > 50
    assert sum(1 for p in samples if p != background) > len(samples) // 50

    # The chart's context menu offers the same.
    menu = view.context_menu()
    assert view.save_action in menu.actions()
    view.show_page("experiments")
    settle()
    path = view.save_png(tmp_path / "experiments.png")
    assert path is not None and QImage(str(path)).width() >= 2000


def test_dark_palette_uses_light_on_dark_colours(demo_window: MainWindow, qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = demo_window
    window.show_tab("charts")
    settle()
    view = charts_tab(window).ensure_view()
    assert not view.theme.dark
    try:
        apply_theme(app, "dark")
        window.journal.settings.set("theme", "dark")
        settle()
        assert view.theme.dark
        assert view.outcomes.has_chart
        assert view.theme.background.lightness() < 80
        assert view.theme.colour(0).lightness() > 100  # sky blue, not the deep blue
    finally:
        apply_theme(app, "system")

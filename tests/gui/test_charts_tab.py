"""The Charts tab: loaded on first opening, follows changes made elsewhere, ranges, hover, PNG."""

from __future__ import annotations

import math
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
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


# ------------------------------------------------------------------------------------------------
# Ten years: panning stays cheap and the charts stay true (bench/pan.py measures the frames)
# ------------------------------------------------------------------------------------------------

YEARS_10 = 3650


def ten_years_of_ratings() -> cs.OutcomeChart:
    """One metric rated for ten years: most days, with single days missing and a month away."""
    from plasticity_app.domain.metrics import Direction, summarize

    first = date(2016, 11, 26)
    x = cs.day_x(first) + np.arange(YEARS_10, dtype=np.float64) * cs.DAY_SECONDS
    rng = np.random.default_rng(7)
    values = rng.integers(0, 11, YEARS_10).astype(np.float64)
    values[rng.random(YEARS_10) < 0.15] = np.nan
    values[2000:2031] = np.nan  # a month without ratings: a gap in the average too
    row = cs.OutcomeRow(
        1, "Mood", Direction.HIGHER, values, cs.rolling_mean(values), summarize([5.0, 6.0, 7.0])
    )
    return cs.OutcomeChart(first, first + timedelta(days=YEARS_10 - 1), x, (row,), ())


@pytest.fixture
def ten_year_page(qtbot: QtBot) -> Iterator[Any]:
    from plasticity_app.ui.chart_plots import OutcomePage
    from plasticity_app.ui.chart_theme import current_theme

    page = OutcomePage(current_theme())
    qtbot.addWidget(page)
    page.resize(1200, 400)
    page.show()
    qtbot.waitExposed(page)
    page.update_state(ten_years_of_ratings())
    settle()
    yield page
    page.close()


def test_all_ten_years_average_the_smooth_line_and_keep_every_gap(ten_year_page: Any) -> None:
    page = ten_year_page
    state = page.state
    row, items = state.rows[0], page.rows[0]
    page.set_x_range(None)
    settle()
    days, pixels = page.zoom()
    assert days == pytest.approx(YEARS_10, abs=1)

    # Every day of the daily ratings is drawn, each missing day a gap.
    assert np.array_equal(items.daily.xData, state.x)
    assert np.array_equal(items.daily.yData, row.values, equal_nan=True)

    # The 7-day average is averaged down to about a point a pixel, in blocks of days from the
    # first day: the mean of the days in a block that have an average (a day narrower than a
    # pixel leaves no gap), a gap where none has.
    step = int(days / pixels)
    assert step >= 2
    shown = items.rolling.yData
    assert len(shown) == math.ceil(YEARS_10 / step)
    whole = YEARS_10 // step * step
    blocks = row.rolling[:whole].reshape(-1, step)
    assert np.array_equal(np.isnan(shown[: len(blocks)]), np.isnan(blocks).all(axis=1))
    assert np.isnan(shown[2010 // step])  # the month away
    rated = ~np.isnan(blocks).all(axis=1)
    means = [float(np.mean(b[~np.isnan(b)])) for b in blocks[rated]]
    assert np.max(np.abs(shown[: len(blocks)][rated] - means)) < 1e-9

    # A pan changes nothing the lines hold: they are only moved along.
    before = (items.daily.xData, items.rolling.xData)
    low, high = page.x_range()
    page.rows[0].plot.setXRange(low + 9 * cs.DAY_SECONDS, high + 9 * cs.DAY_SECONDS, padding=0)
    settle()
    assert (items.daily.xData, items.rolling.xData) == before


def test_four_weeks_hold_only_the_days_around_the_view(ten_year_page: Any) -> None:
    page = ten_year_page
    row, items = page.state.rows[0], page.rows[0]
    page.set_x_range(28)
    settle()
    low, high = page.x_range()
    span = high - low

    def held_well() -> None:
        xs, ys = items.daily.xData, items.daily.yData
        assert len(xs) < 0.1 * YEARS_10  # not ten years of points for a month in view
        assert xs[0] <= low and xs[-1] >= min(high, page.state.x[-1])  # the view, and more
        first = round(float(xs[0] - page.state.x[0]) / cs.DAY_SECONDS)
        assert np.array_equal(ys, row.values[first : first + len(ys)], equal_nan=True)

    held_well()
    xs = items.daily.xData
    assert xs[0] <= low - 0.9 * span and xs[-1] >= min(high + 0.9 * span, page.state.x[-1])
    assert items.rolling.opts["antialias"]  # smooth lines while zoomed in
    assert len(items.dots.data) > 0  # and a dot for each rated day
    held = items.daily.xData
    page.rows[0].plot.setXRange(low - 3 * cs.DAY_SECONDS, high - 3 * cs.DAY_SECONDS, padding=0)
    settle()
    assert items.daily.xData is held  # a short pan stays within the days held
    for _ in range(8):  # a long one takes up the days it reaches
        low, high = low - span / 3, high - span / 3
        page.rows[0].plot.setXRange(low, high, padding=0)
        settle()
        held_well()
    assert items.daily.xData is not held

    # Pointing at a day reads it out, wherever the pan has led.
    vb = items.plot.getViewBox()
    day = cs.x_day((low + high) / 2)
    text = page.hover(vb.mapViewToScene(QPointF(cs.day_x(day), 5)))
    value = page.state.value_on(row, day)[0]
    assert "Mood: " + ("not rated" if math.isnan(value) else f"{value:.0f}") in text


def test_date_axis_draws_what_pyqtgraph_would(demo_window: MainWindow) -> None:
    """The charts' date axis finds its ticks and places its labels faster than pyqtgraph's
    DateAxisItem, and must draw the same: compared for every page and range, panned a little."""
    import pyqtgraph as pg
    from PySide6.QtGui import QPainter, QPicture

    window = demo_window
    window.show_tab("charts")
    settle()
    view = charts_tab(window).ensure_view()

    def plain(specs: Any) -> Any:
        axis, ticks, texts = specs
        if ticks and len(ticks[0]) == 2:  # a level's pen and lines
            ticks = [(pen, line.p1(), line.p2()) for pen, lines in ticks for line in lines]
        return (
            (axis[0].color().name(), axis[1], axis[2]),
            [(pen.color().name(pen.color().NameFormat.HexArgb), a, b) for pen, a, b in ticks],
            [(rect, int(flags), text) for rect, flags, text in texts],
        )

    compared = 0
    for name in view.PAGES:
        view.show_page(name)
        for key, _days in cs.RANGES:
            view.set_range(key)
            settle()
            page = view.current_page()
            for plot in page.plots():
                low, high = plot.getViewBox().viewRange()[0]
                plot.setXRange(low + 0.37 * cs.DAY_SECONDS, high + 0.37 * cs.DAY_SECONDS, padding=0)
                axis = plot.getAxis("bottom")
                picture = QPicture()
                painter = QPainter(picture)
                try:
                    ours = axis.generateDrawSpecs(painter)
                    theirs = pg.AxisItem.generateDrawSpecs(axis, painter)
                finally:
                    painter.end()
                assert plain(ours) == plain(theirs), (name, key)
                reference = pg.DateAxisItem(utcOffset=0)
                reference.fontMetrics = axis.fontMetrics
                lo, hi = axis.range
                assert axis.tickValues(lo, hi, 1000) == [
                    (s, list(v)) for s, v in reference.tickValues(lo, hi, 1000)
                ]
                compared += 1
    assert compared >= 12


def plotted(page: Any) -> list[Any]:
    """What an outcome page draws: every item's data, as it is on screen."""
    drawn: list[Any] = [page.first, page.last, page.x_range()]
    for items in page.rows:
        for line in (items.daily, items.rolling):
            drawn += [line.xData, line.yData, line.full_x, line.full_y]
        for scatter in (items.dots, items.experiments):
            x, y = scatter.getData()
            drawn += [x, y, list(scatter.data["data"]), scatter._all[0], scatter._all[1]]
        drawn += [
            items.plot.titleLabel.text,
            items.band.isVisible() and items.band.rect(),
            items.mean.isVisible() and items.mean.value(),
            [
                (line.value(), line.toolTip(), label and (label.format, label.orthoPos))
                for line in items.lines
                for label in [getattr(line, "label", None)]
                if line.isVisible()
            ],
        ]
    return drawn


def same_drawing(a: list[Any], b: list[Any]) -> None:
    assert len(a) == len(b)
    for x, y in zip(a, b, strict=True):
        if isinstance(x, np.ndarray):
            assert np.array_equal(x, y, equal_nan=True)
        else:
            assert x == y


def test_after_changes_the_chart_draws_what_a_full_rebuild_draws(
    demo_window: MainWindow, demo_journal: Any, qtbot: QtBot
) -> None:
    """The Charts tab redraws a change from the days it wrote (and its markers only when they
    change): what it then draws equals an outcome page built afresh from every entry."""
    from plasticity_app.ui.chart_plots import OutcomePage
    from plasticity_app.ui.chart_view import outcome_state

    window, journal = demo_window, demo_journal
    window.show_tab("charts")
    settle()
    view = charts_tab(window).ensure_view()
    page = view.outcomes
    metrics = journal.metrics.active()
    today = journal.ctx.today()
    steps: list[Any] = []
    journal.history.recorded.connect(steps.append)

    def rebuilt() -> list[Any]:
        fresh = OutcomePage(view.theme)
        qtbot.addWidget(fresh)
        fresh.resize(page.size())
        fresh.show()
        qtbot.waitExposed(fresh)
        fresh.update_state(outcome_state(journal))
        shown = page.x_range()  # the dates in view stay as they were over a change
        assert shown is not None
        fresh.plots()[0].setXRange(*shown, padding=0)
        settle()
        drawn = plotted(fresh)
        fresh.close()
        return drawn

    changes = [
        lambda: journal.metrics.check_in(today, {m.id: 3 for m in metrics}),
        lambda: journal.metrics.check_in(today - timedelta(days=2), {metrics[0].id: 10}),
        lambda: journal.metrics.rate(metrics[1].id, today - timedelta(days=40), 0),
        lambda: journal.metrics.clear_rating(metrics[2].id, today - timedelta(days=1)),
        lambda: journal.metrics.clear_rating(metrics[0].id, page.state.first),  # the first day
        lambda: journal.history.undo(steps[-1]),
        lambda: journal.metrics.rate(metrics[0].id, page.state.first - timedelta(days=9), 6),
        lambda: journal.metrics.archive(metrics[1].id),  # a row fewer: the plots are made again
        lambda: view.set_range("All"),
        lambda: journal.metrics.check_in(today - timedelta(days=5), {metrics[2].id: 1}),
    ]
    for change in changes:
        state = page.state
        change()
        settle()
        assert page.state is not state or view._range_days is None
        same_drawing(plotted(page), rebuilt())
    assert journal.charts.full_reads <= 2  # the days written were read, not everything


def test_the_first_paint_finds_the_rating_axes_at_their_final_width(
    demo_window: MainWindow,
) -> None:
    """pyqtgraph measures an axis's labels only while painting and then resizes it, which lays
    out and paints the whole chart again on the tab's first showing; the outcome chart's labels
    are known beforehand and measured when it is built."""
    demo_window.show_tab("charts")
    QApplication.processEvents()
    page = charts_tab(demo_window).ensure_view().outcomes
    axes = [row.plot.getAxis("left") for row in page.rows]
    before = [axis.minimumWidth() for axis in axes]
    page.view.grab()  # a paint: the axes measure their labels
    QApplication.processEvents()
    assert [axis.minimumWidth() for axis in axes] == before

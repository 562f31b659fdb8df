"""The three chart pages (outcomes, habits, experiments), drawn with pyqtgraph.

Imported only when the Charts tab is first shown. Each page creates its plot items once (again
only when its rows change: a metric or habit added or archived, or the theme switched) and
updates them with ``setData`` from a pure chart state (:mod:`plasticity_app.domain.chart_state`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QDate, QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QStackedLayout, QWidget

from plasticity_app.domain import chart_state as cs
from plasticity_app.ui.chart_theme import ChartTheme
from plasticity_app.ui.style import SPACING

DAY = cs.DAY_SECONDS
PRINT_WIDTH = 2400
"""Saved charts are at least this many pixels wide (8 inches at 300 dpi)."""
MIN_X_RANGE = 10 * DAY
EXPERIMENT_Y = 10.75  # experiment markers sit above the 0–10 scale
ROW_HEIGHT = 190
LABEL_LEVELS = (0.95, 0.82, 0.69)  # heights for marker labels that would overlap
SYMBOL_MAX_DAYS = 120  # dots and smoothing up to about four months; plain fast lines beyond
"""Daily points get a dot only while at most this many days are shown (else the line alone)."""
HABIT_ROW_HEIGHT = 150


def day_text(day: date, long: bool = True) -> str:
    """The day in the person's locale, e.g. “Monday 23 November 2026”."""
    fmt = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    return QLocale().toString(QDate(day.year, day.month, day.day), fmt)


def number(value: float, decimals: int = 1) -> str:
    text = QLocale().toString(float(value), "f", decimals)
    zero = QLocale().toString(0.0, "f", decimals)[1:]
    return text[: -len(zero)] if decimals and text.endswith(zero) else text


class LocaleDateAxis(pg.DateAxisItem):
    """A date axis labelled in the person's locale (month names from QLocale)."""

    def __init__(self, orientation: str = "bottom") -> None:
        super().__init__(orientation=orientation, utcOffset=0)

    def tickStrings(self, values: Sequence[float], scale: float, spacing: float) -> list[str]:
        spec = next((s for s in self.zoomLevel.tickSpecs if s.spacing == spacing), None)
        fmt = "" if spec is None else spec.format
        locale = QLocale()
        out = []
        for value in values:
            day = cs.x_day(value)
            if fmt == "%Y":
                out.append(str(day.year))
            elif fmt == "%b":
                out.append(locale.monthName(day.month, QLocale.FormatType.ShortFormat))
            elif "%d" in fmt:
                out.append(str(day.day))
            else:
                out.append("")
        return out


def _pen(colour: QColor, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> object:
    pen = pg.mkPen(colour, width=width)
    pen.setStyle(style)
    pen.setCosmetic(True)
    return pen


def _style_plot(plot: pg.PlotItem, theme: ChartTheme, *, left: str, dates: bool) -> None:
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.setMouseEnabled(x=True, y=False)
    plot.showGrid(x=False, y=True, alpha=theme.grid_alpha)
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(_pen(theme.muted))
        axis.setTextPen(_pen(theme.foreground))
    plot.getAxis("bottom").setStyle(showValues=dates)
    plot.setLabel("left", left, color=theme.foreground.name())
    plot.titleLabel.setAttr("justify", "left")


def _legend(view: pg.GraphicsLayoutWidget, theme: ChartTheme, columns: int) -> pg.LegendItem:
    """A legend in the layout's first row, kept to its own width on the left."""
    legend = pg.LegendItem(
        colCount=columns, labelTextColor=theme.foreground, labelTextSize="9pt", frame=False
    )
    header = view.addLayout(row=0, col=0)
    header.addItem(legend, row=0, col=0)
    header.addLabel("", row=0, col=1)
    header.layout.setColumnStretchFactor(0, 0)
    header.layout.setColumnStretchFactor(1, 1)
    return legend


def _fit(legend: pg.LegendItem) -> None:
    """Keep the legend (and its header row) to the size of its entries."""
    legend.updateSize()
    width, height = legend.width(), legend.height()
    legend.setMinimumSize(width, height)
    legend.setMaximumSize(width, height)
    header = legend.parentLayoutItem()
    if header is not None:
        header.setMaximumHeight(height)


def _set_if_changed(item: pg.PlotDataItem, x: np.ndarray, y: np.ndarray) -> None:
    """``setData`` only when the data differs (a check-in changes one metric's row, not all)."""
    old_x, old_y = item.xData, item.yData
    if (
        old_x is not None
        and old_y is not None
        and np.array_equal(old_x, x)
        and np.array_equal(old_y, y, equal_nan=True)
    ):
        return
    item.setData(x, y)


class ChartPage(QWidget):
    """A page: a GraphicsLayoutWidget, or a plain message while there is nothing to draw."""

    name = "chart"

    def __init__(self, theme: ChartTheme, scroll: bool = False) -> None:
        super().__init__()
        self.theme = theme
        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground(theme.background)
        self.view.ci.setSpacing(SPACING)
        self.view.ci.setContentsMargins(SPACING, SPACING, 2 * SPACING, SPACING)
        self.view.setAccessibleName(self.tr("Chart"))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.message = QLabel()
        self.message.setObjectName("muted")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setMargin(4 * SPACING)
        self._stack = QStackedLayout(self)
        if scroll:
            self.scroll_area = QScrollArea()
            self.scroll_area.setWidgetResizable(True)
            self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
            self.scroll_area.setWidget(self.view)
            self._stack.addWidget(self.scroll_area)
        else:
            self._stack.addWidget(self.view)
        self._stack.addWidget(self.message)
        self.first: date | None = None
        self.last: date | None = None
        self.hover_line: list[pg.InfiniteLine] = []
        self.ranged = False  # False until the range buttons' choice is applied to new plots

    # Showing -----------------------------------------------------------------------------------
    def show_message(self, text: str | None) -> None:
        self.message.setText(text or "")
        self._stack.setCurrentIndex(1 if text else 0)

    @property
    def has_chart(self) -> bool:
        return self._stack.currentIndex() == 0

    def plots(self) -> list[pg.PlotItem]:
        return []

    def set_x_range(self, days: int | None) -> None:
        plots = self.plots()
        if not plots or self.last is None:
            return
        low, high = cs.range_span(self.first, self.last, days)
        plots[0].setXRange(low, high, padding=0)

    def x_range(self) -> tuple[float, float] | None:
        plots = self.plots()
        if not plots:
            return None
        low, high = plots[0].getViewBox().viewRange()[0]
        return float(low), float(high)

    def _limit(self, plot: pg.PlotItem) -> None:
        if self.last is None:
            return
        first = self.first or self.last
        plot.getViewBox().setLimits(
            xMin=cs.day_x(first) - 30 * DAY,
            xMax=cs.day_x(self.last) + 30 * DAY,
            minXRange=MIN_X_RANGE,
        )

    # Hover ---------------------------------------------------------------------------------------
    def plot_at(self, scene_pos: QPointF) -> tuple[int, QPointF] | None:
        for index, plot in enumerate(self.plots()):
            vb = plot.getViewBox()
            if vb.sceneBoundingRect().contains(scene_pos):
                return index, vb.mapSceneToView(scene_pos)
        return None

    def hover(self, scene_pos: QPointF) -> str:
        """The read-out for the mouse position ("" when it is over no plot)."""
        found = self.plot_at(scene_pos)
        if found is None:
            self._show_hover_line(None)
            return ""
        index, point = found
        day = cs.x_day(point.x())
        self._show_hover_line(cs.day_x(day))
        return self.describe(index, day, point)

    def describe(self, index: int, day: date, point: QPointF) -> str:
        return day_text(day)

    def _show_hover_line(self, x: float | None) -> None:
        for line in self.hover_line:
            line.setVisible(x is not None)
            if x is not None:
                line.setPos(x)

    def _add_hover_line(self, plot: pg.PlotItem) -> None:
        line = pg.InfiniteLine(angle=90, movable=False, pen=_pen(self.theme.muted, 1))
        line.setVisible(False)
        line.setZValue(-5)
        plot.addItem(line, ignoreBounds=True)
        self.hover_line.append(line)

    # Saving --------------------------------------------------------------------------------------
    def render_image(self, min_width: int = PRINT_WIDTH) -> QImage:
        """The chart as an image at least ``min_width`` pixels wide (text and lines re-drawn at
        that resolution, not scaled up)."""
        view = self.view
        width, height = max(view.width(), 400), max(view.height(), 300)
        scale = max(1.0, min_width / width)
        image = QImage(
            math.ceil(width * scale), math.ceil(height * scale), QImage.Format.Format_ARGB32
        )
        image.setDevicePixelRatio(scale)
        image.fill(self.theme.background)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        # Export mode draws scatter symbols as shapes instead of from a 1× pixmap cache.
        items = [i for i in view.scene().items() if hasattr(i, "setExportMode")]
        try:
            self._show_hover_line(None)
            for item in items:
                item.setExportMode(True, {"antialias": True, "resolutionScale": 1.0})
            view.scene().render(
                painter,
                QRectF(0, 0, width, height),
                QRectF(view.mapToScene(view.rect()).boundingRect()),
            )
        finally:
            for item in items:
                item.setExportMode(False)
            painter.end()
        return image


# ------------------------------------------------------------------------------------------------
# Outcomes
# ------------------------------------------------------------------------------------------------


class _OutcomeItems:
    """The items of one metric's row, created once."""

    def __init__(self, plot: pg.PlotItem, colour: QColor, theme: ChartTheme) -> None:
        self.plot = plot
        self.band = pg.LinearRegionItem(
            values=(0, 0),
            orientation="horizontal",
            movable=False,
            brush=pg.mkBrush(theme.band),
            pen=pg.mkPen(None),
        )
        self.band.setHoverBrush(pg.mkBrush(theme.band))
        self.band.setZValue(-20)
        plot.addItem(self.band, ignoreBounds=True)
        self.mean = pg.InfiniteLine(
            angle=0, movable=False, pen=_pen(theme.muted, 1, Qt.PenStyle.DashLine)
        )
        self.mean.setZValue(-10)
        plot.addItem(self.mean, ignoreBounds=True)
        faded = QColor(colour)
        faded.setAlpha(110)
        self.daily = pg.PlotDataItem(connect="finite", pen=_pen(faded, 1), antialias=True)
        self.daily.setClipToView(True)
        plot.addItem(self.daily)
        # The dots are a separate item fed only with the days around the view: a scatter of
        # ten years of points costs ~10 ms per change, the visible few weeks almost nothing.
        self.dots = pg.ScatterPlotItem(
            symbol="o", size=4, brush=pg.mkBrush(colour), pen=pg.mkPen(None)
        )
        plot.addItem(self.dots)
        self.all_x: np.ndarray = np.zeros(0)
        self.all_y: np.ndarray = np.zeros(0)

        self.rolling = pg.PlotDataItem(connect="finite", pen=_pen(colour, 2.2), antialias=True)
        self.rolling.setClipToView(True)
        plot.addItem(self.rolling)
        self.experiments = pg.ScatterPlotItem(
            symbol="d",
            size=10,
            brush=pg.mkBrush(theme.experiment),
            pen=pg.mkPen(theme.background),
            hoverable=True,
            tip=lambda x, y, data: str(data),
        )
        self.experiments.setZValue(5)  # above the marker labels
        plot.addItem(self.experiments)
        self.lines: list[pg.InfiniteLine] = []

    def show_dots(self, low: float, high: float, wanted: bool) -> None:
        """Dots for the days in view (and as many again on each side, for panning)."""
        if not wanted or self.all_x.size == 0:
            self.dots.setData(x=[], y=[])
            return
        span = high - low
        mask = (self.all_x >= low - span) & (self.all_x <= high + span) & np.isfinite(self.all_y)
        self.dots.setData(x=self.all_x[mask], y=self.all_y[mask])


class OutcomePage(ChartPage):
    name = "outcomes"

    def __init__(self, theme: ChartTheme) -> None:
        super().__init__(theme)
        self.state: cs.OutcomeChart | None = None
        self.rows: list[_OutcomeItems] = []
        self._keys: tuple[tuple[int, str, str], ...] | None = None
        self.legend: pg.LegendItem | None = None
        self._symbols = True

    def plots(self) -> list[pg.PlotItem]:
        return [r.plot for r in self.rows]

    def _build(self, state: cs.OutcomeChart) -> None:
        theme = self.theme
        self.view.clear()
        self.rows = []
        self.hover_line = []
        self.legend = _legend(self.view, theme, 3)
        neutral = theme.foreground
        faded = QColor(neutral)
        faded.setAlpha(110)
        samples: list[tuple[object, str]] = [
            (
                pg.PlotDataItem(pen=_pen(faded, 1), symbol="o", symbolSize=5, symbolBrush=neutral),
                self.tr("Daily rating"),
            ),
            (pg.PlotDataItem(pen=_pen(neutral, 2.2)), self.tr("7-day average")),
            (
                pg.PlotDataItem(pen=_pen(theme.muted, 1, Qt.PenStyle.DashLine)),
                self.tr("Baseline average"),
            ),
            (
                pg.BarGraphItem(x=[0], height=[1], width=1, brush=theme.band, pen=theme.muted),
                self.tr("Baseline ±1 SD"),
            ),
            (
                pg.PlotDataItem(pen=_pen(theme.muted, 1, Qt.PenStyle.DotLine)),
                self.tr("Step done or opening"),
            ),
            (
                pg.ScatterPlotItem(symbol="d", size=10, brush=theme.experiment, pen=None),
                self.tr("Experiment (hover for the belief change)"),
            ),
        ]
        for item, label in samples:
            self.legend.addItem(item, label)
        _fit(self.legend)
        first_plot: pg.PlotItem | None = None
        for index in range(len(state.rows)):
            last = index == len(state.rows) - 1
            plot = self.view.addPlot(row=index + 1, col=0, axisItems={"bottom": LocaleDateAxis()})
            _style_plot(plot, theme, left=self.tr("Rating (0–10)"), dates=last)
            if last:
                plot.setLabel("bottom", self.tr("Date"), color=theme.foreground.name())
            plot.setYRange(-0.5, 11.3, padding=0)
            plot.getAxis("left").setTicks([[(v, str(v)) for v in (0, 5, 10)]])
            plot.setMinimumHeight(ROW_HEIGHT - 40 + (30 if last else 0))
            if first_plot is None:
                first_plot = plot
            else:
                plot.setXLink(first_plot)
            self.rows.append(_OutcomeItems(plot, theme.colour(index), theme))
            self._add_hover_line(plot)
        if self.rows:
            self.rows[0].plot.getViewBox().sigXRangeChanged.connect(self.arrange_labels)
            self.rows[0].plot.getViewBox().sigResized.connect(self.arrange_labels)
            self.rows[0].plot.getViewBox().sigXRangeChanged.connect(self._update_symbols)
        self._symbols = True
        self.view.setMinimumHeight(60 + ROW_HEIGHT * len(state.rows))

    def update_state(self, state: cs.OutcomeChart) -> None:
        keys = tuple((r.metric_id, r.name, r.better) for r in state.rows)
        fresh = keys != self._keys
        if fresh:
            self._build(state)
            self._keys = keys
        self.state = state
        self.first, self.last = state.first, state.last
        if state.empty:
            self.show_message(
                self.tr(
                    "Your outcome charts appear here once you have rated your outcomes on a few "
                    "days. Each day you check in (Check-in tab, Ctrl+D) adds a point, and after "
                    "a week you can see your baseline take shape."
                )
            )
            return
        self.show_message(None)
        steps = [m for m in state.markers if m.kind is not cs.MarkerKind.EXPERIMENT]
        experiments = [m for m in state.markers if m.kind is cs.MarkerKind.EXPERIMENT]
        for index, (items, row) in enumerate(zip(self.rows, state.rows, strict=True)):
            items.plot.setTitle(
                f"<b>{row.name}</b>&nbsp;&nbsp;<span>{self.tr(row.better)}</span>",
                color=self.theme.foreground.name(),
                size="10pt",
            )
            band = row.band
            items.band.setVisible(band is not None)
            if band is not None:
                items.band.setRegion(band)
            items.mean.setVisible(not math.isnan(row.baseline.mean))
            if not math.isnan(row.baseline.mean):
                items.mean.setPos(row.baseline.mean)
            _set_if_changed(items.daily, state.x, row.values)
            items.all_x, items.all_y = state.x, row.values
            low, high = items.plot.getViewBox().viewRange()[0]
            items.show_dots(low, high, self._symbols)
            _set_if_changed(items.rolling, state.x, row.rolling)
            items.experiments.setData(
                x=[cs.day_x(m.day) for m in experiments],
                y=[EXPERIMENT_Y] * len(experiments),
                data=[m.detail for m in experiments],
            )
            self._set_lines(items, steps, labelled=index == 0)
            self._limit(items.plot)
        if fresh:
            self.ranged = False

    def _set_lines(self, items: _OutcomeItems, markers: list[cs.Marker], labelled: bool) -> None:
        """One vertical line per day with a step completion or an opening (labels merged)."""
        theme = self.theme
        by_day: dict[date, list[cs.Marker]] = {}
        for marker in markers:
            by_day.setdefault(marker.day, []).append(marker)
        while len(items.lines) < len(by_day):
            line = pg.InfiniteLine(
                angle=90,
                movable=False,
                pen=_pen(theme.muted, 1, Qt.PenStyle.DotLine),
                label="",
                labelOpts={
                    "position": LABEL_LEVELS[0],
                    "color": theme.foreground,
                    "fill": theme.faded(theme.background, 200),
                    "anchors": [(0, 0.5), (0, 0.5)],
                    "movable": False,
                },
            )
            line.setZValue(-8)
            items.plot.addItem(line, ignoreBounds=True)
            items.lines.append(line)
        for line, (day, found) in zip(items.lines, by_day.items(), strict=False):
            line.setPos(cs.day_x(day))
            line.label.setFormat(" " + " · ".join(m.label for m in found) if labelled else "")
            line.setToolTip("\n".join(m.detail for m in found))
            line.setVisible(True)
        for line in items.lines[len(by_day) :]:
            line.setVisible(False)
        if labelled:
            self.arrange_labels()

    def _update_symbols(self) -> None:
        """Dots and smooth lines when zoomed in; over years plain lines, so panning stays fast."""
        if not self.rows:
            return
        low, high = self.rows[0].plot.getViewBox().viewRange()[0]
        wanted = (high - low) / DAY <= SYMBOL_MAX_DAYS
        for items in self.rows:
            items.show_dots(low, high, wanted)
        if wanted != self._symbols:
            self._symbols = wanted
            for items in self.rows:
                # Antialiasing thousands of segments is what makes panning over years slow.
                for curve in (items.daily.curve, items.rolling.curve):
                    curve.opts["antialias"] = wanted
                    curve.update()

    def arrange_labels(self) -> None:
        """Stagger the top row's marker labels so that none overlaps its neighbour."""
        if not self.rows:
            return
        items = self.rows[0]
        vb = items.plot.getViewBox()
        low, high = vb.viewRange()[0]
        if high <= low:
            return
        per_second = vb.width() / (high - low)
        ends = [-math.inf] * len(LABEL_LEVELS)
        lines = sorted((line for line in items.lines if line.isVisible()), key=lambda i: i.value())
        for line in lines:
            left = (line.value() - low) * per_second
            width = line.label.boundingRect().width() + 4
            level = next((i for i, end in enumerate(ends) if left >= end), len(ends) - 1)
            ends[level] = left + width
            line.label.setPosition(LABEL_LEVELS[level])

    def describe(self, index: int, day: date, point: QPointF) -> str:
        state = self.state
        if state is None or index >= len(state.rows):
            return ""
        row = state.rows[index]
        value, average = state.value_on(row, day)
        parts = [day_text(day), f"{row.name}: "]
        if math.isnan(value):
            parts[1] += self.tr("not rated")
        else:
            parts[1] += f"{value:.0f}"
        if not math.isnan(average):
            parts.append(self.tr("7-day average %s") % number(average))
        if not math.isnan(row.baseline.mean):
            parts.append(self.tr("baseline %s") % number(row.baseline.mean))
        parts += [m.detail.replace("\n", ": ") for m in state.markers if m.day == day]
        return " · ".join(parts)


# ------------------------------------------------------------------------------------------------
# Habits
# ------------------------------------------------------------------------------------------------


class _HabitItems:
    def __init__(self, plot: pg.PlotItem, colour: QColor, theme: ChartTheme) -> None:
        self.plot = plot
        self.colour = colour
        self.faded = theme.faded(colour, 70)
        self.bars = pg.BarGraphItem(x=[0.0], height=[0.0], width=0.7 * 7 * DAY, pen=None)
        plot.addItem(self.bars)
        self.target_min = pg.PlotDataItem(
            connect="finite", pen=_pen(theme.foreground, 1.2, Qt.PenStyle.DashLine)
        )
        plot.addItem(self.target_min)
        self.target_max = pg.PlotDataItem(
            connect="finite", pen=_pen(theme.muted, 1, Qt.PenStyle.DotLine)
        )
        plot.addItem(self.target_max)


class HabitPage(ChartPage):
    name = "habits"

    def __init__(self, theme: ChartTheme) -> None:
        super().__init__(theme, scroll=True)
        self.state: cs.HabitChart | None = None
        self.rows: list[_HabitItems] = []
        self.strength_plot: pg.PlotItem | None = None
        self.strength_lines: list[pg.PlotDataItem] = []
        self._keys: tuple[tuple[int, str, str], ...] | None = None

    def plots(self) -> list[pg.PlotItem]:
        head = [self.strength_plot] if self.strength_plot is not None else []
        return head + [r.plot for r in self.rows]

    def _build(self, state: cs.HabitChart) -> None:
        theme = self.theme
        self.view.clear()
        self.rows = []
        self.hover_line = []
        self.strength_lines = []
        legend = _legend(self.view, theme, 4)
        plot = self.view.addPlot(row=1, col=0, axisItems={"bottom": LocaleDateAxis()})
        plot.setMinimumHeight(200)
        _style_plot(plot, theme, left=self.tr("Strength (%)"), dates=True)
        plot.setTitle(
            self.tr("<b>Habit strength</b>&nbsp;&nbsp;builds with each done day, fades slowly"),
            color=theme.foreground.name(),
            size="10pt",
        )
        plot.setYRange(0, 100, padding=0.04)
        plot.getAxis("left").setTicks([[(v, str(v)) for v in (0, 50, 100)]])
        self.strength_plot = plot
        self._add_hover_line(plot)
        for index, row in enumerate(state.rows):
            line = pg.PlotDataItem(pen=_pen(theme.colour(index), 2), antialias=True)
            line.setClipToView(True)
            plot.addItem(line)
            legend.addItem(line, row.name)
            self.strength_lines.append(line)
        neutral = QColor(theme.foreground)
        samples: list[tuple[object, str]] = [
            (
                pg.BarGraphItem(x=[0], height=[1], width=1, brush=neutral, pen=None),
                self.tr("Week on target"),
            ),
            (
                pg.BarGraphItem(
                    x=[0], height=[1], width=1, brush=theme.faded(neutral, 70), pen=None
                ),
                self.tr("Week under target"),
            ),
            (
                pg.PlotDataItem(pen=_pen(theme.foreground, 1.2, Qt.PenStyle.DashLine)),
                self.tr("Target (days a week)"),
            ),
        ]
        for item, label in samples:
            legend.addItem(item, label)
        _fit(legend)
        for index, row in enumerate(state.rows):
            habit_plot = self.view.addPlot(
                row=index + 2, col=0, axisItems={"bottom": LocaleDateAxis()}
            )
            last = index == len(state.rows) - 1
            habit_plot.setMinimumHeight(HABIT_ROW_HEIGHT - 30 + (30 if last else 0))
            _style_plot(habit_plot, theme, left=self.tr("Days a week"), dates=last)
            if last:
                habit_plot.setLabel("bottom", self.tr("Week"), color=theme.foreground.name())
            habit_plot.setTitle(
                f"<b>{row.name}</b>&nbsp;&nbsp;{self.tr('target')}: {row.target}",
                color=theme.foreground.name(),
                size="10pt",
            )
            habit_plot.setYRange(0, 7.4, padding=0)
            habit_plot.getAxis("left").setTicks([[(v, str(v)) for v in (0, 2, 4, 7)]])
            habit_plot.setXLink(plot)
            self.rows.append(_HabitItems(habit_plot, theme.colour(index), theme))
            self._add_hover_line(habit_plot)
        self.view.setMinimumHeight(60 + 230 + HABIT_ROW_HEIGHT * len(state.rows))

    def update_state(self, state: cs.HabitChart | None) -> None:
        if state is None:
            self.state = None
            self.show_message(
                self.tr("Habit charts arrive with step 4, Layer plasticity supports.")
            )
            return
        keys = tuple((r.habit_id, r.name, r.target) for r in state.rows)
        fresh = keys != self._keys
        if fresh:
            self._build(state)
            self._keys = keys
        self.state = state
        self.first, self.last = state.first, state.last
        if state.empty:
            self.show_message(
                self.tr(
                    "Your habit charts appear here once you tick your supports on the Habits tab: "
                    "how many days each week against your target, and how each habit’s strength "
                    "builds up over the weeks."
                )
            )
            return
        self.show_message(None)
        assert self.strength_plot is not None
        for line, row in zip(self.strength_lines, state.rows, strict=True):
            line.setData(row.strength_x, row.strength)
        for items, row in zip(self.rows, state.rows, strict=True):
            brushes = [pg.mkBrush(items.colour if met else items.faded) for met in row.met]
            items.bars.setOpts(
                x=row.week_x, height=row.done, width=0.7 * 7 * DAY, brushes=brushes, pen=None
            )
            items.target_min.setData(*row.step_line(row.target_min))
            items.target_max.setData(*row.step_line(row.target_max))
        for plot in self.plots():
            self._limit(plot)
        if fresh:
            self.ranged = False

    def describe(self, index: int, day: date, point: QPointF) -> str:
        state = self.state
        if state is None:
            return ""
        if index == 0:
            parts = [day_text(day)]
            for row in state.rows:
                value = row.strength_on(day)
                if not math.isnan(value):
                    parts.append(f"{row.name} {value:.0f} %")
            return " · ".join(parts)
        row = state.rows[index - 1]
        week = row.week_index(day)
        if week is None:
            return f"{day_text(day)} · {row.name}"
        return (
            self.tr("Week of %1 · %2: %3")
            .replace("%1", day_text(row.weeks[week]))
            .replace("%2", row.name)
            .replace("%3", row.readings[week])
        )


# ------------------------------------------------------------------------------------------------
# Experiments
# ------------------------------------------------------------------------------------------------


class ExperimentPage(ChartPage):
    name = "experiments"

    def __init__(self, theme: ChartTheme) -> None:
        super().__init__(theme)
        self.state: cs.ExperimentChart | None = None
        legend = _legend(self.view, theme, 2)
        plot = self.view.addPlot(row=1, col=0, axisItems={"bottom": LocaleDateAxis()})
        _style_plot(plot, theme, left=self.tr("Belief (%)"), dates=True)
        plot.setLabel(
            "bottom", self.tr("Date the experiment was done"), color=theme.foreground.name()
        )
        plot.setTitle(
            self.tr(
                "<b>How strongly you held the belief</b>&nbsp;&nbsp;before and after each experiment"
            ),
            color=theme.foreground.name(),
            size="10pt",
        )
        plot.setYRange(0, 100, padding=0.05)
        plot.getAxis("left").setTicks([[(v, str(v)) for v in (0, 25, 50, 75, 100)]])
        self.plot = plot
        before, after = theme.colour(1), theme.colour(0)
        self.segments = pg.PlotDataItem(connect="pairs", pen=_pen(theme.muted, 1.5))
        plot.addItem(self.segments)
        tip: Callable[..., str] = lambda x, y, data: str(data)  # noqa: E731
        self.before = pg.ScatterPlotItem(
            symbol="o",
            size=9,
            brush=pg.mkBrush(theme.background),
            pen=_pen(before, 2),
            hoverable=True,
            tip=tip,
        )
        self.after = pg.ScatterPlotItem(
            symbol="o",
            size=9,
            brush=pg.mkBrush(after),
            pen=pg.mkPen(None),
            hoverable=True,
            tip=tip,
        )
        plot.addItem(self.before)
        plot.addItem(self.after)
        legend.addItem(self.before, self.tr("Belief before"))
        legend.addItem(self.after, self.tr("Belief after"))
        _fit(legend)
        self._add_hover_line(plot)

    def plots(self) -> list[pg.PlotItem]:
        return [self.plot]

    def update_state(self, state: cs.ExperimentChart, today: date) -> None:
        self.state = state
        self.first = state.days[0] if state.days else None
        self.last = today
        if state.empty:
            self.show_message(
                self.tr(
                    "When you record the outcome of a behavioural experiment, how strongly you "
                    "held the belief before and after it shows here, one experiment after another."
                )
            )
            return
        self.show_message(None)
        readings = [state.reading(i) for i in range(len(state.days))]
        self.segments.setData(*state.segments())
        self.before.setData(x=state.x, y=state.before, data=readings)
        rated = ~np.isnan(state.after)
        self.after.setData(
            x=state.x[rated],
            y=state.after[rated],
            data=[r for r, keep in zip(readings, rated, strict=True) if keep],
        )
        self._limit(self.plot)

    def describe(self, index: int, day: date, point: QPointF) -> str:
        state = self.state
        if state is None:
            return ""
        low, high = self.plot.getViewBox().viewRange()[0]
        within = max(DAY, (high - low) / 80)
        found = state.nearest(point.x(), within)
        if found is None:
            return day_text(day)
        return f"{day_text(state.days[found])} · {state.reading(found)}"

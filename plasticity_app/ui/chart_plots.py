"""The three chart pages (outcomes, habits, experiments), drawn with pyqtgraph.

Imported only when the Charts tab is first shown. Each page creates its plot items once (again
only when its rows change: a metric or habit added or archived, or the theme switched) and
updates them with ``setData`` from a pure chart state (:mod:`plasticity_app.domain.chart_state`).

A pan must stay under a frame (16 ms) over ten years of days (``bench/pan.py`` measures it): the
axes, lines and markers below do next to nothing when the dates only move (a zoom refits them),
and what is all in view is copied as pixels while it moves.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, ClassVar

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.DateAxisItem import MONTH_SPACING
from pyqtgraph.graphicsItems.InfiniteLine import InfLineLabel
from pyqtgraph.graphicsItems.PlotCurveItem import arrayToLineSegments
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6.QtCore import QDate, QLineF, QLocale, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPen,
    QPicture,
    QResizeEvent,
    QStaticText,
)
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsRectItem,
    QLabel,
    QScrollArea,
    QStackedLayout,
    QWidget,
)

from plasticity_app.domain import chart_state as cs
from plasticity_app.ui.chart_theme import ChartTheme
from plasticity_app.ui.style import SPACING

DAY = cs.DAY_SECONDS
PRINT_WIDTH = 2400
"""Saved charts are at least this many pixels wide (8 inches at 300 dpi)."""
MIN_X_RANGE = 10 * DAY
EXPERIMENT_Y = 10.75  # experiment markers sit above the 0–10 scale
ROW_HEIGHT = 190
Y_MIN, Y_MAX = -0.5, 11.3  # a rating row's scale, with the experiment markers above 10
LABEL_Y = (12.4, 14.5)
"""Where the top row's step labels sit: above the experiment markers (which would cover them),
on a second level where two would overlap."""
TOP_Y_MAX = 15.6  # the top row's scale reaches up to its labels
LABEL_LEVELS = tuple((y - Y_MIN) / (TOP_Y_MAX - Y_MIN) for y in LABEL_Y)
"""The labels' heights as parts of the top row's view (as pyqtgraph places a line's label)."""
LINE_Z = -8  # step and opening lines: under the data, over the baseline
LABEL_ROOM = 50  # pixels the top row grows by for its labels
SYMBOL_MAX_DAYS = 120  # dots and smoothing up to about four months; plain fast lines beyond
"""Daily points get a dot only while at most this many days are shown (else the line alone)."""
HABIT_ROW_HEIGHT = 150
BAR_WIDTH = 0.7 * 7 * DAY  # a week's bar on the habit charts (as wide as BarGraphItem's were)
SMOOTH_POINTS_PER_PIXEL = 1.0
"""Smooth lines (the 7-day average, habit strength) are averaged down to this many points a
pixel when the view holds more days than that."""
CLIP_BELOW = 0.5
"""Lines are cut to the days in view while the view holds less than this part of them."""
CACHE_ABOVE = 0.9
"""Lines and markers are kept as pixels while a pan moves them once the view holds this part of
their days (all of them, with the margins)."""
SETTLE_MS = 150
"""After a pan, lines kept as pixels are drawn again exactly once the view has been still this
long."""


def day_text(day: date, long: bool = True) -> str:
    """The day in the person's locale, e.g. “Monday 23 November 2026”."""
    fmt = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    return QLocale().toString(QDate(day.year, day.month, day.day), fmt)


def number(value: float, decimals: int = 1) -> str:
    text = QLocale().toString(float(value), "f", decimals)
    zero = QLocale().toString(0.0, "f", decimals)[1:]
    return text[: -len(zero)] if decimals and text.endswith(zero) else text


_CENTRED_TOP = int(
    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextDontClip
)
"""How AxisItem places a bottom axis's labels: centred under the tick, from the top."""


def _zooms(ev: Any) -> bool:
    """Whether a wheel event asks to zoom (Ctrl held): else it is the page's to scroll."""
    return bool(ev.modifiers() & Qt.KeyboardModifier.ControlModifier)


class PageWheelAxis(pg.AxisItem):
    """An axis that leaves the plain wheel to the page (pyqtgraph's zooms on any wheel)."""

    def wheelEvent(self, event: Any) -> None:
        if _zooms(event):
            super().wheelEvent(event)
        else:
            event.ignore()


class LocaleDateAxis(pg.DateAxisItem):
    """A date axis labelled in the person's locale (month names from QLocale), which leaves the
    plain wheel to the page."""

    def wheelEvent(self, event: Any) -> None:
        if _zooms(event):
            super().wheelEvent(event)
        else:
            event.ignore()

    picture: QPicture | None  # AxisItem's: None when the axis must be worked out again

    def __init__(self, orientation: str = "bottom") -> None:
        super().__init__(orientation=orientation, utcOffset=0)
        self._specs: tuple[Any, list[Any], list[Any]] | None = None
        self._specs_font = QFont()

    # Ticks of each zoom (level and spacing) over a window of dates around the view, shared by
    # the axes (linked plots show the same dates): a pan only picks the ones in view.
    _windows: ClassVar[dict[tuple[int, float], tuple[float, float, list[tuple[float, Any]]]]] = {}

    def setZoomLevelForDensity(self, density: float) -> None:
        """DateAxisItem's choice of zoom level, remembered for the density and font (it
        measures sample labels for every level to choose)."""
        key = (density, self.fontMetrics.height(), self.fontMetrics.averageCharWidth())
        known = getattr(self, "_zoom_for", None)
        if known is not None and known[0] == key:
            self.zoomLevel, self.minSpacing = known[1], known[2]
            self.zoomLevel.utcOffset = self.utcOffset
            return
        super().setZoomLevelForDensity(density)
        self._zoom_for = (key, self.zoomLevel, self.minSpacing)

    def tickValues(
        self, minVal: float, maxVal: float, size: float
    ) -> list[tuple[float, list[float]]]:
        """The ticks pyqtgraph's DateAxisItem gives, found faster.

        pyqtgraph moves every tick to local time through QDateTime (about 70 µs a tick, 130 ticks
        an axis at ten years, on every frame of a pan) only to add the fixed offset, which is 0
        here (the days are midnights read as UTC). And each level's ticks lie on a fixed
        calendar (every 1st of a month, every n-th day or year), so the ticks of a window two
        views wide on each side are kept and a pan within it only picks the ones in view
        (pyqtgraph's ticks lie after ``minVal`` and up to ``maxVal``)."""
        self.setZoomLevelForDensity((maxVal - minVal) / size)
        key = (id(self.zoomLevel), round(float(self.minSpacing), 6))
        window = self._windows.get(key)
        if window is None or not window[0] <= minVal <= maxVal <= window[1]:
            span = maxVal - minVal
            low, high = minVal - 2 * span, maxVal + 2 * span
            levels = self._tick_levels(low, high)
            if levels is None:  # ticks that depend on where the view starts
                return [(s, t.tolist()) for s, t in self._tick_levels(minVal, maxVal, True) or []]
            if len(self._windows) > 64:
                self._windows.clear()
            window = self._windows[key] = (low, high, levels)
        return [
            (spacing, ticks[(ticks > minVal) & (ticks <= maxVal)].tolist())
            for spacing, ticks in window[2]
        ]

    def _tick_levels(
        self, minVal: float, maxVal: float, anyway: bool = False
    ) -> list[tuple[float, Any]] | None:
        """Each level's ticks in (minVal, maxVal], as DateAxisItem's zoom level finds them
        (None when a level skips months: those ticks start from ``minVal``, unless ``anyway``)."""
        min_spacing = self.minSpacing
        seen = np.zeros(0)
        levels: list[tuple[float, Any]] = []
        for spec in self.zoomLevel.tickSpecs:
            ticks, skip = spec.makeTicks(minVal, maxVal, min_spacing)
            if skip > 1 and spec.spacing == MONTH_SPACING and not anyway:
                return None
            ticks = np.asarray(ticks, dtype=np.float64)
            if seen.size and ticks.size:
                # Drop ticks already drawn by a coarser level (a year's first month).
                close = np.isclose(seen, ticks[:, np.newaxis], rtol=0, atol=min_spacing * 0.01)
                ticks = ticks[~close.any(axis=-1)]
            seen = np.concatenate([seen, ticks])
            levels.append((spec.spacing, ticks))
            if skip > 1:  # skipping ticks at this level: none finer
                break
        return levels

    def generateDrawSpecs(self, p: QPainter) -> tuple[Any, list[Any], list[Any]] | None:
        """pyqtgraph's drawing of a bottom axis (without grid lines), in fewer Python steps.

        The axis is drawn again on every frame of a pan; at ten years its 130 ticks made it cost
        about 3 ms an axis (a few ``Point`` objects a tick, every label measured anew). The same
        ticks, pens and labels are placed here as pyqtgraph places them (``AxisItem``,
        pyqtgraph 0.14), with the positions computed at once and label sizes remembered.
        """
        if (
            self.orientation != "bottom"
            or self.grid is not False
            or self._tickLevels is not None
            or any(self.style["stopAxisAtTick"])
        ):
            return super().generateDrawSpecs(p)
        if self.style["tickFont"] is not None:
            p.setFont(self.style["tickFont"])
        self.fontMetrics = p.fontMetrics()  # what DateAxisItem's zoom levels are measured with
        bounds = self.mapRectFromParent(self.geometry())
        span = (bounds.topLeft() + QPointF(-1.0, 1.0), bounds.topRight() + QPointF(1.0, 1.0))
        ends = [self.mapToDevice(point) for point in span]
        if ends[0] is None or ends[1] is None:
            return None
        length = math.hypot(ends[1].x() - ends[0].x(), ends[1].y() - ends[0].y())
        if length == 0:
            return None
        low, high = self.range
        levels = self.tickValues(low, high, length)
        dif = high - low
        x_scale = bounds.width() / dif if dif else 1.0
        offset = low * x_scale if dif else 0.0
        x_min, x_max = sorted((low * x_scale - offset, high * x_scale - offset))
        top = bounds.top()
        tick_specs: list[tuple[QPen, list[QLineF]]] = []  # a level's pen and its ticks
        positions: list[np.ndarray] = []
        for level, (_spacing, values) in enumerate(levels):
            tick_length = self.style["tickLength"] / (level * 0.5 + 1.0)
            pen = self._tick_pen(level)
            xs = np.asarray(values, dtype=np.float64) * x_scale - offset
            inside = (xs >= x_min) & (xs <= x_max)
            positions.append(np.where(inside, xs, np.nan))
            stop = top + tick_length
            tick_specs.append((pen, [QLineF(x, top, x, stop) for x in xs[inside].tolist()]))
        axis_spec = (self.pen(), span[0], span[1])
        text_specs: list[tuple[QRectF, Qt.AlignmentFlag, str]] = []
        if not self.style["showValues"]:
            return axis_spec, tick_specs, text_specs

        sizes: dict[str, QRectF] = getattr(self, "_text_sizes", {})
        font_key = p.font().key()
        if getattr(self, "_text_font", None) != font_key:
            sizes = {}
            self._text_font = font_key
        self._text_sizes = sizes
        widths = 0.0
        heights: list[float] = []
        last_height = 0.0
        box = self.boundingRect()
        text_top = top + max(0, self.style["tickLength"]) + self.style["tickTextOffset"][1]
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
        for level in range(min(len(levels), self.style["maxTextLevel"] + 1)):
            spacing, values = levels[level]
            shown = [
                (v, x) for v, x in zip(values, positions[level].tolist(), strict=True) if x == x
            ]  # the ticks in view (pyqtgraph labels no other)
            strings = self.tickStrings(
                [v for v, _x in shown], self.autoSIPrefixScale * self.scale, spacing
            )
            if not values:
                continue
            # Labels of a finer level are drawn only while they fill less than a part of the
            # axis: once they fill that much, measuring the rest changes nothing.
            full = math.inf
            if level > 0:
                full = (
                    min(
                        (
                            limit
                            for count, limit in self.style["textFillLimits"]
                            if len(text_specs) >= count
                        ),
                        default=math.inf,
                    )
                    * length
                )
            rects = []
            for (_value, x), text in zip(shown, strings, strict=True):
                rect = sizes.get(text)
                if rect is None:
                    rect = p.boundingRect(
                        QRectF(0, 0, 100, 100), Qt.AlignmentFlag.AlignCenter, text
                    )
                    rect.setHeight(rect.height() * 0.8)  # as pyqtgraph: a little too tall
                    sizes[text] = rect
                rects.append((x, text, rect))
                widths += rect.width()
                heights.append(rect.height())
                if widths >= full:
                    break
            if widths >= full:  # no room for this level's labels (nor any finer)
                break
            last_height = max(heights) if heights else 0.0
            for x, text, rect in rects:
                place = QRectF(x - rect.width() / 2, text_top, rect.width(), rect.height())
                if box & place != place:  # not wholly inside the axis
                    continue
                text_specs.append((place, flags | Qt.TextFlag.TextDontClip, text))
        self._updateMaxTextSize(last_height)
        return axis_spec, tick_specs, text_specs

    def _tick_pen(self, level: int) -> QPen:
        """A level's tick pen, as AxisItem makes it (the tick pen, fainter for finer levels)."""
        base = self.tickPen()
        alpha = self.style["tickAlpha"]
        key = (level, base.color().rgba(), base.widthF(), base.style(), str(alpha))
        pens: dict[tuple[object, ...], QPen] = getattr(self, "_tick_pens", {})
        self._tick_pens = pens
        pen = pens.get(key)
        if pen is None:
            pen = base
            if alpha is None:
                alpha = 255 / (level + 1)
            elif isinstance(alpha, float):
                alpha = min(255, max(0, round(alpha * 255)))
            if pen.brush().style() == Qt.BrushStyle.SolidPattern:
                pen = QPen(pen)
                colour = QColor(pen.color())
                colour.setAlpha(int(alpha))
                pen.setColor(colour)
            pens[key] = pen
        return pen

    def paint(self, p: QPainter, opt: object, widget: object) -> None:
        """AxisItem's painting without its QPicture: on every frame of a pan the axis is worked
        out again, and recording it into a picture only to replay it at once cost as much as
        drawing it. The specs are still worked out on a picture's painter, as AxisItem does
        (its text measures); they are kept until AxisItem marks them stale (``picture``)."""
        if self.picture is None:
            picture = QPicture()
            painter = QPainter(picture)
            try:
                if self.style["tickFont"] is not None:
                    painter.setFont(self.style["tickFont"])
                self._specs = self.generateDrawSpecs(painter)
                self._specs_font = painter.font()
            finally:
                painter.end()
            self.picture = picture  # nothing drawn in it: it only says the specs are current
        if self._specs is not None:
            p.setFont(self._specs_font)
            self.drawPicture(p, *self._specs)

    def drawPicture(self, p: QPainter, axisSpec: Any, tickSpecs: Any, textSpecs: Any) -> None:
        """pyqtgraph's drawing, with each level's ticks drawn in one call instead of a pen and a
        line for each tick, and each label drawn from a laid-out QStaticText (the same pixels
        as drawText in its rectangle, centred at the top, without laying it out again)."""
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        pen, start, end = axisSpec
        p.setPen(pen)
        p.drawLine(start, end)
        for spec in tickSpecs:
            if len(spec) == 2:  # a level's pen and lines, from generateDrawSpecs above
                p.setPen(spec[0])
                p.drawLines(spec[1])
            else:  # pyqtgraph's: a pen and the two ends of a tick
                p.setPen(spec[0])
                p.drawLine(spec[1], spec[2])
        if self.style["tickFont"] is not None:
            p.setFont(self.style["tickFont"])
        p.setPen(self.textPen())
        p.setClipRect(self.boundingRect().toAlignedRect())
        statics: dict[tuple[str, str], QStaticText] = getattr(self, "_statics", {})
        if len(statics) > 2000:
            statics = {}
        self._statics = statics
        font = p.font().key()
        for rect, flags, text in textSpecs:
            if int(flags) != _CENTRED_TOP:
                p.drawText(rect, int(flags), text)
                continue
            static = statics.get((font, text))
            if static is None:
                static = statics[(font, text)] = QStaticText(text)
                static.setPerformanceHint(QStaticText.PerformanceHint.AggressiveCaching)
            left = rect.x() + (rect.width() - static.size().width()) / 2
            p.drawStaticText(QPointF(left, rect.y()), static)

    def tickStrings(self, values: Sequence[float], scale: float, spacing: float) -> list[str]:
        spec = next((s for s in self.zoomLevel.tickSpecs if s.spacing == spacing), None)
        fmt = "" if spec is None else spec.format
        locale = QLocale()
        # The same dates are labelled on every frame of a pan: remember their labels.
        cache: dict[tuple[str, float], str] = getattr(self, "_labels", {})
        if getattr(self, "_labels_locale", None) != locale.name() or len(cache) > 5000:
            cache = {}
            self._labels_locale = locale.name()
        self._labels = cache
        out = []
        for value in values:
            text = cache.get((fmt, value))
            if text is None:
                day = cs.x_day(value)
                if fmt == "%Y":
                    text = str(day.year)
                elif fmt == "%b":
                    text = locale.monthName(day.month, QLocale.FormatType.ShortFormat)
                elif "%d" in fmt:
                    text = str(day.day)
                else:
                    text = ""
                cache[(fmt, value)] = text
            out.append(text)
        return out


def _pen(colour: QColor, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> object:
    pen = pg.mkPen(colour, width=width)
    pen.setStyle(style)
    pen.setCosmetic(True)
    return pen


class CtrlWheelViewBox(pg.ViewBox):
    """A plot's view that zooms with Ctrl + wheel only. The plain wheel is left to the page, so
    that it scrolls the charts as it scrolls every other page (pyqtgraph zooms on any wheel)."""

    def wheelEvent(self, ev: Any, axis: int | None = None) -> None:
        if _zooms(ev):
            super().wheelEvent(ev, axis)
        else:
            ev.ignore()


def _add_plot(view: pg.GraphicsLayoutWidget, row: int) -> pg.PlotItem:
    """A plot over the dates in ``row``. Without pyqtgraph's own context menu (the charts have
    theirs; :func:`_style_plot` turned it off, after it had been made at a cost for each plot)."""
    return view.addPlot(
        row=row,
        col=0,
        axisItems={"bottom": LocaleDateAxis(), "left": PageWheelAxis("left")},
        viewBox=CtrlWheelViewBox(enableMenu=False),
        enableMenu=False,
    )


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
    for name in ("top", "right"):
        # Hidden, yet linked to the view: on every frame of a pan each would take the new
        # range and set its (empty) label's HTML again.
        plot.getAxis(name).unlinkFromView()
    plot.setLabel("left", left, color=theme.foreground.name())
    plot.titleLabel.setAttr("justify", "left")
    # The left axis (with the grid lines across the plot) does not move with the dates: it is
    # painted once and then copied on every frame of a pan.
    plot.getAxis("left").setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)


def _measure_labels(axis: pg.AxisItem, labels: list[str]) -> None:
    """Give a left axis the width of its labels now. pyqtgraph measures them only while painting
    and then resizes the axis, which lays out and paints the whole chart a second time."""
    font = axis.style["tickFont"] or axis.font()
    metrics = QFontMetricsF(font)
    box = QRectF(0, 0, 100, 100)
    axis.textWidth = max(
        metrics.boundingRect(box, Qt.AlignmentFlag.AlignCenter, text).width() for text in labels
    )
    axis._updateWidth()


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


class StaticLine(QGraphicsLineItem):
    """A horizontal or vertical line in a plot's data coordinates, at no cost while panning.

    ``pg.InfiniteLine`` recomputes its bounds in Python on every change of the view, which adds
    up over a frame with a few dozen lines; this plain Qt line is long enough to cross every view
    the plot allows (its view box clips it) and costs nothing when the view moves.
    """

    REACH = 1e4  # a vertical line runs from -REACH to +REACH: beyond every y range drawn here

    def __init__(self, pen: object, *, vertical: bool) -> None:
        super().__init__()
        self.vertical = vertical
        self.setPen(pen)  # type: ignore[arg-type]
        self._span = (0.0, 0.0)
        self._value = 0.0
        if vertical:
            self.setLine(0.0, -self.REACH, 0.0, self.REACH)

    def set_span(self, low: float, high: float) -> None:
        """The x extent of a horizontal line (the dates the view can reach)."""
        self._span = (low, high)
        if not self.vertical:
            self.setLine(low, self._value, high, self._value)

    def setValue(self, value: float) -> None:
        self._value = float(value)
        if self.vertical:
            self.setPos(self._value, 0.0)
        else:
            self.setLine(self._span[0], self._value, self._span[1], self._value)

    def value(self) -> float:
        return self._value


def _view_left(item: pg.GraphicsObject, held: tuple[float, float] | None) -> bool:
    """Whether the view around ``item`` has moved outside the dates it holds."""
    vb = item.getViewBox()
    if not isinstance(vb, pg.ViewBox):
        return False
    low, high = vb.viewRange()[0]
    return held is None or not held[0] <= low <= high <= held[1]


def _cache_if_whole(item: QGraphicsItem, whole: bool) -> None:
    """Keep the item's pixels while a pan only moves them, when it is ``whole`` in view.

    Qt then copies the item's last picture to where the view has moved it instead of drawing
    it again (it draws anew whenever the item changes). Only worth it while all of the item is
    in view: of a larger one Qt keeps the part in view and draws the strip a pan uncovers, which
    with pyqtgraph means the whole line again. The copy lands on whole pixels: up to a pixel
    from the exact place, which :meth:`ChartPage._settled` puts right once the pan stops."""
    mode = (
        QGraphicsItem.CacheMode.DeviceCoordinateCache if whole else QGraphicsItem.CacheMode.NoCache
    )
    if item.cacheMode() != mode:
        item.setCacheMode(mode)


class _PanBounds:
    """pyqtgraph items recompute their bounds in Python whenever the view changes (the bounds
    are padded by a few pixels, which depend on the zoom). A pan moves the view without
    zooming: the bounds stay as they are, and only a zoom or a resize recomputes them."""

    _zoom_key: tuple[float, float, float, float] | None = None

    def _zoomed(self) -> bool:
        vb = self.getViewBox()  # type: ignore[attr-defined]
        if not isinstance(vb, pg.ViewBox):
            return True
        (x0, x1), (y0, y1) = vb.viewRange()
        key = (round((x1 - x0) / DAY, 6), y1 - y0, vb.width(), vb.height())
        if key == self._zoom_key:
            return False
        self._zoom_key = key
        return True


def _block_means(blocks: np.ndarray) -> np.ndarray:
    """The mean of the values in each row of ``blocks`` (the days a point of the line stands
    for); NaN, a gap, where a block holds no value at all. A day without one (the average is
    not drawn on unrated days) is narrower than a pixel here: it leaves the others' mean."""
    present = ~np.isnan(blocks)
    counts = present.sum(axis=1)
    sums = np.where(present, blocks, 0.0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counts > 0, sums / counts, np.nan)


class DayLine(_PanBounds, pg.PlotCurveItem):
    """A line over the charts' days (NaN where a day has no value: a gap), made for panning.

    * A ``smooth`` line (an average, a strength) over more days than pixels is averaged down to
      about one point a pixel, once per zoom: blocks of days counted from the first day (so the
      line does not shimmer as it moves), each the mean of the days in it that have a value,
      and a gap where none has.
    * While the view shows a small part of the days, the line holds only the days around the
      view (as many again on each side): a pan changes nothing until it leaves them.
    * A ``thick`` (opaque, wider than a pixel) line is drawn as segments already mapped to the
      screen. Qt outlines a thick line given in data coordinates point by point (about 15 µs a
      point, a few milliseconds a line over years); mapped first, a segment costs a tenth of that.
    """

    def __init__(
        self,
        pen: object,
        *,
        thick: bool = False,
        smooth: bool = False,
        clip: bool = True,
        antialias: bool = False,
    ) -> None:
        super().__init__(pen=pen, antialias=antialias, connect="finite")
        self.thick = thick
        self.smooth = smooth
        self.clips = clip  # a dashed line is not clipped: its dashes would jump when it is
        self.full_x: np.ndarray = np.zeros(0)
        self.full_y: np.ndarray = np.zeros(0)
        self._step = 1  # days averaged into a point
        self._x: np.ndarray = self.full_x  # the line at this zoom: all days, averaged
        self._y: np.ndarray = self.full_y
        self._clip = False
        self._held: tuple[float, float] | None = None  # the dates of the days held, if clipped
        self._segments = PrimitiveArray(QLineF, 4)

    # Data ---------------------------------------------------------------------------------------
    def set_series(self, x: np.ndarray, y: np.ndarray) -> None:
        """Every day's position and value (a check-in changes one row: the others stay)."""
        if (
            len(x) == len(self.full_x)
            and np.array_equal(x, self.full_x)
            and np.array_equal(y, self.full_y, equal_nan=True)
        ):
            return
        self.full_x = np.asarray(x, dtype=np.float64)
        self.full_y = np.asarray(y, dtype=np.float64)
        self._average()
        self._show()

    def set_antialias(self, on: bool) -> None:
        if self.opts["antialias"] != on:
            self.opts["antialias"] = on
            self.update()

    def fit(self, days: float, pixels: float) -> None:
        """Average and clip for a view of ``days`` across ``pixels`` (after a zoom)."""
        step = 1
        if self.smooth and pixels > 0:
            step = max(1, int(days / (pixels * SMOOTH_POINTS_PER_PIXEL)))
        charted = (self.full_x[-1] - self.full_x[0]) / DAY + 1 if len(self.full_x) else 0.0
        clip = self.clips and step == 1 and days < CLIP_BELOW * charted
        if step != self._step:
            self._step = step
            self._average()
        self._clip = clip
        self._show()
        _cache_if_whole(self, charted > 0 and days >= CACHE_ABOVE * charted)

    def follow(self) -> None:
        """After every move of the view: nothing, unless it leaves the days held."""
        if self._clip and _view_left(self, self._held):
            self._show()

    def _average(self) -> None:
        step, x, y = self._step, self.full_x, self.full_y
        if step == 1 or len(x) < 2 * step:
            self._x, self._y = x, y
            return
        whole = len(x) // step * step
        xs = x[:whole].reshape(-1, step).mean(axis=1)
        ys = _block_means(y[:whole].reshape(-1, step))
        if whole < len(x):  # the last days, fewer than a block
            xs = np.append(xs, x[whole:].mean())
            ys = np.append(ys, _block_means(y[whole:].reshape(1, -1)))
        self._x, self._y = xs, ys

    def _show(self) -> None:
        x, y = self._x, self._y
        vb = self.getViewBox()
        if self._clip and isinstance(vb, pg.ViewBox) and len(x) > 1:
            low, high = vb.viewRange()[0]
            span = high - low
            held = (low - span, high + span)
            first = max(0, int(np.searchsorted(x, held[0])) - 1)
            last = min(len(x), int(np.searchsorted(x, held[1], side="right")) + 1)
            self._held = held
            x, y = x[first:last], y[first:last]
        else:
            self._held = None
        self.setData(x=x, y=y)

    # Drawing ------------------------------------------------------------------------------------
    def viewTransformChanged(self) -> None:
        self._cachedView = None
        if self._zoomed():
            super().viewTransformChanged()

    @pg.debug.warnOnException  # an exception out of paint() would crash the app
    def paint(self, p: QPainter, opt: object, widget: object) -> None:
        transform = p.transform()
        if (
            not self.thick
            or self.xData is None
            or len(self.xData) < 2
            or not transform.isAffine()  # projected or rotated: drawn as pyqtgraph draws it
            or transform.m12() != 0
            or transform.m21() != 0
        ):
            super().paint(p, opt, widget)
            return
        x, y = self.xData, self.yData
        vb = self.getViewBox()
        if isinstance(vb, pg.ViewBox) and self.cacheMode() == QGraphicsItem.CacheMode.NoCache:
            # Only the segments in view (the days held are three views); kept as pixels the
            # line is drawn whole, for a pan may bring the rest into view.
            low, high = vb.viewRange()[0]
            first = max(0, int(np.searchsorted(x, low)) - 1)
            last = int(np.searchsorted(x, high, side="right")) + 1
            x, y = x[first:last], y[first:last]
        x = x * transform.m11() + transform.dx()
        y = y * transform.m22() + transform.dy()
        lines = arrayToLineSegments(x, y, "finite", True, self._segments).drawargs()
        exporting = self._exportOpts
        antialias = exporting.get("antialias", True) if exporting else self.opts["antialias"]
        p.save()
        try:
            p.resetTransform()
            p.setRenderHint(QPainter.RenderHint.Antialiasing, antialias)
            p.setPen(self.opts["pen"])
            p.drawLines(*lines)
        finally:
            p.restore()


class PanScatter(_PanBounds, pg.ScatterPlotItem):
    """Points on the charts' days (dots, experiment markers), made for panning.

    * While the view shows a small part of the dates, the plot holds only the points around
      the view (as many dates again on each side): pyqtgraph goes through every point it holds
      on every frame, and a pan changes nothing until it leaves them.
    * Its bounds are computed again only after a zoom (see :class:`_PanBounds`); pyqtgraph's
      work them out afresh each time Qt asks, a dozen times a frame.
    """

    _rect: QRectF | None = None
    _rect_for: object = None
    _all: tuple[np.ndarray, np.ndarray, list[object] | None] = (np.zeros(0), np.zeros(0), None)
    _clip = False
    _held: tuple[float, float] | None = None
    _fitted = False  # not yet fitted to a view: points set are held until then

    def set_points(self, x: np.ndarray, y: np.ndarray, data: list[object] | None = None) -> None:
        """All the points (in date order), ``data`` for their tips."""
        self._all = (np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64), data)
        if self._fitted:  # else the first fit shows them (a page fits right after its data)
            self._show()

    def fit(self, clip: bool) -> None:
        """Hold only the points around the view while ``clip`` (after a zoom), else all."""
        self._clip = clip
        self._fitted = True
        self._show()

    def follow(self) -> None:
        """After every move of the view: nothing, unless it leaves the points held."""
        if self._clip and self.isVisible() and _view_left(self, self._held):
            self._show()

    def _show(self) -> None:
        x, y, data = self._all
        vb = self.getViewBox()
        if self._clip and isinstance(vb, pg.ViewBox) and len(x):
            low, high = vb.viewRange()[0]
            span = high - low
            self._held = (low - span, high + span)
            first = int(np.searchsorted(x, self._held[0]))
            last = int(np.searchsorted(x, self._held[1], side="right"))
            x, y = x[first:last], y[first:last]
            data = None if data is None else data[first:last]
        else:
            self._held = None
        if data is None:
            self.setData(x=x, y=y)
        else:
            self.setData(x=x, y=y, data=data)

    def viewTransformChanged(self) -> None:
        self._cachedView = None
        if self._zoomed():
            super().viewTransformChanged()

    def boundingRect(self) -> QRectF:
        if self._rect is None or self._rect_key() != self._rect_for:
            self._rect = super().boundingRect()
            self._rect_for = self._rect_key()  # the data bounds are known now
        return self._rect

    def _rect_key(self) -> tuple[object, ...]:
        # A change of data forgets the data bounds (None until asked for again).
        return (self._zoom_key, self.bounds[0], self.bounds[1], self._maxSpotWidth, len(self.data))

    def viewRect(self) -> QRectF:
        """pyqtgraph draws only the points in view; kept as pixels (while a pan only moves
        them), the scatter is drawn whole, for a pan may bring the others into view."""
        if self.cacheMode() != QGraphicsItem.CacheMode.NoCache:
            return self.boundingRect()
        return super().viewRect()


class _PanLabel(_PanBounds, InfLineLabel):
    """A marker line's label: it stays where it is on the line while the dates move."""

    def viewTransformChanged(self) -> None:
        self._cachedView = None
        if self._zoomed():
            super().viewTransformChanged()


class MarkerLine(_PanBounds, pg.InfiniteLine):
    """A vertical line on a day (a step done, an opening), with a tooltip and maybe a label.

    pg.InfiniteLine works out its bounds and its label's place again whenever the view moves;
    along the dates neither changes (the line is as tall as the view, and as wide as a few
    pixels), so that work is done only after a zoom or a resize."""

    def __init__(self, pen: object, label: dict[str, object] | None) -> None:
        super().__init__(angle=90, movable=False, pen=pen)
        if label is not None:
            self.label = _PanLabel(self, text="", **label)

    def viewTransformChanged(self) -> None:
        self._cachedView = None
        if self._zoomed():
            super().viewTransformChanged()


class WeekBars(QGraphicsItem):
    """Each week's bar on a habit chart, from 0 up to the days done: in full colour when the
    week met its target, faded when not.

    Two calls draw them all (one colour each). A BarGraphItem replays a brush and a rectangle
    for every week of ten years on every frame of a pan, and Qt fills a path of as many
    rectangles far slower still (about 50 ms for ten years in view)."""

    def __init__(self, met: QColor, unmet: QColor) -> None:
        super().__init__()
        self._brushes = (pg.mkBrush(met), pg.mkBrush(unmet))
        self._rects = (PrimitiveArray(QRectF, 4), PrimitiveArray(QRectF, 4))
        self._bounds = QRectF()

    def set_weeks(self, middles: np.ndarray, heights: np.ndarray, met: np.ndarray) -> None:
        """A bar ``BAR_WIDTH`` wide centred on each week's middle (none where nothing was done)."""
        self.prepareGeometryChange()
        shown = heights > 0
        for rects, chosen in zip(self._rects, (met & shown, ~met & shown), strict=True):
            rects.resize(int(np.count_nonzero(chosen)))
            if len(rects):
                memory = rects.ndarray()
                memory[:, 0] = middles[chosen] - BAR_WIDTH / 2
                memory[:, 1] = 0.0
                memory[:, 2] = BAR_WIDTH
                memory[:, 3] = heights[chosen]
        if np.any(shown):
            left = float(middles[shown].min()) - BAR_WIDTH / 2
            right = float(middles[shown].max()) + BAR_WIDTH / 2
            self._bounds = QRectF(left, 0.0, right - left, float(heights[shown].max()))
        else:
            self._bounds = QRectF()
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    @pg.debug.warnOnException  # an exception out of paint() would crash the app
    def paint(self, p: QPainter, opt: object, widget: object = None) -> None:
        p.setPen(Qt.PenStyle.NoPen)
        for brush, rects in zip(self._brushes, self._rects, strict=True):
            if len(rects):
                p.setBrush(brush)
                p.drawRects(*rects.drawargs())


def _thick_pen(colour: QColor, width: float) -> object:
    """The pen of an opaque line thicker than a pixel, drawn as segments (:class:`DayLine`): with
    flat ends they meet as the one line would (square ends stick out at each bend, round ones
    cost as much as drawing the one line)."""
    pen = _pen(colour, width)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)  # type: ignore[attr-defined]
    return pen


def _no_hover_while_dragging(scene: pg.GraphicsScene) -> None:
    """While a button is held (a drag pans the dates) the scene sends no hover events.

    pyqtgraph looks for the items under the mouse on every move to send them hover events
    (the experiment markers' tips): a third of a pan frame's work, for nothing while dragging.
    The read-out under the charts follows the mouse all the same (``sigMouseMoved``)."""
    send = scene.sendHoverEvents

    def send_unless_dragging(ev: object, exitOnly: bool = False) -> None:
        if exitOnly or not ev.buttons():  # type: ignore[attr-defined]
            send(ev, exitOnly)

    scene.sendHoverEvents = send_unless_dragging


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
        _no_hover_while_dragging(self.view.scene())
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
        self.hover_line: list[StaticLine] = []
        self.ranged = False  # False until the range buttons' choice is applied to new plots
        self._zoom: tuple[float, float] | None = None  # (days shown, pixels) last fitted to
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._settled)

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

    # Panning and zooming ------------------------------------------------------------------------
    def _watch_view(self, plot: pg.PlotItem) -> None:
        """Follow the view of ``plot`` (the others are linked to it)."""
        self._zoom = None
        plot.getViewBox().sigXRangeChanged.connect(self._view_changed)
        plot.getViewBox().sigResized.connect(self._view_changed)

    def zoom(self) -> tuple[float, float]:
        """The days the view shows (to the second) and its width in pixels."""
        plots = self.plots()
        if not plots:
            return 0.0, 0.0
        vb = plots[0].getViewBox()
        low, high = vb.viewRange()[0]
        return round(high - low) / DAY, float(vb.width())

    def _view_changed(self) -> None:
        """Runs on every frame of a pan, so does next to nothing unless the zoom changed."""
        zoom = self.zoom()
        if zoom != self._zoom:
            self._zoom = zoom
            self.zoom_changed()
        self.view_moved()
        self._settle.start()

    def _settled(self) -> None:
        """The view has stopped: draw the items kept as pixels again, in their exact place."""
        for item in self.view.scene().items():
            if item.cacheMode() != QGraphicsItem.CacheMode.NoCache and item.isVisible():
                item.update()

    def charted_days(self) -> int:
        if self.last is None:
            return 0
        return (self.last - (self.first or self.last)).days + 1

    def whole(self, days: float) -> bool:
        """Whether a view of ``days`` shows (nearly) all the dates charted."""
        return self.last is not None and days >= CACHE_ABOVE * self.charted_days()

    def clipped(self, days: float) -> bool:
        """Whether a view of ``days`` shows so small a part of the dates that the points in it
        (and around it) are all that is worth holding."""
        return days < CLIP_BELOW * self.charted_days()

    def zoom_changed(self) -> None:
        """After a zoom or a resize (and not on a pan): fit what depends on the scale."""

    def view_moved(self) -> None:
        """After every change of the view: must be cheap."""

    def _limit(self, plot: pg.PlotItem) -> None:
        if self.last is None:
            return
        low, high = self.x_span()
        plot.getViewBox().setLimits(xMin=low, xMax=high, minXRange=MIN_X_RANGE)

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
                line.setValue(x)

    def _add_hover_line(self, plot: pg.PlotItem) -> None:
        line = StaticLine(_pen(self.theme.muted, 1), vertical=True)
        line.setVisible(False)
        line.setZValue(-5)
        plot.addItem(line, ignoreBounds=True)
        self.hover_line.append(line)

    def x_span(self) -> tuple[float, float]:
        """The dates a plot's view can reach (see :meth:`_limit`)."""
        if self.last is None:
            return 0.0, 0.0
        return cs.day_x(self.first or self.last) - 30 * DAY, cs.day_x(self.last) + 30 * DAY

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
        # Export mode draws scatter symbols as shapes instead of from a 1× pixmap cache, and
        # items cached as screen pixels are drawn afresh.
        items = [i for i in view.scene().items() if hasattr(i, "setExportMode")]
        cached = [
            (i, i.cacheMode())
            for i in view.scene().items()
            if i.cacheMode() != QGraphicsItem.CacheMode.NoCache
        ]
        try:
            self._show_hover_line(None)
            for item in items:
                item.setExportMode(True, {"antialias": True, "resolutionScale": 1.0})
            for item, _mode in cached:
                item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
            view.scene().render(
                painter,
                QRectF(0, 0, width, height),
                QRectF(view.mapToScene(view.rect()).boundingRect()),
            )
        finally:
            for item in items:
                item.setExportMode(False)
            for item, mode in cached:
                item.setCacheMode(mode)
            painter.end()
        return image


# ------------------------------------------------------------------------------------------------
# Outcomes
# ------------------------------------------------------------------------------------------------


class _OutcomeItems:
    """The items of one metric's row, created once."""

    def __init__(self, plot: pg.PlotItem, colour: QColor, theme: ChartTheme) -> None:
        self.plot = plot
        # The baseline band and mean are plain Qt items across the dates the view can reach:
        # they cost nothing while panning (a LinearRegionItem and an InfiniteLine recompute
        # their bounds in Python on every move).
        self.band = QGraphicsRectItem()
        self.band.setBrush(pg.mkBrush(theme.band))
        self.band.setPen(pg.mkPen(None))
        self.band.setZValue(-20)
        plot.addItem(self.band, ignoreBounds=True)
        self.mean = StaticLine(_pen(theme.muted, 1, Qt.PenStyle.DashLine), vertical=False)
        self.mean.setZValue(-10)
        plot.addItem(self.mean, ignoreBounds=True)
        faded = QColor(colour)
        faded.setAlpha(110)
        self.daily = DayLine(_pen(faded, 1), antialias=True)
        plot.addItem(self.daily)
        # The dots are a separate item fed only with the days around the view: a scatter of
        # ten years of points costs ~10 ms per change, the visible few weeks almost nothing.
        self.dots = PanScatter(symbol="o", size=4, brush=pg.mkBrush(colour), pen=pg.mkPen(None))
        plot.addItem(self.dots)

        self.rolling = DayLine(_thick_pen(colour, 2.2), thick=True, smooth=True, antialias=True)
        plot.addItem(self.rolling)
        self.experiments = PanScatter(
            symbol="d",
            size=10,
            brush=pg.mkBrush(theme.experiment),
            pen=pg.mkPen(theme.background),
            hoverable=True,
            tip=lambda x, y, data: str(data),
        )
        self.experiments.setZValue(5)  # above the marker labels
        plot.addItem(self.experiments)
        self.lines: list[MarkerLine] = []

    def set_baseline(
        self, band: tuple[float, float] | None, mean: float, span: tuple[float, float]
    ) -> None:
        low, high = span
        self.band.setVisible(band is not None)
        if band is not None:
            self.band.setRect(QRectF(low, band[0], high - low, band[1] - band[0]))
        self.mean.setVisible(not math.isnan(mean))
        self.mean.set_span(low, high)
        if not math.isnan(mean):
            self.mean.setValue(mean)


class OutcomePage(ChartPage):
    name = "outcomes"

    def __init__(self, theme: ChartTheme) -> None:
        super().__init__(theme, scroll=True)  # rows keep their height; the page scrolls
        self.state: cs.OutcomeChart | None = None
        self.rows: list[_OutcomeItems] = []
        self._keys: tuple[tuple[int, str, str], ...] | None = None
        self.legend: pg.LegendItem | None = None

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
            plot = _add_plot(self.view, row=index + 1)
            _style_plot(plot, theme, left=self.tr("Rating (0–10)"), dates=last)
            if last:
                plot.setLabel("bottom", self.tr("Date"), color=theme.foreground.name())
            top = index == 0
            plot.setYRange(Y_MIN, TOP_Y_MAX if top else Y_MAX, padding=0)
            ticks = [(v, str(v)) for v in (0, 5, 10)]
            plot.getAxis("left").setTicks([ticks])
            _measure_labels(plot.getAxis("left"), [text for _v, text in ticks])
            plot.setMinimumHeight(
                ROW_HEIGHT - 40 + (30 if last else 0) + (LABEL_ROOM if top else 0)
            )
            if first_plot is None:
                first_plot = plot
            else:
                plot.setXLink(first_plot)
            self.rows.append(_OutcomeItems(plot, theme.colour(index), theme))
            self._add_hover_line(plot)
        if self.rows:
            self._watch_view(self.rows[0].plot)  # the other rows are linked to it
        self.view.setMinimumHeight(60 + LABEL_ROOM + ROW_HEIGHT * len(state.rows))

    def update_state(self, state: cs.OutcomeChart) -> None:
        keys = tuple((r.metric_id, r.name, r.better) for r in state.rows)
        fresh = keys != self._keys
        if fresh:
            self._build(state)
            self._keys = keys
        previous = self.state
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
        # A check-in changes a day's ratings: the same days and markers, and only the rows whose
        # ratings changed need their items set again (no refit: the zoom and days are the same).
        same = (
            not fresh
            and previous is not None
            and not previous.empty
            and (previous.first, previous.last) == (state.first, state.last)
            and previous.markers == state.markers
        )
        if same:
            assert previous is not None
            for items, row, before in zip(self.rows, state.rows, previous.rows, strict=True):
                items.set_baseline(row.band, row.baseline.mean, self.x_span())
                if not np.array_equal(row.values, before.values, equal_nan=True):
                    self._set_ratings(items, state, row)
            return
        steps = [m for m in state.markers if m.kind is not cs.MarkerKind.EXPERIMENT]
        experiments = [m for m in state.markers if m.kind is cs.MarkerKind.EXPERIMENT]
        for index, (items, row) in enumerate(zip(self.rows, state.rows, strict=True)):
            items.plot.setTitle(
                f"<b>{row.name}</b>&nbsp;&nbsp;<span>{self.tr(row.better)}</span>",
                color=self.theme.foreground.name(),
                size="10pt",
            )
            items.set_baseline(row.band, row.baseline.mean, self.x_span())
            self._set_ratings(items, state, row)
            items.experiments.set_points(
                np.array([cs.day_x(m.day) for m in experiments], dtype=np.float64),
                np.full(len(experiments), EXPERIMENT_Y),
                [m.detail for m in experiments],
            )
            self._set_lines(items, steps, labelled=index == 0)
            self._limit(items.plot)
        self._zoom = None  # fit the lines to the new data
        self._view_changed()
        if fresh:
            self.ranged = False

    @staticmethod
    def _set_ratings(items: _OutcomeItems, state: cs.OutcomeChart, row: cs.OutcomeRow) -> None:
        items.daily.set_series(state.x, row.values)
        rated = np.isfinite(row.values)
        items.dots.set_points(state.x[rated], row.values[rated])
        items.rolling.set_series(state.x, row.rolling)

    def _set_lines(self, items: _OutcomeItems, markers: list[cs.Marker], labelled: bool) -> None:
        """One vertical line per day with a step completion or an opening (labels merged)."""
        theme = self.theme
        by_day: dict[date, list[cs.Marker]] = {}
        for marker in markers:
            by_day.setdefault(marker.day, []).append(marker)
        # Only the top row's lines carry a label: a label follows the view in Python on every
        # frame of a pan, so the other rows' lines have none (not even an empty one).
        label: dict[str, object] | None = None
        if labelled:
            label = {
                "position": LABEL_LEVELS[0],
                "color": theme.foreground,
                "fill": theme.background,  # opaque: no line runs through the words
                "anchors": [(0, 0.5), (0, 0.5)],
                "movable": False,
            }
        while len(items.lines) < len(by_day):
            line = MarkerLine(_pen(theme.muted, 1, Qt.PenStyle.DotLine), label)
            line.setZValue(LINE_Z)
            items.plot.addItem(line, ignoreBounds=True)
            items.lines.append(line)
        for line, (day, found) in zip(items.lines, by_day.items(), strict=False):
            line.setPos(cs.day_x(day))
            if labelled:
                line.label.setFormat(" " + " · ".join(m.label for m in found))
            line.setToolTip("\n".join(m.detail for m in found))
            line.setVisible(True)
        for line in items.lines[len(by_day) :]:
            line.setVisible(False)
        if labelled:
            self.arrange_labels()

    def zoom_changed(self) -> None:
        """Dots and smooth lines when zoomed in; over years plain lines, so panning stays fast."""
        if not self.rows:
            return
        days, pixels = self.zoom()
        wanted = days <= SYMBOL_MAX_DAYS
        whole, clip = self.whole(days), self.clipped(days)
        for items in self.rows:
            for line in (items.daily, items.rolling):
                # Antialiasing thousands of segments is what makes panning over years slow.
                line.set_antialias(wanted)
                line.fit(days, pixels)
            items.dots.setVisible(wanted)
            items.dots.fit(clip)
            items.experiments.fit(clip)
            _cache_if_whole(items.experiments, whole)
        # A pan moves every label alike: they need arranging again only after a zoom.
        self.arrange_labels()

    def view_moved(self) -> None:
        for items in self.rows:
            for item in (items.daily, items.rolling, items.dots, items.experiments):
                item.follow()

    def arrange_labels(self) -> None:
        """Stagger the top row's marker labels so that none overlaps its neighbour, and turn a
        label that would run off the right edge to the left of its line."""
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
        for rank, line in enumerate(lines):
            at = (line.value() - low) * per_second
            width = line.label.boundingRect().width() + 4
            leftward = at + width > vb.width()
            left = at - width if leftward else at
            level = next((i for i, end in enumerate(ends) if left >= end), len(ends) - 1)
            ends[level] = left + width
            anchor = (1.0, 0.5) if leftward else (0.0, 0.5)
            line.label.anchors = [anchor, anchor]
            line.label.setPosition(LABEL_LEVELS[level])
            # A label is drawn with its line: the line of a label running over its neighbours'
            # lines goes on top of them (rightward: the earlier, leftward: the later).
            line.setZValue(LINE_Z + (0.5 + 0.001 * rank if leftward else -0.001 * rank))

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
        self.bars = WeekBars(colour, self.faded)
        plot.addItem(self.bars, ignoreBounds=True)
        # Dashed lines are drawn whole: clipped to the days around the view, their dashes
        # would start elsewhere (and jump) each time those days change.
        self.target_min = DayLine(_pen(theme.foreground, 1.2, Qt.PenStyle.DashLine), clip=False)
        plot.addItem(self.target_min)
        self.target_max = DayLine(_pen(theme.muted, 1, Qt.PenStyle.DotLine), clip=False)
        plot.addItem(self.target_max)


class HabitPage(ChartPage):
    name = "habits"

    def __init__(self, theme: ChartTheme) -> None:
        super().__init__(theme, scroll=True)
        self.state: cs.HabitChart | None = None
        self.rows: list[_HabitItems] = []
        self.strength_plot: pg.PlotItem | None = None
        self.strength_lines: list[DayLine] = []
        self._keys: tuple[tuple[int, str, str], ...] | None = None
        self.scroll_area.verticalScrollBar().valueChanged.connect(self.link_rows_in_sight)

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
        plot = _add_plot(self.view, row=1)
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
            line = DayLine(
                _thick_pen(theme.colour(index), 2), thick=True, smooth=True, antialias=True
            )
            plot.addItem(line)
            legend.addItem(line, row.name)
            self.strength_lines.append(line)
        # The bars are drawn in each habit's colour: the samples show the first habit's, full
        # and faded, as its bars are (a black and a grey sample matched no bar).
        colour = theme.colour(0)
        samples: list[tuple[object, str]] = [
            (
                pg.BarGraphItem(x=[0], height=[1], width=1, brush=colour, pen=None),
                self.tr("Week on target (full colour)"),
            ),
            (
                pg.BarGraphItem(
                    x=[0], height=[1], width=1, brush=theme.faded(colour, 70), pen=None
                ),
                self.tr("Week under target (faded)"),
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
            habit_plot = _add_plot(self.view, row=index + 2)
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
        self._watch_view(plot)  # the habits' plots are linked to it

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self.link_rows_in_sight)  # once the layout has placed the rows

    def link_rows_in_sight(self) -> None:
        """Only the habit rows in sight (and a row either side) follow the strength chart's
        dates: every row linked would move on every frame of a pan, most of them out of sight.
        A row scrolled into sight is linked again, and so takes up the dates shown."""
        if self.strength_plot is None:
            return
        top = self.scroll_area.verticalScrollBar().value()
        height = self.scroll_area.viewport().height()
        sight = QRectF(0, top - HABIT_ROW_HEIGHT, self.view.width(), height + 2 * HABIT_ROW_HEIGHT)
        for items in self.rows:
            place = self.view.mapFromScene(items.plot.sceneBoundingRect()).boundingRect()
            wanted = sight.intersects(QRectF(place))
            if wanted != (items.plot.getViewBox().linkedView(0) is not None):
                items.plot.setXLink(self.strength_plot if wanted else None)

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
            line.set_series(row.strength_x, row.strength)
        for items, row in zip(self.rows, state.rows, strict=True):
            items.bars.set_weeks(row.week_x, row.done, row.met)
            items.target_min.set_series(*row.step_line(row.target_min))
            items.target_max.set_series(*row.step_line(row.target_max))
        for plot in self.plots():
            self._limit(plot)
        self._zoom = None  # fit the lines to the new data
        self._view_changed()
        if fresh:
            self.ranged = False
            QTimer.singleShot(0, self.link_rows_in_sight)

    def zoom_changed(self) -> None:
        days, pixels = self.zoom()
        for line in self.strength_lines:
            line.set_antialias(days <= SYMBOL_MAX_DAYS)  # antialiased years of lines pan slowly
            line.fit(days, pixels)
        whole = self.whole(days)
        for items in self.rows:
            items.target_min.fit(days, pixels)
            items.target_max.fit(days, pixels)
            _cache_if_whole(items.bars, whole)

    def view_moved(self) -> None:
        for line in self.strength_lines:
            line.follow()
        for items in self.rows:
            items.target_min.follow()
            items.target_max.follow()

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
        plot = _add_plot(self.view, row=1)
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
        # Drawn as separate lines: as one path, a translucent pen wider than a pixel is outlined
        # and filled whole (about 60 ms for ten years of experiments). The pairs share no ends,
        # so nothing is drawn twice that the path would draw once.
        self.segments.curve.setSegmentedLineMode("on")
        tip: Callable[..., str] = lambda x, y, data: str(data)  # noqa: E731
        self.before = PanScatter(
            symbol="o",
            size=9,
            brush=pg.mkBrush(theme.background),
            pen=_pen(before, 2),
            hoverable=True,
            tip=tip,
        )
        self.after = PanScatter(
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
        self._watch_view(plot)

    def plots(self) -> list[pg.PlotItem]:
        return [self.plot]

    def zoom_changed(self) -> None:
        days = self.zoom()[0]
        whole = self.whole(days)
        for markers in (self.before, self.after):
            markers.fit(self.clipped(days))
        for item in (self.segments.curve, self.before, self.after):
            _cache_if_whole(item, whole)

    def view_moved(self) -> None:
        self.before.follow()
        self.after.follow()

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
        readings: list[object] = [state.reading(i) for i in range(len(state.days))]
        self.segments.setData(*state.segments())
        self.before.set_points(state.x, state.before, readings)
        rated = ~np.isnan(state.after)
        self.after.set_points(
            state.x[rated],
            state.after[rated],
            [r for r, keep in zip(readings, rated, strict=True) if keep],
        )
        self._limit(self.plot)
        self._zoom = None  # fit to the new dates
        self._view_changed()

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

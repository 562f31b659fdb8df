"""Panning the Charts tab over the ten-year journal: milliseconds per frame, against 16 ms.

    .venv/bin/python bench/pan.py [--frames 60] [--repeat 1] [--pages outcomes,habits,experiments]
                                  [--ranges "4 weeks,3 months,1 year,All"] [--mode drag|range]
                                  [--profile PAGE:RANGE] [--screenshots DIR]

Opens the main window offscreen (1200 × 800) on a copy of the cached ten-year journal (the one
``bench/run.py`` generates into ``bench/.cache/``), shows the Charts tab and, for each page and
range, pans along the dates ``--frames`` times. A frame is one step of the pan and everything it
costs until the chart is painted again:

* ``drag`` (the default): a real left-button drag, one mouse move per frame (about 9 px, so a
  fast but ordinary drag), sent to the chart's viewport as Qt events; this includes the hover
  read-out that follows the mouse. pyqtgraph's mouse-rate limit (100 moves a second) is turned
  off so that no move is dropped between quick frames.
* ``range``: the first plot's x range shifted by the same step with ``setXRange`` (the linked
  plots follow).

After each step the viewport is repainted synchronously and pending events are processed, so a
frame's time is what the person would wait for. The pan bounces back at the ends of the data (at
"All" there is only a month to spare on each side). It prints the median, 90th percentile and
maximum per page and range, the median of this thread's CPU time (less disturbed than the clock
when other processes share the machine) and of the mouse move's part (the rest is painting).
``--repeat N`` measures every case N times, in turn, and pools the frames: on a busy machine a
case then does not owe its figure to one unlucky second. ``--profile outcomes:All`` runs that
case under cProfile (this thread's CPU time) and prints the functions that cost most. Not a
test: a noisy machine never fails anything.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

TARGET_MS = 16.0
RANGES = ("4 weeks", "3 months", "1 year", "All")
PAGES = ("outcomes", "habits", "experiments")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


class PaintCounter(QObject):
    """Counts the paint events of the widget it watches."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0
        self._watched: QWidget | None = None

    def watch(self, widget: QWidget) -> None:
        if self._watched is not widget:
            if self._watched is not None:
                self._watched.removeEventFilter(self)
            widget.installEventFilter(self)
            self._watched = widget

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


class Panner:
    """Drives one chart page: shows it at a range, then pans it frame by frame."""

    def __init__(self, app: Any, window: Any, mode: str) -> None:
        from plasticity_app.ui.chart_view import ChartsView

        self.app = app
        self.window = window
        self.mode = mode
        window.show_tab("charts")
        self.settle()
        charts = window.tabs.currentWidget()
        view = charts.ensure_view()
        assert isinstance(view, ChartsView)
        self.view = view
        self.paints = PaintCounter()

    def settle(self) -> None:
        for _ in range(3):
            self.app.processEvents()

    def frames(
        self, page_name: str, range_key: str, count: int
    ) -> tuple[list[float], list[float], list[float]]:
        """Each frame's wall-clock and CPU milliseconds (this thread's), and the wall-clock
        milliseconds of its first part: the mouse move (or range change) before painting."""
        from PySide6.QtCore import QPointF, Qt
        from PySide6.QtGui import QMouseEvent

        view = self.view
        view.show_page(page_name)
        view.set_range(range_key)
        self.settle()
        page = view.current_page()
        if not page.has_chart:
            return [], [], []
        plot = page.plots()[0]
        vb = plot.getViewBox()
        widget = page.view
        viewport = widget.viewport()
        self.paints.watch(viewport)
        if page_name == "habits":  # scrolled: show the strength chart at the top
            page.scroll_area.verticalScrollBar().setValue(0)
        self.settle()
        low, high = vb.viewRange()[0]
        span = high - low
        x_limits = vb.state["limits"]["xLimits"]
        x_min = low - span if x_limits[0] is None else x_limits[0]
        x_max = high + span if x_limits[1] is None else x_limits[1]
        # Offsets of the view (seconds, negative: earlier), bouncing between the ends it may reach.
        earliest = -min(low - x_min, span / 2)
        latest = min(x_max - high, span / 2)
        step = span / 120  # about 9 px at this window's width, whatever the range
        offsets, offset, direction = [], 0.0, -1.0
        for _ in range(count):
            target = offset + direction * step
            if not earliest <= target <= latest:
                direction = -direction
                target = offset + direction * step
            offset = min(max(target, earliest), latest)
            offsets.append(offset)

        rect = vb.sceneBoundingRect()
        start_scene = rect.center()
        start = QPointF(widget.mapFromScene(start_scene))
        per_pixel = span / rect.width()

        def mouse(kind: QEvent.Type, at: QPointF, button: Qt.MouseButton) -> None:
            buttons = (
                Qt.MouseButton.NoButton
                if kind == QEvent.Type.MouseButtonRelease
                else Qt.MouseButton.LeftButton
            )
            event = QMouseEvent(
                kind,
                at,
                QPointF(viewport.mapToGlobal(at.toPoint())),
                button,
                buttons,
                Qt.KeyboardModifier.NoModifier,
            )
            self.app.sendEvent(viewport, event)

        times: list[float] = []
        cpu: list[float] = []
        moves: list[float] = []
        if self.mode == "drag":
            # Press, and move past pyqtgraph's drag threshold (then back): the drag has begun.
            mouse(QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
            for dx in (20.0, 0.0):
                mouse(QEvent.Type.MouseMove, start + QPointF(dx, 0), Qt.MouseButton.NoButton)
            plot.setXRange(low, high, padding=0)
            self.settle()
        at = start
        for offset in offsets:
            started = time.perf_counter()
            started_cpu = time.thread_time()
            painted = self.paints.count
            if self.mode == "drag":
                # Dragging the mouse right moves the view to earlier dates.
                at = start + QPointF(-offset / per_pixel, 0)
                mouse(QEvent.Type.MouseMove, at, Qt.MouseButton.NoButton)
            else:
                plot.setXRange(low + offset, high + offset, padding=0)
            moves.append((time.perf_counter() - started) * 1000)
            # Pending events (the scene's update among them) paint the chart; should they not
            # have, it is painted now. Either way it is painted once, before the clock stops.
            self.app.processEvents()
            if self.paints.count == painted:
                viewport.repaint()
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.thread_time() - started_cpu) * 1000)
        moved = vb.viewRange()[0][0] - low
        if self.mode == "drag":
            mouse(QEvent.Type.MouseButtonRelease, at, Qt.MouseButton.LeftButton)
        if not times or abs(moved - offsets[-1]) > 0.05 * span:
            print(
                f"  note: {page_name} at {range_key} did not follow the pan "
                f"({moved / 86400:.1f} days moved, {offsets[-1] / 86400:.1f} wanted)"
            )
        view.set_range(range_key)
        self.settle()
        return times, cpu, moves


def open_window(folder: Path) -> tuple[Any, Any, Any]:
    from plasticity_app.ui.application import make_application

    app = make_application()
    from plasticity_app.controller.journal import Journal
    from plasticity_app.domain.clock import FixedClock
    from plasticity_app.ui.main_window import MainWindow

    journal = Journal(folder, FixedClock(datetime(2026, 11, 23, 20, 30)))
    window = MainWindow(journal, folder / "window.ini")
    window.resize(1200, 800)
    window.show()
    for _ in range(3):
        app.processEvents()
    return app, journal, window


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--frames", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=1, help="measure every case N times")
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--ranges", default=",".join(RANGES))
    parser.add_argument("--mode", choices=("drag", "range"), default="drag")
    parser.add_argument("--profile", metavar="PAGE:RANGE", help="e.g. outcomes:All")
    parser.add_argument(
        "--screenshots", type=Path, metavar="DIR", help="first save each page at each range here"
    )
    args = parser.parse_args()
    pages = [p.strip() for p in args.pages.split(",") if p.strip()]
    ranges = [r.strip() for r in args.ranges.split(",") if r.strip()]

    from bench.run import BARE, ensure_journal, startup

    cache = ensure_journal()
    # How fast the machine is today: the same container has run 3× slower on some days.
    bare = min(startup([sys.executable, "-c", BARE])["shown"] for _ in range(3))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "journal"
        shutil.copytree(cache / "journal", folder)
        app, journal, window = open_window(folder)
        import pyqtgraph as pg

        pg.setConfigOption("mouseRateLimit", 0)
        panner = Panner(app, window, args.mode)
        for page in pages:  # draw each page once before measuring
            panner.view.show_page(page)
            panner.settle()
        if args.screenshots:
            args.screenshots.mkdir(parents=True, exist_ok=True)
            for page in pages:
                for key in ranges:
                    panner.view.show_page(page)
                    panner.view.set_range(key)
                    panner.settle()
                    path = args.screenshots / f"{page}-{key.replace(' ', '-')}.png"
                    panner.view.grab().save(str(path))
            print(f"Saved screenshots in {args.screenshots}")
        print(
            f"Panning the Charts tab, ten-year journal, {args.frames} frames"
            f"{f' × {args.repeat}' if args.repeat > 1 else ''}, mode {args.mode}, "
            f"window 1200 × 800 ({os.cpu_count()} CPUs)"
        )
        print(
            f"This machine now: a bare PySide6 window shows in {bare:.3f} s (0.088 s on the "
            f"normal day of bench/README.md: a gauge of how slow the machine is today)"
        )
        print(
            f"{'ms per frame':<22} {'median':>7} {'p90':>7} {'max':>7}   {'CPU median':>10}"
            f" {'move':>6}   target ≤ {TARGET_MS:g} ms (median)"
        )
        pooled: dict[tuple[str, str], tuple[list[float], list[float], list[float]]] = {}
        for _ in range(max(1, args.repeat)):
            for page in pages:
                for key in ranges:
                    panner.frames(page, key, 10)  # warm-up
                    frames = panner.frames(page, key, args.frames)
                    for kept, new in zip(
                        pooled.setdefault((page, key), ([], [], [])), frames, strict=True
                    ):
                        kept.extend(new)
        for page in pages:
            for key in ranges:
                times, cpu, moves = pooled[(page, key)]
                if not times:
                    print(f"{page:<12} {key:<9} no chart")
                    continue
                median = statistics.median(times)
                verdict = "met" if median <= TARGET_MS else "MISSED"
                print(
                    f"{page:<12} {key:<9} {median:>7.1f} {percentile(times, 0.9):>7.1f} "
                    f"{max(times):>7.1f}   {statistics.median(cpu):>10.1f}"
                    f" {statistics.median(moves):>6.1f}   {verdict}",
                    flush=True,
                )
        if args.profile:
            page, _, key = args.profile.partition(":")
            profiler = cProfile.Profile(time.thread_time)
            profiler.enable()
            panner.frames(page, key or "All", args.frames)
            profiler.disable()
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            stats.sort_stats("tottime").print_stats(25)
            stats.sort_stats("cumulative").print_stats(30)
            print(out.getvalue())
        window.close()
        journal.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

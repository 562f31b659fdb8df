"""The Charts tab's content: page and range buttons, the hover read-out, the three chart pages and
saving a chart as PNG. Built (and pyqtgraph imported) when the tab is first shown."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from plasticity_app.controller.base import Change
from plasticity_app.domain import chart_state as cs
from plasticity_app.domain.experiments import Experiment
from plasticity_app.domain.openings import Opening
from plasticity_app.ui.chart_plots import ChartPage, ExperimentPage, HabitPage, OutcomePage
from plasticity_app.ui.chart_theme import ChartTheme, current_theme
from plasticity_app.ui.style import SPACING, muted

if TYPE_CHECKING:
    from plasticity_app.controller.journal import Journal

STATUS_MS = 6000
CHECKED_PADDING = 10  # pixels left and right of a chosen page's or range's text


def checked_width(button: QPushButton) -> int:
    """The width a button needs to show its whole text in the checked style below."""
    return button.fontMetrics().horizontalAdvance(button.text()) + 2 * (CHECKED_PADDING + 1) + 4


DEFAULT_RANGE = "3 months"

# Changes (by area) that cannot alter a page: everything else marks the page for a redraw.
IGNORED: dict[str, frozenset[str]] = {
    "outcomes": frozenset({"habits", "thought_records", "learning_sessions", "review"}),
    "habits": frozenset(
        {"checkin", "metrics", "experiments", "thought_records", "learning_sessions", "openings"}
    ),
    "experiments": frozenset(
        {"checkin", "metrics", "habits", "thought_records", "learning_sessions", "openings"}
    ),
}


# Changes that leave openings and experiments as they were (their list is then reused).
LEARNING_UNCHANGED = frozenset(
    {"checkin", "metrics", "habits", "thought_records", "learning_sessions", "review"}
)


@dataclass(frozen=True)
class LearningFacts:
    openings: list[Opening]
    done: list[Experiment]


def learning_facts(journal: Journal) -> LearningFacts:
    return LearningFacts(journal.learning.openings(), journal.learning.experiments("done"))


def outcome_state(journal: Journal, learning: LearningFacts | None = None) -> cs.OutcomeChart:
    """The outcome chart built afresh from every entry (the reference :class:`OutcomeCharts`
    keeps to)."""
    learning = learning or learning_facts(journal)
    markers = cs.phase_markers(journal.roadmap.roadmap().steps, learning.openings, learning.done)
    return cs.build_outcome_chart(
        journal.metrics.active(),
        journal.metrics.entries(),
        today=journal.metrics.today(),
        baseline_end=journal.metrics.baseline_end(),
        markers=markers,
    )


class OutcomeCharts:
    """Builds the outcome chart after each change from what changed: the ratings of the days
    written since (:class:`plasticity_app.controller.charts.ChartsController`), and the phase
    markers again only when the steps or the openings and experiments did."""

    def __init__(self, journal: Journal) -> None:
        self._journal = journal
        # (the openings and experiments, the steps' completions, the markers they give)
        self._markers: tuple[LearningFacts, object, tuple[cs.Marker, ...]] | None = None

    def state(self, learning: LearningFacts) -> cs.OutcomeChart:
        journal = self._journal
        metrics = journal.metrics.active()
        steps = journal.roadmap.roadmap().steps
        done = tuple((s.number, s.title, s.state, s.completed_on) for s in steps)
        if self._markers is None or self._markers[0] is not learning or self._markers[1] != done:
            markers = cs.phase_markers(steps, learning.openings, learning.done)
            self._markers = (learning, done, markers)
        return cs.build_outcome_chart_from_ratings(
            metrics,
            journal.charts.ratings([m.id for m in metrics]),
            today=journal.metrics.today(),
            baseline_end=journal.metrics.baseline_end(),
            markers=self._markers[2],
        )


def habit_state(journal: Journal) -> cs.HabitChart | None:
    habits = getattr(journal, "habits", None)
    if habits is None:
        return None
    return cs.build_habit_chart(
        habits.habits(),
        habits.entries(),
        today=habits.today(),
        first_weekday=habits.first_weekday(),
    )


def experiment_state(journal: Journal, learning: LearningFacts | None = None) -> cs.ExperimentChart:
    return cs.build_experiment_chart((learning or learning_facts(journal)).done)


class ChartsView(QWidget):
    PAGES = ("outcomes", "habits", "experiments")

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._journal = journal
        self._stale: set[str] = set(self.PAGES)
        self._range_days: int | None = dict(cs.RANGES)[DEFAULT_RANGE]
        self.last_redraw_seconds = 0.0
        self._learning: LearningFacts | None = None
        self._outcome_charts = OutcomeCharts(journal)
        self.theme: ChartTheme = current_theme()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(2 * SPACING, 2 * SPACING, 2 * SPACING, SPACING)
        layout.setSpacing(SPACING)
        bar = QHBoxLayout()
        bar.setSpacing(SPACING // 2)
        # No QButtonGroup: in a group the buttons would share one Tab stop. Every button is its
        # own Tab stop, and _check_only keeps one of each row checked.
        self.page_buttons: dict[str, QPushButton] = {}
        titles = {
            "outcomes": self.tr("Outcomes"),
            "habits": self.tr("Habits"),
            "experiments": self.tr("Experiments"),
        }
        for index, name in enumerate(self.PAGES):
            button = QPushButton(titles[name])
            button.setCheckable(True)
            button.setAccessibleName(self.tr("Show the %s chart") % titles[name])
            button.setAccessibleDescription(
                {
                    "outcomes": self.tr("Daily ratings against your baseline, with what happened"),
                    "habits": self.tr("Habit strength over time and each week against its target"),
                    "experiments": self.tr("Belief before and after each finished experiment"),
                }.get(name, "")
            )
            button.clicked.connect(lambda _=False, i=index: self._page_chosen(i))
            self.page_buttons[name] = button
            bar.addWidget(button)
        self.page_buttons["outcomes"].setChecked(True)
        bar.addStretch(1)
        bar.addWidget(QLabel(self.tr("Show:")))
        self.range_buttons: dict[str, QPushButton] = {}
        range_titles = {
            "4 weeks": self.tr("4 weeks"),
            "3 months": self.tr("3 months"),
            "1 year": self.tr("1 year"),
            "All": self.tr("All"),
        }
        for index, (key, _days) in enumerate(cs.RANGES):
            button = QPushButton(range_titles[key])
            button.setCheckable(True)
            button.setAccessibleName(self.tr("Show %s") % range_titles[key])
            button.setAccessibleDescription(self.tr("How much time the charts show, ending today"))
            button.clicked.connect(lambda _=False, i=index: self._range_chosen(i))
            self.range_buttons[key] = button
            bar.addWidget(button)
        self.range_buttons[DEFAULT_RANGE].setChecked(True)
        bar.addSpacing(2 * SPACING)
        self.save_button = QPushButton(self.tr("Save as PNG…"))
        self.save_button.setToolTip(self.tr("Save this chart as an image, sharp enough to print"))
        self.save_button.setAccessibleName(self.tr("Save this chart as a PNG image"))
        bar.addWidget(self.save_button)
        layout.addLayout(bar)
        # The chosen page and range must show in any palette (some styles barely mark :checked).
        self.setStyleSheet(
            "ChartsView QPushButton:checked { background: palette(highlight); "
            "color: palette(highlighted-text); border: 1px solid palette(highlight); "
            f"border-radius: 4px; padding: 4px {CHECKED_PADDING}px; }}"
        )
        # A button keeps the size it was given unchecked (Qt keeps its size hint), so each is
        # made wide enough for its text in the checked style too (else “Experiments” showed as
        # “:xperiments” once chosen).
        for button in (*self.page_buttons.values(), *self.range_buttons.values()):
            button.setMinimumWidth(checked_width(button))

        self.hint = self.tr(
            "Point at a chart to read a day’s values. Drag to move along the dates, "
            "Ctrl + scroll to zoom in or out."
        )
        self.readout = muted(self.hint)
        self.readout.setWordWrap(False)
        self.readout.setAccessibleName(self.tr("Chart read-out"))
        self.readout.setMinimumHeight(self.readout.sizeHint().height())
        layout.addWidget(self.readout)

        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.pages: dict[str, ChartPage] = {}
        self._make_pages()

        self.save_action = QAction(self.tr("Save chart as PNG…"), self)
        self.save_action.triggered.connect(lambda: self.save_png())
        self.show_all_action = QAction(self.tr("Show all dates"), self)
        self.show_all_action.triggered.connect(lambda: self.range_buttons["All"].click())
        self.save_button.clicked.connect(lambda: self.save_png())

    # Pages -----------------------------------------------------------------------------------
    def _make_pages(self) -> None:
        """Make the shown page afresh (the others are made when first shown)."""
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        while (stand_in := self.stack.widget(0)) is not None:
            self.stack.removeWidget(stand_in)
            stand_in.deleteLater()
        self.pages = {}
        # A stand-in for each page until it is first shown: a page costs its plots to make.
        for _name in self.PAGES:
            self.stack.addWidget(QWidget())
        self._stale = set(self.PAGES)
        checked = [b.isChecked() for b in self.page_buttons.values()]
        index = checked.index(True) if True in checked else 0
        self.page(self.PAGES[index])
        self.stack.setCurrentIndex(index)

    def page(self, name: str) -> ChartPage:
        """The page ``name``, made on first use."""
        made = self.pages.get(name)
        if made is not None:
            return made
        kind: type[ChartPage] = {
            "outcomes": OutcomePage,
            "habits": HabitPage,
            "experiments": ExperimentPage,
        }[name]
        page = kind(self.theme)
        index = self.PAGES.index(name)
        current = self.stack.currentIndex()
        stand_in = self.stack.widget(index)
        self.stack.insertWidget(index, page)
        if stand_in is not None:
            self.stack.removeWidget(stand_in)
            stand_in.deleteLater()
        self.stack.setCurrentIndex(current)
        self.pages[name] = page
        self._stale.add(name)
        page.view.scene().sigMouseMoved.connect(lambda pos, page=page: self._hover(page, pos))
        page.view.customContextMenuRequested.connect(
            lambda pos, page=page: self._context_menu(page, pos)
        )
        return page

    @property
    def outcomes(self) -> OutcomePage:
        page = self.page("outcomes")
        assert isinstance(page, OutcomePage)
        return page

    @property
    def habits(self) -> HabitPage:
        page = self.page("habits")
        assert isinstance(page, HabitPage)
        return page

    @property
    def experiments(self) -> ExperimentPage:
        page = self.page("experiments")
        assert isinstance(page, ExperimentPage)
        return page

    def current_page(self) -> ChartPage:
        return self.page(self.PAGES[self.stack.currentIndex()])

    def show_page(self, name: str) -> None:
        self._page_chosen(self.PAGES.index(name))

    @staticmethod
    def _check_only(buttons: dict[str, QPushButton], index: int) -> None:
        for position, button in enumerate(buttons.values()):
            button.setChecked(position == index)

    def _page_chosen(self, index: int) -> None:
        self._check_only(self.page_buttons, index)
        self.page(self.PAGES[index])
        self.stack.setCurrentIndex(index)
        self.readout.setText(self.hint)
        self.refresh()

    def set_range(self, key: str) -> None:
        self._range_chosen([k for k, _ in cs.RANGES].index(key))

    def _range_chosen(self, index: int) -> None:
        self._check_only(self.range_buttons, index)
        self._range_days = cs.RANGES[index][1]
        for name, page in self.pages.items():
            if page.has_chart and name not in self._stale:
                page.set_x_range(self._range_days)
                page.ranged = True
            else:
                page.ranged = False

    # Redrawing -------------------------------------------------------------------------------
    def on_changed(self, change: Change) -> None:
        if change.area not in LEARNING_UNCHANGED:
            self._learning = None
        for name in self.PAGES:
            if change.area not in IGNORED[name]:
                self._stale.add(name)
        if change.area == "settings":
            theme = current_theme()
            if (theme.dark, theme.background.name()) != (
                self.theme.dark,
                self.theme.background.name(),
            ):
                self.theme = theme
                self._make_pages()
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        self.refresh()

    def refresh(self) -> None:
        """Redraw the page on show if anything it draws has changed."""
        page = self.current_page()
        if page.name not in self._stale:
            return
        started = time.perf_counter()
        journal = self._journal
        if isinstance(page, HabitPage):
            page.update_state(habit_state(journal))
        else:
            if self._learning is None:
                self._learning = learning_facts(journal)
            if isinstance(page, OutcomePage):
                page.update_state(self._outcome_charts.state(self._learning))
            else:
                assert isinstance(page, ExperimentPage)
                page.update_state(
                    experiment_state(journal, self._learning), journal.metrics.today()
                )
        self._stale.discard(page.name)
        if page.has_chart and not page.ranged:
            page.set_x_range(self._range_days)
            page.ranged = True
        self.last_redraw_seconds = time.perf_counter() - started

    # Hover and menu --------------------------------------------------------------------------
    def _hover(self, page: ChartPage, pos: QPointF) -> None:
        if page is self.current_page():
            self.readout.setText(page.hover(pos) or self.hint)

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.addAction(self.save_action)
        menu.addAction(self.show_all_action)
        return menu

    def _context_menu(self, page: ChartPage, pos: QPoint) -> None:
        menu = self.context_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(page.view.mapToGlobal(pos))

    # Saving ----------------------------------------------------------------------------------
    def save_png(self, path: Path | None = None) -> Path | None:
        """Save the shown chart as a PNG at print resolution (asks where when no path is given)."""
        page = self.current_page()
        if not page.has_chart:
            self._status(self.tr("There is no chart to save yet."))
            return None
        if path is None:
            today = self._journal.metrics.today()
            suggested = Path.home() / f"plasticity-{page.name}-{today.isoformat()}.png"
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save chart as PNG"), str(suggested), self.tr("PNG images (*.png)")
            )
            if not chosen:
                return None
            path = Path(chosen)
            if path.suffix.lower() != ".png":
                path = path.with_suffix(path.suffix + ".png")
        image = page.render_image()
        if not image.save(str(path)):
            self._status(self.tr("Couldn’t save the chart to %s.") % path)
            return None
        self._status(self.tr("Saved the chart to %s") % path)
        return path

    def _status(self, message: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(message, STATUS_MS)
        else:
            self.readout.setText(message)

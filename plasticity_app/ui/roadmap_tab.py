"""Roadmap: the five steps as a readable path, with progress, reasons and the next action."""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from plasticity_app.controller.base import Change
from plasticity_app.controller.roadmap import RoadmapController
from plasticity_app.domain.roadmap import EXPECTATIONS, Roadmap, StepState, StepStatus
from plasticity_app.domain.text import tr
from plasticity_app.ui.icons import icon_label
from plasticity_app.ui.style import heading, make_primary, muted, repolish

READ_WIDTH = 760


def _long_date(day: object) -> str:
    from datetime import date

    assert isinstance(day, date)
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)


class StepCard(QFrame):
    """One step: number, title, state, what it is, progress, reasons and the next action."""

    actionRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        grid = QGridLayout(self)
        grid.setContentsMargins(16, 14, 16, 14)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        self.number = QLabel()
        self.number.setObjectName("stepNumber")
        grid.addWidget(self.number, 0, 0, 2, 1, Qt.AlignmentFlag.AlignTop)
        top = QHBoxLayout()
        self.title = heading("", 2)
        top.addWidget(self.title, 1)
        self.badge = QLabel()
        self.badge.setObjectName("badge")
        top.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        grid.addLayout(top, 0, 1)
        self.what = muted("")
        grid.addWidget(self.what, 1, 1)
        self.body = QVBoxLayout()
        self.body.setSpacing(6)
        grid.addLayout(self.body, 2, 1)
        self.buttons = QHBoxLayout()
        grid.addLayout(self.buttons, 3, 1)
        grid.setColumnStretch(1, 1)

    def show_step(
        self, step: StepStatus, current: bool, extra_actions: list[tuple[str, str]]
    ) -> None:
        self.number.setText(str(step.number) if not step.state.is_done else "✓")
        self.number.setProperty("state", step.state.value)
        self.badge.setProperty("state", step.state.value)
        self.badge.setText(step.state.label)
        self.title.setText(step.title)
        self.what.setText(step.what)
        self.setProperty("current", current)
        for w in (self, self.number, self.badge):
            repolish(w)
        self.setAccessibleName(f"Step {step.number}: {step.title}. {step.state.label}.")
        self._clear(self.body)
        self._clear(self.buttons)
        if step.completed_on is not None and step.state.is_done:
            done_on = (
                self.tr("Marked not needed on %s.")
                if step.state is StepState.SKIPPED
                else self.tr("Completed on %s.")
            )
            self.body.addWidget(muted(done_on % _long_date(step.completed_on)))
        for p in step.progress:
            if step.state is StepState.LOCKED:
                continue
            row = QHBoxLayout()
            label = QLabel(p.label)
            label.setMinimumWidth(200)
            row.addWidget(label)
            bar = QProgressBar()
            bar.setRange(0, max(1, p.total))
            bar.setValue(min(p.done, p.total))
            bar.setFormat(f"{p.done} of {p.total} {p.unit}".strip())
            bar.setAccessibleName(p.text)
            bar.setMaximumWidth(320)
            row.addWidget(bar, 1)
            row.addStretch(0)
            self.body.addLayout(row)
        for reason in step.reasons:
            if step.state is StepState.LOCKED:
                self.body.addWidget(icon_label("lock", reason, self.tr("Locked")))
                continue
            label = QLabel("→ " + reason)
            label.setWordWrap(True)
            self.body.addWidget(label)
        for note in step.notes:
            self.body.addWidget(muted(note))
        if step.action is not None and step.state is not StepState.LOCKED:
            button = QPushButton(step.action.label)
            button.setAccessibleName(step.action.label)
            button.setAccessibleDescription(
                self.tr("The next thing to do for step %d: %s") % (step.number, step.title)
            )
            if current:
                make_primary(button)
            button.clicked.connect(
                lambda _=False, key=step.action.key: self.actionRequested.emit(key)
            )
            self.buttons.addWidget(button)
        for key, label_text in extra_actions:
            button = QPushButton(label_text)
            button.setAccessibleName(label_text)
            button.setAccessibleDescription(self.tr("Another way to go on with this step"))
            button.clicked.connect(lambda _=False, k=key: self.actionRequested.emit(k))
            self.buttons.addWidget(button)
        self.buttons.addStretch(1)

    @staticmethod
    def _clear(layout: QHBoxLayout | QVBoxLayout) -> None:
        while layout.count():
            item = layout.takeAt(0)
            if item is None:
                continue
            widget = item.widget()
            if widget is not None:
                widget.hide()  # hidden first: a queued show must not make it a window
                widget.deleteLater()
            child = item.layout()
            if child is not None:
                StepCard._clear(child)  # type: ignore[arg-type]


class RoadmapTab(QWidget):
    """Emits ``actionRequested(key)``; the window decides what each action opens."""

    actionRequested = Signal(str)

    def __init__(self, controller: RoadmapController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        # Extra buttons per step, added by later areas: step number -> [(key, label)].
        self.extra_actions: dict[int, list[tuple[str, str]]] = {2: []}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        page = QWidget()
        scroll.setWidget(page)
        center = QHBoxLayout(page)
        column_widget = QWidget()
        column_widget.setMaximumWidth(READ_WIDTH)
        center.addStretch(1)
        center.addWidget(column_widget, 100)
        center.addStretch(1)
        column = QVBoxLayout(column_widget)
        column.setContentsMargins(24, 24, 24, 24)
        column.setSpacing(12)
        column.addWidget(heading(self.tr("Your roadmap")))
        self.summary = muted("")
        column.addWidget(self.summary)

        self.banner = QFrame()
        self.banner.setObjectName("banner")
        banner_layout = QVBoxLayout(self.banner)
        banner_layout.setContentsMargins(16, 12, 16, 12)
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        banner_layout.addWidget(self.banner_text)
        crisis = QPushButton(self.tr("If you are in crisis"))
        crisis.clicked.connect(lambda: self.actionRequested.emit("crisis"))
        banner_layout.addWidget(crisis, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.banner)

        self.cards = [StepCard() for _ in range(5)]
        for card in self.cards:
            card.actionRequested.connect(self.actionRequested)
            column.addWidget(card)

        column.addSpacing(8)
        column.addWidget(heading(self.tr("What to expect"), 2))
        column.addWidget(
            muted(
                self.tr(
                    "From the research this app draws on. Everyone is different: these are "
                    "rough time scales, not promises."
                )
            )
        )
        timeline = QFrame()
        timeline.setObjectName("card")
        tl = QGridLayout(timeline)
        tl.setContentsMargins(16, 12, 16, 12)
        tl.setHorizontalSpacing(24)
        for row, (when, what) in enumerate(EXPECTATIONS):
            when_label = QLabel(f"<b>{tr(when)}</b>")
            tl.addWidget(when_label, row, 0, Qt.AlignmentFlag.AlignTop)
            what_label = QLabel(tr(what))
            what_label.setWordWrap(True)
            tl.addWidget(what_label, row, 1)
        tl.setColumnStretch(1, 1)
        column.addWidget(timeline)
        footer = muted(
            self.tr(
                "Plasticity Journal is a notebook, not a medical device. Help → If you are in "
                "crisis lists people who can help right now."
            )
        )
        column.addWidget(footer)
        column.addStretch(1)
        self.refresh()

    def on_changed(self, change: Change) -> None:
        # Off screen, it redraws when it is shown (and time may have moved on by then): a
        # check-in elsewhere stays quick.
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        roadmap: Roadmap = self._controller.roadmap()
        current = roadmap.current
        for card, step in zip(self.cards, roadmap.steps, strict=True):
            extras = (
                self.extra_actions.get(step.number, []) if step.state is StepState.ACTIVE else []
            )
            if step.number == 2 and step.state is StepState.ACTIVE:
                extras = [*extras, ("opening_not_needed", self.tr("Not needed"))]
            card.show_step(step, step.number == current.number, extras)
        done = sum(1 for s in roadmap.steps if s.state.is_done)
        if current.state is StepState.ONGOING:
            self.summary.setText(
                self.tr(
                    "You have worked through the first four steps. Each week, review what moves "
                    "the needle and keep going."
                )
            )
        else:
            self.summary.setText(
                self.tr("You are on step %1 of 5: %2. %3 of 5 steps done.")
                .replace("%1", str(current.number))
                .replace("%2", current.title.lower())
                .replace("%3", str(done))
            )
        self.banner.setVisible(roadmap.clinician_suggestion is not None)
        self.banner_text.setText(roadmap.clinician_suggestion or "")

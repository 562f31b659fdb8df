"""Experiments: behavioural experiments (list and two-phase editor), thought records, learning
sessions and openings with their pairing window. Step 3 of the roadmap lives here."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from plasticity_app.controller.base import Change
from plasticity_app.controller.learning import LearningController
from plasticity_app.domain import learning as ln
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.experiments import ExperimentStatus, Timing
from plasticity_app.domain.openings import CAUTION, PairingState
from plasticity_app.ui import learning_widgets as lw
from plasticity_app.ui.experiment_editor import ExperimentEditor
from plasticity_app.ui.learning_widgets import Row, RowsModel
from plasticity_app.ui.opening_dialog import OpeningDialog
from plasticity_app.ui.session_dialog import SessionDialog
from plasticity_app.ui.style import error_label, heading, make_primary, muted, show_error
from plasticity_app.ui.thought_record_dialog import ThoughtRecordDialog

if TYPE_CHECKING:
    from plasticity_app.ui.main_window import MainWindow

GUIDE_WIDTH = 300
# Changes after which the lists are read again (others only redraw the lock and the banner).
LIST_AREAS = frozenset(
    {
        "experiments",
        "thought_records",
        "learning_sessions",
        "openings",
        "history",
        "demo",
        "import",
        "restore",
    }
)
PAIRING_TICK_MS = 60_000

GUIDE = """
<p><b>Small.</b> Something you can do this week, in under an hour.</p>
<p><b>Specific.</b> What, where, when, with whom. “Be more sociable” is hard to test;
“ask Sam one question at Thursday’s lunch” is easy.</p>
<p><b>It could prove the belief wrong.</b> Choose a test whose result you couldn’t easily
explain away.</p>
<p><b>Drop the safety behaviours.</b> If you over-prepare or apologise in advance, a good
result gets credited to them instead of to you.</p>
<p><b>A prediction you can check.</b> “Nobody will reply within two days” can be checked;
“it will go badly” can’t.</p>
<p><b>For example:</b> belief “If I reach out, people will think I’m a nuisance” (75 %).
Send one concise networking email to a former colleague on Tuesday and track the reply.
Prediction: no answer within a week, or a cold one.</p>
<p>Afterwards, re-rate the belief. Whatever happened is information, not a verdict.</p>
"""


class RecordTable(QTableView):
    """A read-only list: Enter or double-click opens a row, Delete asks to delete it."""

    def __init__(self, name: str, model: RowsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setAccessibleName(name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.open_row: Callable[[int], None] = lambda _key: None
        self.delete_row: Callable[[int], None] = lambda _key: None
        self.doubleClicked.connect(lambda index: self._open(index.row()))

    def current_key(self) -> int | None:
        model = self.model()
        assert isinstance(model, RowsModel)
        row = model.row_at(self.currentIndex().row()) if self.currentIndex().isValid() else None
        return None if row is None else row.key

    def select_key(self, key: int, highlight: bool = True) -> None:
        """Make the row current (Enter opens it); ``highlight`` also selects it visibly."""
        model = self.model()
        assert isinstance(model, RowsModel)
        row = model.row_of(key)
        if row >= 0:
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
                if highlight
                else QItemSelectionModel.SelectionFlag.NoUpdate
            )
            self.selectionModel().setCurrentIndex(model.index(row, 0), flags)

    def _open(self, row: int) -> None:
        model = self.model()
        assert isinstance(model, RowsModel)
        found = model.row_at(row)
        if found is not None:
            self.open_row(found.key)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = self.current_key()
        if key is not None and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_row(key)
            return
        if key is not None and event.key() == Qt.Key.Key_Delete:
            self.delete_row(key)
            return
        super().keyPressEvent(event)


def _empty_card(title: str, text: str, button: QPushButton) -> QFrame:
    card = QFrame()
    card.setObjectName("card")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(16, 16, 16, 16)
    layout.addWidget(heading(title, 3))
    layout.addWidget(muted(text))
    layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
    return card


def _button(text: str, name: str | None = None, primary: bool = False) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name or text.rstrip("…"))
    if primary:
        make_primary(button)
    return button


class ExperimentsTab(QWidget):
    """Emits ``actionRequested(key)`` (a roadmap action) when it is locked."""

    actionRequested = Signal(str)

    def __init__(self, controller: LearningController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.dialog: QDialog | None = None
        self._pairing_text = ""
        self._locked: bool | None = None
        self._drawn_day = controller.today()

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 12)
        outer.setSpacing(10)
        outer.addWidget(heading(self.tr("Experiments and learning")))
        self.intro = muted(
            self.tr(
                "Test the beliefs that hold you back with small experiments, untangle hard "
                "moments with thought records, and log your therapy and practice."
            )
        )
        outer.addWidget(self.intro)

        # Locked state -------------------------------------------------------------------------
        self.locked = QFrame()
        self.locked.setObjectName("card")
        locked_layout = QVBoxLayout(self.locked)
        locked_layout.setContentsMargins(16, 16, 16, 16)
        self.locked.setMaximumWidth(760)
        locked_layout.addWidget(heading(self.tr("This opens at step 3"), 3))
        self.locked_text = QLabel()
        self.locked_text.setWordWrap(True)
        locked_layout.addWidget(self.locked_text)
        self.locked_next = muted("")
        locked_layout.addWidget(self.locked_next)
        self.locked_button = _button("", primary=True)
        self.locked_button.clicked.connect(self._locked_action)
        locked_layout.addWidget(self.locked_button, 0, Qt.AlignmentFlag.AlignLeft)
        outer.addWidget(self.locked)
        self.locked_spacer = QWidget()
        self.locked_spacer.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        outer.addWidget(self.locked_spacer, 1)

        # Pairing banner -----------------------------------------------------------------------
        self.banner = QFrame()
        self.banner.setObjectName("banner")
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(16, 10, 16, 10)
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        banner_layout.addWidget(self.banner_text, 1)
        self.banner_session = _button(self.tr("Log a session…"), self.tr("Log a session"))
        self.banner_session.clicked.connect(self.log_session)
        banner_layout.addWidget(self.banner_session)
        outer.addWidget(self.banner)

        # Sections -----------------------------------------------------------------------------
        self.sections = QTabWidget()
        self.sections.setDocumentMode(True)
        self.sections.setAccessibleName(self.tr("Kinds of learning"))
        outer.addWidget(self.sections, 1)
        self.sections.addTab(self._build_experiments(), self.tr("Behavioural experiments"))
        self.sections.addTab(self._build_thoughts(), self.tr("Thought records"))
        self.sections.addTab(self._build_sessions(), self.tr("Learning sessions"))
        self.sections.addTab(self._build_openings(), self.tr("Openings"))
        self.sections.currentChanged.connect(lambda _i: self._refresh_lists())

        self.timer = QTimer(self)
        self.timer.setInterval(PAIRING_TICK_MS)
        self.timer.timeout.connect(lambda: self.refresh(lists=False))
        self.timer.start()
        # The lists are read when the tab is first shown (start-up stays quick on years of data);
        # the lock and banner are drawn now.
        self._lists_stale = True
        self._lock_stale = False
        self.refresh(lists=False)

    # Building ----------------------------------------------------------------------------------
    def _build_experiments(self) -> QWidget:
        self.experiments_stack = QStackedWidget()

        # The list.
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 12, 0, 0)
        bar = QHBoxLayout()
        self.new_experiment_button = _button(
            self.tr("Plan an experiment"), self.tr("Plan an experiment"), primary=True
        )
        self.new_experiment_button.setToolTip(self.tr("Plan a new behavioural experiment"))
        bar.addWidget(self.new_experiment_button)
        bar.addSpacing(16)
        show_label = QLabel(self.tr("&Show"))
        bar.addWidget(show_label)
        self.filter = QComboBox()
        self.filter.setAccessibleName(self.tr("Show experiments"))
        self.filter.setAccessibleDescription(self.tr("All, planned, done or cancelled"))
        show_label.setBuddy(self.filter)
        bar.addWidget(self.filter)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.due_summary = QLabel()
        self.due_summary.setObjectName("dueSummary")
        self.due_summary.setWordWrap(True)
        layout.addWidget(self.due_summary)
        self.experiments_model = RowsModel(
            [self.tr("Status"), self.tr("Day"), self.tr("Belief"), self.tr("Belief tested")]
        )
        self.experiments_table = RecordTable(
            self.tr("Behavioural experiments"), self.experiments_model
        )
        self.experiments_table.setAccessibleDescription(
            self.tr("Enter opens an experiment, Delete deletes it (after asking)")
        )
        self.experiments_table.open_row = self.open_experiment
        self.experiments_table.delete_row = self._delete_experiment
        layout.addWidget(self.experiments_table, 1)
        self.experiments_filtered_empty = muted("")
        layout.addWidget(self.experiments_filtered_empty)
        row = QHBoxLayout()
        self.open_experiment_button = _button(self.tr("Open"), self.tr("Open the experiment"))
        self.open_experiment_button.setAccessibleDescription(
            self.tr("Its plan, or its result once it is done")
        )
        self.delete_experiment_button = _button(
            self.tr("Delete…"), self.tr("Delete the experiment")
        )
        self.delete_experiment_button.setAccessibleDescription(
            self.tr("Asks first; Edit → Undo brings it back")
        )
        row.addWidget(self.open_experiment_button)
        row.addWidget(self.delete_experiment_button)
        row.addWidget(muted(self.tr("Enter opens the selected experiment; Delete removes it.")), 1)
        layout.addLayout(row)
        start = _button(self.tr("Plan your first experiment"), primary=True)
        start.clicked.connect(self.new_experiment)
        self.experiments_empty = _empty_card(
            self.tr("No experiments yet"),
            self.tr(
                "A behavioural experiment tests a belief that holds you back, such as “people "
                "will think I’m a nuisance if I reach out”, by doing something small that could "
                "prove it wrong. A good first one is small, specific and happens this week."
            ),
            start,
        )
        layout.addWidget(self.experiments_empty)
        self.experiments_stack.addWidget(page)

        # The editor, with the guide beside it.
        editor_page = QWidget()
        editor_row = QHBoxLayout(editor_page)
        editor_row.setContentsMargins(0, 12, 0, 0)
        editor_row.setSpacing(24)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.editor = ExperimentEditor(self._controller)
        scroll.setWidget(self.editor)
        self.editor_scroll = scroll
        editor_row.addWidget(scroll, 1)
        guide = QFrame()
        guide.setObjectName("card")
        guide.setFixedWidth(GUIDE_WIDTH)
        guide_layout = QVBoxLayout(guide)
        guide_layout.setContentsMargins(16, 14, 16, 14)
        guide_layout.addWidget(heading(self.tr("What makes a good experiment"), 3))
        self.guide_text = QLabel(self.tr(GUIDE))
        self.guide_text.setWordWrap(True)
        self.guide_text.setTextFormat(Qt.TextFormat.RichText)
        guide_layout.addWidget(self.guide_text)
        guide_layout.addStretch(1)
        editor_row.addWidget(guide, 0, Qt.AlignmentFlag.AlignTop)
        self.guide = guide
        self.experiments_stack.addWidget(editor_page)

        self.new_experiment_button.clicked.connect(self.new_experiment)
        self.filter.currentIndexChanged.connect(lambda _i: self._draw_experiments())
        self.open_experiment_button.clicked.connect(
            lambda: self._with_selected(self.experiments_table, self.open_experiment)
        )
        self.delete_experiment_button.clicked.connect(
            lambda: self._with_selected(self.experiments_table, self._delete_experiment)
        )
        self.editor.closed.connect(self.show_experiment_list)
        self.editor.saved.connect(self._experiment_saved)
        self.experiments_table.selectionModel().currentChanged.connect(
            lambda *_: self._draw_row_buttons()
        )
        return self.experiments_stack

    def _list_page(
        self,
        intro: str,
        new_text: str,
        table: RecordTable,
        empty_title: str,
        empty_text: str,
        empty_button: str,
        start: Callable[[], None],
        what: str,
    ) -> tuple[QWidget, QPushButton, QPushButton, QPushButton, QFrame]:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 12, 0, 0)
        bar = QHBoxLayout()
        new_button = _button(new_text, primary=True)
        new_button.clicked.connect(start)
        bar.addWidget(new_button)
        bar.addSpacing(16)
        bar.addWidget(muted(intro), 1)
        layout.addLayout(bar)
        layout.addWidget(table, 1)
        row = QHBoxLayout()
        open_button = _button(self.tr("Open"), self.tr("Open the %s") % what)
        delete_button = _button(self.tr("Delete…"), self.tr("Delete the %s") % what)
        open_button.clicked.connect(lambda: self._with_selected(table, table.open_row))
        delete_button.clicked.connect(lambda: self._with_selected(table, table.delete_row))
        row.addWidget(open_button)
        row.addWidget(delete_button)
        row.addStretch(1)
        layout.addLayout(row)
        first = _button(empty_button, primary=True)
        first.clicked.connect(start)
        empty = _empty_card(empty_title, empty_text, first)
        layout.addWidget(empty)
        layout.addStretch(0)
        return page, new_button, open_button, delete_button, empty

    def _build_thoughts(self) -> QWidget:
        self.thoughts_model = RowsModel(
            [
                self.tr("Day"),
                self.tr("Automatic thought"),
                self.tr("Moods"),
                self.tr("Thinking traps"),
            ]
        )
        self.thoughts_table = RecordTable(self.tr("Thought records"), self.thoughts_model)
        self.thoughts_table.open_row = self.open_thought_record
        self.thoughts_table.delete_row = self._delete_thought_record
        (
            page,
            self.new_thought_button,
            self.open_thought_button,
            self.delete_thought_button,
            self.thoughts_empty,
        ) = self._list_page(
            self.tr("Seven columns: from the situation and the hot thought to a balanced view."),
            self.tr("Write a thought record"),
            self.thoughts_table,
            self.tr("No thought records yet"),
            self.tr(
                "When a moment hits hard, a thought record slows it down: what happened, what "
                "you felt, the thought behind it, the evidence both ways, and a more balanced "
                "view. Your moods are rated before and after, so you can see what shifts."
            ),
            self.tr("Write your first thought record"),
            self.new_thought_record,
            self.tr("thought record"),
        )
        return page

    def _build_sessions(self) -> QWidget:
        self.sessions_model = RowsModel(
            [self.tr("Day"), self.tr("Kind"), self.tr("Length"), self.tr("Notes")]
        )
        self.sessions_table = RecordTable(self.tr("Learning sessions"), self.sessions_model)
        self.sessions_table.open_row = self.open_session
        self.sessions_table.delete_row = self._delete_session
        (
            page,
            self.new_session_button,
            self.open_session_button,
            self.delete_session_button,
            self.sessions_empty,
        ) = self._list_page(
            self.tr("Therapy sessions, skills practice and other learning."),
            self.tr("Log a session"),
            self.sessions_table,
            self.tr("No sessions logged yet"),
            self.tr(
                "Log each therapy session or stretch of skills practice (CBT, acceptance-based "
                "or another approach). Weeks of practice are what consolidate new patterns."
            ),
            self.tr("Log your first session"),
            self.log_session,
            self.tr("session"),
        )
        return page

    def _build_openings(self) -> QWidget:
        self.openings_model = RowsModel(
            [self.tr("When"), self.tr("Kind"), self.tr("Clinician"), self.tr("Pairing")]
        )
        self.openings_table = RecordTable(self.tr("Openings"), self.openings_model)
        self.openings_table.open_row = self.open_opening
        self.openings_table.delete_row = self._delete_opening
        (
            page,
            self.new_opening_button,
            self.open_opening_button,
            self.delete_opening_button,
            self.openings_empty,
        ) = self._list_page(
            self.tr(CAUTION),
            self.tr("Log an opening…"),
            self.openings_table,
            self.tr("No openings logged"),
            self.tr(
                "Step 2 is optional. If you and your clinician decide on an opening, log it "
                "here: the app then counts down a 72-hour window to pair it with learning."
            ),
            self.tr("Log an opening…"),
            self.log_opening,
            self.tr("opening"),
        )
        self.openings_error = error_label()
        layout = page.layout()
        assert layout is not None
        layout.addWidget(self.openings_error)
        return page

    # Drawing -----------------------------------------------------------------------------------
    def on_changed(self, change: Change) -> None:
        # A check-in or a habit tick changes nothing listed here: only the lock and the banner
        # are redrawn then, so saving a rating stays quick on a journal of years.
        # Off screen, nothing is drawn until the tab is shown.
        lists = change.area in LIST_AREAS
        if not self.isVisible():
            self._lists_stale = self._lists_stale or lists
            self._lock_stale = True
            return
        self.refresh(lists=lists)

    def showEvent(self, event: object) -> None:
        if self._lists_stale or self._lock_stale:
            self.refresh(lists=self._lists_stale)
        super().showEvent(event)  # type: ignore[arg-type]

    def refresh(self, lists: bool = True) -> None:
        self._lock_stale = False
        if lists:
            self._lists_stale = False
        reason = self._controller.lock_reason()
        locked = reason is not None
        changed = locked != self._locked or self._controller.today() != self._drawn_day
        self._locked = locked
        self.locked.setVisible(locked)
        self.locked_spacer.setVisible(locked)
        self.sections.setVisible(not locked)
        self.intro.setVisible(not locked)
        if locked:
            self._draw_locked(reason or "")
        self._draw_banner()
        if (lists or changed) and not (self._lists_stale and not self.isVisible()):
            self._lists_stale = False
            self._refresh_lists()
            if self.experiments_stack.currentIndex() == 1:
                self.editor.refresh()

    def _refresh_lists(self) -> None:
        """Redraw the section on screen (the others redraw when they are shown)."""
        if self._locked:
            return
        self._drawn_day = self._controller.today()
        draw = (
            self._draw_experiments,
            self._draw_thoughts,
            self._draw_sessions,
            self._draw_openings,
        )
        draw[self.sections.currentIndex()]()

    def _draw_locked(self, reason: str) -> None:
        roadmap = self._controller.roadmap()
        current = roadmap.current
        self.locked_text.setText(reason)
        self.locked_next.setText(
            self.tr("Now: step %1, %2.")
            .replace("%1", str(current.number))
            .replace("%2", current.title.lower())
            + (" " + " ".join(current.reasons) if current.reasons else "")
        )
        action = current.action
        self.locked_button.setVisible(action is not None)
        if action is not None:
            self.locked_button.setText(action.label)
            self.locked_button.setAccessibleName(action.label)
            self.locked_button.setProperty("action_key", action.key)

    def _locked_action(self) -> None:
        key = self.locked_button.property("action_key")
        if isinstance(key, str):
            self.actionRequested.emit(key)

    def _draw_banner(self) -> None:
        latest = self._controller.latest_opening()
        text = ""
        if latest is not None and not self._locked:
            opening, pairing = latest
            if pairing.state is PairingState.OPEN:
                hours = pairing.elapsed_hours
                ago = (
                    self.tr("just now")
                    if hours < 1
                    else self.tr("1 hour ago")
                    if hours == 1
                    else self.tr("%n hours ago", "", hours)
                )
                text = self.tr(
                    "<b>%1.</b> Your opening (%2) was %3. Log a therapy session, skills "
                    "practice, an experiment or a thought record by %4 to pair it with learning."
                )
                text = (
                    text.replace("%1", pairing.headline)
                    .replace("%2", opening.kind.short)
                    .replace("%3", ago)
                    .replace("%4", lw.date_and_time(pairing.closes_at))
                )
        self.banner.setVisible(bool(text))
        self.banner_text.setText(text)
        self.banner.setAccessibleName(self.banner_text.text())
        self._pairing_text = text

    def _status_filter(self) -> ExperimentStatus | None:
        data = self.filter.currentData()
        return None if data is None else ExperimentStatus(data)

    def _draw_experiments(self) -> None:
        counts = self._controller.status_counts()
        total = sum(counts.values())
        current = self.filter.currentData()
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItem(self.tr("All (%n)", "", total), None)
        for status in ExperimentStatus:
            self.filter.addItem(f"{self.tr(status.label)} ({counts[status]})", status.value)
        self.filter.setCurrentIndex(max(0, self.filter.findData(current)))
        self.filter.blockSignals(False)

        today = self._controller.today()
        wanted = self._status_filter()
        experiments = self._controller.experiments(wanted)
        rows = []
        due = overdue = 0
        for e in experiments:
            timing = e.timing(today)
            due += timing is Timing.DUE
            overdue += timing is Timing.OVERDUE
            state = e.timing_text(today)
            if timing is Timing.DUE:
                state = "● " + state
            elif timing is Timing.OVERDUE:
                state = "▲ " + state
            day = e.result.done_date if e.result is not None else e.plan.planned_date
            rows.append(
                Row(
                    [
                        state,
                        lw.short_date(day, today),
                        e.belief_change,
                        ln.shorten(e.plan.target_belief, 160),
                    ],
                    e.id,
                    emphasis="due"
                    if timing is Timing.DUE
                    else "overdue"
                    if timing is Timing.OVERDUE
                    else "",
                    tooltip=e.plan.target_belief,
                    accessible=f"{state}, {lw.long_date(day)}, belief {e.belief_change}: "
                    f"{e.plan.target_belief}",
                )
            )
        selected = self.experiments_table.current_key()
        shown = self.experiments_table.selectionModel().hasSelection()
        self.experiments_model.set_rows(rows)
        if selected is not None:
            self.experiments_table.select_key(selected, highlight=shown)
        elif rows and not self.experiments_table.currentIndex().isValid():
            self.experiments_table.select_key(rows[0].key, highlight=False)
        summary = []
        if wanted in (None, ExperimentStatus.PLANNED):
            if due:
                summary.append(self.tr("%n due today", "", due))
            if overdue:
                summary.append(self.tr("%n overdue", "", overdue))
        self.due_summary.setText(
            (
                "<b>"
                + ", ".join(summary).capitalize()
                + ".</b> "
                + self.tr("Open one to record how it went, or move its day.")
            )
            if summary
            else ""
        )
        self.due_summary.setVisible(bool(summary))
        has_any = total > 0
        self.experiments_empty.setVisible(not has_any)
        self.experiments_table.setVisible(has_any)
        self.filter.setEnabled(has_any)
        self.experiments_filtered_empty.setVisible(has_any and not rows)
        self.experiments_filtered_empty.setText(
            self.tr("No experiments with this status.") if has_any and not rows else ""
        )
        self._draw_row_buttons()

    def _draw_row_buttons(self) -> None:
        has = self.experiments_table.current_key() is not None
        for button in (self.open_experiment_button, self.delete_experiment_button):
            button.setEnabled(has)
            button.setVisible(self.experiments_model.rowCount() > 0)
            button.setToolTip("" if has else self.tr("Select an experiment in the list first."))

    def _draw_thoughts(self) -> None:
        today = self._controller.today()
        rows = [
            Row(
                [
                    lw.short_date(t.day, today),
                    t.title,
                    t.mood_summary(),
                    ", ".join(t.distortion_labels()),
                ],
                t.id or 0,
                tooltip=t.automatic_thought,
            )
            for t in self._controller.thought_records()
        ]
        self._fill(
            self.thoughts_table,
            self.thoughts_model,
            rows,
            self.thoughts_empty,
            (self.open_thought_button, self.delete_thought_button),
        )

    def _draw_sessions(self) -> None:
        today = self._controller.today()
        rows = [
            Row(
                [
                    lw.short_date(s.day, today),
                    self.tr(s.kind.label),
                    ln.minutes_text(s.minutes),
                    ln.shorten(s.notes, 90),
                ],
                s.id or 0,
                tooltip=s.notes,
            )
            for s in self._controller.sessions()
        ]
        self._fill(
            self.sessions_table,
            self.sessions_model,
            rows,
            self.sessions_empty,
            (self.open_session_button, self.delete_session_button),
        )

    def _draw_openings(self) -> None:
        rows = []
        for o in reversed(self._controller.openings()):
            pairing = self._controller.pairing(o)
            rows.append(
                Row(
                    [lw.date_and_time(o.at), self.tr(o.kind.short), o.clinician, pairing.headline],
                    o.id or 0,
                    emphasis="due" if pairing.state is PairingState.OPEN else "",
                    tooltip=o.notes,
                )
            )
        self._fill(
            self.openings_table,
            self.openings_model,
            rows,
            self.openings_empty,
            (self.open_opening_button, self.delete_opening_button),
        )
        blocked = self._controller.opening_lock_reason()
        self.new_opening_button.setEnabled(blocked is None)
        self.new_opening_button.setToolTip(blocked or "")

    def _fill(
        self,
        table: RecordTable,
        model: RowsModel,
        rows: list[Row],
        empty: QFrame,
        buttons: tuple[QPushButton, ...],
    ) -> None:
        selected = table.current_key()
        shown = table.selectionModel().hasSelection()
        model.set_rows(rows)
        if selected is not None:
            table.select_key(selected, highlight=shown)
        elif rows and not table.currentIndex().isValid():
            table.select_key(rows[0].key, highlight=False)
        table.setVisible(bool(rows))
        empty.setVisible(not rows)
        for button in buttons:
            button.setVisible(bool(rows))

    # Experiments -------------------------------------------------------------------------------
    def new_experiment(self) -> None:
        """Open a blank experiment plan with the cursor in the belief (Ctrl+E)."""
        if self._controller.lock_reason() is not None:
            self.locked_button.setFocus()
            return
        self.sections.setCurrentIndex(0)
        self.experiments_stack.setCurrentIndex(1)
        self.editor.start_new()
        self.editor_scroll.ensureVisible(0, 0)

    def open_experiment(self, experiment_id: int, phase: str | None = None) -> None:
        self.sections.setCurrentIndex(0)
        try:
            self.editor.open_experiment(experiment_id, phase)
        except UserError:
            self._draw_experiments()
            return
        self.experiments_stack.setCurrentIndex(1)
        self.editor_scroll.ensureVisible(0, 0)

    def show_experiment_list(self) -> None:
        self.experiments_stack.setCurrentIndex(0)
        self._draw_experiments()
        self.experiments_table.setFocus()

    def _experiment_saved(self, experiment_id: int) -> None:
        self.show_experiment_list()
        self.experiments_table.select_key(experiment_id)

    def _delete_experiment(self, experiment_id: int) -> None:
        try:
            experiment = self._controller.experiment(experiment_id)
        except UserError:
            return
        if lw.confirm(
            self,
            self.tr("Delete this experiment?"),
            self.tr("Delete the experiment “%s” with its plan and result?") % experiment.title,
            self.tr("Delete"),
        ):
            self._controller.delete_experiment(experiment_id)

    # Thought records, sessions, openings --------------------------------------------------------
    def _show_dialog(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.finished.connect(lambda _r: self._forget(dialog))
        dialog.open()

    def _forget(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def new_thought_record(self) -> None:
        self.sections.setCurrentIndex(1)
        self._show_dialog(ThoughtRecordDialog(self._controller, None, self))

    def open_thought_record(self, record_id: int) -> None:
        try:
            record = self._controller.thought_record(record_id)
        except UserError:
            return
        self._show_dialog(ThoughtRecordDialog(self._controller, record, self))

    def _delete_thought_record(self, record_id: int) -> None:
        try:
            record = self._controller.thought_record(record_id)
        except UserError:
            return
        if lw.confirm(
            self,
            self.tr("Delete this thought record?"),
            self.tr("Delete the thought record “%s”?") % record.title,
            self.tr("Delete"),
        ):
            self._controller.delete_thought_record(record_id)

    def log_session(self) -> None:
        if self._controller.lock_reason() is None:
            self.sections.setCurrentIndex(2)
        self._show_dialog(SessionDialog(self._controller, None, self))

    def open_session(self, session_id: int) -> None:
        try:
            session = self._controller.session(session_id)
        except UserError:
            return
        self._show_dialog(SessionDialog(self._controller, session, self))

    def _delete_session(self, session_id: int) -> None:
        try:
            session = self._controller.session(session_id)
        except UserError:
            return
        if lw.confirm(
            self,
            self.tr("Delete this session?"),
            self.tr("Delete the %1 of %2?")
            .replace("%1", self.tr(session.kind.label).lower())
            .replace("%2", lw.long_date(session.day)),
            self.tr("Delete"),
        ):
            self._controller.delete_session(session_id)

    def log_opening(self) -> None:
        self._show_dialog(OpeningDialog(self._controller, None, self))

    def open_opening(self, opening_id: int) -> None:
        try:
            opening = self._controller.opening(opening_id)
        except UserError:
            return
        self._show_dialog(OpeningDialog(self._controller, opening, self))

    def _delete_opening(self, opening_id: int) -> None:
        try:
            opening = self._controller.opening(opening_id)
        except UserError:
            return
        if lw.confirm(
            self,
            self.tr("Delete this opening?"),
            self.tr("Delete the opening (%1) of %2? Step 2 stays decided.")
            .replace("%1", self.tr(opening.kind.short))
            .replace("%2", lw.date_and_time(opening.at)),
            self.tr("Delete"),
        ):
            try:
                self._controller.delete_opening(opening_id)
            except UserError as exc:
                show_error(self.openings_error, exc.message)

    def _with_selected(self, table: RecordTable, action: Callable[[int], None]) -> None:
        key = table.current_key()
        if key is not None:
            action(key)


# Wiring into the main window ----------------------------------------------------------------------
def install(window: MainWindow) -> ExperimentsTab:
    """Add the Experiments tab, the roadmap's step 2 and 3 actions, and the pairing countdown."""
    journal = window.journal
    tab = ExperimentsTab(journal.learning)
    window.add_tab("experiments", tab, window.tr("&Experiments"))
    tab.actionRequested.connect(window.run_action)

    def show(action: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            window.show_tab("experiments")
            action()

        return run

    def opening_dialog(choose: bool) -> None:
        dialog = OpeningDialog(journal.learning, None, window, choose=choose)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.opening_dialog = dialog  # type: ignore[attr-defined]
        dialog.open()

    window.actions_by_key.update(
        {
            "new_experiment": show(tab.new_experiment),
            "new_thought_record": show(tab.new_thought_record),
            "log_session": show(tab.log_session),
            "decide_opening": lambda: opening_dialog(True),
            "log_opening": lambda: opening_dialog(False),
        }
    )
    window.roadmap_tab.extra_actions.setdefault(2, []).append(
        ("log_opening", window.tr("Log an opening…"))
    )
    window.roadmap_tab.refresh()

    # The countdown moves with the clock, not only with changes: redraw the roadmap when the
    # pairing headline changes (once a minute is plenty for hours).
    last = {"text": ""}

    def tick() -> None:
        latest = journal.learning.latest_opening()
        text = latest[1].headline if latest is not None else ""
        if text != last["text"]:
            last["text"] = text
            window.roadmap_tab.refresh()

    tab.timer.timeout.connect(tick)
    return tab

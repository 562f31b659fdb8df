"""The main window: tabs in the design's order, menus, shortcuts, and the status bar.

It is shown in two moments so that a person sees their window at once: the frame (title, menus,
the size they left it at, a quiet "Opening your journal…" page) before the journal is opened, and
the tabs once it is (``open``). Everything heavy is imported in ``open``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from plasticity_app import APP_NAME, __version__
from plasticity_app.db.faults import WriteRefusedError
from plasticity_app.domain.errors import UserError

if TYPE_CHECKING:
    from plasticity_app.controller.base import Change
    from plasticity_app.controller.history import HistoryController, Step
    from plasticity_app.controller.journal import Journal
    from plasticity_app.ui.checkin_tab import CheckinTab
    from plasticity_app.ui.experiments_tab import ExperimentsTab
    from plasticity_app.ui.habits_tab import HabitsTab
    from plasticity_app.ui.review_tab import ReviewTab
    from plasticity_app.ui.roadmap_tab import RoadmapTab

STATUS_MS = 6000
# The tabs' fixed order (DESIGN.md §5); each area adds its tab with its key.
TAB_ORDER = ("roadmap", "checkin", "experiments", "habits", "charts", "review")
WINDOW_SETTINGS = "window.ini"


class UndoStep(QUndoCommand):
    """One committed action on the undo stack. It is already done when pushed.

    When the disk refuses an undo or a redo, nothing changed: ``refused`` says so and puts the
    stack back where it was (the next ``redo``/``undo`` call only moves it), so the person can
    try again once there is room."""

    def __init__(
        self,
        history: HistoryController,
        step: Step,
        refused: Callable[[UndoStep, str, bool], None] | None = None,
    ) -> None:
        super().__init__(step.description)
        self._history = history
        self._step = step
        self._first = True
        self._refused = refused
        self.skip_next = False

    def redo(self) -> None:
        if self._first or self.skip_next:
            self._first = self.skip_next = False
            return
        self._replay(self._history.redo, undoing=False)

    def undo(self) -> None:
        if self.skip_next:
            self.skip_next = False
            return
        self._replay(self._history.undo, undoing=True)

    def _replay(self, replay: Callable[[Step], None], *, undoing: bool) -> None:
        try:
            replay(self._step)
        except WriteRefusedError as exc:
            if self._refused is None:
                raise
            self._refused(self, exc.message, undoing)


class MainWindow(QMainWindow):
    journal: Journal
    roadmap_tab: RoadmapTab
    checkin_tab: CheckinTab
    experiments_tab: ExperimentsTab
    habits_tab: HabitsTab
    review_tab: ReviewTab

    def __init__(self, journal: Journal | None = None, settings_path: Path | None = None) -> None:
        """The frame; with a journal, its tabs too. Without one, ``settings_path`` (the window's
        size and place, kept beside the journal) is needed and ``open`` follows."""
        super().__init__()
        self.setWindowTitle(APP_NAME)
        # Usable on a 1024×600 screen, title bar and taskbar included (UX.md: Feel).
        self.setMinimumSize(720, 480)
        if settings_path is None:
            if journal is None:
                raise ValueError("a window without its journal needs its settings file")
            settings_path = journal.data_dir / WINDOW_SETTINGS
        self._qsettings = QSettings(str(settings_path), QSettings.Format.IniFormat)
        self._data_dir = journal.data_dir if journal is not None else settings_path.parent
        self.opened = False
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName(self.tr("Sections"))
        self.views: list[QWidget] = []
        self.tab_keys: list[str] = []
        self.actions_by_key: dict[str, Callable[[], None]] = {}
        self.undo_stack = QUndoStack(self)
        self.setCentralWidget(self._opening_page())
        self._build_menus()
        self._journal_actions = [
            self.import_action,
            self.export_action,
            self.print_action,
            self.pdf_action,
            self.backups_action,
            self.checkin_action,
            self.new_experiment_action,
            self.preferences_action,
        ]
        for action in self._journal_actions:
            action.setEnabled(False)
        self._restore_geometry()
        if journal is not None:
            self.open(journal)

    def _opening_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self._opening_label = QLabel(self.tr("Opening your journal…"))
        self._opening_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._opening_label.setEnabled(False)  # the palette's quiet text, in light and dark
        layout.addWidget(self._opening_label)
        return page

    def set_opening_text(self, text: str) -> None:
        """What the frame says while the journal is not open yet."""
        if not self.opened:
            self._opening_label.setText(text)

    def open(self, journal: Journal) -> None:
        """Build the tabs on the journal, bring back the last tab, and follow every change."""
        from plasticity_app.ui.checkin_tab import CheckinTab
        from plasticity_app.ui.experiments_tab import install as install_experiments
        from plasticity_app.ui.roadmap_tab import RoadmapTab

        self.journal = journal
        self.roadmap_tab = RoadmapTab(journal.roadmap)
        self.checkin_tab = CheckinTab(journal.metrics)
        self.add_tab("roadmap", self.roadmap_tab, self.tr("&Roadmap"))
        self.add_tab("checkin", self.checkin_tab, self.tr("&Check-in"))
        self.roadmap_tab.actionRequested.connect(self.run_action)

        # Later areas register what a roadmap action key opens.
        self.actions_by_key.update(
            {
                "check_in": self.check_in_today,
                "add_metric": self.add_metric,
                "opening_not_needed": self.opening_not_needed,
                "crisis": lambda: self.show_help("crisis"),
            }
        )
        # Experiments tab, step 2's opening choice ("decide_opening", "log_opening"), step 3 actions.
        self.experiments_tab = install_experiments(self)
        from plasticity_app.ui.charts_tab import ChartsTab

        self.add_tab("charts", ChartsTab(journal), self.tr("C&harts"))
        from plasticity_app.ui.habits_tab import install_habits

        self.habits_tab = install_habits(self)
        from plasticity_app.ui.review_tab import ReviewTab

        self.review_tab = ReviewTab(journal.review)
        self.add_tab("review", self.review_tab, self.tr("&Weekly review"))
        self.review_tab.printRequested.connect(self.print_summary)
        self.review_tab.pdfRequested.connect(self.save_summary_pdf)
        self.actions_by_key["review"] = lambda: self.show_tab("review")
        journal.history.recorded.connect(self._recorded)
        journal.history.cleared.connect(self.undo_stack.clear)
        journal.hub.changed.connect(self._changed)
        self.setCentralWidget(self.tabs)
        for action in self._journal_actions:
            action.setEnabled(True)
        self.opened = True
        self.statusBar().showMessage(self.tr("Your journal: %s") % journal.data_dir, STATUS_MS)
        self._restore_tab()
        self._qsettings.setValue("theme", journal.settings.get().theme)
        from plasticity_app.ui.application import app_icon
        from plasticity_app.ui.reminder import Reminder

        self.reminder = Reminder(journal, app_icon(), self)
        self.reminder.fired.connect(lambda msg: self.statusBar().showMessage(msg, 0))

    def saved_theme(self) -> str:
        """The theme chosen last time, kept with the window so the frame is drawn in it."""
        theme = self._qsettings.value("theme", "system")
        return theme if theme in ("system", "light", "dark") else "system"

    # Tabs ----------------------------------------------------------------------------------------
    def add_tab(self, key: str, widget: QWidget, title: str) -> None:
        """Insert a tab at its place in TAB_ORDER; its ``on_changed(change)`` gets every change."""
        rank = TAB_ORDER.index(key)
        index = sum(1 for k in self.tab_keys if TAB_ORDER.index(k) < rank)
        self.tab_keys.insert(index, key)
        self.tabs.insertTab(index, widget, title)
        widget.setAccessibleName(title.replace("&", ""))
        self.views.append(widget)
        for i in range(self.tabs.count()):
            self.tabs.setTabToolTip(i, f"Ctrl+{i + 1}")
        if hasattr(self, "view_menu"):
            self.rebuild_view_menu()

    def show_tab(self, key: str) -> None:
        if key in self.tab_keys:
            self.tabs.setCurrentIndex(self.tab_keys.index(key))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.import_action = QAction(self.tr("&Import…"), self)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self.show_import)
        file_menu.addAction(self.import_action)
        self.export_action = QAction(self.tr("&Export as JSON…"), self)
        self.export_action.triggered.connect(self.export_json)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        self.print_action = QAction(self.tr("&Print weekly summary…"), self)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.triggered.connect(lambda: self.print_summary(self._summary_week()))
        file_menu.addAction(self.print_action)
        self.pdf_action = QAction(self.tr("Save weekly summary as P&DF…"), self)
        self.pdf_action.triggered.connect(lambda: self.save_summary_pdf(self._summary_week()))
        file_menu.addAction(self.pdf_action)
        file_menu.addSeparator()
        self.backups_action = QAction(self.tr("&Backups…"), self)
        self.backups_action.triggered.connect(self.show_backups)
        file_menu.addAction(self.backups_action)
        file_menu.addSeparator()
        self.file_menu = file_menu
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        self.edit_menu = bar.addMenu(self.tr("&Edit"))
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.edit_menu.addSeparator()
        checkin = QAction(self.tr("Check in &today"), self)
        checkin.setShortcut(QKeySequence("Ctrl+D"))
        checkin.triggered.connect(self.check_in_today)
        self.edit_menu.addAction(checkin)
        new_experiment = QAction(self.tr("New &experiment…"), self)
        new_experiment.setShortcut(QKeySequence("Ctrl+E"))
        new_experiment.triggered.connect(lambda: self.run_action("new_experiment"))
        self.edit_menu.addAction(new_experiment)
        self.new_experiment_action = new_experiment
        self.checkin_action = checkin
        self.edit_menu.addSeparator()
        preferences = QAction(self.tr("&Preferences…"), self)
        preferences.setShortcut(QKeySequence.StandardKey.Preferences)
        preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        preferences.triggered.connect(self.show_preferences)
        self.edit_menu.addAction(preferences)
        self.preferences_action = preferences

        self.view_menu = bar.addMenu(self.tr("&View"))
        self._tab_actions: list[QAction] = []
        self.rebuild_view_menu()

        help_menu = bar.addMenu(self.tr("&Help"))
        crisis = QAction(self.tr("If you are in &crisis"), self)
        crisis.triggered.connect(lambda: self.show_help("crisis"))
        help_menu.addAction(crisis)
        roadmap_help = QAction(self.tr("How the &roadmap works"), self)
        roadmap_help.triggered.connect(lambda: self.show_help("roadmap"))
        help_menu.addAction(roadmap_help)
        science = QAction(self.tr("The &science, honestly"), self)
        science.setShortcut(QKeySequence.StandardKey.HelpContents)
        science.triggered.connect(lambda: self.show_help("science"))
        help_menu.addAction(science)
        disclaimer = QAction(self.tr("&Disclaimer"), self)
        disclaimer.triggered.connect(lambda: self.show_help("disclaimer"))
        help_menu.addAction(disclaimer)
        help_menu.addSeparator()
        about = QAction(self.tr("&About Plasticity Journal"), self)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self.about)
        help_menu.addAction(about)
        self.help_menu = help_menu

    def rebuild_view_menu(self) -> None:
        for action in self._tab_actions:
            self.view_menu.removeAction(action)
            action.deleteLater()
        self._tab_actions = []
        for index in range(self.tabs.count()):
            action = QAction(self.tabs.tabText(index), self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _=False, i=index: self.tabs.setCurrentIndex(i))
            self.view_menu.addAction(action)
            self._tab_actions.append(action)

    # Redrawing -----------------------------------------------------------------------------------
    def _changed(self, change: Change) -> None:
        self.statusBar().showMessage(change.message, STATUS_MS)
        for view in self.views:
            handler = getattr(view, "on_changed", None)
            if handler is not None:
                handler(change)

    def _recorded(self, step: Step) -> None:
        self.undo_stack.push(UndoStep(self.journal.history, step, self._undo_refused))

    def _undo_refused(self, command: UndoStep, message: str, undoing: bool) -> None:
        """The disk refused an undo (or redo): nothing changed, so the stack goes back."""
        self.statusBar().showMessage(message, STATUS_MS)
        command.skip_next = True
        QTimer.singleShot(0, self.undo_stack.redo if undoing else self.undo_stack.undo)

    # Actions -------------------------------------------------------------------------------------
    def run_action(self, key: str) -> None:
        action = self.actions_by_key.get(key)
        if action is not None:
            action()

    def check_in_today(self) -> None:
        self.tabs.setCurrentWidget(self.checkin_tab)
        self.checkin_tab.set_day(self.journal.metrics.today())
        self.checkin_tab.focus_first_rating()

    def add_metric(self) -> None:
        self.tabs.setCurrentWidget(self.checkin_tab)
        self.checkin_tab.add_metric()

    def opening_not_needed(self) -> None:
        try:
            self.journal.roadmap.mark_opening_not_needed()
        except UserError as exc:
            self.statusBar().showMessage(exc.message, STATUS_MS)

    def _summary_week(self) -> date:
        return self.review_tab.week()

    def print_summary(self, week: date) -> None:
        from plasticity_app.ui.printing import print_preview

        self._preview = print_preview(self, self.journal, week)

    def save_summary_pdf(self, week: date) -> None:
        from plasticity_app.ui.printing import save_pdf

        save_pdf(self, self.journal, week, lambda msg: self.statusBar().showMessage(msg, STATUS_MS))

    def show_import(self) -> None:
        from plasticity_app.ui.import_dialog import ImportDialog

        dialog = ImportDialog(self.journal, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.import_dialog = dialog
        dialog.open()

    def show_backups(self) -> None:
        from plasticity_app.ui.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self.journal.safety, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.backups_dialog = dialog
        dialog.open()

    def show_preferences(self) -> None:
        from plasticity_app.ui.encryption_widgets import EncryptionSection
        from plasticity_app.ui.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self.journal.settings, self)
        dialog.extra.addWidget(EncryptionSection(self.journal.safety, dialog))
        dialog.exec()

    def show_help(self, page: str) -> None:
        from plasticity_app.ui.help_dialogs import HelpDialog

        HelpDialog(page, self).exec()

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Plasticity Journal"),
            self.tr(
                "<h3>Plasticity Journal %1</h3><p>A private, offline journal for building "
                "self-confidence through small experiments and supportive habits.</p>"
                "<p>Your journal is stored in:<br><code>%2</code></p>"
                "<p>Not a medical device. Help → If you are in crisis lists people who can help.</p>"
            )
            .replace("%1", __version__)
            .replace("%2", str(self._data_dir)),
        )

    def export_json(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export journal as JSON"),
            str(Path.home() / "plasticity-journal.json"),
            self.tr("JSON files (*.json)"),
        )
        if not path:
            return
        from plasticity_app.ui.background import run_in_background

        run_in_background(
            self,
            self.journal,
            self.tr("Exporting your journal…"),
            lambda _task: self.journal.export.write_json(Path(path)),
            lambda _doc: self.statusBar().showMessage(self.tr("Exported to %s") % path, STATUS_MS),
            lambda message: QMessageBox.warning(self, self.tr("Export failed"), message),
        )

    # Window state --------------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = self._qsettings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            from plasticity_app.ui.style import fit_to_screen

            fit_to_screen(self, 1100, 760)

    def _restore_tab(self) -> None:
        tab = self._qsettings.value("tab", 0)
        try:
            index = int(tab)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            index = 0
        if 0 <= index < self.tabs.count():
            self.tabs.setCurrentIndex(index)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._qsettings.setValue("geometry", self.saveGeometry())
        if self.opened:
            # Nothing keeps polling a journal that is about to close.
            self.experiments_tab.timer.stop()
            self.reminder.stop()
            self.checkin_tab._flush_note()
            self._qsettings.setValue("tab", self.tabs.currentIndex())
            self._qsettings.setValue("theme", self.journal.settings.get().theme)
        self._qsettings.sync()
        super().closeEvent(event)

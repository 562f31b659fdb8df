"""Starting the window: the QApplication, the journal folder, onboarding, the main window."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QMessageBox

from plasticity_app import APP_NAME, __version__
from plasticity_app.paths import resolve_data_dir, resource

if TYPE_CHECKING:
    from plasticity_app.controller.journal import Journal
    from plasticity_app.ui.main_window import MainWindow


def app_icon() -> QIcon:
    icon = QIcon()
    folder = resource("icons", "png")
    if folder.is_dir():
        for png in sorted(folder.glob("plasticity-journal-*.png")):
            icon.addFile(str(png))
    svg = resource("icons", "plasticity-journal.svg")
    if icon.isNull() and svg.exists():
        icon.addFile(str(svg))
    return icon


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("io.github.plasticityjournal.PlasticityJournal")
    app.setWindowIcon(app_icon())
    from plasticity_app.ui.locale_format import install_system_locale, install_translations

    install_system_locale()  # dates and numbers as the person's locale writes them
    install_translations()  # the domain's and controllers' sentences through Qt's translators
    return app


def smoke_test(app: QApplication, window: QMainWindow) -> int:
    """Visit every tab and come back; any exception fails the run (exit status 1)."""
    from plasticity_app.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    app.processEvents()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        for _ in range(3):
            app.processEvents()
        name = window.tabs.tabText(index).replace("&", "")
        print(f"smoke test: {name} tab shown", flush=True)
    window.close()
    print("smoke test: ok", flush=True)
    return 0


EXIT_WHEN_SHOWN_ENV = "PLASTICITY_EXIT_WHEN_SHOWN"


def _report(app: QApplication, moment: str, quit_after: bool) -> None:
    """Print when the window is up (``shown``: its frame; ``ready``: the journal in it) and the
    peak memory so far, for bench/; quit after ``ready``."""
    import resource
    import time

    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{moment} {time.time():.6f} {peak_kb}", flush=True)
    if quit_after:
        app.quit()


class JournalOpening:
    """Opens the journal into a window that is already on screen: the passphrase, damaged-file
    and onboarding dialogs come over it, and the tabs are built when the journal is ready."""

    def __init__(
        self, app: QApplication, window: MainWindow, data_dir: Path, demo: bool, report: bool
    ) -> None:
        self.app = app
        self.window = window
        self.data_dir = data_dir
        self.demo = demo
        self.report = report
        self.journal: Journal | None = None

    def run(self) -> bool:
        """True when the window holds the journal; otherwise the app is asked to exit."""
        try:
            return self._run()
        except Exception as exc:  # never leave the person looking at "Opening your journal…"
            import traceback

            traceback.print_exc()
            QMessageBox.critical(
                self.window,
                APP_NAME,
                self.app.tr(
                    "Your journal couldn’t be opened: %1\n\nNothing in it was changed. "
                    "Try starting Plasticity Journal again."
                ).replace("%1", str(exc) or type(exc).__name__),
            )
            self.app.exit(1)
            return False

    def _run(self) -> bool:
        from plasticity_app.controller.journal import Journal
        from plasticity_app.db.database import NotAJournalError
        from plasticity_app.db.migrations import NewerSchemaError
        from plasticity_app.domain.errors import UserError
        from plasticity_app.ui.style import apply_theme

        self.window.repaint()  # the frame is on screen before any waiting starts
        try:
            if self.demo:
                from plasticity_app.controller.demo_all import seed_full_demo

                journal = Journal(self.data_dir)
                self.journal = journal
                seed_full_demo(journal)
            else:
                from plasticity_app.ui.journal_opening import open_journal

                opened = open_journal(self.window, self.data_dir)
                if opened is None:
                    self.app.exit(0)
                    return False
                journal = opened
                self.journal = journal
        except (UserError, NotAJournalError, NewerSchemaError) as exc:
            QMessageBox.critical(self.window, APP_NAME, str(exc))
            self.app.exit(1)
            return False
        theme = journal.settings.get().theme
        if theme != self.window.saved_theme():
            apply_theme(self.app, theme)
        if journal.onboarding.needed():
            from plasticity_app.ui.onboarding import OnboardingWizard

            self.window.set_opening_text(self.app.tr("Setting up your journal…"))
            wizard = OnboardingWizard(journal.onboarding, self.window)
            if wizard.exec() != QDialog.DialogCode.Accepted:
                self.app.exit(0)
                return False
        self.window.open(journal)
        kept = journal.prepared.kept
        if kept is not None:  # a stray write-ahead file was applied, after a copy was kept
            self.window.statusBar().showMessage(
                self.app.tr(
                    "Your last changes were recovered after an unexpected stop; the files as they "
                    "were before are kept as %1"
                ).replace("%1", kept.name)
            )
        if self.report:
            QTimer.singleShot(0, lambda: _report(self.app, "ready", quit_after=True))
        # The daily backup, once the tabs are up (it never blocks the first paint).
        QTimer.singleShot(0, journal.safety.backup_if_due)
        return True

    def close(self) -> None:
        if self.journal is not None:
            self.journal.close()


def run_gui(args: argparse.Namespace) -> int:
    app = make_application()
    from plasticity_app.ui.main_window import WINDOW_SETTINGS, MainWindow
    from plasticity_app.ui.style import apply_theme

    demo_dir: Path | None = None
    lock = None
    if args.demo or args.smoke_test:
        demo_dir = Path(tempfile.mkdtemp(prefix="plasticity-demo-"))
        data_dir = demo_dir
    else:
        from plasticity_app.ui.instance_lock import acquire_lock

        data_dir = resolve_data_dir(args.data_dir)
        lock = acquire_lock(data_dir)
        if lock is None:
            from plasticity_app.ui.lock_dialog import resolve_held_lock

            lock = resolve_held_lock(None, data_dir)  # a stale one taken over, if the person chose
            if lock is None:
                return 0
    from plasticity_app.ui.privacy import keep_qt_settings_in, quit_on_termination

    keep_qt_settings_in(data_dir)  # the file dialog's history stays in the private folder
    quit_on_termination(app)  # SIGTERM too ends through the clean-up below (the demo folder)
    report = bool(os.environ.get(EXIT_WHEN_SHOWN_ENV))  # the benchmark's start-up timing
    # The frame first, in the theme chosen last time; the journal opens right after it is painted.
    window = MainWindow(settings_path=data_dir / WINDOW_SETTINGS)
    apply_theme(app, window.saved_theme())
    if args.demo:
        window.setWindowTitle(f"{APP_NAME} (demo)")
    window.show()
    from plasticity_app.ui import fault_report

    fault_report.install(window)  # a refused write no view caught is still told plainly
    opening = JournalOpening(app, window, data_dir, demo=demo_dir is not None, report=report)
    try:
        if args.smoke_test:
            app.processEvents()
            return smoke_test(app, window) if opening.run() else 1
        if report:
            QTimer.singleShot(0, lambda: _report(app, "shown", quit_after=False))
        QTimer.singleShot(0, opening.run)
        return app.exec()
    finally:
        opening.close()
        if demo_dir is not None:
            shutil.rmtree(demo_dir, ignore_errors=True)

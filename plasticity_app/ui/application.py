"""Starting the window: the QApplication, the journal folder, onboarding, the main window."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QMessageBox

from plasticity_app import APP_NAME, __version__
from plasticity_app.paths import resolve_data_dir, resource


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


def _report_shown(app: QApplication) -> None:
    """Print the moment the window is up and the peak memory so far, then quit (bench/)."""
    import resource
    import time

    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"shown {time.time():.6f} {peak_kb}", flush=True)
    app.quit()


def run_gui(args: argparse.Namespace) -> int:
    app = make_application()
    from plasticity_app.controller.journal import Journal
    from plasticity_app.db.database import NotAJournalError
    from plasticity_app.db.migrations import NewerSchemaError
    from plasticity_app.domain.errors import UserError
    from plasticity_app.ui.main_window import MainWindow
    from plasticity_app.ui.style import apply_theme

    demo_dir: Path | None = None
    try:
        if args.demo or args.smoke_test:
            from plasticity_app.controller.demo_all import seed_full_demo

            demo_dir = Path(tempfile.mkdtemp(prefix="plasticity-demo-"))
            journal = Journal(demo_dir)
            seed_full_demo(journal)
        else:
            from plasticity_app.ui.journal_opening import acquire_lock, open_journal

            data_dir = resolve_data_dir(args.data_dir)
            lock = acquire_lock(data_dir)
            if lock is None:
                message = app.tr(
                    "Plasticity Journal is already open with this journal. "
                    "Switch to its window to go on writing."
                )
                print(f"plasticity-journal: {message}", file=sys.stderr)
                QMessageBox.information(None, APP_NAME, message)
                return 0
            opened = open_journal(None, data_dir)
            if opened is None:
                return 0
            journal = opened
    except (UserError, NotAJournalError, NewerSchemaError) as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    try:
        apply_theme(app, journal.settings.get().theme)
        if journal.onboarding.needed():
            from plasticity_app.ui.onboarding import OnboardingWizard

            wizard = OnboardingWizard(journal.onboarding)
            if wizard.exec() != QDialog.DialogCode.Accepted:
                return 0
        window = MainWindow(journal)
        if args.demo:
            window.setWindowTitle(f"{APP_NAME} (demo)")
        window.show()
        if os.environ.get(EXIT_WHEN_SHOWN_ENV):  # the benchmark's start-up timing
            QTimer.singleShot(0, lambda: _report_shown(app))
        # The daily backup, once the window is up (it never blocks the first paint).
        QTimer.singleShot(0, journal.safety.backup_if_due)
        if args.smoke_test:
            return smoke_test(app, window)
        return app.exec()
    finally:
        journal.close()
        if demo_dir is not None:
            shutil.rmtree(demo_dir, ignore_errors=True)

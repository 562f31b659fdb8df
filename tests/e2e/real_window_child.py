"""Run in a child process on a real X display by test_every_dialog_real_window.py.

Opens the main window on a journal (the demo, or a fresh one just past onboarding), triggers every
menu action and opens every dialog the window can show, lets each paint, closes each with Escape,
and quits with File → Quit. Prints one line per step; exits 1 on any Qt warning, any dialog left
open after Escape, or any exception. A crash (the old Ctrl+P) kills the process: the test sees it.
"""

from __future__ import annotations

import sys
import time
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QWidget

problems: list[str] = []


def _on_message(kind: QtMsgType, _context: object, message: str) -> None:
    if kind in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
        problems.append(f"Qt warning: {message}")
        print(f"Qt warning: {message}", flush=True)


def open_dialogs() -> list[QWidget]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return [
        w
        for w in app.topLevelWidgets()
        if w.isVisible() and isinstance(w, QDialog) and not isinstance(w, QMenu)
    ]


seen: set[int] = set()


def press_escape() -> None:
    """Escape in the topmost dialog, where the keyboard focus is (as a person would press it),
    once it has been on screen for a tick (shown and painted)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    dialogs = open_dialogs()
    if not dialogs:
        return
    top = app.activeModalWidget() or dialogs[-1]
    if id(top) not in seen:
        seen.add(id(top))
        top.repaint()
        return
    target = top.focusWidget() or top
    QTest.keyClick(target, Qt.Key.Key_Escape)


def run_step(name: str, opener: Callable[[], object]) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    print(f"step: {name}", flush=True)
    closer = QTimer()
    closer.setInterval(100)
    closer.timeout.connect(press_escape)
    closer.start()
    seen.clear()
    try:
        opener()  # a dialog run with exec() returns here once Escape closed it
        started = time.monotonic()
        while time.monotonic() - started < 10:
            app.processEvents()
            if not open_dialogs() and time.monotonic() - started > 0.15:
                break
            time.sleep(0.02)
    except Exception:
        problems.append(f"{name}: {traceback.format_exc()}")
    finally:
        closer.stop()
    left = [w.windowTitle() or type(w).__name__ for w in open_dialogs()]
    if left:
        problems.append(f"{name}: still open after Escape: {left}")
        for dialog in open_dialogs():
            dialog.done(0)


def menu_actions(window: QWidget) -> list[tuple[str, QAction]]:
    """Every action of every menu of the menu bar, in menu order (submenus included)."""
    found: list[tuple[str, QAction]] = []

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            if action.isSeparator():
                continue
            label = f"{path} → {action.text().replace('&', '')}"
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, label)
            else:
                found.append((label, action))

    for top in window.menuBar().actions():  # type: ignore[attr-defined]
        sub = top.menu()
        if isinstance(sub, QMenu):
            walk(sub, top.text().replace("&", ""))
    return found


def message_makes_room(window: object) -> None:
    """A message appearing under a field grows the dialog: the notes box below it keeps its
    height and its bottom edge (on a real window the dialog did not grow and cut the box)."""
    from plasticity_app.ui.session_dialog import SessionDialog

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    dialog = SessionDialog(window.journal.learning, None, window)  # type: ignore[attr-defined]
    dialog.show()
    QTest.qWaitForWindowExposed(dialog)
    QTest.keyClicks(dialog.minutes, "99999")
    dialog.save()  # refused: the message stays
    for _ in range(20):
        app.processEvents()
        QTest.qWait(20)
    notes = dialog.notes
    bottom = notes.mapTo(dialog, notes.rect().bottomLeft()).y()
    buttons_top = dialog.buttons.mapTo(dialog, dialog.buttons.rect().topLeft()).y()
    if not dialog.minutes_error.isVisible():
        problems.append("session: no message for 99999 minutes")
    if notes.height() < notes.maximumHeight() or bottom >= dialog.height() or bottom >= buttons_top:
        problems.append(
            f"session: the notes box is cut when a message appears ({notes.height()} of "
            f"{notes.maximumHeight()} px, bottom {bottom}, buttons from {buttons_top}, "
            f"in a {dialog.height()} px dialog)"
        )
    dialog.done(0)


def exercise(window: object, journal: object) -> None:
    from plasticity_app.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    quit_step: tuple[str, QAction] | None = None
    for label, action in menu_actions(window):
        if action.menuRole() == QAction.MenuRole.QuitRole:
            quit_step = (label, action)
            continue
        if action.isEnabled():
            run_step(label, action.trigger)
    # The dialogs the tabs and the roadmap open (not in a menu).
    for key in sorted(window.actions_by_key):
        run_step(f"roadmap action {key}", lambda k=key: window.run_action(k))
    window.show_tab("habits")
    run_step("Habits → New habit", window.habits_tab.add_habit)
    habits = window.journal.habits.habits()
    for habit in habits:
        if habit.kind.value == "note":
            day = window.journal.habits.today()
            run_step(
                f"Habits → note for {habit.name}",
                lambda h=habit.id, d=day: window.habits_tab.edit_note(h, d),
            )
    if habits:
        window.habits_tab.grid.setCurrentIndex(window.habits_tab.model.index(0, 0))
        run_step("Habits → Edit habit", window.habits_tab.edit_habit)
    window.show_tab("checkin")
    run_step("Check-in → Add metric", window.checkin_tab.add_metric)
    for metric in window.journal.metrics.active()[:1]:
        run_step("Check-in → Edit metric", lambda m=metric: window.checkin_tab.edit_metric(m))
    tab = window.experiments_tab
    learning = window.journal.learning
    window.show_tab("experiments")
    for record in learning.thought_records()[:1]:
        run_step("Experiments → thought record", lambda i=record.id: tab.open_thought_record(i))
    for session in learning.sessions()[:1]:
        run_step("Experiments → session", lambda i=session.id: tab.open_session(i))
    for opening in learning.openings()[:1]:
        run_step("Experiments → opening", lambda i=opening.id: tab.open_opening(i))
    # Not through run_step: its Escape timer would meet the discard prompt of the typed minutes
    # inside its own callback (where it cannot fire again) and wait for ever.
    print("step: Experiments → session with a message", flush=True)
    message_makes_room(window)
    window.show_tab("review")
    run_step("Weekly review → Print", window.review_tab.print_button.click)
    run_step("Weekly review → PDF", window.review_tab.pdf_button.click)
    if quit_step is not None:
        run_step(quit_step[0], quit_step[1].trigger)
        if window.isVisible():
            problems.append("File → Quit left the window open")


def main() -> int:
    folder = Path(sys.argv[1])
    qInstallMessageHandler(_on_message)
    from plasticity_app.controller.demo_all import seed_full_demo
    from plasticity_app.controller.journal import Journal
    from plasticity_app.controller.onboarding import MetricChoice
    from plasticity_app.domain.clock import FixedClock
    from plasticity_app.domain.metrics import Direction
    from plasticity_app.ui.application import make_application
    from plasticity_app.ui.main_window import MainWindow
    from plasticity_app.ui.style import apply_theme

    app = make_application()
    clock = FixedClock(datetime(2026, 12, 3, 20, 0))
    for kind in ("demo", "fresh"):
        journal = Journal(folder / kind, clock)
        try:
            if kind == "demo":
                seed_full_demo(journal)
            else:
                journal.onboarding.finish(
                    [
                        MetricChoice("Self-criticism intensity", Direction.LOWER),
                        MetricChoice("Willingness to initiate", Direction.HIGHER),
                    ],
                    7,
                )
            window = MainWindow(journal, folder / f"{kind}-window.ini")
            apply_theme(app, "system")
            window.show()
            QTest.qWaitForWindowExposed(window)
            print(f"journal: {kind}", flush=True)
            exercise(window, journal)
            window.close()
            app.processEvents()
        except Exception:
            problems.append(f"{kind}: {traceback.format_exc()}")
        finally:
            journal.close()
    for problem in problems:
        print(f"PROBLEM: {problem}", flush=True)
    print("done", flush=True)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

"""Every tab and every dialog on a 1366×768 screen with a 48 px taskbar and on a 1024×600 one.

Run by ``test_small_screens.py`` in a second pytest process whose offscreen platform has those
two screens (``SCREENS``); run alone it is skipped (the usual offscreen screen is 800×600).

Dialogs are found, not listed: every button of every tab (and of every section and chart page) is
clicked, every roadmap action and menu action triggered, and each window that comes up is checked
and closed. Every QDialog class of the app must have come up that way or be made in
:func:`made_directly` (the few shown before the window or only from inside another dialog), so a
new dialog is covered at once: the test fails until it is.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QMenu,
    QTabBar,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

import plasticity_app.ui
from plasticity_app.controller.journal import Journal
from plasticity_app.ui.main_window import MainWindow
from plasticity_app.ui.style import apply_theme
from tests.gui.screen_fit import window_problems

SCREENS = {"roomy": (1366, 720), "small": (1024, 600)}
"""The available area of each screen: 1366×768 less a 48 px taskbar, and a 1024×600 netbook."""


def screen(name: str) -> QScreen:
    return next(s for s in QGuiApplication.screens() if s.name() == name)


def app_dialog_classes() -> set[type[QWidget]]:
    """Every QDialog subclass (wizards too) defined in the app's ui package."""
    for info in pkgutil.iter_modules(plasticity_app.ui.__path__):
        importlib.import_module(f"plasticity_app.ui.{info.name}")
    found: set[type[QWidget]] = set()
    todo: list[type[QWidget]] = [QDialog]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("plasticity_app."):
                found.add(sub)
    return found


def as_on_screen(window: QWidget) -> None:
    """Size ``window`` as a window system does on showing it, which the offscreen platform
    fails to do for a window on its second screen: to its size hint unless the app sized it
    (``adjustSize``, bounded by the screen as Qt bounds it), and never below its minimum."""
    if not window.testAttribute(Qt.WidgetAttribute.WA_Resized):
        window.adjustSize()
    grown = window.size().expandedTo(window.minimumSize())
    if grown != window.size():
        window.resize(grown)
    QApplication.processEvents()


class Watcher:
    """Checks and closes every window that comes up besides the main window."""

    def __init__(self, main: QWidget, available: QRect) -> None:
        self.main = main
        self.available = available
        self.problems: list[str] = []
        self.seen: set[type[QWidget]] = set()
        self.titles: list[str] = []
        self._sighted: dict[int, int] = {}
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def poll(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if widget is self.main or not widget.isVisible():
                continue
            if isinstance(widget, QMenu):
                widget.close()
                continue
            key = id(widget)
            self._sighted[key] = self._sighted.get(key, 0) + 1
            if self._sighted[key] < 5:  # checked after 100 ms: laid out by then
                continue
            del self._sighted[key]
            self.seen.add(type(widget))
            self.titles.append(f"{type(widget).__name__} “{widget.windowTitle()}”")
            as_on_screen(widget)
            self.problems += window_problems(widget, self.available)
            if isinstance(widget, QDialog):
                QDialog.done(widget, QDialog.DialogCode.Rejected)
            widget.close()

    def settle(self, qtbot: QtBot) -> None:
        """Until no window but the main one is open."""

        def closed() -> bool:
            return not any(
                w.isVisible() and w is not self.main and not isinstance(w, QMenu)
                for w in QApplication.topLevelWidgets()
            )

        qtbot.wait(60)
        qtbot.waitUntil(closed, timeout=5000)

    def stop(self) -> None:
        self.timer.stop()


@pytest.fixture
def demo(tmp_path: Path, clock: Any) -> Iterator[Journal]:
    from plasticity_app.controller.demo_all import seed_full_demo

    journal = Journal(tmp_path / "demo", clock)
    seed_full_demo(journal)
    yield journal
    journal.close()


def open_window(qtbot: QtBot, journal: Journal, tmp_path: Path, name: str) -> MainWindow:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "system")
    window = MainWindow(journal, tmp_path / "window.ini")
    qtbot.addWidget(window)
    where = screen(name).availableGeometry()
    window.setScreen(screen(name))
    window.move(where.topLeft())
    window.show()
    qtbot.waitExposed(window)
    return window


def fill(window: QWidget, available: QRect) -> None:
    """Make ``window``'s frame fill ``available`` (as maximizing it would)."""
    frame, inner = window.frameGeometry(), window.geometry()
    window.resize(
        available.width() - (frame.width() - inner.width()),
        available.height() - (frame.height() - inner.height()),
    )
    window.move(available.topLeft())


def clickable(root: QWidget) -> list[QAbstractButton]:
    return [
        b
        for b in root.findChildren(QAbstractButton)
        if b.isVisible() and b.isEnabled() and not isinstance(b.parentWidget(), QTabBar)
    ]


def views(window: MainWindow, index: int) -> Iterator[QWidget]:
    """Tab ``index`` shown, then each section of every tab widget inside it shown in turn."""
    window.tabs.setCurrentIndex(index)
    yield window.tabs.currentWidget()
    for inner in window.tabs.currentWidget().findChildren(QTabWidget):
        for section in range(inner.count()):
            window.tabs.setCurrentIndex(index)
            inner.setCurrentIndex(section)
            yield inner.currentWidget()


def press_everything(qtbot: QtBot, window: MainWindow, watcher: Watcher) -> None:
    """Every button of every tab and section (twice over, for buttons a first click brings up),
    every action the roadmap can ask for, every menu action."""
    done: set[int] = set()
    for index in range(window.tabs.count()):
        for view in views(window, index):
            qtbot.wait(30)
            for _round in range(2):
                for button in clickable(view):
                    if id(button) in done or not shiboken6.isValid(button):
                        continue
                    if not (button.isVisible() and button.isEnabled()):
                        continue
                    done.add(id(button))
                    button.click()
                    watcher.settle(qtbot)
    for key in list(window.actions_by_key):
        window.run_action(key)
        watcher.settle(qtbot)
    for menu in window.menuBar().findChildren(QMenu):
        for action in menu.actions():
            if action.isSeparator() or not action.isEnabled() or action.menu() is not None:
                continue
            if action.menuRole().name == "QuitRole":
                continue
            action.trigger()
            watcher.settle(qtbot)


def tab_problems(qtbot: QtBot, window: MainWindow, available: QRect) -> list[str]:
    """The main window on each tab (and each chart page)."""
    problems: list[str] = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(400)
        problems += window_problems(window, available)
        if window.tab_keys[index] == "charts":
            view = window.tabs.currentWidget().ensure_view()  # type: ignore[attr-defined]
            for page in view.PAGES:
                view.show_page(page)
                qtbot.wait(50)
                problems += window_problems(window, available)
            view.show_page("outcomes")
    return problems


def made_directly() -> dict[str, Callable[[Journal, QWidget], QWidget]]:
    """Dialogs no button or menu of the main window brings up, made here (class name → maker):
    the ones shown before the window is (onboarding, unlocking) or only from inside another."""
    from plasticity_app.ui.encryption_widgets import PassphraseForm
    from plasticity_app.ui.habits_tab import NoteDialog
    from plasticity_app.ui.journal_opening import PassphraseDialog
    from plasticity_app.ui.onboarding import OnboardingWizard

    return {
        "OnboardingWizard": lambda j, p: OnboardingWizard(j.onboarding, p),
        "PassphraseDialog": lambda j, p: PassphraseDialog(p),
        "PassphraseForm": lambda j, p: PassphraseForm(j.safety, "on", p),
        "NoteDialog": lambda j, p: NoteDialog("Gratitude note, Monday 23 November", "", p),
    }


@pytest.mark.parametrize("name", list(SCREENS))
def test_every_tab_and_dialog_fits(name: str, qtbot: QtBot, demo: Journal, tmp_path: Path) -> None:
    if {s.name() for s in QGuiApplication.screens()} != set(SCREENS):
        pytest.skip("needs the two offscreen screens test_small_screens.py sets up")
    available = screen(name).availableGeometry()
    assert (available.width(), available.height()) == SCREENS[name]
    window = open_window(qtbot, demo, tmp_path, name)
    problems: list[str] = []
    if name == "roomy":  # the first start's size, on the primary screen
        problems += window_problems(window, available)
    fill(window, available)
    qtbot.wait(50)
    problems += tab_problems(qtbot, window, available)
    watcher = Watcher(window, available)
    try:
        press_everything(qtbot, window, watcher)
        for maker in made_directly().values():
            dialog = maker(demo, window)
            dialog.open() if isinstance(dialog, QDialog) else dialog.show()
            watcher.settle(qtbot)
    finally:
        watcher.stop()
    problems += watcher.problems
    missed = {c.__name__ for c in app_dialog_classes()} - {c.__name__ for c in watcher.seen}
    assert not missed, f"dialogs never brought up (add them to made_directly): {missed}"
    assert not problems, "\n".join(dict.fromkeys(problems))

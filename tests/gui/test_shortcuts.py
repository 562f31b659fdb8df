"""Shortcuts a person reaches for: Ctrl+E plans a new experiment, from any tab."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from plasticity_app.ui.main_window import MainWindow
from tests.unit.controller.test_learning_controller import open_step3


def test_ctrl_e_opens_a_blank_experiment_plan(
    window: MainWindow, journal: Any, qtbot: QtBot
) -> None:
    open_step3(journal)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert window.new_experiment_action.shortcut().toString() == "Ctrl+E"
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    tab = window.experiments_tab
    assert window.tabs.currentWidget() is tab
    assert tab.experiments_stack.currentIndex() == 1, "the editor is open"
    focus = QApplication.focusWidget()
    assert focus is not None and tab.editor.isAncestorOf(focus)


def test_ctrl_e_before_step_3_explains_why(window: MainWindow, qtbot: QtBot) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    tab = window.experiments_tab
    assert window.tabs.currentWidget() is tab
    assert tab.experiments_stack.currentIndex() == 0
    assert tab.locked_button.hasFocus()

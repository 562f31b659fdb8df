"""Every tab is usable from the keyboard alone, and every control has a name a screen reader reads."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from plasticity_app.ui.main_window import MainWindow
from plasticity_app.ui.rating_selector import RatingSelector

INTERACTIVE = (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QAbstractItemView,
    RatingSelector,
)


def interactive_widgets(root: QWidget) -> list[QWidget]:
    found = []
    for widget in root.findChildren(QWidget):
        if (
            not isinstance(widget, INTERACTIVE)
            or not widget.isVisibleTo(root)
            or not widget.isEnabled()
        ):
            continue
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        parent = widget.parentWidget()
        # parts of composite widgets (the line edit inside a spin box or combo box)
        if isinstance(parent, QAbstractSpinBox | QComboBox):
            continue
        if type(widget).__name__.startswith("QScrollBar") or widget.objectName().startswith("qt_"):
            continue
        found.append(widget)
    return found


def accessible_name(widget: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(widget)
    return iface.text(QAccessible.Text.Name) if iface is not None else ""


def test_every_control_has_an_accessible_name(
    qtbot: QtBot, demo_journal: Any, tmp_path: Any
) -> None:
    window = MainWindow(demo_journal, tmp_path / "w.ini")
    qtbot.addWidget(window)
    window.show()
    missing = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        tab = window.tabs.widget(index)
        for widget in interactive_widgets(tab):
            if not accessible_name(widget).strip():
                missing.append(
                    f"{window.tabs.tabText(index)}: {type(widget).__name__} {widget.objectName()}"
                )
    assert not missing, "controls without an accessible name:\n" + "\n".join(missing)


def test_every_tab_can_be_walked_with_the_keyboard(
    qtbot: QtBot, demo_journal: Any, tmp_path: Any
) -> None:
    window = MainWindow(demo_journal, tmp_path / "w.ini")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    for index in range(window.tabs.count()):
        qtbot.keyClick(
            window, getattr(Qt.Key, f"Key_{index + 1}"), Qt.KeyboardModifier.ControlModifier
        )
        assert window.tabs.currentIndex() == index
        tab = window.tabs.widget(index)
        QApplication.processEvents()
        targets = set(map(id, interactive_widgets(tab)))
        reached: set[int] = set()
        window.tabs.tabBar().setFocus()
        for _ in range(len(targets) * 2 + 20):
            focus = QApplication.focusWidget()
            assert focus is not None, "focus was lost"
            qtbot.keyClick(focus, Qt.Key.Key_Tab)
            current = QApplication.focusWidget()
            if current is not None:
                reached.add(id(current))
                # the focus is drawn: a widget with focus says so
                assert current.hasFocus()

        def reached_or_grouped(w: QWidget, reached: set[int] = reached) -> bool:
            # Radio buttons in a group take one Tab stop; the arrow keys choose among them.
            group = w.group() if isinstance(w, QRadioButton) else None
            return id(w) in reached or (
                group is not None and any(id(b) in reached for b in group.buttons())
            )

        unreached = [
            f"{type(w).__name__} “{accessible_name(w)}”"
            for w in interactive_widgets(tab)
            if not reached_or_grouped(w)
        ]
        assert not unreached, f"{window.tabs.tabText(index)}: not reachable with Tab: {unreached}"


def test_every_control_says_what_it_does(qtbot: QtBot, demo_journal: Any, tmp_path: Any) -> None:
    """An accessible description (or a tooltip, which screen readers also read) on every control."""
    window = MainWindow(demo_journal, tmp_path / "w.ini")
    qtbot.addWidget(window)
    window.show()
    missing = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        for widget in interactive_widgets(window.tabs.widget(index)):
            iface = QAccessible.queryAccessibleInterface(widget)
            description = iface.text(QAccessible.Text.Description) if iface is not None else ""
            if not description.strip() and not widget.toolTip().strip():
                missing.append(
                    f"{window.tabs.tabText(index)}: {type(widget).__name__} "
                    f"“{accessible_name(widget)}”"
                )
    assert not missing, "controls without a description:\n" + "\n".join(missing)

"""What "fits the screen" means, checked on real widgets (used by ``screens_inner.py``).

* A window (the main window or any dialog) lies inside its screen's available geometry, so no
  button of it falls under a taskbar or off the screen.
* No child widget reaches outside its visible parent (what reaches outside is cut off), except
  the content of a scroll area, which scrolls; but no page scrolls sideways, and no table hides
  columns behind a horizontal scroll bar.
* Text fits its widget: a label, button, check box or radio button is at least as wide as it
  asks to be (a wrapping label as tall as its text needs), a tab shows its whole title.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QHeaderView,
    QLabel,
    QScrollArea,
    QScrollBar,
    QSizeGrip,
    QStyle,
    QTabBar,
    QTableView,
    QWidget,
)

SLACK = 1  # a pixel of rounding either way


def describe(widget: QWidget) -> str:
    """A widget a person could find: its class, its text or accessible name, its window."""
    text = ""
    for getter in ("text", "title", "accessibleName", "objectName"):
        value = getattr(widget, getter, None)
        if callable(value):
            found = value()
            if isinstance(found, str) and found.strip():
                text = found.strip().replace("\n", " ")[:60]
                break
    window = widget.window()
    return f"{type(widget).__name__} “{text}” in {type(window).__name__} “{window.windowTitle()}”"


def _in_scrolled_content(widget: QWidget) -> bool:
    """Whether ``widget`` is a scroll area's content (its parent is the area's viewport)."""
    parent = widget.parentWidget()
    area = parent.parentWidget() if parent is not None else None
    return isinstance(area, QAbstractScrollArea) and area.viewport() is parent


def _shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0 and widget.height() > 0


def window_problems(window: QWidget, available: QRect) -> list[str]:
    """Everything cut off or too large in ``window`` on a screen whose available area is
    ``available`` (an empty list when it all fits)."""
    problems: list[str] = []
    frame = window.frameGeometry()
    if frame.width() > available.width() + SLACK or frame.height() > available.height() + SLACK:
        problems.append(
            f"{describe(window)} is {frame.width()}×{frame.height()}, larger than the "
            f"{available.width()}×{available.height()} available"
        )
    elif not available.adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(frame):
        problems.append(f"{describe(window)} at {frame} reaches outside the screen {available}")
    widgets = [w for w in window.findChildren(QWidget) if w.window() is window and _shown(w)]
    for widget in widgets:
        problems += _widget_problems(widget)
    return problems


def _widget_problems(widget: QWidget) -> list[str]:
    problems: list[str] = []
    parent = widget.parentWidget()
    if (
        parent is not None
        and not widget.isWindow()
        and not _in_scrolled_content(widget)
        and not isinstance(widget, (QScrollBar, QSizeGrip))
    ):
        inside = parent.rect().adjusted(-SLACK, -SLACK, SLACK, SLACK)
        if not inside.contains(widget.geometry()):
            problems.append(
                f"{describe(widget)} ({widget.geometry()}) is cut off by its parent "
                f"{describe(parent)} ({parent.rect()})"
            )
    if isinstance(widget, QScrollArea) and widget.horizontalScrollBar().maximum() > 0:
        problems.append(f"{describe(widget)} scrolls sideways")
    if (
        isinstance(widget, QTableView)
        and widget.horizontalScrollBarPolicy().name != "ScrollBarAlwaysOff"
        and widget.horizontalScrollBar().maximum() > 0
    ):
        problems.append(f"{describe(widget)} hides columns behind a horizontal scroll bar")
    if isinstance(widget, QLabel):
        problems += _label_problems(widget)
    elif isinstance(widget, QAbstractButton) and widget.text().strip():
        hint = widget.sizeHint()
        if hint.width() > widget.width() + SLACK:
            problems.append(
                f"{describe(widget)} is {widget.width()} px wide; its text needs {hint.width()}"
            )
    elif isinstance(widget, QHeaderView):
        problems += _header_problems(widget)
    elif isinstance(widget, QTabBar):
        for index in range(widget.count()):
            if not widget.isTabVisible(index):
                continue
            need = widget.tabSizeHint(index).width()
            have = widget.tabRect(index).width()
            if have + SLACK < need:
                problems.append(
                    f"tab “{widget.tabText(index)}” of {describe(widget)} is {have} px wide; "
                    f"its title needs {need}"
                )
    return problems


def _header_problems(header: QHeaderView) -> list[str]:
    """A column title cut at both ends ("-criticism inten"): too narrow, and not elided."""
    model = header.model()
    if model is None or header.textElideMode() != Qt.TextElideMode.ElideNone:
        return []
    margin = 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    problems = []
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        title = model.headerData(section, header.orientation(), Qt.ItemDataRole.DisplayRole)
        if not isinstance(title, str) or not title.strip():
            continue
        need = header.fontMetrics().horizontalAdvance(title) + margin
        if header.orientation() == Qt.Orientation.Horizontal and header.sectionSize(section) < need:
            problems.append(
                f"column “{title}” of {describe(header.parentWidget() or header)} is "
                f"{header.sectionSize(section)} px wide; its title needs {need}"
            )
    return problems


def _label_problems(label: QLabel) -> list[str]:
    if not label.text().strip() or isinstance(label.parentWidget(), (QComboBox,)):
        return []
    if isinstance(label.parentWidget(), QAbstractItemView):
        return []
    if label.wordWrap():
        need = label.heightForWidth(label.width())
        if need > label.height() + SLACK:
            return [f"{describe(label)} is {label.height()} px tall; its text needs {need}"]
        return []
    need = label.sizeHint().width()
    if need > label.width() + SLACK:
        return [f"{describe(label)} is {label.width()} px wide; its text needs {need}"]
    return []

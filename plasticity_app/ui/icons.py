"""The app's own icons (SVG files in resources/icons), drawn the same with or without an emoji
font: an emoji such as the lock showed as an empty box on systems without one (issue 14.14)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from plasticity_app.paths import resource


@cache
def icon(name: str) -> QIcon:
    """``resources/icons/<name>.svg`` as an icon (an empty icon if the file is missing)."""
    path = resource("icons", f"{name}.svg")
    return QIcon(str(path)) if path.exists() else QIcon()


def icon_label(name: str, text: str, accessible: str) -> QWidget:
    """A line of text with a small icon before it; ``accessible`` names the icon for screen
    readers ("Locked")."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(6)
    picture = QLabel()
    size = picture.fontMetrics().height()
    picture.setPixmap(icon(name).pixmap(size, size))
    picture.setAccessibleName(accessible)
    picture.setToolTip(accessible)
    picture.setAlignment(Qt.AlignmentFlag.AlignTop)
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAccessibleName(f"{accessible}: {text}")
    layout.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
    layout.addWidget(label, 1)
    row.setAccessibleName(label.accessibleName())
    return row

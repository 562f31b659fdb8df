"""Issue 14.14: the lock was an emoji that showed as an empty box without an emoji font. The app
draws its own SVG icons, and no emoji is left in what the app shows."""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

import plasticity_app
from plasticity_app.ui.main_window import MainWindow

APP = Path(plasticity_app.__file__).parent


def is_emoji(char: str) -> bool:
    """Pictographs that need an emoji font (the astral planes' symbols, and U+FE0F)."""
    return ord(char) >= 0x1F000 or char == "\ufe0f"


def test_no_emoji_in_the_app_s_text() -> None:
    found = []
    for path in sorted(APP.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and any(is_emoji(c) for c in text):
                found.append(f"{path.relative_to(APP)}:{node.lineno} {text!r}")
    assert found == [], "use an SVG icon from resources/icons (ui/icons.py)"


def test_a_locked_step_shows_the_app_s_own_lock_icon(window: MainWindow, qtbot: QtBot) -> None:
    tab = window.roadmap_tab
    window.tabs.setCurrentWidget(tab)
    locks = [
        label
        for label in tab.findChildren(QLabel)
        if label.accessibleName() == "Locked" and not label.pixmap().isNull()
    ]
    assert locks, "the locked steps' reasons have a drawn lock"
    assert any(label.isVisibleTo(window) for label in locks)
    image = locks[0].pixmap().toImage()
    assert len({image.pixel(x, y) for x in range(image.width()) for y in range(image.height())}) > 2
    texts = [label.text() for label in tab.findChildren(QLabel)]
    assert any(text.startswith("Opens when your baseline is mapped") for text in texts)
    assert not any(is_emoji(c) for text in texts for c in text)

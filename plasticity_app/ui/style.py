"""The light touch of our own on top of the native look: one accent, spacing, rounded cards."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, SignalInstance
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

ACCENT = "#1f7a8c"  # a calm teal, readable on light and dark
ACCENT_DARK = "#4fb3c4"
SPACING = 8


def is_dark(palette: QPalette | None = None) -> bool:
    pal = palette or QGuiApplication.palette()
    return pal.color(QPalette.ColorRole.Window).lightness() < 128


def accent() -> str:
    return ACCENT_DARK if is_dark() else ACCENT


_system_palette: QPalette | None = None


def apply_theme(app: QApplication, theme: str) -> None:
    """``system`` keeps the platform palette; ``light`` and ``dark`` set one explicitly."""
    global _system_palette
    if _system_palette is None:
        _system_palette = QPalette(app.palette())
    before = QPalette(app.palette())
    if theme == "system":
        app.setPalette(_system_palette)
    elif theme == "dark":
        pal = QPalette()
        window, base, text = QColor("#202326"), QColor("#17191b"), QColor("#e8eaed")
        pal.setColor(QPalette.ColorRole.Window, window)
        pal.setColor(QPalette.ColorRole.WindowText, text)
        pal.setColor(QPalette.ColorRole.Base, base)
        pal.setColor(QPalette.ColorRole.AlternateBase, QColor("#26292c"))
        pal.setColor(QPalette.ColorRole.Text, text)
        pal.setColor(QPalette.ColorRole.Button, QColor("#2b2f33"))
        pal.setColor(QPalette.ColorRole.ButtonText, text)
        pal.setColor(QPalette.ColorRole.ToolTipBase, QColor("#2b2f33"))
        pal.setColor(QPalette.ColorRole.ToolTipText, text)
        pal.setColor(QPalette.ColorRole.PlaceholderText, QColor("#9aa0a6"))
        pal.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT_DARK))
        pal.setColor(QPalette.ColorRole.HighlightedText, QColor("#0b0c0d"))
        pal.setColor(QPalette.ColorRole.Link, QColor(ACCENT_DARK))
        pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#6b7075"))
        pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#6b7075"))
        app.setPalette(pal)
    elif theme == "light":
        app.setPalette(app.style().standardPalette())
    sheet = stylesheet()
    # Setting a style sheet polishes every widget again: only when the sheet or the palette it
    # is drawn with changed (a window opened with the theme already in place changes neither).
    if app.styleSheet() != sheet or app.palette() != before:
        app.setStyleSheet(sheet)


def stylesheet() -> str:
    dark = is_dark()
    card_bg = "rgba(255,255,255,0.04)" if dark else "rgba(0,0,0,0.025)"
    card_border = "rgba(255,255,255,0.14)" if dark else "rgba(0,0,0,0.12)"
    acc = accent()
    return f"""
QFrame#card {{
    background: {card_bg};
    border: 1px solid {card_border};
    border-radius: 10px;
}}
QFrame#card[current="true"] {{
    border: 2px solid {acc};
}}
QFrame#banner {{
    border: 1px solid {acc};
    border-radius: 8px;
    background: {card_bg};
}}
QLabel#muted {{ color: palette(placeholder-text); }}
QLabel#error {{ color: {"#ff8a80" if dark else "#b3261e"}; }}
QLabel#badge {{
    border: 1px solid {card_border};
    border-radius: 9px;
    padding: 1px 8px;
}}
QLabel#badge[state="complete"], QLabel#badge[state="skipped"] {{
    border-color: {acc}; color: {acc};
}}
QLabel#badge[state="active"], QLabel#badge[state="ongoing"] {{
    background: {acc}; color: {"#0b0c0d" if dark else "white"}; border-color: {acc};
}}
QLabel#stepNumber {{
    border: 2px solid {acc};
    border-radius: 16px;
    min-width: 28px; max-width: 28px; min-height: 28px; max-height: 28px;
    qproperty-alignment: AlignCenter;
    font-weight: bold;
}}
QLabel#stepNumber[state="complete"], QLabel#stepNumber[state="skipped"] {{
    background: {acc}; color: {"#0b0c0d" if dark else "white"};
}}
QLabel#stepNumber[state="locked"] {{ border-color: {card_border}; color: palette(placeholder-text); }}
QPushButton[primary="true"] {{
    background: {acc}; color: {"#0b0c0d" if dark else "white"};
    border: 1px solid {acc}; border-radius: 6px; padding: 6px 14px; font-weight: bold;
}}
QPushButton[primary="true"]:focus {{ border: 2px solid palette(text); }}
QPushButton[primary="true"]:disabled {{ background: {card_border}; border-color: {card_border}; }}
RatingSelector QToolButton {{
    min-width: 30px; min-height: 30px;
    border: 1px solid {card_border}; border-radius: 6px;
}}
RatingSelector QToolButton:checked {{
    background: {acc}; color: {"#0b0c0d" if dark else "white"}; border-color: {acc}; font-weight: bold;
}}
RatingSelector:focus {{ border: 2px solid {acc}; border-radius: 8px; }}
RatingSelector {{ border: 2px solid transparent; border-radius: 8px; }}
"""


def heading(text: str, level: int = 1, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    font = QFont(label.font())
    base = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
    font.setPointSizeF(base * {1: 1.6, 2: 1.25, 3: 1.08}.get(level, 1.0))
    font.setWeight(QFont.Weight.DemiBold if level > 1 else QFont.Weight.Bold)
    label.setFont(font)
    label.setWordWrap(True)
    label.setAccessibleName(text)
    return label


def muted(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("muted")
    label.setWordWrap(True)
    return label


def error_label(parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("error")
    label.setWordWrap(True)
    label.setVisible(False)
    label.setAccessibleName("Error message")
    return label


def show_error(label: QLabel, message: str | None) -> None:
    """Show ``message`` under its field (or hide the label when None). The dialog grows to make
    room, so the new line never squeezes the fields or is drawn over them."""
    label.setText(message or "")
    label.setVisible(bool(message))
    if message:
        make_room(label)


def make_room(widget: QWidget) -> None:
    """Grow the dialog ``widget`` is in to the height its layout needs at its width (a word-wrapped
    line that appears doesn't grow a window by itself), within the screen."""
    window = widget.window()
    layout = window.layout()
    if not isinstance(window, QDialog) or layout is None or not window.isVisible():
        return
    layout.activate()
    need = layout.totalMinimumSize().height()
    if layout.hasHeightForWidth():
        need = max(need, layout.totalHeightForWidth(window.width()))
    screen = window.screen()
    if screen is not None:
        frame = window.frameGeometry().height() - window.height()
        need = min(need, screen.availableGeometry().height() - frame)
    if window.height() < need:
        window.resize(window.width(), need)


def _edited_signal(field: QWidget) -> SignalInstance | None:
    if isinstance(field, QLineEdit | QPlainTextEdit):
        return field.textChanged
    if isinstance(field, QDateTimeEdit):
        return field.dateTimeChanged
    if isinstance(field, QComboBox):
        return field.currentIndexChanged
    if isinstance(field, QAbstractButton):
        return field.toggled
    return None


def clear_when_edited(label: QLabel, *fields: QWidget) -> None:
    """Hide ``label``'s message as soon as one of ``fields`` changes: for messages shown when
    Save is pressed, so an old message never stays beside input that was fixed. (Messages
    checked as you type are redrawn by their own check instead.)"""
    for field in fields:
        signal = _edited_signal(field)
        if signal is None:
            raise TypeError(f"no edit signal for {type(field).__name__}")
        signal.connect(lambda *_args: show_error(label, None))


def make_primary(button: QWidget) -> None:
    button.setProperty("primary", True)
    button.style().unpolish(button)
    button.style().polish(button)


def repolish(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)


ALIGN_TOP = Qt.AlignmentFlag.AlignTop


def available_area(widget: QWidget) -> QRect:
    """The part of the screen ``widget`` (or the window it will open over) may use: the
    screen less its taskbars and docks."""
    anchor = widget.parentWidget() or widget
    screen = anchor.window().screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(window: QWidget, width: int | None = None, height: int | None = None) -> None:
    """Give a window ``width`` × ``height`` (by default the size its layout asks for, with
    wrapped text at its full height), never more than its screen has room for: what does not
    fit then scrolls or shrinks inside it instead of falling off the screen. Qt's own first
    size of a window is at most two thirds of the screen, which cuts off a tall form."""
    room = available_area(window)
    frame = 40  # the window's title bar and borders, drawn by the window system
    hint = window.sizeHint()
    wanted_width = min(width or hint.width(), room.width() - 2 * SPACING)
    layout = window.layout()
    if height is None:
        height = hint.height()
        if layout is not None and layout.hasHeightForWidth():
            height = max(height, layout.totalHeightForWidth(wanted_width))
    wanted_height = min(height, room.height() - frame)
    window.resize(
        max(wanted_width, window.minimumWidth()), max(wanted_height, window.minimumHeight())
    )

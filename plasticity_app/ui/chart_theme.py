"""Chart colours: the Okabe–Ito colour-blind-safe palette, ordered for a light or a dark background.

No pyqtgraph here: the colours are plain QColors, so the palette can be chosen (and tested)
before the chart module is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from plasticity_app.ui.style import is_dark

# Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

# Series colours, most legible first. Light: yellow is weak on white, so it comes last. Dark: the
# deep blue is weak on near-black, so it comes last, and black becomes a light grey.
_LIGHT_ORDER = (
    "blue",
    "vermillion",
    "bluish_green",
    "reddish_purple",
    "orange",
    "sky_blue",
    "black",
    "yellow",
)
_DARK_ORDER = (
    "sky_blue",
    "orange",
    "bluish_green",
    "reddish_purple",
    "yellow",
    "vermillion",
    "blue",
)
_DARK_GREY = "#E8EAED"


@dataclass(frozen=True)
class ChartTheme:
    dark: bool
    background: QColor
    foreground: QColor  # axis text and lines
    muted: QColor  # phase markers, the baseline mean
    grid_alpha: float
    band: QColor  # the baseline band: a light neutral
    series: tuple[QColor, ...]
    experiment: QColor  # experiment markers (not one of the first three series colours)

    def colour(self, index: int) -> QColor:
        return QColor(self.series[index % len(self.series)])

    def faded(self, colour: QColor, alpha: int) -> QColor:
        faded = QColor(colour)
        faded.setAlpha(alpha)
        return faded


def current_theme(palette: QPalette | None = None) -> ChartTheme:
    """The chart colours for the application's palette (light or dark)."""
    pal = palette or QGuiApplication.palette()
    dark = is_dark(pal)
    background = pal.color(QPalette.ColorRole.Base)
    foreground = pal.color(QPalette.ColorRole.Text)
    muted = QColor(foreground)
    muted.setAlpha(150)
    band = QColor("#ffffff" if dark else "#000000")
    band.setAlpha(30 if dark else 20)
    order = _DARK_ORDER if dark else _LIGHT_ORDER
    series = tuple(QColor(OKABE_ITO[name]) for name in order)
    if dark:
        series += (QColor(_DARK_GREY),)
    return ChartTheme(
        dark=dark,
        background=background,
        foreground=foreground,
        muted=muted,
        grid_alpha=0.18 if dark else 0.12,
        band=band,
        series=series,
        experiment=QColor(OKABE_ITO["reddish_purple"]),
    )

"""How large the player's words are: a share of the window's height, read across a room.

Sizes are given as *cap height* (the height of a capital letter), the measure that
decides whether a word can be read from a distance, as a fraction of the window's
height. In focus mode, on a 1366×768 screen three metres away, the step name's
capitals are at least 4 % of the height and the side's at least 3 %; the numbers
below keep a margin above those.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QLabel

from stretchtimer.gui import theme
from stretchtimer.gui.session.player.paused_overlay import PausedOverlay

MEASURE_PX = 200  # the size at which a font's cap height is measured, then scaled


@dataclass(frozen=True)
class TextSizes:
    """Cap heights, as fractions of the window's height, and the smallest sizes in pixels."""

    step: float
    side: float
    activity: float
    instructions: float
    upcoming: float
    paused: float
    least_px: int = 13


NORMAL = TextSizes(
    step=0.030, side=0.022, activity=0.018, instructions=0.015, upcoming=0.013, paused=0.045
)
FOCUS = TextSizes(
    step=0.050, side=0.040, activity=0.030, instructions=0.022, upcoming=0.016, paused=0.060
)


@lru_cache(maxsize=32)
def _cap_ratio(family: str, weight: int) -> float:
    font = QFont(family)
    font.setWeight(QFont.Weight(weight))
    font.setPixelSize(MEASURE_PX)
    cap = QFontMetricsF(font).capHeight()
    return cap / MEASURE_PX if cap > 0 else 0.7


def pixel_size_for_cap(font: QFont, cap_px: float, least_px: int = 1) -> int:
    """The pixel size at which ``font`` has capitals ``cap_px`` tall (rounded up)."""
    ratio = _cap_ratio(font.family(), font.weight().value)
    return max(least_px, int(-(-cap_px // ratio)) + 1)


def cap_height(font: QFont) -> float:
    """The capitals' height of ``font``, in pixels, as it is drawn."""
    return QFontMetricsF(font).capHeight()


class PlayerWords(NamedTuple):
    """The player's labels that grow with the window."""

    step: QLabel
    side: QLabel  # the LEFT/RIGHT badge
    activity: QLabel
    instructions: QLabel
    upcoming: QLabel


def size_player_words(
    words: PlayerWords, overlay: PausedOverlay, height: int, *, focus: bool
) -> None:
    """Give each label its size for a window ``height`` pixels tall."""
    sizes = FOCUS if focus else NORMAL
    colours = theme.current()

    def px(label: QLabel, cap: float, weight: int = 400) -> int:
        font = QFont(label.font())
        font.setWeight(QFont.Weight(weight))
        return pixel_size_for_cap(font, cap * height, sizes.least_px)

    words.step.setStyleSheet(f"font-size: {px(words.step, sizes.step, 700)}px; font-weight: 700;")
    side_px = px(words.side, sizes.side, 800)
    words.side.setStyleSheet(
        f"font-size: {side_px}px; font-weight: 800; letter-spacing: 2px;"
        f" color: {colours.accent_text}; background: {colours.warm};"
        f" border-radius: {side_px // 4}px; padding: {side_px // 8}px {side_px // 2}px;"
    )
    words.activity.setStyleSheet(f"font-size: {px(words.activity, sizes.activity)}px;")
    words.instructions.setStyleSheet(f"font-size: {px(words.instructions, sizes.instructions)}px;")
    words.upcoming.setStyleSheet(f"font-size: {px(words.upcoming, sizes.upcoming)}px;")
    overlay.set_text_height(px(overlay.label, sizes.paused, 700))

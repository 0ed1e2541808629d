"""The countdown ring, with the breath pacer inside it.

The ring empties as the current part of the session runs out; the big number in
the middle is the seconds left, large enough to read from across a room. During
a breath-counted hold a soft disc grows with each inhale and shrinks with each
exhale, and the middle says which.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from stretchtimer.core.i18n import _
from stretchtimer.gui import theme


@dataclass(frozen=True)
class RingState:
    """What the ring shows; made by the player from an engine snapshot."""

    fraction: float = 1.0  # of the current part still to go, 0..1
    big: str = ""  # the seconds left, a rep number, or "Breathe in"
    caption: str = ""  # a few words under it
    tone: str = "accent"  # a Theme colour name: accent, calm, rest, warm
    breath: float | None = None  # lungs' fullness 0..1 during breath-counted holds
    paused: bool = False


class CountdownRing(QWidget):
    """Paints a :class:`RingState`; call :meth:`set_state` as time passes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = RingState()
        self._track: tuple[tuple[object, ...], QPixmap] | None = None  # its key, and it
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 160)
        self.setAccessibleName(_("Countdown"))

    def state(self) -> RingState:
        return self._state

    def set_state(self, state: RingState) -> None:
        if state == self._state:
            return
        if (state.big, state.caption) != (self._state.big, self._state.caption):
            self.setAccessibleDescription(f"{state.big} {state.caption}".strip())
        self._state = state
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(360, 360)

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return width

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        colours = theme.current()
        state = self._state
        side = min(self.width(), self.height()) - 8
        if side <= 0:
            return
        left = (self.width() - side) / 2
        top = (self.height() - side) / 2
        thickness = max(6.0, side * 0.05)
        bounds = QRectF(left, top, side, side).adjusted(
            thickness / 2, thickness / 2, -thickness / 2, -thickness / 2
        )
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        tone = QColor(getattr(colours, state.tone, colours.accent))
        if state.paused:
            tone = QColor(colours.muted)

        ratio = painter.device().devicePixelRatioF()
        painter.drawPixmap(0, 0, self._track_picture(bounds, thickness, colours.track, ratio))

        if state.breath is not None:
            self._paint_breath(painter, bounds, state.breath, QColor(colours.calm))

        fraction = min(max(state.fraction, 0.0), 1.0)
        if fraction > 0:
            arc = QPen(tone, thickness)
            arc.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(arc)
            painter.drawArc(bounds, 90 * 16, -round(fraction * 360 * 16))

        self._paint_text(painter, bounds, state, colours)
        painter.end()

    def _track_picture(
        self, bounds: QRectF, thickness: float, colour: str, ratio: float
    ) -> QPixmap:
        """The empty ring, painted once for this size and theme: a thick anti-aliased
        circle is the dearest part of the ring, and it only changes with them."""
        key: tuple[object, ...] = (self.size(), ratio, colour, bounds, thickness)
        if self._track is None or self._track[0] != key:
            pixmap = QPixmap(self.size() * ratio)
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            layer = QPainter(pixmap)
            layer.setRenderHint(QPainter.RenderHint.Antialiasing)
            layer.setPen(QPen(QColor(colour), thickness))
            layer.drawEllipse(bounds)
            layer.end()
            self._track = (key, pixmap)
        return self._track[1]

    def _paint_breath(
        self, painter: QPainter, bounds: QRectF, fullness: float, colour: QColor
    ) -> None:
        # Ease the size so the disc moves like a breath, not like a linear slider.
        eased = 0.5 - 0.5 * math.cos(math.pi * min(max(fullness, 0.0), 1.0))
        radius = bounds.width() / 2 * (0.34 + 0.5 * eased)
        centre = bounds.center()
        fill = QColor(colour)
        fill.setAlpha(70)
        # A soft disc without an outline: a line would cut through the words over it.
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawEllipse(centre, radius, radius)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_text(
        self, painter: QPainter, bounds: QRectF, state: RingState, colours: theme.Theme
    ) -> None:
        side = bounds.width()
        big = QFont(self.font())
        big.setWeight(QFont.Weight.DemiBold)
        digits = state.big.replace(":", "").isdigit()
        big.setPixelSize(max(12, round(side * (0.27 if digits else 0.105))))
        if digits:
            big.setFeature(QFont.Tag("tnum"), 1)  # tabular figures: the digits do not jump
        painter.setFont(big)
        painter.setPen(QColor(colours.text))
        text_box = QRectF(bounds.left(), bounds.top() + side * 0.22, side, side * 0.42)
        if not digits:  # words ("Einatmen") shrink to fit the ring, never spill out of it
            fit_font(big, text_box, state.big, Qt.AlignmentFlag.AlignCenter)
            painter.setFont(big)
        painter.drawText(text_box, Qt.AlignmentFlag.AlignCenter, state.big)
        if state.caption:
            small = QFont(self.font())
            small.setPixelSize(max(10, round(side * 0.06)))
            caption_box = QRectF(
                bounds.left() + side * 0.15, bounds.top() + side * 0.62, side * 0.7, side * 0.22
            )
            # Longer words ("segundos restantes") take a second line in a small ring.
            flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
            flags |= Qt.TextFlag.TextWordWrap
            fit_font(small, caption_box, state.caption, flags)
            painter.setFont(small)
            painter.setPen(QColor(colours.muted))
            painter.drawText(caption_box, flags, state.caption)


def fit_font(font: QFont, box: QRectF, text: str, flags: object, smallest: int = 9) -> None:
    """Make ``font`` smaller, down to ``smallest`` pixels, until ``text`` fits ``box``."""
    while font.pixelSize() > smallest:
        needed = QFontMetricsF(font).boundingRect(box, flags, text)  # type: ignore[call-overload]
        if needed.width() <= box.width() + 0.5 and needed.height() <= box.height() + 0.5:
            return
        font.setPixelSize(font.pixelSize() - 1)

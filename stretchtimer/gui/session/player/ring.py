"""The countdown ring, with the breath pacer inside it.

The ring empties as the current part of the session runs out; the big number in
the middle is the seconds left, large enough to read from across a room. During
a breath-counted hold a soft disc grows with each inhale and shrinks with each
exhale, and the middle says which.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from stretchtimer.core.i18n import _
from stretchtimer.gui import theme

ARC_STEPS = 120  # the arc moves in 3° steps: 10 pixels on a full-size ring
DISC_SMALLEST, DISC_GROWTH = 0.34, 0.5  # the breath disc's radius, of the ring's


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
    """Paints a :class:`RingState`; call :meth:`set_state` as time passes.

    ``paper`` is the theme colour behind it ("window", or "surface" in the compact
    player): the ring fills its own background with it, so a new picture of the ring
    (15 a second while the breath disc moves) repaints the ring alone, never the page
    and its style sheet behind it. What does not change from picture to picture (the
    background with the empty track, the words) is painted once and kept.
    """

    def __init__(self, parent: QWidget | None = None, *, paper: str = "window") -> None:
        super().__init__(parent)
        self._state = RingState()
        self._paper = paper
        self._track: tuple[tuple[object, ...], QPixmap] | None = None  # its key, and it
        self._words: tuple[tuple[object, ...], QPixmap] | None = None  # its key, and them
        self._arc: tuple[tuple[object, ...], QPixmap] | None = None
        self._disc: tuple[QSize, QRect] | None = None  # the disc's square, for a size
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 160)
        self.setAccessibleName(_("Countdown"))

    def state(self) -> RingState:
        return self._state

    def set_state(self, state: RingState, *, arc_with_count: bool = False) -> None:
        """Show ``state``. With ``arc_with_count`` the arc moves only when something else
        changes too (the count, once a second): a picture asked for by something else
        (the figure breathing beside the ring) does not repaint the ring."""
        old = self._state
        if state == old:
            return
        same_words = _words(state) == _words(old)
        if arc_with_count and same_words and state.breath == old.breath:
            return
        if (state.big, state.caption) != (old.big, old.caption):
            self.setAccessibleDescription(f"{state.big} {state.caption}".strip())
        self._state = state
        disc_only = (
            same_words
            and state.breath is not None
            and old.breath is not None
            and _arc_step(state.fraction) == _arc_step(old.fraction)
        )
        if disc_only:  # a breath's picture: only the square around the disc changes
            self.update(self._disc_rect())
        else:
            self.update()

    def _geometry(self) -> tuple[QRectF, float] | None:
        """The ring's circle (the middle of its stroke) and its thickness; None when the
        widget is too small for one."""
        side = min(self.width(), self.height()) - 8
        if side <= 0:
            return None
        left = (self.width() - side) / 2
        top = (self.height() - side) / 2
        thickness = max(6.0, side * 0.05)
        bounds = QRectF(left, top, side, side).adjusted(
            thickness / 2, thickness / 2, -thickness / 2, -thickness / 2
        )
        return bounds, thickness

    def _disc_rect(self) -> QRect:
        """Where the breath disc can be, at its largest."""
        if self._disc is not None and self._disc[0] == self.size():
            return self._disc[1]
        geometry = self._geometry()
        if geometry is None:
            return self.rect()
        bounds = geometry[0]
        radius = bounds.width() / 2 * (DISC_SMALLEST + DISC_GROWTH) + 2
        centre = bounds.center()
        square = QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)
        self._disc = (self.size(), square.toAlignedRect())
        return self._disc[1]

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(360, 360)

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return width

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        colours = theme.current()
        state = self._state
        paper = colours.surface if self._paper == "surface" else colours.window
        geometry = self._geometry()
        if geometry is None:
            with _painter(self) as painter:
                painter.fillRect(self.rect(), QColor(paper))
            return
        bounds, thickness = geometry
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        tone = colours.muted if state.paused else getattr(colours, state.tone, colours.accent)
        ratio = painter.device().devicePixelRatioF()
        track = self._track_picture(bounds, thickness, (paper, colours.track), ratio)
        arc = (tone, _arc_step(state.fraction))
        painter.drawPixmap(0, 0, self._arc_picture(track, bounds, thickness, arc))

        if state.breath is not None:
            self._paint_breath(painter, bounds, state.breath, _over(colours.calm, 70, paper))

        area, words = self._words_picture(bounds, state, colours, ratio)
        painter.drawPixmap(area.topLeft(), words)
        painter.end()

    def _track_picture(
        self, bounds: QRectF, thickness: float, colours: tuple[str, str], ratio: float
    ) -> QPixmap:
        """The background and the empty ring, painted once for this size and theme: a
        thick anti-aliased circle is the dearest part of the ring, and it only changes
        with them. Opaque, so drawing it is a copy."""
        paper, colour = colours
        key: tuple[object, ...] = (self.size(), ratio, colours, bounds, thickness)
        if self._track is None or self._track[0] != key:
            pixmap = QPixmap(self.size() * ratio)
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(QColor(paper))
            layer = QPainter(pixmap)
            layer.setRenderHint(QPainter.RenderHint.Antialiasing)
            layer.setPen(QPen(QColor(colour), thickness))
            layer.drawEllipse(bounds)
            layer.end()
            self._track = (key, pixmap)
        return self._track[1]

    def _arc_picture(
        self, track: QPixmap, bounds: QRectF, thickness: float, arc: tuple[str, int]
    ) -> QPixmap:
        """The background, the track and the arc (in ``ARC_STEPS`` steps round the
        ring): painted again only when the arc moves on a step, not for each picture of
        the breath disc inside it."""
        key: tuple[object, ...] = (track.cacheKey(), bounds, thickness, arc)
        if self._arc is None or self._arc[0] != key:
            pixmap = QPixmap(track)  # shared until painted on
            tone, step = arc
            if step > 0:
                layer = QPainter(pixmap)
                layer.setRenderHint(QPainter.RenderHint.Antialiasing)
                pen = QPen(QColor(tone), thickness)
                pen.setCapStyle(Qt.PenCapStyle.RoundCap)
                layer.setPen(pen)
                layer.drawArc(bounds, 90 * 16, -round(step / ARC_STEPS * 360 * 16))
                layer.end()
            self._arc = (key, pixmap)
        return self._arc[1]

    def _words_picture(
        self, bounds: QRectF, state: RingState, colours: theme.Theme, ratio: float
    ) -> tuple[QRect, QPixmap]:
        """The big word or number and the caption, laid out and painted once while they
        stay the same (a breath's words stay for seconds, the disc under them moves), and
        where they go."""
        side = bounds.width()
        area = QRectF(bounds.left(), bounds.top() + side * 0.2, side, side * 0.66).toAlignedRect()
        key: tuple[object, ...] = (self.size(), ratio, bounds, state.big, state.caption)
        key += (colours.name, self.font())
        if self._words is None or self._words[0] != key:
            pixmap = QPixmap(area.size() * ratio)
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            layer = QPainter(pixmap)
            layer.setRenderHint(QPainter.RenderHint.Antialiasing)
            layer.translate(-area.left(), -area.top())
            self._paint_text(layer, bounds, state, colours)
            layer.end()
            self._words = (key, pixmap)
        return area, self._words[1]

    def _paint_breath(
        self, painter: QPainter, bounds: QRectF, fullness: float, colour: QColor
    ) -> None:
        # Ease the size so the disc moves like a breath, not like a linear slider.
        eased = 0.5 - 0.5 * math.cos(math.pi * min(max(fullness, 0.0), 1.0))
        radius = bounds.width() / 2 * (DISC_SMALLEST + DISC_GROWTH * eased)
        centre = bounds.center()
        # A soft disc without an outline: a line would cut through the words over it.
        # Its colour is already mixed with the paper: an opaque fill is a fraction of
        # the cost of blending a translucent one (the disc is the largest shape painted).
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
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


def _words(state: RingState) -> tuple[str, str, str, bool]:
    return state.big, state.caption, state.tone, state.paused


def _arc_step(fraction: float) -> int:
    """The arc's length in steps round the ring (a step is a few pixels)."""
    return round(min(max(fraction, 0.0), 1.0) * ARC_STEPS)


@functools.cache
def _over(colour: str, alpha: int, paper: str) -> QColor:
    """``colour`` at ``alpha`` (0..255) over ``paper``, as one opaque colour."""
    top, bottom = QColor(colour), QColor(paper)
    a = alpha / 255.0
    return QColor(
        round(top.red() * a + bottom.red() * (1 - a)),
        round(top.green() * a + bottom.green() * (1 - a)),
        round(top.blue() * a + bottom.blue() * (1 - a)),
    )


@contextmanager
def _painter(widget: QWidget) -> Iterator[QPainter]:
    painter = QPainter(widget)
    try:
        yield painter
    finally:
        painter.end()


def fit_font(font: QFont, box: QRectF, text: str, flags: object, smallest: int = 9) -> None:
    """Make ``font`` smaller, down to ``smallest`` pixels, until ``text`` fits ``box``."""
    while font.pixelSize() > smallest:
        needed = QFontMetricsF(font).boundingRect(box, flags, text)  # type: ignore[call-overload]
        if needed.width() <= box.width() + 0.5 and needed.height() <= box.height() + 0.5:
            return
        font.setPixelSize(font.pixelSize() - 1)

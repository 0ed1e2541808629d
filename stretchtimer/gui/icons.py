"""Small line icons drawn with QPainter, in the theme's colours and crisp at any scale."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

Draw = Callable[[QPainter, float], None]
SIZE = 24  # logical pixels; drawn at 3x for high-DPI screens
SCALE = 3


def _pen(painter: QPainter, colour: QColor, width: float = 2.0) -> None:
    pen = QPen(colour, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)


def _fill_rect(painter: QPainter, rect: QRectF, colour: QColor) -> None:
    """``painter.fillRect(rect, colour)``: the same pixels, without trying fillRect's
    overloads in turn (one of them makes QGradient's class with its 180 presets, some
    3 ms, for the History icon in the nav bar before the Routines page paints)."""
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawRect(rect)
    painter.restore()


def _triangle(
    x: float, y: float, width: float, height: float, *, left: bool = False
) -> QPainterPath:
    path = QPainterPath()
    if left:
        path.moveTo(x + width, y)
        path.lineTo(x, y + height / 2)
        path.lineTo(x + width, y + height)
    else:
        path.moveTo(x, y)
        path.lineTo(x + width, y + height / 2)
        path.lineTo(x, y + height)
    path.closeSubpath()
    return path


def play(p: QPainter, s: float) -> None:
    p.fillPath(_triangle(s * 0.33, s * 0.22, s * 0.45, s * 0.56), p.pen().color())


def pause(p: QPainter, s: float) -> None:
    colour = p.pen().color()
    _fill_rect(p, QRectF(s * 0.28, s * 0.22, s * 0.15, s * 0.56), colour)
    _fill_rect(p, QRectF(s * 0.57, s * 0.22, s * 0.15, s * 0.56), colour)


def skip(p: QPainter, s: float) -> None:
    colour = p.pen().color()
    p.fillPath(_triangle(s * 0.2, s * 0.26, s * 0.42, s * 0.48), colour)
    _fill_rect(p, QRectF(s * 0.66, s * 0.26, s * 0.12, s * 0.48), colour)


def back(p: QPainter, s: float) -> None:
    colour = p.pen().color()
    _fill_rect(p, QRectF(s * 0.22, s * 0.26, s * 0.12, s * 0.48), colour)
    p.fillPath(_triangle(s * 0.38, s * 0.26, s * 0.42, s * 0.48, left=True), colour)


def stop(p: QPainter, s: float) -> None:
    path = QPainterPath()
    path.addRoundedRect(QRectF(s * 0.27, s * 0.27, s * 0.46, s * 0.46), s * 0.06, s * 0.06)
    p.fillPath(path, p.pen().color())


def _speaker(p: QPainter, s: float) -> None:
    path = QPainterPath()
    path.moveTo(s * 0.14, s * 0.4)
    path.lineTo(s * 0.28, s * 0.4)
    path.lineTo(s * 0.46, s * 0.24)
    path.lineTo(s * 0.46, s * 0.76)
    path.lineTo(s * 0.28, s * 0.6)
    path.lineTo(s * 0.14, s * 0.6)
    path.closeSubpath()
    p.fillPath(path, p.pen().color())


def sound_on(p: QPainter, s: float) -> None:
    _speaker(p, s)
    _pen(p, p.pen().color(), s * 0.07)
    p.drawArc(QRectF(s * 0.38, s * 0.32, s * 0.24, s * 0.36), -50 * 16, 100 * 16)
    p.drawArc(QRectF(s * 0.38, s * 0.2, s * 0.4, s * 0.6), -50 * 16, 100 * 16)


def sound_off(p: QPainter, s: float) -> None:
    _speaker(p, s)
    _pen(p, p.pen().color(), s * 0.07)
    p.drawLine(QPointF(s * 0.6, s * 0.38), QPointF(s * 0.84, s * 0.62))
    p.drawLine(QPointF(s * 0.84, s * 0.38), QPointF(s * 0.6, s * 0.62))


def routines(p: QPainter, s: float) -> None:
    _pen(p, p.pen().color(), s * 0.08)
    for row in (0.3, 0.5, 0.7):
        p.drawPoint(QPointF(s * 0.22, s * row))
        p.drawLine(QPointF(s * 0.38, s * row), QPointF(s * 0.8, s * row))


def session(p: QPainter, s: float) -> None:
    _pen(p, p.pen().color(), s * 0.08)
    p.drawArc(QRectF(s * 0.16, s * 0.16, s * 0.68, s * 0.68), 90 * 16, -290 * 16)
    p.drawLine(QPointF(s * 0.5, s * 0.5), QPointF(s * 0.5, s * 0.3))
    p.drawLine(QPointF(s * 0.5, s * 0.5), QPointF(s * 0.64, s * 0.58))


def history(p: QPainter, s: float) -> None:
    colour = p.pen().color()
    for index, height in enumerate((0.3, 0.5, 0.38, 0.62)):
        x = s * (0.16 + index * 0.18)
        _fill_rect(p, QRectF(x, s * (0.8 - height), s * 0.12, s * height), colour)


def settings(p: QPainter, s: float) -> None:
    _pen(p, p.pen().color(), s * 0.07)
    for row, knob in ((0.3, 0.62), (0.5, 0.34), (0.7, 0.55)):
        p.drawLine(QPointF(s * 0.16, s * row), QPointF(s * 0.84, s * row))
        p.setBrush(p.pen().color())
        p.drawEllipse(QPointF(s * knob, s * row), s * 0.07, s * 0.07)
        p.setBrush(Qt.BrushStyle.NoBrush)


def check(p: QPainter, s: float) -> None:
    _pen(p, p.pen().color(), s * 0.1)
    p.drawLine(QPointF(s * 0.22, s * 0.52), QPointF(s * 0.42, s * 0.72))
    p.drawLine(QPointF(s * 0.42, s * 0.72), QPointF(s * 0.8, s * 0.3))


def leaf(p: QPainter, s: float) -> None:
    """The easier variation: a soft leaf."""
    path = QPainterPath()
    path.moveTo(s * 0.2, s * 0.8)
    path.cubicTo(s * 0.2, s * 0.3, s * 0.5, s * 0.18, s * 0.82, s * 0.18)
    path.cubicTo(s * 0.82, s * 0.55, s * 0.6, s * 0.8, s * 0.2, s * 0.8)
    p.fillPath(path, p.pen().color())


def compact(p: QPainter, s: float) -> None:
    """Switch to the compact player: a big frame with a small one inside, bottom right."""
    _pen(p, p.pen().color(), s * 0.07)
    p.drawRoundedRect(QRectF(s * 0.14, s * 0.2, s * 0.72, s * 0.6), s * 0.06, s * 0.06)
    _fill_rect(p, QRectF(s * 0.48, s * 0.5, s * 0.3, s * 0.22), p.pen().color())


def expand(p: QPainter, s: float) -> None:
    """Back to the full window: two arrows pointing out to the corners."""
    _pen(p, p.pen().color(), s * 0.08)
    p.drawLine(QPointF(s * 0.56, s * 0.2), QPointF(s * 0.8, s * 0.2))
    p.drawLine(QPointF(s * 0.8, s * 0.2), QPointF(s * 0.8, s * 0.44))
    p.drawLine(QPointF(s * 0.8, s * 0.2), QPointF(s * 0.58, s * 0.42))
    p.drawLine(QPointF(s * 0.2, s * 0.56), QPointF(s * 0.2, s * 0.8))
    p.drawLine(QPointF(s * 0.2, s * 0.8), QPointF(s * 0.44, s * 0.8))
    p.drawLine(QPointF(s * 0.2, s * 0.8), QPointF(s * 0.42, s * 0.58))


def close(p: QPainter, s: float) -> None:
    _pen(p, p.pen().color(), s * 0.08)
    p.drawLine(QPointF(s * 0.28, s * 0.28), QPointF(s * 0.72, s * 0.72))
    p.drawLine(QPointF(s * 0.72, s * 0.28), QPointF(s * 0.28, s * 0.72))


def bell(p: QPainter, s: float) -> None:
    """A reminder."""
    path = QPainterPath()
    path.moveTo(s * 0.22, s * 0.7)
    path.cubicTo(s * 0.3, s * 0.6, s * 0.28, s * 0.5, s * 0.3, s * 0.4)
    path.cubicTo(s * 0.33, s * 0.22, s * 0.67, s * 0.22, s * 0.7, s * 0.4)
    path.cubicTo(s * 0.72, s * 0.5, s * 0.7, s * 0.6, s * 0.78, s * 0.7)
    path.closeSubpath()
    colour = p.pen().color()
    p.fillPath(path, colour)
    p.setBrush(colour)
    p.drawEllipse(QPointF(s * 0.5, s * 0.78), s * 0.07, s * 0.07)
    p.setBrush(Qt.BrushStyle.NoBrush)


_made: dict[tuple[Draw, str, str | None], QIcon] = {}


def make_icon(draw: Draw, colour: str, disabled: str | None = None) -> QIcon:
    """The icon ``draw`` paints, in ``colour`` (and ``disabled`` when greyed out).

    Icons are drawn once per colour and kept: the player asks again on every pause.
    """
    key = (draw, colour, disabled)
    icon = _made.get(key)
    if icon is None:
        icon = _made[key] = _paint(draw, colour, disabled)
    return icon


def _paint(draw: Draw, colour: str, disabled: str | None) -> QIcon:
    icon = QIcon()
    normal = _picture(draw, colour)
    icon.addPixmap(normal, QIcon.Mode.Normal)
    # Greyed out in its own colour, or in the same one (the nav bar's): painted once then.
    greyed = normal if disabled in (None, colour) else _picture(draw, disabled or colour)
    icon.addPixmap(greyed, QIcon.Mode.Disabled)
    return icon


def _picture(draw: Draw, tint: str) -> QPixmap:
    pixmap = QPixmap(SIZE * SCALE, SIZE * SCALE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    _pen(painter, QColor(tint))
    draw(painter, SIZE * SCALE)
    painter.end()
    pixmap.setDevicePixelRatio(SCALE)
    return pixmap

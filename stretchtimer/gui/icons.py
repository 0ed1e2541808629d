"""Small line icons drawn with QPainter, in the theme's colours and crisp at any scale.

An icon is drawn in black and then takes its colour (see :func:`_picture`). The nav bar's
icons are drawn before the Routines page paints, so they are shapes filled with
:data:`INK`, not pen strokes: a pen, or a fill in a colour, builds Qt's namespace (see
``plain_paint``); the others draw as they like.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from stretchtimer.gui.plain_paint import brush

Draw = Callable[[QPainter, float], None]
SIZE = 24  # logical pixels; drawn at 3x for high-DPI screens
SCALE = 3
INK = "#000000"  # what an icon is drawn in, before it takes its colour


def _pen(painter: QPainter, colour: QColor, width: float = 2.0) -> None:
    from PySide6.QtCore import Qt

    pen = QPen(colour, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)


def _fill_rect(painter: QPainter, rect: QRectF, colour: QColor) -> None:
    """``rect`` filled as ``painter.fillRect(rect, colour)`` fills it (its antialiased
    edges within a few levels of 255), without fillRect's overloads: trying them builds
    Qt's namespace and QGradient's class with its 180 presets (see plain_paint), for the
    History icon in the nav bar before the Routines page paints."""
    path = QPainterPath()
    path.addRect(rect)
    painter.fillPath(path, brush(colour.name()))


def _line(painter: QPainter, start: QPointF, end: QPointF, width: float) -> None:
    """A line ``width`` thick with round ends."""
    length = math.hypot(end.x() - start.x(), end.y() - start.y())
    if length:
        # The line's sides: its direction turned a quarter, half the width long.
        across = QPointF(
            -(end.y() - start.y()) / length * width / 2,
            (end.x() - start.x()) / length * width / 2,
        )
        side = QPainterPath()
        side.moveTo(start + across)
        side.lineTo(end + across)
        side.lineTo(end - across)
        side.lineTo(start - across)
        side.closeSubpath()
        painter.fillPath(side, brush(INK))
    for point in (start, end):
        _dot(painter, point, width / 2)


def _dot(painter: QPainter, centre: QPointF, radius: float) -> None:
    path = QPainterPath()
    path.addEllipse(centre, radius, radius)
    painter.fillPath(path, brush(INK))


def _arc(
    painter: QPainter, centre: QPointF, radius: float, *, start: float, sweep: float, width: float
) -> None:
    """An arc of a circle ``width`` thick with round ends (angles in degrees,
    anticlockwise from three o'clock, as QPainter's)."""
    outer = radius + width / 2
    inner = radius - width / 2
    band = QPainterPath()
    band.arcMoveTo(QRectF(centre.x() - outer, centre.y() - outer, 2 * outer, 2 * outer), start)
    band.arcTo(QRectF(centre.x() - outer, centre.y() - outer, 2 * outer, 2 * outer), start, sweep)
    band.arcTo(
        QRectF(centre.x() - inner, centre.y() - inner, 2 * inner, 2 * inner), start + sweep, -sweep
    )
    band.closeSubpath()
    painter.fillPath(band, brush(INK))
    for angle in (start, start + sweep):
        end = QPointF(
            centre.x() + radius * math.cos(math.radians(angle)),
            centre.y() - radius * math.sin(math.radians(angle)),
        )
        _dot(painter, end, width / 2)


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
    for row in (0.3, 0.5, 0.7):
        _dot(p, QPointF(s * 0.22, s * row), s * 0.04)
        _line(p, QPointF(s * 0.38, s * row), QPointF(s * 0.8, s * row), s * 0.08)


def session(p: QPainter, s: float) -> None:
    _arc(p, QPointF(s * 0.5, s * 0.5), s * 0.34, start=90, sweep=-290, width=s * 0.08)
    _line(p, QPointF(s * 0.5, s * 0.5), QPointF(s * 0.5, s * 0.3), s * 0.08)
    _line(p, QPointF(s * 0.5, s * 0.5), QPointF(s * 0.64, s * 0.58), s * 0.08)


def history(p: QPainter, s: float) -> None:
    colour = p.pen().color()
    for index, height in enumerate((0.3, 0.5, 0.38, 0.62)):
        x = s * (0.16 + index * 0.18)
        _fill_rect(p, QRectF(x, s * (0.8 - height), s * 0.12, s * height), colour)


def settings(p: QPainter, s: float) -> None:
    for row, knob in ((0.3, 0.62), (0.5, 0.34), (0.7, 0.55)):
        _line(p, QPointF(s * 0.16, s * row), QPointF(s * 0.84, s * row), s * 0.07)
        # The knob as the pen drew it: its radius and half the pen's width around it.
        _dot(p, QPointF(s * knob, s * row), s * 0.07 + s * 0.035)


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
    _dot(p, QPointF(s * 0.5, s * 0.78), s * 0.07 + 1)  # as drawn with a 2 px pen around it


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
    pixmap.fill(QColor(0, 0, 0, 0))  # transparent
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    draw(painter, SIZE * SCALE)  # in the painter's own pen: black, as INK
    # Then every shape takes the tint, as much as it covers each pixel: the same pixels
    # as drawing in the tint, without naming a colour to the painter (see plain_paint).
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    whole = QPainterPath()
    whole.addRect(QRectF(0, 0, SIZE * SCALE, SIZE * SCALE))
    painter.fillPath(whole, brush(tint))
    painter.end()
    pixmap.setDevicePixelRatio(SCALE)
    return pixmap

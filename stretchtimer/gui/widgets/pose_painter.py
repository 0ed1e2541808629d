"""Paints a pose drawing with QPainter: one painter for the widget and for PNG files.

QtGui only (no widgets), so ``stretchtimer pose render --to FILE.png`` can use it.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImage,
    QPainter,
    QPen,
    QPolygonF,
    QRadialGradient,
    QTransform,
)

from stretchtimer.core.poses.palette import EDGE_WIDTH, Palette
from stretchtimer.core.poses.shapes import Blob, Bounds, Capsule, Disc, Drawing, Line, Oval, Role

_EDGED = frozenset({Role.BODY, Role.LEFT, Role.RIGHT, Role.WORKED})


class _Colours:
    """QColors of a palette, made once per palette (not once per frame)."""

    def __init__(self, palette: Palette) -> None:
        self.palette = palette
        self.edge = QColor(palette.edge)
        self.fills: dict[Role, QColor] = {}
        for role, paint in palette.fills.items():
            colour = QColor(paint.colour)
            colour.setAlphaF(paint.opacity)
            self.fills[role] = colour


_cache: dict[int, _Colours] = {}


def _colours(palette: Palette) -> _Colours:
    found = _cache.get(id(palette))
    if found is None or found.palette is not palette:
        found = _Colours(palette)
        _cache.clear()
        _cache[id(palette)] = found
    return found


def fit(frame: Bounds, rect: QRectF, margin: float = 0.04) -> tuple[float, float, float]:
    """``(scale, x offset, y offset)`` that fit ``frame`` (heights, y up) centred in
    ``rect`` (pixels, y down)."""
    area = frame.padded(margin)
    k = min(rect.width() / area.width, rect.height() / area.height)
    dx = rect.left() + (rect.width() - area.width * k) / 2 - area.left * k
    dy = rect.top() + (rect.height() - area.height * k) / 2 + area.top * k
    return k, dx, dy


def fit_size(frame: Bounds, size: int, margin: float = 0.04) -> tuple[int, int]:
    """The width and height of a picture of ``frame`` whose longer side is ``size``."""
    area = frame.padded(margin)
    k = size / max(area.width, area.height)
    return max(1, round(area.width * k)), max(1, round(area.height * k))


def paint_drawing(
    painter: QPainter, drawing: Drawing, rect: QRectF, palette: Palette, frame: Bounds | None = None
) -> None:
    """Paint ``drawing`` into ``rect``, scaled so that ``frame`` (default: the drawing's
    bounds) fits; anti-aliased, with a paper-coloured rim around the body's parts."""
    k, dx, dy = fit(frame or drawing.bounds, rect)
    colours = _colours(palette)
    edge = EDGE_WIDTH * k
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)

    def at(point: tuple[float, float]) -> QPointF:
        return QPointF(point[0] * k + dx, dy - point[1] * k)

    for shape in drawing.shapes:
        fill = colours.fills[shape.role]
        rimmed = shape.role in _EDGED
        if isinstance(shape, Capsule):
            start, end, r = at(shape.start), at(shape.end), shape.radius * k
            if rimmed:
                _capsule(painter, start, end, r + edge, colours.edge)
            _capsule(painter, start, end, r, fill)
        elif isinstance(shape, Line):
            painter.setPen(_pen(fill, shape.width * k))
            painter.drawLine(at(shape.start), at(shape.end))
        elif isinstance(shape, Disc):
            painter.setPen(Qt.PenStyle.NoPen)
            center, r = at(shape.center), shape.radius * k
            if rimmed:
                painter.setBrush(colours.edge)
                painter.drawEllipse(center, r + edge, r + edge)
            painter.setBrush(fill)
            painter.drawEllipse(center, r, r)
        elif isinstance(shape, Oval):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(_soft(fill, at(shape.center), shape.rx * k, shape.ry * k))
            painter.drawEllipse(at(shape.center), shape.rx * k, shape.ry * k)
        elif isinstance(shape, Blob):
            corners = [(point[0] * k + dx, dy - point[1] * k) for point in shape.points]
            painter.setPen(Qt.PenStyle.NoPen)
            radius = shape.radius * k
            outlines = rounded(corners, radius, radius + edge if rimmed else None)
            if outlines[1] is not None:
                painter.setBrush(colours.edge)
                painter.drawPolygon(outlines[1])
            painter.setBrush(fill)
            painter.drawPolygon(outlines[0])
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.restore()


_ARC_STEP = math.radians(20)


def rounded(
    corners: list[tuple[float, float]], radius: float, rim: float | None = None
) -> tuple[QPolygonF, QPolygonF | None]:
    """The convex outline ``corners`` grown by ``radius`` all round, with round corners:
    filled, it is what a round-joined pen of twice the radius would stroke, at half the
    cost (the torso is the largest thing painted each frame). With ``rim``, the outline
    grown by that much too (the part's rim), from the same angles, worked out once."""
    count = len(corners)
    if count < 3:
        xs = [x for x, _ in corners]
        ys = [y for _, y in corners]
        corners = [(min(xs), min(ys)), (max(xs), min(ys)), (max(xs), max(ys)), (min(xs), max(ys))]
        count = 4
    area = sum(
        corners[i - 1][0] * corners[i][1] - corners[i][0] * corners[i - 1][1] for i in range(count)
    )
    outwards = -math.pi / 2 if area > 0 else math.pi / 2
    points: list[QPointF] = []
    rims: list[QPointF] = []
    cos, sin = math.cos, math.sin
    for i in range(count):
        (px, py), (cx, cy), (nx, ny) = corners[i - 1], corners[i], corners[(i + 1) % count]
        start = math.atan2(cy - py, cx - px) + outwards
        end = math.atan2(ny - cy, nx - cx) + outwards
        sweep = (end - start + math.pi) % (2 * math.pi) - math.pi
        steps = max(1, int(abs(sweep) / _ARC_STEP))
        for j in range(steps + 1):
            angle = start + sweep * j / steps
            ux, uy = cos(angle), sin(angle)
            points.append(QPointF(cx + ux * radius, cy + uy * radius))
            if rim is not None:
                rims.append(QPointF(cx + ux * rim, cy + uy * rim))
    return QPolygonF(points), (QPolygonF(rims) if rim is not None else None)


def _soft(colour: QColor, center: QPointF, rx: float, ry: float) -> QBrush:
    """A shadow that fades out towards its edge."""
    gradient = QRadialGradient(QPointF(0, 0), 1.0)
    gradient.setColorAt(0.0, colour)
    gradient.setColorAt(0.55, colour)
    edge = QColor(colour)
    edge.setAlpha(0)
    gradient.setColorAt(1.0, edge)
    brush = QBrush(gradient)
    brush.setTransform(QTransform(max(rx, 1e-3), 0, 0, max(ry, 1e-3), center.x(), center.y()))
    return brush


def _capsule(
    painter: QPainter, start: QPointF, end: QPointF, radius: float, colour: QColor
) -> None:
    """A limb: a round-capped stroke (measured cheaper than a flat stroke and two discs)."""
    painter.setPen(_pen(colour, 2 * radius))
    painter.drawLine(start, end)


def _pen(colour: QColor, width: float, cap: Qt.PenCapStyle = Qt.PenCapStyle.RoundCap) -> QPen:
    key = (colour.rgba(), width, cap)
    pen = _pens.get(key)
    if pen is None:
        if len(_pens) > 256:
            _pens.clear()
        pen = QPen(QBrush(colour), width)
        pen.setCapStyle(cap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        _pens[key] = pen
    return pen


_pens: dict[
    tuple[int, float, Qt.PenCapStyle], QPen
] = {}  # limbs keep their widths from frame to frame


def render_image(
    drawing: Drawing,
    palette: Palette,
    *,
    width: int,
    height: int,
    scale: float = 1.0,
    frame: Bounds | None = None,
    background: bool = True,
) -> QImage:
    """``drawing`` as an image of ``width`` x ``height`` logical pixels at ``scale``."""
    image = QImage(
        round(width * scale), round(height * scale), QImage.Format.Format_ARGB32_Premultiplied
    )
    image.setDevicePixelRatio(scale)
    image.fill(QColor(palette.edge) if background else QColor(0, 0, 0, 0))
    painter = QPainter(image)
    paint_drawing(painter, drawing, QRectF(0, 0, width, height), palette, frame)
    painter.end()
    return image

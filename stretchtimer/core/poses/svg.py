"""Shapes as SVG text: deterministic (same drawing, same bytes) and valid XML."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from stretchtimer.core.poses.palette import EDGE_WIDTH, LIGHT, Palette
from stretchtimer.core.poses.shapes import Blob, Bounds, Capsule, Disc, Drawing, Line, Oval, Role

_EDGED = frozenset({Role.BODY, Role.LEFT, Role.RIGHT, Role.WORKED})


def svg_text(
    drawing: Drawing,
    *,
    palette: Palette = LIGHT,
    size: int = 512,
    frame: Bounds | None = None,
    title: str = "",
    background: bool = False,
) -> str:
    """An SVG document ``size`` pixels on its longer side showing ``frame`` (the drawing's
    own bounds, padded, when None); ``title`` is its accessible name."""
    area = (frame or drawing.bounds).padded(0.04)
    k = size / max(area.width, area.height)
    width, height = round(area.width * k), round(area.height * k)

    def x(value: float) -> str:
        return _num((value - area.left) * k)

    def y(value: float) -> str:
        return _num((area.top - value) * k)

    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img">',
    ]
    if title:
        lines.append(f"<title>{_text(title)}</title>")
    shadow = palette[Role.SHADOW]
    lines.append(
        f'<defs><radialGradient id="soft"><stop offset="0.55" stop-color="{shadow.colour}"/>'
        f'<stop offset="1" stop-color="{shadow.colour}" stop-opacity="0"/>'
        "</radialGradient></defs>"
    )
    if background:
        lines.append(f'<rect width="{width}" height="{height}" fill="{palette.edge}"/>')
    edge = _num(EDGE_WIDTH * k)
    for shape in drawing.shapes:
        paint = palette[shape.role]
        fill = f'"{paint.colour}"' + (
            f' fill-opacity="{_num(paint.opacity)}"' if paint.opacity < 1 else ""
        )
        rim = f' stroke="{palette.edge}" stroke-width="{edge}"' if shape.role in _EDGED else ""
        if isinstance(shape, Capsule | Line):
            width_px = shape.radius * 2 if isinstance(shape, Capsule) else shape.width
            coords = (
                f'x1="{x(shape.start[0])}" y1="{y(shape.start[1])}" '
                f'x2="{x(shape.end[0])}" y2="{y(shape.end[1])}"'
            )
            if rim:
                lines.append(
                    f'<line {coords} stroke="{palette.edge}" '
                    f'stroke-width="{_num(width_px * k + 2 * EDGE_WIDTH * k)}" '
                    'stroke-linecap="round"/>'
                )
            lines.append(
                f'<line {coords} stroke={fill} stroke-width="{_num(width_px * k)}" '
                'stroke-linecap="round"/>'.replace("fill-opacity", "stroke-opacity")
            )
        elif isinstance(shape, Disc):
            lines.append(
                f'<circle cx="{x(shape.center[0])}" cy="{y(shape.center[1])}" '
                f'r="{_num(shape.radius * k)}" fill={fill}{rim}/>'
            )
        elif isinstance(shape, Oval):  # a soft shadow: the gradient fades its edge
            lines.append(
                f'<ellipse cx="{x(shape.center[0])}" cy="{y(shape.center[1])}" '
                f'rx="{_num(shape.rx * k)}" ry="{_num(shape.ry * k)}" fill="url(#soft)" '
                f'opacity="{_num(paint.opacity)}"/>'
            )
        elif isinstance(shape, Blob):
            points = " ".join(f"{x(px)},{y(py)}" for px, py in shape.points)
            if rim:
                lines.append(
                    f'<polygon points="{points}" fill="{palette.edge}" stroke="{palette.edge}" '
                    f'stroke-width="{_num(2 * shape.radius * k + 2 * EDGE_WIDTH * k)}" '
                    'stroke-linejoin="round"/>'
                )
            colour = paint.colour
            lines.append(
                f'<polygon points="{points}" fill="{colour}" stroke="{colour}" '
                f'stroke-width="{_num(2 * shape.radius * k)}" stroke-linejoin="round"/>'
            )
    lines.append("</svg>")
    return "\n".join(lines) + "\n"


def _num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _text(value: str) -> str:
    return quoteattr(value)[1:-1]

"""Small still pictures of poses (routine cards, routine details, the pose picker's list),
painted once per pose, size and theme and kept."""

from __future__ import annotations

import functools

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPixmap

from stretchtimer.core.poses import UnknownPoseError, posed
from stretchtimer.core.poses.palette import figure_palette
from stretchtimer.gui import theme
from stretchtimer.gui.widgets.pose_painter import paint_drawing


def step_pose(step: object) -> str | None:
    """The pose a routine step names (``pose = "NAME"``, routine format 2), if any."""
    name = getattr(step, "pose", None)
    return name if isinstance(name, str) and name else None


def thumbnail(
    name: str, side: str | None = None, *, size: int, ratio: float = 1.0, paper: str = ""
) -> QPixmap | None:
    """The pose ``name`` in a ``size`` square (logical pixels, at ``ratio``) for a
    background of colour ``paper`` (the theme's surface by default); None for a name the
    library lacks."""
    colours = theme.current()
    return _painted(
        name, side, size, ratio, (colours.text, paper or colours.surface, colours.accent)
    )


@functools.lru_cache(maxsize=256)
def _painted(
    name: str, side: str | None, size: int, ratio: float, colours: tuple[str, str, str]
) -> QPixmap | None:
    ink, paper, accent = colours
    try:
        figure = posed(name, side)
    except UnknownPoseError:
        return None
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    palette = figure_palette(ink=ink, paper=paper, accent=accent)
    paint_drawing(painter, figure.drawing(), QRectF(0, 0, size, size), palette)
    painter.end()
    return pixmap

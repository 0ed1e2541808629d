"""Small still pictures of poses (routine cards, routine details, the pose picker's list),
painted once per pose, size and theme and kept.

The figure's kinematics and its painter load with the first picture, not with this
module (reading routine files needs only the pose library's names): the Routines page is
painted first and gets its pictures on the next turn of the event loop
(:func:`library_loaded`, :func:`when_loaded`), so they cost the window's start nothing.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QPainter, QPixmap

from stretchtimer.gui import theme

_PAINTER = "stretchtimer.gui.widgets.pose_painter"
_waiting: list[Callable[[], None]] = []
LATER_MS = 300  # when nothing being painted asks for them first


def library_loaded() -> bool:
    """Whether the figures and their painter are loaded (then every picture can be
    painted at once)."""
    return _PAINTER in sys.modules


def when_loaded(then: Callable[[], None], *, painting: bool = True) -> None:
    """Load the figures and their painter, then call ``then`` (a view repaints its
    pictures): on the next turn of the event loop when called while ``painting`` (the
    picture's place is painted empty first), else a moment later, so that what is being
    built now is painted before they load."""
    if then not in _waiting:
        _waiting.append(then)
    QTimer.singleShot(0 if painting else LATER_MS, _load)


def _load() -> None:
    if not _waiting:
        return  # loaded already
    import stretchtimer.core.poses.scene
    import stretchtimer.gui.widgets.pose_painter  # noqa: F401

    callbacks = list(_waiting)
    _waiting.clear()
    for then in callbacks:
        then()


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
    from stretchtimer.core.poses import UnknownPoseError, posed
    from stretchtimer.core.poses.palette import figure_palette
    from stretchtimer.gui.widgets.pose_painter import paint_drawing

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

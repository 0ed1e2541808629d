"""Small still pictures of poses (routine cards, routine details, the pose picker's list),
painted once per pose, size and theme and kept.

The figure's kinematics and its painter load with the first picture, not with this
module (reading routine files needs only the pose library's names): the Routines page is
painted first and gets its pictures on the next turn of the event loop
(:func:`library_loaded`, :func:`when_loaded`), so they cost the window's start nothing.
In the app the figures' modules (plain Python) are imported by the background helper
(:func:`load_with`): imported on the GUI thread they held it 30-40 ms in one go, in the
moment a person first reaches for the window. Their painter, which names Qt's classes,
is imported on the GUI thread once they are there: PySide making its classes (Qt's
namespace among them) on two threads at once can crash it.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF, QTimer
from PySide6.QtGui import QColor, QPainter, QPixmap

from stretchtimer.gui import theme
from stretchtimer.gui.widgets.kept_pictures import (
    FOLDER_NAME,
    Picture,
    PictureKey,
    encoded,
    keep,
    read,
)

if TYPE_CHECKING:
    from pathlib import Path

    from stretchtimer.gui.tasks import Tasks

_PAINTER = "stretchtimer.gui.widgets.pose_painter"
_waiting: list[Callable[[], None]] = []
LATER_MS = 300  # when nothing being painted asks for them first
HELD = 256  # pictures held in memory at most
_pictures: dict[PictureKey, Picture | None] = {}  # painted or read, and the unknown poses
_kept_in: list[Path] = []  # the folder pictures are kept in between runs, once the app says
_helper: list[Tasks] = []  # the background helper that imports them, once the app has one
_importing: list[bool] = []  # an import is on its way in the helper


def load_with(tasks: Tasks, owner: QObject) -> None:
    """Import the figures and their painter with ``tasks`` (the app's background helper)
    rather than on the GUI thread, for as long as ``owner`` (the window) is there."""
    _helper[:] = [tasks]
    owner.destroyed.connect(functools.partial(_forget, tasks))


def _forget(tasks: Tasks, *_destroyed: object) -> None:
    if tasks in _helper:
        _helper.remove(tasks)


def library_loaded() -> bool:
    """Whether the figures and their painter are loaded (then every picture can be
    painted at once). Not while the helper is importing the figures' modules: a picture
    painted then would make the GUI thread wait for that import to finish."""
    return _PAINTER in sys.modules and not _importing


def when_loaded(then: Callable[[], None], *, painting: bool = True) -> None:
    """Load the figures and their painter, then call ``then`` (a view repaints its
    pictures): on the next turn of the event loop when called while ``painting`` (the
    picture's place is painted empty first), else a moment later, so that what is being
    built now is painted before they load."""
    if then not in _waiting:
        _waiting.append(then)
    QTimer.singleShot(0 if painting else LATER_MS, _load)


def _load() -> None:
    if not _waiting or _importing:
        return  # loaded already, or on its way
    if _helper and _PAINTER not in sys.modules:
        _importing.append(True)
        _helper[0].run(_import, _loaded, _import_failed)
        return
    _import()
    _loaded()


def _import() -> bool:
    """The figures' modules: plain Python, for any thread."""
    import stretchtimer.core.poses.scene  # noqa: F401

    return True


def _import_failed(_error: BaseException) -> None:
    """A known error in the helper (an unreadable file): tried here, as without one."""
    _importing.clear()
    _import()
    _loaded()


def _loaded(_imported: object = None) -> None:
    import stretchtimer.gui.widgets.pose_painter  # noqa: F401 - Qt's classes: this thread

    _importing.clear()
    callbacks = list(_waiting)
    _waiting.clear()
    for then in callbacks:
        then()


def step_pose(step: object) -> str | None:
    """The pose a routine step names (``pose = "NAME"``, routine format 2), if any."""
    name = getattr(step, "pose", None)
    return name if isinstance(name, str) and name else None


def keep_in(folder: Path) -> None:
    """Keep the pictures in ``folder`` (the cache folder) between runs: see
    :mod:`~stretchtimer.gui.widgets.kept_pictures`."""
    _kept_in[:] = [folder / FOLDER_NAME]


def thumbnail(
    name: str, side: str | None = None, *, size: int, ratio: float = 1.0, paper: str = ""
) -> QPixmap | None:
    """The pose ``name`` in a ``size`` square (logical pixels, at ``ratio``) for a
    background of colour ``paper`` (the theme's surface by default); None for a name the
    library lacks. Painted (with the library) unless it is kept."""
    picture = _picture(_key(name, side, size, ratio, paper), paint=True)
    return picture.pixmap if picture is not None else None


def kept_thumbnail(
    name: str, side: str | None = None, *, size: int, ratio: float = 1.0, paper: str = ""
) -> Picture | None:
    """The picture :func:`thumbnail` gives, and what it shows, if it is painted already
    or kept from an earlier run: never loads the library. None otherwise."""
    return _picture(_key(name, side, size, ratio, paper), paint=False)


def _key(name: str, side: str | None, size: int, ratio: float, paper: str) -> PictureKey:
    colours = theme.current()
    return PictureKey(
        name, side, size, ratio, (colours.text, paper or colours.surface, colours.accent)
    )


def _picture(key: PictureKey, *, paint: bool) -> Picture | None:
    if key in _pictures:
        return _pictures[key]
    picture = read(_kept_in[0], key) if _kept_in else None
    if picture is None:
        if not paint:
            return None
        picture = _painted(key)
        if picture is not None and _kept_in:
            _keep(_kept_in[0], key, picture)
    if len(_pictures) >= HELD:
        del _pictures[next(iter(_pictures))]  # the oldest
    _pictures[key] = picture
    return picture


def _painted(key: PictureKey) -> Picture | None:
    from stretchtimer.core.poses import UnknownPoseError, posed
    from stretchtimer.core.poses.palette import figure_palette
    from stretchtimer.gui.widgets.pose_painter import paint_drawing

    ink, paper, accent = key.colours
    try:
        figure = posed(key.name, key.side)
    except UnknownPoseError:
        return None
    pixmap = QPixmap(round(key.size * key.ratio), round(key.size * key.ratio))
    pixmap.setDevicePixelRatio(key.ratio)
    pixmap.fill(QColor(0, 0, 0, 0))  # transparent
    painter = QPainter(pixmap)
    palette = figure_palette(ink=ink, paper=paper, accent=accent)
    paint_drawing(painter, figure.drawing(), QRectF(0, 0, key.size, key.size), palette)
    painter.end()
    return Picture(pixmap, figure.what())


def _keep(folder: Path, key: PictureKey, picture: Picture) -> None:
    """Encode the picture here and write it with the background helper (the disk's time
    is not the GUI thread's), or here when there is none."""
    data = encoded(picture)
    if data is None:
        return
    work = functools.partial(keep, folder, key, data)
    if _helper:
        _helper[0].run(work)
    else:
        work()

"""The routine details' row of pose pictures: one small figure for each step with a pose."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from stretchtimer.core.i18n import _
from stretchtimer.core.routine.model import Routine
from stretchtimer.gui.widgets.kept_pictures import Picture
from stretchtimer.gui.widgets.pose_thumbnail import (
    kept_thumbnail,
    library_loaded,
    step_pose,
    thumbnail,
    when_loaded,
)

SIDE = 72
GAP = 8


class PoseStrip(QWidget):
    """Paints the poses of a routine's steps in order; hidden when no step has one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.poses: list[str] = []
        self._routine: Routine | None = None
        self.setFixedHeight(SIDE)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.hide()

    def set_routine(self, routine: Routine | None) -> None:
        self._routine = routine
        if routine is not None and not library_loaded() and self._kept() is None:
            # At start: after the first paint, unless every picture was kept.
            when_loaded(self._show_routine, painting=False)
            self.poses = []
            self.hide()
            return
        self._show_routine()

    def _kept(self) -> list[Picture] | None:
        """The pictures of the routine's poses and what they show, when every one is
        painted or kept from an earlier run (so the pose library is not needed)."""
        pictures = [
            kept_thumbnail(name, size=SIDE, ratio=self.devicePixelRatioF())
            for name in self._named()
        ]
        return None if None in pictures else [p for p in pictures if p is not None]

    def _named(self) -> list[str]:
        steps = self._routine.steps if self._routine is not None else ()
        return [name for step in steps if (name := step_pose(step))]

    def _show_routine(self) -> None:
        kept = self._kept()
        if kept is not None:
            self.poses = self._named()
            shows = [picture.what for picture in kept]
        else:
            # The figures' library only for a routine with poses: settings applied to the
            # empty list at start (any but the defaults) would import it on the GUI thread
            # before the Routines page paints (some 15 ms).
            self.poses = [name for name in self._named() if _known(name)]
            shows = [_shows(name) for name in self.poses]
        self.setAccessibleName(_figures_named(shows) if shows else "")
        self.setVisible(bool(self.poses))
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(len(self.poses) * (SIDE + GAP), SIDE)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        ratio = painter.device().devicePixelRatioF()
        x = 0
        for name in self.poses:
            if x + SIDE > self.width():
                break
            picture = thumbnail(name, size=SIDE, ratio=ratio)
            if picture is not None:
                painter.drawPixmap(QPointF(x, 0), picture)
            x += SIDE + GAP
        painter.end()


def _figures_named(shows: list[str]) -> str:
    return _("Figures of the steps: {names}").format(names=", ".join(shows))


def _shows(name: str) -> str:
    from stretchtimer.core.poses import posed

    return posed(name).what()


def _known(name: str) -> bool:
    from stretchtimer.core.poses import UnknownPoseError, posed

    try:
        posed(name)
    except UnknownPoseError:
        return False
    return True

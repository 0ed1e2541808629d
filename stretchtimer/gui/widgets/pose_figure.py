"""The pose figure: one widget for every place that shows a pose.

It paints a library pose on a side, scaled to its size, in the theme's colours, and moves
it: reps between their keyframes at the step's tempo, breaths lifting the chest and
deepening the stretch, a timed hold breathing slowly, and an eased change from one pose
to the next. Its timer runs only while the figure is on screen (shown, and its window not
minimized): a hidden figure draws nothing and costs nothing.

How it moves, and where in its movement it is at a moment, is :mod:`pose_motion`: a
breath is a few pictures, and the figure is repainted only when the next one is due.
The pictures of a breath repeat from breath to breath: they are painted once and kept
(:class:`_Kept`), so a breathing figure costs a copy a few times a second.
"""

from __future__ import annotations

import logging
import math
import time
from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QHideEvent, QPainter, QPaintEvent, QPixmap, QShowEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from stretchtimer.core.i18n import _
from stretchtimer.core.poses import Moment, Posed, UnknownPoseError, posed
from stretchtimer.core.poses.motion import ease, interpolate
from stretchtimer.core.poses.palette import Palette, figure_palette
from stretchtimer.core.poses.shapes import Bounds
from stretchtimer.gui import theme
from stretchtimer.gui.widgets.pose_motion import (
    BREATHING,
    STILL_MOTION,
    Motion,
    breath_step,
    how_it_moves,
    moment_at,
)
from stretchtimer.gui.widgets.pose_painter import fit, paint_drawing

log = logging.getLogger(__name__)

FRAME_MS = 33  # 30 frames a second: reps, and easing from pose to pose
BREATH_FRAME_MS = 66  # a breath is slow: 15 frames a second look as smooth, for half the cost
EASE_SECONDS = 0.7  # from one pose to the next
KEEP_BYTES = 8 * 1024 * 1024  # the kept pictures of a breath, at most


class _Kept:
    """The pictures of a breathing figure, painted once: the body over nothing, cropped
    to the figure's frame, one per moment, the most recently used kept up to
    ``KEEP_BYTES``. They are dropped whenever what they were painted for changes."""

    def __init__(self) -> None:
        self.key: tuple[object, ...] | None = None
        self.pictures: OrderedDict[Moment, QPixmap] = OrderedDict()
        self.painted = 0  # pictures painted (not copied), for tests and benchmarks

    def picture(
        self, key: tuple[object, ...], moment: Moment, make: Callable[[], QPixmap]
    ) -> QPixmap:
        if key != self.key:
            self.key = key
            self.pictures.clear()
        found = self.pictures.get(moment)
        if found is not None:
            self.pictures.move_to_end(moment)
            return found
        found = make()
        self.painted += 1
        size = found.size()
        self.pictures[moment] = found
        most = max(2, KEEP_BYTES // max(1, size.width() * size.height() * 4))
        while len(self.pictures) > most:
            self.pictures.popitem(last=False)
        return found

    def clear(self) -> None:
        self.key = None
        self.pictures.clear()


class PoseFigure(QWidget):
    """A drawn figure of a library pose (see ``core/poses``).

    ``paper`` is the theme colour behind it ("window", or "surface" on a card), so the
    rims between crossing limbs match the background. ``clock`` gives seconds (monotonic).
    A ``driven`` figure has no timer of its own: its host repaints on its own frame timer
    and calls :meth:`set_motion` each frame (the session player, which skips frames that
    would delay a cue, so the figure skips them too).
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        paper: str = "window",
        clock: Callable[[], float] = time.monotonic,
        driven: bool = False,
    ) -> None:
        super().__init__(parent)
        self._paper = paper
        self._driven = driven
        self._clock = clock
        self._posed: Posed | None = None
        self._asked: tuple[str | None, str | None, str] | None = None  # the last show_pose
        self._fallback = ""
        self._frame: Bounds | None = None
        self._motion = STILL_MOTION
        self._motion_at = clock()
        self._from: tuple[dict[str, float], float, Bounds] | None = None  # angles, start, frame
        self._palette_key: tuple[str, str] | None = None
        self._palette: Palette | None = None
        self._watched: QWidget | None = None
        self._ground_pixmap: QPixmap | None = None
        self._ground_key: tuple[object, ...] | None = None
        self.kept = _Kept()
        self.frames_drawn = 0  # paints of the figure, for tests and benchmarks
        self._painted_at = clock()
        self._painted_moment: Moment | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._next_frame)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(48, 48)
        # A driven figure sits on a known background and fills it itself: repainting it
        # then never repaints the page (and its style sheet) behind it.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, driven)
        self.setAccessibleName(_("Figure"))

    # -- what it shows

    def pose(self) -> Posed | None:
        return self._posed

    def show_pose(self, name: str | None, side: str | None = None, *, fallback: str = "") -> None:
        """Show the pose ``name`` on ``side`` (eased from the pose before, if any); with no
        name, or one the library lacks, show ``fallback`` (the step's name) in words."""
        if (name, side, fallback) == self._asked:
            return  # as before (the player asks on each of its pictures)
        self._asked = (name, side, fallback)
        try:
            new = posed(name, side) if name else None
        except UnknownPoseError:
            log.warning("no pose called %r; showing the step's name instead", name)
            new = None
        if new is None:
            self.setAccessibleName(fallback or _("Figure"))
        if new == self._posed:
            if fallback != self._fallback:
                self._fallback = fallback
                self.update()
            return
        self._fallback = fallback
        old, old_frame = self._posed, self._frame
        if old is not None and new is not None and old_frame is not None and self.isVisible():
            self._from = (old.angles(self._moment()), self._clock(), old_frame)
        else:
            self._from = None
        self._posed = new
        self._frame = new.steady_bounds() if new is not None else None
        if new is not None:
            self.setAccessibleName(new.description())
        self._update_timer()
        self.update()

    def set_motion(self, motion: Motion) -> None:
        """How the pose moves from now on; call it again as the session goes on (each
        call puts the figure back in step with the session's own time). A still figure
        is repainted only when its motion changes."""
        changed = how_it_moves(motion) != how_it_moves(self._motion)
        self._motion = motion
        self._motion_at = self._clock()
        if self._driven:
            if (changed or self._due()) and self._on_screen():
                self.update()
            return
        self._update_timer()
        if changed and not self._timer.isActive():
            self.update()

    def set_clock(self, clock: Callable[[], float]) -> None:
        """Read time from ``clock`` from now on (the session's own clock, in the player)."""
        self._clock = clock
        self._motion_at = self._painted_at = clock()
        self._from = None

    def _frame_ms(self) -> int:
        if self._from is None and self._motion.kind in BREATHING:
            return BREATH_FRAME_MS
        return FRAME_MS

    def _due(self) -> bool:
        """Whether a moving figure is due its next frame (a driven figure is asked on
        each of its host's frames): reps and easing 30 times a second, a breathing figure
        when the next picture of its breath comes."""
        if not (self._motion.moves or self._from is not None):
            return False
        if self._from is None and self._motion.kind in BREATHING:
            return self._moment() != self._painted_moment
        since_ms = (self._clock() - self._painted_at) * 1000.0
        return since_ms >= FRAME_MS / 2 or since_ms < 0

    def frame_interval_ms(self, speed: float = 1.0) -> int | None:
        """Real milliseconds until the figure needs a new picture (``speed``: a preview
        runs the session faster): 30 a second while it moves in reps or eases to a new
        pose, when the next picture of its breath comes while it breathes; None while it
        holds still."""
        if self._posed is None:
            return None
        if self._from is not None and self._clock() - self._from[1] < EASE_SECONDS:
            return FRAME_MS
        if not self._motion.moves:
            return None
        if self._motion.kind not in BREATHING:
            return FRAME_MS
        _, wait = breath_step(self._elapsed(), *self._motion.breath, self._motion.steps)
        return max(FRAME_MS, math.ceil(wait / max(speed, 1e-6) * 1000.0) + 1)

    def animating(self) -> bool:
        """Whether the figure's timer is running (it is only on screen and moving)."""
        return self._timer.isActive()

    # -- time

    def _elapsed(self) -> float:
        motion = self._motion
        if not motion.running:
            return motion.elapsed
        return motion.elapsed + (self._clock() - self._motion_at)

    def _moment(self) -> Moment:
        return moment_at(self._motion, self._elapsed())

    def _easing(self) -> float | None:
        """How far the change from the pose before has gone, 0..1; None when done."""
        if self._from is None:
            return None
        t = (self._clock() - self._from[1]) / EASE_SECONDS
        if t >= 1.0:
            self._from = None
            return None
        return ease(t)

    def _on_screen(self) -> bool:
        window = self.window()
        return self.isVisible() and not window.isMinimized()

    def _update_timer(self) -> None:
        wanted = (
            not self._driven
            and self._posed is not None
            and (self._motion.moves or self._from is not None)
            and self._on_screen()
        )
        if wanted and self._timer.interval() != self._frame_ms():
            self._timer.setInterval(self._frame_ms())
        if wanted and not self._timer.isActive():
            self._timer.start()
        elif not wanted and self._timer.isActive():
            self._timer.stop()

    def _next_frame(self) -> None:
        if not self._on_screen():
            self._timer.stop()
            return
        breathing = self._from is None and self._motion.kind in BREATHING
        if not breathing or self._due():  # a breath: only when its next picture comes
            self.update()
        self._update_timer()

    # -- Qt

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        window = self.window()
        if window is not self._watched:
            if self._watched is not None:
                self._watched.removeEventFilter(self)
            window.installEventFilter(self)
            self._watched = window
        self._update_timer()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        super().hideEvent(event)
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self._watched and event.type() in (
            QEvent.Type.WindowStateChange,
            QEvent.Type.Show,
            QEvent.Type.Hide,
        ):
            self._update_timer()  # the state has changed by the time the event comes
        return False

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(280, 280)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(48, 48)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        try:
            if self._posed is None:
                if self._driven:
                    painter.fillRect(self.rect(), QColor(self._paper_colour()))
                self._paint_fallback(painter)
            else:
                self._paint_figure(painter)
        finally:
            painter.end()

    def _paint_figure(self, painter: QPainter) -> None:
        assert self._posed is not None and self._frame is not None
        moment = self._moment()
        frame = self._frame
        easing = self._easing()
        rect, palette = QRectF(self.rect()), self._current_palette()
        ratio = painter.device().devicePixelRatioF()
        if easing is not None and self._from is not None:
            # Easing, the frame is the two poses' together: the same for the whole change.
            frame = frame.union(self._from[2])
        ground = self._ground(palette, ratio, frame)
        painter.drawPixmap(0, 0, ground)
        if easing is None and self._motion.kind in BREATHING:
            place, body = self._kept_body(moment, palette, ground)
            painter.drawPixmap(place, body)
        else:
            angles = self._posed.angles(moment)
            if easing is not None and self._from is not None:
                angles = interpolate(self._from[0], angles, easing)
            paint_drawing(painter, self._posed.figure(angles), rect, palette, frame)
        self.frames_drawn += 1
        self._painted_at = self._clock()
        self._painted_moment = moment

    def _kept_body(
        self, moment: Moment, palette: Palette, ground: QPixmap
    ) -> tuple[QPoint, QPixmap]:
        """The body at ``moment`` as a kept picture (see :class:`_Kept`), and where it goes.
        A driven figure's is painted on a copy of its opaque ground (cheaper to paint on
        and to copy than a transparent one); another's on nothing."""
        ratio = ground.devicePixelRatio()
        posed, frame = self._posed, self._frame
        assert posed is not None and frame is not None
        rect = QRectF(self.rect())
        k, dx, dy = fit(frame, rect)
        area = frame.padded(0.04)
        crop = QRectF(area.left * k + dx, dy - area.top * k, area.width * k, area.height * k)
        place = crop.toAlignedRect().intersected(self.rect())
        key = (posed, self.size(), ratio, self._palette_key, frame)

        def make() -> QPixmap:
            if self._driven:
                left, top = round(place.left() * ratio), round(place.top() * ratio)
                size = place.size() * ratio
                pixmap = ground.copy(left, top, size.width(), size.height())
            else:
                pixmap = QPixmap(place.size() * ratio)
                pixmap.fill(Qt.GlobalColor.transparent)
            pixmap.setDevicePixelRatio(ratio)
            layer = QPainter(pixmap)
            layer.translate(-place.left(), -place.top())
            paint_drawing(layer, posed.figure(posed.angles(moment)), rect, palette, frame)
            layer.end()
            return pixmap

        return place.topLeft(), self.kept.picture(key, moment, make)

    def _ground(self, palette: Palette, ratio: float, frame: Bounds) -> QPixmap:
        """Shadow, floor, mat and chair, painted once for this pose, size, pixel ratio
        (of what is painted on: a screen, or a 2× picture), theme and ``frame`` (the
        pose's own, or the two poses' while one eases into the next)."""
        assert self._posed is not None
        key: tuple[object, ...] = (self._posed.pose.name, self._posed.side, self._posed.frame)
        key += (self.size(), ratio, self._palette_key, frame)
        if self._ground_key != key or self._ground_pixmap is None:
            pixmap = QPixmap(self.size() * ratio)
            pixmap.setDevicePixelRatio(ratio)
            # A driven figure's ground is opaque (the paper under it): drawing it is a copy.
            paper = QColor(self._paper_colour()) if self._driven else Qt.GlobalColor.transparent
            pixmap.fill(paper)
            layer = QPainter(pixmap)
            paint_drawing(layer, self._posed.ground(), QRectF(self.rect()), palette, frame)
            layer.end()
            self._ground_pixmap, self._ground_key = pixmap, key
        return self._ground_pixmap

    def _paint_fallback(self, painter: QPainter) -> None:
        if not self._fallback:
            return
        colours = theme.current()
        painter.setPen(QColor(colours.muted))
        painter.drawText(
            self.rect(),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            self._fallback,
        )

    def _paper_colour(self) -> str:
        colours = theme.current()
        return colours.surface if self._paper == "surface" else colours.window

    def _current_palette(self) -> Palette:
        colours = theme.current()
        key = (colours.name, self._paper)
        if self._palette is None or key != self._palette_key:
            paper = self._paper_colour()
            self._palette = figure_palette(ink=colours.text, paper=paper, accent=colours.accent)
            self._palette_key = key
        return self._palette

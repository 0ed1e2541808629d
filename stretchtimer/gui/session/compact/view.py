"""The compact player: a small window above all others, for following a routine at the desk.

It shows what the full player shows, smaller: the countdown ring (with the breath
pacer), the step, the side, what is happening and what comes next, and the
controls. The same keys work: Space pauses and resumes, ← goes back, → skips,
Esc stops, E switches to the easier variation, M mutes; Ctrl+M goes back to the
full window. It has no frame: drag it anywhere by its background, and it comes
back where it was left.

It shows the session's controller and the full player's mute state; it decides
nothing itself (the words come from ``player_text``, the ring is the player's own).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QSettings, QSize, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QHideEvent,
    QKeyEvent,
    QMoveEvent,
    QPaintEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QProgressBar,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from stretchtimer.core.formatting import clock_text
from stretchtimer.core.i18n import _
from stretchtimer.core.session.events import Paused, Resumed, SegmentStarted, State, Status
from stretchtimer.core.session.snapshot import Snapshot
from stretchtimer.gui import icons, theme
from stretchtimer.gui.session.compact.controls import (
    MiniControls,
    draw_icon,
    mini_button,
    mini_style,
)
from stretchtimer.gui.session.compact.placement import Placement
from stretchtimer.gui.session.controller import Phase, SessionController
from stretchtimer.gui.session.pacing import FramePacer, frame_after, seconds_to_deadline
from stretchtimer.gui.session.player.controls import SWITCH_KEY, carry_out, wire_controls
from stretchtimer.gui.session.player.labels import (
    quiet_label,
    set_text,
    show_easier,
    show_progress,
)
from stretchtimer.gui.session.player.ring import CountdownRing, RingState
from stretchtimer.gui.session.player.stage import show_moving
from stretchtimer.gui.session.player.text import (
    paused_words,
    player_text,
    preview_words,
    words_key,
)
from stretchtimer.gui.session.player.view import PlayerView
from stretchtimer.gui.session.stop_grace import StopGrace
from stretchtimer.gui.widgets.elided_label import ElidedLabel
from stretchtimer.gui.widgets.enter_presses import press_focused_button
from stretchtimer.gui.widgets.pose_figure import PoseFigure
from stretchtimer.gui.widgets.window_drag import ScreenFollower, WindowDrag, paint_face

log = logging.getLogger(__name__)

RING_SIDE = 128
WIDTH = 460  # room for "LADO IZQUIERDO" and "Übung 1 von 3 · noch 2:45"
FIGURE_SIDE = 112  # a little smaller: room for the words beside it in every language


class MiniPlayer(QWidget):
    """The compact, always-on-top player.

    Signals:
        expand_requested(): the person wants the full window back (button or Ctrl+M).
        close_requested(): the session is over and the person closed the compact player.
    """

    expand_requested = Signal()
    close_requested = Signal()

    def __init__(self, places: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlags(
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        self.setAttribute(Qt.WidgetAttribute.WA_MacAlwaysShowToolWindow)
        self.setWindowTitle(_("Compact player"))  # Qt adds " — Stretch Timer"
        self.setAccessibleName(_("Compact player"))
        self.placement = Placement(self, places)
        self.controller: SessionController | None = None
        self.full: PlayerView | None = None
        self.stop_grace, self._grace_words = StopGrace(self), ""
        self.stop_grace.words_changed.connect(self._show_grace)
        self._words_shown: tuple[object, ...] | None = None  # see show_moment
        self._build()
        self.pacer = FramePacer(self, self._draw, self._to_deadline)
        self._shortcuts()
        self.drag = WindowDrag(self)
        self.follower = ScreenFollower(self)  # back on a screen when its own is unplugged
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFixedSize(self.sizeHint().expandedTo(QSize(WIDTH, 0)))

    # -- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        top = self._build_top()
        middle = self._build_middle()
        self._build_controls()
        self.session_bar = QProgressBar()
        self.session_bar.setRange(0, 1000)
        self.session_bar.setTextVisible(False)
        self.session_bar.setFixedHeight(4)
        self.session_bar.setAccessibleName(_("Progress through the routine"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 12, 12)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addLayout(middle)
        layout.addWidget(self.controls)
        layout.addWidget(self.session_bar)
        self.restyle()

    def _build_top(self) -> QHBoxLayout:
        self.routine_title = ElidedLabel()  # a long title ends in "…", whole in its tooltip
        self.routine_title.setAccessibleName(_("Routine"))
        self.routine_title.setObjectName("Subtle")
        self.progress_text = quiet_label(_("Progress"), object_name="Subtle")
        self.expand_button = mini_button(
            _("Full player (Ctrl+M)"), _("Back to the full window (Ctrl+M)"), icons.expand
        )
        self.expand_button.clicked.connect(self.expand_requested)
        self.close_button = mini_button(
            _("Close the compact player"), _("Close the compact player"), icons.close
        )
        self.close_button.clicked.connect(self.close_requested)
        self.close_button.hide()
        top = QHBoxLayout()
        top.setSpacing(6)
        top.addWidget(self.routine_title, 1)
        top.addWidget(self.progress_text)
        top.addSpacing(6)
        top.addWidget(self.expand_button)
        top.addWidget(self.close_button)
        return top

    def _build_middle(self) -> QHBoxLayout:
        self.ring = CountdownRing(paper="surface")  # on the window's face
        self.ring.setMinimumSize(RING_SIDE, RING_SIDE)
        self.ring.setFixedSize(RING_SIDE, RING_SIDE)
        self.step_name = quiet_label(_("Step"), wrap=True)
        self.step_name.setStyleSheet("font-size: 14pt; font-weight: 700;")
        self.side = quiet_label(_("Side"), object_name="SideLabel")
        self.side.setStyleSheet("font-size: 11pt;")
        self.activity = quiet_label(_("Now"))
        self.activity.setStyleSheet("font-size: 11pt;")
        self.upcoming = quiet_label(_("Next"), wrap=True, object_name="Subtle")
        words = QVBoxLayout()
        words.setSpacing(3)
        words.addStretch(1)
        for label in (self.step_name, self.side, self.activity, self.upcoming):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            words.addWidget(label)
        words.addStretch(1)
        self.figure = PoseFigure(driven=True, paper="surface")  # on the window's face
        self.figure.setFixedSize(FIGURE_SIDE, FIGURE_SIDE)
        middle = QHBoxLayout()
        middle.setSpacing(14)
        middle.addWidget(self.ring)
        middle.addWidget(self.figure)
        middle.addLayout(words, 1)
        return middle

    def _build_controls(self) -> None:
        self.controls = MiniControls()
        self.back_button, self.play_button = self.controls.back, self.controls.play
        self.skip_button, self.stop_button = self.controls.skip, self.controls.stop
        self.mute_button, self.easier_button = self.controls.mute, self.controls.easier

    def _shortcuts(self) -> None:
        self.shortcuts = wire_controls(
            self, self, self._command, extra_keys=[(SWITCH_KEY, self.expand_requested.emit)]
        )

    def restyle(self) -> None:
        """Icons and the window's own style in the current theme's colours."""
        sheet = mini_style(theme.current())
        if sheet != self.styleSheet():  # setting it again would restyle again, and again
            self.setStyleSheet(sheet)
        draw_icon(self.expand_button)
        draw_icon(self.close_button)
        self.controls.restyle(muted=self.muted())
        self.update()

    def _update_play_icon(self) -> None:
        snapshot = self.controller.snapshot() if self.controller else None
        self.controls.show_paused(snapshot is not None and snapshot.state is State.PAUSED)

    # -- the session --------------------------------------------------------------------

    def attach(self, controller: SessionController, full: PlayerView) -> None:
        """Show ``controller``'s session; mute is the full player's (one switch for both)."""
        if self.full is not full:
            if self.full is not None:
                self.full.mute_toggled.disconnect(self._mute_changed)
            full.mute_toggled.connect(self._mute_changed)
        if self.controller is not None and self.controller is not controller:
            self.controller.finished.disconnect(self._on_finished)
            self.controller.engine_event.disconnect(self._on_event)
        self.full = full
        session_clock = controller.services.clock()
        self.figure.set_clock(lambda: session_clock.now().mono)
        if self.controller is not controller:
            controller.finished.connect(self._on_finished)
            controller.engine_event.connect(self._on_event)
        self.controller = controller
        title = controller.routine.title
        if controller.preview:
            title = f"{title} · {preview_words(controller.speed)}"
        self.routine_title.set_full_text(title)
        self._show_finished(False)
        self.refresh()

    def muted(self) -> bool:
        return self.full is not None and self.full.mute_button.isChecked()

    def toggle_mute(self) -> None:
        if self.full is not None:
            self.full.toggle_mute()  # the full player tells everyone, this window included

    def _mute_changed(self, muted: bool) -> None:
        self.controls.show_muted(muted)

    def _command(self, command: Callable[[SessionController], None]) -> None:
        carry_out(command, self.controller, self.stop_grace)
        self.refresh()

    def _show_grace(self, words: str) -> None:
        self._grace_words = words  # "Stopping in 5 s — Space to resume", or ""
        self.refresh()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if not press_focused_button(self, event):  # Enter presses the focused button
            super().keyPressEvent(event)

    def _on_finished(self, _status: object) -> None:
        self.stop_grace.cancel()
        self.pacer.stop()
        self.show_moment()

    def _on_event(self, event: object) -> None:
        if isinstance(event, SegmentStarted | Paused | Resumed):
            self.pacer.kick()  # a new picture, once every event of the moment is handled

    def _to_deadline(self) -> float | None:
        return seconds_to_deadline(self.controller)

    def _draw(self) -> int | None:
        return frame_after(self.show_moment(quick=True), self.controller, self.figure)

    def refresh(self) -> None:
        """Show the session now, and plan the next picture (see :mod:`pacing`)."""
        self.show_moment()
        if self.controller is not None and self.controller.phase is Phase.RUNNING:
            self.pacer.kick()

    def show_moment(self, *, quick: bool = False) -> Snapshot | None:
        """Show the session now; the snapshot shown (None before it starts or once over).

        ``quick``: a picture of the pacer's, which moves the ring and the figure; the
        words, buttons and bar are worked out again only when what they show has changed
        (as in the full player).
        """
        controller = self.controller
        if controller is None:
            return None
        if controller.phase is Phase.FINISHED:
            self._show_result(controller)
            return None
        snapshot = controller.snapshot()
        if snapshot is None:  # still preparing the voice
            self.ring.set_state(RingState(fraction=1.0, big="…", caption=_("getting ready")))
            set_text(self.step_name, controller.routine.title)
            set_text(self.activity, _("Preparing the voice…"))
            return None
        show_moving(self.ring, self.figure, snapshot)
        shows = words_key(snapshot, waiting_for_speech=controller.waiting_for_speech)
        if quick and shows == self._words_shown:
            return snapshot
        self._words_shown = shows
        text = player_text(snapshot)
        set_text(self.step_name, text.step)
        set_text(self.side, text.side.upper())
        self.side.setVisible(bool(text.side))
        activity = text.activity
        if text.easier:
            # TRANSLATORS: the compact player's line when the easier variation is on.
            activity = _("Easier · {activity}").format(activity=text.activity)
        if text.paused and not controller.waiting_for_speech:
            activity = self._grace_words or paused_words()
        set_text(self.activity, activity)
        set_text(self.upcoming, text.next)
        self.upcoming.setVisible(bool(text.next))
        show_progress(self.progress_text, self.session_bar, text, snapshot)
        show_easier(self.easier_button, snapshot)
        self._update_play_icon()
        return snapshot

    def _show_result(self, controller: SessionController) -> None:
        done = controller.status is Status.COMPLETED
        stretched = clock_text(controller.active_seconds)
        # TRANSLATORS: under the time stretched, on the compact player's ring at the end.
        caption = _("stretched · complete") if done else _("stretched")
        self.ring.set_state(
            RingState(fraction=1.0 if done else 0.0, big=stretched, caption=caption)
        )
        self.figure.show_pose(None)
        set_text(self.step_name, _("Session complete") if done else _("Session stopped"))
        self.side.hide()
        set_text(self.activity, _("Well done.") if done else _("Every minute of it counts."))
        self.upcoming.hide()
        set_text(self.progress_text, "")
        self.session_bar.setValue(1000 if done else self.session_bar.value())
        self._show_finished(True)

    def _show_finished(self, finished: bool) -> None:
        self.controls.setVisible(not finished)
        self.close_button.setVisible(finished)
        if finished:
            tip = _("See the summary in the full window (Ctrl+M)")
        else:
            tip = _("Back to the full window (Ctrl+M)")
        self.expand_button.setToolTip(tip)

    # -- the window ---------------------------------------------------------------------

    def present(self) -> None:
        """Show it on the screen the person is using (see :mod:`placement`), ready for
        the keys."""
        if not self.isVisible():
            self.placement.open()
        self.show()
        self.raise_()
        self.activateWindow()
        self.setFocus()  # the keys work at once; no button wears a focus ring until Tab

    def moveEvent(self, event: QMoveEvent) -> None:  # noqa: N802
        super().moveEvent(event)
        if self.isVisible():
            self.placement.remember()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        self.pacer.stop()
        self.placement.remember()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        # Alt+F4 and the like: the person wants the window back, the session goes on.
        event.ignore()
        if self.controller is not None and self.controller.phase is Phase.FINISHED:
            self.close_requested.emit()
        else:
            self.expand_requested.emit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.PaletteChange:
            self.restyle()  # the theme changed
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        paint_face(self).end()

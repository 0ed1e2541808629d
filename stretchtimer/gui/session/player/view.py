"""The session player: the ring, the step, its words, and the controls.

Keys: Space pauses and resumes, ← goes back, → skips, Esc stops, E switches to the
easier variation, M mutes, F11 turns focus mode on and off (Esc leaves it too). The
display repaints from the engine's snapshot when the picture changes (:mod:`pacing`:
once a second for a countdown, more often only while something moves, never while
paused or out of sight); it never decides when anything happens.

Focus mode is the player for the mat: the window fills the screen, the navigation goes,
and the ring, the pose figure beside it and every word grow with the window
(:mod:`text_sizes`).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QVBoxLayout,
    QWidget,
)

from stretchtimer.core.i18n import _
from stretchtimer.core.session.events import (
    EasierChosen,
    EasierDropped,
    Paused,
    Resumed,
    SegmentStarted,
)
from stretchtimer.core.session.snapshot import Snapshot
from stretchtimer.gui import icons, theme
from stretchtimer.gui.session.comfort_screen import ComfortScreen
from stretchtimer.gui.session.controller import Phase, SessionController
from stretchtimer.gui.session.pacing import FramePacer, frame_after, seconds_to_deadline
from stretchtimer.gui.session.player import text_sizes
from stretchtimer.gui.session.player.controls import (
    SWITCH_KEY,
    ControlBar,
    carry_out,
    wire_controls,
)
from stretchtimer.gui.session.player.header import PlayerHeader
from stretchtimer.gui.session.player.labels import set_text, show_easier, show_progress
from stretchtimer.gui.session.player.paused_overlay import PausedOverlay
from stretchtimer.gui.session.player.stage import PlayerStage
from stretchtimer.gui.session.player.text import (
    paused_words,
    player_text,
    preview_words,
    words_key,
)
from stretchtimer.gui.session.stop_grace import StopGrace
from stretchtimer.gui.widgets.comfort_picker import ComfortPicker

log = logging.getLogger(__name__)

FOCUS_KEY = "F11"


class PlayerView(QWidget):
    """Shows a :class:`SessionController` and sends it the person's commands.

    Signals:
        mute_toggled(bool): the person pressed mute (M); True when now muted.
        compact_requested(): the person wants the compact player (button or Ctrl+M).
        focus_mode_changed(bool): focus mode turned on (True) or off; the window goes
            full screen and hides its navigation, or comes back.
    """

    mute_toggled = Signal(bool)
    compact_requested = Signal()
    focus_mode_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller: SessionController | None = None
        self._muted = False
        self.focus_mode = False
        self._play_paused: bool | None = None  # what the play button's icon shows
        self._words_shown: tuple[object, ...] | None = None  # see show_moment
        self._build()
        self.pacer = FramePacer(self, self._draw, self._to_deadline)
        self._shortcuts()

    # -- layout -----------------------------------------------------------------------

    def _build(self) -> None:
        header = self._build_header()
        self.controls_bar = self._build_controls()
        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(36, 24, 36, 28)
        layout.setSpacing(14)
        layout.addWidget(header)
        self.stage = self._build_stage()
        layout.addWidget(self.stage, 1)
        layout.addWidget(self.controls_bar)  # the comfort screen goes before it, if asked
        self.paused_overlay = PausedOverlay(self)
        self.stop_grace = StopGrace(self)
        self.stop_grace.words_changed.connect(self._show_grace)
        self.paused_overlay.resume_requested.connect(
            lambda: self._command(SessionController.toggle_pause)
        )
        order = (
            self.focus_button,
            self.compact_button,
            self.back_button,
            self.play_button,
            self.skip_button,
            self.stop_button,
            self.mute_button,
            self.easier_button,
        )
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)
        self.restyle()

    def _build_header(self) -> PlayerHeader:
        header = PlayerHeader()
        self.routine_title = header.routine_title
        self.progress_text = header.progress_text
        self.preview_badge = header.preview_badge
        self.focus_button = header.focus_button
        self.focus_button.clicked.connect(self.set_focus_mode)
        self.compact_button = header.compact_button
        self.compact_button.clicked.connect(self.compact_requested)
        self.session_bar = header.session_bar
        self.preparing = header.preparing
        self.preparing_bar = header.preparing_bar
        self._comfort_screen: ComfortScreen | None = None  # built when first asked
        return header

    @property
    def comfort_screen(self) -> ComfortScreen:
        """The question before the session, built the first time it is asked: most
        sessions never ask, and its two rows of buttons were a third of what the press
        of Start built on the GUI thread (issue 21)."""
        if self._comfort_screen is None:
            screen = ComfortScreen(_("How do your hips and back feel right now?"))
            screen.picker.picked.connect(self._answer_comfort)
            screen.picker.skipped.connect(lambda: self._answer_comfort(None))
            screen.hide()
            self._layout.insertWidget(self._layout.indexOf(self.controls_bar), screen, 1)
            self._comfort_screen = screen
        return self._comfort_screen

    @property
    def comfort_before(self) -> ComfortPicker:
        """The rating before the session (on :attr:`comfort_screen`)."""
        return self.comfort_screen.picker

    def _build_stage(self) -> PlayerStage:
        stage = PlayerStage()
        self.ring, self.figure = stage.ring, stage.figure
        self.step_name, self.side, self.activity = stage.step_name, stage.side, stage.activity
        self.instructions, self.upcoming = stage.instructions, stage.upcoming
        return stage

    def _build_controls(self) -> ControlBar:
        bar = ControlBar()
        self.back_button, self.play_button, self.skip_button = bar.back, bar.play, bar.skip
        self.stop_button, self.mute_button, self.easier_button = bar.stop, bar.mute, bar.easier
        return bar

    def restyle(self) -> None:
        """Redraw the icons in the current theme's colours."""
        colours = theme.current()
        for button in (self.back_button, self.skip_button, self.stop_button, self.mute_button):
            draw = button.property("draw")
            button.setIcon(icons.make_icon(draw, colours.text, colours.border))
        self._update_play_icon(again=True)
        self._update_mute_icon()
        self.compact_button.setIcon(icons.make_icon(icons.compact, colours.muted))

    def _update_play_icon(self, *, again: bool = False) -> None:
        colours = theme.current()
        snapshot = self.controller.snapshot() if self.controller else None
        paused = snapshot is not None and snapshot.state.value == "paused"
        if paused == self._play_paused and not again:
            return  # a new icon repaints the button: only when it changes
        self._play_paused = paused
        draw = icons.play if paused else icons.pause
        self.play_button.setIcon(icons.make_icon(draw, colours.accent_text))
        self.play_button.setAccessibleName(_("Resume (Space)") if paused else _("Pause (Space)"))

    def _update_mute_icon(self) -> None:
        colours = theme.current()
        draw = icons.sound_off if self._muted else icons.sound_on
        self.mute_button.setIcon(icons.make_icon(draw, colours.text))
        self.mute_button.setChecked(self._muted)
        self.mute_button.setAccessibleName(_("Unmute (M)") if self._muted else _("Mute (M)"))

    def _shortcuts(self) -> None:
        self.shortcuts = wire_controls(
            self,
            self,
            self._command,
            extra_keys=[
                (SWITCH_KEY, self.compact_requested.emit),
                (FOCUS_KEY, lambda: self.set_focus_mode(not self.focus_mode)),
            ],
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        for shortcut in self.shortcuts:
            if shortcut.key() == QKeySequence("Escape"):
                self._stop_shortcut = shortcut
        # In focus mode Esc first leaves it, as in every full-screen view.
        self._leave_focus = QShortcut(QKeySequence("Escape"), self)
        self._leave_focus.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._leave_focus.activated.connect(lambda: self.set_focus_mode(False))
        self._leave_focus.setEnabled(False)

    # -- focus mode ---------------------------------------------------------------------

    def set_focus_mode(self, on: bool) -> None:
        """Focus mode on or off: the words grow, the window fills the screen (its host
        listens to ``focus_mode_changed``)."""
        on = bool(on)
        self.focus_button.setChecked(on)
        if on == self.focus_mode:
            return
        self.focus_mode = on
        self._stop_shortcut.setEnabled(not on)
        self._leave_focus.setEnabled(on)
        self.focus_button.setText(_("Leave focus mode") if on else _("Focus mode"))
        self.compact_button.setVisible(not on)
        self.focus_mode_changed.emit(on)
        self.apply_text_sizes()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.apply_text_sizes()

    def apply_text_sizes(self) -> None:
        """Size every word from the window's height (see :mod:`text_sizes`)."""
        text_sizes.size_player_words(
            self.stage.words(),
            self.paused_overlay,
            self.window().height(),
            focus=self.focus_mode,
        )
        self._place_overlay()

    def _place_overlay(self) -> None:
        bottom = self.controls_bar.geometry().top() - 4
        self.paused_overlay.setGeometry(0, 0, self.width(), max(0, bottom))
        self.paused_overlay.raise_()

    # -- the session --------------------------------------------------------------------

    def attach(self, controller: SessionController) -> None:
        """Show ``controller``'s session from now on."""
        self.stop_grace.cancel()
        self.controller = controller
        self.clear()
        session_clock = controller.services.clock()
        self.figure.set_clock(lambda: session_clock.now().mono)
        self.routine_title.setText(controller.routine.title)
        self.preview_badge.setText(preview_words(controller.speed))
        self.preview_badge.setVisible(controller.preview)
        self._show_comfort_screen(controller.asks_comfort)
        controller.preparing.connect(self._on_preparing)
        controller.started.connect(self._on_started)
        controller.engine_event.connect(self._on_event)
        controller.finished.connect(self._on_finished)
        self.refresh()

    def clear(self) -> None:
        """Nothing of the session before: shown while a new one gets ready."""
        self.stage.clear()
        self.progress_text.clear()
        self.session_bar.setValue(0)
        self.paused_overlay.hide()
        self.easier_button.setEnabled(False)

    def set_muted(self, muted: bool) -> None:
        self._muted = muted
        self._update_mute_icon()

    def toggle_mute(self) -> None:
        self.set_muted(not self._muted)
        self.mute_toggled.emit(self._muted)

    def _command(self, command: Callable[[SessionController], None]) -> None:
        carry_out(command, self.controller, self.stop_grace)
        self.refresh()

    def _show_grace(self, words: str) -> None:
        self.paused_overlay.label.setText(words or paused_words())
        self.refresh()

    def take_focus(self) -> None:
        """The keys to the question before the session if it is asked, else to the player."""
        if self._comfort_screen is not None and self._comfort_screen.isVisibleTo(self):
            self.comfort_before.setFocus()
        else:
            self.setFocus()

    def _show_comfort_screen(self, asking: bool) -> None:
        """The question before the session, on a screen of its own (or the player)."""
        if asking or self._comfort_screen is not None:
            self.comfort_screen.setVisible(asking)
        self.stage.setVisible(not asking)
        self.controls_bar.setVisible(not asking)
        if asking:
            self.comfort_before.clear()
            self.comfort_before.setFocus()

    def _answer_comfort(self, value: int | None) -> None:
        self._show_comfort_screen(False)
        if self.controller is not None:
            self.controller.answer_comfort_before(value)
        self.setFocus()

    def _on_preparing(self, done: int, total: int) -> None:
        self.preparing_bar.setRange(0, max(total, 1))
        self.preparing_bar.setValue(done)
        self.preparing.setVisible(done < total)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        self.pacer.stop()  # nobody is looking: no repaints
        super().hideEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self.controller is not None and self.controller.phase is Phase.RUNNING:
            self.refresh()

    def _on_started(self) -> None:
        self.preparing.hide()
        self.refresh()
        self.play_button.setFocus()

    def _on_event(self, event: object) -> None:
        if isinstance(event, EasierChosen | EasierDropped):
            self.refresh()
        elif isinstance(event, SegmentStarted | Paused | Resumed):
            self.pacer.kick()  # a new picture, once every event of the moment is handled

    def _on_finished(self, status: object) -> None:
        self.stop_grace.cancel()
        self.pacer.stop()
        self.paused_overlay.hide()
        self.set_focus_mode(False)
        self.refresh()

    def _to_deadline(self) -> float | None:
        return seconds_to_deadline(self.controller)

    def _draw(self) -> int | None:
        return frame_after(self.show_moment(quick=True), self.controller, self.figure)

    def refresh(self) -> None:
        """Show the engine's state now, and plan the next picture (see :mod:`pacing`)."""
        self.show_moment()
        self.pacer.kick()

    def show_moment(self, *, quick: bool = False) -> Snapshot | None:
        """Show the engine's state now; the snapshot shown (None before the session).

        ``quick``: a picture of the pacer's. Most of them (15 a second in a breath hold)
        move only the ring and the figure: the words, buttons and bar are looked at again
        only when something they show has changed since they were last shown.
        """
        controller = self.controller
        snapshot = controller.snapshot() if controller else None
        if snapshot is None:
            return None
        self.stage.show_moving(snapshot)
        waiting = controller is not None and controller.waiting_for_speech
        shows = words_key(snapshot, waiting_for_speech=waiting)
        if quick and shows == self._words_shown:
            return snapshot
        self._words_shown = shows
        text = player_text(snapshot)
        self.stage.show_words(text)
        show_progress(self.progress_text, self.session_bar, text, snapshot)
        show_easier(self.easier_button, snapshot)
        set_text(self.easier_button, _("Easier: on") if snapshot.easier else _("Easier"))
        self._update_play_icon()
        # The veil is for the person's pause; waiting for the voice to be ready is not one.
        veiled = text.paused and not waiting
        if veiled != self.paused_overlay.isVisible():
            self.paused_overlay.setVisible(veiled)
            self._place_overlay()
        return snapshot

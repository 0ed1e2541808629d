"""The session player: the ring, the step, its words, and the controls.

Keys: Space pauses and resumes, ← goes back, → skips, Esc stops, E switches to the
easier variation, M mutes. The display repaints from the engine's snapshot on an
animation timer; it never decides when anything happens.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from stretchtimer.core.session import comfort
from stretchtimer.core.session.events import EasierChosen
from stretchtimer.core.session.plan import SegmentKind
from stretchtimer.gui import icons, theme
from stretchtimer.gui.session.controller import Phase, SessionController
from stretchtimer.gui.session.controls import SWITCH_KEY, wire_controls
from stretchtimer.gui.session.figure import show_snapshot
from stretchtimer.gui.session.player_text import player_text, ring_state
from stretchtimer.gui.session.ring import CountdownRing
from stretchtimer.gui.widgets.comfort_picker import ComfortPicker
from stretchtimer.gui.widgets.pose_figure import PoseFigure

log = logging.getLogger(__name__)

FRAME_MS = 33  # about 30 repaints a second: smooth, and cheap


def _label(name: str, *, wrap: bool = False, object_name: str = "") -> QLabel:
    label = QLabel()
    label.setAccessibleName(name)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    if object_name:
        label.setObjectName(object_name)
    return label


class PlayerView(QWidget):
    """Shows a :class:`SessionController` and sends it the person's commands.

    Signals:
        mute_toggled(bool): the person pressed mute (M); True when now muted.
        compact_requested(): the person wants the compact player (button or Ctrl+M).
    """

    mute_toggled = Signal(bool)
    compact_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller: SessionController | None = None
        self._muted = False
        self._frame = QTimer(self)
        self._frame.setInterval(FRAME_MS)
        self._frame.timeout.connect(self._frame_tick)
        self._build()
        self._shortcuts()

    # -- layout -----------------------------------------------------------------------

    def _build(self) -> None:
        header = self._build_header()
        body = self._build_body()
        controls = self._build_controls()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(36, 24, 36, 28)
        layout.setSpacing(14)
        layout.addLayout(header)
        layout.addWidget(self.session_bar)
        layout.addWidget(self.preparing)
        layout.addWidget(self.comfort_before)
        layout.addLayout(body, 1)
        layout.addLayout(controls)
        order = (
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

    def _build_header(self) -> QHBoxLayout:
        self.routine_title = _label("Routine", object_name="Subtle")
        self.progress_text = _label("Progress", object_name="Subtle")
        self.progress_text.setAlignment(Qt.AlignmentFlag.AlignRight)
        header = QHBoxLayout()
        header.addWidget(self.routine_title)
        header.addStretch(1)
        header.addWidget(self.progress_text)
        header.addWidget(self._build_compact_button())
        self.session_bar = QProgressBar()
        self.session_bar.setRange(0, 1000)
        self.session_bar.setTextVisible(False)
        self.session_bar.setAccessibleName("Progress through the routine")

        self.preparing = QWidget()
        preparing_layout = QVBoxLayout(self.preparing)
        self.preparing_label = _label("Preparing", object_name="Subtle")
        self.preparing_label.setText("Preparing the voice…")
        self.preparing_bar = QProgressBar()
        self.preparing_bar.setTextVisible(False)
        self.preparing_bar.setAccessibleName("Preparing the voice")
        preparing_layout.addWidget(self.preparing_label)
        preparing_layout.addWidget(self.preparing_bar)
        self.preparing.hide()
        self.comfort_before = ComfortPicker(comfort.QUESTION_BEFORE_SHORT, skippable=True)
        self.comfort_before.picked.connect(self._answer_comfort)
        self.comfort_before.skipped.connect(lambda: self._answer_comfort(None))
        self.comfort_before.hide()
        return header

    def _build_body(self) -> QHBoxLayout:
        self.ring = CountdownRing()
        self.step_name = _label("Step", wrap=True)
        self.step_name.setStyleSheet("font-size: 26pt; font-weight: 700;")
        self.side = _label("Side")
        self.side.setObjectName("SideLabel")
        self.activity = _label("Now", object_name="Subtle")
        self.activity.setStyleSheet("font-size: 14pt;")
        self.instructions = _label("Instructions", wrap=True)
        self.instructions.setStyleSheet("font-size: 14pt; line-height: 130%;")
        self.instructions.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.instructions.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.upcoming = _label("Next", object_name="Subtle")
        self.upcoming.setStyleSheet("font-size: 12pt;")
        info = QVBoxLayout()
        info.setSpacing(8)
        info.addStretch(1)
        info.addWidget(self.step_name)
        info.addWidget(self.side)
        info.addWidget(self.activity)
        info.addSpacing(8)
        info.addWidget(self.instructions, 3)
        info.addWidget(self.upcoming)
        info.addStretch(1)
        self.figure = PoseFigure(driven=True)  # repainted with the ring, frame by frame
        body = QHBoxLayout()
        body.setSpacing(28)
        body.addWidget(self.ring, 5)
        body.addWidget(self.figure, 5)
        body.addLayout(info, 6)
        return body

    def _build_controls(self) -> QHBoxLayout:
        self.back_button = self._control(
            "Back (←)", "Back: restart this part, or go to the one before (←)", icons.back
        )
        self.play_button = self._control(
            "Pause (Space)", "Pause or resume (Space)", icons.pause, primary=True
        )
        self.skip_button = self._control("Skip (→)", "Skip to the next part (→)", icons.skip)
        self.stop_button = self._control("Stop (Esc)", "Stop the session (Esc)", icons.stop)
        self.mute_button = self._control(
            "Mute (M)", "Mute or unmute voice and chimes (M)", icons.sound_on
        )
        self.mute_button.setCheckable(True)
        self.easier_button = QPushButton("Easier")
        self.easier_button.setAccessibleName("Easier variation (E)")
        self.easier_button.setToolTip("Switch to the easier variation of this step (E)")
        controls = QHBoxLayout()
        controls.setSpacing(14)
        controls.addStretch(1)
        for widget in (self.back_button, self.play_button, self.skip_button):
            controls.addWidget(widget)
        controls.addSpacing(24)
        controls.addWidget(self.stop_button)
        controls.addWidget(self.mute_button)
        controls.addSpacing(24)
        controls.addWidget(self.easier_button)
        controls.addStretch(1)
        return controls

    def _control(
        self, name: str, tip: str, draw: icons.Draw, *, primary: bool = False
    ) -> QToolButton:
        button = QToolButton()
        button.setAccessibleName(name)
        button.setToolTip(tip)
        button.setProperty("control", not primary)
        button.setProperty("primaryControl", primary)
        button.setProperty("draw", draw)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.setIconSize(QSize(30, 30) if primary else QSize(24, 24))
        return button

    def restyle(self) -> None:
        """Redraw the icons in the current theme's colours."""
        colours = theme.current()
        for button in (self.back_button, self.skip_button, self.stop_button, self.mute_button):
            draw = button.property("draw")
            button.setIcon(icons.make_icon(draw, colours.text, colours.border))
        self._update_play_icon()
        self._update_mute_icon()
        self.compact_button.setIcon(icons.make_icon(icons.compact, colours.muted))

    def _update_play_icon(self) -> None:
        colours = theme.current()
        snapshot = self.controller.snapshot() if self.controller else None
        paused = snapshot is not None and snapshot.state.value == "paused"
        draw = icons.play if paused else icons.pause
        self.play_button.setIcon(icons.make_icon(draw, colours.accent_text))
        self.play_button.setAccessibleName("Resume (Space)" if paused else "Pause (Space)")

    def _update_mute_icon(self) -> None:
        colours = theme.current()
        draw = icons.sound_off if self._muted else icons.sound_on
        self.mute_button.setIcon(icons.make_icon(draw, colours.text))
        self.mute_button.setChecked(self._muted)
        self.mute_button.setAccessibleName("Unmute (M)" if self._muted else "Mute (M)")

    def _shortcuts(self) -> None:
        self.shortcuts = wire_controls(
            self,
            self,
            self._command,
            extra_keys=[(SWITCH_KEY, self.compact_requested.emit)],
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )

    def _build_compact_button(self) -> QToolButton:
        self.compact_button = QToolButton()
        self.compact_button.setAccessibleName("Compact player (Ctrl+M)")
        self.compact_button.setToolTip("Switch to the small player that stays on top (Ctrl+M)")
        self.compact_button.setText("Compact")
        self.compact_button.setObjectName("Subtle")
        self.compact_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.compact_button.setAutoRaise(True)
        self.compact_button.setIconSize(QSize(18, 18))
        self.compact_button.clicked.connect(self.compact_requested)
        return self.compact_button

    # -- the session --------------------------------------------------------------------

    def attach(self, controller: SessionController) -> None:
        """Show ``controller``'s session from now on."""
        self.controller = controller
        session_clock = controller.services.clock()
        self.figure.set_clock(lambda: session_clock.now().mono)
        self.routine_title.setText(controller.routine.title)
        self.comfort_before.setVisible(controller.asks_comfort)
        self.comfort_before.group.setExclusive(False)
        for button in self.comfort_before.group.buttons():
            button.setChecked(False)
        self.comfort_before.group.setExclusive(True)
        controller.preparing.connect(self._on_preparing)
        controller.started.connect(self._on_started)
        controller.engine_event.connect(self._on_event)
        controller.finished.connect(self._on_finished)
        self.refresh()

    def set_muted(self, muted: bool) -> None:
        self._muted = muted
        self._update_mute_icon()

    def toggle_mute(self) -> None:
        self.set_muted(not self._muted)
        self.mute_toggled.emit(self._muted)

    def _command(self, command: Callable[[SessionController], None]) -> None:
        if self.controller is not None and self.controller.phase is not Phase.FINISHED:
            command(self.controller)
            self.refresh()

    def _answer_comfort(self, value: int | None) -> None:
        self.comfort_before.hide()
        if self.controller is not None:
            self.controller.answer_comfort_before(value)
        self.setFocus()

    def _on_preparing(self, done: int, total: int) -> None:
        self.preparing_bar.setRange(0, max(total, 1))
        self.preparing_bar.setValue(done)
        self.preparing.setVisible(done < total)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        self._frame.stop()  # nobody is looking: no repaints
        super().hideEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self.controller is not None and self.controller.phase is Phase.RUNNING:
            self._frame.start()
            self.refresh()

    def _on_started(self) -> None:
        self.preparing.hide()
        self._frame.start()
        self.refresh()
        self.play_button.setFocus()

    def _on_event(self, event: object) -> None:
        if isinstance(event, EasierChosen):
            self.refresh()

    def _on_finished(self, status: object) -> None:
        self._frame.stop()
        self.refresh()

    def _frame_tick(self) -> None:
        # A frame about to overlap the next cue or segment end is skipped: the GUI thread
        # is then idle when the timer that plays the cue fires, so the cue is on time.
        driver = self.controller.driver if self.controller else None
        ahead = driver.seconds_to_deadline() if driver is not None else None
        if ahead is not None and ahead < FRAME_MS / 1000.0:
            return
        self.refresh()

    def refresh(self) -> None:
        """Show the engine's state now; called about 30 times a second while running."""
        controller = self.controller
        snapshot = controller.snapshot() if controller else None
        if snapshot is None:
            return
        self.ring.set_state(ring_state(snapshot))
        show_snapshot(self.figure, snapshot)
        text = player_text(snapshot)
        _set(self.step_name, text.step)
        _set(self.side, text.side.upper())
        self.side.setVisible(bool(text.side))
        _set(self.activity, text.activity)
        words = text.instructions
        if text.easier:
            words = f"Easier: {words}"
        _set(self.instructions, words)
        _set(self.upcoming, text.next)
        _set(
            self.progress_text, " · ".join(part for part in (text.progress, text.time_left) if part)
        )
        self.session_bar.setValue(round(snapshot.session_progress * 1000))
        step = snapshot.step
        self.easier_button.setEnabled(
            bool(step and step.easier)
            and not snapshot.easier
            and snapshot.segment.kind is not SegmentKind.DONE
        )
        self._update_play_icon()


def _set(label: QLabel, text: str) -> None:
    if label.text() != text:
        label.setText(text)

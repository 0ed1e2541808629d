"""The player's stage: the countdown ring, the pose figure beside it, and the words of the
moment (the step, its side, what happens now, the instructions, what comes next).

The view hands it a snapshot for the ring and the figure at every picture, and the
words only when they change (see :func:`text.words_key`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from stretchtimer.core.i18n import _
from stretchtimer.core.session.plan import SegmentKind
from stretchtimer.core.session.snapshot import Snapshot
from stretchtimer.gui.session.player.figure import show_snapshot
from stretchtimer.gui.session.player.labels import quiet_label, set_text
from stretchtimer.gui.session.player.ring import CountdownRing, RingState
from stretchtimer.gui.session.player.text import PlayerText, ring_state
from stretchtimer.gui.session.player.text_sizes import PlayerWords
from stretchtimer.gui.widgets.pose_figure import PoseFigure


def show_moving(ring: CountdownRing, figure: PoseFigure, snapshot: Snapshot) -> None:
    """A player's ring and figure at ``snapshot`` (the full player's and the compact one's)."""
    # Reps move the arc with the rep; otherwise it moves with the count.
    reps = snapshot.segment.kind is SegmentKind.REPS
    ring.set_state(ring_state(snapshot), arc_with_count=not reps)
    show_snapshot(figure, snapshot)


class PlayerStage(QWidget):
    """The ring, the figure and the words; the comfort question takes its place."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ring = CountdownRing()
        self.step_name = quiet_label(_("Step"), wrap=True)
        self.side = quiet_label(_("Side"), object_name="SideBadge")
        self.side.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.activity = quiet_label(_("Now"), object_name="Subtle")
        self.instructions = quiet_label(_("Instructions"), wrap=True)
        self.instructions.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.instructions.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.upcoming = quiet_label(_("Next"), object_name="Subtle")
        side_row = QHBoxLayout()
        side_row.addWidget(self.side)
        side_row.addStretch(1)
        info = QVBoxLayout()
        info.setSpacing(8)
        info.addStretch(1)
        info.addWidget(self.step_name)
        info.addLayout(side_row)
        info.addWidget(self.activity)
        info.addSpacing(8)
        info.addWidget(self.instructions, 3)
        info.addWidget(self.upcoming)
        info.addStretch(1)
        self.figure = PoseFigure(driven=True)  # repainted with the ring, frame by frame
        body = QHBoxLayout(self)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(28)
        body.addWidget(self.ring, 5)
        body.addWidget(self.figure, 5)
        body.addLayout(info, 6)

    def words(self) -> PlayerWords:
        """The labels whose size follows the window's (see :mod:`text_sizes`)."""
        return PlayerWords(
            self.step_name, self.side, self.activity, self.instructions, self.upcoming
        )

    def clear(self) -> None:
        """Nothing of the session before: shown while a new one gets ready."""
        for label in (self.step_name, self.activity, self.instructions, self.upcoming):
            label.clear()
        self.side.hide()
        self.ring.set_state(RingState(fraction=1.0, caption=_("getting ready"), tone="rest"))

    def show_moving(self, snapshot: Snapshot) -> None:
        """The ring and the figure at ``snapshot``: what moves from picture to picture."""
        show_moving(self.ring, self.figure, snapshot)

    def show_words(self, text: PlayerText) -> None:
        """The words of the moment; a label whose words stay is left alone."""
        set_text(self.step_name, text.step)
        set_text(self.side, text.badge)
        self.side.setAccessibleName(text.side or _("Side"))
        self.side.setVisible(bool(text.side))
        set_text(self.activity, text.activity)
        words = text.instructions
        if text.easier:
            # TRANSLATORS: before a step's instructions when its easier variation is on.
            words = _("Easier: {instructions}").format(instructions=words)
        set_text(self.instructions, words)
        set_text(self.upcoming, text.next)

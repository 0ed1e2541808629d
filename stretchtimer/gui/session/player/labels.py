"""The players' words on screen: labels a person reads (never selects), changed only when
their words do (a new text repaints the label, and the pacer draws 15 pictures a second)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QProgressBar

from stretchtimer.core.session.plan import SegmentKind
from stretchtimer.core.session.snapshot import Snapshot
from stretchtimer.gui.session.player.text import PlayerText


def quiet_label(name: str, *, wrap: bool = False, object_name: str = "") -> QLabel:
    """A label that shows words (never selectable), with a name for screen readers."""
    label = QLabel()
    label.setAccessibleName(name)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    if object_name:
        label.setObjectName(object_name)
    return label


def set_text(widget: QLabel | QAbstractButton, text: str) -> None:
    """Show ``text`` on ``widget``, leaving it alone when it shows that already."""
    if widget.text() != text:
        widget.setText(text)


def show_progress(label: QLabel, bar: QProgressBar, text: PlayerText, snapshot: Snapshot) -> None:
    """The session's progress in words and on its bar, changed only when the words change:
    the bar moves with the time left, once a second (a move repaints it at once, and the
    breath disc asks for 15 pictures a second)."""
    progress = " · ".join(part for part in (text.progress, text.time_left) if part)
    if progress != label.text():
        label.setText(progress)
        bar.setValue(round(snapshot.session_progress * 1000))


def show_easier(button: QAbstractButton, snapshot: Snapshot) -> None:
    """The Easier button: offered where the step has an easier variation, checked when on."""
    step = snapshot.step
    button.setEnabled(bool(step and step.easier) and snapshot.segment.kind is not SegmentKind.DONE)
    button.setChecked(snapshot.easier)

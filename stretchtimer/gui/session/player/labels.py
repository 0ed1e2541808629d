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
    the bar moves with the time left, once a second (the breath disc asks for 15 pictures
    a second)."""
    progress = " · ".join(part for part in (text.progress, text.time_left) if part)
    if progress != label.text():
        label.setText(progress)
        move_bar(bar, round(snapshot.session_progress * 1000))


def move_bar(bar: QProgressBar, value: int) -> None:
    """Set ``bar`` to ``value``, painted with the window's next picture.

    QProgressBar repaints at once when its value moves a pixel, and a repaint then
    paints everything else waiting in the window too (the figure, the ring) inside the
    caller's turn: at the session's start, on the turn that starts it (issue 21)."""
    if bar.value() == value:
        return
    bar.setUpdatesEnabled(False)  # no repaint at once...
    bar.setValue(value)
    bar.setUpdatesEnabled(True)  # ...but an update, painted on a later turn


def show_easier(button: QAbstractButton, snapshot: Snapshot) -> None:
    """The Easier button: offered where the step has an easier variation, checked when on."""
    step = snapshot.step
    button.setEnabled(bool(step and step.easier) and snapshot.segment.kind is not SegmentKind.DONE)
    button.setChecked(snapshot.easier)

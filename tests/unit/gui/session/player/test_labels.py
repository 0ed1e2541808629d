"""The players' labels are read, never selected, and named for a screen reader."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from stretchtimer.gui.session.player.labels import quiet_label, set_text


def test_a_quiet_label_has_a_name_and_cannot_be_selected(qtbot: QtBot) -> None:
    label = quiet_label("Step", wrap=True, object_name="Subtle")
    qtbot.addWidget(label)
    assert label.accessibleName() == "Step"
    assert label.wordWrap() and label.objectName() == "Subtle"
    assert label.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction


def test_set_text_shows_the_new_words_on_labels_and_buttons(qtbot: QtBot) -> None:
    label = quiet_label("Now")
    button = QPushButton("Easier")
    qtbot.addWidget(label)
    qtbot.addWidget(button)
    set_text(label, "Hold")
    set_text(button, "Easier: on")
    assert (label.text(), button.text()) == ("Hold", "Easier: on")


def test_the_session_bar_moves_with_the_next_picture_not_inside_the_call(qtbot: QtBot) -> None:
    # A repaint at once would paint the whole waiting window inside the caller's turn
    # (the session's start: issue 21); the bar still shows the new value when painted.
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QProgressBar

    from stretchtimer.gui.session.player.labels import move_bar

    bar = QProgressBar()
    bar.setRange(0, 1000)
    bar.resize(300, 20)
    qtbot.addWidget(bar)
    bar.show()
    qtbot.waitExposed(bar)
    paints: list[int] = []

    class Paints(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                paints.append(bar.value())
            return False

    counter = Paints()
    bar.installEventFilter(counter)
    move_bar(bar, 600)
    assert bar.value() == 600 and paints == []
    qtbot.waitUntil(lambda: paints == [600], timeout=2000)
    move_bar(bar, 600)  # no move: nothing to paint
    qtbot.wait(20)
    assert paints == [600]

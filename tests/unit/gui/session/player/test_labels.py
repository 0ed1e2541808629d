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

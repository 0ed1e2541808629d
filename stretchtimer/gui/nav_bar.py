"""The bar down the window's left side: the app's name and a button for each place.

The buttons are exclusive push buttons, so a screen reader says "radio button,
selected" for the place on show, as for any one choice among several.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from stretchtimer import APP_DISPLAY_NAME
from stretchtimer.core.i18n import N_, _
from stretchtimer.gui import icons, theme

PLACES = (
    ("routines", N_("Routines"), icons.routines),
    # TRANSLATORS: the place where a routine plays (the player), in the navigation.
    ("session", N_("Session"), icons.session),
    ("history", N_("History"), icons.history),
    ("settings", N_("Settings"), icons.settings),
)
NAV_WIDTH = 176
PLACE_KEYS = tuple(key for key, _label, _draw in PLACES)


class NavBar(QFrame):  # a frame: the sheet's background is drawn
    """One checked button at a time, for the place on show.

    Signals:
        chosen(str): the person clicked the button of a place (its key).
    """

    chosen = Signal(str)
    keys = PLACE_KEYS  # in the order of the buttons

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NavBar")
        self.setFixedWidth(NAV_WIDTH)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 12)
        layout.setSpacing(2)
        name = QLabel(APP_DISPLAY_NAME)
        name.setObjectName("AppName")
        layout.addWidget(name)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        for number, (key, place, _draw) in enumerate(PLACES):
            label = _(place)
            button = QPushButton(f"  {label}")
            button.setCheckable(True)
            button.setAutoExclusive(True)
            button.setAccessibleName(label)
            # TRANSLATORS: a place's tooltip with its keyboard shortcut: "History (Ctrl+3)".
            button.setToolTip(_("{place} (Ctrl+{number})").format(place=label, number=number + 1))
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setMinimumWidth(150)
            self.group.addButton(button, number)
            self.buttons[key] = button
            layout.addWidget(button)
        layout.addStretch(1)
        self.group.idClicked.connect(lambda index: self.chosen.emit(PLACE_KEYS[index]))
        self.restyle()

    def select(self, key: str) -> None:
        self.buttons[key].setChecked(True)

    def restyle(self) -> None:
        """Draw the icons again in the theme's colours."""
        colour = theme.current().muted
        for key, _label, draw in PLACES:
            self.buttons[key].setIcon(icons.make_icon(draw, colour))

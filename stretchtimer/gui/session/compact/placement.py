"""Where the compact player opens: where the person left it when that is on the screen
they are using, else in its corner; always inside the screen's work area. Its place is
kept in the window settings, so it comes back there after a restart."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSettings
from PySide6.QtWidgets import QWidget

from stretchtimer.gui.widgets.window_drag import (
    corner_place,
    inside_work_area,
    screen_of_the_person,
)

PLACE_KEY = "compact/position"


class Placement:
    """Opens ``window`` in its place and remembers where the person moves it."""

    def __init__(self, window: QWidget, places: QSettings) -> None:
        self.window = window
        self.places = places
        self.placed = False  # opened at least once: its position is the person's

    def open(self) -> None:
        """Move the window to where it opens (call it just before showing the window)."""
        self.placed = True
        self.window.move(self.opening_place())

    def opening_place(self) -> QPoint:
        screen = screen_of_the_person()
        saved = self.places.value(PLACE_KEY)
        if (
            isinstance(saved, QPoint)
            and screen is not None
            and screen.availableGeometry().contains(saved)
        ):
            return inside_work_area(saved, self.window.frameGeometry().size(), screen)
        return corner_place(self.window, screen=screen)

    def remember(self) -> None:
        """Keep the window's place, once it has been opened in one."""
        if self.placed:
            self.places.setValue(PLACE_KEY, self.window.pos())

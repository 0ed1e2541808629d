"""The compact player is opened from the desk companion: its tests use the desk's fixtures."""

from tests.unit.gui.desk.conftest import (
    clock,
    desk,
    desk_without_tray,
    quits,
    reminders_on,
    sound,
)

__all__ = ["clock", "desk", "desk_without_tray", "quits", "reminders_on", "sound"]

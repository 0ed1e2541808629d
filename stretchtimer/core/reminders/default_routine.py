"""The routine a reminder names when the person chose none and played none.

A module of its own, importing nothing: the tray menu offers this routine with reminders
off, without loading the schedule's modules.
"""

from __future__ import annotations

DEFAULT_ROUTINE = "desk-hips"  # the chair routine, for a person at a desk

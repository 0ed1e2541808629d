"""Qt Multimedia's start-up chatter stays out of the terminal; its real warnings do not.

On every launch Qt Multimedia says which FFmpeg it found and, where PipeWire's library
is installed without its service, how its probing went: information nobody can act
on, printed between a person's commands. Those categories' info and debug lines are
switched off; warnings (no sound server, a device lost) still reach the log and the
terminal. ``QT_LOGGING_RULES`` set by a person still wins.
"""

from __future__ import annotations

QUIET_RULES = (
    "qt.multimedia.ffmpeg.info=false",
    "qt.multimedia.ffmpeg.debug=false",
    "qt.multimedia.pipewire*.info=false",
    "qt.multimedia.pipewire*.debug=false",
)


def quiet_media_probing() -> None:
    """Call before the first Qt Multimedia object is made."""
    from PySide6.QtCore import QLoggingCategory

    QLoggingCategory.setFilterRules("\n".join(QUIET_RULES))

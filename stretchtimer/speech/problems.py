"""Why the app cannot speak, as values a display can show (never a traceback).

Each problem has one plain sentence for the person that says what happened and
what to do about it. The terminal prints it; the desktop app will show it in
the session window. ``detail`` carries the technical reason for the log.
"""

from __future__ import annotations

import enum
import sys
from dataclasses import dataclass

from stretchtimer.core.i18n import N_, _


class SpeechProblem(enum.Enum):
    NO_LIBRARY = "no_library"  # the espeak-ng library (or the platform's engine) is missing
    NO_VOICES = "no_voices"  # the engine loaded but has no voice data
    UNKNOWN_VOICE = "unknown_voice"  # the chosen voice is not installed
    NATURAL_VOICE_FAILED = "natural_voice_failed"  # Piper cannot speak: the system voice does
    ENGINE_FAILED = "engine_failed"  # the worker crashed or made no sound, twice
    ENGINE_HUNG = "engine_hung"  # the worker stopped answering, twice
    CANNOT_SAVE = "cannot_save"  # the clip folder cannot be written
    NO_AUDIO_DEVICE = "no_audio_device"  # nothing to play sound on

    @property
    def voice_off(self) -> bool:
        """The session runs without a voice (an unknown voice falls back to the default,
        a natural voice that cannot speak to the system's voice)."""
        return self not in (SpeechProblem.UNKNOWN_VOICE, SpeechProblem.NATURAL_VOICE_FAILED)


def _no_engine() -> str:
    if sys.platform.startswith("linux"):
        return _(
            "The voice is off because the speech engine is not installed; to hear the "
            "steps, install the Debian package libespeak-ng1 (sudo apt install libespeak-ng1)."
        )
    if sys.platform == "darwin":
        return _(
            "The voice is off because the speech engine is not installed; to hear the "
            "steps, check that speech is enabled in System Settings."
        )
    return _(
        "The voice is off because the speech engine is not installed; to hear the "
        "steps, check that a Windows text-to-speech voice is installed."
    )


@dataclass(frozen=True)
class SpeechNotice:
    """A problem with the voice or the sound, and the details for the log."""

    problem: SpeechProblem
    detail: str = ""
    voice: str = ""  # the voice asked for, for UNKNOWN_VOICE
    folder: str = ""  # the clip folder, for CANNOT_SAVE
    reason: str = ""  # why the natural voice cannot speak, in plain words
    midway: bool = False  # it happened while the session ran (the voice changes from here)

    @property
    def sentence(self) -> str:
        """One sentence for the person: what happened and how to fix it."""
        problem = self.problem
        if problem is SpeechProblem.NO_LIBRARY:
            return _no_engine()
        if problem is SpeechProblem.NO_VOICES:
            return _(
                "The voice is off because the speech engine has no voices; "
                "install the Debian package espeak-ng-data."
            )
        if problem is SpeechProblem.UNKNOWN_VOICE:
            return _(
                "The voice {voice} is not installed, so the default voice speaks "
                "instead; `stretchtimer voices` lists the voices you can choose."
            ).format(voice=repr(self.voice))
        if problem is SpeechProblem.NATURAL_VOICE_FAILED and self.midway:
            # TRANSLATORS: {reason} is why, in plain words ("it crashed").
            return _(
                "The natural voice stopped working ({reason}), so the system voice speaks "
                "the rest of this session; the app's log has the details."
            ).format(reason=_(self.reason or N_("it crashed")))
        if problem is SpeechProblem.NATURAL_VOICE_FAILED:
            if not self.reason:
                return _(
                    "The natural voice cannot speak here, so the system voice speaks "
                    "this session instead; the app's log has the details."
                )
            # TRANSLATORS: {reason} is why, in plain words ("there is not enough free memory").
            return _(
                "The natural voice cannot speak here ({reason}), so the system voice speaks "
                "this session instead; the app's log has the details."
            ).format(reason=_(self.reason))  # the worker's reason, marked where it is made
        if problem is SpeechProblem.ENGINE_FAILED:
            return _(
                "The voice is off because the speech engine failed twice; the session "
                "goes on with chimes, and `stretchtimer say hello` shows whether speech works."
            )
        if problem is SpeechProblem.ENGINE_HUNG:
            return _(
                "The voice is off because the speech engine stopped answering; the session "
                "goes on with chimes, and `stretchtimer say hello` shows whether speech works."
            )
        if problem is SpeechProblem.CANNOT_SAVE:
            return _(
                "The voice is off because speech could not be saved in {folder}; "
                "free some disk space or make that folder writable."
            ).format(folder=self.folder)
        return _(
            "No sound output was found, so the session is silent; connect speakers or "
            "headphones and check that PulseAudio or PipeWire is running."
        )


class SpeechUnavailableError(Exception):
    """Raised where a caller asked for speech that cannot be had; carries the notice."""

    def __init__(self, notice: SpeechNotice) -> None:
        super().__init__(notice.sentence)
        self.notice = notice

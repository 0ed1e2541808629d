"""Every voice a person can choose, from both engines, for ``voices`` and Settings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stretchtimer.speech.problems import SpeechNotice, SpeechUnavailableError
from stretchtimer.speech.renderer import ClipRenderer
from stretchtimer.speech.voices import PIPER, PYTTSX3, default_voice_id, piper_models


@dataclass(frozen=True)
class VoiceEntry:
    id: str
    engine: str
    name: str
    language: str
    default: bool = False  # the voice that speaks when none is chosen
    added: bool = False  # a Piper voice the person added (it can be removed)
    system_default: bool = False  # the system's own default voice: what ``pyttsx3:`` speaks


def list_voices(
    renderer: ClipRenderer, added: Path
) -> tuple[list[VoiceEntry], SpeechNotice | None]:
    """The Piper voices, then the system's; a notice when the system's cannot be listed."""
    notice = None
    try:
        system = renderer.voices()
    except SpeechUnavailableError as error:
        system, notice = [], error.notice
    return voice_entries(system, added), notice


def voice_entries(system: list[dict[str, Any]], added: Path) -> list[VoiceEntry]:
    """The Piper voices (bundled and in ``added``), then ``system``, the speech worker's
    list of the system's voices."""
    default_id = default_voice_id()
    entries = [
        VoiceEntry(
            model.id,
            PIPER,
            f"{model.title} (natural)",
            model.language,
            default=model.id == default_id,
            added=not model.bundled,
        )
        for model in piper_models(added)
    ]
    for voice in system:
        name = str(voice.get("id", ""))
        languages = [str(language) for language in voice.get("languages", [])]
        entries.append(
            VoiceEntry(
                f"{PYTTSX3}:{name}",
                PYTTSX3,
                str(voice.get("name") or name),
                ", ".join(languages),
                default=default_id == f"{PYTTSX3}:" and bool(voice.get("default")),
                system_default=bool(voice.get("default")),
            )
        )
    return entries

"""The voice follows the language: which voice reads a session said in one language.

The rule, in order:

1. the person's chosen voice, when it speaks the session's language;
2. otherwise a natural (Piper) voice of that language, when one is installed;
3. otherwise the system's (espeak-ng) voice of that language;
4. and only when no installed voice speaks it, the chosen voice after all.

So a routine is never read in one language by a voice of another unless nothing else
can read it. What a voice speaks comes from the voices themselves (a Piper voice's
config, the system's voice list), never from a table here: a new language needs no code.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stretchtimer.core.i18n import _, base_tag
from stretchtimer.speech.clip_cache import ClipCache, VoiceChoice
from stretchtimer.speech.problems import SpeechUnavailableError
from stretchtimer.speech.renderer import ClipRenderer
from stretchtimer.speech.voice_list import VoiceEntry, voice_entries
from stretchtimer.speech.voices import PIPER, PYTTSX3, SYSTEM_DEFAULT, parse_voice, piper_models
from stretchtimer.storage.languages import native_name

log = logging.getLogger(__name__)

SOURCE_VOICE_LANGUAGE = "en"  # what the default voices speak (the bundled Joe, espeak's)

# The system's voices, listed once a process: asking starts the speech worker (about a
# third of a second), and the system's voices do not change while the app runs.
_system_voices: list[dict[str, Any]] | None = None
_system_voices_lock = threading.Lock()


@dataclass(frozen=True)
class VoicePick:
    """The voice to speak with, and why."""

    voice: str  # a voice id ("" keeps the default voice)
    swapped: bool = False  # the chosen voice does not speak the language: another reads
    found: bool = True  # some installed voice speaks the language
    chosen_name: str = ""  # the chosen voice's name, for the notice

    def notice(self, tag: str) -> str:
        """One sentence for the person when their voice was not used, else ""."""
        if self.swapped:
            return _(
                "Your voice ({voice}) does not speak {language}, so a voice that does "
                "reads this session; choose another voice in Settings to change that."
            ).format(voice=self.chosen_name, language=native_name(tag))
        if not self.found:
            return _(
                "No installed voice speaks {language}, so your voice reads this session; "
                "`stretchtimer voices` lists the voices you can add."
            ).format(language=native_name(tag))
        return ""


def _shown(voice_id: str) -> str:
    return parse_voice(voice_id).name or voice_id


def _normal(language: str) -> str:
    return language.strip().lower().replace("_", "-")


def entry_languages(entry: VoiceEntry) -> list[str]:
    """The languages ``entry`` speaks, normalised (``"en-us"``, ``"fr-fr"``)."""
    return [_normal(part) for part in entry.language.split(",") if part.strip()]


def speaks(entry: VoiceEntry, tag: str) -> bool:
    """Whether ``entry`` speaks the language of ``tag`` (any region of it)."""
    base = base_tag(tag)
    return any(base_tag(language) == base for language in entry_languages(entry))


def _closeness(entry: VoiceEntry, tag: str) -> int:
    """0 for the voice of exactly ``tag``'s region, 1 for the language itself ("de"),
    2 for its home region ("fr-fr"), 3 for another region ("fr-be")."""
    wanted, base = _normal(tag), base_tag(tag)
    languages = entry_languages(entry)
    if wanted != base and wanted in languages:
        return 0
    if base in languages:
        return 1
    if f"{base}-{base}" in languages:
        return 2
    return 3


def _chosen_entry(chosen: str, voices: Sequence[VoiceEntry]) -> VoiceEntry | None:
    """The entry of the voice ``chosen``; "" is the default voice, ``pyttsx3:`` the
    system's default."""
    if not chosen.strip():
        return next((entry for entry in voices if entry.default), None)
    wanted = parse_voice(chosen).id
    if wanted == SYSTEM_DEFAULT:
        return next((v for v in voices if v.engine == PYTTSX3 and v.system_default), None)
    return next((entry for entry in voices if entry.id == wanted), None)


def _is_default(chosen: str) -> bool:
    return not chosen.strip() or parse_voice(chosen).id == SYSTEM_DEFAULT


def voice_for_language(chosen: str, tag: str, voices: Sequence[VoiceEntry]) -> VoicePick:
    """The voice that reads a session in the language ``tag``, from the installed ``voices``.

    ``chosen`` is the person's voice id ("" for the default voice).
    """
    entry = _chosen_entry(chosen, voices)
    if entry is not None:
        chosen_speaks = speaks(entry, tag)
    else:  # a default voice missing from the list speaks English; an unknown voice, unknown
        chosen_speaks = _is_default(chosen) and base_tag(tag) == SOURCE_VOICE_LANGUAGE
    name = entry.name if entry is not None else _shown(chosen)
    if chosen_speaks:
        return VoicePick(chosen, chosen_name=name)
    fitting = [voice for voice in voices if speaks(voice, tag)]
    if not fitting:
        return VoicePick(chosen, found=False, chosen_name=name)
    # Natural voices first, then the closest region, then the list's own order.
    best = min(
        enumerate(fitting),
        key=lambda item: (item[1].engine != PIPER, _closeness(item[1], tag), item[0]),
    )[1]
    # A person who kept the default voice did not choose one: no notice for them.
    return VoicePick(best.id, swapped=bool(chosen.strip()), chosen_name=name)


def system_voices(
    renderer_factory: Callable[[], ClipRenderer],
) -> list[dict[str, Any]] | None:
    """The system's voices as the speech worker lists them (once a process); None when
    they cannot be listed."""
    global _system_voices  # noqa: PLW0603 - one list a process, see above
    with _system_voices_lock:
        if _system_voices is None:
            try:
                with renderer_factory() as renderer:
                    _system_voices = renderer.voices()
            except SpeechUnavailableError as error:
                log.warning("voices cannot be listed: %s", error.notice.detail)
                return None
        return _system_voices


def forget_system_voices() -> None:
    """List the system's voices again next time (a voice was installed)."""
    global _system_voices  # noqa: PLW0603
    with _system_voices_lock:
        _system_voices = None


def session_voice_pick(
    chosen: str,
    tag: str,
    renderer_factory: Callable[[], ClipRenderer],
    added: Path | None,
) -> VoicePick:
    """:func:`voice_for_language` with the voices installed here; the system's voices are
    listed (which starts the speech worker) only when the answer needs them."""
    if _is_default(chosen) and base_tag(tag) == SOURCE_VOICE_LANGUAGE:
        # The default voice and the system's default (espeak-ng's "en") speak the source
        # language: no need to start the speech worker to list the voices.
        return VoicePick(chosen)
    ref = parse_voice(chosen) if chosen.strip() else None
    if ref is not None and ref.engine == PIPER:
        model = next((m for m in piper_models(added) if m.name == ref.name), None)
        if model is not None and base_tag(model.language) == base_tag(tag):
            return VoicePick(chosen, chosen_name=model.title)
    system = system_voices(renderer_factory)
    if system is None:  # the render step reports why, in its own words
        return VoicePick(chosen)
    pick = voice_for_language(chosen, tag, voice_entries(system, added or Path()))
    if pick.voice != chosen:
        log.info("the voice %r does not speak %s: %s reads instead", chosen, tag, pick.voice)
    return pick


def voice_in_language(
    voice: VoiceChoice, tag: str, clips: Path, added: Path | None
) -> tuple[VoiceChoice, str]:
    """``voice`` (the person's, with its rate) for words in the language ``tag``, and the
    notice for the person ("" when their voice reads): for previews, ``say`` and scripts.
    """
    factory = functools.partial(_renderer, clips)
    pick = session_voice_pick(voice.voice, tag, factory, added)
    return dataclasses.replace(voice, voice=pick.voice), pick.notice(tag)


def _renderer(clips: Path) -> ClipRenderer:
    return ClipRenderer(ClipCache(clips))

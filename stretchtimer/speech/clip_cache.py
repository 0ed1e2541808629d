"""Rendered speech on disk, keyed by engine, voice, rate and text.

A routine played once starts instantly the next time: every clip it needs is
found here by its key. A clip is a trimmed 16-bit WAV file; its length is read
from its header, so the cache needs no index that could go stale. Files are
owner-only (they say what the person does) and safe to delete at any time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from stretchtimer.speech.wav import BadWavError, wav_info
from stretchtimer.storage.atomic import PRIVATE_FILE_MODE
from stretchtimer.storage.paths import ensure_private_dir

log = logging.getLogger(__name__)

CLIP_FORMAT = 1  # bump when the worker's processing of clips changes


def default_engine() -> str:
    """The name of the pyttsx3 driver this platform uses, without loading it."""
    if sys.platform == "win32":
        return "sapi5"
    if sys.platform == "darwin":
        return "nsss"
    return "espeak"


@dataclass(frozen=True)
class VoiceChoice:
    """What a clip is spoken with: an empty ``voice`` is the engine's default."""

    voice: str = ""
    rate: int = 165


@dataclass(frozen=True)
class Clip:
    text: str
    path: Path
    seconds: float


class ClipCache:
    """The folder of rendered clips."""

    def __init__(self, folder: Path, engine: str | None = None) -> None:
        self.folder = folder
        self.engine = engine or default_engine()

    def key(self, text: str, voice: VoiceChoice) -> str:
        identity = json.dumps([CLIP_FORMAT, self.engine, voice.voice, voice.rate, text])
        return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:40]

    def path_for(self, text: str, voice: VoiceChoice) -> Path:
        return self.folder / f"{self.key(text, voice)}.wav"

    def lookup(self, text: str, voice: VoiceChoice) -> Clip | None:
        """The cached clip, or None. A damaged file is removed and counts as missing."""
        path = self.path_for(text, voice)
        try:
            info = wav_info(path)
        except FileNotFoundError:
            return None
        except BadWavError as error:
            log.warning("removing a damaged speech clip: %s", error)
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        return Clip(text, path, info.seconds)

    def scratch_path(self, text: str, voice: VoiceChoice) -> Path:
        """Where the worker writes a clip before it is checked and put in place."""
        ensure_private_dir(self.folder)
        return self.folder / f".{self.key(text, voice)}.{os.getpid()}.part.wav"

    def store(self, scratch: Path, text: str, voice: VoiceChoice) -> Clip:
        """Move a finished clip from ``scratch`` into the cache; raises BadWavError or OSError."""
        try:
            info = wav_info(scratch)
            scratch.chmod(PRIVATE_FILE_MODE)
            path = self.path_for(text, voice)
            scratch.replace(path)
        except BaseException:
            with contextlib.suppress(OSError):
                scratch.unlink()
            raise
        return Clip(text, path, info.seconds)

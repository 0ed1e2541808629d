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

from stretchtimer.core.i18n import _
from stretchtimer.speech.clip_cache import ClipCache, VoiceChoice, prepared_copies
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
from stretchtimer.storage.paths import app_paths, ensure_private_dir

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
            _(
                "A voice called {name} is already installed; remove it first with "
                "`stretchtimer voices remove {voice}`."
            ).format(name=model.name, voice=f"{PIPER}:{model.name}")
        )
    ensure_private_dir(folder)
    staging = Path(tempfile.mkdtemp(prefix=INCOMING, dir=folder))
    try:
        copied = _copy_pair(model, staging)
        _check_it_speaks(copied, staging, source)
        return _move_pair(copied, folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def remove_voice(voice_id: str, folder: Path, *, prepared: Path | None = None) -> PiperModel:
    """Delete an added Piper voice and its optimised copies in ``prepared`` (by default
    the speech cache's); the bundled voice and system voices stay."""
    ref = parse_voice(voice_id)
    if ":" not in voice_id and any(model.name == voice_id for model in piper_models(folder)):
        ref = parse_voice(f"{PIPER}:{voice_id}")
    if ref.engine != PIPER:
        raise VoiceFileError(
            _(
                "{voice} is one of the system's voices; only Piper voices you added can be "
                "removed here."
            ).format(voice=voice_id)
        )
    found = next((model for model in piper_models(folder) if model.name == ref.name), None)
    if found is None:
        raise VoiceFileError(
            _(
                "There is no voice {voice}; `stretchtimer voices` lists the installed voices."
            ).format(voice=ref.id)
        )
    if found.bundled:
        raise VoiceFileError(
            _(
                "{voice} comes with the app and cannot be removed; choose another voice in "
                "Settings instead."
            ).format(voice=found.id)
        )
    if prepared is None:
        prepared = ClipCache(app_paths().clips, voices=folder).prepared_models
    for path in (found.model, found.config):
        path.unlink(missing_ok=True)
    for copy in prepared_copies(prepared, found.model):
        # On Windows a running worker's mapped weights cannot be removed: left, named by
        # the removed file, they are never read again (the next copy of its name replaces them).
        with contextlib.suppress(OSError):
            copy.unlink()
    return found


def _source_model(source: Path) -> PiperModel:
    if not source.name.endswith(MODEL_SUFFIX):
        raise VoiceFileError(
            _(
                "{file} is not a Piper voice: give the .onnx file (with its .onnx.json beside it)."
            ).format(file=source.name)
        )
    if not source.is_file():
        raise VoiceFileError(
            _("There is no file {file}; check the name and folder.").format(file=source)
        )
    try:
        return read_model(source)
    except VoiceConfigError as error:
        raise VoiceFileError(
            _(
                "{file} cannot be added because {reason}; download the voice's "
                "{config} and put it beside it."
            ).format(
                file=source.name,
                reason=error,
                config=f"{source.name.removesuffix(MODEL_SUFFIX)}{CONFIG_SUFFIX}",
            )
        ) from None


def _copy_pair(model: PiperModel, staging: Path) -> PiperModel:
    try:
        for path in (model.model, model.config):
            target = staging / path.name
            shutil.copyfile(path, target)
            target.chmod(PRIVATE_FILE_MODE)
    except OSError as error:
        raise VoiceFileError(
            _("{file} could not be copied ({reason}); free some disk space and try again.").format(
                file=model.model.name, reason=error.strerror
            )
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
    if not why:
        raise VoiceFileError(
            _(
                "{file} cannot be added because it is not a working Piper voice; download "
                "it again, nothing was copied."
            ).format(file=source.name)
        )
    raise VoiceFileError(
        _(
            "{file} cannot be added because it does not speak ({reason}); download it "
            "again, nothing was copied."
        ).format(file=source.name, reason=_(why))  # marked where the worker made it
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
            _("{file} could not be kept in {folder} ({reason}).").format(
                file=model.model.name, folder=folder, reason=error.strerror
            )
        ) from error
    return read_model(folder / model.model.name)

"""The Piper half of the speech worker: natural voices rendered on the CPU.

Runs only inside the worker process (``--engine piper``). A voice model is
loaded once and kept while requests name it; a request for another model
replaces it (one model in memory at a time, about 100 MB each).

Clips are rendered side by side, one per core (at most :data:`PARALLEL`), from one
model: each request runs onnxruntime on one thread, without spinning. Measured on
this two-core machine, two clips side by side on one thread each cost less CPU than
one clip on two threads (the threads of one small model wait on each other), and a
spinning thread pool takes a core from whatever else runs, the cue player included.
The espeak-ng phonemizer inside Piper is not thread-safe: it runs under a lock.
Also measured and not used (``BENCH_SPEECH_PART=compute``, benchmarks/bench_speech.py):
several sentences in one run (no less CPU per second of speech, plus the padding, and
this graph does not say where each padded sentence ends), one session with two threads
for both renderers (more CPU), and onnxruntime's parallel execution mode (twice the CPU).

Almost all of a clip's time is onnxruntime's (the voice's decoder convolutions: about
0.1 s of CPU per second of speech here). What is not rendered is not paid: a sentence
said before in the same voice and rate is reused (:class:`SentenceAudio`), and the
model optimised for this computer is kept between workers (:func:`load_voice`).

The Rate setting means the same as with the system's voices: Piper's length
scale is chosen so that a sentence takes as long as espeak-ng takes at the same
words per minute. Loudness is matched too: every clip is scaled to the level of
espeak-ng's speech, so switching voices does not make the session louder.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import platform
import shutil
import sys
import threading
import wave
from collections import OrderedDict
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime  # type: ignore[import-untyped]
from piper import PiperVoice, SynthesisConfig
from piper.config import PiperConfig

from stretchtimer.core.i18n import N_
from stretchtimer.speech.problems import SpeechProblem
from stretchtimer.speech.wav import KEEP_AFTER, KEEP_BEFORE, SILENCE_LEVEL
from stretchtimer.storage.atomic import PRIVATE_FILE_MODE
from stretchtimer.storage.paths import ensure_private_dir

# Measured on the bundled voice against espeak-ng at 165 words per minute: at length
# scale 1 it speaks as fast as espeak-ng does at 187 (tests/speech check the match).
UNIT_SCALE_RATE = 187.0
# espeak-ng's speech, trimmed, has an RMS level of about 0.095 of full scale.
SPEECH_RMS = 0.095
PEAK = 0.98
# How onnxruntime says an allocation failed (it raises its own exception types).
OUT_OF_MEMORY = ("bad_alloc", "bad allocation", "failed to allocate", "out of memory")
PARALLEL = max(1, min(4, os.cpu_count() or 1))  # clips rendered side by side
SENTENCE_MEMORY = 16 * 1024 * 1024  # bytes of rendered sentences kept for reuse (~3 min)
# The optimised copy keeps its weights in a file of its own (see load_voice); copies made
# before, with the weights inside, are named differently and replaced.
PREPARED_LAYOUT = "weights-apart"
WEIGHTS_SUFFIX = ".data"
WEIGHTS_APART = 1024  # bytes: a weight at least this big goes in the weights file


def length_scale(rate: int) -> float:
    """Piper's length scale for ``rate`` words per minute (bigger is slower)."""
    return UNIT_SCALE_RATE / max(1, rate)


class NaturalVoiceError(Exception):
    """A voice model that cannot be loaded; ``reason`` is for the person."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason


def load_failure(error: BaseException) -> NaturalVoiceError:
    """What an exception while loading a model means, in plain words."""
    if isinstance(error, MemoryError) or any(sign in str(error).lower() for sign in OUT_OF_MEMORY):
        return NaturalVoiceError(N_("there is not enough free memory"), repr(error))
    if isinstance(error, ImportError):
        return NaturalVoiceError(N_("onnxruntime does not run on this computer"), repr(error))
    return NaturalVoiceError(N_("its voice file is damaged or incomplete"), repr(error))


class PiperSpeaker:
    """Renders clips with one Piper voice model at a time; ``render`` may be called from
    several threads at once."""

    engine_name = "piper"
    parallel = PARALLEL

    def __init__(self) -> None:
        self._loaded: tuple[Path, PiperVoice] | None = None
        self._loading = threading.Lock()
        self._phonemizing = threading.Lock()
        self._sentences = SentenceAudio()

    def voice(self, model: Path, config: Path, prepared: Path | None = None) -> PiperVoice:
        with self._loading:
            if self._loaded is not None and self._loaded[0] == model:
                return self._loaded[1]
            self._loaded = None  # let the old model go before the new one loads
            self._sentences.clear()
            try:
                voice = load_voice(model, config, prepared=prepared)
            except Exception as error:  # onnxruntime raises its own types for bad files
                raise load_failure(error) from error
            except MemoryError as error:
                raise load_failure(error) from error
            self._loaded = (model, voice)
            return voice

    def load(self, model: Path, config: Path, prepared: Path | None = None) -> dict[str, Any]:
        """Load ``model`` now, before its first clip is asked for."""
        try:
            self.voice(model, config, prepared)
        except NaturalVoiceError as error:
            return _natural_failed(error.reason, str(error))
        return {"ok": True}

    def render(
        self,
        text: str,
        path: Path,
        model: Path,
        config: Path,
        rate: int,
        *,
        prepared: Path | None = None,
    ) -> dict[str, Any]:
        try:
            voice = self.voice(model, config, prepared)
        except NaturalVoiceError as error:
            return {
                "ok": False,
                "problem": SpeechProblem.NATURAL_VOICE_FAILED.value,
                "reason": error.reason,
                "detail": str(error),
            }
        try:
            audio = self._synthesize(voice, model, text, rate)
        except MemoryError as error:
            return _natural_failed(N_("there is not enough free memory"), repr(error))
        except Exception as error:  # a model that loads yet cannot speak
            return _natural_failed(load_failure(error).reason, repr(error))
        if audio.size == 0 or not np.any(np.abs(audio) > 0):
            return _natural_failed(N_("it made no sound"), f"no audio for {text!r}")
        sample_rate = voice.config.sample_rate
        frames = _write(path, _level(audio), sample_rate)
        return {"ok": True, "seconds": frames / sample_rate}

    def _synthesize(
        self, voice: PiperVoice, model: Path, text: str, rate: int
    ) -> np.ndarray[Any, Any]:
        """``voice.synthesize`` with its phonemizer under the lock (what it does itself:
        each sentence's audio scaled to full scale). A sentence spoken before in this
        voice at this rate ("Breathe in." ends many cues) is not rendered again."""
        settings = SynthesisConfig(length_scale=length_scale(rate))
        with self._phonemizing:
            sentences = voice.phonemize(text)
        chunks = []
        for phonemes in sentences:
            if not phonemes:
                continue
            ids = voice.phonemes_to_ids(phonemes)
            key = (model, settings.length_scale, tuple(ids))
            chunk = self._sentences.get(key)
            if chunk is None:
                audio = voice.phoneme_ids_to_audio(ids, settings)
                assert isinstance(audio, np.ndarray)
                peak = float(np.max(np.abs(audio))) if audio.size else 0.0
                chunk = audio / peak if peak >= 1e-8 else np.zeros_like(audio)
                self._sentences.put(key, chunk)
            chunks.append(chunk)
        if not chunks:
            return np.zeros(0, dtype=np.float32)
        spoken: np.ndarray[Any, Any] = np.clip(np.concatenate(chunks), -1.0, 1.0)
        return spoken.astype(np.float32)


class SentenceAudio:
    """The audio of sentences already rendered, the most recently used kept up to
    ``budget`` bytes (a few hundred short sentences). Thread-safe."""

    def __init__(self, budget: int = SENTENCE_MEMORY) -> None:
        self.budget = budget
        self._kept: OrderedDict[Hashable, np.ndarray[Any, Any]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> np.ndarray[Any, Any] | None:
        with self._lock:
            audio = self._kept.get(key)
            if audio is not None:
                self._kept.move_to_end(key)
            return audio

    def put(self, key: Hashable, audio: np.ndarray[Any, Any]) -> None:
        if audio.nbytes > self.budget:
            return
        audio.flags.writeable = False  # shared by every clip that says the sentence
        with self._lock:
            if key in self._kept:
                return
            self._kept[key] = audio
            self._size += audio.nbytes
            while self._size > self.budget:
                _key, dropped = self._kept.popitem(last=False)
                self._size -= dropped.nbytes

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
            self._size = 0


def load_voice(model: Path, config: Path, *, prepared: Path | None = None) -> PiperVoice:
    """``PiperVoice.load`` with onnxruntime on one thread that does not spin.

    ``prepared`` is a folder for the model as onnxruntime optimises it for this computer:
    the first load keeps that copy there, and later loads read it without optimising
    again (measured here: 0.63-0.83 s of CPU down to 0.17-0.21 s, on the path to a
    session's first words). The copy is named by the model file, onnxruntime's version
    and this CPU, so it is never used where it was not made; an unreadable copy is
    removed and the model itself loaded. Its weights are kept in a file of their own
    beside it (:func:`weights_of`), which onnxruntime maps into memory instead of
    parsing and copying them: a fresh worker loads in about half the CPU time
    (~0.1 s less on the way to its first model run, issue 18)."""
    settings = json.loads(config.read_text(encoding="utf-8"))
    session = None
    if prepared is not None:
        copy = prepared / prepared_name(model)
        session = _load_prepared(copy)
        if session is None:
            session = _load_and_keep(model, copy)
    if session is None:
        session = onnxruntime.InferenceSession(
            str(model), sess_options=_options(), providers=["CPUExecutionProvider"]
        )
    return PiperVoice(session=session, config=PiperConfig.from_dict(settings))


def prepared_name(model: Path) -> str:
    """The name of ``model``'s optimised copy: its file (path, size, time), onnxruntime's
    version and this CPU (the copy holds layouts chosen for its instruction set)."""
    stat = model.stat()
    identity = json.dumps(
        [
            str(model),
            stat.st_size,
            stat.st_mtime_ns,
            onnxruntime.__version__,
            _cpu(),
            PREPARED_LAYOUT,
        ]
    )
    digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:20]
    return f"{model.stem}-{digest}.onnx"


def weights_of(copy: Path) -> Path:
    """The file beside the optimised copy ``copy`` that holds its weights."""
    return copy.with_name(copy.name + WEIGHTS_SUFFIX)


def _cpu() -> str:
    try:
        with Path("/proc/cpuinfo").open(encoding="utf-8") as info:
            lines = [line for line in info if line.startswith(("model name", "flags"))]
        return "".join(sorted(set(lines)))
    except OSError:  # not Linux
        return f"{platform.machine()} {platform.processor()}"


def _options(*, optimise: bool = True) -> Any:
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    if not optimise:  # already optimised when it was kept
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_DISABLE_ALL
    return options


def _load_prepared(copy: Path) -> Any:
    """A session from the kept optimised copy, or None (none kept, or unreadable)."""
    if not copy.is_file():
        return None
    try:  # a missing or short weights file is refused here, before any weight is read
        return onnxruntime.InferenceSession(
            str(copy), sess_options=_options(optimise=False), providers=["CPUExecutionProvider"]
        )
    except Exception as error:  # a damaged copy: made again from the model
        log_line(f"the optimised voice model {copy.name} cannot be read ({error!r}); remade")
        for part in (copy, weights_of(copy)):
            with contextlib.suppress(OSError):
                part.unlink()
        return None


def _load_and_keep(model: Path, copy: Path) -> Any:
    """A session from ``model`` whose optimised graph is kept as ``copy`` and its weights
    beside it (owner-only; older copies of the same voice are removed). None if it cannot
    be kept: the caller loads the model plainly, and a model that cannot load says so there.

    Both files are made in a folder of this process's own and moved into place weights
    first: a copy that can be seen has its weights. Two workers that make the same copy at
    once write the same bytes (onnxruntime's optimisation is deterministic), so a worker
    that reads one's graph and the other's weights reads a whole copy."""
    from stretchtimer.speech.clip_cache import (  # only here: worker start
        abandoned_preparations,
        prepared_copies,
    )

    scratch = copy.with_name(f".{copy.name}.{os.getpid()}.part")
    weights = weights_of(copy)
    options = _options()
    options.optimized_model_filepath = str(scratch / copy.name)
    options.add_session_config_entry(
        "session.optimized_model_external_initializers_file_name", weights.name
    )
    options.add_session_config_entry(
        "session.optimized_model_external_initializers_min_size_in_bytes", str(WEIGHTS_APART)
    )
    options.log_severity_level = 3  # not its warning that the copy suits this CPU only
    try:
        ensure_private_dir(copy.parent)
        scratch.mkdir(mode=0o700)
        session = onnxruntime.InferenceSession(
            str(model), sess_options=options, providers=["CPUExecutionProvider"]
        )
        for made in (scratch / weights.name, scratch / copy.name):
            made.chmod(PRIVATE_FILE_MODE)
        for older in prepared_copies(copy.parent, model):
            with contextlib.suppress(OSError):
                older.unlink()
        for left in abandoned_preparations(copy.parent, model):  # ~60 MB each
            if left.is_dir():
                shutil.rmtree(left, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    left.unlink()
        (scratch / weights.name).replace(weights)
        (scratch / copy.name).replace(copy)
    except Exception as error:
        log_line(f"the optimised voice model cannot be kept ({error!r})")
        return None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return session


def log_line(text: str) -> None:
    """A line for the app's log (the worker's stderr)."""
    print(f"stretchtimer.speech.piper_speaker: {text}", file=sys.stderr, flush=True)


def _natural_failed(reason: str, detail: str) -> dict[str, Any]:
    return {
        "ok": False,
        "problem": SpeechProblem.NATURAL_VOICE_FAILED.value,
        "reason": reason,
        "detail": detail,
    }


def _level(audio: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """``audio`` scaled to espeak-ng's speech level, its peaks kept below full scale."""
    loud = np.flatnonzero(np.abs(audio) > SILENCE_LEVEL / 32768)
    if loud.size == 0:
        return audio
    spoken = audio[loud[0] : loud[-1] + 1]  # as trim_silence will keep it
    level = float(np.sqrt(np.mean(np.square(spoken))))
    if level <= 0:
        return audio
    gain = min(SPEECH_RMS / level, PEAK / float(np.max(np.abs(audio))))
    return audio * gain


def _write(path: Path, audio: np.ndarray[Any, Any], sample_rate: int) -> int:
    """``audio`` as a 16-bit WAV file, its silence at both ends cut as ``wav.trim_silence``
    cuts it (the same bytes, written once and not read back); returns its frames."""
    samples = np.clip(audio * 32767.0, -32767, 32767).astype("<i2")
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > SILENCE_LEVEL)
    if loud.size:
        start = max(0, int(loud[0]) - round(KEEP_BEFORE * sample_rate))
        end = min(samples.size, int(loud[-1]) + 1 + round(KEEP_AFTER * sample_rate))
        samples = samples[start:end]
    with wave.open(str(path), "wb") as clip:
        clip.setnchannels(1)
        clip.setsampwidth(2)
        clip.setframerate(sample_rate)
        clip.writeframes(samples.tobytes())
    return int(samples.size)

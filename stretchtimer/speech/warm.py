"""A natural-voice worker kept warm for a short while: started before a session needs it,
and handed from one renderer to the next.

Starting Piper's worker and loading its model takes about half a second to a second and
a half on two cores, and a session's first words wait for it. So:

- :func:`warm_up` starts the worker and loads the model in the background when a
  session is *about to* be needed (the person points at Start); never at app start.
- A renderer that closes hands its natural-voice worker back here (:func:`give_back`)
  instead of ending it, and the next renderer takes it (:func:`take`): the session's
  first clips and the rest rendered while it runs come from one worker and one loaded
  model, not two.
- A worker nobody takes within :data:`IDLE_SECONDS` exits, and gives its memory back
  (about 250 MiB resident with the bundled voice loaded).

Only the natural voice is kept: the system voice's worker starts in well under 100 ms.
"""

from __future__ import annotations

import atexit
import logging
import threading
from collections.abc import Sequence
from pathlib import Path

from stretchtimer.speech.clip_cache import ClipCache, VoiceChoice
from stretchtimer.speech.voices import PIPER, parse_voice
from stretchtimer.speech.worker import ENGINE_FLAG
from stretchtimer.speech.worker_client import (
    WORKER_COMMAND,
    WorkerDiedError,
    WorkerFailedError,
    WorkerHungError,
    WorkerProcess,
)

log = logging.getLogger(__name__)

IDLE_SECONDS = 120.0  # a warm worker nobody took exits after this
START_TIMEOUT = 20.0
LOAD_TIMEOUT = 20.0


class _Kept:
    """One idle worker and the timer that ends it."""

    def __init__(self, worker: WorkerProcess, idle: float) -> None:
        self.worker = worker
        self.timer = threading.Timer(idle, _expire, args=(worker,))
        self.timer.daemon = True
        self.timer.start()


_lock = threading.Lock()
_kept: dict[tuple[str, ...], _Kept] = {}  # by worker command
_warming: dict[tuple[str, ...], threading.Thread] = {}


def piper_command(command: Sequence[str] = WORKER_COMMAND) -> tuple[str, ...]:
    return (*command, ENGINE_FLAG, PIPER)


def take(command: Sequence[str], wait: float = LOAD_TIMEOUT) -> WorkerProcess | None:
    """The warm worker started with ``command``, if one is waiting and alive; one still
    warming up is waited for (up to ``wait`` seconds: it is further along than a new one)."""
    with _lock:
        warming = _warming.get(tuple(command))
    if warming is not None and warming is not threading.current_thread():
        warming.join(wait)
    with _lock:
        kept = _kept.pop(tuple(command), None)
    if kept is None:
        return None
    kept.timer.cancel()
    if kept.worker.process.poll() is not None:
        return None
    return kept.worker


def give_back(worker: WorkerProcess, idle: float = IDLE_SECONDS) -> None:
    """Keep ``worker`` for the next renderer; it exits after ``idle`` seconds unused.
    One is kept per command: a second one is closed."""
    if worker.process.poll() is not None:
        return
    with _lock:
        if worker.command in _kept:
            extra: WorkerProcess | None = worker
        else:
            _kept[worker.command] = _Kept(worker, idle)
            extra = None
    if extra is not None:
        extra.close()


def warm_up(
    voice: VoiceChoice,
    cache: ClipCache,
    command: Sequence[str] = WORKER_COMMAND,
    idle: float = IDLE_SECONDS,
) -> threading.Thread | None:
    """Start the natural voice's worker and load ``voice``'s model in the background, if
    ``voice`` is a natural voice and no worker is warm or warming. Returns the thread
    (None when there is nothing to do). Never raises: a voice that cannot load is
    reported when the session renders."""
    ref = parse_voice(voice.voice)
    if ref.engine != PIPER:
        return None
    model = cache.piper_model(ref.name)
    if model is None:
        return None
    full = piper_command(command)
    with _lock:
        if full in _kept or full in _warming:
            return None

    def load() -> None:
        try:
            worker = WorkerProcess(full, start_timeout=START_TIMEOUT)
        except (WorkerDiedError, WorkerHungError, WorkerFailedError, OSError) as error:
            log.info("the natural voice could not be warmed up: %s", error)
            _done(full)
            return
        try:
            request = {
                "op": "load",
                "model": str(model.model),
                "config": str(model.config),
                "prepared": str(cache.prepared_models),
            }
            reply = worker.request(request, LOAD_TIMEOUT)
        except (WorkerDiedError, WorkerHungError, OSError) as error:
            log.info("the natural voice could not be warmed up: %s", error)
            worker.kill()
            _done(full)
            return
        if not reply.get("ok"):
            log.info("the natural voice could not be warmed up: %s", reply.get("detail"))
        _done(full)
        give_back(worker, idle)

    thread = threading.Thread(target=load, name="warm-voice", daemon=True)
    with _lock:
        _warming[full] = thread
    thread.start()
    return thread


def warm_up_for(voice: VoiceChoice, clips: Path, voices: Path | None) -> None:
    """:func:`warm_up` with the app's folders (the clip cache and the added voices)."""
    warm_up(voice, ClipCache(clips, voices=voices))


def _done(command: tuple[str, ...]) -> None:
    with _lock:
        _warming.pop(command, None)


def _expire(worker: WorkerProcess) -> None:
    with _lock:
        kept = _kept.get(worker.command)
        if kept is None or kept.worker is not worker:
            return  # taken meanwhile
        del _kept[worker.command]
    log.info("the warm natural voice was not needed for %.0f s: it exits", IDLE_SECONDS)
    worker.close()


def close_all() -> None:
    """End every kept worker (at exit, and in tests)."""
    with _lock:
        kept = list(_kept.values())
        _kept.clear()
    for item in kept:
        item.timer.cancel()
        item.worker.close()


atexit.register(close_all)

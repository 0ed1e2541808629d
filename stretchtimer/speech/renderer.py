"""Render texts to clips through the worker, one at a time, with a timeout for each.

A system-voice worker that dies or hangs is killed and started again once; if it
fails again the renderer gives up and says why (a :class:`SpeechNotice`), and the
session goes on without a voice. A natural-voice (Piper) worker that dies or hangs
is not waited for again: the renderer says so as ``NATURAL_VOICE_FAILED``, and the
caller hands the rest of the words to the system voice (``render_falling_back``).
Clips already in the cache are never rendered again. This blocks its caller: the
terminal calls it directly, the desktop app from its background-task helper.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stretchtimer.core.i18n import N_
from stretchtimer.speech import warm
from stretchtimer.speech.clip_cache import Clip, ClipCache, VoiceChoice
from stretchtimer.speech.problems import SpeechNotice, SpeechProblem, SpeechUnavailableError
from stretchtimer.speech.voices import PIPER, PYTTSX3, parse_voice
from stretchtimer.speech.wav import BadWavError
from stretchtimer.speech.worker_client import (
    WORKER_COMMAND,
    WorkerDiedError,
    WorkerFailedError,
    WorkerHungError,
    WorkerProcess,
)

log = logging.getLogger(__name__)

CLIP_TIMEOUT = 10.0  # seconds for one clip (espeak-ng needs milliseconds, Piper a second)
START_TIMEOUT = 20.0  # seconds for the worker to load its speech engine
RESTARTS = 1
PIPER_AHEAD = 8  # clips asked of the natural voice's worker at a time (it renders side by side)

Progress = Callable[[int, int], None]  # (done, total)


@dataclass
class RenderResult:
    clips: dict[str, Clip] = field(default_factory=dict)
    notice: SpeechNotice | None = None  # why some texts have no clip
    rendered: int = 0  # how many were made now (the rest came from the cache)
    voice: VoiceChoice | None = None  # the voice the clips are in, after any fallback


class ClipRenderer:
    """Makes clips for texts, using the cache first. Close it (or use ``with``) when done."""

    def __init__(
        self,
        cache: ClipCache,
        *,
        worker_command: Sequence[str] = WORKER_COMMAND,
        clip_timeout: float = CLIP_TIMEOUT,
        start_timeout: float = START_TIMEOUT,
    ) -> None:
        self.cache = cache
        self.worker_command = tuple(worker_command)
        self.clip_timeout = clip_timeout
        self.start_timeout = start_timeout
        self._workers: dict[str, WorkerProcess] = {}  # by engine
        self._failures: dict[str, int] = {}  # by engine
        self._swept = False
        self._first_reply_timeout: float | None = None  # a fresh worker loads its model

    def __enter__(self) -> ClipRenderer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """End the workers; the natural voice's is kept warm a while for the next
        renderer (the session's stream, the next session: see ``speech.warm``)."""
        for engine, worker in self._workers.items():
            if engine == PIPER:
                warm.give_back(worker)
            else:
                worker.close()
        self._workers.clear()

    def cached(self, texts: Iterable[str], voice: VoiceChoice) -> dict[str, Clip]:
        """The clips already rendered, by text (no worker is started)."""
        found = {}
        for text in texts:
            clip = self.cache.lookup(text, voice)
            if clip is not None:
                found[text] = clip
        return found

    def render(
        self,
        texts: Iterable[str],
        voice: VoiceChoice,
        *,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> RenderResult:
        """Clips for ``texts``; ``progress(done, total)`` is called as they come."""
        wanted = list(dict.fromkeys(texts))  # in the caller's order: what is said first
        result = RenderResult(self.cached(wanted, voice), voice=voice)
        missing = [text for text in wanted if text not in result.clips]
        if missing and not self._swept:
            self._swept = True
            self.cache.sweep()
        total = len(wanted)
        if progress:
            progress(len(result.clips), total)
        if parse_voice(voice.voice).engine == PIPER:
            self._render_natural(
                missing, voice, result, total, progress=progress, cancelled=cancelled
            )
            return result
        for text in missing:
            if cancelled is not None and cancelled():
                break
            try:
                (result.clips[text],) = self._render_batch([text], voice)
            except SpeechUnavailableError as error:
                _keep_notice(result, error)
                break
            result.rendered += 1
            if progress:
                progress(len(result.clips), total)
        return result

    def _render_natural(
        self,
        texts: Sequence[str],
        voice: VoiceChoice,
        result: RenderResult,
        total: int,
        *,
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
    ) -> None:
        """Clips in the natural voice, :data:`PIPER_AHEAD` asked of its worker at a time
        and each stored as soon as it is answered: the worker renders side by side and
        never waits for a slower clip beside it (as it did with batches of eight)."""
        asked: dict[int, tuple[str, Path]] = {}
        try:
            base = self._request_base(voice)
            following = iter(texts)
            while True:
                more = [] if cancelled is not None and cancelled() else following
                wanted = list(itertools.islice(more, PIPER_AHEAD - len(asked)))
                if wanted:
                    scratches = [self.cache.scratch_path(text, voice) for text in wanted]
                    requests = [
                        {**base, "text": text, "path": str(scratch)}
                        for text, scratch in zip(wanted, scratches, strict=True)
                    ]
                    numbers = self._piper_send(requests)
                    asked |= dict(zip(numbers, zip(wanted, scratches, strict=True), strict=True))
                if not asked:
                    return
                number, reply = self._piper_receive(asked)
                text, scratch = asked.pop(number)
                self._check_natural(reply)
                result.clips[text] = self._store(scratch, text, voice, natural=True)
                result.rendered += 1
                if progress:
                    progress(len(result.clips), total)
        except SpeechUnavailableError as error:
            if asked:  # still rendering what nobody will take: not kept warm
                self._drop_worker(PIPER)
            _keep_notice(result, error)

    def voices(self) -> list[dict[str, Any]]:
        """The system's voices (id, name, languages, and ``default`` on the one pyttsx3
        uses when none is chosen); raises SpeechUnavailableError."""
        reply = self._ask({"op": "voices"})
        voices = reply.get("voices", [])
        default = reply.get("default")
        return [
            {**voice, "default": voice.get("id") == default}
            for voice in voices
            if isinstance(voice, dict)
        ]

    def _request_base(self, voice: VoiceChoice) -> dict[str, Any]:
        """What every render request for ``voice`` says; raises SpeechUnavailableError
        for a natural voice whose model is not installed."""
        ref = parse_voice(voice.voice)
        base: dict[str, Any] = {"op": "render", "rate": voice.rate}
        if ref.engine == PIPER:
            model = self.cache.piper_model(ref.name)
            if model is None:
                unknown = SpeechNotice(SpeechProblem.UNKNOWN_VOICE, ref.id, voice=voice.voice)
                raise SpeechUnavailableError(unknown)
            return base | {
                "model": str(model.model),
                "config": str(model.config),
                "prepared": str(self.cache.prepared_models),
            }
        return base | {"voice": ref.name}

    def _render_batch(self, texts: Sequence[str], voice: VoiceChoice) -> list[Clip]:
        """Clips for ``texts`` in a system voice, all or none; raises SpeechUnavailableError."""
        ref = parse_voice(voice.voice)
        base = self._request_base(voice)
        scratches = [self.cache.scratch_path(text, voice) for text in texts]
        for text, scratch in zip(texts, scratches, strict=True):
            self._ask({**base, "text": text, "path": str(scratch)}, ref.engine)
        return [
            self._store(scratch, text, voice, natural=False)
            for text, scratch in zip(texts, scratches, strict=True)
        ]

    def _store(self, scratch: Path, text: str, voice: VoiceChoice, *, natural: bool) -> Clip:
        """The rendered scratch file kept in the cache; raises SpeechUnavailableError."""
        try:
            return self.cache.store(scratch, text, voice)
        except BadWavError as error:
            if natural:
                raise SpeechUnavailableError(_natural_stopped(False, str(error))) from error
            raise SpeechUnavailableError(
                SpeechNotice(SpeechProblem.ENGINE_FAILED, str(error))
            ) from error
        except OSError as error:
            raise SpeechUnavailableError(
                SpeechNotice(SpeechProblem.CANNOT_SAVE, repr(error), folder=str(self.cache.folder))
            ) from error

    def _piper_send(self, requests: Sequence[dict[str, Any]]) -> list[int]:
        """Hand ``requests`` to the natural voice's worker; raises SpeechUnavailableError."""
        with self._natural_worker() as worker:
            if worker.fresh:  # its first clip loads the model: as long as a start may take
                self._first_reply_timeout = self.start_timeout
            return worker.send(requests)
        raise AssertionError("unreachable")  # pragma: no cover

    def _piper_receive(self, asked: dict[int, tuple[str, Path]]) -> tuple[int, dict[str, Any]]:
        """The next reply to one of ``asked``; raises SpeechUnavailableError."""
        with self._natural_worker() as worker:
            while True:
                reply = worker.receive(self._first_reply_timeout or self.clip_timeout)
                self._first_reply_timeout = None
                number = reply.get("id")
                if isinstance(number, int) and number in asked:
                    return number, reply
                log.warning("natural voice worker: ignoring a reply to another request: %r", reply)
        raise AssertionError("unreachable")  # pragma: no cover

    @contextlib.contextmanager
    def _natural_worker(self) -> Iterator[WorkerProcess]:
        """The natural voice's worker. One that fails is not asked again: the system voice
        is ready to take over (``render_falling_back``)."""
        try:
            yield self._running_worker(PIPER)
        except WorkerFailedError as error:
            raise SpeechUnavailableError(error.notice) from error
        except (WorkerDiedError, WorkerHungError, OSError) as error:
            self._drop_worker(PIPER)
            hung = isinstance(error, WorkerHungError)
            log.warning("natural voice worker %s: %s", "hung" if hung else "failed", error)
            raise SpeechUnavailableError(_natural_stopped(hung, str(error))) from error

    def _check_natural(self, reply: dict[str, Any]) -> None:
        """Raises SpeechUnavailableError when the natural voice could not make a clip."""
        if reply.get("ok"):
            return
        problem = _problem(reply.get("problem"))
        detail = str(reply.get("detail", ""))
        reason = str(reply.get("reason", ""))
        self._drop_worker(PIPER)  # not kept warm: it cannot speak
        if problem is SpeechProblem.ENGINE_FAILED:
            raise SpeechUnavailableError(_natural_stopped(False, detail))
        raise SpeechUnavailableError(SpeechNotice(problem, detail, voice=detail, reason=reason))

    def _ask(self, request: dict[str, Any], engine: str = PYTTSX3) -> dict[str, Any]:
        """One request, restarting a dead or hung worker once; raises SpeechUnavailableError."""
        while True:
            try:
                worker = self._running_worker(engine)
                reply = worker.request(request, self.clip_timeout)
            except WorkerFailedError as error:
                raise SpeechUnavailableError(error.notice) from error
            except (WorkerDiedError, WorkerHungError, OSError) as error:
                self._drop_worker(engine)
                hung = isinstance(error, WorkerHungError)
                log.warning("speech worker %s: %s", "hung" if hung else "failed", error)
                if self._failed(engine):
                    problem = SpeechProblem.ENGINE_HUNG if hung else SpeechProblem.ENGINE_FAILED
                    raise SpeechUnavailableError(SpeechNotice(problem, str(error))) from error
                continue
            if reply.get("ok"):
                return reply
            problem = _problem(reply.get("problem"))
            detail = str(reply.get("detail", ""))
            if problem is SpeechProblem.ENGINE_FAILED:
                # A driver that wrote nothing may do better after a restart, once.
                self._drop_worker(engine)
                log.warning("speech worker made no clip: %s", detail)
                if self._failed(engine):
                    raise SpeechUnavailableError(SpeechNotice(problem, detail))
                continue
            reason = str(reply.get("reason", ""))
            raise SpeechUnavailableError(SpeechNotice(problem, detail, voice=detail, reason=reason))

    def _failed(self, engine: str) -> bool:
        """Count a failure of ``engine``'s worker; True once it has failed too often."""
        self._failures[engine] = self._failures.get(engine, 0) + 1
        return self._failures[engine] > RESTARTS

    def _running_worker(self, engine: str) -> WorkerProcess:
        worker = self._workers.get(engine)
        if worker is None or worker.process.poll() is not None:
            command = self.worker_command
            if engine == PIPER:
                command = warm.piper_command(command)
                if (kept := warm.take(command)) is not None:
                    self._workers[engine] = kept
                    return kept
            try:
                worker = WorkerProcess(command, start_timeout=self.start_timeout)
            except WorkerDiedError as error:
                # A worker that dies while loading its engine says why on stderr.
                if "phontab" in str(error) or "espeak-ng-data" in str(error):
                    raise WorkerFailedError(
                        SpeechNotice(SpeechProblem.NO_VOICES, str(error))
                    ) from error
                raise
            self._workers[engine] = worker
        return worker

    def _drop_worker(self, engine: str) -> None:
        worker = self._workers.pop(engine, None)
        if worker is not None:
            worker.kill()


def _keep_notice(result: RenderResult, error: SpeechUnavailableError) -> None:
    result.notice = error.notice
    log.warning("speech: %s (%s)", error.notice.problem.value, error.notice.detail)


def _natural_stopped(hung: bool, detail: str) -> SpeechNotice:
    """The natural voice's worker died or stopped answering: the system voice takes over."""
    # Marked here, translated where the person reads it (SpeechNotice.sentence).
    reason = N_("it stopped responding") if hung else N_("it crashed")
    return SpeechNotice(SpeechProblem.NATURAL_VOICE_FAILED, detail, reason=reason)


def _problem(name: object) -> SpeechProblem:
    try:
        return SpeechProblem(str(name))
    except ValueError:
        return SpeechProblem.ENGINE_FAILED

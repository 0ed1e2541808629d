"""The speech worker process: ``python -m stretchtimer.speech.worker``.

pyttsx3 runs here, never in the app: a speech engine that crashes or hangs
takes only this process down, and the app kills and restarts it. The app and
the worker talk in JSON lines (one object per line):

- the worker starts with ``{"type": "ready", "engine": NAME}``, or
  ``{"type": "failed", "problem": PROBLEM, "detail": TEXT}`` and exits;
- ``{"id": N, "op": "render", "text": T, "path": P, "voice": V, "rate": R}``
  renders ``T`` to the WAV file ``P`` and answers ``{"id": N, "ok": true,
  "seconds": S}`` once the file is complete and trimmed of silence;
- ``{"id": N, "op": "load", "model": M, "config": C}`` (Piper only) loads a voice
  model ahead of its first clip and answers ``{"id": N, "ok": true}``; Piper's
  requests may name a folder ``"prepared": F`` where the model, optimised for this
  computer, is kept between workers (see ``piper_speaker.load_voice``);
- ``{"id": N, "op": "voices"}`` answers ``{"id": N, "ok": true, "voices": [...]}``;
- a failed request answers ``{"id": N, "ok": false, "problem": P, "detail": D}``.

The Piper worker renders several requests side by side (one per core): the app may
send the next requests before the first is answered, and replies come as each is done.

Speech drivers print (pyttsx3's espeak driver says "Audio saved to ..." on
stdout for every file). So before any driver loads, file descriptor 1 is pointed
at stderr and the replies go to a private duplicate of the original stdout:
nothing a driver prints can break the protocol.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Protocol, TextIO

from stretchtimer.core.i18n import N_
from stretchtimer.speech.problems import SpeechProblem
from stretchtimer.speech.wav import BadWavError, trim_silence, wav_info

FILE_WAIT = 2.0  # seconds to wait for the driver's file after runAndWait() returns
FILE_POLL = 0.005
# A clip that comes out empty is said again (see _never_cancel for the known cause).
ATTEMPTS = 3
ENGINE_FLAG = "--engine"


class PiperSpeakerLike(Protocol):
    """The Piper speaker, loaded only in a worker started with ``--engine piper``."""

    engine_name: str
    parallel: int  # requests it can render side by side

    def render(
        self,
        text: str,
        path: Path,
        model: Path,
        config: Path,
        rate: int,
        *,
        prepared: Path | None = None,
    ) -> dict[str, Any]: ...

    def load(self, model: Path, config: Path, prepared: Path | None = None) -> dict[str, Any]: ...


def claim_stdout() -> TextIO:
    """Move fd 1 to stderr and return a stream on the original stdout, for replies only."""
    sys.stdout.flush()
    replies_fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return os.fdopen(replies_fd, "w", encoding="utf-8", buffering=1)


def send(replies: TextIO, message: dict[str, Any]) -> None:
    replies.write(json.dumps(message, ensure_ascii=False) + "\n")
    replies.flush()


class Speaker:
    """One pyttsx3 engine, used for one clip at a time."""

    def __init__(self, driver_name: str | None) -> None:
        # Loads the driver and, with it, the speech library: only after claim_stdout().
        # Imported here: the Piper worker does without it.
        import pyttsx3

        self.engine = pyttsx3.init(driver_name)
        _never_cancel(self.engine)
        self.engine_name = str(self.engine)
        self.voice_ids = [str(voice.id) for voice in self.engine.getProperty("voices")]
        self.default_voice = self.engine.getProperty("voice")
        # espeak's driver may report an utterance as not completed when an earlier
        # stop() raced with it, yet the file is whole: the file is what counts.
        self._finished: list[bool] = []
        self._errors: list[BaseException] = []
        self.engine.connect("finished-utterance", self._on_finished)
        self.engine.connect("error", self._on_error)

    def _on_finished(self, name: object = None, completed: bool = True) -> None:
        self._finished.append(bool(completed))

    def _on_error(self, name: object = None, exception: BaseException | None = None) -> None:
        self._errors.append(exception or RuntimeError("unknown driver error"))

    def voices(self) -> list[dict[str, Any]]:
        return [
            {
                "id": str(voice.id),
                "name": str(voice.name or voice.id),
                "languages": [str(language) for language in (voice.languages or [])],
            }
            for voice in self.engine.getProperty("voices")
        ]

    def _save(self, text: str, path: Path) -> str:
        """One ``save_to_file`` + ``runAndWait``: "made", "empty" or "missing"."""
        self._finished.clear()
        self._errors.clear()
        path.unlink(missing_ok=True)
        self.engine.save_to_file(text, str(path))
        self.engine.runAndWait()
        return _wait_for_file(path)

    def render(self, text: str, path: Path, voice: str, rate: int) -> dict[str, Any]:
        if voice and voice not in self.voice_ids:
            return {"ok": False, "problem": SpeechProblem.UNKNOWN_VOICE.value, "detail": voice}
        self.engine.setProperty("voice", voice or self.default_voice)
        self.engine.setProperty("rate", rate)
        outcome = "empty"
        for _attempt in range(ATTEMPTS):
            outcome = self._save(text, path)
            if outcome != "empty" or self._errors:
                break
            log_line(f"the driver made an empty clip for {text!r}; trying again")
        if self._errors:
            return _failed(f"the driver reported: {self._errors[0]!r}")
        if outcome == "missing":
            return _failed("the driver wrote no sound file")
        if outcome == "empty":
            return _failed("the driver wrote a sound file with no sound")
        info = trim_silence(path)
        if info.seconds <= 0:
            return _failed("the driver wrote an empty sound file")
        return {"ok": True, "seconds": info.seconds}


def _never_cancel(engine: Any) -> None:
    """Keep pyttsx3 2.99's espeak driver from cancelling the clip it is about to make.

    ``runAndWait()`` calls the driver's ``stop()`` before it synthesises, and that
    calls ``espeak_Cancel()`` whenever espeak still reports itself busy from the
    clip before. Cancelling restores the speech parameters saved at that earlier
    clip (so a new rate or voice is silently lost) and now and then leaves the next
    clip empty. The worker never interrupts speech, so its driver need not stop.
    """
    driver = getattr(getattr(engine, "proxy", None), "_driver", None)
    if driver is not None and type(driver).__module__.endswith(".espeak"):
        driver.stop = lambda: None


def log_line(text: str) -> None:
    """A line for the app's log: the app keeps the worker's last stderr lines."""
    print(f"stretchtimer.speech.worker: {text}", file=sys.stderr, flush=True)


def _failed(detail: str) -> dict[str, Any]:
    return {"ok": False, "problem": SpeechProblem.ENGINE_FAILED.value, "detail": detail}


def _wait_for_file(path: Path) -> str:
    """Wait until ``path`` is a complete WAV file (pyttsx3 may return before it is)."""
    deadline = time.monotonic() + FILE_WAIT
    while True:
        try:
            return "made" if wav_info(path).frames > 0 else "empty"
        except (BadWavError, FileNotFoundError):
            if time.monotonic() > deadline:
                return "missing"
            time.sleep(FILE_POLL)


def startup_problem(error: BaseException) -> SpeechProblem:
    """Which problem an exception raised while loading the driver means."""
    text = str(error).lower()
    if isinstance(error, ImportError | OSError) or "not have espeak" in text:
        return SpeechProblem.NO_LIBRARY
    if "initialize" in text or "voice" in text:
        return SpeechProblem.NO_VOICES
    return SpeechProblem.ENGINE_FAILED


def serve(
    requests: TextIO, replies: TextIO, *, driver_name: str | None = None, engine: str = "pyttsx3"
) -> int:
    """Answer requests until ``requests`` ends. Returns the process exit status."""
    speaker: Speaker | PiperSpeakerLike
    if engine == "piper":
        try:
            speaker = _piper_speaker()
        except Exception as error:  # no onnxruntime for this CPU, a broken install
            send(replies, _piper_missing(error))
            return 1
    else:
        try:
            speaker = Speaker(driver_name)
        except Exception as error:
            send(
                replies,
                {"type": "failed", "problem": startup_problem(error).value, "detail": repr(error)},
            )
            return 1
        if not speaker.voice_ids:
            send(
                replies, {"type": "failed", "problem": SpeechProblem.NO_VOICES.value, "detail": ""}
            )
            return 1
    send(replies, {"type": "ready", "engine": speaker.engine_name})
    parallel = getattr(speaker, "parallel", 1)
    if parallel > 1:
        return _serve_side_by_side(speaker, requests, replies, parallel)
    for line in requests:
        if line.strip():
            send(replies, _reply(speaker, line))
    return 0


def _reply(speaker: Speaker | PiperSpeakerLike, line: str) -> dict[str, Any]:
    try:
        request = json.loads(line)
        reply = _answer(speaker, request)
        reply["id"] = request.get("id")
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        reply = {"id": None, "ok": False, "problem": "bad_request", "detail": repr(error)}
    return reply


def _serve_side_by_side(
    speaker: PiperSpeakerLike | Speaker, requests: TextIO, replies: TextIO, parallel: int
) -> int:
    """Answer up to ``parallel`` requests at once, each reply as soon as it is ready
    (replies carry their request's id, so their order does not matter)."""
    sending = threading.Lock()

    def answer(line: str) -> None:
        reply = _reply(speaker, line)
        with sending:
            send(replies, reply)

    with ThreadPoolExecutor(max_workers=parallel, thread_name_prefix="render") as pool:
        for line in requests:
            if line.strip():
                pool.submit(answer, line)
    return 0


def _piper_speaker() -> PiperSpeakerLike:
    from stretchtimer.speech.piper_speaker import PiperSpeaker

    return PiperSpeaker()


def _piper_missing(error: BaseException) -> dict[str, Any]:
    # Marked here, translated where the person reads it (SpeechNotice.sentence): the
    # worker is a process of its own, in English.
    reason = N_("onnxruntime does not run on this computer")
    if isinstance(error, ModuleNotFoundError) and error.name == "piper":
        reason = N_("Piper is not installed")
    return {
        "type": "failed",
        "problem": SpeechProblem.NATURAL_VOICE_FAILED.value,
        "reason": reason,
        "detail": repr(error),
    }


def _answer(speaker: Speaker | PiperSpeakerLike, request: dict[str, Any]) -> dict[str, Any]:
    operation = request["op"]
    prepared = Path(request["prepared"]) if request.get("prepared") else None
    if operation == "load" and not isinstance(speaker, Speaker):
        return speaker.load(Path(request["model"]), Path(request["config"]), prepared)
    if operation == "render" and not isinstance(speaker, Speaker):
        return speaker.render(
            str(request["text"]),
            Path(request["path"]),
            Path(request["model"]),
            Path(request["config"]),
            int(request["rate"]),
            prepared=prepared,
        )
    if operation == "render" and isinstance(speaker, Speaker):
        return speaker.render(
            str(request["text"]),
            Path(request["path"]),
            str(request.get("voice") or ""),
            int(request["rate"]),
        )
    if operation == "voices" and isinstance(speaker, Speaker):
        return {"ok": True, "voices": speaker.voices(), "default": str(speaker.default_voice)}
    raise ValueError(f"unknown operation {operation!r}")


def main(driver_name: str | None = None, arguments: list[str] | None = None) -> int:
    """``--engine piper`` serves Piper voices; without it, the system's voices."""
    arguments = sys.argv[1:] if arguments is None else arguments
    engine = "piper" if arguments[-2:] == [ENGINE_FLAG, "piper"] else "pyttsx3"
    replies = claim_stdout()
    return serve(sys.stdin, replies, driver_name=driver_name, engine=engine)


if __name__ == "__main__":
    sys.exit(main())

"""``first_word``: from pressing Start to the first spoken word, on a routine never played.

The longest built-in routine is played with an empty clip cache and a fresh speech
worker, once with each engine. The clock starts where the app's Start button starts
its work (preparing the session's speech) and stops at the first voice cue's onset in
a recording of a private PulseAudio null sink. A reference beep played before Start
ties the recording to the app's clock, so the constant output latency of the sound
server cancels out (as in ``cue_onset_error``). Targets: natural voice <= 1500 ms,
espeak-ng <= 800 ms. The session's own first pause (the start chime, then the
first words 0.6 s later) is part of the figure: it is what a person waits. Start is done
as the app's controller does it: the cue player at once, the speech prepared on another
thread, the chime rung as soon as the sounds are loaded when the words are not ready yet
(their 0.6 s counted from it). ``stages_ms`` says when each stage ended, from the press.

``first_word_pointed_ms_<engine>``: the same, but the pointer reached the Start button
0.8 s before the click, as the Routines page sees it (it starts the audio process and
warms the natural voice up: ``AudioLink.warm``, ``speech.warm``). The cold figures start
with no warm worker and no audio process.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from benchmarks.bench_speech import write_beep
from benchmarks.harness import Result, at_most
from stretchtimer.core.routine.model import Routine
from stretchtimer.core.session.plan import build_plan
from stretchtimer.speech.clip_cache import VoiceChoice
from stretchtimer.storage.routines.library import builtin_entries

SYSTEM_TARGET_MS = 800.0
NATURAL_TARGET_MS = 1500.0
GIVE_UP_SECONDS = 60.0  # from the start of a measurement: a session that never starts
LISTEN_SECONDS = 4.0  # after Start: the first word comes well before this
POINTED_SECONDS = 0.8  # the pointer on Start before the click (the reference beep's lead)


def longest_routine() -> Routine:
    routines = [entry.routine for entry in builtin_entries() if entry.routine is not None]
    return max(routines, key=lambda routine: build_plan(routine).duration)


def run() -> Iterator[Result]:
    from tests.integration.audio.pulse import PulseServer

    with tempfile.TemporaryDirectory(
        prefix="stretchtimer-bench-", ignore_cleanup_errors=True
    ) as folder:
        root = Path(folder)
        server = PulseServer(root / "pulse").start()
        os.environ.update(server.env())
        try:
            for name, voice, target in engines():
                figure = measure(server, root / name, voice)
                yield at_most(f"first_word_cold_ms_{name}", figure["ms"], "ms", target, **figure)
                figure = measure(server, root / f"pointed-{name}", voice, pointed=True)
                yield at_most(f"first_word_pointed_ms_{name}", figure["ms"], "ms", target, **figure)
        finally:
            server.stop()


def _shared_link() -> Any:
    """The app's audio link (None before the audio process existed: the code before)."""
    try:
        from stretchtimer.runtime.audio.link import shared_link
    except ImportError:
        return None
    link = shared_link()
    return link if hasattr(link, "warm") else None


def engines() -> list[tuple[str, VoiceChoice, float]]:
    chosen = [("espeak", VoiceChoice("pyttsx3:", 165), SYSTEM_TARGET_MS)]
    try:
        from stretchtimer.speech.voices import NATURAL_DEFAULT, natural_voice_installed
    except ImportError:  # before the natural voice existed
        return chosen
    if natural_voice_installed():
        chosen.append(("natural", VoiceChoice(NATURAL_DEFAULT, 165), NATURAL_TARGET_MS))
    return chosen


def session_modules() -> None:
    """Import what the app has imported before its controller's ``begin`` (the press
    loads the session's modules first, off the GUI thread: ``load_session_modules``),
    so that the first measurement of a run does not count importing them."""
    import stretchtimer.runtime.session_setup
    import stretchtimer.storage.paths
    import stretchtimer.storage.settings

    with contextlib.suppress(ImportError):  # the controller: its rule for the press
        import stretchtimer.gui.session.controller  # noqa: F401


def measure(
    server: Any, root: Path, voice: VoiceChoice, *, pointed: bool = False
) -> dict[str, Any]:
    """Press Start once on the longest routine with an empty cache; when is the first word?
    With ``pointed``, the pointer reached Start ``POINTED_SECONDS`` before (the voice warms)."""
    from PySide6.QtCore import QTimer, QUrl
    from PySide6.QtMultimedia import QSoundEffect

    from stretchtimer.runtime.qt_setup import audio_application
    from stretchtimer.speech import warm
    from stretchtimer.speech.clip_cache import ClipCache

    root.mkdir(parents=True)
    session_modules()
    routine = longest_routine()  # the app knows its routine at the press: not counted
    warm.close_all()  # cold: no natural voice kept from before
    link = _shared_link()
    if link is not None:
        link.stop_child()  # cold: no audio process left by the run before
    app = audio_application()
    reference = root / "reference.wav"
    write_beep(reference)
    beep = QSoundEffect()
    beep.setSource(QUrl.fromLocalFile(str(reference)))
    while beep.status() is not QSoundEffect.Status.Ready:
        app.processEvents()
    marks: dict[str, float] = {}
    log = root / "cues.jsonl"
    sessions: list[dict[str, Any]] = []

    def warm_up() -> None:
        beep.play()
        marks["warm_up"] = time.monotonic()
        QTimer.singleShot(600, play_reference)

    def play_reference() -> None:
        beep.play()
        marks["reference"] = time.monotonic()
        if pointed:  # as the Routines page does when the pointer reaches Start
            if link is not None:
                link.warm()
            warm.warm_up(voice, ClipCache(root / "cache" / "clips"))
        QTimer.singleShot(round(POINTED_SECONDS * 1000), press_start)

    def press_start() -> None:
        marks["start"] = time.monotonic()
        listen = round(LISTEN_SECONDS * 1000)
        sessions.append(
            start_session(root, voice, log, routine, lambda: QTimer.singleShot(listen, app.quit))
        )

    with server.recording(root / "heard.wav") as wav:
        QTimer.singleShot(200, warm_up)
        give_up = QTimer()  # every wait bounded; stopped after, or it would end the
        give_up.setSingleShot(True)  # next measurement of this process early
        give_up.timeout.connect(app.quit)
        give_up.start(round(GIVE_UP_SECONDS * 1000))
        app.exec()
        give_up.stop()
    session = sessions[0]
    assert "stop" in session, f"the session did not start within {GIVE_UP_SECONDS} s"
    session["stop"]()
    return heard_figure(log, wav, marks, voice, session)


def heard_figure(
    log: Path, wav: Path, marks: dict[str, float], voice: VoiceChoice, session: dict[str, Any]
) -> dict[str, Any]:
    """The first voice cue's onset in the recording, from the press of Start."""
    from tests.integration.audio.onsets import Recording, nearest

    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    voices = [record for record in records if record["what"] == "voice"]
    assert voices, "no voice cue was played"
    recording = Recording.load(wav)
    first = recording.first_sound()
    assert first is not None, "the warm-up beep was not heard"
    onsets = recording.onsets()
    beep_at = nearest(onsets, first + marks["reference"] - marks["warm_up"])
    assert beep_at is not None
    expected = beep_at + voices[0]["due"] - marks["reference"]
    heard = nearest(onsets, expected)
    assert heard is not None and abs(heard - expected) < 0.25, "the first word was not heard"
    start_at = beep_at + marks["start"] - marks["reference"]
    return figures(voice, session, (heard - start_at) * 1000, voices[0]["text"], marks["start"])


def figures(
    voice: VoiceChoice, session: dict[str, Any], ms: float, text: str, start: float
) -> dict[str, Any]:
    """The figure and its stages, each in ms from the press of Start."""
    stages = {name: round((at - start) * 1000, 1) for name, at in session["stages"]}
    stages["first_word_heard"] = round(ms, 1)
    return {
        "ms": ms,
        "voice": voice.voice or "system default",
        "prepared_ms": round(session["prepared_ms"], 1),
        "first_text": text[:40],
        "clips_before_start": session["clips"],
        "stages_ms": stages,
    }


@contextlib.contextmanager
def stage_marks() -> Iterator[list[tuple[str, float]]]:
    """When each stage of a start ended (monotonic): the speech worker spawned and ready
    (its imports and engine), its first reply (the first clip; for Piper with the model
    load), the audio process started and every sound loaded. Read off the calls
    themselves, nothing changed in what they do."""
    from stretchtimer.speech import worker_client

    marks: list[tuple[str, float]] = []
    process = worker_client.WorkerProcess
    original_init, original_many = process.__init__, process.request_many

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        marks.append(("worker_spawn", time.monotonic()))
        original_init(self, *args, **kwargs)
        marks.append(("worker_ready", time.monotonic()))

    def many(self: Any, messages: Any, timeout: float) -> Any:
        first = self.fresh
        replies = original_many(self, messages, timeout)
        if first:
            marks.append((f"first_reply_{len(messages)}_texts", time.monotonic()))
        return replies

    process.__init__ = init  # type: ignore[method-assign]
    process.request_many = many  # type: ignore[method-assign]
    try:
        yield marks
    finally:
        process.__init__ = original_init  # type: ignore[method-assign]
        process.request_many = original_many  # type: ignore[method-assign]


def start_session(
    root: Path,
    voice: VoiceChoice,
    log: Path,
    routine: Routine,
    on_started: Callable[[], None],
) -> dict[str, Any]:
    """What Start does in the app (runtime.session_setup, as the controller uses it): the
    cue player at once (its sounds load meanwhile), the speech prepared with an empty
    cache in the background (with the system voice and no audio process running, once
    the chimes are loaded: ``session_start.sounds_first``), the start chime rung as soon
    as the sounds are loaded if the words are not ready yet, then the driver started.
    Returns at once; the dict is filled in as it goes and ``on_started`` is called once
    the driver runs. On the code from before those changes it does what that code did."""
    from stretchtimer.runtime import session_setup
    from stretchtimer.storage.paths import Paths
    from stretchtimer.storage.settings import Settings

    paths = Paths(root / "data", root / "config", root / "cache", root / "logs")
    settings = Settings(voice=voice.voice, rate=voice.rate)
    os.environ["STRETCHTIMER_CUE_LOG"] = str(log)
    session: dict[str, Any] = {"stages": [], "chimed_at": None, "started": time.monotonic()}
    session["paths"] = paths
    early = getattr(session_setup, "cue_player", None)  # None before that change
    first = _sounds_first(settings)
    audio_marks(session)
    player = early(settings) if early is not None else None
    session["stages"].append(("player_made", time.monotonic()))
    session["relay"] = relay = _relay()  # kept alive until the thread is done
    if player is not None:
        player.ready.connect(lambda: _ring(session, player))
    relay.done.connect(lambda prepared: _go_on(session, prepared, settings, player, on_started))

    def prepare() -> None:
        from stretchtimer.runtime.session_setup import prepare_session

        with stage_marks() as marks:
            prepared = prepare_session(routine, settings, paths, record=False)
        session["stages"].extend(marks)
        relay.done.emit(prepared)

    thread = threading.Thread(target=prepare, name="prepare", daemon=True)
    if first is None or player is None:
        thread.start()
    else:  # as the controller does: the chimes first, bounded
        from PySide6.QtCore import QTimer

        def start_preparing() -> None:
            if thread.ident is None:
                session["stages"].append(("preparing_started", time.monotonic()))
                thread.start()

        player.ready.connect(lambda: QTimer.singleShot(0, start_preparing))
        QTimer.singleShot(first, start_preparing)
    return session


def _sounds_first(settings: Any) -> int | None:
    """As the controller decides at the press: None when the speech is prepared at once,
    else at most how many ms after the press (its ``SOUNDS_FIRST_MS``) it starts when the
    chimes are not loaded by then. None on the code before that rule (the rule lived in
    the controller before runtime/session_start.py: older checkouts are measured too)."""
    try:
        from stretchtimer.runtime.session_start import SOUNDS_FIRST_MS, sounds_first
    except ImportError:
        try:
            from stretchtimer.gui.session.controller import (
                SOUNDS_FIRST_MS,
                sounds_first,
            )
        except ImportError:
            return None
    link = _shared_link()
    running = link is not None and link.running
    return (
        SOUNDS_FIRST_MS if sounds_first(settings, audio_running=running, chime_early=True) else None
    )


def audio_marks(session: dict[str, Any]) -> None:
    """Stages of the audio process: asked for (before ``Popen``), started (after it), its
    hello (Qt Multimedia up and connected to the server) and every sound loaded; each the
    first time in this session. Read off the link's signals, nothing changed in what it
    does (on the code before the audio process there is nothing to read)."""
    link = _shared_link()
    if link is None:
        return
    stages: list[tuple[str, float]] = session["stages"]
    seen: set[str] = set()

    def mark(name: str) -> None:
        if name not in seen:
            seen.add(name)
            stages.append((name, time.monotonic()))

    start = type(link).start

    def started(self: Any) -> None:
        running = self.running
        if not running:
            mark("audio_asked")
        start(self)
        if not running and self.running:
            mark("audio_spawned")

    link.start = started.__get__(link)  # this link only, for this measurement
    link.connected.connect(lambda _outputs: mark("audio_hello"))
    link.all_loaded.connect(lambda _failed: mark("audio_all_loaded"))
    session["unmark"] = lambda: _unmark(link)


def _unmark(link: Any) -> None:
    with contextlib.suppress(AttributeError):
        del link.start
    for signal in (link.connected, link.all_loaded):
        with contextlib.suppress(RuntimeError, TypeError):
            signal.disconnect()


def _relay() -> Any:
    from PySide6.QtCore import QObject, Signal

    class Relay(QObject):
        done = Signal(object)

    return Relay()


def _ring(session: dict[str, Any], player: Any) -> None:
    """The sounds are loaded: the start chime now, if the words are not ready yet."""
    from stretchtimer.core.session.plan import Sound

    if "prepared_ms" not in session:
        player.ring(Sound.SESSION_START)
        session["chimed_at"] = time.monotonic()
        session["stages"].append(("chime_rung", session["chimed_at"]))


def _go_on(
    session: dict[str, Any],
    prepared: Any,
    settings: Any,
    player: Any,
    on_started: Callable[[], None],
) -> None:
    """The first words are ready: the live half, then the driver started."""
    from stretchtimer.runtime.audio.cue_player import wait_until_ready
    from stretchtimer.runtime.session_setup import SessionParts

    stages = session["stages"]
    assert prepared.spoken.notice is None, prepared.spoken.notice
    session["prepared_ms"] = (time.monotonic() - session["started"]) * 1000
    session["clips"] = len(prepared.spoken.clips)
    stages.append(("prepared", time.monotonic()))
    parts = SessionParts(prepared, settings, **({"player": player} if player else {}))
    driver = parts.drive(
        routine_id="longest",
        paths=session["paths"],
        speed=1.0,
        comfort_before=None,
        on_problem=print,
    )
    wait_until_ready(parts.player)
    stages.append(("sounds_loaded", time.monotonic()))
    chimed_at = session["chimed_at"]
    if chimed_at is not None:
        driver.start(chimed_at=chimed_at)
    else:
        driver.start()
    stages.append(("engine_started", time.monotonic()))
    first = [cue for cue in driver.engine.plan.segments[0].cues if cue.spoken and cue.text]
    lead = first[0].offset if first else 0.0
    now = time.monotonic()
    # The chime now and the words its lead later; or its lead after the chime rung early.
    due = now + lead if chimed_at is None else max(now, chimed_at + lead)
    stages.append(("first_word_due", due))

    def stop() -> None:
        driver.stop()
        parts.close_player()
        if parts.stream is not None:
            parts.stream.join(timeout=30.0)  # its last clip, before the folder goes

    session["stop"] = stop
    session.get("unmark", lambda: None)()
    on_started()

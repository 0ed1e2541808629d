"""``speech``: rendering 40 cues cold and warm, and cues heard on time.

- ``render_cold``: 40 distinct cue texts rendered by the espeak-ng worker into an
  empty cache, worker start included (median of 3).
- ``render_warm``: the same 40 found in the cache (median of 20).
- ``render_cold_natural``: the same 40 with the natural voice (Piper, en_US-joe-medium),
  worker start and model load included in every run (median of 3, target <= 4 s), with
  its ratio to espeak-ng and the worker's CPU time. The model's optimised copy is kept
  beside the clip folders, as in the app: the first run makes it, the others read it.
  ``natural_voice_rss_mib``: the Piper worker's peak resident memory.
- ``render_natural_floor``: onnxruntime alone for the same cues' distinct sentences,
  its CPU time divided by the renderers side by side: the best the model allows here.
- ``cue_onset_error``: a routine plays into a private PulseAudio null sink while
  its monitor is recorded; a reference beep is played at t = 0 through the same
  player. For every cue, |audio onset − scheduled time| is measured from the
  recording (relative to the beep, so the constant output latency cancels); the
  target is p95 ≤ 20 ms. The same cues are then spoken the naive way, pyttsx3
  ``say()`` + ``runAndWait()`` at each cue's time (its reference beep played the
  way pyttsx3 plays, with ``aplay``), and the ratio of the two p95 is reported.
  ``cue_onset_error_natural``: the same with the natural voice (target p95 <= 20 ms).
  The reference beep is a clip of the same cue player, played in the audio process
  like every cue, five times (see ``measure_ours``); a spoken cue's onset is where its
  clip's waveform is found in the recording (see ``aligned_onsets``), a chime's and a
  beep's where the sound rises (they start sharply).
- ``playback_loop_stall``: the longest the Qt event loop was held up during the
  session (a 10 ms timer's worst lateness); target ≤ 50 ms.

``BENCH_SPEECH_PART=onset python benchmarks/run.py --repeat 3 speech`` runs the cue
onsets alone (``=render`` the rendering alone). ``=compute`` runs only what the natural
voice's compute would gain if run differently (not part of a full run; see
``compute_results``): batching, a shared thread pool, and the renderers' idle tail.
"""

from __future__ import annotations

import io
import json
import math
import os
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks.harness import Result, at_most, median_ms, reported
from stretchtimer.core.session.plan import build_plan
from stretchtimer.speech import warm
from stretchtimer.speech.clip_cache import ClipCache, VoiceChoice
from stretchtimer.speech.renderer import ClipRenderer
from stretchtimer.speech.voices import NATURAL_DEFAULT, PIPER, SYSTEM_DEFAULT
from stretchtimer.storage.routines.library import builtin_entries

RENDER_CUES = 40
COLD_TARGET_MS = 2000.0
NATURAL_COLD_TARGET_MS = 4000.0
WARM_TARGET_MS = 50.0
ONSET_TARGET_MS = 20.0
STALL_TARGET_MS = 50.0
PART = "BENCH_SPEECH_PART"  # =onset: only the cue onsets (about 3 minutes); =render: the rest
REFERENCE = "(the reference beep)"  # its key among the player's clips
REFERENCES = 5  # beeps, REFERENCE_GAP_MS apart, after the warm-up's
REFERENCE_GAP_MS = 600  # the beep is 400 ms long: then silence, so that each is an onset
VOICE = VoiceChoice(SYSTEM_DEFAULT, 165)
NATURAL = VoiceChoice(NATURAL_DEFAULT, 165)

ROUTINE = """\
format = 1
title = "Benchmark"

[pace]
prepare = 1
rest = 1
switch = 1
inhale = 3
exhale = 3

[[step]]
name = "Reach"
hold = 8
sides = "both"

[[step]]
name = "Breathe"
breaths = 2

[[step]]
name = "Squeeze"
reps = 4
tempo = 2
"""


def cue_texts() -> list[str]:
    texts: set[str] = set()
    for entry in builtin_entries():
        assert entry.routine is not None
        texts |= build_plan(entry.routine).spoken_texts
    return sorted(texts)[:RENDER_CUES]


def run() -> Iterator[Result]:
    part = os.environ.get(PART, "").strip()
    if part not in ("", "render", "onset", "compute"):
        raise SystemExit(
            f"{PART} takes render, onset or compute (or nothing for the first two), not {part!r}"
        )
    with tempfile.TemporaryDirectory(prefix="stretchtimer-bench-") as folder:
        root = Path(folder)
        if part == "compute":
            yield from compute_results(root, cue_texts())
            return
        if part != "onset":
            texts = cue_texts()
            assert len(texts) == RENDER_CUES
            yield from render_results(root, texts)
        if part != "render":
            yield from onset_results(root)


def render_results(root: Path, texts: list[str]) -> Iterator[Result]:
    runs, _memory, _cpu = cold_runs(root / "system", texts, VOICE)
    natural_runs, memory, cpu = cold_runs(root / "natural", texts, NATURAL)
    floor = natural_floor(texts)
    yield at_most(
        "render_cold_natural",
        statistics.median(natural_runs),
        "ms",
        NATURAL_COLD_TARGET_MS,
        cues=RENDER_CUES,
        statistic="median of 3, each with a worker of its own",
        runs_ms=[round(run, 1) for run in natural_runs],
        times_espeak=round(statistics.median(natural_runs) / statistics.median(runs), 1),
        worker_cpu_ms=round(statistics.median(cpu)),
        floor_ms=round(floor.value),
    )
    yield floor
    yield reported(
        "natural_voice_rss_mib",
        max(memory),
        "MiB",
        statistic="peak RSS of the Piper worker",
        runs_mib=[round(run) for run in memory],
        note="the first run also writes the model's optimised copy (see piper_speaker)",
    )
    yield at_most(
        "render_cold",
        statistics.median(runs),
        "ms",
        COLD_TARGET_MS,
        cues=RENDER_CUES,
        statistic="median of 3",
        runs_ms=[round(run, 1) for run in runs],
    )

    def warm() -> None:
        with ClipRenderer(ClipCache(root / "system" / "cold-0")) as renderer:
            result = renderer.render(texts, VOICE)
        assert result.rendered == 0

    yield at_most(
        "render_warm",
        median_ms(warm, runs=20),
        "ms",
        WARM_TARGET_MS,
        cues=RENDER_CUES,
        statistic="median of 20",
    )


def cold_runs(
    root: Path, texts: list[str], voice: VoiceChoice
) -> tuple[list[float], list[float], list[float]]:
    """Three cold renders (ms), each starting its own worker (none kept warm from the
    run before), and the Piper worker's peak memory (MiB) and CPU time (ms) in each."""
    runs: list[float] = []
    memory: list[float] = []
    cpu: list[float] = []
    for number in range(3):
        warm.close_all()
        cache = ClipCache(root / f"cold-{number}")
        started = time.perf_counter()
        with ClipRenderer(cache) as renderer:
            result = renderer.render(texts, voice)
            runs.append((time.perf_counter() - started) * 1000)
            worker = renderer._workers.get(PIPER)
            if worker is not None:
                memory.append(peak_rss_mib(worker.process.pid))
                cpu.append(cpu_ms(worker.process.pid))
        assert result.notice is None and result.rendered == RENDER_CUES, result.notice
    warm.close_all()
    return runs, memory, cpu


def natural_floor(texts: list[str]) -> Result:
    """What the natural voice cannot render faster than on this machine: onnxruntime
    alone (one thread, as in the worker) for every distinct sentence of the 40 cues,
    its CPU time shared out over the worker's side-by-side renderers. What the worker
    costs beyond it is process start, imports, the model load and the clips' handling."""
    from piper import SynthesisConfig

    from stretchtimer.speech.piper_speaker import PARALLEL, length_scale, load_voice
    from stretchtimer.speech.voices import piper_models

    model = piper_models(None)[0]
    started = time.perf_counter()
    voice = load_voice(model.model, model.config)
    load_ms = (time.perf_counter() - started) * 1000
    settings = SynthesisConfig(length_scale=length_scale(NATURAL.rate))
    sentences = [voice.phonemes_to_ids(p) for text in texts for p in voice.phonemize(text) if p]
    distinct = list(dict.fromkeys(tuple(ids) for ids in sentences))
    voice.phoneme_ids_to_audio(list(distinct[-1]), settings)  # the first run sets up
    cpu = 0.0
    samples = 0
    for ids in distinct:
        started = time.thread_time()
        audio = voice.phoneme_ids_to_audio(list(ids), settings)
        cpu += time.thread_time() - started
        assert not isinstance(audio, tuple)  # no alignments asked for
        samples += audio.size
    return reported(
        "render_natural_floor",
        cpu * 1000 / PARALLEL,
        "ms",
        statistic=f"onnxruntime CPU time of the 40 cues' sentences / {PARALLEL} renderers",
        onnx_cpu_ms=round(cpu * 1000),
        sentences=len(sentences),
        distinct_sentences=len(distinct),
        speech_s=round(samples / voice.config.sample_rate, 1),
        model_load_ms=round(load_ms),
    )


COMPUTE_ROUNDS = 3  # alternated rounds of each way (the machine's speed drifts)
BATCHES = (1, 2, 4)  # sentences in one onnxruntime run


def compute_results(root: Path, texts: list[str]) -> Iterator[Result]:
    """The natural voice's compute (issue 18), run other ways than the worker runs it.

    - ``natural_batch_cpu_ms_per_speech_s``: CPU time per second of speech with 1, 2 or 4
      sentences of similar length in one onnxruntime run (padded to the longest, as the
      graph allows with ``input_lengths``), alternated. Noise off (noise and duration
      noise 0) so that every way computes the same speech: the figure is per second of
      speech kept, padding included in the cost. Also the largest difference between a
      sentence rendered alone and batched (the padding is masked: float noise), and the
      level of what the model makes past a shorter sentence's end in a batch (not
      silence: each sentence must be cut by its own length, which this graph does not
      output).
    - ``natural_shared_pool_cpu_ms``: the 40 cues by two renderer threads on one session
      of one thread each (the worker) and on one session with two intra-op threads (a
      free core helps the last sentence), CPU and wall, alternated.
    - ``natural_tail_idle_ms``: from each clip's own CPU time in the order asked, how long
      one renderer waits for the other at the end (two renderers taking clips in turn).
    """
    from piper import SynthesisConfig

    from stretchtimer.speech.piper_speaker import length_scale, load_voice, prepared_name
    from stretchtimer.speech.voices import piper_models

    model = piper_models(None)[0]
    voice = load_voice(model.model, model.config, prepared=root / "prepared")
    copy = root / "prepared" / prepared_name(model.model)
    settings = SynthesisConfig(length_scale=length_scale(NATURAL.rate))
    clips = [[tuple(voice.phonemes_to_ids(p)) for p in voice.phonemize(t) if p] for t in texts]
    distinct = sorted(dict.fromkeys(ids for clip in clips for ids in clip), key=len)
    config = voice.config
    quiet = (0.0, 0.0)  # noise, duration noise: the same speech whichever way it is run
    run_batch = _batch_runner(voice.session, settings.length_scale)
    kept = sum(run_batch([ids], *quiet).shape[-1] for ids in distinct)
    per_speech_s: dict[int, list[float]] = {size: [] for size in BATCHES}
    padded: dict[int, int] = {}
    for number in range(COMPUTE_ROUNDS):
        for size in BATCHES if number % 2 == 0 else BATCHES[::-1]:
            started = time.thread_time()
            made = 0
            for first in range(0, len(distinct), size):
                out = run_batch(distinct[first : first + size], *quiet)
                made += out.shape[0] * out.shape[-1]
            cpu = (time.thread_time() - started) * 1000
            per_speech_s[size].append(cpu / (kept / config.sample_rate))
            padded[size] = made
    shorter, longer = distinct[len(distinct) // 2], distinct[len(distinct) // 2 + 1]
    alone = run_batch([shorter], *quiet)[0, 0, 0]
    batched = run_batch([shorter, longer], *quiet)[0, 0, 0]
    ones = statistics.median(per_speech_s[1])
    yield reported(
        "natural_batch_cpu_ms_per_speech_s",
        ones,
        "ms",
        statistic=f"median of {COMPUTE_ROUNDS} alternated rounds, one sentence a run",
        **{
            f"batch_{size}_ms": round(statistics.median(values), 1)
            for size, values in per_speech_s.items()
        },
        **{f"batch_{size}_padding_share": round(padded[size] / kept - 1, 3) for size in BATCHES},
        batched_max_difference=float(abs(alone - batched[: alone.size]).max()),
        speech_rms=round(float((alone**2).mean() ** 0.5), 4),
        past_its_end_rms=round(float((batched[alone.size :] ** 2).mean() ** 0.5), 4),
        lengths=[len(shorter), len(longer)],
    )
    yield from _shared_pool(copy, clips, settings.length_scale, config)
    yield _tail_idle(voice, clips, settings)


def _batch_runner(session: Any, scale: float) -> Any:
    import numpy as np

    def run_batch(group: list[tuple[int, ...]], noise: float, noise_w: float) -> Any:
        longest = max(len(ids) for ids in group)
        ids = np.zeros((len(group), longest), dtype=np.int64)
        for row, sentence in enumerate(group):
            ids[row, : len(sentence)] = sentence
        lengths = np.array([len(sentence) for sentence in group], dtype=np.int64)
        scales = np.array([noise, scale, noise_w], dtype=np.float32)
        return session.run(None, {"input": ids, "input_lengths": lengths, "scales": scales})[0]

    return run_batch


def _shared_pool(
    copy: Path, clips: list[list[tuple[int, ...]]], scale: float, config: Any
) -> Iterator[Result]:
    import queue
    import threading

    import onnxruntime  # type: ignore[import-untyped]

    from stretchtimer.speech.piper_speaker import _options

    def session(threads: int) -> Any:
        options = _options(optimise=False)
        options.intra_op_num_threads = threads
        return onnxruntime.InferenceSession(
            str(copy), sess_options=options, providers=["CPUExecutionProvider"]
        )

    sessions = {1: session(1), 2: session(2)}

    def render_all(chosen: Any) -> tuple[float, float]:
        run_batch = _batch_runner(chosen, scale)
        waiting: queue.SimpleQueue[list[tuple[int, ...]]] = queue.SimpleQueue()
        for clip in clips:
            waiting.put(clip)
        done: set[tuple[int, ...]] = set()
        lock = threading.Lock()

        def renderer() -> None:
            while True:
                try:
                    clip = waiting.get_nowait()
                except queue.Empty:
                    return
                for ids in clip:
                    with lock:
                        if ids in done:
                            continue
                        done.add(ids)
                    run_batch([ids], config.noise_scale, config.noise_w_scale)

        cpu, wall = time.process_time(), time.perf_counter()
        threads = [threading.Thread(target=renderer) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return (time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000

    for chosen in sessions.values():
        _batch_runner(chosen, scale)([clips[0][0]], config.noise_scale, config.noise_w_scale)
    figures: dict[int, list[tuple[float, float]]] = {1: [], 2: []}
    for number in range(COMPUTE_ROUNDS):
        for threads in (1, 2) if number % 2 == 0 else (2, 1):
            figures[threads].append(render_all(sessions[threads]))
    one_cpu = statistics.median(cpu for cpu, _wall in figures[1])
    yield reported(
        "natural_shared_pool_cpu_ms",
        one_cpu,
        "ms",
        statistic=f"median of {COMPUTE_ROUNDS} alternated rounds, 2 renderers, 1 thread each",
        two_threads_cpu_ms=round(statistics.median(cpu for cpu, _wall in figures[2])),
        one_thread_wall_ms=round(statistics.median(wall for _cpu, wall in figures[1])),
        two_threads_wall_ms=round(statistics.median(wall for _cpu, wall in figures[2])),
        load=round(os.getloadavg()[0], 1),
    )


def _tail_idle(voice: Any, clips: list[list[tuple[int, ...]]], settings: Any) -> Result:
    done: set[tuple[int, ...]] = set()
    costs: list[float] = []
    for clip in clips:
        cost = 0.0
        for ids in clip:
            if ids in done:
                continue
            done.add(ids)
            started = time.thread_time()
            voice.phoneme_ids_to_audio(list(ids), settings)
            cost += (time.thread_time() - started) * 1000
        costs.append(cost)
    free = [0.0, 0.0]  # when each renderer is next free, taking clips in the order asked
    for cost in costs:
        free[free.index(min(free))] += cost
    return reported(
        "natural_tail_idle_ms",
        max(free) - sum(costs) / 2,
        "ms",
        statistic="two renderers, clips in the order asked: the last one's wait beyond half",
        cpu_ms=round(sum(costs)),
        last_clip_ms=round(costs[-1]),
    )


def cpu_ms(pid: int) -> float:
    """User + system CPU time of process ``pid`` so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return math.nan


def onset_results(root: Path) -> Iterator[Result]:
    from tests.integration.audio.pulse import PulseServer

    server = PulseServer(root / "pulse").start()
    os.environ.update(server.env())  # Qt connects to the server named here
    try:
        reference = root / "reference.wav"
        write_beep(reference)
        routine_file = root / "benchmark.toml"
        routine_file.write_text(ROUTINE, encoding="utf-8")
        ours = measure_ours(server, root, routine_file, reference)
        naive = measure_naive(server, root, ours["voice_cues"], reference)
        natural = measure_ours(
            server, root, routine_file, reference, voice=NATURAL, label="natural"
        )
    finally:
        server.stop()
    errors = ours["errors_ms"]
    voice_errors = ours["voice_errors_ms"]
    p95 = percentile(errors, 95)
    voice_p95 = percentile(voice_errors, 95)
    naive_p95 = percentile(naive["errors_ms"], 95)
    yield at_most(
        "cue_onset_error",
        p95 if not ours["missed"] else math.inf,
        "ms",
        ONSET_TARGET_MS,
        statistic="p95 of |onset - scheduled|",
        cues=len(errors),
        missed=ours["missed"],
        median_ms=round(statistics.median(errors), 2),
        mean_signed_ms=round(ours["mean_signed_ms"], 2),
        max_ms=round(max(errors), 2),
        voice_p95_ms=round(voice_p95, 2),
        naive_p95_ms=round(naive_p95, 1),
        naive_median_ms=round(statistics.median(naive["errors_ms"]), 1),
        naive_missed=naive["missed"],
        naive_to_ours_p95=round(naive_p95 / max(voice_p95, 0.1), 1),
    )
    natural_errors = natural["errors_ms"]
    yield at_most(
        "cue_onset_error_natural",
        percentile(natural_errors, 95) if not natural["missed"] else math.inf,
        "ms",
        ONSET_TARGET_MS,
        statistic="p95 of |onset - scheduled|, natural voice",
        cues=len(natural_errors),
        missed=natural["missed"],
        median_ms=round(statistics.median(natural_errors), 2),
        voice_p95_ms=round(percentile(natural["voice_errors_ms"], 95), 2),
    )
    yield reported(
        "cue_onset_error_naive",
        naive_p95,
        "ms",
        statistic="p95 of |onset - scheduled|, pyttsx3 say() + runAndWait() at each cue",
        cues=len(naive["errors_ms"]),
        median_ms=round(statistics.median(naive["errors_ms"]), 1),
        times_ours=round(naive_p95 / max(voice_p95, 0.1), 1),
    )
    yield at_most(
        "playback_loop_stall",
        ours["stall_ms"],
        "ms",
        STALL_TARGET_MS,
        statistic="worst lateness of a 10 ms timer during the session",
    )


def write_beep(path: Path, rate: int = 22050, seconds: float = 0.4) -> None:
    """A 1 kHz beep with a 1 ms rise: a sharp, unmistakable onset. As long as a chime,
    so that Qt streams it the same way as the cues."""
    frames = []
    for index in range(round(seconds * rate)):
        t = index / rate
        level = min(1.0, t / 0.001) * min(1.0, (seconds - t) / 0.005)
        frames.append(struct.pack("<h", round(12000 * level * math.sin(2 * math.pi * 1000 * t))))
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"".join(frames))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return math.inf
    index = min(len(ordered) - 1, math.ceil(share / 100 * len(ordered)) - 1)
    return ordered[index]


def measure_ours(
    server: Any,
    root: Path,
    routine_file: Path,
    reference: Path,
    *,
    voice: VoiceChoice = VOICE,
    label: str = "ours",
) -> dict[str, Any]:
    from PySide6.QtCore import QObject, Qt, QTimer

    from stretchtimer.core.routine.file import load_routine
    from stretchtimer.core.session.engine import SessionEngine
    from stretchtimer.runtime.audio.cue_player import CuePlayer, wait_until_ready
    from stretchtimer.runtime.driver import SessionDriver
    from stretchtimer.runtime.qt_setup import audio_application
    from stretchtimer.runtime.timing_log import TimingLog
    from stretchtimer.speech.session_speech import PlanOptions, prepare_spoken_session
    from tests.integration.audio.onsets import Recording

    app = audio_application()
    routine = load_routine(routine_file)
    spoken = prepare_spoken_session(
        routine, PlanOptions(), voice, lambda: ClipRenderer(ClipCache(root / f"clips-{label}"))
    )
    stream = io.StringIO()
    # The reference beep is one more clip of the same player: it travels the way every
    # cue does (a line down the pipe to the audio process, one of its sounds), so it
    # comes out of the same PulseAudio stream. A beep played by a sound effect of this
    # process went out on a stream of its own, whose queue differed from the audio
    # process's: every cue was counted 10-15 ms late on average (issue 18). And it is
    # played REFERENCES times, the median taken: Qt keeps two to four periods of the
    # sink (11.6 ms each here) queued on its stream, a different number from moment to
    # moment, and one beep would set every cue's zero by the queue of its one moment.
    player = CuePlayer({**spoken.clip_paths(), REFERENCE: reference}, timing_log=TimingLog(stream))
    driver = SessionDriver(SessionEngine(spoken.plan))
    player.attach(driver.engine_event)
    wait_until_ready(player)
    marks: dict[str, float] = {}
    stall = StallMeter(QObject, QTimer, Qt)

    references: list[float] = []

    def warm_up() -> None:
        # The first sound a process plays comes out about 10 ms sooner than every
        # later one (its audio stream starts empty): it would skew the reference.
        player.say(REFERENCE)
        marks["warm_up"] = time.monotonic()
        QTimer.singleShot(REFERENCE_GAP_MS, play_reference)

    def play_reference() -> None:
        player.say(REFERENCE)
        references.append(time.monotonic())
        if len(references) < REFERENCES:
            QTimer.singleShot(REFERENCE_GAP_MS, play_reference)
        else:
            marks["reference"] = references[0]
            QTimer.singleShot(1000, driver.start)

    driver.finished.connect(lambda _status: player.when_quiet(app.quit))
    with server.recording(root / f"{label}.wav") as wav:
        QTimer.singleShot(200, warm_up)
        stall.start()
        app.exec()
        stall.stop()
    records = [json.loads(line) for line in stream.getvalue().splitlines()]
    played = [
        record
        for record in records
        if record["what"] in ("chime", "voice") and record.get("due") is not None
    ]
    recording = Recording.load(wav)
    errors, voice_errors, missed, signed = onset_errors(
        recording, marks, references, played, clips=spoken.clip_paths(), wav=wav
    )
    player.close()
    return {
        "errors_ms": errors,
        "voice_errors_ms": voice_errors,
        "missed": missed,
        "stall_ms": stall.worst_ms,
        "mean_signed_ms": statistics.fmean(signed),
        "voice_cues": [
            (record["due"] - marks["reference"], record["text"])
            for record in played
            if record["what"] == "voice"
        ],
    }


class StallMeter:
    """A 10 ms repeating timer that records how late it fires."""

    def __init__(self, qobject: Any, qtimer: Any, qt: Any) -> None:
        self.timer = qtimer()
        self.timer.setTimerType(qt.TimerType.PreciseTimer)
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.worst_ms = 0.0

    def start(self) -> None:
        self.last = time.monotonic()
        self.timer.start()

    def _tick(self) -> None:
        now = time.monotonic()
        self.worst_ms = max(self.worst_ms, (now - self.last - 0.010) * 1000)
        self.last = now

    def stop(self) -> None:
        self.timer.stop()


def onset_errors(
    recording: Any,
    marks: dict[str, float],
    references: list[float],
    played: list[dict[str, Any]],
    *,
    clips: dict[str, Path] | None = None,
    wav: Path | None = None,
) -> tuple[list[float], list[float], int, list[float]]:
    """|onset − scheduled| in ms for each played cue, anchored on the reference beeps:
    where a sound played at a moment of the clock is heard in the recording is the
    median over the beeps. With ``clips`` and the recording's ``wav``, a spoken cue is
    found where its clip's waveform is (``aligned_onsets``), not by its loudness."""
    from tests.integration.audio.onsets import match, nearest

    first = recording.first_sound()
    assert first is not None, "the warm-up beep was not heard"
    onsets = recording.onsets()
    heard_after_playing: list[float] = []
    for played_at in references:
        beep = nearest(onsets, first + played_at - marks["warm_up"])
        assert beep is not None, "a reference beep was not heard"
        heard_after_playing.append(beep - played_at)
    shift = statistics.median(heard_after_playing)  # recording time - clock time
    expected = [record["due"] + shift for record in played]
    heard = match(onsets, expected, 0.25)
    if clips is not None and wav is not None:
        spoken = [index for index, record in enumerate(played) if record["what"] == "voice"]
        found = aligned_onsets(
            wav, [expected[index] for index in spoken], [clips[played[i]["text"]] for i in spoken]
        )
        for index, onset in zip(spoken, found, strict=True):
            heard[index] = onset
    return cue_errors(played, expected, heard)


ALIGN_SEARCH = 0.1  # seconds either side of the expected time
ALIGN_LENGTH = 0.15  # seconds of a clip's start looked for
ALIGN_MATCH = 0.5  # the least normalised correlation that counts as found


def aligned_onsets(wav: Path, expected: list[float], sounds: list[Path]) -> list[float | None]:
    """Where in the recording ``wav`` each sound's first ``ALIGN_LENGTH`` seconds are
    found (normalised cross-correlation), within ``ALIGN_SEARCH`` of its expected time.

    Loudness alone misses a soft start: the natural voice begins its words with a
    breath of a few thousandths of full scale, and over the fading tail of a chime or
    of the words before no frame rises sharply; the louder vowel 15-50 ms later was
    then counted as the cue's start (or an earlier sound's). The waveform of the clip
    that was played is found exactly, whatever sounds with it.
    """
    import numpy as np

    from stretchtimer.speech.wav import read_samples

    samples, info = read_samples(wav)
    recorded = np.asarray(samples, dtype=np.float64)[:: info.channels]
    rate = info.rate
    templates: dict[Path, Any] = {}
    found: list[float | None] = []
    for when, path in zip(expected, sounds, strict=True):
        if path not in templates:
            clip, clip_info = read_samples(path)
            source = np.asarray(clip, dtype=np.float64)[:: clip_info.channels]
            times = np.arange(round(ALIGN_LENGTH * rate)) / rate
            templates[path] = np.interp(times, np.arange(len(source)) / clip_info.rate, source)
        template = templates[path]
        start = round((when - ALIGN_SEARCH) * rate)
        stop = round((when + ALIGN_SEARCH) * rate) + len(template)
        if start < 0 or stop > len(recorded):
            found.append(None)
            continue
        window = recorded[start:stop]
        products = np.correlate(window, template, mode="valid")
        energy = np.convolve(window * window, np.ones(len(template)), mode="valid")
        score = products / (np.sqrt(energy * float(template @ template)) + 1e-9)
        best = int(np.argmax(score))
        found.append((start + best) / rate if score[best] >= ALIGN_MATCH else None)
    return found


def cue_errors(
    played: list[dict[str, Any]], expected: list[float], heard: list[float | None]
) -> tuple[list[float], list[float], int, list[float]]:
    """|heard − expected| in ms of every cue heard, of the spoken ones, how many were not
    heard, and the signed errors (heard − expected)."""
    errors: list[float] = []
    voice_errors: list[float] = []
    signed: list[float] = []
    missed = 0
    for record, when, onset in zip(played, expected, heard, strict=True):
        if onset is None:
            missed += 1
            continue
        signed.append((onset - when) * 1000)
        error = abs(onset - when) * 1000
        errors.append(error)
        if record["what"] == "voice":
            voice_errors.append(error)
    return errors, voice_errors, missed, signed


NAIVE = r"""
import json, os, sys, time
import pyttsx3

job = json.load(sys.stdin)
engine = pyttsx3.init()
engine.setProperty("rate", job["rate"])
def wait(until):
    while (left := until - time.monotonic()) > 0:
        time.sleep(min(left, 0.002))
reference = time.monotonic() + 0.3
wait(reference)
os.system(f"aplay -q {job['reference']}")   # the way pyttsx3 plays sound
ends = []
for offset, text in job["cues"]:
    wait(reference + offset)
    engine.say(text)
    engine.runAndWait()
    ends.append(time.monotonic())
print(json.dumps({"reference": reference, "ends": ends}), file=sys.stderr)
"""


def measure_naive(
    server: Any, root: Path, cues: list[tuple[float, str]], reference: Path
) -> dict[str, Any]:
    """The same spoken cues said with pyttsx3 ``say()`` + ``runAndWait()`` on time."""
    from tests.integration.audio.onsets import Recording

    job = {"rate": VOICE.rate, "reference": str(reference), "cues": cues}
    with server.recording(root / "naive.wav") as wav:
        result = subprocess.run(
            [sys.executable, "-c", NAIVE],
            input=json.dumps(job),
            capture_output=True,
            text=True,
            env={**os.environ, **server.env()},
            timeout=600,
            check=True,
        )
    timing = json.loads(result.stderr.strip().splitlines()[-1])
    recording = Recording.load(wav)
    beep = recording.first_sound()
    assert beep is not None, "the naive run's reference beep was not heard"
    onsets = recording.onsets()
    errors: list[float] = []
    missed = 0
    earliest = 0.0
    for index, (offset, _text) in enumerate(cues):
        expected = beep + offset
        if index:  # said only after the one before has finished
            earliest = beep + (timing["ends"][index - 1] - timing["reference"]) - 0.05
        later = [onset for onset in onsets if onset >= max(expected - 0.05, earliest)]
        if not later:
            missed += 1
            continue
        errors.append(abs(later[0] - expected) * 1000)
    return {"errors_ms": errors, "missed": missed}

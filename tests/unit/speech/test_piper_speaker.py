"""Real Piper with the bundled voice (en_US-joe-medium): clips of a plausible length and
the same loudness and pace as espeak-ng, keys that name the engine and the model, and the
system voice taking over for a session when a voice model is damaged."""

from __future__ import annotations

import json
import math
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from stretchtimer.core.routine.model import Routine
from stretchtimer.speech.clip_cache import ClipCache, VoiceChoice
from stretchtimer.speech.problems import SpeechProblem
from stretchtimer.speech.renderer import ClipRenderer
from stretchtimer.speech.session_speech import (
    PlanOptions,
    prepare_spoken_session,
    render_falling_back,
)
from stretchtimer.speech.voices import (
    NATURAL_DEFAULT,
    SYSTEM_DEFAULT,
    default_voice_id,
    natural_voice_installed,
    piper_models,
)
from stretchtimer.speech.wav import read_samples, rms
from stretchtimer.storage.routines.library import builtin_entries
from tests.unit.speech.piper_children import piper_workers

NATURAL = VoiceChoice(NATURAL_DEFAULT, 165)
SYSTEM = VoiceChoice(SYSTEM_DEFAULT, 165)
SENTENCE = "Lie on your back, bend your knees, and let your shoulders relax."


def renderer(home: Path) -> ClipRenderer:
    return ClipRenderer(ClipCache(home / "clips", voices=home / "voices"))


def bundled_copy(folder: Path, name: str) -> Path:
    """A copy of the bundled voice under another name, as a person would add one."""
    bundled = piper_models(None)[0]
    folder.mkdir(exist_ok=True)
    model = folder / f"{name}.onnx"
    shutil.copyfile(bundled.model, model)
    shutil.copyfile(bundled.config, folder / f"{name}.onnx.json")
    return model


def decibels(ratio: float) -> float:
    return 20 * math.log10(ratio)


def test_the_natural_voice_is_the_default_on_linux_when_installed() -> None:
    assert natural_voice_installed()
    assert default_voice_id() == NATURAL_DEFAULT


def test_a_natural_clip_matches_the_system_voice_in_length_and_loudness(home: Path) -> None:
    with renderer(home) as subject:
        natural = subject.render([SENTENCE], NATURAL)
        system = subject.render([SENTENCE], SYSTEM)
    assert natural.notice is None and system.notice is None
    clip, reference = natural.clips[SENTENCE], system.clips[SENTENCE]
    samples, info = read_samples(clip.path)
    assert (info.channels, info.sample_width, info.rate) == (1, 2, 22050)
    assert 2.5 < clip.seconds < 6.0  # twelve words at 165 words a minute
    assert max(abs(value) for value in samples) < 32767  # never clipped
    lead = next(index for index, value in enumerate(samples) if abs(value) > 200)
    assert lead / info.rate < 0.005  # the sound starts when the clip starts
    # The same Rate setting means the same pace, and switching voices is not louder.
    assert 0.8 < clip.seconds / reference.seconds < 1.25
    level = rms(samples) / rms(read_samples(reference.path)[0])
    assert abs(decibels(level)) < 3.0


def test_rate_sets_the_natural_voices_pace(home: Path) -> None:
    with renderer(home) as subject:
        slow = subject.render([SENTENCE], VoiceChoice(NATURAL_DEFAULT, 120)).clips[SENTENCE]
        fast = subject.render([SENTENCE], VoiceChoice(NATURAL_DEFAULT, 240)).clips[SENTENCE]
    # Twice the rate, not half the length: the pauses at the commas and the model's own
    # drawn durations (its noise, which differs with the order of the worker's runs)
    # stretch less. Measured 1.54-1.62; the same rate twice is within ~10 %.
    assert slow.seconds > fast.seconds * 1.4


def test_the_key_names_the_engine_and_the_model_so_switching_renders_anew(home: Path) -> None:
    with renderer(home) as subject:
        first = subject.render([SENTENCE], NATURAL)
        again = subject.render([SENTENCE], NATURAL)
        system = subject.render([SENTENCE], SYSTEM)
    assert (first.rendered, again.rendered, system.rendered) == (1, 0, 1)
    assert first.clips[SENTENCE].path != system.clips[SENTENCE].path
    # A voice file replaced by a different model of the same name is heard, not the old clips.
    model = bundled_copy(home / "voices", "en_US-mine-medium")
    mine = VoiceChoice("piper:en_US-mine-medium", 165)
    before = ClipCache(home / "clips", voices=home / "voices").key(SENTENCE, mine)
    config = model.with_name(model.name + ".json")
    data = json.loads(config.read_text(encoding="utf-8"))
    data["inference"]["noise_scale"] = 0.5
    config.write_text(json.dumps(data), encoding="utf-8")
    after = ClipCache(home / "clips", voices=home / "voices").key(SENTENCE, mine)
    assert before != after
    assert before != ClipCache(home / "clips", voices=home / "voices").key(SENTENCE, NATURAL)


def test_an_old_bare_system_voice_id_keeps_its_clips(home: Path) -> None:
    cache = ClipCache(home / "clips", engine="espeak")
    assert cache.key("Rest.", VoiceChoice("gmw/en-us", 165)) == cache.key(
        "Rest.", VoiceChoice("pyttsx3:gmw/en-us", 165)
    )


def short_routine() -> Routine:
    routine = next(entry.routine for entry in builtin_entries() if entry.id == "two-minute-reset")
    assert routine is not None
    return routine


def test_a_damaged_model_hands_the_session_to_the_system_voice_with_one_sentence(
    home: Path,
) -> None:
    model = bundled_copy(home / "voices", "en_US-broken-medium")
    model.write_bytes(model.read_bytes()[:2_000_000])  # cut short, as by a failed download
    voice = VoiceChoice("piper:en_US-broken-medium", 165)
    spoken = prepare_spoken_session(short_routine(), PlanOptions(), voice, lambda: renderer(home))
    assert spoken.notice is not None
    assert spoken.notice.problem is SpeechProblem.NATURAL_VOICE_FAILED
    assert spoken.notice.sentence == (
        "The natural voice cannot speak here (its voice file is damaged or incomplete), so "
        "the system voice speaks this session instead; the app's log has the details."
    )
    assert set(spoken.clips) == set(spoken.plan.spoken_texts)  # every cue is still spoken
    system = ClipCache(home / "clips", voices=home / "voices")
    some_text = next(iter(spoken.clips))
    assert spoken.clips[some_text].path == system.path_for(some_text, SYSTEM)


# The real worker, whose address space is capped once Piper and onnxruntime are loaded:
# loading the voice model then fails to allocate memory, as on a computer without enough
# free memory. Only the natural voice's worker is capped (the system voice takes over).
MEMORY_CAPPED_WORKER = """
import resource, sys
from pathlib import Path
if sys.argv[-2:] == ["--engine", "piper"]:
    import stretchtimer.speech.piper_speaker
    status = Path("/proc/self/status").read_text(encoding="utf-8").splitlines()
    size = next(int(line.split()[1]) for line in status if line.startswith("VmSize:")) * 1024
    cap = size + 40 * 1024 * 1024  # the model alone needs more
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
from stretchtimer.speech.worker import main
sys.exit(main())
"""


def test_too_little_memory_for_the_model_hands_the_session_to_the_system_voice(
    home: Path,
) -> None:
    def capped() -> ClipRenderer:
        return ClipRenderer(
            ClipCache(home / "clips", voices=home / "voices"),
            worker_command=(sys.executable, "-c", MEMORY_CAPPED_WORKER),
        )

    spoken = prepare_spoken_session(short_routine(), PlanOptions(), NATURAL, capped)
    assert spoken.notice is not None
    assert spoken.notice.sentence == (
        "The natural voice cannot speak here (there is not enough free memory), so "
        "the system voice speaks this session instead; the app's log has the details."
    )
    assert "alloc" in spoken.notice.detail  # onnxruntime's own words, for the log
    assert spoken.voice == SYSTEM
    assert set(spoken.clips) == set(spoken.plan.spoken_texts)  # every cue is still spoken
    system = ClipCache(home / "clips", voices=home / "voices")
    assert all(clip.path == system.path_for(text, SYSTEM) for text, clip in spoken.clips.items())


def test_a_natural_voice_that_stops_answering_is_not_waited_for_twice(home: Path) -> None:
    with ClipRenderer(
        ClipCache(home / "clips", voices=home / "voices"), clip_timeout=3.0
    ) as subject:
        assert subject.render(["Rest."], NATURAL).notice is None  # the worker is warm
        (worker,) = piper_workers()
        os.kill(worker, signal.SIGSTOP)  # it stops answering, as a stuck process would
        started = time.monotonic()
        result = render_falling_back(subject, [SENTENCE], NATURAL)
        waited = time.monotonic() - started
    assert result.notice is not None
    assert result.notice.sentence == (
        "The natural voice cannot speak here (it stopped responding), so the system voice "
        "speaks this session instead; the app's log has the details."
    )
    assert result.voice == SYSTEM and SENTENCE in result.clips
    assert waited < 3.0 + 8.0  # one timeout, then espeak-ng: not a second timeout or a restart
    assert piper_workers() == []  # the stuck worker was killed


def test_clips_rendered_side_by_side_each_say_their_own_words(home: Path) -> None:
    short = ["Rest.", "Breathe in.", "Switch sides."]
    texts = [short[0], SENTENCE, short[1], SENTENCE + " Stay here.", short[2]]
    with renderer(home) as subject:
        together = subject.render(texts, NATURAL)
    assert together.notice is None and together.rendered == len(texts)
    seconds = {text: together.clips[text].seconds for text in texts}
    assert all(seconds[text] < 1.6 for text in short)
    assert 2.5 < seconds[SENTENCE] < seconds[SENTENCE + " Stay here."]
    # The same words rendered alone come out as long (no clip took another's sound).
    with renderer(home / "alone") as subject:
        alone = subject.render([SENTENCE + " Stay here."], NATURAL).clips
    assert abs(alone[SENTENCE + " Stay here."].seconds - seconds[SENTENCE + " Stay here."]) < 0.6


def test_the_natural_voice_worker_starts_without_the_system_voices_library() -> None:
    """The Piper worker imports what rendering needs: pyttsx3 (and its driver) only
    where the system voice is served, and no clip cache before a model is kept."""
    probe = (
        "import sys; import stretchtimer.speech.worker, stretchtimer.speech.piper_speaker; "
        "print(sorted(m for m in sys.modules"
        " if m.startswith(('pyttsx3', 'stretchtimer.speech.clip'))))"
    )
    found = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert found.stdout.strip() == "[]"

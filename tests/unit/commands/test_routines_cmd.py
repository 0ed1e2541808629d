"""``stretchtimer routines``, ``paths`` and ``--version`` as a person runs them."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from stretchtimer import __version__
from stretchtimer.core.formatting import clock_text
from stretchtimer.storage.paths import app_paths
from stretchtimer.storage.settings import SettingsStore
from tests.conftest import run_cli

BROKEN = 'format = 1\ntitle = "Broken"\n\n[[step]]\nname = "Pigeon"\nholds = 30\n'


def test_version(home: Path) -> None:
    result = run_cli("--version", home=home)
    assert result.returncode == 0
    assert result.stdout.strip() == f"stretchtimer {__version__}"


def test_paths_names_every_folder_and_the_history_file(home: Path) -> None:
    result = run_cli("paths", home=home)
    assert result.returncode == 0
    lines = dict(line.split(": ", 1) for line in result.stdout.splitlines())
    assert {"data", "config", "cache", "logs", "routines", "history"} <= set(lines)
    assert lines["history"] == str(home / "data" / "history.sqlite3")


def test_routines_list_json_describes_every_routine(home: Path) -> None:
    result = run_cli("routines", "list", "--json", home=home)
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    by_id = {item["id"]: item for item in items}
    assert {
        "hip-openers",
        "desk-hips",
        "sciatica-relief",
        "hip-strength",
        "two-minute-reset",
    } <= set(by_id)
    for item in items:
        assert {"id", "title", "duration_seconds", "steps", "builtin"} <= set(item)
        assert isinstance(item["duration_seconds"], int) and item["duration_seconds"] > 0
        assert item["builtin"] is True
    assert 180 <= by_id["desk-hips"]["duration_seconds"] <= 360


def test_routines_list_shows_own_routines_and_flags_broken_ones(home: Path) -> None:
    folder = home / "data" / "routines"
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text(
        'format = 1\ntitle = "Mine"\n[[step]]\nname = "A"\nhold = 20\n'
    )
    (folder / "broken.toml").write_text(BROKEN)
    result = run_cli("routines", "list", home=home)
    assert result.returncode == 0
    mine = next(line for line in result.stdout.splitlines() if line.startswith("mine"))
    assert "own" in mine and "Mine" in mine
    broken = next(line for line in result.stdout.splitlines() if line.startswith("broken"))
    assert "cannot be used" in broken and "routines validate" in broken
    items = json.loads(run_cli("routines", "list", "--json", home=home).stdout)
    flagged = next(item for item in items if item["id"] == "broken")
    assert flagged["problems"] and flagged["builtin"] is False


def test_routines_show_by_id_and_as_json(home: Path) -> None:
    text = run_cli("routines", "show", "hip-openers", home=home)
    assert text.returncode == 0
    assert "Pigeon pose — hold 45 s, each side" in text.stdout
    assert "Easier: Thread the needle" in text.stdout
    facts = json.loads(run_cli("routines", "show", "hip-openers", "--json", home=home).stdout)
    assert facts["id"] == "hip-openers" and facts["builtin"] is True
    assert facts["steps"][0]["kind"] == "hold" and facts["steps"][0]["sides"] == "both"


@pytest.mark.parametrize("command", ["show", "script"])
def test_routines_show_and_script_of_an_unknown_id_is_one_clear_line(
    home: Path, command: str
) -> None:
    result = run_cli("routines", command, "hip-opener", home=home)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "no routine called 'hip-opener'; did you mean hip-openers? "
        "(`stretchtimer routines list` shows them all)"
    ]


def test_validate_reports_every_problem_on_stderr_and_exits_1(home: Path) -> None:
    good = home / "good.toml"
    good.write_text('format = 1\ntitle = "Good"\n[[step]]\nname = "A"\nbreaths = 3\n')
    bad = home / "bad.toml"
    bad.write_text(BROKEN)
    garbage = home / "garbage.toml"
    garbage.write_bytes(b"\xff\xfe\x00junk")
    result = run_cli("routines", "validate", str(good), str(bad), str(garbage), home=home)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f'{bad}:6: step 1 ("Pigeon"): holds: unknown key; did you mean hold?',
        f'{bad}:4: step 1 ("Pigeon"): needs one of hold (seconds), breaths or reps',
        f"{garbage}: is a binary file, not a routine (a routine is TOML text)",
    ]
    assert "Traceback" not in result.stderr
    assert result.stdout.startswith(f"{good}: ok")
    assert run_cli("routines", "validate", str(good), home=home).returncode == 0


def test_routine_lengths_follow_the_persons_timing_and_rate_as_in_the_app(home: Path) -> None:
    from stretchtimer.core.session.estimate import estimated_seconds
    from stretchtimer.storage.routines.library import RoutineLibrary

    def lengths() -> tuple[int, int, str]:
        listed = json.loads(run_cli("routines", "list", "--json", home=home).stdout)
        shown = json.loads(run_cli("routines", "show", "desk-hips", "--json", home=home).stdout)
        text = run_cli("routines", "show", "desk-hips", home=home).stdout.splitlines()[0]
        by_id = {item["id"]: item for item in listed}
        return by_id["desk-hips"]["duration_seconds"], shown["duration_seconds"], text

    usual, _, _ = lengths()
    store = SettingsStore(app_paths().settings)
    slow = dataclasses.replace(store.load().settings, prepare=20, rest=30, rate=110)
    store.save(slow)
    listed, shown, text = lengths()
    desk = RoutineLibrary(app_paths().routines).open("desk-hips").routine
    assert desk is not None
    seconds = estimated_seconds(desk, slow)  # what the Routines page shows
    assert listed == shown == round(seconds) > usual
    assert clock_text(seconds) in text


def test_routines_script_prints_what_will_be_said_and_when(home: Path) -> None:
    result = run_cli("routines", "script", "hip-openers", home=home)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Hip openers  (")
    assert lines[1].startswith("  0:00.0  prepare · Pigeon pose · left")
    text = result.stdout
    assert '"Step your left foot forward into a runner' in text
    assert '"Step your right foot forward into a runner' in text  # the switch says the new side
    assert '"Begin."' in text and "estimate)" in text
    assert text.index('"Begin."') > text.index("left foot forward")


def test_routines_script_json_has_segments_and_cues_with_their_lengths(home: Path) -> None:
    result = run_cli("routines", "script", "desk-hips", "--json", home=home)
    assert result.returncode == 0, result.stderr
    segments = json.loads(result.stdout)
    assert segments[0]["kind"] == "prepare" and segments[0]["side"] == "left"
    assert segments[-1]["kind"] == "done"
    starts = [segment["start"] for segment in segments]
    assert starts == sorted(starts) and starts[0] == 0
    for segment in segments:
        assert {"kind", "step", "side", "start", "length", "cues"} <= set(segment)
        for cue in segment["cues"]:
            assert segment["start"] <= cue["start"] <= segment["start"] + segment["length"]
            if cue["spoken"]:
                assert cue["length_from"] in ("clip", "estimate") and cue["length"] > 0
    cached = run_cli("routines", "script", "nope", home=home)
    assert cached.returncode == 1 and "Traceback" not in cached.stderr


def test_routines_script_uses_the_rendered_clip_length_when_there_is_one(home: Path) -> None:
    from stretchtimer.speech.clip_cache import ClipCache, VoiceChoice

    cache = ClipCache(app_paths().clips)
    path = cache.path_for("Begin.", VoiceChoice())
    path.parent.mkdir(parents=True, exist_ok=True)
    import wave

    with wave.open(str(path), "wb") as clip:  # half a second of silence, as a clip
        clip.setnchannels(1)
        clip.setsampwidth(2)
        clip.setframerate(22050)
        clip.writeframes(b"\0\0" * 11025)
    segments = json.loads(run_cli("routines", "script", "desk-hips", "--json", home=home).stdout)
    begins = [cue for segment in segments for cue in segment["cues"] if cue["text"] == "Begin."]
    assert begins and all(cue["length_from"] == "clip" for cue in begins)
    assert all(cue["length"] == 0.5 for cue in begins)


def test_validate_gives_guidance_warnings_and_still_succeeds(home: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.toml"
    old.write_text(
        'format = 1\ntitle = "Old"\n[[step]]\nname = "Bend"\nsay = "Lean to one side."\n'
        'hold = 20\nsides = "both"\n'
    )
    result = run_cli("routines", "validate", str(old), home=home)
    assert result.returncode == 0
    warnings = [line for line in result.stdout.splitlines() if ": warning: " in line]
    assert any("write {side} and {other}" in line for line in warnings)
    assert any("settle" in line for line in warnings)


def test_routines_show_gives_the_way_in_and_out_with_the_first_side_named(home: Path) -> None:
    text = run_cli("routines", "show", "hip-openers", home=home).stdout
    assert "Before you start: You need a mat" in text
    assert "Setup: Start on your hands and knees. Step your left foot forward" in text
    assert "Release: Press up onto your hands" in text and "{side}" not in text
    facts = json.loads(run_cli("routines", "show", "hip-openers", "--json", home=home).stdout)
    assert facts["format"] == 2 and facts["finish"].startswith("Roll onto one side")
    pigeon = facts["steps"][0]
    assert pigeon["pose"] == "pigeon" and "{side}" in pigeon["say"]  # as written in the file


def test_a_file_nested_a_thousand_deep_is_listed_as_broken_and_stops_nothing(home: Path) -> None:
    folder = home / "data" / "routines"
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text(
        'format = 1\ntitle = "Mine"\n[[step]]\nname = "A"\nhold = 20\n'
    )
    (folder / "deep.toml").write_text("extra = " + "[" * 1000 + "]" * 1000 + "\n")
    listing = run_cli("routines", "list", home=home)
    assert listing.returncode == 0, listing.stderr
    lines = listing.stdout.splitlines()
    assert any(line.startswith("mine") for line in lines)
    deep = next(line for line in lines if line.startswith("deep"))
    assert "deep" in deep.split(maxsplit=1)[1]  # the one-line reason is shown
    assert "Traceback" not in listing.stderr
    shown = run_cli("routines", "show", "desk-hips", home=home)
    assert shown.returncode == 0, shown.stderr
    # The routine beside it plays (a short one of the person's own, not a built-in: the
    # same library is read either way).
    played = run_cli("play", "mine", "--no-gui", "--mute", "--speed", "100", home=home)
    assert played.returncode == 0, played.stderr
    assert "Session complete" in played.stdout
    own = run_cli("routines", "show", "deep", home=home)
    assert own.returncode == 1
    assert len(own.stderr.strip().splitlines()) == 1
    assert "Traceback" not in own.stderr


def test_the_script_in_german_reads_the_routine_in_german_with_german_side_words(
    home: Path,
) -> None:
    """``routines script ... --lang de``: what a German speaker hears, eyes closed — the
    routine's German words with the sides filled in German, and the app's phrases."""
    result = run_cli("routines", "script", "two-minute-reset", "--lang", "de", home=home)
    assert result.returncode == 0, result.stderr
    script = result.stdout
    assert script.startswith("Kurze Pause im Stehen")
    assert '"Streck dich weiter nach oben und neig den Oberkörper sanft nach links."' in script
    assert '"Eine Dehnung entlang deiner rechten Seite."' in script  # {other} for the left
    assert '"Streck dich weiter nach oben und neig den Oberkörper sanft nach rechts."' in script
    assert '"Seite wechseln."' in script
    assert "Seitbeuge · links" in script and "Seitbeuge · rechts" in script
    for english in ("Switch sides", "left", "right", "Breathe", "{side", "{other"):
        assert english not in script, english


FRENCH = """\
format = 2
language = "fr"
title = "Hanches au sol"

[[step]]
name = "Figure quatre"
setup = "Allongez-vous sur le dos, les genoux pliés."
say = "Posez la cheville sur le genou, côté {side}."
hold = 20
sides = "both"

[[step]]
name = "Pont"
say = "Poussez dans les talons et levez le bassin."
breaths = 3
"""
FRENCH_WITH_GERMAN = FRENCH.replace(
    'sides = "both"\n',
    'sides = "both"\n\n[step.translations.de]\nname = "Liegende Vier"\n'
    'setup = "Leg dich auf den Rücken, die Knie gebeugt."\n'
    'say = "Leg den Knöchel auf das Knie, Seite {side}."\n',
) + (
    '\n[step.translations.de]\nname = "Brücke"\n'
    'say = "Drück dich über die Fersen hoch und heb das Becken."\n'
    '\n[translations.de]\ntitle = "Hüften am Boden"\n'
)


def _quoted(script: str) -> str:
    """What the script says aloud: its quoted lines, without the reader's labels."""
    return "\n".join(line for line in script.splitlines() if '"' in line)


def test_the_script_of_a_routine_without_the_apps_language_speaks_the_routines_own(
    home: Path,
) -> None:
    """A French routine with no German in a German app plays in French, phrases included,
    as a session plays it: the script says the same (its labels stay the reader's)."""
    routine = home / "hanches.toml"
    routine.write_text(FRENCH, encoding="utf-8")
    result = run_cli("routines", "script", str(routine), "--lang", "de", home=home)
    assert result.returncode == 0, result.stderr
    spoken = _quoted(result.stdout)
    assert '"Posez la cheville sur le genou, côté gauche."' in spoken
    assert '"Changez de côté."' in spoken
    assert '"Dernière respiration. Inspirez."' in spoken
    assert '"Séance terminée. Bien joué."' in spoken
    for german in ("Seite wechseln", "links", "Einatmen", "Ausatmen", "Einheit beendet"):
        assert german not in spoken, german
    assert "Seitenwechsel" in result.stdout  # the label for the reader, in the app's language


def test_the_script_of_a_routine_translated_into_the_apps_language_is_german_throughout(
    home: Path,
) -> None:
    """The same routine with a German translation reads in German, phrases and words."""
    routine = home / "hanches.toml"
    routine.write_text(FRENCH_WITH_GERMAN, encoding="utf-8")
    result = run_cli("routines", "script", str(routine), "--lang", "de", home=home)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Hüften am Boden")
    spoken = _quoted(result.stdout)
    assert '"Leg den Knöchel auf das Knie, Seite links."' in spoken
    assert '"Seite wechseln."' in spoken
    assert '"Letzter Atemzug. Einatmen."' in spoken
    for french in ("Changez", "gauche", "Inspirez", "Expirez", "Séance", "Posez"):
        assert french not in spoken, french

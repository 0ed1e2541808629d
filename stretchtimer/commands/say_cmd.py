"""``stretchtimer say TEXT``: hear a voice, or save what it says to a WAV file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from stretchtimer.commands.voice_options import add_voice_options, voice_settings
from stretchtimer.core.i18n import _
from stretchtimer.storage.paths import app_paths
from stretchtimer.storage.settings import SettingsStore

MAX_TEXT = 2000


def register(commands: Any) -> None:
    parser = commands.add_parser("say", help=_("speak a text, or save it as a WAV file"))
    parser.add_argument("text", metavar="TEXT", help=_("what to say"))
    parser.add_argument("--to", type=Path, metavar="FILE.wav", help=_("write a WAV file instead"))
    add_voice_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from stretchtimer.speech.clip_cache import ClipCache, VoiceChoice
    from stretchtimer.speech.problems import SpeechProblem
    from stretchtimer.speech.renderer import ClipRenderer
    from stretchtimer.speech.session_speech import render_falling_back

    text = " ".join(args.text.split())
    if not text or len(text) > MAX_TEXT:
        sentence = _("give a text of 1 to {count} characters to say.").format(count=MAX_TEXT)
        print(f"stretchtimer: {sentence}", file=sys.stderr)
        return 1
    loaded = SettingsStore(app_paths().settings).load()
    if loaded.notice:
        print(f"stretchtimer: {loaded.notice}", file=sys.stderr)
    settings = voice_settings(loaded.settings, args)
    voice = VoiceChoice(settings.voice, settings.rate)
    with ClipRenderer(ClipCache(app_paths().clips)) as renderer:
        result = renderer.render([text], voice)
        if result.notice is not None and (
            result.notice.problem is SpeechProblem.NATURAL_VOICE_FAILED
        ):
            # As sessions do: the system's voice says it, and one line says why.
            print(f"stretchtimer: {result.notice.sentence}", file=sys.stderr)
            result = render_falling_back(renderer, [text], voice)
            if result.notice is not None and not result.notice.problem.voice_off:
                result.notice = None
    notice = result.notice
    if notice is not None and notice.problem is SpeechProblem.UNKNOWN_VOICE:
        sentence = _(
            "there is no voice {voice}; `stretchtimer voices` lists the voices you can choose."
        ).format(voice=repr(voice.voice))
        print(f"stretchtimer: {sentence}", file=sys.stderr)
        return 1
    if notice is not None:
        print(f"stretchtimer: {notice.sentence}", file=sys.stderr)
        return 1
    clip = result.clips[text]
    if args.to is not None:
        return _save(clip.path, args.to)
    return _play(text, clip.path, settings.voice_volume)


def _save(clip: Path, target: Path) -> int:
    from stretchtimer.storage.atomic import write_atomically

    if target.suffix.lower() != ".wav":
        sentence = _("{file} should end in .wav (the file is a WAV file).").format(file=target)
        print(f"stretchtimer: {sentence}", file=sys.stderr)
        return 1
    if not target.parent.is_dir():
        sentence = _("the folder {folder} does not exist.").format(folder=target.parent)
        print(f"stretchtimer: {sentence}", file=sys.stderr)
        return 1
    try:
        write_atomically(target, clip.read_bytes())
    except OSError as error:
        sentence = _("could not write {file} ({reason}).").format(
            file=target, reason=error.strerror
        )
        print(f"stretchtimer: {sentence}", file=sys.stderr)
        return 1
    print(target)
    return 0


def _play(text: str, clip: Path, volume: float) -> int:
    from stretchtimer.runtime.audio.cue_player import CuePlayer, wait_until_ready
    from stretchtimer.runtime.qt_setup import audio_application

    app = audio_application()
    player = CuePlayer({text: clip}, voice_volume=volume, chime_volume=0.0)
    problem = player.problem()
    if problem is not None:
        print(f"stretchtimer: {problem.sentence}", file=sys.stderr)
        return 1
    wait_until_ready(player)
    player.say(text)
    player.when_quiet(app.quit)
    app.exec()
    return 0

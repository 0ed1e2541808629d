"""``stretchtimer voices``: the voices the speech engine offers, to choose one."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from stretchtimer.storage.paths import app_paths


def register(commands: Any) -> None:
    parser = commands.add_parser("voices", help="list the voices you can choose")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from stretchtimer.speech.clip_cache import ClipCache
    from stretchtimer.speech.problems import SpeechUnavailableError
    from stretchtimer.speech.renderer import ClipRenderer

    try:
        with ClipRenderer(ClipCache(app_paths().clips)) as renderer:
            voices = renderer.voices()
    except SpeechUnavailableError as error:
        print(f"stretchtimer: {error.notice.sentence}", file=sys.stderr)
        return 1
    rows = sorted(
        (
            str(voice.get("id", "")),
            str(voice.get("name", "")),
            ", ".join(str(language) for language in voice.get("languages", [])),
        )
        for voice in voices
    )
    if args.json:
        listing = [{"id": id_, "name": name, "language": language} for id_, name, language in rows]
        print(json.dumps(listing, indent=2, ensure_ascii=False))
        return 0
    table = [("ID", "NAME", "LANGUAGE"), *rows]
    widths = [max(len(row[column]) for row in table) for column in range(2)]
    for id_, name, language in table:
        print(f"{id_:<{widths[0]}}  {name:<{widths[1]}}  {language}".rstrip())
    print(
        '\nSpeak with one by adding --voice ID to `play` or `say`, or set voice = "ID" '
        "under [voice] in your settings file (`stretchtimer paths` shows where it is).",
        file=sys.stderr,
    )
    return 0

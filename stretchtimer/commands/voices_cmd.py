"""``stretchtimer voices``: list the voices of both engines; add or remove a Piper voice."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

from stretchtimer.core.i18n import _, p_
from stretchtimer.storage.paths import app_paths


def register(commands: Any) -> None:
    parser = commands.add_parser("voices", help=_("list, add or remove voices"))
    parser.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))
    parser.set_defaults(run=run)
    actions = parser.add_subparsers(dest="voices_action", metavar="ACTION", title=_("actions"))
    add = actions.add_parser("add", help=_("add a Piper voice from a .onnx file"))
    add.add_argument(
        "file", type=Path, metavar="FILE.onnx", help=_("with its .onnx.json beside it")
    )
    add.set_defaults(run=run_add)
    remove = actions.add_parser("remove", help=_("remove a Piper voice you added"))
    remove.add_argument("voice", metavar="ID", help=_("as `stretchtimer voices` lists it"))
    remove.set_defaults(run=run_remove)


def run(args: argparse.Namespace) -> int:
    from stretchtimer.speech.clip_cache import ClipCache
    from stretchtimer.speech.renderer import ClipRenderer
    from stretchtimer.speech.voice_list import list_voices

    paths = app_paths()
    with ClipRenderer(ClipCache(paths.clips)) as renderer:
        entries, notice = list_voices(renderer, paths.voices)
    if notice is not None:
        print(f"stretchtimer: {notice.sentence}", file=sys.stderr)
    if not entries:
        return 1
    if args.json:
        # The list's own bookkeeping stays out: which voices were added, and which system
        # voice stands behind "pyttsx3:" ("default" marks the one spoken when none is chosen).
        hidden = {"added", "system_default"}
        listing = [
            {key: value for key, value in dataclasses.asdict(entry).items() if key not in hidden}
            for entry in entries
        ]
        print(json.dumps(listing, indent=2, ensure_ascii=False))
        return 0
    rows = [
        (entry.id + (" *" if entry.default else ""), entry.name, entry.language)
        for entry in entries
    ]
    header = (
        p_("voices table", "ID"),
        p_("voices table", "NAME"),
        p_("voices table", "LANGUAGE"),
    )
    table = [header, *rows]
    widths = [max(len(row[column]) for row in table) for column in range(2)]
    for id_, name, language in table:
        print(f"{id_:<{widths[0]}}  {name:<{widths[1]}}  {language}".rstrip())
    note = _(
        "* speaks when no voice is chosen. Speak with another by adding --voice ID to "
        '`play` or `say`, or set voice = "ID" under [voice] in your settings file '
        "(`stretchtimer paths` shows where it is)."
    )
    print(f"\n{note}", file=sys.stderr)
    return 0


def run_add(args: argparse.Namespace) -> int:
    from stretchtimer.speech.voice_library import VoiceFileError, add_voice

    try:
        model = add_voice(args.file, app_paths().voices)
    except VoiceFileError as error:
        print(f"stretchtimer: {error}", file=sys.stderr)
        return 1
    print(
        _("Added {voice} ({language}); choose it in Settings or with --voice {voice}.").format(
            voice=model.id, language=model.language
        )
    )
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from stretchtimer.speech.voice_library import VoiceFileError, remove_voice

    try:
        model = remove_voice(args.voice, app_paths().voices)
    except VoiceFileError as error:
        print(f"stretchtimer: {error}", file=sys.stderr)
        return 1
    print(_("Removed {voice}.").format(voice=model.id))
    return 0

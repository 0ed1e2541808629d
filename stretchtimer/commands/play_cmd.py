"""``stretchtimer play``: run a routine, in the app or in the terminal."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from stretchtimer.commands.voice_options import add_voice_options, voice_settings
from stretchtimer.core.i18n import _
from stretchtimer.core.routine.problems import RoutineFileError
from stretchtimer.core.session.options import PlayOptions
from stretchtimer.storage.paths import app_paths
from stretchtimer.storage.routines.library import RoutineLibrary, UnknownRoutineError
from stretchtimer.storage.settings import SettingsStore

MIN_SPEED = 0.1
MAX_SPEED = 100.0


def speed_value(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("expected a number, found {text}").format(text=repr(text))
        ) from None
    if not MIN_SPEED <= value <= MAX_SPEED:
        raise argparse.ArgumentTypeError(
            _("expected a speed from {lowest} to {highest}, found {text}").format(
                lowest=f"{MIN_SPEED:g}", highest=f"{MAX_SPEED:g}", text=text
            )
        )
    return value


def register(commands: Any) -> None:
    parser = commands.add_parser("play", help=_("play a routine"))
    parser.add_argument("routine", metavar="ID|FILE", help=_("a routine id or a routine file"))
    parser.add_argument(
        "--no-gui",
        action="store_true",
        help=_("play in this terminal (works without a display, over SSH)"),
    )
    parser.add_argument("--mute", action="store_true", help=_("no voice and no chimes"))
    add_voice_options(parser)
    parser.add_argument(
        "--speed",
        type=speed_value,
        default=1.0,
        metavar="X",
        help=_("run every timer X times faster, 0.1 to 100 (a preview: chimes, no voice)"),
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        paths = app_paths()
        entry = RoutineLibrary(paths.routines, paths.cache).open(args.routine)
    except (UnknownRoutineError, RoutineFileError) as error:
        print(error, file=sys.stderr)
        return 1
    if not args.no_gui:
        from stretchtimer.gui.launch import open_app

        # A file is named by its full path: a running app has another working folder.
        start = str(entry.path.resolve()) if entry.path is not None else entry.id
        options = PlayOptions(
            speed=args.speed,
            voice=args.voice.strip() if args.voice is not None else None,
            rate=args.rate,
            mute=args.mute,
        )
        return open_app(start=start, options=options)
    assert entry.routine is not None

    from stretchtimer.system.pyside_tweaks import skip_feature_scan

    skip_feature_scan()
    from stretchtimer.core.session.events import Status
    from stretchtimer.terminal.session import play_in_terminal

    loaded = SettingsStore(app_paths().settings).load()
    if loaded.notice:
        print(f"stretchtimer: {loaded.notice}", file=sys.stderr)
    settings = voice_settings(loaded.settings, args)
    # The routine as its file has it: the set-up reads it in the app's language where it
    # is translated into it, else in its own, and the history keeps the file's digest.
    status = play_in_terminal(entry.id, entry.routine, settings, app_paths(), speed=args.speed)
    return 0 if status is Status.COMPLETED else 130

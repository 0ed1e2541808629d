"""The ``stretchtimer`` command: the desktop app by default, subcommands for the rest.

Each group of subcommands lives in its own module under ``stretchtimer.commands``
and registers itself with :func:`build_parser`. Heavy imports (Qt, speech) happen
inside the commands that need them, so ``stretchtimer routines list`` stays quick,
and plain ``stretchtimer`` opens the app without building the parser at all.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from stretchtimer import __version__
from stretchtimer.core import i18n
from stretchtimer.core.i18n import _
from stretchtimer.gui.launch import open_app
from stretchtimer.storage.languages import choose_language, load_language
from stretchtimer.storage.paths import app_paths
from stretchtimer.system.log import setup_logging

if TYPE_CHECKING:
    import argparse

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_BUG = 2
EXIT_STOPPED = 130


def build_parser() -> argparse.ArgumentParser:

    from stretchtimer.commands import (
        desktop_cmd,
        doctor_cmd,
        history_cmd,
        paths_cmd,
        play_cmd,
        pose_cmd,
        routines_cmd,
        say_cmd,
        voices_cmd,
    )
    from stretchtimer.commands.parser_words import Parser, translate_parser_words

    translate_parser_words()
    parser = Parser(
        prog="stretchtimer",
        description=_(
            "A guided-stretching timer that speaks every step. "
            "With no command, opens the desktop app."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"stretchtimer {__version__}",
        help=_("show the version number and exit"),
    )
    parser.add_argument(
        "--lang",
        metavar="TAG",
        help=_(
            "the language to show and speak, such as de, es or fr "
            "(instead of the Language setting and the system's)"
        ),
    )
    parser.add_argument(
        "--speed",
        type=play_cmd.speed_value,
        default=None,
        metavar="X",
        dest="app_speed",
        help=_("run every timer X times faster in the app (for previews)"),
    )
    parser.add_argument(
        "--tray",
        action="store_true",
        help=_(
            "start in the system tray without opening the window (as at login); "
            "opens the window where there is no tray"
        ),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title=_("commands"))
    for module in (
        routines_cmd,
        play_cmd,
        history_cmd,
        voices_cmd,
        say_cmd,
        paths_cmd,
        desktop_cmd,
        doctor_cmd,
        pose_cmd,
    ):
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["--speech-worker"]:  # how a bundled app runs its speech worker
        from stretchtimer.speech.worker import main as speech_worker

        return speech_worker(arguments=arguments[1:])
    if arguments[:1] == ["--audio-child"]:  # how a bundled app runs its audio process
        from stretchtimer.runtime.audio.child import main as audio_child

        return audio_child()
    use_language(arguments)
    if not arguments:  # the desktop app, as launchers start it: no parser needed
        return _guarded("app", open_app)
    if arguments == ["--tray"]:
        # As at login, and the app starting afresh in the tray: the parser would import
        # every command's module (the pose library's among them) for hours in the tray.
        return _guarded("app", lambda: open_app(tray=True))
    args = build_parser().parse_args(arguments)
    if args.command is None:
        return _guarded("app", lambda: open_app(speed=args.app_speed or 1.0, tray=args.tray))
    return _guarded(args.command, lambda: int(args.run(args)))


def take_language(arguments: list[str]) -> str | None:
    """Remove ``--lang TAG`` (or ``--lang=TAG``) from ``arguments``, wherever it stands
    (``stretchtimer routines script reset --lang de`` too), and return the tag."""
    for index, argument in enumerate(arguments):
        if argument == "--":
            break
        if argument.startswith("--lang="):
            del arguments[index]
            return argument.partition("=")[2]
        if argument == "--lang" and index + 1 < len(arguments):
            tag = arguments[index + 1]
            del arguments[index : index + 2]
            return tag
    return None


def use_language(arguments: list[str]) -> None:
    """Load the person's language before anything is said, help included."""
    tag = choose_language(take_language(arguments), app_paths().settings)
    i18n.use(load_language(tag))


def _guarded(command: str, run: Callable[[], int]) -> int:
    """Run ``run`` with the log set up; a bug becomes one sentence, not a traceback."""
    log_file = setup_logging(app_paths())
    try:
        return run()
    except KeyboardInterrupt:
        return EXIT_STOPPED
    except BrokenPipeError:
        # The reader went away (``stretchtimer history | head``): not an error.
        sys.stderr.close()
        return EXIT_OK
    except Exception:
        log.exception("unexpected error in %r", command)
        sentence = (
            _(
                "something went wrong inside stretchtimer (a bug); details are in {file}. "
                "Please report it with that file."
            ).format(file=log_file)
            if log_file
            else _("something went wrong inside stretchtimer (a bug). Please report it.")
        )
        print(f"stretchtimer: {sentence}", file=sys.stderr)
        return EXIT_BUG


def main_gui() -> int:
    """Entry point for launchers: the desktop app."""
    return main([])

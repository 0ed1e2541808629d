"""The ``stretchtimer`` command: the desktop app by default, subcommands for the rest.

Each group of subcommands lives in its own module under ``stretchtimer.commands``
and registers itself with :func:`build_parser`. Heavy imports (Qt, speech) happen
inside the commands that need them, so ``stretchtimer routines list`` stays quick.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from stretchtimer import __version__
from stretchtimer.app_log import setup_logging
from stretchtimer.commands import paths_cmd, play_cmd, routines_cmd
from stretchtimer.commands.play_cmd import speed_value
from stretchtimer.storage.paths import app_paths

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_BUG = 2
EXIT_STOPPED = 130

COMMAND_MODULES = (routines_cmd, play_cmd, paths_cmd)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stretchtimer",
        description="A guided-stretching timer that speaks every step. "
        "With no command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"stretchtimer {__version__}")
    parser.add_argument(
        "--speed",
        type=speed_value,
        default=None,
        metavar="X",
        dest="app_speed",
        help="run every timer X times faster in the app (for previews)",
    )
    parser.add_argument(
        "--tray",
        action="store_true",
        help="start in the system tray without opening the window (as at login); "
        "opens the window where there is no tray",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    paths = app_paths()
    log_file = setup_logging(paths)
    try:
        if args.command is None:
            return open_app(args)
        result: int = args.run(args)
        return result
    except KeyboardInterrupt:
        return EXIT_STOPPED
    except BrokenPipeError:
        # The reader went away (``stretchtimer history | head``): not an error.
        sys.stderr.close()
        return EXIT_OK
    except Exception:
        log.exception("unexpected error in %r", args.command)
        where = f"; details are in {log_file}" if log_file else ""
        print(
            f"stretchtimer: something went wrong inside stretchtimer (a bug){where}. "
            "Please report it with that file.",
            file=sys.stderr,
        )
        return EXIT_BUG


def open_app(args: argparse.Namespace, start: str | None = None) -> int:
    """The desktop app; ``start`` names a routine (id or file) to play at once."""
    from stretchtimer.gui.app import run_app

    speed = getattr(args, "speed", None) or args.app_speed or 1.0
    return run_app(sys.argv[:1], start=start, speed=speed, tray=getattr(args, "tray", False))


def main_gui() -> int:
    """Entry point for launchers: the desktop app."""
    return main([])

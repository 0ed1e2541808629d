"""``stretchtimer play``: run a routine, in the app or in the terminal."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from stretchtimer.core.problems import RoutineFileError
from stretchtimer.storage.paths import app_paths
from stretchtimer.storage.routine_library import RoutineLibrary, UnknownRoutineError
from stretchtimer.storage.settings import SettingsStore

MIN_SPEED = 0.1
MAX_SPEED = 100.0


def speed_value(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, found {text!r}") from None
    if not MIN_SPEED <= value <= MAX_SPEED:
        raise argparse.ArgumentTypeError(
            f"expected a speed from {MIN_SPEED:g} to {MAX_SPEED:g}, found {text}"
        )
    return value


def register(commands: Any) -> None:
    parser = commands.add_parser("play", help="play a routine")
    parser.add_argument("routine", metavar="ID|FILE", help="a routine id or a routine file")
    parser.add_argument(
        "--no-gui",
        action="store_true",
        help="play in this terminal (works without a display, over SSH)",
    )
    parser.add_argument("--mute", action="store_true", help="no voice and no chimes")
    parser.add_argument(
        "--speed",
        type=speed_value,
        default=1.0,
        metavar="X",
        help="run every timer X times faster, 0.1 to 100 (for previews)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        entry = RoutineLibrary(app_paths().routines).open(args.routine)
    except (UnknownRoutineError, RoutineFileError) as error:
        print(error, file=sys.stderr)
        return 1
    if not args.no_gui:
        print(
            "stretchtimer: the desktop app is not built yet; add --no-gui to play in the terminal.",
            file=sys.stderr,
        )
        return 1
    assert entry.routine is not None

    from stretchtimer.core.engine import SessionEngine
    from stretchtimer.core.events import Status
    from stretchtimer.core.plan import BreathGuidance, build_plan
    from stretchtimer.core.routine import ResolvedPace
    from stretchtimer.player.driver import SessionDriver
    from stretchtimer.terminal.session import run_terminal_session

    loaded = SettingsStore(app_paths().settings).load()
    if loaded.notice:
        print(f"stretchtimer: {loaded.notice}", file=sys.stderr)
    settings = loaded.settings
    plan = build_plan(
        entry.routine,
        pace_defaults=ResolvedPace(prepare=settings.prepare, rest=settings.rest),
        breath_guidance=BreathGuidance(settings.breath_guidance),
    )
    from stretchtimer.terminal.recording import TerminalRecording

    recording = TerminalRecording(
        app_paths(),
        plan,
        routine_id=entry.id,
        comfort_choice=settings.comfort_rating,
        speed=args.speed,
    )
    driver = SessionDriver(SessionEngine(plan), speed=args.speed)
    status = run_terminal_session(driver, listeners=(recording.listener,))
    recording.finish()
    return 0 if status is Status.COMPLETED else 130

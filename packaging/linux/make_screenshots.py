"""Make the AppStream screenshots (packaging/linux/screenshots/*.png) from the real app.

    .venv/bin/python packaging/linux/make_screenshots.py            # rewrite the three PNGs
    .venv/bin/python packaging/linux/make_screenshots.py --out DIR  # write them elsewhere

It runs ``python -m stretchtimer`` from this checkout on a private X server (Xvfb) at
1280×720, the 16:9 size AppStream recommends, with the light theme and the voice muted,
in a throwaway ``STRETCHTIMER_HOME`` whose history holds four months of made-up
sessions (written to a file and read in with ``stretchtimer history import``). It then
works the window from the keyboard with xdotool, as a person would:

- ``routines.png``: the Routines page with Hip openers selected;
- ``history.png``: History (Ctrl+3), its heatmap and weekly minutes filled;
- ``session.png``: ``stretchtimer play hip-openers`` sent to the running app, the
  preparation skipped (→), a few seconds into the pigeon pose's left side.

Needs Xvfb, xdotool and ImageMagick (Debian: ``xvfb xdotool imagemagick``); optipng
or pngcrush, when installed, make the files smaller. Look at the three files before
committing them: the dates on the History page are the day they were made.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # this checkout's stretchtimer and benchmarks

if TYPE_CHECKING:
    from stretchtimer.storage.history.records import SessionRecord

OUT = ROOT / "packaging" / "linux" / "screenshots"
WIDTH, HEIGHT = 1280, 720
WINDOW_TITLE = "Stretch Timer"
SHOWN_ROUTINE = "hip-openers"
SECONDS_INTO_HOLD = 13.0
TIMEOUT = 60.0
# (routine id, how often it is picked): a person who mostly stretches at the desk.
HABITS = (
    ("two-minute-reset", 4),
    ("desk-hips", 4),
    ("sciatica-relief", 3),
    ("hip-openers", 2),
    ("hip-strength", 1),
)
HISTORY_DAYS = 16 * 7  # as many weeks as the weekly chart shows
STREAK_DAYS = 9  # every one of the last days: a current streak
HOURS = (7, 8, 12, 13, 17, 21)
OPTIMISERS = (("optipng", "-quiet", "-o5"), ("pngcrush", "-q", "-ow"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"folder (default {OUT})")
    args = parser.parse_args()
    missing = [tool for tool in ("Xvfb", "xdotool", "import", "convert") if not shutil.which(tool)]
    if missing:
        print(f"missing: {', '.join(missing)} (Debian: xvfb xdotool imagemagick)", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="stretchtimer-shots-") as folder:
        home = Path(folder)
        seed_home(home)
        take_screenshots(home, args.out)
    for name in ("routines", "history", "session"):
        path = args.out / f"{name}.png"
        print(f"{path}  {path.stat().st_size // 1024} KiB")
    return 0


# -- the throwaway home ---------------------------------------------------------------


def seed_home(home: Path) -> None:
    """Settings (light, muted) and a history of sessions, through the app's own code."""
    from stretchtimer.storage.history.exchange.exporting import json_lines
    from stretchtimer.storage.paths import app_paths
    from stretchtimer.storage.settings import Settings, SettingsStore

    paths = app_paths({"STRETCHTIMER_HOME": str(home)})
    SettingsStore(paths.settings).save(replace(Settings(), theme="light", muted=True))
    exported = home / "sessions.json"
    sessions = made_up_history(time.time())
    with exported.open("w", encoding="utf-8") as file:
        file.writelines(json_lines(sessions, exported_at=time.time()))
    run_cli(home, "history", "import", str(exported))


def made_up_history(now: float, *, seed: int = 8) -> list[SessionRecord]:
    """Sessions over the last weeks: more regular as time goes on, a streak up to today,
    comfort rated for the sciatica routine and getting better, now and then one stopped."""
    rng = random.Random(seed)
    names = [name for name, weight in HABITS for _ in range(weight)]
    today = date.fromtimestamp(now)
    sessions = []
    for back in range(HISTORY_DAYS, -1, -1):
        day = today - timedelta(days=back)
        keen = 1.0 if back < STREAK_DAYS else 0.4 + 0.5 * (1 - back / HISTORY_DAYS)
        if rng.random() > keen:
            continue
        for _ in range(1 + (rng.random() < 0.3)):
            hour = rng.choice(HOURS)
            started = time.mktime(
                datetime(day.year, day.month, day.day, hour, rng.randrange(60)).timetuple()
            )
            if started > now - 3600:
                continue  # not yet
            progress = 1 - back / HISTORY_DAYS
            before = min(10, max(0, round(rng.gauss(3.5 + 2 * progress, 1.0))))
            after = min(10, max(0, round(before + rng.gauss(1 + 1.5 * progress, 0.8))))
            stopped = back >= STREAK_DAYS and rng.random() < 0.07
            sessions.append(
                played(rng.choice(names), started, before, after, stop_after=4 if stopped else None)
            )
    return sessions


def played(
    routine_id: str, started: float, before: int, after: int, *, stop_after: int | None
) -> SessionRecord:
    """A session of a built-in routine, its parts those of the routine's real plan."""
    from stretchtimer.core.routine.summary import routine_digest
    from stretchtimer.core.session.comfort import asks_comfort
    from stretchtimer.core.session.plan import SegmentKind, build_plan
    from stretchtimer.storage.history.records import SegmentRecord, SessionRecord, SessionStatus
    from stretchtimer.storage.history.timestamps import utc_offset_minutes, utc_text
    from stretchtimer.storage.routines.library import builtin_entries

    routine = next(entry.routine for entry in builtin_entries() if entry.id == routine_id)
    assert routine is not None
    plan = build_plan(routine)
    clock = started
    segments: list[SegmentRecord] = []
    for segment in plan.segments:
        if segment.kind is SegmentKind.DONE or len(segments) == stop_after:
            break
        clock += segment.duration
        step = plan.step(segment)
        segments.append(
            SegmentRecord(
                order=len(segments),
                step_index=segment.step_index,
                step_name=step.name if step else "",
                side=segment.side.value if segment.side else None,
                kind=segment.kind.value,
                planned_seconds=segment.duration,
                actual_seconds=segment.duration,
                outcome="done",
                easier=False,
                ended_at=utc_text(clock),
            )
        )
    rated = asks_comfort("routine", routine)
    return SessionRecord(
        id=str(uuid.uuid4()),
        routine_id=routine_id,
        routine_title=routine.title,
        routine_digest=routine_digest(routine),
        started_at=utc_text(started),
        utc_offset=utc_offset_minutes(started),
        status=SessionStatus.COMPLETED if stop_after is None else SessionStatus.STOPPED,
        planned_seconds=plan.duration,
        active_seconds=clock - started,
        ended_at=utc_text(clock),
        comfort_before=before if rated else None,
        comfort_after=after if rated and stop_after is None else None,
        segments=tuple(segments),
    )


def app_env(home: Path, display: str | None = None) -> dict[str, str]:
    """The app's environment: this checkout, the throwaway home and, if given, the display."""
    from benchmarks.xvfb import display_env

    extra = {"STRETCHTIMER_HOME": str(home), "PYTHONPATH": str(ROOT)}
    if display is None:
        return {**os.environ, **extra}
    return display_env(display, **extra)


def run_cli(home: Path, *args: str, display: str | None = None) -> None:
    subprocess.run(
        [sys.executable, "-m", "stretchtimer", *args],
        env=app_env(home, display),
        cwd=home,
        check=True,
        timeout=TIMEOUT,
    )


# -- the app on Xvfb ------------------------------------------------------------------


def take_screenshots(home: Path, out: Path) -> None:
    from benchmarks.xvfb import xvfb

    with xvfb(WIDTH, HEIGHT) as display, running_app(home, display) as window:
        screen = Screen(display, window)
        screen.run("windowmove", window, "0", "0")
        screen.run("windowsize", window, str(WIDTH), str(HEIGHT))
        screen.settled()  # the Routines page is built once the window is up
        screen.press("Down")  # from Desk hips, the first, to Hip openers
        screen.save(screen.settled(), out / "routines.png")
        screen.press("ctrl+3")
        screen.save(screen.settled(), out / "history.png")
        run_cli(home, "play", SHOWN_ROUTINE, display=display)  # handed to the running app
        wait_for(lambda: segments_done(home) == 0, "the session to start")
        screen.press("Right")  # skip the preparation
        wait_for(lambda: (segments_done(home) or 0) >= 1, "the hold to start")
        time.sleep(SECONDS_INTO_HOLD)
        screen.save(screen.capture(), out / "session.png")
        screen.press("ctrl+q")


@contextlib.contextmanager
def running_app(home: Path, display: str) -> Iterator[str]:
    """Start the app on ``display``; yields its window's id; makes sure it ends."""
    log = (home / "app-output.txt").open("w")
    app = subprocess.Popen(
        [sys.executable, "-m", "stretchtimer"],
        env=app_env(home, display),
        cwd=home,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        found = subprocess.run(
            ["xdotool", "search", "--sync", "--onlyvisible", "--name", WINDOW_TITLE],
            env=app_env(home, display),
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=True,
        )
        yield found.stdout.split()[-1]
        app.wait(TIMEOUT)
    except BaseException:
        log.flush()
        print((home / "app-output.txt").read_text(), file=sys.stderr)
        raise
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
        log.close()


class Screen:
    """The X display and the app's window on it."""

    def __init__(self, display: str, window: str) -> None:
        self.display = display
        self.window = window

    def run(self, *args: str) -> bytes:
        """Run xdotool with ``args`` on this display."""
        return self._tool("xdotool", *args)

    def _tool(self, *command: str) -> bytes:
        from benchmarks.xvfb import display_env

        return subprocess.run(
            command,
            env=display_env(self.display),
            capture_output=True,
            timeout=TIMEOUT,
            check=True,
        ).stdout

    def press(self, key: str) -> None:
        self.run("windowfocus", "--sync", self.window)
        self.run("key", "--clearmodifiers", key)

    def capture(self) -> bytes:
        """The whole screen (the window fills it) as a PPM image."""
        return self._tool("import", "-window", "root", "ppm:-")

    def settled(self) -> bytes:
        """The screen once it stops changing: pages load their contents in the background."""
        time.sleep(0.5)
        previous = self.capture()
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            time.sleep(0.5)
            current = self.capture()
            if current == previous:
                return current
            previous = current
        raise TimeoutError("the window never stopped changing")

    @staticmethod
    def save(image: bytes, path: Path) -> None:
        """A small PNG: no metadata, best compression, then optipng or pngcrush if there."""
        subprocess.run(
            [
                "convert",
                "ppm:-",
                "-strip",
                "-define",
                "png:compression-level=9",
                f"png:{path}",
            ],
            input=image,
            timeout=TIMEOUT,
            check=True,
        )
        for optimiser in OPTIMISERS:
            if shutil.which(optimiser[0]):
                subprocess.run([*optimiser, str(path)], timeout=10 * TIMEOUT, check=True)
                break


def segments_done(home: Path) -> int | None:
    """Finished parts of the session under way (None when none is under way)."""
    from stretchtimer.storage.history import open_history
    from stretchtimer.storage.paths import app_paths

    opened = open_history(app_paths({"STRETCHTIMER_HOME": str(home)}).history, create=False)
    if opened.database is None:
        return None
    with opened.database as database:
        newest = database.recent(limit=1)
    if not newest or newest[0].status.value != "in_progress":
        return None
    return len(newest[0].segments)


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {TIMEOUT:.0f} s for {what}")
        time.sleep(0.2)


if __name__ == "__main__":
    sys.exit(main())

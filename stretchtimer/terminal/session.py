"""Play a session in the terminal: ``stretchtimer play ID --no-gui``.

Runs on a QCoreApplication event loop (no display needed), so the same session
driver and audio player serve the terminal and the desktop app.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from collections.abc import Callable
from typing import TextIO

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from stretchtimer.core.formatting import clock_text
from stretchtimer.core.i18n import Language, _
from stretchtimer.core.routine.model import Routine
from stretchtimer.core.session.clock import SystemClock
from stretchtimer.core.session.events import (
    EasierChosen,
    EasierDropped,
    Event,
    Paused,
    SegmentStarted,
    SessionFinished,
    Status,
)
from stretchtimer.runtime.audio.cue_player import wait_until_ready
from stretchtimer.runtime.driver import SessionDriver
from stretchtimer.runtime.qt_setup import audio_application
from stretchtimer.runtime.session_setup import SessionParts, asks_comfort, is_preview
from stretchtimer.runtime.session_start import StartSounds
from stretchtimer.storage.paths import Paths
from stretchtimer.storage.settings import Settings
from stretchtimer.terminal.keys import (
    InterruptWatcher,
    KeyReader,
    cbreak,
    keys_help,
    stdout_is_unicode,
)
from stretchtimer.terminal.preparing import prepare_meanwhile
from stretchtimer.terminal.recording import TerminalRecording
from stretchtimer.terminal.render import INDENT, segment_lines, status_line
from stretchtimer.terminal.speech_setup import prepare_in_terminal

REFRESH_MS = 200
CLEAR_LINE = "\r\x1b[K"

EventListener = Callable[[Event], None]


class TerminalView(QObject):
    """Prints the session as it goes: a line per segment and, on a terminal, a live line."""

    def __init__(self, driver: SessionDriver, out: TextIO, *, live: bool) -> None:
        super().__init__()
        self.driver = driver
        self.out = out
        self.live = live
        self.unicode = stdout_is_unicode()
        self._status_shown = False
        driver.engine_event.connect(self.on_event)
        self._refresh = QTimer(self)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self.redraw)
        if live:
            self._refresh.start()

    def width(self) -> int:
        return max(40, shutil.get_terminal_size((100, 24)).columns - 1)

    def print_lines(self, lines: list[str]) -> None:
        if not lines:
            return
        if self._status_shown:
            self.out.write(CLEAR_LINE)
            self._status_shown = False
        self.out.write("\n".join(lines) + "\n")
        self.out.flush()
        self.redraw()

    def redraw(self) -> None:
        if not self.live:
            return
        line = status_line(self.driver.snapshot(), unicode=self.unicode)
        self.out.write(CLEAR_LINE + line[: self.width()])
        self.out.flush()
        self._status_shown = True

    def on_event(self, event: object) -> None:
        if isinstance(event, SegmentStarted):
            self.print_lines(
                segment_lines(self.driver.engine.plan, event.segment, width=min(self.width(), 88))
            )
        elif isinstance(event, EasierChosen):
            self.print_lines(
                textwrap.wrap(
                    event.text,
                    width=min(self.width(), 88),
                    initial_indent=INDENT,
                    subsequent_indent=INDENT,
                )
            )
        elif isinstance(event, EasierDropped):
            self.print_lines([INDENT + _("Back to the full stretch.")])
        elif isinstance(event, Paused) and event.text:
            self.print_lines([INDENT + event.text])
        elif isinstance(event, SessionFinished):
            self._refresh.stop()
            self.live = False
            active = clock_text(event.active_seconds)
            if event.status is Status.COMPLETED:
                done = _("Session complete: {time} of stretching. Well done.").format(time=active)
                self.print_lines(["", done])
            else:
                self.print_lines(["", _("Stopped after {time}.").format(time=active)])
        else:
            self.redraw()


def carry_out(driver: SessionDriver, action: str) -> None:
    """Do what a key asks; E turns the easier variation on, and off again."""
    if action == "toggle_easier":
        step = driver.engine.segment.step_index
        if step is not None and driver.engine.uses_easier(step):
            driver.use_full()
        else:
            driver.use_easier()
        return
    getattr(driver, action)()


def run_terminal_session(
    driver: SessionDriver,
    *,
    out: TextIO | None = None,
    keys_from: TextIO | None = None,
    listeners: tuple[EventListener, ...] = (),
    ready_to_quit: Callable[[Callable[[], None]], None] | None = None,
    chimed_at: float | None = None,
) -> Status:
    """Play the driver's session to its end; returns how it ended.

    ``ready_to_quit(quit)`` lets a caller delay the exit (until the last words
    have been heard); by default the event loop quits as soon as the session ends.
    ``chimed_at``: the start chime rang already then (see :meth:`SessionDriver.start`).
    """
    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    out = out or sys.stdout
    keys_from = keys_from or sys.stdin
    interactive = keys_from.isatty()
    view = TerminalView(driver, out, live=out.isatty())
    for listener in listeners:
        driver.engine_event.connect(listener)
    result: list[Status] = []

    def quit_loop() -> None:
        app.quit()

    def on_finished(status: object) -> None:
        assert isinstance(status, Status)
        result.append(status)
        if ready_to_quit is None:
            quit_loop()
        else:
            ready_to_quit(quit_loop)

    def on_action(name: str) -> None:
        carry_out(driver, name)

    driver.finished.connect(on_finished)
    watcher = InterruptWatcher(driver.stop)

    try:
        with cbreak(keys_from) as keys_available:
            reader = KeyReader(keys_from, on_action) if keys_available and interactive else None
            if reader is not None:
                out.write(keys_help() + "\n")
            QTimer.singleShot(0, lambda: driver.start(chimed_at=chimed_at))
            app.exec()
    finally:
        watcher.close()
        view.deleteLater()
    if not result:  # the loop ended some other way: treat as stopped
        return Status.STOPPED
    return result[0]


def play_in_terminal(
    routine_id: str,
    routine: Routine,
    settings: Settings,
    paths: Paths,
    *,
    speed: float,
    language: Language | None = None,
) -> Status:
    """Play ``routine`` here, through the session set-up the app uses too, said in
    ``language`` (the app's when None)."""
    audio_application()
    # Sounds first, as in the app: the audio process starts and the start chime rings as
    # soon as the chimes are loaded, while the first words render; the session begins on
    # its first words. Not when a question comes first, nor for a preview.
    asks = asks_comfort(settings, routine, speed=speed, record=True)
    start = StartSounds(
        settings,
        chime_early=not ((asks and sys.stdin.isatty()) or is_preview(speed)),
        clock=SystemClock(),  # the driver's, at speed 1 (a preview never rings early)
        can_unmute=False,  # no key unmutes here
    )
    try:
        prepared = prepare_meanwhile(
            start,
            lambda: prepare_in_terminal(routine, settings, paths, speed=speed, language=language),
        )
        player = start.take_player()
    except BaseException:
        start.close()
        raise
    parts = SessionParts(prepared, settings, can_unmute=False, player=player)
    recording = TerminalRecording(paths, parts, asks_comfort=asks)
    for sentence in prepared.notices:
        recording.say(sentence)
    parts.player.notice.connect(recording.say_live)  # the sound lost, or back
    before = recording.ask_before()
    try:  # media may pause in drive(): whatever happens next, close_player brings it back
        driver = parts.drive(
            routine_id=routine_id,
            paths=paths,
            speed=speed,
            comfort_before=before,
            on_problem=recording.relay.problem.emit,
        )
        wait_until_ready(parts.player)
        return run_terminal_session(
            driver, ready_to_quit=parts.player.when_quiet, chimed_at=start.chimed_at
        )
    finally:
        parts.close_player()
        recording.finish()

"""What the app loads before its window is ready: not the sound, speech or editor stack,
which come with the first session, voice test or editor (see the startup benchmarks)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

STARTUP = """
import json, sys
sys.path.insert(0, sys.argv[1])
from benchmarks.app_window import open_window
from PySide6.QtCore import QCoreApplication, QElapsedTimer
app, window, services = open_window()
timer = QElapsedTimer(); timer.start()
while timer.elapsed() < 1500:  # the window's first turns: pages, desk, reminders
    QCoreApplication.processEvents()
services.tasks.wait()
print(json.dumps([window.current_place(), sorted(sys.modules)]))
"""
LATER = (
    "PySide6.QtMultimedia",
    "stretchtimer.gui.editor.window",
    "stretchtimer.gui.widgets.voice_preview",
    "stretchtimer.runtime.audio.cue_player",
    "stretchtimer.speech.renderer",
    "stretchtimer.gui.session.controller",
    "stretchtimer.gui.history.page",
    "_hashlib",  # OpenSSL: 3 MB resident
    "tomli_w",  # for writing routine files
    "html.entities",  # 0.5 MB of named entities
    "_sqlite3",  # with no history yet there is nothing to open at start
    "stretchtimer.gui.editor.editors",
    "stretchtimer.storage.routines.drafts",
    # the wave's features: each with its first use, never at start
    "numpy",  # with the natural voice's engine (in its worker, not the app)
    "onnxruntime",
    "piper",
    "stretchtimer.speech.piper_speaker",
    "PySide6.QtDBus",  # desk probes and media players: with reminders or a session
    "stretchtimer.system.presence.desk_probes",
    "stretchtimer.runtime.desk.media",
    "stretchtimer.system.doctor",
    "stretchtimer.gui.widgets.pose_figure",  # the moving figure: with the player
    "stretchtimer.gui.editor.pose_picker",
    "platformdirs",  # Linux's folders are worked out without it (0.3 MiB)
    "difflib",  # the pose library's "did you mean" (0.17 MiB resident): only for a misspelt name
)


def run_script(script: str, home: Path) -> Any:
    """Run ``script`` in a fresh offscreen Python; what it printed last, as JSON."""
    root = Path(__file__).resolve().parents[3]
    environment = dict(os.environ, STRETCHTIMER_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    shown = subprocess.run(
        [sys.executable, "-c", script, str(root)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(shown.stdout.strip().splitlines()[-1])


def test_startup_leaves_sound_speech_editor_and_history_page_for_later(home: Path) -> None:
    place, modules = run_script(STARTUP, home)
    assert place == "routines"
    assert "stretchtimer.gui.routines.page" in modules  # the page is there, working
    assert "stretchtimer.gui.routines.actions" in modules
    assert [name for name in LATER if name in modules] == []


def test_a_later_start_shows_the_kept_pose_pictures_without_the_pose_library(
    home: Path,
) -> None:
    # The first start paints the cards' and the routine's pictures with the library, and
    # keeps them; the next one reads them back and never loads it.
    _place, first = run_script(STARTUP, home)
    assert "stretchtimer.core.poses" in first
    assert any((home / "cache" / "pose-pictures").glob("*.png"))
    _place, then = run_script(STARTUP, home)
    for library in (
        "stretchtimer.core.poses",
        "stretchtimer.gui.widgets.pose_painter",
        "tomllib",  # the library's poses file
    ):
        assert library not in then


FIRST_FRAME = """
import json, sys
sys.path.insert(0, sys.argv[1])
import signal
import PySide6.QtCore as QtCore
import PySide6.QtGui as QtGui
import PySide6.QtWidgets as QtWidgets
import stretchtimer.gui.app as app_module
from stretchtimer.gui.ready_probe import FirstPaint

seen = {}


def watch_first_frame(window):
    def painted():
        seen["qt_namespace_built"] = "Qt" in QtCore.__dict__
        seen["style_class_built"] = "QStyle" in QtWidgets.__dict__
        seen["furnished"] = window.centralWidget() is not None
        seen["modules"] = sorted(sys.modules)
        seen["first_classes"] = sorted(
            name for module in (QtCore, QtGui, QtWidgets) for name in module.__dict__
            if name[0] == "Q"
        )

    FirstPaint(window, painted)


def quit_once_filled(page):
    def painted():
        seen["place"] = page.window().current_place()
        seen["theme"] = page.window().services.settings.current.theme
        seen["switch_interval"] = sys.getswitchinterval()
        seen["icon"] = not QtWidgets.QApplication.windowIcon().isNull()
        seen["sigterm_watched"] = signal.getsignal(signal.SIGTERM) not in (signal.SIG_DFL, None)
        QtWidgets.QApplication.instance().setStyleSheet("")  # the style beneath the sheet
        seen["style"] = QtWidgets.QApplication.style().name()
        seen["filled_modules"] = sorted(sys.modules)
        seen["filled_classes"] = sorted(
            name for module in (QtCore, QtWidgets) for name in module.__dict__ if name[0] == "Q"
        )

        def quit():  # once the page's children (the list's cards) have painted too
            seen["widget_classes"] = sorted(name for name in QtWidgets.__dict__ if name[0] == "Q")
            seen["icon_then"] = not QtWidgets.QApplication.windowIcon().isNull()
            seen["sigterm_watched_then"] = signal.getsignal(signal.SIGTERM) not in (
                signal.SIG_DFL, None
            )
            QtCore.QCoreApplication.quit()

        QtCore.QTimer.singleShot(0, quit)

    FirstPaint(page, painted)


app_module.install_ready_probe = watch_first_frame
app_module.probe_filled = quit_once_filled
code = app_module.run_app([sys.argv[0]])
print(json.dumps(dict(seen, code=code)))
"""


def start_the_app(home: Path) -> dict[str, object]:
    """The app as ``stretchtimer`` starts it, watched at its first frame and once filled in."""
    seen: dict[str, object] = run_script(FIRST_FRAME, home)
    return seen


def test_the_window_shows_before_its_inside_is_built_and_then_fills_in(home: Path) -> None:
    first = start_the_app(home)
    assert first["place"] == "routines"
    scheme = (home / "config" / "window.ini").read_text()
    assert "system_scheme=light" in scheme or "system_scheme=dark" in scheme

    # A person with a history: it is opened once the Routines page has painted, not while
    # the page is being built (its modules and SQLite would share the interpreter).
    from stretchtimer.storage.history import open_history
    from stretchtimer.storage.paths import app_paths

    opened = open_history(app_paths().history)
    assert opened.database is not None
    opened.database.close()

    later = start_the_app(home)  # the system's colours are known from the first start
    assert later["furnished"] is False
    assert later["qt_namespace_built"] is False  # PySide's Qt enums: some 30 ms
    assert later["style_class_built"] is False  # QStyle's enums: some 15 ms
    modules = later["modules"]
    assert isinstance(modules, list)
    for inside in (
        "stretchtimer.gui.nav_bar",
        "stretchtimer.gui.routines.page",
        "stretchtimer.core.session.events",
        "stretchtimer.storage.routines.library",
        "subprocess",  # only to open the app again after a new language
        # the session coordinator (and its message box) when first asked for
        "stretchtimer.gui.session.coordinator",
        "stretchtimer.core.routine.model",  # choosing the language needs no routine
        "stretchtimer.gui.app_icon",  # the icon, the signal and stall watchers: once
        "stretchtimer.runtime.termination",  # the first frame is on screen
        "stretchtimer.runtime.watchdog",
    ):
        assert inside not in modules
    # PySide builds a class (and its enums) when it is first named: not these, for an
    # empty window (QIcon's enums alone are some 1.5 ms; Qt's catalogue folder is asked
    # for only in a language other than English).
    first_classes = later["first_classes"]
    assert isinstance(first_classes, list)
    for unused in ("QIcon", "QMessageBox", "QLibraryInfo"):
        assert unused not in first_classes
    # ... and each comes once the Routines page has painted (they are not needed to see
    # it): the app's icon, SIGTERM stopping the app in order.
    assert later["icon"] is False
    assert later["sigterm_watched"] is False
    assert later["icon_then"] is True
    assert later["sigterm_watched_then"] is True
    for after_the_page in (
        "stretchtimer.gui.app_icon",
        "stretchtimer.runtime.termination",
        "stretchtimer.runtime.watchdog",
    ):
        assert after_the_page not in later["filled_modules"]  # type: ignore[operator]
    assert later["place"] == "routines"
    assert later["style"].lower() == "fusion"  # the style sheet is written for it
    assert later["code"] == 0
    # The cards' pose pictures come after the Routines page's first paint: reading the
    # routines needs only the pose library's names, not the figures or their painter.
    filled = later["filled_modules"]
    assert isinstance(filled, list)
    assert "stretchtimer.gui.routines.page" in filled
    for picture in ("stretchtimer.core.poses.scene", "stretchtimer.gui.widgets.pose_painter"):
        assert picture not in filled
    for history in ("stretchtimer.storage.history", "_sqlite3"):
        assert history not in filled
    # PySide makes a widget class (and its enums) when first used; asking a scroll area
    # for the viewport it made itself looks the object's class up among all of them
    # (some 60 classes, 30-60 ms): the page never does, for its first paint.
    classes = later["widget_classes"]
    assert isinstance(classes, list)
    for unused in ("QCalendarWidget", "QWizard", "QMdiArea", "QColorDialog"):
        assert unused not in classes
    # Nor the classes (and their enums) of what a person asks for later: the import and
    # export dialogs, asking for a title, the tray (without --tray), opening a folder.
    filled_classes = later["filled_classes"]
    assert isinstance(filled_classes, list)
    for later_class in ("QFileDialog", "QInputDialog", "QSystemTrayIcon", "QUrl"):
        assert later_class not in filled_classes
    # The built-ins come from the cache the first start wrote: no TOML parser, no check
    # of their pose names against the pose library.
    assert (home / "cache" / "builtin-routines.json").is_file()
    for parsing in ("stretchtimer.core.routine.file", "stretchtimer.core.poses"):
        assert parsing not in filled
    # The routines' lengths come from the cache the first start wrote: no planner.
    assert (home / "cache" / "routine-lengths.json").is_file()
    # The script and the player's words come with the script or the first session.
    for later_still in (
        "stretchtimer.core.session.plan",
        "stretchtimer.core.session.estimate",
        "stretchtimer.core.session.script",
        "stretchtimer.core.session.events",
        "stretchtimer.gui.session.player.text",
    ):
        assert later_still not in filled
    # Other threads hand the interpreter back to the window within a millisecond.
    assert later["switch_interval"] <= 0.001
    # Python's socket module (its enum classes) not for the first frame: asking whether an
    # app runs needs none when no socket file is there, and the app listens for later
    # launches once its page has painted.
    assert "socket" not in modules
    # No settings file (a fresh start): no TOML parser, nor what only a file's values or
    # the pages' dates need. (The hand-off writes no JSON line when nobody listens either;
    # this script imports json itself.)
    for unread in ("tomllib", "stretchtimer.core.bounded_parse", "datetime"):
        assert unread not in modules


DESK_UP = """
import json, sys
sys.path.insert(0, sys.argv[1])
import PySide6.QtCore as QtCore
import stretchtimer.gui.app as app_module

filled = app_module.probe_filled


def quit_later(page):
    filled(page)
    QtCore.QTimer.singleShot(1500, QtCore.QCoreApplication.quit)  # the desk is up by then


app_module.probe_filled = quit_later
code = app_module.run_app([sys.argv[0]])
print(json.dumps([code, sorted(sys.modules)]))
"""


def test_the_desk_waits_for_what_the_person_asks_of_the_tray(home: Path) -> None:
    code, modules = run_script(DESK_UP, home)
    assert code == 0
    assert "stretchtimer.gui.desk.companion" in modules  # the desk is there, working
    # "Quiet until" (its dialog's date-time editor classes) comes when asked for.
    assert "stretchtimer.gui.desk.quiet_dialog" not in modules


def test_the_desk_makes_no_reminder_window_or_session_coordinator_at_start(home: Path) -> None:
    # A normal start (reminders off, no tray): the reminder window (its module, its
    # widgets) comes with the first reminder that shows in it, and the session coordinator
    # with the first session; neither the desk nor the compact player makes them at start.
    code, modules = run_script(DESK_UP, home)
    assert code == 0
    assert "stretchtimer.gui.desk.companion" in modules  # the desk is there, working
    assert "stretchtimer.gui.session.compact.mode" in modules
    for later in (
        "stretchtimer.gui.desk.reminder_window",
        "stretchtimer.gui.widgets.window_drag",
        "stretchtimer.gui.session.coordinator",
        "stretchtimer.gui.session.turns",
    ):
        assert later not in modules, later


# The reminder schedule's machinery: with reminders off (the default) a start loads none
# of it; it comes when the person turns reminders on (issue 21).
SCHEDULE = (
    "stretchtimer.core.reminders.events",
    "stretchtimer.core.reminders.schedule",
    "stretchtimer.core.reminders.working_hours",
    "stretchtimer.core.reminders.presence",
    "stretchtimer.core.reminders.local_zone",
    "stretchtimer.core.reminders.text",
    "zoneinfo",
    "stretchtimer.runtime.desk.reminders",
    "stretchtimer.runtime.desk.watch",
    "stretchtimer.gui.desk.presence",
    "stretchtimer.storage.reminders",
)


# As if the desktop had a tray: the desk builds the tray menu ("Start Desk hips",
# "Reminders are off.", "Turn reminders on") at start (offscreen shows no icon).
DESK_UP_WITH_TRAY = DESK_UP.replace(
    "import stretchtimer.gui.app as app_module\n",
    "import stretchtimer.gui.app as app_module\n"
    "import stretchtimer.gui.desk.companion as companion\n"
    "companion.tray_available = lambda: True\n",
)


@pytest.mark.parametrize("script", [DESK_UP, DESK_UP_WITH_TRAY], ids=["no-tray", "tray"])
def test_a_start_with_reminders_off_loads_nothing_of_their_schedule(
    home: Path, script: str
) -> None:
    code, modules = run_script(script, home)
    assert code == 0
    assert "stretchtimer.gui.desk.companion" in modules  # the desk is there, working
    assert "stretchtimer.gui.desk.reminders" in modules  # ... with its (idle) reminders
    assert [name for name in SCHEDULE if name in modules] == []


TURNED_ON_LATER = """
import json, sys
sys.path.insert(0, sys.argv[1])
import PySide6.QtCore as QtCore
import stretchtimer.gui.app as app_module

filled = app_module.probe_filled
seen = {}


def turn_on(services):
    before = set(sys.modules)
    services.settings.update(reminders_enabled=True)  # as Settings' switch does
    seen["loaded"] = sorted(set(sys.modules) - before)
    seen["running"] = services.reminders.driver is not None
    seen["sentence"] = services.reminders.sentence()


def quit_later(page):
    filled(page)
    services = page.window().services
    QtCore.QTimer.singleShot(1200, lambda: turn_on(services))  # the desk is up by then
    QtCore.QTimer.singleShot(1500, QtCore.QCoreApplication.quit)


app_module.probe_filled = quit_later
code = app_module.run_app([sys.argv[0]])
print(json.dumps([code, seen]))
"""


def test_reminders_turned_on_after_a_start_with_them_off_load_and_run_at_once(
    home: Path,
) -> None:
    code, seen = run_script(TURNED_ON_LATER, home)
    assert code == 0
    assert seen["running"]
    assert seen["sentence"] != "Reminders are off."  # the tray says when the next one is
    for needed in (
        "stretchtimer.core.reminders.schedule",
        "stretchtimer.runtime.desk.reminders",
        "stretchtimer.storage.reminders",
        "stretchtimer.gui.desk.presence",  # the desk watched for the schedule
        "stretchtimer.runtime.desk.watch",
    ):
        assert needed in seen["loaded"], needed


TRAY_START = """
import json, sys
sys.path.insert(0, sys.argv[1])
from dataclasses import replace
import PySide6.QtCore as QtCore
import stretchtimer.gui.app as app_module
from stretchtimer.cli import main
from stretchtimer.storage.paths import app_paths
from stretchtimer.storage.settings import SettingsStore

store = SettingsStore(app_paths().settings)
store.save(replace(store.load().settings, reminders_enabled=True))  # the desk's probes too
filled = app_module.probe_filled


def quit_later(page):
    filled(page)
    QtCore.QTimer.singleShot(1500, QtCore.QCoreApplication.quit)  # the desk is up by then


app_module.probe_filled = quit_later  # offscreen has no tray: the window opens instead
code = main(["--tray"])
print(json.dumps([code, sorted(sys.modules)]))
"""
NOT_IN_THE_TRAY = (
    "stretchtimer.commands.pose_cmd",  # the parser's commands: the pose library's camera...
    "stretchtimer.commands.routines_cmd",
    "stretchtimer.core.session.engine",  # the session engine, for the schedule's one constant
    "stretchtimer.system.presence.windows",  # another platform's probes
    "stretchtimer.system.presence.macos",
)


def test_a_start_in_the_tray_holds_no_parser_engine_or_other_platforms_probes(
    home: Path,
) -> None:
    # What ``stretchtimer --tray`` (at login, and when the app starts afresh in the tray)
    # imports it holds for hours.
    code, modules = run_script(TRAY_START, home)
    assert code == 0
    assert "stretchtimer.system.presence.desk_probes" in modules  # reminders on: probes there
    assert [name for name in NOT_IN_THE_TRAY if name in modules] == []


def test_a_start_with_reminders_on_makes_no_reminder_window_before_a_reminder(
    home: Path,
) -> None:
    # In the tray nothing else is drawn: making the reminder window at start (sizing its
    # words) loaded the fonts, some 5 MiB resident for hours. It comes with a reminder.
    code, modules = run_script(TRAY_START, home)
    assert code == 0
    assert "stretchtimer.gui.desk.presence" in modules  # reminders on: the desk is up
    assert "stretchtimer.gui.desk.reminder_window" not in modules
    assert "stretchtimer.gui.session.coordinator" not in modules


SESSION_MODULES = """
import json, sys
sys.path.insert(0, sys.argv[1])
from PySide6.QtWidgets import QApplication
app = QApplication([])
from stretchtimer.gui.session import coordinator
coordinator.load_plain_session_modules()
for name in coordinator.qt_session_modules():
    __import__(name)
maps = open("/proc/self/maps").read()
print(json.dumps(["libffmpegmediaplugin" in maps, "libQt6Multimedia" in maps]))
"""


def test_a_session_loads_no_sound_library_in_the_apps_process(home: Path) -> None:
    # The sounds play in the audio process: the app's own never connects to the sound
    # server (a server that dies then cannot leave a notifier in the app's GLib loop), and
    # never carries the sound back end's 30 MB.
    assert run_script(SESSION_MODULES, home) == [False, False]


def test_what_start_up_built_is_left_out_of_later_garbage_collections() -> None:
    # A full collection walks every object not frozen; one in a session on the GUI thread
    # would start a step late by as long as it takes (tens of ms with start-up's objects).
    import gc
    import weakref

    from stretchtimer.gui.app import settle_the_heap

    class Cycle:
        def __init__(self) -> None:
            self.me = self

    garbage = Cycle()
    gone = weakref.ref(garbage)
    alive = [object() for _ in range(10)]
    tracked_before = len(gc.get_objects())
    del garbage
    try:
        settle_the_heap()
        assert gc.get_freeze_count() >= tracked_before // 2  # start-up's objects
        assert gone() is None  # start-up's garbage collected first, not frozen
        assert gc.get_objects(generation=2) == []  # nothing left for a full collection to walk
        assert alive  # kept, only frozen
    finally:
        gc.unfreeze()


def test_a_settings_file_is_read_before_the_first_frame(home: Path) -> None:
    # With a file the TOML parser comes at once: the window opens in the colours it names.
    # (cli.py reads its Language setting: tests/unit/storage/test_languages.py.)
    (home / "config").mkdir(parents=True, exist_ok=True)
    (home / "config" / "settings.toml").write_text('version = 1\n[appearance]\ntheme = "dark"\n')
    seen = start_the_app(home)
    modules = seen["modules"]
    assert isinstance(modules, list)
    assert "tomllib" in modules
    assert seen["place"] == "routines"
    assert seen["theme"] == "dark"


GC_AT_START = """
import gc, json, sys
sys.path.insert(0, sys.argv[1])
import stretchtimer.gui.app as app_module
from stretchtimer.gui.launch import open_app

seen = []
app_module.run_app = lambda *args, **kwargs: seen.append(gc.isenabled()) or 0
code = open_app()
print(json.dumps([seen, gc.isenabled(), code]))
"""


def test_start_up_runs_no_garbage_collection_until_the_window_is_filled_in(home: Path) -> None:
    # Collections while starting walk tens of thousands of objects that live as long as
    # the app and find next to nothing (~17M instructions before the page paints). Off
    # while the app starts, on again once it has ended too (a launch handed over).
    assert run_script(GC_AT_START, home) == [[False], True, 0]
    import gc

    gc.disable()
    try:
        from stretchtimer.gui.app import settle_the_heap

        settle_the_heap()  # once the Routines page has painted
        assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


PAGE_PAINTED = """
import json, sys
sys.path.insert(0, sys.argv[1])
import PySide6.QtCore as QtCore
import PySide6.QtGui as QtGui
import PySide6.QtWidgets as QtWidgets
import stretchtimer.gui.app as app_module
from stretchtimer.gui.ready_probe import FirstPaint

seen = {}


def quit_once_filled(page):
    window = page.window()

    def painted():
        seen["modules"] = sorted(sys.modules)
        seen["gui_classes"] = sorted(name for name in QtGui.__dict__ if name[0] == "Q")
        # What the page's Start does, right after it painted: the coordinator is made then.
        routine = window.services.library.entries()[0].id
        window.routines.start_requested.emit(routine)
        seen["starting"] = window._sessions is not None and window._sessions._starting
        QtCore.QTimer.singleShot(0, QtCore.QCoreApplication.quit)

    FirstPaint(page, painted)


app_module.probe_filled = quit_once_filled
code = app_module.run_app([sys.argv[0]])
print(json.dumps(dict(seen, code=code)))
"""


def test_the_session_coordinator_and_gradients_wait_until_after_the_routines_page(
    home: Path,
) -> None:
    # Nobody starts a session before the Routines page is on screen: the coordinator (its
    # module, its message box's enums) is made when Start is first pressed, not while the
    # page is built. The nav bar's History icon is filled without QPainter.fillRect's
    # overloads, one of which makes QGradient's class and its 180 presets (some 3 ms).
    seen = run_script(PAGE_PAINTED, home)
    assert seen["code"] == 0
    assert "stretchtimer.gui.session.coordinator" not in seen["modules"]
    assert "QGradient" not in seen["gui_classes"]
    assert "QIcon" in seen["gui_classes"]  # the nav bar's icons are there
    # ... and Start still reaches it: the session is on its way.
    assert seen["starting"] is True


SCHEME_KEPT = """
import json, os, sys
sys.path.insert(0, sys.argv[1])
import PySide6.QtCore as QtCore
import stretchtimer.gui.app as app_module
from stretchtimer.gui.ready_probe import FirstPaint
from stretchtimer.storage.paths import app_paths

ini = app_paths().config / "window.ini"
seen = {"before": os.stat(ini).st_ino if ini.exists() else None}


def quit_once_filled(page):
    def settled():  # the system's scheme is read once the page is on screen
        seen["after"] = os.stat(ini).st_ino
        seen["text"] = ini.read_text()
        QtCore.QCoreApplication.quit()

    FirstPaint(page, lambda: QtCore.QTimer.singleShot(1000, settled))


app_module.probe_filled = quit_once_filled
code = app_module.run_app([sys.argv[0]])
print(json.dumps(dict(seen, code=code)))
"""


def test_the_systems_colours_are_written_down_only_when_they_changed(home: Path) -> None:
    first = run_script(SCHEME_KEPT, home)  # nothing known yet: written
    assert first["code"] == 0
    assert first["before"] is None
    scheme = "light" if "system_scheme=light" in first["text"] else "dark"
    assert f"system_scheme={scheme}" in first["text"]
    # The same colours at the next start: Qt would rewrite the file (~1 ms, as the
    # window settles) for nothing; it is left as it is.
    again = run_script(SCHEME_KEPT, home)
    assert again["after"] == again["before"]
    # Colours other than those written down: written anew.
    ini = home / "config" / "window.ini"
    other = "dark" if scheme == "light" else "light"
    ini.write_text(ini.read_text().replace(f"system_scheme={scheme}", f"system_scheme={other}"))
    changed = run_script(SCHEME_KEPT, home)
    assert changed["after"] != changed["before"]
    assert f"system_scheme={scheme}" in changed["text"]


PAGE_CLASSES = """
import json, sys
sys.path.insert(0, sys.argv[1])
import PySide6.QtCore as QtCore
import PySide6.QtGui as QtGui
import PySide6.QtWidgets as QtWidgets
import stretchtimer.gui.app as app_module
import stretchtimer.gui.theme as theme_module
from stretchtimer.gui.ready_probe import FirstPaint

seen = {}


def classes():
    return sorted(
        name for module in (QtCore, QtGui, QtWidgets) for name in module.__dict__ if name[0] == "Q"
    )


def watch_the_page(page):
    def painted():
        seen["place"] = page.window().current_place()
        seen["at_the_page"] = classes()
        seen["modules"] = sorted(sys.modules)

        def quit():  # once the page's children (the list's cards) have painted too
            seen["with_cards"] = classes()
            QtCore.QCoreApplication.quit()

        QtCore.QTimer.singleShot(0, quit)

    FirstPaint(page, painted)


def note_before_the_scheme(themes):  # once the page and its cards are on screen
    seen.setdefault("before_the_scheme", classes())
    read_the_scheme(themes)


read_the_scheme = theme_module.ThemeManager.follow_system
theme_module.ThemeManager.follow_system = note_before_the_scheme
app_module.probe_filled = watch_the_page
code = app_module.run_app([sys.argv[0]])
print(json.dumps(dict(seen, code=code)))
"""


ROUTINES_MODULES = """
import json, sys
sys.path.insert(0, sys.argv[1])
import PySide6.QtWidgets as QtWidgets
import stretchtimer.gui.routines.actions
import stretchtimer.gui.routines.files
import stretchtimer.gui.routines.page
print(json.dumps(sorted(name for name in QtWidgets.__dict__ if name[0] == "Q")))
"""


def test_the_routines_page_paints_without_the_classes_only_its_dialogs_and_states_need(
    home: Path,
) -> None:
    # PySide makes a Qt class, with every enum class it holds, when Python first names it
    # or a value of its enums reaches Python. The Routines page paints without QStyle's
    # (some 8 ms: its cards read their state from the list, not from the style option)
    # and without the routine files' store (its module: some 3 ms).
    run_script(PAGE_CLASSES, home)  # the caches a person's home has after the first start
    seen = run_script(PAGE_CLASSES, home)
    assert seen["place"] == "routines"
    assert seen["code"] == 0
    at_the_page = seen["at_the_page"]
    assert "QListView" in at_the_page  # the page is there, with its list
    assert "QStyle" not in at_the_page
    for later in ("QMessageBox", "QDialog"):  # with a dialog, or the first Start's coordinator
        assert later not in at_the_page, later
    # The store of routine files comes with the first thing done to one; the built-ins
    # are found beside their package, without importlib.resources (some 5M instructions).
    assert "stretchtimer.gui.routines.actions" in seen["modules"]
    for later in ("stretchtimer.storage.routines.store", "importlib.resources", "datetime"):
        assert later not in seen["modules"], later
    # ... nor once the cards in the list have painted too.
    with_cards = seen["with_cards"]
    assert "QStyleOptionViewItem" in with_cards  # the cards were laid out and painted
    assert "QStyle" not in with_cards
    # Nor Qt's namespace (its 93 enum classes, some 110M instructions): the page sets its
    # flags as numbers, its cards and the nav bar's icons are painted without a pen or a
    # colour handed to the painter (see gui/qt_values.py, gui/plain_paint.py), and the
    # system's colour scheme is read once the page is on screen.
    assert "Qt" not in at_the_page
    before_the_scheme = seen["before_the_scheme"]
    assert "QStyleOptionViewItem" in before_the_scheme  # the cards have painted
    assert "Qt" not in before_the_scheme
    # The page's modules name no message box or dialog class: those come with a dialog.
    named = run_script(ROUTINES_MODULES, home)
    assert "QListView" in named
    for later in ("QMessageBox", "QDialog", "QInputDialog", "QFileDialog"):
        assert later not in named, later


def test_a_home_with_settings_paints_the_routines_page_before_the_figures_load(
    home: Path,
) -> None:
    # A person's settings (any but the defaults) are applied to the Routines page's empty
    # list as it is built: the strip of figures then shows no routine, and must not import
    # the figures' library for it on the GUI thread before the page paints (some 15 ms).
    (home / "config").mkdir(parents=True, exist_ok=True)
    (home / "config" / "settings.toml").write_text(
        'version = 1\n[voice]\nrate = 170\n[appearance]\ntheme = "dark"\n'
    )
    run_script(PAGE_CLASSES, home)  # the caches a person's home has after the first start
    seen = run_script(PAGE_CLASSES, home)
    assert seen["code"] == 0
    assert seen["place"] == "routines"
    assert "stretchtimer.core.poses.scene" not in seen["modules"]
    assert "stretchtimer.gui.routines.pose_strip" in seen["modules"]  # the strip is there

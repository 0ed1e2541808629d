"""Shared test set-up: every test gets its own stretchtimer home folder."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings

from tests.integration.audio.pulse import PulseServer

if TYPE_CHECKING:
    from stretchtimer.core.i18n import Language

REPO = Path(__file__).resolve().parents[1]

# Every Qt test runs offscreen on a virtual 1920×1200 screen (the offscreen platform's
# default, 800×600, is smaller than the main window's minimum size). Set before any
# test module creates the application.
os.environ.setdefault(
    "QT_QPA_PLATFORM", f"offscreen:configfile={REPO / 'tests' / 'unit' / 'gui' / 'offscreen.json'}"
)


# Timing varies on shared CI machines, and the first text strategy of a fresh machine
# builds Hypothesis' character tables: neither is a property of our code.
settings.register_profile(
    "stretchtimer", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("stretchtimer")


def pytest_configure(config: pytest.Config) -> None:
    """Stop at once, in one line, when a system package the tests need is missing."""
    from tests.system_packages import missing_message, missing_packages

    missing = missing_packages()
    if missing:
        pytest.exit(missing_message(missing), returncode=4)


@pytest.fixture(autouse=True)
def home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """A fresh STRETCHTIMER_HOME, so no test touches a real person's files."""
    folder = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("STRETCHTIMER_HOME", str(folder))
    # Tests read English (the source language) whatever the machine's own locale is;
    # a test of another language asks for it.
    monkeypatch.setenv("LANGUAGE", "en")
    yield folder


@pytest.fixture(scope="session")
def pseudo_locale(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the pseudo-language ``qps``: every marked text reads ⟦...⟧."""
    from tests.languages import translations_script

    folder = tmp_path_factory.mktemp("pseudo-locale")
    translations_script().pseudo(folder)
    return folder


@pytest.fixture
def language(pseudo_locale: Path) -> Iterator[Callable[[str], Language]]:
    """``language("de")`` makes German the app's language until the test ends;
    ``language("qps")`` the pseudo-language."""
    from stretchtimer.core import i18n
    from stretchtimer.storage.languages import LOCALE_DIR, load_language

    def switch(tag: str) -> Language:
        chosen = load_language(tag, pseudo_locale if tag == "qps" else LOCALE_DIR)
        i18n.use(chosen)
        return chosen

    yield switch
    i18n.use(i18n.SOURCE)


@pytest.fixture(scope="session", autouse=True)
def private_session_bus() -> Iterator[str]:
    """An empty D-Bus session bus of the test run's own, for this process and its children:
    no test pauses the music, reads the idle time or shows a notification on the desktop
    of the person running the tests. Tests that need desktop services start their own."""
    from tests.integration.desk.desktop_session import session_bus

    saved = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    with session_bus() as address:
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = address
        try:
            yield address
        finally:
            if saved is None:
                os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)
            else:
                os.environ["DBUS_SESSION_BUS_ADDRESS"] = saved


@pytest.fixture(scope="session", autouse=True)
def pulse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PulseServer]:
    """A private PulseAudio server with a null sink, started before any test and stopped
    at the end. Every sound of the run goes there (never to the speakers of the machine),
    including this process's own: Qt reads the variables when it first connects, so
    the server must be there before the first test makes a sound."""
    server = PulseServer(tmp_path_factory.mktemp("pulse")).start()
    saved = {name: os.environ.get(name) for name in server.env()}
    os.environ.update(server.env())
    try:
        yield server
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        server.stop()


def run_cli(
    *args: str,
    home: Path,
    timeout: float = 120,
    input: str | None = None,
    env: dict[str, str] | None = None,
    read_only: tuple[Path, ...] = (),
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m stretchtimer ARGS`` in a child process, as a person would.

    ``read_only`` folders are mounted read-only for the child alone (a private mount
    namespace), so that even a test run as root meets a real read-only file system.
    """
    environment = dict(os.environ)
    environment["STRETCHTIMER_HOME"] = str(home)
    environment.update(env or {})
    command = [sys.executable, "-m", "stretchtimer", *args]
    if read_only:
        mounts = " && ".join(
            f'mount --bind -o ro "${index}" "${index}"' for index in range(1, len(read_only) + 1)
        )
        script = f'{mounts} && shift {len(read_only)} && exec "$@"'
        command = ["unshare", "-rm", "sh", "-c", script, "sh", *map(str, read_only), *command]
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=timeout,
        input=input,
        env=environment,
        cwd=home,
        check=False,
    )


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A skipped test is a failure here: CI must prove everything ran."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped and exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        if reporter:
            reporter.write_line(f"{skipped} test(s) were skipped; every test must run.", red=True)

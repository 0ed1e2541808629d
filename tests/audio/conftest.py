"""A private PulseAudio server with a null sink for the whole test run."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.audio.pulse import PulseServer

# In-process players need a Qt application; pytest-qt's is a QApplication, which
# needs a display platform even though nothing here is drawn.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session")
def pulse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PulseServer]:
    """Started once, stopped at the end. This process plays into it too (Qt reads the
    variables when it first connects), so in-process players are heard there."""
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

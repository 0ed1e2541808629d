"""Pointing at Start warms the natural voice up (real Piper worker) and starts the audio
process; showing the page does not (nothing is loaded at start, issue 21)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QEnterEvent
from PySide6.QtWidgets import QApplication

from stretchtimer.gui.main_window import MainWindow
from stretchtimer.runtime.audio.link import shared_link
from stretchtimer.speech import warm
from stretchtimer.speech.voices import NATURAL_DEFAULT
from tests.unit.speech.piper_children import piper_workers


@pytest.fixture(autouse=True)
def nothing_kept() -> Iterator[None]:
    warm.close_all()
    yield
    warm.close_all()


def test_pointing_at_start_loads_the_natural_voice_and_showing_the_page_does_not(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    shared_link().stop_child()  # an audio process an earlier test left to idle out
    page = window.routines
    page.set_settings(dataclasses.replace(page.settings, voice=NATURAL_DEFAULT))
    qtbot.wait(300)
    assert piper_workers() == []  # the page is shown with a routine selected: nothing yet
    assert not shared_link().running
    point = QPointF(5, 5)
    QApplication.sendEvent(page.start_button, QEnterEvent(point, point, point))
    assert shared_link().running  # the sounds of a session will load at once
    qtbot.waitUntil(lambda: len(piper_workers()) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: not warm._warming, timeout=30_000)  # the model is loaded
    kept = warm.take(warm.piper_command())
    assert kept is not None and not kept.fresh
    kept.close()
    # Muted, nothing is started.
    shared_link().stop_child()
    page.set_settings(dataclasses.replace(page.settings, muted=True))
    QApplication.sendEvent(page.start_button, QEnterEvent(point, point, point))
    qtbot.wait(300)
    assert piper_workers() == []
    assert not shared_link().running

"""Qt-side desk tests: QtCore objects on the offscreen platform.

The platform is chosen in a fixture, not at import, so that a conftest that sets
its own (the GUI tests' virtual screen) is imported first and wins.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session", autouse=True)
def offscreen_platform() -> Iterator[None]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    yield

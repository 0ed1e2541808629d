"""The log file: owner-only, and it rotates instead of growing without end."""

from __future__ import annotations

import logging
import stat
from pathlib import Path

import pytest

from stretchtimer.storage.paths import app_paths
from stretchtimer.system import log as app_log


def test_log_lines_land_in_a_private_file_that_rotates(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_log, "LOG_BYTES", 2_000)
    paths = app_paths()
    log_file = app_log.setup_logging(paths)
    assert log_file == paths.log_file
    try:
        logger = logging.getLogger("stretchtimer.test")
        for number in range(200):
            logger.warning("line %d of a long session", number)
        assert stat.S_IMODE(paths.log_file.stat().st_mode) == 0o600
        rotated = sorted(path.name for path in paths.logs.iterdir())
        assert rotated == [
            "stretchtimer.log",
            "stretchtimer.log.1",
            "stretchtimer.log.2",
            "stretchtimer.log.3",
        ]
        assert all(path.stat().st_size < 2_200 for path in paths.logs.iterdir())
        assert "line 199 of a long session" in paths.log_file.read_text()
        assert "line 199" in app_log.log_tail(paths)
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "_stretchtimer", False):
                logging.getLogger().removeHandler(handler)
                handler.close()

"""What the app remembers about its windows is readable by its owner only."""

from __future__ import annotations

import stat
from pathlib import Path

from stretchtimer.gui.window_state import window_state


def test_window_ini_is_owner_only_new_or_old(tmp_path: Path) -> None:
    store = window_state(tmp_path)
    store.setValue("geometry", b"somewhere")
    store.sync()
    path = tmp_path / "window.ini"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.chmod(0o644)  # written by an older version
    again = window_state(tmp_path)
    again.setValue("geometry", b"elsewhere")
    again.sync()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert window_state(tmp_path).value("geometry") == b"elsewhere"

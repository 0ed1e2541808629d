"""PySide6's import hook tamed: no module's source read and kept at start."""

from __future__ import annotations

import subprocess
import sys

# In a fresh interpreter, as the app starts: the sources linecache holds once PySide6 and
# a later module are imported.
SCRIPT = """
import linecache, sys
from stretchtimer.system.pyside_tweaks import skip_feature_scan
skip_feature_scan()
import PySide6.QtWidgets
import json.decoder
print("\\n".join(linecache.cache))
"""


def test_no_source_is_read_or_kept_by_pyside6s_import_hook() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60, check=True
    )
    kept = result.stdout.split()
    assert not [name for name in kept if name.endswith(("enum.py", "__init__.py", "decoder.py"))]

"""Make PySide6 cheaper to start, for an app that never uses its ``__feature__`` switches.

Importing PySide6 replaces ``__import__`` with a hook that, for every module imported
afterwards, reads the module's whole source (``inspect.getsource``) to see whether
it mentions PySide6; the answer only matters for the opt-in ``from __feature__
import snake_case`` syntax. It costs start-up time and keeps every source file in
``linecache`` (megabytes). Telling the hook that no module uses the feature switches
is exactly true for stretchtimer, and turns the check into a dictionary update.
See napari/napari#8584 for the same finding.
"""

from __future__ import annotations

import logging
import sys
from types import ModuleType

log = logging.getLogger(__name__)


def _uses_no_features(module: ModuleType) -> bool:
    return False


def skip_feature_scan() -> None:
    """Call before importing the rest of the app's Qt modules; harmless if PySide changes.

    The hook has already scanned the modules PySide6 imports itself (``enum`` among them):
    their lines, some 190 KiB kept for the life of the app, are let go again.
    """
    import linecache

    cached_before = set(linecache.cache)
    import PySide6  # noqa: F401 - loads shiboken's import hook, which we then tame

    for name in set(linecache.cache) - cached_before:
        linecache.cache.pop(name, None)

    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _uses_no_features  # type: ignore[attr-defined]
    else:
        log.debug("PySide6 has no feature scan to skip")

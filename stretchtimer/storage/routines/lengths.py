"""How long each listed routine takes with the person's settings, kept between runs.

A routine's length is the planned length of its session (:mod:`core.session.estimate`):
the whole plan is built for it, after the planner's modules are imported, some 10-20 ms
for the five built-ins before the Routines page can paint. A length depends only on the
routine, six settings (prepare, rest, settle, breath guidance, speaking the easier
variation, rate), the language and the planner's own code, so the lengths are written
to ``routine-lengths.json`` in the cache folder (owner-only) and read back on later
starts.

What a kept length is trusted for is in its keys: the outer key is the six settings,
the language, the app's version and the size and modification time of every module the
plan is built by and of the core translations; the inner key a digest (BLAKE2b) of the
routine itself, so a routine that changed (an edited file of the person's) is estimated
afresh. Anything else (missing, unreadable, damaged) means "not kept": the lengths are
estimated as always and the file is written again. At most :data:`KEPT` combinations
of settings are kept, the latest first.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stretchtimer import __version__
from stretchtimer.core import i18n
from stretchtimer.storage.atomic import write_atomically
from stretchtimer.storage.code_stamp import stamp_files
from stretchtimer.storage.routines.builtin_cache import hasher

if TYPE_CHECKING:
    from stretchtimer.core.routine.model import Routine
    from stretchtimer.core.session.estimate import PlanSettings
    from stretchtimer.storage.routines.library import RoutineEntry

log = logging.getLogger(__name__)

FILE_NAME = "routine-lengths.json"
CACHE_FORMAT = 1  # raise when the file's layout changes
KEPT = 8  # combinations of settings and language kept
LIMIT = 1024 * 1024  # a lengths file larger than this is not ours
# What the plan takes from the settings: core.session.estimate.PlanSettings (a test
# holds the two together).
PLAN_SETTINGS = ("prepare", "rest", "settle", "breath_guidance", "speak_easier", "rate")
# The code a plan is built by: a change to any of these files makes new keys.
_PLANNER = (
    "core/session/*.py",
    "core/routine/*.py",
    "core/i18n.py",
    "locale/*/LC_MESSAGES/core.mo",
)


def routine_seconds(
    entries: Sequence[RoutineEntry], settings: PlanSettings, cache_folder: Path | None
) -> list[float]:
    """The planned seconds of each of ``entries`` with ``settings`` (0 for a broken
    file): kept ones read from ``cache_folder``, the others estimated (and kept)."""
    usable = [entry.routine for entry in entries if entry.routine is not None]
    if cache_folder is None or not usable:
        return [_estimate(entry.routine, settings) if entry.routine else 0.0 for entry in entries]
    key = settings_key(settings)
    table = _read(cache_folder)
    kept = table.get(key, {})
    lengths: dict[str, float] = {}
    for routine in usable:
        digest = routine_digest(routine)
        seconds = kept.get(digest)
        lengths[digest] = seconds if seconds is not None else _estimate(routine, settings)
    if lengths != kept:
        _write(cache_folder, key, lengths, table)
    return [lengths[routine_digest(entry.routine)] if entry.routine else 0.0 for entry in entries]


def settings_key(settings: PlanSettings) -> str:
    """The key of one combination of plan settings, language and planner code."""
    values = [getattr(settings, name) for name in PLAN_SETTINGS]
    digest = hasher()
    digest.update(json.dumps([CACHE_FORMAT, __version__, i18n.app_language().tag, values]).encode())
    stamp_files(digest, _PLANNER)
    return str(digest.hexdigest())


def routine_digest(routine: Routine) -> str:
    """A digest of everything in ``routine`` (its frozen dataclasses' text)."""
    digest = hasher()
    digest.update(repr(routine).encode())
    return str(digest.hexdigest())


def _estimate(routine: Routine, settings: PlanSettings) -> float:
    # The planner, only for a length not kept.
    from stretchtimer.core.session.estimate import estimated_seconds

    return estimated_seconds(routine, settings)


def _read(folder: Path) -> dict[str, dict[str, float]]:
    """The kept lengths by settings key, latest first; empty when there are none."""
    path = folder / FILE_NAME
    try:
        if path.stat().st_size > LIMIT:
            return {}
        data: Any = json.loads(path.read_bytes())
        if not isinstance(data, dict):
            raise ValueError("not a table")
        return {
            str(key): {str(digest): _seconds(seconds) for digest, seconds in lengths.items()}
            for key, lengths in data.items()
        }
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, TypeError, AttributeError, RecursionError) as error:
        log.info("ignoring the routine lengths kept in %s: %s", path, error)
        return {}


def _seconds(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < 1e6:
        raise ValueError(f"not a length: {value!r}")
    return float(value)


def _write(
    folder: Path, key: str, lengths: dict[str, float], table: dict[str, dict[str, float]]
) -> None:
    """Keep ``lengths`` under ``key``, first, with the latest other combinations."""
    others = [(other, kept) for other, kept in table.items() if other != key]
    data = dict([(key, lengths), *others[: KEPT - 1]])
    try:
        write_atomically(folder / FILE_NAME, json.dumps(data).encode())
    except OSError as error:
        log.info("could not keep the routine lengths in %s: %s", folder, error)

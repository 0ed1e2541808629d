"""The built-in routines as parsed last time, kept in the cache folder between runs.

Reading the five built-ins (TOML with three translations each, every pose name checked
against the pose library) takes some 30-70 ms, before the Routines page can paint. The
parsed routines are written once to ``builtin-routines.json`` in the cache folder
(owner-only) and read back on later starts in about a millisecond.

The file is trusted only when it is for exactly these built-ins: its key is a digest
(BLAKE2b) of every built-in file's name and bytes, the app's version and the shape of the routine
model. Anything else (missing, unreadable, damaged, another key, a value the model
would not hold) means "no cache": the built-ins are parsed as always and the file is
written afresh. The JSON names only the model's own classes, so reading a tampered
file can build nothing but routines.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from stretchtimer import __version__
from stretchtimer.core.routine import model
from stretchtimer.storage.atomic import write_atomically

log = logging.getLogger(__name__)

FILE_NAME = "builtin-routines.json"
CACHE_FORMAT = 1  # raise when the file's layout changes
LIMIT = 4 * 1024 * 1024  # a cache file larger than this is not ours

Parsed = tuple[tuple[str, model.Routine], ...]

_CLASSES: dict[str, type[Any]] = {
    cls.__name__: cls
    for cls in (
        model.Routine,
        model.Step,
        model.Pace,
        model.Hold,
        model.Breaths,
        model.Reps,
        model.StepTranslation,
        model.RoutineTranslation,
    )
}
_ENUMS: dict[str, type[enum.Enum]] = {"Sides": model.Sides, "Side": model.Side}


class DamagedCacheError(ValueError):
    """The cache file holds something the routine model would not."""


def cache_key(files: Iterable[tuple[str, bytes]]) -> str:
    """The digest that ties a cache file to these built-in files and this app."""
    digest = hasher()
    digest.update(f"{CACHE_FORMAT}\0{__version__}\0{_model_shape()}\0".encode())
    for name, data in files:
        digest.update(name.encode())
        digest.update(b"\0%d\0" % len(data))
        digest.update(data)
    return str(digest.hexdigest())


def _model_shape() -> str:
    """The model's classes and fields: a model that changes shape makes a new key."""
    return ";".join(
        f"{name}({','.join(field.name for field in dataclasses.fields(cls))})"
        for name, cls in sorted(_CLASSES.items())
    )


def read(folder: Path, key: str) -> Parsed | None:
    """The routines cached under ``key`` in ``folder``; None when there is no usable cache."""
    path = folder / FILE_NAME
    try:
        if path.stat().st_size > LIMIT:
            return None
        data = json.loads(path.read_bytes())
        if not isinstance(data, dict) or data.get("key") != key:
            return None
        text = data["routines"]
        if not isinstance(text, str) or _checksum(text) != data.get("checksum"):
            raise DamagedCacheError("the routines do not match their checksum")
        parsed = []
        for routine_id, value in json.loads(text):
            routine = _decode(value)
            if not isinstance(routine_id, str) or not isinstance(routine, model.Routine):
                raise DamagedCacheError("not a routine")
            parsed.append((routine_id, routine))
        return tuple(parsed)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError) as error:
        # JSONDecodeError and DamagedCacheError are ValueErrors; a wrong field is a TypeError.
        log.info("ignoring the built-in routines cache %s: %s", path, error)
        return None


def write(folder: Path, key: str, routines: Parsed) -> None:
    """Keep ``routines`` for the next start; a cache that cannot be written is only logged."""
    text = json.dumps(
        [[routine_id, _encode(routine)] for routine_id, routine in routines],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    whole = json.dumps({"key": key, "checksum": _checksum(text), "routines": text})
    try:
        write_atomically(folder / FILE_NAME, whole.encode())
    except OSError as error:
        log.info("could not keep the built-in routines cache in %s: %s", folder, error)


def _checksum(text: str) -> str:
    checksum = hasher()
    checksum.update(text.encode())
    return str(checksum.hexdigest())


def hasher() -> Any:
    """BLAKE2b from Python's own built-in module: ``hashlib`` would load OpenSSL (some 3 MB
    resident) into every start."""
    try:
        from _blake2 import blake2b
    except ImportError:  # a Python built without it
        from hashlib import blake2b
    return blake2b(digest_size=32)


def _encode(value: object) -> Any:
    if isinstance(value, enum.Enum):
        return {"enum": type(value).__name__, "value": value.value}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {
            field.name: _encode(getattr(value, field.name)) for field in dataclasses.fields(value)
        }
        return {"class": type(value).__name__, "fields": fields}
    if isinstance(value, tuple):
        return [_encode(item) for item in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"cannot keep {type(value).__name__} in the routines cache")


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_decode(item) for item in value)
    if isinstance(value, dict):
        if "enum" in value:
            return _ENUMS[value["enum"]](value["value"])
        cls = _CLASSES[value["class"]]
        fields = value["fields"]
        if not isinstance(fields, dict):
            raise DamagedCacheError("fields is not a table")
        return cls(**{name: _decode(item) for name, item in fields.items()})
    return value

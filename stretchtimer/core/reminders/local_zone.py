"""The person's time zone, with its daylight-saving rules, for working hours.

A fixed offset (what ``datetime.now().astimezone()`` gives) is right only until
the next daylight-saving change; working hours need the zone's rules. In order:

1. ``TZ``, when it names a zone (``Europe/Berlin`` or ``:Europe/Berlin``);
2. ``/etc/localtime`` (Linux, macOS and the BSDs): the zone file the system uses;
3. otherwise (Windows, which names its zones differently) the current fixed
   offset. The reminder driver reads the zone again after every wake and every
   settings change, so a daylight-saving change (mostly at night, while the
   machine sleeps or is off) is picked up soon after it happens.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import zoneinfo
from collections.abc import Mapping
from pathlib import Path

log = logging.getLogger(__name__)

SYSTEM_ZONE_FILE = Path("/etc/localtime")


def system_zone(
    environ: Mapping[str, str] | None = None, zone_file: Path = SYSTEM_ZONE_FILE
) -> dt.tzinfo:
    """The local time zone, as fully as this system can tell it."""
    environ = os.environ if environ is None else environ
    name = environ.get("TZ", "").removeprefix(":").strip()
    if name:
        try:
            return zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            log.info("TZ=%r is not a zone name; using the system's zone", name)
    try:
        with zone_file.open("rb") as stream:
            return zoneinfo.ZoneInfo.from_file(stream, key=_zone_key(zone_file))
    except (OSError, ValueError):
        pass
    zone = dt.datetime.now().astimezone().tzinfo
    assert zone is not None
    return zone


def _zone_key(zone_file: Path) -> str:
    """``Europe/Berlin`` for a link into a zoneinfo folder; the file name otherwise."""
    try:
        target = zone_file.resolve().as_posix()
    except OSError:
        return str(zone_file)
    marker = "/zoneinfo/"
    return target.split(marker, 1)[1] if marker in target else str(zone_file)

"""The zone reminders use for working hours: the system's, with its daylight-saving rules."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

from stretchtimer.core.reminders.local_zone import system_zone

SUMMER = dt.datetime(2024, 7, 1, 12, tzinfo=dt.UTC)
WINTER = dt.datetime(2024, 1, 15, 12, tzinfo=dt.UTC)


def offsets(zone: dt.tzinfo) -> tuple[dt.timedelta | None, dt.timedelta | None]:
    return SUMMER.astimezone(zone).utcoffset(), WINTER.astimezone(zone).utcoffset()


def test_reminder_zone_from_tz_knows_both_summer_and_winter(tmp_path: Path) -> None:
    zone = system_zone({"TZ": ":Europe/Berlin"}, zone_file=tmp_path / "missing")
    assert offsets(zone) == (dt.timedelta(hours=2), dt.timedelta(hours=1))
    assert str(zone) == "Europe/Berlin"


def test_reminder_zone_from_the_system_zone_file(tmp_path: Path) -> None:
    zoneinfo_dir = tmp_path / "usr" / "share" / "zoneinfo" / "America"
    zoneinfo_dir.mkdir(parents=True)
    shutil.copy(Path("/usr/share/zoneinfo/America/New_York"), zoneinfo_dir / "New_York")
    link = tmp_path / "localtime"
    link.symlink_to(zoneinfo_dir / "New_York")
    zone = system_zone({}, zone_file=link)
    assert offsets(zone) == (dt.timedelta(hours=-4), dt.timedelta(hours=-5))
    assert str(zone) == "America/New_York"


def test_reminder_zone_ignores_a_tz_that_is_no_zone(tmp_path: Path) -> None:
    link = tmp_path / "localtime"
    link.symlink_to(Path("/usr/share/zoneinfo/Asia/Kolkata"))
    zone = system_zone({"TZ": "Not/A_Zone"}, zone_file=link)
    assert offsets(zone) == offsets(ZoneInfo("Asia/Kolkata"))


def test_reminder_zone_without_any_zone_file_is_the_current_offset(tmp_path: Path) -> None:
    zone = system_zone({}, zone_file=tmp_path / "missing")
    now = dt.datetime.now().astimezone()
    assert dt.datetime.now(zone).utcoffset() == now.utcoffset()

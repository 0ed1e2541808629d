"""The person's settings: one TOML file, versioned, with a default for every key.

Every setting is declared once, with its TOML section, default and check (the
``Settings`` dataclass below). A file that cannot be read, or holds values that
are not valid, is copied aside before anything is written over it, and the
person is told where it went: their choices are never silently lost.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stretchtimer.core.i18n import _
from stretchtimer.storage.atomic import write_private_new, write_text_atomically
from stretchtimer.storage.bounded_read import FileRefusedError, read_bounded

log = logging.getLogger(__name__)

SETTINGS_VERSION = 1
MAX_SETTINGS_BYTES = 1024 * 1024
"""A settings file is a few hundred bytes; a megabyte is not one."""

Check = Callable[[Any], bool]


def _number(low: float, high: float) -> Check:
    def check(value: Any) -> bool:
        return (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and (low <= value <= high)
        )

    return check


def _one_of(*choices: str) -> Check:
    return lambda value: value in choices


def _text(limit: int) -> Check:
    return lambda value: isinstance(value, str) and len(value) <= limit


def _language_tag(value: Any) -> bool:
    """Empty, or a tag such as ``de`` or ``pt_BR``: letters, then a region."""
    return isinstance(value, str) and (
        not value
        or (
            len(value) <= 20
            and value.replace("_", "").replace("-", "").isascii()
            and value.replace("_", "").replace("-", "").isalpha()
        )
    )


def _bool(value: Any) -> bool:
    return isinstance(value, bool)


def _clock_time(value: Any) -> bool:
    if not isinstance(value, str) or len(value) != 5 or value[2] != ":":
        return False
    hours, minutes = value[:2], value[3:]
    return hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60


def _date_time_or_empty(value: Any) -> bool:
    """Empty, or an ISO date and time like ``2024-06-03T15:00`` (local without an offset)."""
    if not isinstance(value, str) or len(value) > 40:
        return False
    if not value:
        return True
    import datetime  # only to check a file's value: not imported for a start without one

    try:
        datetime.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _days(value: Any) -> bool:
    return (
        isinstance(value, list)
        and all(day in WEEKDAYS for day in value)
        and len(set(value)) == len(value)
    )


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def setting(section: str, default: Any, check: Check, doc: str) -> Any:
    """Declare a setting: where it lives in the file, its default and what is valid."""
    return field(default=default, metadata={"section": section, "check": check, "doc": doc})


@dataclass(frozen=True)
class Settings:
    """Every setting with its default. Change one with ``dataclasses.replace``."""

    # voice
    voice_enabled: bool = setting("voice", True, _bool, "speak the steps aloud")
    voice: str = setting("voice", "", _text(200), "voice id; empty for the engine's default")
    rate: int = setting("voice", 165, _number(80, 400), "speaking rate, words per minute")
    voice_volume: float = setting("voice", 0.9, _number(0, 1), "voice volume, 0 to 1")
    # sound
    muted: bool = setting("sound", False, _bool, "no voice and no chimes")
    chime_volume: float = setting("sound", 0.6, _number(0, 1), "chime volume, 0 to 1")
    breath_guidance: str = setting(
        "sound",
        "spoken",
        _one_of("spoken", "tones"),
        "spoken: 'breathe in / breathe out' every breath; tones: spoken once, then tones",
    )
    # session
    prepare: float = setting(
        "session",
        5.0,
        _number(0, 120),
        "seconds to get into position, unless a routine says otherwise",
    )
    rest: float = setting(
        "session", 10.0, _number(0, 600), "seconds between steps, unless a routine says otherwise"
    )
    settle: float = setting(
        "session",
        3.0,
        _number(0, 30),
        "seconds of quiet after the last instruction before a timed part starts, unless a "
        "routine says otherwise (routines in format 2)",
    )
    speak_easier: bool = setting(
        "session",
        True,
        _bool,
        "say the easier way aloud as an option after each step's setup (format 2 routines)",
    )
    comfort_rating: str = setting(
        "session",
        "routine",
        _one_of("routine", "always", "never"),
        "ask how your hips and back feel (0 to 10) before and after a session: routine (only "
        "for routines that call for it, such as sciatica relief), always or never",
    )
    weekly_goal: int = setting(
        "session",
        3,
        lambda value: isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 21,
        "sessions a week you aim for, 1 to 21 (History shows how the week is going)",
    )
    # appearance
    theme: str = setting(
        "appearance",
        "system",
        _one_of("system", "light", "dark"),
        "follow the system, or always light or dark",
    )
    language: str = setting(
        "appearance",
        "",
        _language_tag,
        "the language of the app and its voice, such as de, es or fr; empty follows the "
        "system (applies when stretchtimer next starts)",
    )
    # reminders
    reminders_enabled: bool = setting("reminders", False, _bool, "remind me to stretch")
    reminder_interval: int = setting("reminders", 50, _number(5, 480), "minutes between reminders")
    reminder_start: str = setting("reminders", "09:00", _clock_time, "working hours start")
    reminder_end: str = setting("reminders", "17:30", _clock_time, "working hours end")
    reminder_days: tuple[str, ...] = setting(
        "reminders", ("mon", "tue", "wed", "thu", "fri"), _days, "working days"
    )
    reminder_routine: str = setting(
        "reminders", "", _text(200), "routine to suggest; empty for the last one played"
    )
    reminder_snooze: int = setting("reminders", 10, _number(1, 240), "snooze minutes")
    reminder_speak: bool = setting("reminders", False, _bool, "say 'time to stretch' aloud")
    quiet_until: str = setting(
        "reminders",
        "",
        _date_time_or_empty,
        "no reminders until this date and time, like 2024-06-03T15:00; empty for none",
    )
    # at the desk
    idle_break: bool = setting(
        "desk", True, _bool, "time away from the keyboard counts as a break; none to an empty desk"
    )
    idle_break_minutes: int = setting(
        "desk", 5, _number(1, 120), "minutes away from the keyboard that count as a break"
    )
    wait_for_meeting: bool = setting(
        "desk", True, _bool, "no reminder while a microphone or camera is in use"
    )
    wait_for_full_screen: bool = setting(
        "desk", True, _bool, "no reminder while another app is full screen"
    )
    wait_for_do_not_disturb: bool = setting(
        "desk", True, _bool, "no reminder while the desktop's Do Not Disturb is on"
    )
    pause_media: bool = setting(
        "desk", True, _bool, "pause music and videos during a routine, and resume them after"
    )
    # start-up
    start_at_login: bool = setting("startup", False, _bool, "start in the tray at login")


SECTIONS = tuple(dict.fromkeys(f.metadata["section"] for f in dataclasses.fields(Settings)))

# Upgrades from older settings files, by the version they upgrade from. Each takes
# the parsed document and returns it in the next version's shape.
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


@dataclass(frozen=True)
class LoadResult:
    settings: Settings
    notice: str | None = None  # one sentence for the person, when something was wrong


def settings_to_document(settings: Settings) -> dict[str, Any]:
    document: dict[str, Any] = {"version": SETTINGS_VERSION}
    for section in SECTIONS:
        document[section] = {}
    for item in dataclasses.fields(Settings):
        value = getattr(settings, item.name)
        document[item.metadata["section"]][item.name] = (
            list(value) if isinstance(value, tuple) else value
        )
    return document


def settings_from_document(document: dict[str, Any]) -> tuple[Settings, list[str]]:
    """Settings from a parsed file; invalid or unknown values are listed, not used."""
    problems: list[str] = []
    values: dict[str, Any] = {}
    known = {item.name: item for item in dataclasses.fields(Settings)}
    for section, table in document.items():
        if section == "version":
            continue
        if not isinstance(table, dict):
            problems.append(_("[{section}] is not a table").format(section=section))
            continue
        for key, value in table.items():
            item = known.get(key)
            if item is None or item.metadata["section"] != section:
                problems.append(_("unknown setting {name}").format(name=f"{section}.{key}"))
            elif not item.metadata["check"](value):
                # TRANSLATORS: {meaning} is the setting's description from the settings
                # file, in English.
                problems.append(
                    _("{name} = {value} is not valid ({meaning})").format(
                        name=f"{section}.{key}", value=_shown(value), meaning=item.metadata["doc"]
                    )
                )
            else:
                values[key] = tuple(value) if isinstance(value, list) else value
    return Settings(**values), problems


def _shown(value: Any) -> str:
    """A value in a sentence: short, whatever the file held."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


class SettingsStore:
    """Loads and saves the settings file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> LoadResult:
        """The settings in the file; defaults, and one sentence, for whatever is wrong.

        Never raises: a file that cannot be used at all (not UTF-8, not TOML, too
        deep, too large, a folder) leaves every default in use.
        """
        read = self._read()
        if isinstance(read, LoadResult):
            return read
        data, document = read
        version = document.get("version", 1)
        if not isinstance(version, int) or isinstance(version, bool):
            return self._unusable(_("has no valid version number"), data)
        if version > SETTINGS_VERSION:
            log.warning("settings file %s is version %s, newer than this app", self.path, version)
            settings, _ignored = settings_from_document(document)
            return LoadResult(
                settings,
                _(
                    "Your settings were saved by a newer stretchtimer; "
                    "this version uses what it understands and will not change the file."
                ),
            )
        if version < SETTINGS_VERSION and version not in UPGRADES:
            return self._unusable(
                _("has version {version}, which no stretchtimer wrote").format(version=version),
                data,
            )
        upgraded = version < SETTINGS_VERSION
        while version < SETTINGS_VERSION:
            backup = self._copy_aside(f"v{version}", data)
            log.info("upgrading settings from version %s (copy kept at %s)", version, backup)
            document = UPGRADES[version](document)
            version += 1
        settings, problems = settings_from_document(document)
        if problems:
            for problem in problems:
                log.warning("settings %s: %s", self.path, problem)
            return LoadResult(
                settings,
                _(
                    "Some settings were not valid and are back to their defaults "
                    "({problem}); {kept}"
                ).format(problem=problems[0], kept=self._kept(self._copy_aside("invalid", data))),
            )
        if upgraded:
            try:
                self.save(settings)
            except OSError as error:
                log.warning("cannot save the upgraded settings (%s)", error)
        return LoadResult(settings)

    def _read(self) -> tuple[bytes, dict[str, Any]] | LoadResult:
        """The file's bytes and document, or what to use when there is none to use."""
        try:
            data = read_bounded(self.path, MAX_SETTINGS_BYTES)
        except FileNotFoundError:
            return LoadResult(Settings())
        except FileRefusedError as refused:
            return self._unusable(refused.reason, None)
        except OSError as error:
            return self._unusable(
                _("could not be read ({reason})").format(reason=error.strerror or error), None
            )
        # The TOML parser only for a file that is there (a fresh start has none).
        import tomllib

        from stretchtimer.core.bounded_parse import ParseLimitError, loads_toml

        try:
            return data, loads_toml(data.decode("utf-8"))
        except UnicodeDecodeError:
            return self._unusable(_("is not UTF-8 text"), data)
        except tomllib.TOMLDecodeError as error:
            return self._unusable(_("is not valid TOML ({reason})").format(reason=error), data)
        except ParseLimitError as error:
            return self._unusable(error.message, data)

    def save(self, settings: Settings) -> None:
        """Write the settings atomically. Raises OSError when the disk refuses."""
        if self._newer_on_disk():
            log.warning("not overwriting settings saved by a newer stretchtimer")
            return
        import tomli_w  # only when something changed

        text = tomli_w.dumps(settings_to_document(settings))
        write_text_atomically(self.path, text)

    def _newer_on_disk(self) -> bool:
        from stretchtimer.core.bounded_parse import loads_toml

        try:
            document = loads_toml(read_bounded(self.path, MAX_SETTINGS_BYTES).decode("utf-8"))
        except (OSError, FileRefusedError, ValueError):  # decoding, TOML and limit errors
            return False
        version = document.get("version", 1)
        return isinstance(version, int) and version > SETTINGS_VERSION

    def _unusable(self, why: str, data: bytes | None) -> LoadResult:
        log.warning("settings file %s %s", self.path, why)
        kept = self._kept(self._copy_aside("unreadable", data)) if data is not None else ""
        return LoadResult(
            Settings(),
            # TRANSLATORS: {why} says what is wrong with the file, such as "is not UTF-8
            # text"; {kept} says where a copy of it is.
            _("Your settings file {file} {why}, so the defaults are in use; {kept}").format(
                file=self.path, why=why, kept=kept
            )
            if kept
            else _("Your settings file {file} {why}, so the defaults are in use.").format(
                file=self.path, why=why
            ),
        )

    def _kept(self, copy: Path | OSError) -> str:
        if isinstance(copy, Path):
            return _("your file was copied to {file}.").format(file=copy)
        return _("your file could not be copied aside ({reason}).").format(
            reason=copy.strerror or copy
        )

    def _copy_aside(self, reason: str, data: bytes) -> Path | OSError:
        """Keep ``data`` beside the settings file, owner-only, once.

        While the same bad file stays, every launch finds the copy already made
        instead of making another.
        """
        number = 1
        while (target := self.path.with_name(f"{self.path.name}.{reason}-{number}")).exists():
            if _holds(target, data):
                return target
            number += 1
        try:
            write_private_new(target, data)
        except OSError as error:
            log.warning("cannot copy the settings aside to %s (%s)", target, error)
            return error
        return target


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and read_bounded(path, len(data)) == data
    except (OSError, FileRefusedError):
        return False

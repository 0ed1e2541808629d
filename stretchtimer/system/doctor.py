"""What the app found on this machine, for ``stretchtimer doctor``: one finding a line.

Every finding says what works, or what is missing and the one command or setting
that fixes it. Optional parts (natural voices, a full-screen check on Wayland) say
"off" rather than "missing" when they are simply not there. Nothing here changes
the machine; every question is bounded by a short timeout.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from PySide6.QtDBus import QDBusConnection

from stretchtimer.core import i18n
from stretchtimer.core.i18n import N_, _, n_, p_
from stretchtimer.runtime import dbus
from stretchtimer.runtime.desk.media_key import MediaKeyControl, media_key_control
from stretchtimer.storage.paths import Paths
from stretchtimer.system.autostart import Autostart
from stretchtimer.system.presence.desk_probes import DeskProbes
from stretchtimer.system.presence.probe import Check, Kind, Probe

NO_BUS_FIX = N_("start stretchtimer inside your desktop session (no session D-Bus was found)")
BUS_DAEMON = ("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus")
TRAY_FIX = N_(
    "on GNOME, install and turn on the AppIndicator extension "
    "(sudo apt install gnome-shell-extension-appindicator)"
)


@dataclass(frozen=True)
class Finding:
    """One line of the doctor's report."""

    topic: str  # "idle time", "voice", "data folder": marked with N_, shown translated
    ok: bool
    detail: str  # what was found
    fix: str = ""  # the one command or setting that makes it work, when not ok
    optional: bool = False  # not there, and that is fine: shown as "off"

    @property
    def state(self) -> str:
        if self.ok:
            return "ok"
        return "off" if self.optional else "missing"

    def line(self, width: int, state_width: int = 8) -> str:
        state = state_word(self.state)
        text = f"{state:<{state_width}} {_(self.topic):<{width}}  {self.detail}"
        if not self.fix:
            return text
        fix = _("fix: {command}").format(command=self.fix)
        return f"{text}\n{'':<{state_width}} {'':<{width}}  {fix}"

    def as_json(self) -> dict[str, object]:
        return {**asdict(self), "state": self.state}


def state_word(state: str) -> str:
    """``ok``, ``off`` or ``missing``, as the report shows it (the JSON keeps the word)."""
    words = {
        "ok": p_("doctor", "ok"),
        "off": p_("doctor", "off"),
        "missing": p_("doctor", "missing"),
    }
    return words.get(state, state)


def report(findings: Sequence[Finding]) -> str:
    width = max((len(_(finding.topic)) for finding in findings), default=0)
    state_width = max(8, *(len(state_word(state)) + 1 for state in ("ok", "off", "missing")))
    return "\n".join(finding.line(width, state_width) for finding in findings)


# -- language ------------------------------------------------------------------------------


def language_finding(locale_dir: Path | None = None) -> Finding:
    """The language in use, and the catalogues found for it."""
    from stretchtimer.storage.languages import DOMAINS, LOCALE_DIR, native_name, shipped_languages

    folder = locale_dir or LOCALE_DIR
    language = i18n.app_language()
    shipped = shipped_languages(folder)
    others = ", ".join(shipped)
    if language.is_source:
        return Finding(
            N_("language"),
            True,
            _("{name} ({tag}), the source language; catalogues for {languages} in {folder}").format(
                name=native_name(language.tag), tag=language.tag, languages=others, folder=folder
            ),
        )
    found = [
        domain
        for domain in DOMAINS
        if (folder / language.base / "LC_MESSAGES" / f"{domain}.mo").is_file()
    ]
    if len(found) == len(DOMAINS):
        return Finding(
            N_("language"),
            True,
            _("{name} ({tag}): catalogues {domains} in {folder}").format(
                name=native_name(language.tag),
                tag=language.tag,
                domains=", ".join(found),
                folder=folder / language.base / "LC_MESSAGES",
            ),
        )
    missing = [domain for domain in DOMAINS if domain not in found]
    return Finding(
        N_("language"),
        False,
        n_(
            "{name} ({tag}): no catalogue {domains}, so those texts stay in English",
            "{name} ({tag}): no catalogues {domains}, so those texts stay in English",
            len(missing),
        ).format(name=native_name(language.tag), tag=language.tag, domains=", ".join(missing)),
        _("choose one of {languages} with --lang or the Language setting").format(languages=others),
        optional=True,
    )


# -- speech and sound ---------------------------------------------------------------------


def voice_findings(list_voices: Callable[[], list[dict[str, object]]]) -> list[Finding]:
    """The system voices (through the speech worker) and Piper's natural voices."""
    findings = []
    try:
        voices = list_voices()
    except Exception as error:  # SpeechUnavailableError and its kin: the sentence says it
        sentence = getattr(getattr(error, "notice", None), "sentence", str(error))
        findings.append(
            Finding(N_("voices"), False, _("the speech engine does not start"), sentence)
        )
    else:
        if voices:
            count = n_(
                "{count} system voice (pyttsx3)", "{count} system voices (pyttsx3)", len(voices)
            )
            findings.append(Finding(N_("voices"), True, count.format(count=len(voices))))
        else:
            findings.append(
                Finding(N_("voices"), False, _("the speech engine has no voices"), _voice_fix())
            )
    findings.append(natural_voice_finding())
    return findings


def natural_voice_finding() -> Finding:
    """Piper and its voices (nothing is loaded: a session would say if one cannot speak)."""
    from stretchtimer.speech.voices import default_voice_id, natural_voice_installed, piper_models
    from stretchtimer.storage.paths import app_paths

    if not natural_voice_installed():
        return Finding(
            N_("natural voices"),
            False,
            _("Piper is not installed"),
            "pip install 'stretchtimer[natural-voice]'",
            optional=True,
        )
    models = piper_models(app_paths().voices)
    if default_voice_id().startswith("piper:"):
        detail = n_(
            "{count} Piper voice, the default voice",
            "{count} Piper voices, the default voice",
            len(models),
        )
    else:
        detail = n_(
            "{count} Piper voice, installed", "{count} Piper voices, installed", len(models)
        )
    return Finding(N_("natural voices"), True, detail.format(count=len(models)))


def _voice_fix() -> str:
    if sys.platform.startswith("linux"):
        return "sudo apt install espeak-ng libespeak-ng1"
    return _("install a voice in your system's speech settings")


def audio_finding() -> Finding:
    """The sound output Qt would play on (a Qt application must exist)."""
    from PySide6.QtMultimedia import QMediaDevices

    device = QMediaDevices.defaultAudioOutput()
    if device.isNull():
        fix = (
            _(
                "start the sound server (systemctl --user start pipewire-pulse, or pulseaudio) "
                "or plug in speakers"
            )
            if sys.platform.startswith("linux")
            else _("plug in speakers or headphones")
        )
        return Finding(N_("sound output"), False, _("no sound output found"), fix)
    return Finding(N_("sound output"), True, device.description() or _("the default output"))


# -- the desk ------------------------------------------------------------------------------


def probe_findings(probes: DeskProbes, platform: str = sys.platform) -> list[Finding]:
    """One finding per kind of question: the sources that work, or why none does."""
    findings = []
    for kind in Kind:
        checks = [(probe, probe.check()) for probe in probes.all() if probe.kind is kind]
        findings.append(_kind_finding(kind, checks, platform))
    return findings


def _kind_finding(kind: Kind, checks: list[tuple[Probe, Check]], platform: str) -> Finding:
    working = [(probe, check) for probe, check in checks if check.ok]
    if working:
        return Finding(kind.value, True, "; ".join(check.detail for _probe, check in working))
    fixes = [check.fix for _probe, check in checks if check.fix]
    reasons = "; ".join(dict.fromkeys(check.detail for _probe, check in checks))
    reasons = reasons or _("no source on this system")
    linux = platform.startswith("linux")
    wayland = linux and bool(os.environ.get("WAYLAND_DISPLAY"))
    if kind is Kind.IDLE and wayland:
        # sway, Hyprland...: only the ext-idle-notify-v1 protocol, which needs a Wayland client
        detail = _("idle time is not readable on this compositor; reminders go by the clock")
        return Finding(kind.value, False, detail, optional=True)
    if kind is Kind.FULL_SCREEN and wayland:
        return Finding(kind.value, False, reasons, optional=True)  # Wayland does not allow it
    if not linux or (checks and all(check.limit for _probe, check in checks)):
        return Finding(kind.value, False, reasons, fixes[0] if fixes else "", optional=True)
    return Finding(kind.value, False, reasons, fixes[0] if fixes else _unsupported(kind))


def _unsupported(kind: Kind) -> str:
    if kind is Kind.IDLE:
        return _("use GNOME or KDE Plasma, or an X11 session; until then reminders go by the clock")
    if kind is Kind.DO_NOT_DISTURB:
        return _("use the Do not disturb entry of stretchtimer's tray menu instead")
    return _(
        "none on this system; switch the rule off in Settings > Reminders if it gets in the way"
    )


def media_finding(bus: QDBusConnection, platform: str = sys.platform) -> Finding:
    if platform == "win32":
        return media_key_finding()
    if platform == "darwin":
        return Finding(
            N_("media control"),
            False,
            _("macOS has no public way to pause other apps' players (it would need pyobjc)"),
            optional=True,
        )
    if not bus.isConnected():
        return Finding(N_("media control"), False, _("no session D-Bus"), _(NO_BUS_FIX))
    names = dbus.first(
        dbus.call(
            bus,
            "org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus",
            "ListNames",
        )
    )
    players = sorted(
        name.removeprefix("org.mpris.MediaPlayer2.")
        for name in (names if isinstance(names, list) else [])
        if isinstance(name, str) and name.startswith("org.mpris.MediaPlayer2.")
    )
    detail = (
        _("MPRIS on the session bus (players running now: {players})").format(
            players=", ".join(players)
        )
        if players
        else _("MPRIS on the session bus (no player runs now)")
    )
    return Finding(N_("media control"), True, detail)


def media_key_finding(control: MediaKeyControl | None = None) -> Finding:
    """Windows: the media key works only where the sound output's level can be read."""
    control = control or media_key_control()
    if control.available() and control.playing() is not None:
        return Finding(
            N_("media control"),
            True,
            _("the Play/Pause media key, pressed only while sound plays"),
        )
    return Finding(
        N_("media control"),
        False,
        _(
            "the sound output's level cannot be read, so media is left playing "
            "(Windows' media controls need WinRT)"
        ),
        optional=True,
    )


def tray_finding(bus: QDBusConnection) -> Finding:
    if not sys.platform.startswith("linux"):
        return Finding(N_("tray"), True, _("the system tray is always there"))
    if bus.isConnected() and dbus.has_owner(bus, "org.kde.StatusNotifierWatcher"):
        return Finding(N_("tray"), True, _("a tray host runs (StatusNotifierWatcher)"))
    if not bus.isConnected():
        return Finding(N_("tray"), False, _("no session D-Bus"), _(NO_BUS_FIX))
    detail = _("no tray host on the session bus")
    if os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        detail = _(
            "no tray host on the session bus (an older X11 system tray, not checked here, "
            "may still work)"
        )
    return Finding(N_("tray"), False, detail, _(TRAY_FIX))


def notifications_finding(bus: QDBusConnection) -> Finding:
    if not sys.platform.startswith("linux"):
        return Finding(N_("notifications"), True, _("the system's notifications"))
    if bus.isConnected() and dbus.has_owner(bus, "org.freedesktop.Notifications"):
        return Finding(N_("notifications"), True, _("a notification server runs"))
    return Finding(
        N_("notifications"),
        False,
        _("no notification server: reminders use their own small window"),
        optional=True,
    )


def autostart_finding(autostart: Autostart, wanted: bool) -> Finding:
    enabled = autostart.is_enabled()
    where = autostart.location
    if enabled == wanted:
        state = (
            _("starts at login: {where}")
            if enabled
            else _("does not start at login (as chosen): {where}")
        )
        return Finding(N_("start at login"), True, state.format(where=where))
    if wanted:
        return Finding(
            N_("start at login"),
            False,
            _("chosen in Settings, but the login entry is missing or off: {where}").format(
                where=where
            ),
            _("switch Start at login off and on again in Settings > Reminders"),
        )
    return Finding(
        N_("start at login"),
        True,
        _("a login entry exists though not chosen: {where}").format(where=where),
    )


# -- files -----------------------------------------------------------------------------------


def folder_findings(paths: Paths) -> list[Finding]:
    folders = [(N_("data folder"), paths.data), (N_("settings folder"), paths.config)]
    folders += [(N_("cache folder"), paths.cache), (N_("log folder"), paths.logs)]
    findings = [_folder_finding(topic, folder) for topic, folder in folders]
    files = ((N_("history file"), paths.history), (N_("settings file"), paths.settings))
    for topic, file in files:
        if file.exists():
            findings.append(_private(topic, file, 0o600))
    return findings


def _folder_finding(topic: str, folder: Path) -> Finding:
    if not folder.exists():
        parent = next((p for p in folder.parents if p.exists()), None)
        if parent is not None and os.access(parent, os.W_OK):
            return Finding(topic, True, _("{folder} (made at first use)").format(folder=folder))
        return Finding(
            topic,
            False,
            _("{folder} cannot be made").format(folder=folder),
            f"mkdir -p -m 700 {folder}",
        )
    if not folder.is_dir():
        return Finding(
            topic,
            False,
            _("{folder} is not a folder").format(folder=folder),
            f"mv {folder} {folder}.old",
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        return Finding(
            topic,
            False,
            _("{folder} cannot be written").format(folder=folder),
            f"chmod u+rwx {folder}",
        )
    return _private(topic, folder, 0o700)


def _private(topic: str, path: Path, mode: int) -> Finding:
    if sys.platform == "win32":
        return Finding(topic, True, str(path))
    bits = stat.S_IMODE(path.stat().st_mode)
    if bits & 0o077:
        return Finding(
            topic,
            False,
            _("{path} can be read by others (mode {mode})").format(path=path, mode=f"{bits:o}"),
            f"chmod {mode:o} {path}",
        )
    return Finding(topic, True, _("{path} (yours only)").format(path=path))

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

from stretchtimer.runtime import dbus
from stretchtimer.storage.paths import Paths
from stretchtimer.system.autostart import Autostart
from stretchtimer.system.presence.desk_probes import DeskProbes
from stretchtimer.system.presence.probe import Check, Kind, Probe

NO_BUS_FIX = "start stretchtimer inside your desktop session (no session D-Bus was found)"
BUS_DAEMON = ("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus")
TRAY_FIX = (
    "on GNOME, install and turn on the AppIndicator extension "
    "(sudo apt install gnome-shell-extension-appindicator)"
)


@dataclass(frozen=True)
class Finding:
    """One line of the doctor's report."""

    topic: str  # "idle time", "voice", "data folder"
    ok: bool
    detail: str  # what was found
    fix: str = ""  # the one command or setting that makes it work, when not ok
    optional: bool = False  # not there, and that is fine: shown as "off"

    @property
    def state(self) -> str:
        if self.ok:
            return "ok"
        return "off" if self.optional else "missing"

    def line(self, width: int) -> str:
        text = f"{self.state:<8} {self.topic:<{width}}  {self.detail}"
        return f"{text}\n{'':<8} {'':<{width}}  fix: {self.fix}" if self.fix else text

    def as_json(self) -> dict[str, object]:
        return {**asdict(self), "state": self.state}


def report(findings: Sequence[Finding]) -> str:
    width = max((len(finding.topic) for finding in findings), default=0)
    return "\n".join(finding.line(width) for finding in findings)


# -- speech and sound ---------------------------------------------------------------------


def voice_findings(list_voices: Callable[[], list[dict[str, object]]]) -> list[Finding]:
    """The system voices (through the speech worker) and Piper's natural voices."""
    findings = []
    try:
        voices = list_voices()
    except Exception as error:  # SpeechUnavailableError and its kin: the sentence says it
        sentence = getattr(getattr(error, "notice", None), "sentence", str(error))
        findings.append(Finding("voices", False, "the speech engine does not start", sentence))
    else:
        if voices:
            findings.append(Finding("voices", True, f"{len(voices)} system voices (pyttsx3)"))
        else:
            findings.append(
                Finding("voices", False, "the speech engine has no voices", _voice_fix())
            )
    findings.append(natural_voice_finding())
    return findings


def natural_voice_finding() -> Finding:
    """Piper and its voices (nothing is loaded: a session would say if one cannot speak)."""
    from stretchtimer.speech.voices import default_voice_id, natural_voice_installed, piper_models
    from stretchtimer.storage.paths import app_paths

    if not natural_voice_installed():
        return Finding(
            "natural voices",
            False,
            "Piper is not installed",
            "pip install 'stretchtimer[natural-voice]'",
            optional=True,
        )
    models = piper_models(app_paths().voices)
    speaks = "the default voice" if default_voice_id().startswith("piper:") else "installed"
    count = f"{len(models)} Piper voice" + ("" if len(models) == 1 else "s")
    return Finding("natural voices", True, f"{count}, {speaks}")


def _voice_fix() -> str:
    if sys.platform.startswith("linux"):
        return "sudo apt install espeak-ng libespeak-ng1"
    return "install a voice in your system's speech settings"


def audio_finding() -> Finding:
    """The sound output Qt would play on (a Qt application must exist)."""
    from PySide6.QtMultimedia import QMediaDevices

    device = QMediaDevices.defaultAudioOutput()
    if device.isNull():
        fix = (
            "start the sound server (systemctl --user start pipewire-pulse, or pulseaudio) "
            "or plug in speakers"
            if sys.platform.startswith("linux")
            else "plug in speakers or headphones"
        )
        return Finding("sound output", False, "no sound output found", fix)
    return Finding("sound output", True, device.description() or "the default output")


# -- the desk ------------------------------------------------------------------------------


def probe_findings(probes: DeskProbes) -> list[Finding]:
    """One finding per kind of question: the first source that works, or why none does."""
    findings = []
    for kind in Kind:
        checks = [(probe, probe.check()) for probe in probes.all() if probe.kind is kind]
        findings.append(_kind_finding(kind, checks))
    return findings


def _kind_finding(kind: Kind, checks: list[tuple[Probe, Check]]) -> Finding:
    working = [(probe, check) for probe, check in checks if check.ok]
    if working:
        return Finding(kind.value, True, "; ".join(check.detail for _probe, check in working))
    fixes = [check.fix for _probe, check in checks if check.fix]
    reasons = "; ".join(dict.fromkeys(check.detail for _probe, check in checks))
    reasons = reasons or "no source on this system"
    if kind is Kind.FULL_SCREEN and os.environ.get("WAYLAND_DISPLAY"):
        return Finding(kind.value, False, reasons, optional=True)  # Wayland does not allow it
    return Finding(kind.value, False, reasons, fixes[0] if fixes else _unsupported(kind))


def _unsupported(kind: Kind) -> str:
    if kind is Kind.IDLE:
        return "use GNOME or KDE Plasma, or an X11 session; until then reminders go by the clock"
    if kind is Kind.DO_NOT_DISTURB:
        return "use the Do not disturb entry of stretchtimer's tray menu instead"
    return "none on this system; switch the rule off in Settings > Reminders if it gets in the way"


def media_finding(bus: QDBusConnection) -> Finding:
    if not bus.isConnected():
        return Finding("media control", False, "no session D-Bus", NO_BUS_FIX)
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
    playing = f"players running now: {', '.join(players)}" if players else "no player runs now"
    return Finding("media control", True, f"MPRIS on the session bus ({playing})")


def tray_finding(bus: QDBusConnection) -> Finding:
    if not sys.platform.startswith("linux"):
        return Finding("tray", True, "the system tray is always there")
    if bus.isConnected() and dbus.has_owner(bus, "org.kde.StatusNotifierWatcher"):
        return Finding("tray", True, "a tray host runs (StatusNotifierWatcher)")
    if not bus.isConnected():
        return Finding("tray", False, "no session D-Bus", NO_BUS_FIX)
    detail = "no tray host on the session bus"
    if os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        detail += " (an older X11 system tray, not checked here, may still work)"
    return Finding("tray", False, detail, TRAY_FIX)


def notifications_finding(bus: QDBusConnection) -> Finding:
    if not sys.platform.startswith("linux"):
        return Finding("notifications", True, "the system's notifications")
    if bus.isConnected() and dbus.has_owner(bus, "org.freedesktop.Notifications"):
        return Finding("notifications", True, "a notification server runs")
    return Finding(
        "notifications",
        False,
        "no notification server: reminders use their own small window",
        optional=True,
    )


def autostart_finding(autostart: Autostart, wanted: bool) -> Finding:
    enabled = autostart.is_enabled()
    where = autostart.location
    if enabled == wanted:
        state = "starts at login" if enabled else "does not start at login (as chosen)"
        return Finding("start at login", True, f"{state}: {where}")
    if wanted:
        return Finding(
            "start at login",
            False,
            f"chosen in Settings, but the login entry is missing or off: {where}",
            "switch Start at login off and on again in Settings > Reminders",
        )
    return Finding("start at login", True, f"a login entry exists though not chosen: {where}")


# -- files -----------------------------------------------------------------------------------


def folder_findings(paths: Paths) -> list[Finding]:
    folders = [("data folder", paths.data), ("settings folder", paths.config)]
    folders += [("cache folder", paths.cache), ("log folder", paths.logs)]
    findings = [_folder_finding(topic, folder) for topic, folder in folders]
    for topic, file in (("history file", paths.history), ("settings file", paths.settings)):
        if file.exists():
            findings.append(_private(topic, file, 0o600))
    return findings


def _folder_finding(topic: str, folder: Path) -> Finding:
    if not folder.exists():
        parent = next((p for p in folder.parents if p.exists()), None)
        if parent is not None and os.access(parent, os.W_OK):
            return Finding(topic, True, f"{folder} (made at first use)")
        return Finding(topic, False, f"{folder} cannot be made", f"mkdir -p -m 700 {folder}")
    if not folder.is_dir():
        return Finding(topic, False, f"{folder} is not a folder", f"mv {folder} {folder}.old")
    if not os.access(folder, os.W_OK | os.X_OK):
        return Finding(topic, False, f"{folder} cannot be written", f"chmod u+rwx {folder}")
    return _private(topic, folder, 0o700)


def _private(topic: str, path: Path, mode: int) -> Finding:
    if sys.platform == "win32":
        return Finding(topic, True, str(path))
    bits = stat.S_IMODE(path.stat().st_mode)
    if bits & 0o077:
        return Finding(
            topic,
            False,
            f"{path} can be read by others (mode {bits:o})",
            f"chmod {mode:o} {path}",
        )
    return Finding(topic, True, f"{path} (yours only)")

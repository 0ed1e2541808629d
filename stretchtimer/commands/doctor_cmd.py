"""``stretchtimer doctor``: what works on this machine, and the one fix for what does not."""

from __future__ import annotations

import argparse
import json
from typing import Any

from stretchtimer.core.i18n import _
from stretchtimer.storage.paths import app_paths


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "doctor",
        help=_(
            "check voices, sound, idle and meeting detection, media, tray, autostart, "
            "languages, folders"
        ),
    )
    parser.add_argument("--json", action="store_true", help=_("print a JSON list of findings"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the findings; exit 1 when something that should work does not."""
    findings = examine()
    if args.json:
        print(json.dumps([finding.as_json() for finding in findings], indent=2))
    else:
        from stretchtimer.system.doctor import report

        print(report(findings))
    missing = [finding for finding in findings if finding.state == "missing"]
    return 1 if missing else 0


def examine() -> list[Any]:
    from stretchtimer.runtime.dbus import session_bus
    from stretchtimer.runtime.qt_setup import audio_application
    from stretchtimer.speech.clip_cache import ClipCache
    from stretchtimer.speech.renderer import ClipRenderer
    from stretchtimer.storage.settings import SettingsStore
    from stretchtimer.system import doctor
    from stretchtimer.system.autostart import autostart_for
    from stretchtimer.system.presence.desk_probes import DeskProbes

    audio_application()  # Qt's sound devices and D-Bus need an application
    paths = app_paths()

    def list_voices() -> list[dict[str, object]]:
        with ClipRenderer(ClipCache(paths.clips)) as renderer:
            return renderer.voices()

    bus = session_bus()
    settings = SettingsStore(paths.settings).load().settings
    return [
        doctor.language_finding(),
        *doctor.voice_findings(list_voices),
        doctor.audio_finding(),
        *doctor.probe_findings(DeskProbes.for_this_desktop(bus)),
        doctor.media_finding(bus),
        doctor.notifications_finding(bus),
        doctor.tray_finding(bus),
        doctor.autostart_finding(autostart_for(), settings.start_at_login),
        *doctor.folder_findings(paths),
    ]

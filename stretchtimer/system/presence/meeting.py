"""A call in progress: a microphone or camera in use by some app.

The microphone: any recording stream (a *source output*) from a real input, as
PulseAudio or PipeWire's PulseAudio service lists it (``pactl -f json``, PulseAudio
16 or later). Recording a *monitor* (what the speakers play, as a visualiser or a
screen recorder does) is not a call, and neither is a paused (corked) stream.

The camera: a PipeWire video source that is running (``pw-dump``), when PipeWire
is there. A camera opened straight through V4L2, outside PipeWire, is not seen.
"""

from __future__ import annotations

import json
import logging
import shutil
from typing import Any

from stretchtimer.core.i18n import _
from stretchtimer.system.presence.probe import Check, Kind, run_command

log = logging.getLogger(__name__)


class MicrophoneInUse:
    name = "microphone in use (PulseAudio/PipeWire source outputs)"
    kind = Kind.MEETING

    def __init__(self, environment: dict[str, str] | None = None) -> None:
        self.environment = environment  # tests point it at their own sound server

    def _json(self, *arguments: str) -> Any:
        output = run_command(["pactl", "-f", "json", *arguments], self.environment)
        if output is None:
            return None
        try:
            return json.loads(output)
        except ValueError:
            log.debug("pactl said something that is not JSON: %.80s", output)
            return None

    def recording_apps(self) -> list[str] | None:
        """The apps recording from a microphone now, or None when the sound server is silent."""
        sources = self._json("list", "sources", "short")
        outputs = self._json("list", "source-outputs")
        if not isinstance(sources, list) or not isinstance(outputs, list):
            return None
        monitors = {
            source.get("index")
            for source in sources
            if isinstance(source, dict) and str(source.get("name", "")).endswith(".monitor")
        }
        apps = []
        for output in outputs:
            if not isinstance(output, dict) or output.get("corked") is True:
                continue
            if output.get("source") in monitors:
                continue
            properties = output.get("properties") or {}
            apps.append(str(properties.get("application.name", "an app")))
        return apps

    def active(self) -> bool | None:
        apps = self.recording_apps()
        return None if apps is None else bool(apps)

    def check(self) -> Check:
        if shutil.which("pactl") is None:
            return Check(False, _("pactl is missing"), "sudo apt install pulseaudio-utils")
        if self.recording_apps() is None:
            return Check(
                False,
                _(
                    "no answer from the sound server to pactl -f json "
                    "(needs PulseAudio 16 or later)"
                ),
                _("systemctl --user start pipewire-pulse (or start pulseaudio)"),
            )
        return Check(True, _("the sound server lists apps using a microphone"))


class CameraInUse:
    name = "camera in use (PipeWire video sources)"
    kind = Kind.MEETING

    def active(self) -> bool | None:
        output = run_command(["pw-dump"])
        if output is None:
            return None
        try:
            objects = json.loads(output)
        except ValueError:
            return None
        return any(_running_camera(item) for item in objects if isinstance(item, dict))

    def check(self) -> Check:
        if shutil.which("pw-dump") is None:
            return Check(
                False, _("pw-dump is missing (no PipeWire tools)"), "sudo apt install pipewire-bin"
            )
        if self.active() is None:
            return Check(False, _("PipeWire does not answer pw-dump"))
        return Check(True, _("PipeWire lists cameras in use"))


def _running_camera(item: dict[str, Any]) -> bool:
    info = item.get("info")
    if not isinstance(info, dict):
        return False
    properties = info.get("props")
    media_class = properties.get("media.class") if isinstance(properties, dict) else None
    return media_class == "Video/Source" and info.get("state") == "running"

"""The tiny protocol between a later launch and the running app: JSON lines, versioned.

One JSON object per line, UTF-8, at most :data:`MAX_LINE` bytes. A request is
``{"app": "stretchtimer", "protocol": 1, "command": "activate"}`` or
``{"app": "stretchtimer", "protocol": 1, "command": "play", "routine": ID}``,
optionally with ``"startup_id"`` (the launcher's activation token, so the window
may take the focus) and, for "play", the options of ``stretchtimer play`` that were
given (``"speed"``, ``"voice"``, ``"rate"``, ``"mute"``: see :class:`PlayOptions`), so
the running app plays the routine exactly as asked. The reply is
``{"app": "stretchtimer", "protocol": 1, "ok": true}`` or
``{..., "ok": false, "error": SENTENCE}``. Unknown keys are ignored, so a later
version may add some; a different protocol number or an unknown command gets
``ok: false`` with a sentence saying so, never silence.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from stretchtimer import APP_NAME
from stretchtimer.core.session.options import PlayOptions

PROTOCOL = 1
MAX_LINE = 64 * 1024
COMMANDS = ("activate", "play")


class ProtocolError(ValueError):
    """A line that is not a request or reply of ours; the message says what is wrong."""


# Named tuples, not dataclasses: every launch makes a request before its window's first
# frame, and a dataclass's generated methods cost about as much as the rest of this module.
class Request(NamedTuple):
    command: str  # one of COMMANDS
    routine: str = ""  # for "play": a routine id or an absolute file path
    startup_id: str = ""  # the launcher's activation token, if it gave one
    options: PlayOptions = PlayOptions()  # for "play": speed, voice, ... (immutable, shared)

    def to_line(self) -> bytes:
        message: dict[str, Any] = {"app": APP_NAME, "protocol": PROTOCOL, "command": self.command}
        if self.routine:
            message["routine"] = self.routine
        if self.startup_id:
            message["startup_id"] = self.startup_id
        if self.command == "play":
            message.update(self.options.to_json())
        return _line(message)

    @classmethod
    def from_line(cls, line: bytes) -> Request:
        message = _message(line)
        command = message.get("command")
        if command not in COMMANDS:
            raise ProtocolError(f"unknown command {command!r}")
        routine = message.get("routine", "")
        startup_id = message.get("startup_id", "")
        if not isinstance(routine, str) or not isinstance(startup_id, str):
            raise ProtocolError("routine and startup_id must be text")
        if command == "play" and not routine:
            raise ProtocolError("play needs a routine")
        try:
            options = PlayOptions.from_json(message)
        except ValueError as error:
            raise ProtocolError(str(error)) from None
        return cls(command, routine, startup_id, options)


class Reply(NamedTuple):
    ok: bool
    error: str = ""

    def to_line(self) -> bytes:
        message: dict[str, Any] = {"app": APP_NAME, "protocol": PROTOCOL, "ok": self.ok}
        if self.error:
            message["error"] = self.error
        return _line(message)

    @classmethod
    def from_line(cls, line: bytes) -> Reply:
        message = _message(line)
        ok, error = message.get("ok"), message.get("error", "")
        if not isinstance(ok, bool) or not isinstance(error, str):
            raise ProtocolError("a reply has ok (true or false) and maybe an error text")
        return cls(ok, error)


def _line(message: dict[str, Any]) -> bytes:
    import json  # a launch usually finds no app to talk to: load the codec only when needed

    return json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n"


def _message(line: bytes) -> dict[str, Any]:
    import json

    try:
        message = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ProtocolError(f"not a JSON line ({error})") from None
    if not isinstance(message, dict) or message.get("app") != APP_NAME:
        raise ProtocolError("not a stretchtimer message")
    if message.get("protocol") != PROTOCOL:
        raise ProtocolError(
            f"protocol {message.get('protocol')!r} is not {PROTOCOL}: "
            "start the same version of stretchtimer as the one running"
        )
    return message

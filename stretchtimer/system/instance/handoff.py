"""One app per person: a second launch hands its wish to the running one and exits.

Qt side (QtCore; QtNetwork only on Windows). How it works:

1. A launch first tries to reach a running app over a local channel (a user-only
   Unix socket, see ``instance_unix.py``; on Windows a named pipe through
   QtNetwork, ``instance_qt.py``) and, if one answers, sends it one request and is
   done (:class:`Forwarded`).
2. Otherwise it takes a lock file (:class:`QLockFile`). The holder of the lock is
   the app (:class:`Primary`); once its ``QApplication`` exists it removes any
   socket a crashed app left and listens (:meth:`Primary.serve`). A lock left by
   a crashed (even SIGKILLed) app is stale: QLockFile sees its process is gone
   and removes it; if the process id was reused meanwhile, the lock is removed
   anyway unless a live process still holds the file's lock, so a stale lock
   never stops the app from starting.
3. A launch that finds the lock taken but nobody listening yet (two launches at
   the same instant, or an app just quitting) keeps trying both for a few
   seconds. If still nobody answers (a hung app), it starts anyway without a
   server rather than not at all, and logs why.

The address is per user and per data folder, so two people on one machine, or two
``STRETCHTIMER_HOME`` folders (parallel test runs), never see each other. On
Linux the socket and the lock live in ``$XDG_RUNTIME_DIR`` (private to the
user, emptied at logout); elsewhere the socket is Qt's user-only one and the
lock sits in the data folder.

The protocol is in :mod:`stretchtimer.system.instance.protocol`.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QCoreApplication, QLockFile, QObject, Signal

from stretchtimer import APP_NAME
from stretchtimer.core.i18n import _
from stretchtimer.core.session.options import PlayOptions
from stretchtimer.storage.paths import Paths, app_paths, ensure_private_dir
from stretchtimer.system.instance.protocol import ProtocolError, Reply, Request

log = logging.getLogger(__name__)

CONNECT_MS = 1000
REPLY_MS = 5000
WAIT_FOR_PRIMARY = 10.0  # seconds a launch waits for an app that holds the lock to listen
CLIENT_IDLE_MS = 5000  # the server drops a client that sends nothing


# -- where -------------------------------------------------------------------------------


class Address(NamedTuple):
    server: str  # a socket path, or a name the channel places (temp folder, named pipe)
    lock: Path


def instance_address(paths: Paths | None = None, environ: dict[str, str] | None = None) -> Address:
    """The address of this person's app for this data folder."""
    paths = paths or app_paths()
    environ = dict(os.environ) if environ is None else environ
    # crc32, not hashlib: hashlib loads OpenSSL (megabytes) into a process that never needs it
    digest = f"{zlib.crc32(str(paths.data).encode('utf-8')):08x}"
    name = f"{APP_NAME}-{_user_tag()}-{digest}"
    runtime = environ.get("XDG_RUNTIME_DIR", "")
    if os.name == "posix" and runtime and Path(runtime).is_dir():
        folder = Path(runtime)
        return Address(str(folder / name), folder / f"{name}.lock")
    return Address(name, paths.data / "instance.lock")


def _user_tag() -> str:
    if hasattr(os, "getuid"):
        return str(os.getuid())  # unique per user, and no user database to ask
    import getpass

    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name for this uid
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    return re.sub(r"[^A-Za-z0-9_.-]", "_", user)[:32] or "user"


# -- the running app ---------------------------------------------------------------------


class InstanceServer(QObject):
    """The running app's end: receives requests from later launches.

    Signals:
        activate_requested(str): bring the window forward; the argument is the
            launcher's activation token ("" when none).
        play_requested(str, str, object): start this routine (id or absolute file path);
            the second argument is the activation token, the third the
            :class:`PlayOptions` it was asked with.
    """

    activate_requested = Signal(str)
    play_requested = Signal(str, str, object)

    def __init__(self, address: Address, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.address = address
        self._listener = _listener_for(address.server, self._answer, self)

    def listen(self) -> bool:
        """Listen, replacing a socket a crashed app left; False (logged) when it cannot."""
        problem = self._listener.listen()
        if problem is None:
            log.info("listening for later launches at %s", self._listener.name)
            return True
        log.warning(
            "cannot listen at %s (%s); later launches will start their own window",
            self.address.server,
            problem,
        )
        return False

    @property
    def listening(self) -> bool:
        return self._listener.listening

    def close(self) -> None:
        """Stop listening (the app is quitting)."""
        self._listener.close()

    def _answer(self, line: bytes) -> bytes:
        return self._handle(line).to_line()

    def _handle(self, line: bytes) -> Reply:
        if not line:
            return Reply(False, _("The request was too long."))
        try:
            request = Request.from_line(line)
        except ProtocolError as error:
            log.warning("a launch sent a request we cannot use: %s", error)
            return Reply(
                False,
                _("The running stretchtimer did not understand: {reason}.").format(reason=error),
            )
        log.info("a later launch asks to %s %s", request.command, request.routine)
        if request.command == "play":
            self.play_requested.emit(request.routine, request.startup_id, request.options)
        else:
            self.activate_requested.emit(request.startup_id)
        return Reply(True)


def _use_unix_sockets() -> bool:
    return os.name == "posix"


def _listener_for(server: str, handle: Callable[[bytes], bytes], parent: QObject) -> Listener:
    if _use_unix_sockets():
        from stretchtimer.system.instance.unix_channel import UnixListener

        return UnixListener(server, handle, idle_ms=CLIENT_IDLE_MS, parent=parent)
    from stretchtimer.system.instance.qt_channel import QtListener

    return QtListener(server, handle, idle_ms=CLIENT_IDLE_MS, parent=parent)


if TYPE_CHECKING:  # for the type checker only: making a Protocol class costs every launch
    from typing import Protocol

    class Listener(Protocol):
        @property
        def listening(self) -> bool: ...

        @property
        def name(self) -> str: ...

        def listen(self) -> str | None: ...

        def close(self) -> None: ...


# -- a launch ----------------------------------------------------------------------------


class Forwarded(NamedTuple):
    """Another app is running and took the request; this launch should exit."""

    reply: Reply


class Primary:
    """This launch is the app: it holds the lock (for as long as this object lives).

    Call :meth:`serve` once the ``QApplication`` exists (a server made before it
    would never hear a connection).
    """

    def __init__(self, address: Address, lock: QLockFile | None) -> None:
        self.address = address
        self.lock = lock  # None: another app holds it but never answered
        self.server: InstanceServer | None = None

    def serve(self, parent: QObject | None = None) -> InstanceServer | None:
        """Listen for later launches; None (logged) when this app cannot."""
        if QCoreApplication.instance() is None:
            raise RuntimeError("create the QApplication before serving later launches")
        if self.lock is None:
            return None
        server = InstanceServer(self.address, parent)
        if server.listen():
            self.server = server
        return self.server

    def release(self) -> None:
        """Stop serving and give up the lock (the app is quitting)."""
        if self.server is not None:
            self.server.close()
        if self.lock is not None:
            self.lock.unlock()


def send(request: Request, address: Address, *, reply_ms: int = REPLY_MS) -> Reply | None:
    """Send one request to a running app: its reply, or None when nobody listens."""
    if _use_unix_sockets():
        from stretchtimer.system.instance.unix_channel import may_be_listening
        from stretchtimer.system.instance.unix_channel import unix_send as exchange

        if not may_be_listening(address.server):
            return None
    else:
        from stretchtimer.system.instance.qt_channel import qt_send as exchange
    received = exchange(request.to_line(), address.server, connect_ms=CONNECT_MS, reply_ms=reply_ms)
    if received is None:
        return None
    line = received.partition(b"\n")[0]
    if not line:
        return Reply(False, "The running stretchtimer did not answer; if it is stuck, quit it.")
    try:
        return Reply.from_line(line)
    except ProtocolError as error:
        log.warning("the running app answered something we cannot read: %s", error)
        return Reply(False, _("The running stretchtimer gave no answer we understand."))


def claim_or_forward(
    request: Request,
    address: Address | None = None,
    *,
    wait_for_primary: float = WAIT_FOR_PRIMARY,
) -> Primary | Forwarded:
    """Become the app, or hand ``request`` to the one already running.

    Call it before creating the ``QApplication``: a launch that only forwards
    exits at once, without connecting to the display.
    """
    address = address or instance_address()
    try:
        ensure_private_dir(address.lock.parent)
    except OSError as error:
        log.warning("cannot make the folder for %s: %s", address.lock, error)
    lock = QLockFile(str(address.lock))
    lock.setStaleLockTime(0)  # held for the app's whole life: stale only when its owner is gone
    deadline = time.monotonic() + wait_for_primary
    while True:
        reply = send(request, address)
        if reply is not None:
            return Forwarded(reply)
        taken = _take(lock)
        if taken is not False:  # taken, or no lock can be had here at all: be the app
            return Primary(address, lock)
        if time.monotonic() >= deadline:
            log.warning(
                "another stretchtimer holds %s but does not answer; starting anyway", address.lock
            )
            return Primary(address, None)
        time.sleep(0.05)


def _take(lock: QLockFile) -> bool | None:
    """True: ours. False: another live app holds it. None: locking does not work here."""
    if lock.tryLock(0):
        return True
    if lock.error() is QLockFile.LockError.LockFailedError:
        # A lock left by a dead process whose id now belongs to another one. Removal
        # fails while a live process holds the file (an advisory lock on Unix, an open
        # file on Windows), so this never takes the lock from a running app.
        return lock.removeStaleLockFile() and lock.tryLock(0)
    log.warning("cannot use the lock file %s (%s)", lock.fileName(), lock.error())
    return None


# -- helpers for the command line ----------------------------------------------------------


def launch_request(
    start: str | None = None,
    environ: dict[str, str] | None = None,
    options: PlayOptions | None = None,
) -> Request:
    """What a launch asks of a running app: play ``start`` (with ``options``), or just come
    forward."""
    environ = dict(os.environ) if environ is None else environ
    token = environ.get("XDG_ACTIVATION_TOKEN") or environ.get("DESKTOP_STARTUP_ID") or ""
    if start:
        return Request("play", start, token, options or PlayOptions())
    return Request("activate", startup_id=token)


def exit_code(reply: Reply) -> int:
    """A forwarded launch's exit code; a refusal is printed for the person."""
    if reply.ok:
        return 0
    print(f"stretchtimer: {reply.error}", file=sys.stderr)
    return 1


def hand_to_running_app(start: str | None = None) -> int | None:
    """Hand this launch to a running app: the exit code, or None when none runs."""
    reply = send(launch_request(start), instance_address())
    return None if reply is None else exit_code(reply)

"""The single-instance channel on Unix: a user-only Unix socket, watched by Qt's event loop.

Python's own ``socket`` module and a :class:`QSocketNotifier` do what QtNetwork's
``QLocalServer`` would, without loading QtNetwork and the Kerberos and TLS
libraries it links (about 3.5 MB of memory for a process that only ever exchanges
one line with itself). Windows uses the QtNetwork channel (``instance_qt.py``).
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

from stretchtimer.system.instance.protocol import MAX_LINE

if TYPE_CHECKING:
    import socket

log = logging.getLogger(__name__)

Handler = Callable[[bytes], bytes]  # one request line in, one reply line out


def socket_path(server: str) -> Path:
    """The file a server name stands for: as given when absolute, else in the temp folder."""
    path = Path(server)
    if path.is_absolute():
        return path
    import tempfile

    return Path(tempfile.gettempdir()) / server


def may_be_listening(server: str) -> bool:
    """Whether a listener's socket file is there: without one nobody listens (most
    launches), and a launch asks nobody, with no socket module to load."""
    return os.path.lexists(socket_path(server))


class UnixListener(QObject):
    """Accepts connections on a Unix socket and answers each one-line request."""

    def __init__(
        self, server: str, handle: Handler, *, idle_ms: int, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.path = socket_path(server)
        self._handle = handle
        self._idle_ms = idle_ms
        self._socket: socket.socket | None = None
        self._notifier: QSocketNotifier | None = None
        self._clients: set[_Client] = set()

    @property
    def listening(self) -> bool:
        return self._socket is not None

    @property
    def name(self) -> str:
        return str(self.path)

    def listen(self) -> str | None:
        """Listen, replacing a socket file a crashed app left; the error text on failure."""
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()  # we hold the lock: any socket file here is stale
        import socket  # here, once the window is up: its enum classes cost some 2 ms

        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        previous = os.umask(0o177)  # the socket file is the owner's alone
        try:
            listener.bind(str(self.path))
            listener.listen(8)
        except OSError as error:
            listener.close()
            return error.strerror or str(error)
        finally:
            os.umask(previous)
        listener.setblocking(False)
        self._socket = listener
        self._notifier = QSocketNotifier(listener.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._accept)
        return None

    def close(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
        if self._socket is not None:
            self._socket.close()
            self._socket = None
            with contextlib.suppress(OSError):
                self.path.unlink()
        for client in list(self._clients):
            client.close()

    def _accept(self) -> None:
        assert self._socket is not None
        while True:
            try:
                connection, _ = self._socket.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as error:
                log.warning("cannot accept a later launch: %s", error)
                return
            connection.setblocking(False)
            self._clients.add(_Client(connection, self))

    def _answer(self, line: bytes) -> bytes:
        return self._handle(line)

    def _forget(self, client: _Client) -> None:
        self._clients.discard(client)


class _Client(QObject):
    """One connection: read one line, answer it, close; dropped if it stays silent."""

    def __init__(self, connection: socket.socket, listener: UnixListener) -> None:
        super().__init__(listener)
        self._connection: socket.socket | None = connection
        self._listener = listener
        self._buffer = b""
        self._notifier = QSocketNotifier(connection.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._read)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.close)
        self._timer.start(listener._idle_ms)

    def _read(self) -> None:
        if self._connection is None:
            return
        try:
            chunk = self._connection.recv(4096)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            chunk = b""
        if not chunk:
            self.close()
            return
        self._buffer += chunk
        line, newline, _ = self._buffer.partition(b"\n")
        if newline or len(self._buffer) > MAX_LINE:
            reply = self._listener._answer(line if newline else b"")
            self._reply(reply)

    def _reply(self, reply: bytes) -> None:
        assert self._connection is not None
        self._notifier.setEnabled(False)
        self._connection.setblocking(True)
        self._connection.settimeout(1.0)
        with contextlib.suppress(OSError):
            self._connection.sendall(reply)
        self.close()

    def close(self) -> None:
        self._timer.stop()
        self._notifier.setEnabled(False)
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        self._listener._forget(self)
        self.deleteLater()


def unix_send(line: bytes, server: str, *, connect_ms: int, reply_ms: int) -> bytes | None:
    """Send one line to a listener and return its reply line; None when nobody listens."""
    import socket

    path = socket_path(server)

    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        client.settimeout(connect_ms / 1000.0)
        try:
            client.connect(str(path))
        except OSError as error:
            if error.errno not in (
                errno.ENOENT,
                errno.ECONNREFUSED,
                errno.ENOTSOCK,
            ) and not isinstance(error, TimeoutError):
                log.info("cannot reach a running app at %s: %s", path, error)
            return None
        deadline = time.monotonic() + reply_ms / 1000.0
        client.settimeout(reply_ms / 1000.0)
        received = b""
        try:
            client.sendall(line)
            while b"\n" not in received and len(received) <= MAX_LINE:
                client.settimeout(max(0.01, deadline - time.monotonic()))
                chunk = client.recv(4096)
                if not chunk:
                    break
                received += chunk
        except OSError:
            pass  # a reply cut short is told as "no answer" by the caller
        return received
    finally:
        client.close()

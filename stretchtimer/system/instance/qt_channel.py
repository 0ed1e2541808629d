"""The single-instance channel through QtNetwork's local sockets (named pipes on Windows).

Used where Unix sockets are not (Windows); the same interface as ``instance_unix``.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QByteArray, QObject, QTimer
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from stretchtimer.system.instance.protocol import MAX_LINE
from stretchtimer.system.instance.unix_channel import Handler


class QtListener(QObject):
    """Accepts connections on a ``QLocalServer`` and answers each one-line request."""

    def __init__(
        self, server: str, handle: Handler, *, idle_ms: int, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._server_name = server
        self._handle = handle
        self._idle_ms = idle_ms
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_new_connection)

    @property
    def listening(self) -> bool:
        return self._server.isListening()

    @property
    def name(self) -> str:
        return self._server.fullServerName() or self._server_name

    def listen(self) -> str | None:
        """Listen, replacing a socket a crashed app left; the error text on failure."""
        QLocalServer.removeServer(self._server_name)
        if self._server.listen(self._server_name):
            return None
        return self._server.errorString()

    def close(self) -> None:
        self._server.close()

    def _on_new_connection(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            _Conversation(socket, self)


class _Conversation(QObject):
    """One request and its reply on one connection; dropped if the client stays silent."""

    def __init__(self, socket: QLocalSocket, listener: QtListener) -> None:
        super().__init__(listener)
        self._socket = socket
        self._listener = listener
        self._buffer = b""
        socket.setParent(self)
        socket.readyRead.connect(self._on_ready_read)
        socket.disconnected.connect(self.deleteLater)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._give_up)
        self._timer.start(listener._idle_ms)
        self._on_ready_read()

    def _on_ready_read(self) -> None:
        self._buffer += bytes(self._socket.readAll().data())
        line, newline, _ = self._buffer.partition(b"\n")
        if newline or len(self._buffer) > MAX_LINE:
            self._answer(self._listener._handle(line if newline else b""))

    def _answer(self, reply: bytes) -> None:
        self._timer.stop()
        self._socket.readyRead.disconnect(self._on_ready_read)
        self._socket.write(QByteArray(reply))
        self._socket.flush()
        self._socket.disconnectFromServer()

    def _give_up(self) -> None:
        self._socket.abort()
        self.deleteLater()


def qt_send(line: bytes, server: str, *, connect_ms: int, reply_ms: int) -> bytes | None:
    """Send one line to a listener and return its reply line; None when nobody listens."""
    socket = QLocalSocket()
    socket.connectToServer(server)
    if not socket.waitForConnected(connect_ms):
        return None
    socket.write(QByteArray(line))
    socket.waitForBytesWritten(reply_ms)
    received = b""
    deadline = time.monotonic() + reply_ms / 1000.0
    while b"\n" not in received and len(received) <= MAX_LINE:
        left_ms = int((deadline - time.monotonic()) * 1000)
        if left_ms <= 0 or not socket.waitForReadyRead(left_ms):
            received += bytes(socket.readAll().data())
            break
        received += bytes(socket.readAll().data())
    socket.abort()
    return received

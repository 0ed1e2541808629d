"""A stand-in for the running desktop app, for single-instance tests (the GUI comes later).

Run as ``python -m tests.integration.desk.instance_app [ROUTINE]``. It does what the app will
do at start: claim the instance or hand its request over. As the app it prints
one JSON line per request it receives; a forwarding launch prints the reply and
exits with the app's exit code. SIGTERM quits it cleanly (lock released).
"""

from __future__ import annotations

import json
import signal
import sys

from PySide6.QtCore import QCoreApplication, QTimer

from stretchtimer.system.instance.handoff import (
    Forwarded,
    claim_or_forward,
    exit_code,
    launch_request,
)


def say(**message: object) -> None:
    print(json.dumps(message), flush=True)


def main() -> int:
    start = sys.argv[1] if len(sys.argv) > 1 else None
    outcome = claim_or_forward(launch_request(start))
    if isinstance(outcome, Forwarded):
        say(forwarded=outcome.reply.ok, error=outcome.reply.error)
        return exit_code(outcome.reply)
    app = QCoreApplication(sys.argv[:1])
    server = outcome.serve(app)
    if server is not None:
        server.activate_requested.connect(lambda token: say(activate=token))
        server.play_requested.connect(lambda routine, token: say(play=routine, token=token))
    # Quit from the event loop (a quit() before exec() would be lost); the heartbeat
    # lets Python run its signal handler while Qt waits.
    signal.signal(signal.SIGTERM, lambda *_: QTimer.singleShot(0, app.quit))
    heartbeat = QTimer(app)
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start(100)
    QTimer.singleShot(0, lambda: say(primary=server is not None, start=start))
    status = app.exec()
    outcome.release()
    say(quit=True)
    return status


if __name__ == "__main__":
    sys.exit(main())

"""Repeat issue 14's spin scenario many times: the real desktop app (offscreen) plays a voiced
routine into a private PulseAudio server, the server is killed at a random moment and a
new one started; a run "spun" when the app's process used more than a tenth of a core (a
quiet one uses about a hundredth; a spinning one all it can get on a busy machine) while the
server was gone or after it came back. Not part of the suite or of ``run.py``: it takes
minutes. Prints one JSON line per run and a summary line.

    python benchmarks/spin_repeat.py --runs 20 --load 2 [--code /path/to/a/checkout]

``--code`` runs another checkout's ``stretchtimer`` (the code before a change, say);
``--load N`` keeps N busy processes running meanwhile (the spin was seen on a busy machine).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.harness import end_process  # noqa: E402
from tests.integration.audio.pulse import PulseServer  # noqa: E402

SPUN = 0.1  # share of one core (a quiet app uses about 0.01; a spinning one, what it can get)
MEASURE = 4.0  # seconds, each phase
ROUTINE = "two-minute-reset"


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_share(pid: int, seconds: float) -> float:
    before, began = cpu_seconds(pid), time.monotonic()
    time.sleep(seconds)
    return (cpu_seconds(pid) - before) / (time.monotonic() - began)


def sound_flowing(server: PulseServer) -> bool:
    try:
        return bool(server.pactl("list", "short", "sink-inputs").strip())
    except subprocess.SubprocessError:
        return False


def one_run(code: Path, seed: int) -> dict[str, object]:
    chance = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="stretchtimer-spin-") as folder:
        root = Path(folder)
        server = PulseServer(root / "pulse").start()
        environment = {
            **os.environ,
            **server.env(),
            "STRETCHTIMER_HOME": str(root / "home"),
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONPATH": str(code),
            "LANGUAGE": "en",
        }
        environment.pop("DBUS_SESSION_BUS_ADDRESS", None)
        app = subprocess.Popen(
            [sys.executable, "-m", "stretchtimer", "play", ROUTINE, "--voice", "pyttsx3:"],
            env=environment,
            cwd=root,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        result: dict[str, object] = {"seed": seed}
        try:
            deadline = time.monotonic() + 60
            while not sound_flowing(server):
                if time.monotonic() > deadline or app.poll() is not None:
                    result["error"] = "the session never made a sound"
                    return result
                time.sleep(0.2)
            time.sleep(chance.uniform(0.0, 4.0))  # a random moment of the voiced session
            how = chance.choice(["TERM", "KILL"])
            assert server.process is not None
            server.process.send_signal(signal.SIGTERM if how == "TERM" else signal.SIGKILL)
            server.process.wait(timeout=10)
            server.process = None
            result["killed_with"] = how
            result["gone_share"] = round(cpu_share(app.pid, MEASURE), 3)
            server = PulseServer(root / "pulse").start()
            result["back_share"] = round(cpu_share(app.pid, MEASURE), 3)
            result["alive"] = app.poll() is None
            result["spun"] = max(result["gone_share"], result["back_share"]) > SPUN  # type: ignore[call-overload]
        finally:
            if app.poll() is None:
                end_process(app, grace=15)
            server.stop()
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--load", type=int, default=0)
    parser.add_argument("--code", type=Path, default=ROOT)
    parser.add_argument("--first-seed", type=int, default=0)
    arguments = parser.parse_args()
    busy = [
        subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(arguments.load)
    ]
    results = []
    try:
        first = arguments.first_seed
        for seed in range(first, first + arguments.runs):
            result = one_run(arguments.code.resolve(), seed)
            results.append(result)
            print(json.dumps(result), flush=True)
    finally:
        for process in busy:
            process.kill()
            process.wait()
    spun = sum(1 for result in results if result.get("spun"))
    failed = sum(1 for result in results if "error" in result)
    print(
        json.dumps(
            {"runs": len(results), "spun": spun, "no_sound": failed, "code": str(arguments.code)}
        ),
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

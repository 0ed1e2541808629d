"""The cue-onset benchmark measures what a person hears: cues on time against a reference
played the way the cues are.

``benchmarks/bench_speech.py`` plays a reference beep, then a session, into the null sink
and compares every cue's onset in the recording with its scheduled time, counted from the
beep. Since every sound plays in the audio process (issue 14), a beep played by a sound
effect of the benchmark's own process went out on another PulseAudio stream than the cues:
Qt 6.11 keeps 24-46 ms queued on each stream, differently from moment to moment, and every
cue was measured 10-15 ms late on average (mean of the signed errors, five runs: +10.3 to
+14.6 ms), which took the p95 over 20 ms (issue 18) although each cue left on time to
within half a millisecond. Played as a clip of the same player, the beep and the cues share
one stream and its latency cancels, as the benchmark means it to. (How a spoken cue is
found in the recording is tests/unit/benchmarks/test_bench_speech.py's.)

Here a short session is measured by the benchmark's own code on the test server, in a
process of its own (it runs Qt's loop as the benchmark does).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.integration.audio.pulse import PulseServer

ROUTINE = """\
format = 1
title = "Onset check"

[pace]
prepare = 1
switch = 1

[[step]]
name = "Reach"
hold = 4
sides = "both"
"""

MEASURE = r"""
import json, sys
from pathlib import Path
from benchmarks import bench_speech
from tests.integration.audio.pulse import PulseServer

root, server_folder = Path(sys.argv[1]), Path(sys.argv[2])
reference = root / "reference.wav"
bench_speech.write_beep(reference)
routine = root / "onset.toml"
routine.write_text(sys.stdin.read(), encoding="utf-8")
ours = bench_speech.measure_ours(PulseServer(server_folder), root, routine, reference)
print(json.dumps({key: ours[key] for key in ("errors_ms", "missed", "mean_signed_ms")}))
"""

ROOT = Path(__file__).resolve().parents[3]


def test_cues_are_measured_against_a_reference_that_plays_the_way_they_do(
    pulse: PulseServer, tmp_path: Path
) -> None:
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(tmp_path), str(pulse.folder)],
        input=ROUTINE,
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
        env={
            **os.environ,
            **pulse.env(),
            "STRETCHTIMER_HOME": str(tmp_path / "home"),
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONPATH": str(ROOT),
        },
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    measured = json.loads(result.stdout.strip().splitlines()[-1])
    errors = sorted(measured["errors_ms"])
    assert measured["missed"] == 0
    assert len(errors) >= 12
    # No offset between the beep's way and the cues' (it was +10 to +15 ms) ...
    assert abs(measured["mean_signed_ms"]) <= 6.0, measured
    # ... and so the worst cues well inside the benchmark's 20 ms.
    assert errors[-2] <= 15.0, measured

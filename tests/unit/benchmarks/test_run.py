"""benchmarks/run.py --repeat: a figure over several runs is their median, with its spread,
and a target is met only when every run met it; a run past its bound is stopped."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from benchmarks.run import BOUND_S, STOPPED, bound_of, combined, of_run, repeats, run_bounded


def line(value: float, ok: bool) -> dict[str, object]:
    return {"name": "timer_error_ms", "value": value, "unit": "ms", "target": 5.0, "ok": ok}


def test_the_median_of_the_runs_with_their_spread() -> None:
    result = combined([line(4.0, True), line(2.0, True), line(3.0, True)])
    assert result["value"] == 3.0
    assert result["detail"]["spread"] == [2.0, 4.0]
    assert result["detail"]["runs"] == [4.0, 2.0, 3.0]
    assert result["ok"] is True


def test_one_missed_run_misses_the_target_even_when_the_median_meets_it() -> None:
    result = combined([line(4.0, True), line(31.0, False), line(3.0, True)])
    assert result["value"] == 4.0
    assert result["ok"] is False


def test_a_run_that_reported_nothing_misses_the_target() -> None:
    result = combined([line(4.0, True), line(3.0, True)], 3)  # the third run crashed
    assert result["value"] == 3.5
    assert result["ok"] is False
    assert "1 more reported nothing" in result["detail"]["statistic"]
    assert combined([line(4.0, True), line(3.0, True), line(2.0, True)], 3)["ok"] is True


def test_repeat_is_read_from_the_arguments() -> None:
    assert repeats(["engine", "--repeat", "3"]) == (3, ["engine"])
    assert repeats(["engine"]) == (1, ["engine"])
    with pytest.raises(SystemExit):
        repeats(["--repeat", "many"])
    with pytest.raises(SystemExit):
        repeats(["--repeat", "0"])


def test_a_run_past_its_bound_is_stopped_with_what_it_started_and_keeps_its_lines() -> None:
    # The run prints one line, starts a helper of its own (as a benchmark starts busy
    # processes and a sound server) and then never ends.
    script = (
        "import subprocess, sys, time\n"
        "print('first line', flush=True)\n"
        "helper = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
        "print(helper.pid, flush=True)\n"
        "time.sleep(60)\n"
    )
    started = time.monotonic()
    code, out, _err = run_bounded([sys.executable, "-c", script], 2.0)
    assert time.monotonic() - started < 15.0
    assert code == STOPPED
    first, helper = out.splitlines()
    assert first == "first line"
    assert not helper_alive(int(helper))


def helper_alive(pid: int) -> bool:
    deadline = time.monotonic() + 5.0
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
        except FileNotFoundError:
            return False
        if state == "Z":  # killed, waiting for its (gone) parent's reaper
            return False
        time.sleep(0.05)
    return True


def test_a_run_within_its_bound_gives_its_exit_code_and_output() -> None:
    code, out, err = run_bounded([sys.executable, "-c", "print('done'); exit(1)"], 20.0)
    assert (code, out, err) == (1, "done\n", "")


def test_every_module_runs_within_the_default_bound_unless_it_sets_its_own() -> None:
    assert bound_of("bench_engine") == BOUND_S


def test_the_figures_of_a_failed_run_are_misses_whatever_they_said() -> None:
    figures = [line(3.0, True)]
    assert of_run(0, figures) == figures
    assert of_run(1, figures) == figures
    for failed in (2, -11, STOPPED):  # an error, a crash, stopped at its bound
        (result,) = of_run(failed, figures)
        assert result["ok"] is False
        assert result["value"] == 3.0
    runs = [line(4.0, True), *of_run(STOPPED, [line(2.0, True)]), line(3.0, True)]
    assert combined(runs, 3)["ok"] is False

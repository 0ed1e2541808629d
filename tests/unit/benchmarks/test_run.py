"""benchmarks/run.py --repeat: a figure over several runs is their median, with its spread,
and a target is met only when every run met it."""

from __future__ import annotations

import pytest

from benchmarks.run import combined, repeats


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

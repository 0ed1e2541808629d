"""benchmarks/harness.py: the p95 the timing benchmarks report."""

from __future__ import annotations

from benchmarks.harness import p95


def test_p95_of_a_hundred_values_is_near_the_95th() -> None:
    values = [float(number) for number in range(1, 101)]
    assert 95.0 <= p95(values) <= 96.0


def test_one_late_value_in_a_hundred_does_not_make_the_p95() -> None:
    values = [1.0] * 99 + [80.0]
    assert p95(values) < 5.0


def test_with_too_few_values_for_a_95th_it_is_the_largest() -> None:
    assert p95([3.0, 1.0, 9.0, 2.0]) == 9.0

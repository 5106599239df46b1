"""measure warms up, reports a median, and times tiny calls in blocks (on a fake clock)."""

import pytest

from common import timing


class FakeClock:
    """A clock that moves only when told to, and costs `reading_s` per reading."""

    def __init__(self, reading_s: float = 0.0):
        self.now = 0.0
        self.reading_s = reading_s

    def __call__(self) -> float:
        self.now += self.reading_s
        return self.now


def timed_calls(clock: FakeClock, durations):
    """A function whose k-th call takes durations(k) seconds on `clock`; it counts its calls."""

    def fn():
        fn.calls += 1
        clock.now += durations(fn.calls)

    fn.calls = 0
    return fn


@pytest.fixture(params=["torch", "plain"])
def blocked_path(request, monkeypatch):
    """Run a test once with torch's Timer for the blocks and once with the plain-Python loop."""
    if request.param == "torch":
        pytest.importorskip("torch")
    else:
        monkeypatch.setattr(timing, "_loaded_torch", lambda: None)
    return request.param


def test_the_slow_first_call_is_a_warm_up_and_not_reported():
    clock = FakeClock()
    fn = timed_calls(clock, lambda k: 1.0 if k == 1 else 0.01)
    assert timing.measure(fn, repeats=1, clock=clock) == pytest.approx(0.01)
    cold = timed_calls(clock, lambda k: 1.0 if k == 1 else 0.01)
    assert timing.measure(cold, repeats=1, warmup=0, clock=clock) == pytest.approx(1.0)


def test_one_slow_timed_call_does_not_move_the_median():
    clock = FakeClock()
    fn = timed_calls(clock, lambda k: 5.0 if k == 3 else 0.01)
    assert timing.measure(fn, repeats=5, clock=clock) == pytest.approx(0.01)


def test_tiny_calls_are_timed_in_blocks_so_the_clock_cost_vanishes(blocked_path):
    # One reading costs 1 µs, a call 2 µs: timed alone a call looks 3 µs long.
    clock = FakeClock(reading_s=1e-6)
    fn = timed_calls(clock, lambda k: 2e-6)
    alone = timing.measure(fn, repeats=3, warmup=0, clock=clock)
    assert alone == pytest.approx(3e-6)
    blocked = timing.measure(fn, repeats=3, clock=clock, min_run_time=0.01)
    assert blocked == pytest.approx(2e-6, rel=0.01)


def test_a_call_that_changes_state_runs_exactly_repeats_times(blocked_path):
    clock = FakeClock()
    fn = timed_calls(clock, lambda k: 1e-6)
    timing.measure(fn, repeats=2, warmup=0, clock=clock)
    assert fn.calls == 2


def test_calls_of_a_millisecond_or_more_are_not_repeated_in_blocks(blocked_path):
    clock = FakeClock()
    fn = timed_calls(clock, lambda k: timing.TINY_S)
    timing.measure(fn, repeats=4, warmup=2, clock=clock)
    assert fn.calls == 6


def test_the_real_clock_gives_a_positive_time():
    assert timing.measure(lambda: sum(range(100)), repeats=3, min_run_time=0.01) > 0


@pytest.mark.parametrize("bad", [{"repeats": 0}, {"warmup": -1}])
def test_bad_counts_are_refused(bad):
    with pytest.raises(ValueError, match=next(iter(bad))):
        timing.measure(lambda: None, **bad)


def test_a_busy_machine_is_named_and_an_idle_one_is_not():
    note = timing.busy_machine_note(load=1.9, cores=2)
    assert note is not None and "load 1.9 on 2 cores" in note
    assert timing.busy_machine_note(load=1.0, cores=2) is None  # one core busy: the benchmark
    assert timing.busy_machine_note(load=7.0, cores=16) is None


def test_the_busy_note_reads_this_machine_by_default(monkeypatch):
    monkeypatch.setattr(timing.os, "getloadavg", lambda: (1.9, 0.5, 0.2))
    monkeypatch.setattr(timing.os, "cpu_count", lambda: 2)
    assert "load 1.9 on 2 cores" in timing.busy_machine_note()

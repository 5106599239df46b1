"""Timing for benchmarks (never for tests): warm up, then a median, CUDA-aware.

A first call pays for one-time work (thread pools, caches, lazy loading), and one clock
reading around a call of a few microseconds measures mostly the clock. So `measure` always
makes untimed warm-up calls first and reports the median of the timed calls; a call shorter
than `TINY_S` is timed again in blocks of many calls, and the median of the per-call block
times is reported (`torch.utils.benchmark.Timer.blocked_autorange` when torch is loaded).
"""

from __future__ import annotations

import logging
import os
import statistics
import sys
import time
from collections.abc import Callable
from types import ModuleType

TINY_S = 1e-3  # below this a call is timed in blocks of many calls
_BLOCK_S = 1e-3  # the plain-Python blocks grow until one block lasts this long
_MIN_BLOCKS = 3
# A 1-minute load average above this share of the cores: the benchmark shares its cores. (The
# benchmark before it in `make bench` leaves about one core's worth behind.)
BUSY_LOAD_PER_CORE = 0.75


def _loaded_torch() -> ModuleType | None:
    # Only code that already uses torch can have queued CUDA work or want torch's Timer: the
    # SQL benchmark never loads torch, and must not pay for importing it.
    return sys.modules.get("torch")


def _synchronize() -> None:
    torch = _loaded_torch()
    if torch is not None and torch.cuda.is_available():
        torch.cuda.synchronize()


def _time_block(fn: Callable[[], object], number: int, clock: Callable[[], float]) -> float:
    """Seconds for `number` calls of `fn()` in a row, CUDA work included."""
    _synchronize()
    start = clock()
    for _ in range(number):
        fn()
    _synchronize()
    return clock() - start


def _blocked_median_torch(
    torch: ModuleType, fn: Callable[[], object], min_run_time: float, clock: Callable[[], float]
) -> float:
    # Importing the Timer imports torch's C++-extension helpers, which warn on a machine with
    # the CUDA compiler but no GPU; that warning says nothing about the timing.
    extension_log = logging.getLogger("torch.utils.cpp_extension")
    level = extension_log.level
    extension_log.setLevel(logging.ERROR)
    try:
        from torch.utils.benchmark import Timer
    finally:
        extension_log.setLevel(level)

    def synchronized_clock() -> float:
        _synchronize()
        return clock()

    timer = Timer(
        stmt="fn()",
        globals={"fn": fn},
        timer=synchronized_clock,
        num_threads=torch.get_num_threads(),  # Timer's default is 1: keep the caller's setting
    )
    return timer.blocked_autorange(min_run_time=min_run_time).median


def _blocked_median_plain(
    fn: Callable[[], object], min_run_time: float, clock: Callable[[], float]
) -> float:
    number = 1
    while (elapsed := _time_block(fn, number, clock)) < _BLOCK_S and number < 10**6:
        number *= 10
    per_call, total = [], 0.0
    while total < min_run_time or len(per_call) < _MIN_BLOCKS:
        elapsed = _time_block(fn, number, clock)
        per_call.append(elapsed / number)
        total += elapsed
    return statistics.median(per_call)


def measure(
    fn: Callable[[], object],
    *,
    repeats: int = 5,
    warmup: int = 1,
    min_run_time: float = 0.2,
    clock: Callable[[], float] = time.perf_counter,
) -> float:
    """Median seconds of one call of `fn()`, after `warmup` untimed calls.

    `repeats` calls are timed one by one; if their median is under `TINY_S`, `fn` is timed
    again in blocks of calls for about `min_run_time` seconds and the median per-call time
    of the blocks is returned. With `warmup=0` (for a statement that changes state, such as
    a DELETE, or one too slow to repeat) `fn` is called exactly `repeats` times, never in
    blocks. `clock` is replaceable for tests.
    """
    if repeats < 1:
        raise ValueError(f"repeats must be at least 1, got {repeats}")
    if warmup < 0:
        raise ValueError(f"warmup must not be negative, got {warmup}")
    for _ in range(warmup):
        fn()
    median = statistics.median(_time_block(fn, 1, clock) for _ in range(repeats))
    if median >= TINY_S or warmup == 0:
        return median
    torch = _loaded_torch()
    if torch is not None:
        return _blocked_median_torch(torch, fn, min_run_time, clock)
    return _blocked_median_plain(fn, min_run_time, clock)


def busy_machine_note(load: float | None = None, cores: int | None = None) -> str | None:
    """A warning to print above a benchmark when other work fills most of the cores.

    Threads of one operation wait for each other; on a busy machine a waiting thread loses
    its core for a whole scheduler slice, and a multi-threaded call can take many times its
    real cost. `load` (1-minute load average) and `cores` default to this machine's.
    """
    load = os.getloadavg()[0] if load is None else load
    cores = (os.cpu_count() or 1) if cores is None else cores
    if load <= BUSY_LOAD_PER_CORE * cores:
        return None
    return (
        f"the machine is busy (load {load:.1f} on {cores} cores): multi-threaded timings "
        "can be several times too slow; rerun on an idle machine before trusting a ratio"
    )

"""Timing for benchmarks (never for tests): median of repeated runs, CUDA-aware."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable


def _synchronize() -> None:
    # Only code that already uses torch can have queued CUDA work: the SQL benchmark never
    # loads torch, and must not pay for importing it.
    torch = sys.modules.get("torch")
    if torch is not None and torch.cuda.is_available():
        torch.cuda.synchronize()


def measure(fn: Callable[[], object], *, repeats: int = 5, warmup: int = 1) -> float:
    """Median wall time of `fn()` in seconds, synchronising CUDA around each run."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        _synchronize()
        start = time.perf_counter()
        fn()
        _synchronize()
        times.append(time.perf_counter() - start)
    return statistics.median(times)

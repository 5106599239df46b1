"""Timing for benchmarks (never for tests): median of repeated runs, CUDA-aware."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import torch


def measure(fn: Callable[[], object], *, repeats: int = 5, warmup: int = 1) -> float:
    """Median wall time of `fn()` in seconds, synchronising CUDA around each run."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        if torch.cuda.is_available():
            torch.cuda.synchronize()
        start = time.perf_counter()
        fn()
        if torch.cuda.is_available():
            torch.cuda.synchronize()
        times.append(time.perf_counter() - start)
    return statistics.median(times)

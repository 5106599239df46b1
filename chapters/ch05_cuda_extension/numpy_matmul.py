"""numpy's matmul in a process of its own, so that its BLAS runs its native kernel: bench.py's second library.

OpenBLAS (numpy's BLAS) picks its kernel when it loads, from the CPU unless OPENBLAS_CORETYPE
names another one, and sizes its blocks from OPENBLAS_L2_SIZE when that is set. The machines
this chapter runs on set both (for old OpenBLAS versions), so NumpyMatmul starts this file
with the two unset in the child's environment only; threadpoolctl, in the child, names the
kernel it loaded. The parent's environment, the tests' and CI's stay as they are.

The child speaks one JSON object a line. It first says what it loaded:
{"blas": [{"internal_api": "openblas", "architecture": "SkylakeX", ...}], "unset": [...]};
then {"n": n} makes two n x n float32 matrices (answer {"n": n}), {"calls": c} times c products
in a row (answer {"seconds": s}), and end of input ends it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

UNSET = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")  # removed from the child's environment only


class NumpyMatmul:
    """numpy.matmul in a child process; a bench contender that times its own calls (time_calls)."""

    def __init__(self, threads: int):
        # -P: the script's folder (this chapter's data.py, bench.py ...) stays off sys.path.
        env = {name: value for name, value in os.environ.items() if name not in UNSET}
        self.child = subprocess.Popen(
            [sys.executable, "-P", str(Path(__file__).resolve()), str(threads)], env=env, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        hello = self._read()
        self.blas: list[dict] = hello["blas"]
        self.unset: list[str] = hello["unset"]

    def _read(self) -> dict:
        line = self.child.stdout.readline()
        if not line:
            raise RuntimeError(f"the numpy child ended (exit status {self.child.wait()})")
        return json.loads(line)

    def _ask(self, **request) -> dict:
        self.child.stdin.write(json.dumps(request) + "\n")
        self.child.stdin.flush()
        return self._read()

    def kernel(self) -> str:
        """The BLAS the child loaded and the kernel it runs, as threadpoolctl reports them."""
        return ", ".join(f"{b['internal_api']} {b.get('version')} {b.get('architecture')} kernel, "
                         f"{b['num_threads']} threads" for b in self.blas) or "no BLAS found"

    def prepare(self, n: int) -> None:
        self._ask(n=n)

    def time_calls(self, calls: int) -> float:
        """Seconds for `calls` products in a row, timed in the child (no pipe in the timing)."""
        return self._ask(calls=calls)["seconds"]

    def __call__(self) -> None:
        self.time_calls(1)

    def close(self) -> None:
        self.child.stdin.close()
        self.child.wait()

    def __enter__(self) -> NumpyMatmul:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def child(threads: int) -> None:
    """The child's side: report the BLAS, then answer requests until stdin closes."""
    import numpy as np
    from threadpoolctl import threadpool_info, threadpool_limits

    threadpool_limits(threads, user_api="blas")
    keys = ("internal_api", "version", "architecture", "num_threads", "threading_layer")
    blas = [{k: info.get(k) for k in keys} for info in threadpool_info()
            if info.get("user_api") == "blas"]
    print(json.dumps({"blas": blas, "unset": [name for name in UNSET if name not in os.environ]}),
          flush=True)
    rng = np.random.default_rng(0)
    a = b = None
    for line in sys.stdin:
        request = json.loads(line)
        if "n" in request:
            n = request["n"]
            a, b = (rng.standard_normal((n, n), dtype=np.float32) for _ in range(2))
            print(json.dumps({"n": n}), flush=True)
        else:
            start = time.perf_counter()
            for _ in range(request["calls"]):
                np.matmul(a, b)
            print(json.dumps({"seconds": time.perf_counter() - start}), flush=True)


if __name__ == "__main__":
    child(int(sys.argv[1]))

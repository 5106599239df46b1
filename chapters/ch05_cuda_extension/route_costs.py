"""What each route costs: build time and import time of _C (dispatcher) and _pybind (pybind11).

    .venv/bin/python -m chapters.ch05_cuda_extension.route_costs           # import times only
    .venv/bin/python -m chapters.ch05_cuda_extension.route_costs --build   # and a clean build of each

The build runs setup.py in a temporary copy of the distribution, once per module
(MYLINEAROPS_ONLY=_C / _pybind), so the installed package is not touched. FORCE_CUDA and
TORCH_CUDA_ARCH_LIST are passed through: without them the build is C++ only.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DIST = Path(__file__).resolve().parent / "mylinearops"  # setup.py and the package
# What each route's import runs once torch is loaded: its Python modules with the library they
# load, and the library alone (loading _C also runs its TORCH_LIBRARY registrations).
ROUTES = {
    "dispatcher: mylinearops": "mylinearops",
    "pybind11: mylinearops.pybind_route": "mylinearops.pybind_route",
    "dispatcher: the library _C": "mylinearops._C",
    "pybind11: the library _pybind": "mylinearops._pybind",
}


def import_times(repeats: int = 5) -> dict[str, float]:
    """Median milliseconds to import each route in a fresh interpreter that already imported torch.

    `python -X importtime` reports each module's cumulative time. The pybind route imports after
    the dispatcher route (its package __init__ loads _C), so its figure is its own modules only:
    pybind_route.py and the _pybind library.
    """
    samples: dict[str, list[float]] = {name: [] for name in ROUTES}
    code = "import torch; import mylinearops; import mylinearops.pybind_route"
    for _ in range(repeats):
        run = subprocess.run([sys.executable, "-X", "importtime", "-c", code],
                             capture_output=True, text=True, check=True)
        cumulative = {}
        for line in run.stderr.splitlines():  # "import time: self [us] | cumulative | name"
            if line.startswith("import time:") and "|" in line:
                _, total, name = (part.strip() for part in line.split("|"))
                if total.isdigit():
                    cumulative[name.strip()] = int(total) / 1e3
        for label, module in ROUTES.items():
            samples[label].append(cumulative[module])
    return {label: statistics.median(values) for label, values in samples.items()}


def build_time(module: str) -> float:
    """Seconds for a clean `setup.py build_ext` of one module, in a temporary copy."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "mylinearops"
        shutil.copytree(DIST, copy, ignore=shutil.ignore_patterns("build", "*.so", "__pycache__",
                                                                  "*.egg-info"))
        env = dict(os.environ, MYLINEAROPS_ONLY=module)
        start = time.perf_counter()
        subprocess.run([sys.executable, "setup.py", "build_ext", "--inplace"], cwd=copy, env=env,
                       check=True, capture_output=True)
        return time.perf_counter() - start


def main(argv: list[str]) -> int:
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; "
          f"FORCE_CUDA={os.environ.get('FORCE_CUDA', '(unset)')}")
    if "--build" in argv:
        for module in ("_C", "_pybind"):
            print(f"build {module:<8} {build_time(module):6.1f} s (clean, setup.py build_ext)",
                  flush=True)
    for label, ms in import_times().items():
        print(f"import {label:<36} {ms:6.1f} ms (median of 5, torch already imported)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

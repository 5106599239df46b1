#!/usr/bin/env bash
# make gpu-check: on a machine with an NVIDIA GPU, nvcc and a CUDA build of torch (no internet
# needed, nothing installed from PyPI): build mylinearops in place with its CUDA kernels, run the
# CUDA tests, then time every kernel against cuBLAS and the MLP against nn.Linear.
# Uses the system python3 (or $PYTHON); output and plot go to bench-results/.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
EXT=chapters/ch05_cuda_extension  # the chapter: tests, gpu_bench.py
DIST=$EXT/mylinearops           # the mylinearops distribution: setup.py, mylinearops/{*.py,csrc/}
PY=${PYTHON:-python3}
if [ -x .venv/bin/python ] && [ -z "${PYTHON:-}" ]; then PY=$ROOT/.venv/bin/python; fi  # absolute: the build cd-s
mkdir -p bench-results
LOG=bench-results/gpu_check.log
exec > >(tee "$LOG") 2>&1
step() { echo; echo "== $* ($(date +%H:%M:%S))"; }

step "environment"
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.used,memory.total --format=csv
$PY -c 'import sys, torch; print("python", sys.version.split()[0], "| torch", torch.__version__, "| CUDA", torch.version.cuda, "| GPU visible:", torch.cuda.is_available())' || { echo "FAIL: python3 cannot import torch"; exit 1; }
if [ -z "${CUDA_HOME:-}" ]; then
    for d in /usr/local/cuda "$(dirname "$(dirname "$(command -v nvcc 2>/dev/null || echo /x/x/x)")")"; do
        [ -x "$d/bin/nvcc" ] && { export CUDA_HOME=$d; break; }
    done
fi
[ -n "${CUDA_HOME:-}" ] || { echo "FAIL: nvcc not found (set CUDA_HOME)"; exit 1; }
echo "CUDA_HOME=$CUDA_HOME ($("$CUDA_HOME/bin/nvcc" --version | tail -n 2 | head -n 1))"
command -v ninja >/dev/null || $PY -c 'import ninja' 2>/dev/null || echo "note: ninja missing, the build is serial and slower"

step "build mylinearops in place (FORCE_CUDA=1)"
export FORCE_CUDA=1 TORCH_CUDA_ARCH_LIST=${TORCH_CUDA_ARCH_LIST:-9.0} MAX_JOBS=${MAX_JOBS:-16}
rm -f "$DIST"/mylinearops/_C*.so  # a copy built elsewhere is for another torch
start=$(date +%s)
(cd "$DIST" && $PY setup.py build_ext --inplace >"$ROOT/bench-results/gpu_build.log" 2>&1) \
    || { tail -n 40 bench-results/gpu_build.log; echo "FAIL: build (log: bench-results/gpu_build.log)"; exit 1; }
echo "built in $(( $(date +%s) - start )) s"
export PYTHONPATH="$PWD/$DIST:$PWD${PYTHONPATH:+:$PYTHONPATH}"
$PY -c 'import mylinearops; print("kernels:", mylinearops.kernels())' || { echo "FAIL: import"; exit 1; }

status=0
step "CUDA tests"
if $PY -c 'import pytest' 2>/dev/null; then
    $PY -m pytest -q -p no:cacheprovider -o addopts="" --import-mode=importlib \
        "$EXT/tests/test_cuda.py" "$EXT/tests/test_ops.py" || status=1
else
    echo "pytest missing: a plain check of every kernel instead"
    $PY - <<'PYEOF' || status=1
import torch, mylinearops
for dtype in (torch.float32, torch.float64):
    for M, K, N in [(1, 1, 1), (31, 33, 17), (129, 257, 131), (257, 512, 255), (0, 4, 3), (3, 0, 4)]:
        A = torch.randn(M, K, device="cuda", dtype=dtype)
        B = torch.randn(K, N, device="cuda", dtype=dtype)
        for k in mylinearops.kernels()["cuda"]:  # the list in csrc/kernels.h
            torch.testing.assert_close(mylinearops.matmul(A, B, k), A @ B, rtol=1e-4, atol=1e-4)
print("plain CUDA check: all kernels match torch")
PYEOF
fi

step "GPU benchmark"
timeout 300 $PY -m chapters.ch05_cuda_extension.gpu_bench || status=1
step "done (status $status); log in $LOG"
exit $status

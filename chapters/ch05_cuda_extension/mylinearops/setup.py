"""Build `mylinearops`: C++ kernels always, CUDA kernels when torch has CUDA and nvcc is found.

    pip install --no-build-isolation --editable chapters/ch05_cuda_extension/mylinearops

This folder is the distribution: setup.py here, the import package in mylinearops/, its C++ and
CUDA sources in mylinearops/csrc/ (the layout of pytorch/extension-cpp).

Environment switches:
  FORCE_CUDA=1            compile the .cu files even without a GPU (needs nvcc; CUDA_HOME)
  FORCE_CUDA=0            never compile CUDA, even on a GPU machine
  TORCH_CUDA_ARCH_LIST    which GPUs to compile for, e.g. "9.0" (H100/H200); default here 9.0
  MYLINEAROPS_PORTABLE=1  no -march=native (for a binary that must run on another CPU)
  MYLINEAROPS_DEBUG=1     -O0 -g, for stepping through the kernels in a debugger
  MYLINEAROPS_NO_OPENMP=1 no -fopenmp (at::parallel_for then runs on one thread)
  MYLINEAROPS_ONLY=_C     build one of the two modules only (_C or _pybind)
"""

from __future__ import annotations

import glob
import os
import shutil
from pathlib import Path

import torch
from setuptools import setup
from torch.utils.cpp_extension import CUDA_HOME, BuildExtension, CppExtension, CUDAExtension

HERE = Path(__file__).resolve().parent  # the distribution folder
NAME = "mylinearops"
CSRC = HERE / NAME / "csrc"  # the C++ and CUDA sources, inside the import package


def want_cuda() -> bool:
    """CUDA is built when forced, or when torch was built with CUDA and nvcc can be found."""
    force = os.environ.get("FORCE_CUDA", "")
    if force == "0":
        return False
    has_nvcc = CUDA_HOME is not None and Path(CUDA_HOME, "bin", "nvcc").exists()
    if force == "1":
        if not has_nvcc:
            raise RuntimeError(
                "FORCE_CUDA=1 but nvcc was not found: set CUDA_HOME (e.g. /usr/local/cuda)"
            )
        if torch.version.cuda is None:
            raise RuntimeError("FORCE_CUDA=1 but this torch was built without CUDA")
        return True
    return torch.version.cuda is not None and has_nvcc and torch.cuda.is_available()


def relative(pattern: str) -> list[str]:
    """The files under csrc/ matching `pattern`, relative to this folder (setup.py wants that)."""
    return [os.path.relpath(s, HERE) for s in sorted(glob.glob(str(CSRC / pattern)))]


def extensions() -> list:
    """_C (the dispatcher route) and _pybind (the pybind11 route), built from the same kernels.

    MYLINEAROPS_ONLY=_C or _pybind builds one of them (route_costs.py times each build alone).
    """
    debug = os.environ.get("MYLINEAROPS_DEBUG", "") == "1"
    cxx = ["-O0", "-g"] if debug else ["-O3"]
    if os.environ.get("MYLINEAROPS_NO_OPENMP", "") != "1":
        cxx += ["-fopenmp"]  # -fopenmp: at::parallel_for is an OpenMP pragma in a header
    if os.environ.get("MYLINEAROPS_PORTABLE", "") != "1":
        cxx += ["-march=native"]
    cuda = want_cuda()
    ext_dir = ["*.cpp", "*.cu"] if cuda else ["*.cpp"]
    # _C: every file of csrc/. _pybind: its own files in csrc/pybind/ (which compile matmul_cpu.cpp
    # and matmul_cuda.cu again, without their op registrations), plus every file of csrc/ that
    # registers nothing (no TORCH_LIBRARY in it): an op may be registered once, by _C.
    csrc = [s for pattern in ext_dir for s in relative(pattern)]
    sources = {
        "_C": csrc,
        "_pybind": [s for pattern in ext_dir for s in relative(f"pybind/{pattern}")]
        + [s for s in csrc if "TORCH_LIBRARY" not in (HERE / s).read_text()],
    }
    only = os.environ.get("MYLINEAROPS_ONLY", "")
    kwargs = dict(extra_link_args=["-fopenmp"])
    if cuda:
        os.environ.setdefault("TORCH_CUDA_ARCH_LIST", "9.0")
        nvcc = ["-O0", "-g", "-G"] if debug else ["-O3", "-lineinfo"]
        kwargs.update(define_macros=[("WITH_CUDA", None)],
                      extra_compile_args={"cxx": cxx, "nvcc": nvcc})
        make = CUDAExtension
    else:
        kwargs.update(extra_compile_args={"cxx": cxx})
        make = CppExtension
    return [make(f"{NAME}.{module}", files, **kwargs) for module, files in sources.items()
            if only in ("", module)]


ext_modules = extensions()
WITH_CUDA = any(source.endswith(".cu") for ext in ext_modules for source in ext.sources)
print(f"mylinearops: building {', '.join(e.name for e in ext_modules)} "
      f"({'C++ and CUDA' if WITH_CUDA else 'C++ only'} kernels)")

setup(
    name=NAME,
    version="0.1.0",
    description="Chapter 5: a linear layer as a custom torch op, with hand-written CPU and CUDA kernels",
    packages=[NAME],
    ext_modules=ext_modules,
    cmdclass={"build_ext": BuildExtension.with_options(use_ninja=shutil.which("ninja") is not None)},
    python_requires=">=3.10",
)

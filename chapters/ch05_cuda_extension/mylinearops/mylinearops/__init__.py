"""mylinearops: a linear layer as custom torch ops, with hand-written CPU and CUDA kernels."""

from mylinearops.layer import LinearLayer
from mylinearops.ops import kernels, linearop, matmul

__all__ = ["LinearLayer", "kernels", "linearop", "matmul"]

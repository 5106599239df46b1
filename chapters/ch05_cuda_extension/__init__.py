"""Chapter 5: mylinearops, a C++/CUDA extension with a ladder of hand-written matmul kernels."""

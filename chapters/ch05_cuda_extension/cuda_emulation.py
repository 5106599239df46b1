"""A CPU emulation of the blocktiled CUDA kernel's index arithmetic, to test it without a GPU.

It follows `blocktiled_kernel` in csrc/matmul_cuda.cu statement by statement (fetch, stage,
compute, store, with the same bounds checks), running the "threads" of a block one after the
other between the synchronisation points. Small tiles keep it fast; the logic is the same.
"""

from __future__ import annotations

import numpy as np


def blocktiled_emulated(A, B, BM=8, BN=8, BK=4, TM=2, TN=2, vec=False):
    """C = A @ B computed the way the CUDA kernel does it, tile by tile and thread by thread."""
    A, B = np.ascontiguousarray(A), np.ascontiguousarray(B)
    M, K = A.shape
    N = B.shape[1]
    if vec and (K % 4 or N % 4 or BK % 4 or BN % 4 or TN % 4):
        raise ValueError("vec (float4) needs K, N, BK, BN and TN to be multiples of 4")
    a, b = A.reshape(-1), B.reshape(-1)  # flat row-major buffers, as the kernel sees them
    C = np.full(M * N, np.nan, dtype=A.dtype)  # unwritten entries stay NaN and fail a comparison
    W = 4 if vec else 1
    grid_y, grid_x = -(-M // BM), -(-N // BN)
    for by in range(grid_y):
        for bx in range(grid_x):
            _block(a, b, C, M, K, N, by * BM, bx * BN, BM, BN, BK, TM, TN, W)
    return C.reshape(M, N)


def _block(a, b, C, M, K, N, bm, bn, BM, BN, BK, TM, TN, W):
    """One thread block: its tiles, its threads, its part of C."""
    NT = (BM // TM) * (BN // TN)
    A_CHUNKS, B_CHUNKS = BM * BK // W, BK * BN // W
    A_PER, B_PER = -(-A_CHUNKS // NT), -(-B_CHUNKS // NT)
    As = np.full((BK, BM), np.nan, dtype=C.dtype)  # shared memory
    Bs = np.full((BK, BN), np.nan, dtype=C.dtype)
    acc = np.zeros((NT, TM, TN), dtype=C.dtype)
    ra = np.zeros((NT, A_PER, W), dtype=C.dtype)  # per-thread staging registers
    rb = np.zeros((NT, B_PER, W), dtype=C.dtype)

    def fetch(k0):
        for tid in range(NT):
            for s in range(A_PER):
                idx = tid + s * NT
                r, c = idx // (BK // W), (idx % (BK // W)) * W
                gr, gk = bm + r, k0 + c
                v = np.zeros(W, dtype=C.dtype)
                if idx < A_CHUNKS and gr < M and gk < K:
                    v = a[gr * K + gk : gr * K + gk + W]
                    assert len(v) == W, "a float4 load ran past the end of A"
                ra[tid, s] = v
            for s in range(B_PER):
                idx = tid + s * NT
                r, c = idx // (BN // W), (idx % (BN // W)) * W
                gk, gc = k0 + r, bn + c
                v = np.zeros(W, dtype=C.dtype)
                if idx < B_CHUNKS and gk < K and gc < N:
                    v = b[gk * N + gc : gk * N + gc + W]
                    assert len(v) == W, "a float4 load ran past the end of B"
                rb[tid, s] = v

    def stage():
        for tid in range(NT):
            for s in range(A_PER):
                idx = tid + s * NT
                if idx < A_CHUNKS:
                    r, c = idx // (BK // W), (idx % (BK // W)) * W
                    for q in range(W):
                        As[c + q, r] = ra[tid, s, q]
            for s in range(B_PER):
                idx = tid + s * NT
                if idx < B_CHUNKS:
                    r, c = idx // (BN // W), (idx % (BN // W)) * W
                    Bs[r, c : c + W] = rb[tid, s]

    fetch(0)
    for k0 in range(0, K, BK):
        stage()  # ... __syncthreads()
        if k0 + BK < K:
            fetch(k0 + BK)
        for tid in range(NT):
            tr, tc = tid // (BN // TN), tid % (BN // TN)
            for k in range(BK):
                regM = As[k, tr * TM : tr * TM + TM]
                regN = Bs[k, tc * TN : tc * TN + TN]
                acc[tid] += np.outer(regM, regN)
    for tid in range(NT):  # the store, with its bounds checks
        tr, tc = tid // (BN // TN), tid % (BN // TN)
        for i in range(TM):
            r = bm + tr * TM + i
            if r >= M:
                break
            for j in range(0, TN, W):
                c = bn + tc * TN + j
                if c < N:
                    C[r * N + c : r * N + c + W] = acc[tid, i, j : j + W]

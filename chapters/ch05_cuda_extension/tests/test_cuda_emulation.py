"""The blocktiled kernel's indexing, emulated on the CPU, at shapes that are not tile multiples."""

import numpy as np
import pytest

from chapters.ch05_cuda_extension.cuda_emulation import blocktiled_emulated

SHAPES = [(1, 1, 1), (3, 5, 7), (8, 4, 8), (9, 5, 17), (17, 12, 9), (16, 16, 16), (0, 3, 4), (5, 2, 0)]
VEC_SHAPES = [(1, 4, 4), (9, 12, 8), (17, 8, 20), (16, 16, 16)]  # K and N multiples of 4


@pytest.mark.parametrize(
    "tiles",
    [dict(BM=8, BN=8, BK=4, TM=2, TN=2), dict(BM=8, BN=4, BK=2, TM=4, TN=1),
     dict(BM=16, BN=8, BK=8, TM=4, TN=2)],
)
def test_scalar_loads_match_numpy(tiles):
    rng = np.random.default_rng(0)
    for M, K, N in SHAPES:
        A, B = rng.standard_normal((M, K)), rng.standard_normal((K, N))
        np.testing.assert_allclose(blocktiled_emulated(A, B, **tiles), A @ B, atol=1e-12)


def test_float4_loads_match_numpy():
    rng = np.random.default_rng(1)
    for M, K, N in VEC_SHAPES:
        A = rng.standard_normal((M, K)).astype(np.float32)
        B = rng.standard_normal((K, N)).astype(np.float32)
        got = blocktiled_emulated(A, B, BM=8, BN=8, BK=4, TM=2, TN=4, vec=True)
        np.testing.assert_allclose(got, A @ B, rtol=1e-5, atol=1e-5)


def test_float4_needs_multiples_of_4_and_every_entry_is_written():
    """C starts as NaN in the emulation, so an entry the store forgets would show up here."""
    A, B = np.ones((3, 2)), np.ones((2, 3))
    with pytest.raises(ValueError, match="multiples of 4"):
        blocktiled_emulated(A, B, vec=True)
    C = blocktiled_emulated(A, B)
    assert C.shape == (3, 3) and not np.isnan(C).any()

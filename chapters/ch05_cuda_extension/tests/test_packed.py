"""The packed CPU kernel (rung 4): equal to torch.matmul on awkward shapes and layouts, and
chosen by algo="auto" exactly when this CPU can run it."""

from pathlib import Path

import mylinearops
import pytest
import torch

ops = torch.ops.mylinearops
HAS_PACKED = ops.packed_isa() != "none"
needs_packed = pytest.mark.skipif(not HAS_PACKED, reason="this CPU has neither AVX2+FMA nor AVX-512F")


def cpu_flags() -> set[str]:
    """The CPU's feature flags as Linux reports them (an independent source: not our code)."""
    cpuinfo = Path("/proc/cpuinfo")
    if not cpuinfo.exists():
        pytest.skip("no /proc/cpuinfo to read the CPU's flags from")
    for line in cpuinfo.read_text().splitlines():
        if line.startswith("flags"):
            return set(line.split(":", 1)[1].split())
    pytest.skip("/proc/cpuinfo lists no flags")


def isas() -> list[str]:
    """The instruction sets whose micro-kernel this CPU can run (each one is tested)."""
    return {"avx512": ["avx512", "avx2"], "avx2": ["avx2"]}.get(ops.packed_isa(), [])


def tolerance(dtype: torch.dtype, k: int) -> dict:
    """Two kernels' rounding, for standard-normal inputs: a sum of k products has entries about
    sqrt(k) in size, and each kernel's rounding error is about eps * sqrt(k) times that, in any
    entry, even one that ends up near zero (so atol grows as k, not as sqrt(k))."""
    eps = torch.finfo(dtype).eps
    return dict(rtol=8 * eps * max(k, 1) ** 0.5, atol=8 * eps * max(k, 1))


def edge_sizes(block: int) -> list[int]:
    return [block - 1, block, block + 1]


def awkward_shapes(dtype: torch.dtype) -> list[tuple[int, int, int]]:
    """(M, K, N): 0, 1, primes, and one below / at / above each tile and block size: the tile's
    rows (every edge tile height), its columns and half of them (the one-vector edge tiles), KC,
    MC, and the most rows of A for which a row-major B is read in place (4 tiles) and one more."""
    mr, nr, kc, mc, _ = ops.packed_blocking(dtype)
    shapes = [(0, 5, 3), (4, 0, 3), (3, 5, 0), (1, 1, 1), (1, 7, 1), (7, 1, 11), (13, 17, 19),
              (31, 37, 41), (97, 101, 89)]
    shapes += [(m, 29, 23) for m in edge_sizes(mr) + edge_sizes(2 * mr)]
    shapes += [(m, 29, 2 * nr + 5) for m in range(1, mr + 1)] + [(4 * mr, 9, nr), (4 * mr + 1, 9, nr)]
    shapes += [(11, 29, n) for n in edge_sizes(nr // 2) + edge_sizes(nr) + edge_sizes(2 * nr)]
    shapes += [(17, k, 19) for k in edge_sizes(kc) + edge_sizes(2 * kc)]
    shapes += [(m, 7, nr + 3) for m in edge_sizes(mc)]
    return shapes


@needs_packed
@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
@pytest.mark.parametrize("isa", isas())
def test_awkward_shapes_match_torch(dtype, isa):
    gen = torch.Generator().manual_seed(0)
    for m, k, n in awkward_shapes(dtype):
        A = torch.randn(m, k, generator=gen, dtype=dtype)
        B = torch.randn(k, n, generator=gen, dtype=dtype)
        got = ops.packed_matmul(A, B, None, isa)
        assert got.shape == (m, n) and got.is_contiguous()
        torch.testing.assert_close(got, A @ B, **tolerance(dtype, k), msg=f"{(m, k, n)}, {isa}")


@needs_packed
@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_views_are_read_through_their_strides(dtype):
    gen = torch.Generator().manual_seed(1)
    base_a = torch.randn(70, 90, generator=gen, dtype=dtype)
    base_b = torch.randn(80, 60, generator=gen, dtype=dtype)
    views = {
        "A^T, B^T": (base_a.t()[:50, :33], base_b.t()[:33, :45]),  # column-major, both
        "A sliced with a step": (base_a[::2, 1::3], base_b[:30, ::2]),  # neither stride is 1
        "B expanded (stride 0)": (base_a[:9, :30], base_b[:1, :40].expand(30, 40)),
        "B a slice of columns, read in place": (base_a[:20, :33], base_b[:33, 7:52]),
    }
    kc = ops.packed_blocking(dtype)[2]
    long_a = torch.randn(kc + 40, 21, generator=gen, dtype=dtype)
    long_b = torch.randn(19, kc + 40, generator=gen, dtype=dtype)
    views["A^T, B^T over two K-slices"] = (long_a.t()[:, 3:], long_b.t()[3:, :])
    for name, (A, B) in views.items():
        assert not (A.is_contiguous() and B.is_contiguous())
        expected = A.contiguous() @ B.contiguous()
        for algo in ("packed", "auto"):
            got = mylinearops.matmul(A, B, algo=algo)
            torch.testing.assert_close(got, expected, **tolerance(dtype, A.shape[1]), msg=name)


@needs_packed
def test_packed_reads_a_transposed_view_without_copying_it(monkeypatch):
    # The backward hands the kernel B^T and A^T; the other rungs copy them with .contiguous().
    # torch.Tensor.contiguous is not what the C++ side calls, so count the copies the way the
    # profiler sees them: aten::clone / aten::copy_ ops recorded during the call.
    A = torch.randn(64, 48)
    Bt = torch.randn(32, 48).t()  # (48, 32), column-major
    with torch.profiler.profile() as prof:
        mylinearops.matmul(A, Bt, algo="packed")
    names = {event.name for event in prof.events()}
    assert "aten::clone" not in names and "aten::copy_" not in names, names
    with torch.profiler.profile() as prof:
        mylinearops.matmul(A, Bt, algo="blocked")
    assert {"aten::clone", "aten::copy_"} & {event.name for event in prof.events()}


@needs_packed
@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_the_fused_bias(dtype):
    gen = torch.Generator().manual_seed(2)
    _, nr, kc, _, _ = ops.packed_blocking(dtype)
    for m, k, n in [(5, 3, 7), (20, kc + 5, nr + 1), (3, 1, 2 * nr), (4, 0, 9)]:
        X = torch.randn(m, k, generator=gen, dtype=dtype)
        W = torch.randn(k, n, generator=gen, dtype=dtype)
        b = torch.randn(n, generator=gen, dtype=dtype)
        expected = X @ W + b  # with k == 0: the bias in every row
        got = mylinearops.linearop(X, W, b, algo="packed")
        torch.testing.assert_close(got, expected, **tolerance(dtype, k))
        for isa in isas():
            torch.testing.assert_close(ops.packed_matmul(X, W, b, isa), expected,
                                       **tolerance(dtype, k))


@pytest.fixture
def two_threads():
    before = torch.get_num_threads()
    torch.set_num_threads(2)
    yield
    torch.set_num_threads(before)


@needs_packed
@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_small_products_on_two_threads_split_by_columns(dtype, two_threads):
    # From 2^20 to 2^22 multiply-adds each thread packs A itself and computes its own columns
    # of C: the MLP's products, ragged edges, more than one K-slice, views and the bias.
    gen = torch.Generator().manual_seed(3)
    shapes = [(32, 256, 256), (256, 32, 256), (33, 250, 259), (5, 1000, 250), (300, 20, 200)]
    kc = ops.packed_blocking(dtype)[2]
    shapes += [(2, kc + 300, 2**21 // (2 * (kc + 300)))]  # two K-slices
    for m, k, n in shapes:
        assert 2**20 <= m * k * n < 2**22
        A = torch.randn(k, m, generator=gen, dtype=dtype).t()  # a transposed view, as X^T
        B = torch.randn(n, k, generator=gen, dtype=dtype).t()  # as W^T
        b = torch.randn(n, generator=gen, dtype=dtype)
        for a, w in [(A.contiguous(), B.contiguous()), (A, B.contiguous()), (A.contiguous(), B)]:
            expected = a.contiguous() @ w.contiguous() + b
            for isa in isas():
                got = ops.packed_matmul(a, w, b, isa)
                torch.testing.assert_close(got, expected, **tolerance(dtype, k),
                                           msg=f"{(m, k, n)}, {isa}")
                torch.set_num_threads(1)
                one_thread = ops.packed_matmul(a, w, b, isa)
                torch.set_num_threads(2)
                assert torch.equal(got, one_thread), "the same sums in the same order"


KIB, MIB = 1024, 1024 * 1024


# (MR, NR, itemsize, L1d, L2, L3, K) -> (KC, MC, L3 budget), worked out by hand with the lesson's
# rule (half of each cache): the largest KC = L2 / 2 / (NR * itemsize), a multiple of 16, and K
# cut into equal slices of at most that, each rounded up to a multiple of 16 (K = 0: any K);
# MC = L2 / 2 / (KC * itemsize), down to a multiple of MR; the budget is half the L3.
@pytest.mark.parametrize("given, expected", [
    ((14, 32, 4, 48 * KIB, 1 * MIB, 32 * MIB, 0), (4096, 28, 16 * MIB)),  # Zen 5, float: 32 -> 28
    ((14, 16, 8, 48 * KIB, 1 * MIB, 32 * MIB, 0), (4096, 14, 16 * MIB)),  # Zen 5, double: 16 -> 14
    ((14, 32, 4, 32 * KIB, 1 * MIB, 32 * MIB, 1024), (1024, 126, 16 * MIB)),  # Zen 4: 128 -> 126
    ((14, 32, 4, 48 * KIB, 1 * MIB, 32 * MIB, 1024), (1024, 126, 16 * MIB)),  # the L1 plays no part
    ((14, 32, 4, 32 * KIB, 1 * MIB, 32 * MIB, 2048), (2048, 56, 16 * MIB)),  # 64 -> 56
    ((14, 32, 4, 32 * KIB, 1 * MIB, 32 * MIB, 5000), (2512, 42, 16 * MIB)),  # 2 x 2500 -> 2512
    ((14, 32, 4, 32 * KIB, 1 * MIB, 32 * MIB, 97), (112, 1162, 16 * MIB)),  # 1170 -> 1162
    ((6, 16, 4, 32 * KIB, 2 * MIB, 105 * MIB, 0), (16384, 12, 105 * MIB // 2)),  # AVX2: 16 -> 12
    ((14, 32, 4, 1 * KIB, 1 * KIB, 1 * KIB, 0), (16, 14, 16 * 32 * 4)),  # tiny: every floor
], ids=["zen5-f32", "zen5-f64", "zen4-f32-k1024", "l1-unused", "k2048", "k5000", "k97",
        "avx2-f32", "floors"])
def test_block_sizes_follow_from_the_cache_sizes(given, expected):
    assert tuple(ops.packed_block_sizes(*given)) == expected


def sysfs_caches() -> list[int]:
    """cpu0's L1d, L2 and L3 in bytes, as Linux lists them (read here, not by our C++)."""
    found = {}
    for index in sorted(Path("/sys/devices/system/cpu/cpu0/cache").glob("index*")):
        level, kind = (index / "level").read_text().strip(), (index / "type").read_text().strip()
        size = (index / "size").read_text().strip()
        value = int(size.rstrip("KMG")) * {"K": KIB, "M": MIB, "G": 1024 * MIB}.get(size[-1], 1)
        if kind != "Instruction":
            found[f"L{level}"] = value
    return [found["L1"], found["L2"], found.get("L3", found["L2"])]


@needs_packed
@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_the_kernel_uses_the_block_sizes_of_this_machines_caches(dtype):
    caches, source = ops.packed_caches()
    if Path("/sys/devices/system/cpu/cpu0/cache/index0").exists():
        assert (caches, source) == (sysfs_caches(), "sysfs")
    mr, nr, kc, mc, l3_budget = ops.packed_blocking(dtype)
    itemsize = torch.empty((), dtype=dtype).element_size()
    assert [kc, mc, l3_budget] == ops.packed_block_sizes(mr, nr, itemsize, *caches)


@needs_packed
def test_gradients_through_packed():
    X = torch.randn(9, 20, dtype=torch.float64, requires_grad=True)
    W = torch.randn(20, 35, dtype=torch.float64, requires_grad=True)
    b = torch.randn(35, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(lambda x, w, b: mylinearops.linearop(x, w, b, algo="packed"),
                                    (X, W, b))


@pytest.mark.slow
@needs_packed
def test_operands_larger_than_the_l3_budget_are_packed_in_chunks():
    mr, nr, kc, mc, l3_bytes = ops.packed_blocking(torch.float32)
    k = 4096
    chunk = l3_bytes // (k * 4)  # columns of B (and rows of A) packed at a time
    m, n = chunk + mr + 1, chunk + nr + 1  # two chunks each, ragged
    gen = torch.Generator().manual_seed(3)
    A = torch.randn(m, k, generator=gen)
    B = torch.randn(k, n, generator=gen)
    torch.testing.assert_close(mylinearops.matmul(A, B, algo="packed"), A @ B,
                               **tolerance(torch.float32, k))


def test_auto_picks_packed_exactly_when_the_cpu_supports_it():
    flags = cpu_flags()
    supported = "avx512f" in flags or {"avx2", "fma"} <= flags
    assert ops.packed_isa() == ("avx512" if "avx512f" in flags else "avx2" if supported else "none")
    # The kernels sum in different orders, so their float32 results differ in the last bits:
    # "auto" is bit-for-bit the kernel it chose.
    gen = torch.Generator().manual_seed(4)
    A, B = torch.randn(61, 500, generator=gen), torch.randn(500, 47, generator=gen)
    auto = mylinearops.matmul(A, B, algo="auto")
    blocked = mylinearops.matmul(A, B, algo="blocked")
    if supported:
        packed = mylinearops.matmul(A, B, algo="packed")
        assert not torch.equal(packed, blocked)  # else this test could not tell them apart
        assert torch.equal(auto, packed)
    else:
        assert torch.equal(auto, blocked)


@pytest.mark.skipif(HAS_PACKED, reason="this CPU can run the packed kernel")
def test_packed_refuses_a_cpu_without_the_instructions():
    with pytest.raises(RuntimeError, match="AVX2"):
        mylinearops.matmul(torch.ones(2, 2), torch.ones(2, 2), algo="packed")


def test_an_unknown_isa_is_refused():
    with pytest.raises(RuntimeError, match="isa must be"):
        ops.packed_matmul(torch.ones(2, 2), torch.ones(2, 2), None, "sse9")


@needs_packed
def test_the_peak_loop_runs_on_every_isa():
    # Only that it runs and returns a rate: how fast is a benchmark's question, not a test's.
    for isa in isas():
        peak = ops.cpu_peak_gflops(isa, 0.002, 3)
        assert 0 < peak < float("inf")
    with pytest.raises(RuntimeError, match="seconds and repeats"):
        ops.cpu_peak_gflops(isas()[0], 0.0, 3)


@needs_packed
def test_the_micro_kernel_and_packing_timers_run():
    # Only that they run and return times and rates: how fast is the benchmark's question.
    for isa in isas():
        assert 0 < ops.packed_micro_kernel_gflops(isa, 64, 10) < float("inf")
    seconds = ops.packed_pack_seconds(torch.randn(37, 300).t(), torch.randn(37, 45), "best")
    assert len(seconds) == 2 and all(s > 0 for s in seconds)
    with pytest.raises(RuntimeError, match="kc and calls"):
        ops.packed_micro_kernel_gflops(isas()[0], 0, 10)
    with pytest.raises(RuntimeError, match="float32"):
        ops.packed_pack_seconds(torch.ones(2, 2, dtype=torch.float64), torch.ones(2, 2), "best")

"""CUDA kernels: every rung of the ladder against torch.matmul at awkward shapes (skips without a GPU)."""

import mylinearops
import pytest
import torch

needs_cuda = pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA GPU visible")
CUDA_KERNELS = mylinearops.kernels().get("cuda", [])  # the list in csrc/kernels.h (C++-only: none)
SHAPES = [
    (1, 1, 1), (2, 3, 4), (31, 33, 17), (32, 32, 32), (64, 8, 64), (65, 129, 63),
    (127, 4, 128), (128, 132, 256), (129, 257, 131), (1, 1000, 1), (1000, 1, 3), (3, 5, 1000),
    (200, 36, 260), (257, 512, 255),
]


def ref(A, B):
    return (A.double() @ B.double()).to(A.dtype)


@needs_cuda
def test_this_build_has_the_cuda_kernels():
    """On a GPU the CUDA kernels must be there (test_ops checks the list is kernels.h's in full)."""
    assert len(CUDA_KERNELS) >= 7, mylinearops.kernels()


@needs_cuda
@pytest.mark.parametrize("algo", CUDA_KERNELS + ["auto"])
@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_every_kernel_matches_torch(algo, dtype):
    gen = torch.Generator(device="cuda").manual_seed(0)
    tol = dict(rtol=1e-4, atol=1e-4) if dtype == torch.float32 else dict(rtol=1e-10, atol=1e-10)
    for M, K, N in SHAPES:
        A = torch.randn(M, K, device="cuda", dtype=dtype, generator=gen)
        B = torch.randn(K, N, device="cuda", dtype=dtype, generator=gen)
        C = mylinearops.matmul(A, B, algo)
        assert C.shape == (M, N) and C.dtype == dtype and C.is_cuda
        torch.testing.assert_close(C, ref(A, B), **tol, msg=f"{algo} at {(M, K, N)}")


@needs_cuda
@pytest.mark.parametrize("algo", CUDA_KERNELS)
def test_views_offsets_and_empty(algo):
    gen = torch.Generator(device="cuda").manual_seed(1)
    base = torch.randn(70, 90, device="cuda", generator=gen)
    A = base[1:, 3:67]  # (69, 64), not contiguous and not 16-byte aligned
    B = base[:64, 5:].t().t()  # (64, 85), a strided view
    torch.testing.assert_close(mylinearops.matmul(A, B, algo), ref(A, B), rtol=1e-4, atol=1e-4)
    At = torch.randn(40, 30, device="cuda", generator=gen).t()  # (30, 40) transposed
    Bt = torch.randn(20, 40, device="cuda", generator=gen).t()  # (40, 20) transposed
    torch.testing.assert_close(mylinearops.matmul(At, Bt, algo), ref(At, Bt), rtol=1e-4, atol=1e-4)
    for M, K, N in [(0, 5, 3), (4, 0, 3), (4, 5, 0)]:
        C = mylinearops.matmul(torch.ones(M, K, device="cuda"), torch.ones(K, N, device="cuda"), algo)
        assert C.shape == (M, N) and C.is_cuda and bool((C == 0).all())


@needs_cuda
def test_gradients_linearop_and_layer_on_cuda():
    gen = torch.Generator(device="cuda").manual_seed(2)
    X = torch.randn(7, 5, device="cuda", dtype=torch.float64, generator=gen, requires_grad=True)
    W = torch.randn(5, 3, device="cuda", dtype=torch.float64, generator=gen, requires_grad=True)
    b = torch.randn(3, device="cuda", dtype=torch.float64, generator=gen, requires_grad=True)
    for algo in CUDA_KERNELS:
        assert torch.autograd.gradcheck(lambda x, w, c: mylinearops.linearop(x, w, c, algo), (X, W, b))  # noqa: B023
    layer = mylinearops.LinearLayer(16, 8).cuda()
    lin = torch.nn.Linear(16, 8).cuda()
    with torch.no_grad():
        lin.weight.copy_(layer.weight.t())
        lin.bias.copy_(layer.bias)
    x = torch.randn(4, 3, 16, device="cuda", generator=gen)
    torch.testing.assert_close(layer(x), lin(x), rtol=1e-4, atol=1e-5)


@needs_cuda
def test_opcheck_on_cuda():
    A = torch.randn(9, 6, device="cuda", requires_grad=True)
    B = torch.randn(6, 5, device="cuda", requires_grad=True)
    b = torch.randn(5, device="cuda", requires_grad=True)
    torch.library.opcheck(torch.ops.mylinearops.matmul.default, (A, B, "tiled"))
    torch.library.opcheck(torch.ops.mylinearops.linearop.default, (A, B, b, "blocktiled"))


@needs_cuda
def test_bad_inputs_on_cuda_raise():
    a = torch.randn(3, 4, device="cuda")
    with pytest.raises(RuntimeError, match="same device"):
        mylinearops.matmul(a, torch.randn(4, 2))
    with pytest.raises(RuntimeError, match="inner dimensions differ"):
        mylinearops.matmul(a, torch.randn(5, 2, device="cuda"))
    with pytest.raises(RuntimeError, match="float32 or float64"):
        mylinearops.matmul(a.int(), torch.ones(4, 2, device="cuda", dtype=torch.int32))
    with pytest.raises(RuntimeError, match="unknown CUDA kernel"):
        mylinearops.matmul(a, torch.randn(4, 2, device="cuda"), algo="ikj")


@needs_cuda
def test_current_stream_is_used():
    s = torch.cuda.Stream()
    A = torch.randn(300, 200, device="cuda")
    B = torch.randn(200, 100, device="cuda")
    torch.cuda.synchronize()
    with torch.cuda.stream(s):
        C = mylinearops.matmul(A, B, "blocktiled")
        D = C * 2  # ordered after the kernel only if the kernel ran on `s`
    s.synchronize()
    torch.testing.assert_close(D, 2 * (A @ B), rtol=1e-4, atol=1e-4)


@needs_cuda
def test_pybind_route_on_cuda():
    """The pybind11 route runs the same CUDA kernels, and its own transpose kernel (DIV_CEIL grid)."""
    from mylinearops import _pybind, pybind_route

    gen = torch.Generator(device="cuda").manual_seed(3)
    for M, K, N in [(1, 1, 1), (31, 33, 17), (129, 257, 131)]:
        A = torch.randn(M, K, device="cuda", dtype=torch.float64, generator=gen, requires_grad=True)
        B = torch.randn(K, N, device="cuda", dtype=torch.float64, generator=gen, requires_grad=True)
        C = pybind_route.matmul(A, B)
        torch.testing.assert_close(C, A @ B)
        C.sum().backward()
        torch.testing.assert_close(A.grad, torch.ones(M, N, device="cuda", dtype=A.dtype) @ B.T)
        torch.testing.assert_close(_pybind.transpose(A.detach()), A.detach().t())
    assert torch.autograd.gradcheck(pybind_route.matmul, (A[:5, :4].detach().requires_grad_(),
                                                          B[:4, :3].detach().requires_grad_()))
    with pytest.raises(RuntimeError, match="must be contiguous"):
        _pybind.transpose(torch.ones(4, 3, device="cuda").t())

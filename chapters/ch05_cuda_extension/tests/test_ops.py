"""The ops on the CPU: values against torch, gradients, opcheck, torch.compile, bad inputs."""

import sys
from pathlib import Path

import pytest
import torch
from torch import nn
from torch.utils._python_dispatch import TorchDispatchMode

sys.path.insert(0, str(Path(__file__).parent))
from _ch05_built import mylinearops  # noqa: E402

CPU_KERNELS = ["naive", "ikj", "blocked", "auto"]
SHAPES = [
    (1, 1, 1), (2, 3, 5), (7, 11, 13), (6, 32, 32), (13, 257, 31), (97, 89, 83), (1, 300, 1),
    (300, 1, 2), (3, 2, 300), (128, 64, 33), (100, 600, 70),
]
F64 = torch.float64


class OpLog(TorchDispatchMode):
    """Records the name of every op that reaches the dispatcher's backend kernels."""

    def __init__(self):
        super().__init__()
        self.names = []

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        self.names.append(str(func.overloadpacket))
        return func(*args, **(kwargs or {}))


@pytest.mark.parametrize("kernel", CPU_KERNELS)
@pytest.mark.parametrize("dtype", [torch.float32, F64])
def test_matmul_matches_torch(kernel, dtype):
    gen = torch.Generator().manual_seed(0)
    tol = dict(rtol=1e-4, atol=1e-4) if dtype == torch.float32 else dict(rtol=1e-12, atol=1e-12)
    for M, K, N in SHAPES:
        A = torch.randn(M, K, dtype=dtype, generator=gen)
        B = torch.randn(K, N, dtype=dtype, generator=gen)
        C = mylinearops.matmul(A, B, kernel)
        assert C.shape == (M, N) and C.dtype == dtype
        expected = (A.double() @ B.double()).to(dtype)
        torch.testing.assert_close(C, expected, **tol, msg=f"{kernel} {(M, K, N)}")


def test_hand_computed_product():
    A = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    B = torch.tensor([[5.0, 6.0], [7.0, 8.0]])
    for kernel in CPU_KERNELS:
        assert mylinearops.matmul(A, B, kernel).tolist() == [[19.0, 22.0], [43.0, 50.0]]


@pytest.mark.parametrize("kernel", CPU_KERNELS)
def test_views_and_empty(kernel):
    gen = torch.Generator().manual_seed(1)
    base = torch.randn(50, 80, generator=gen)
    A, B = base[1:, 3:40], base[::2, :37].t()  # (49, 37) sliced, (37, 25) strided and transposed
    torch.testing.assert_close(mylinearops.matmul(A, B, kernel), A @ B)
    for M, K, N in [(0, 5, 3), (4, 0, 3), (4, 5, 0), (0, 0, 0)]:
        C = mylinearops.matmul(torch.ones(M, K), torch.ones(K, N), kernel)
        assert C.shape == (M, N) and bool((C == 0).all())  # K == 0: a sum over nothing is 0


def test_linearop_and_batch_dims():
    gen = torch.Generator().manual_seed(2)
    X = torch.randn(2, 3, 4, 5, generator=gen)  # (*, in)
    W = torch.randn(5, 6, generator=gen)
    b = torch.randn(6, generator=gen)
    Y = mylinearops.linearop(X, W, b)
    assert Y.shape == (2, 3, 4, 6)  # (*, out)
    torch.testing.assert_close(Y, X @ W + b)
    torch.testing.assert_close(mylinearops.linearop(X, W), X @ W)
    torch.testing.assert_close(mylinearops.linearop(X[0, 0, 0], W, b), X[0, 0, 0] @ W + b)  # (in,)


def test_gradcheck_and_gradgradcheck_in_float64():
    gen = torch.Generator().manual_seed(3)
    A = torch.randn(5, 4, dtype=F64, generator=gen, requires_grad=True)
    B = torch.randn(4, 3, dtype=F64, generator=gen, requires_grad=True)
    b = torch.randn(3, dtype=F64, generator=gen, requires_grad=True)
    for kernel in ("naive", "ikj", "blocked"):
        assert torch.autograd.gradcheck(lambda x, y: mylinearops.matmul(x, y, kernel), (A, B))  # noqa: B023
        assert torch.autograd.gradgradcheck(lambda x, y: mylinearops.matmul(x, y, kernel), (A, B))  # noqa: B023
    assert torch.autograd.gradcheck(mylinearops.linearop, (A, B, b))
    assert torch.autograd.gradgradcheck(mylinearops.linearop, (A, B, b))
    X3 = torch.randn(2, 3, 4, dtype=F64, generator=gen, requires_grad=True)  # (*, in)
    assert torch.autograd.gradcheck(mylinearops.linearop, (X3, B, b))


def test_gradients_are_the_textbook_formulas():
    gen = torch.Generator().manual_seed(4)
    X = torch.randn(6, 4, dtype=F64, generator=gen, requires_grad=True)
    W = torch.randn(4, 3, dtype=F64, generator=gen, requires_grad=True)
    b = torch.randn(3, dtype=F64, generator=gen, requires_grad=True)
    G = torch.randn(6, 3, dtype=F64, generator=gen)  # dL/dY
    mylinearops.linearop(X, W, b).backward(G)
    torch.testing.assert_close(X.grad, G @ W.T)  # dL/dX = dL/dY W^T
    torch.testing.assert_close(W.grad, X.T @ G)  # dL/dW = X^T dL/dY
    torch.testing.assert_close(b.grad, G.sum(0))  # dL/db = column sums of dL/dY


def test_backward_calls_the_registered_matmul_and_only_what_is_needed():
    X = torch.randn(6, 4)
    W = torch.randn(4, 3, requires_grad=True)  # only W needs a gradient
    Y = mylinearops.linearop(X, W)
    with OpLog() as log:
        Y.sum().backward()
    assert log.names.count("mylinearops.matmul") == 1, log.names  # dW only, no dX
    X.requires_grad_(True)
    Y = mylinearops.linearop(X, W)
    with OpLog() as log:
        Y.sum().backward()
    assert log.names.count("mylinearops.matmul") == 2, log.names


def test_opcheck():
    A = torch.randn(7, 5, requires_grad=True)
    B = torch.randn(5, 3, requires_grad=True)
    b = torch.randn(3, requires_grad=True)
    torch.library.opcheck(torch.ops.mylinearops.matmul.default, (A, B))
    torch.library.opcheck(torch.ops.mylinearops.matmul.default, (A, B, "ikj"))
    torch.library.opcheck(torch.ops.mylinearops.linearop.default, (A, B, b))
    torch.library.opcheck(torch.ops.mylinearops.linearop.default, (A, B, None))


def test_torch_compile_fullgraph():
    torch._dynamo.reset()
    layer = mylinearops.LinearLayer(5, 3)
    X = torch.randn(4, 5)
    compiled = torch.compile(layer, fullgraph=True, backend="aot_eager")
    Y = compiled(X)
    torch.testing.assert_close(Y, X @ layer.weight + layer.bias)
    Y.sum().backward()  # the backward graph goes through the fake kernels too
    torch.testing.assert_close(layer.bias.grad, torch.full((3,), 4.0))


@pytest.mark.parametrize(
    ("A", "B", "message"),
    [
        (torch.ones(2, 3, dtype=torch.int64), torch.ones(3, 2, dtype=torch.int64), "float32 or float64"),
        (torch.ones(3), torch.ones(3, 2), "A must be 2-D"),
        (torch.ones(2, 3), torch.ones(2, 3, 2), "B must be 2-D"),
        (torch.tensor(1.0), torch.ones(1, 1), "A must be 2-D"),
        (torch.ones(2, 3), torch.ones(4, 2), "inner dimensions differ"),
        (torch.ones(2, 3), torch.ones(3, 2, dtype=F64), "same dtype"),
    ],
)
def test_bad_inputs_raise_runtime_error(A, B, message):
    with pytest.raises(RuntimeError, match=message):
        mylinearops.matmul(A, B)


def test_bad_linearop_inputs():
    with pytest.raises(RuntimeError, match="inner dimensions differ"):
        mylinearops.linearop(torch.ones(4, 3), torch.ones(5, 2))
    with pytest.raises(RuntimeError, match="b has 3 values"):
        mylinearops.linearop(torch.ones(4, 5), torch.ones(5, 2), torch.ones(3))
    with pytest.raises(RuntimeError, match="0-d"):
        mylinearops.linearop(torch.tensor(1.0), torch.ones(1, 2))
    with pytest.raises(RuntimeError, match="unknown CPU kernel"):
        mylinearops.matmul(torch.ones(2, 2), torch.ones(2, 2), "tiled")
    with pytest.raises(TypeError, match="must be tensors"):
        mylinearops.linearop([[1.0]], torch.ones(1, 1))
    with pytest.raises(ValueError, match="positive sizes"):
        mylinearops.LinearLayer(0, 3)


def test_layer_matches_nn_linear_values_and_grads():
    torch.manual_seed(5)
    lin = nn.Linear(6, 4)
    layer = mylinearops.LinearLayer.from_linear(lin)
    assert layer.weight.shape == (6, 4) and layer.bias.shape == (4,)  # (in, out), (out,)
    X = torch.randn(3, 2, 6)
    torch.testing.assert_close(layer(X), lin(X))
    layer(X).square().sum().backward()
    lin(X).square().sum().backward()
    torch.testing.assert_close(layer.weight.grad, lin.weight.grad.t())  # (in, out) vs (out, in)
    torch.testing.assert_close(layer.bias.grad, lin.bias.grad)
    assert "in_features=6, out_features=4, bias=True" in repr(layer)
    assert mylinearops.LinearLayer(3, 2, bias=False).bias is None


def test_kernels_lists_the_cpu_ladder():
    assert mylinearops.kernels()["cpu"] == ["naive", "ikj", "blocked"]


TORCH_VERSION = tuple(int(p) for p in torch.__version__.split("+")[0].split(".")[:2])


@pytest.mark.skipif(
    TORCH_VERSION < (2, 14),
    reason="a failing TORCH_CHECK in this extension segfaulted under torch 2.11 (see README, Traps)",
)
def test_the_cpp_checks_raise_too():
    op = torch.ops.mylinearops.matmul.default  # straight to C++, no Python checks in front
    with pytest.raises(RuntimeError, match=r"A must be 2-D \(a matrix\), got a 1-D tensor"):
        op(torch.ones(3), torch.ones(3, 2))
    with pytest.raises(RuntimeError, match=r"inner dimensions differ: A is \[2, 3\] and B is \[4, 2\]"):
        op(torch.ones(2, 3), torch.ones(4, 2))
    with pytest.raises(RuntimeError, match="A must be float32 or float64, got Long"):
        op(torch.ones(2, 3, dtype=torch.int64), torch.ones(3, 2, dtype=torch.int64))
    with pytest.raises(RuntimeError, match="unknown CPU kernel 'tiled'"):
        op(torch.ones(2, 2), torch.ones(2, 2), "tiled")
    with pytest.raises(RuntimeError, match="b has 3 values but W has 2 output columns"):
        torch.ops.mylinearops.linearop.default(torch.ones(4, 5), torch.ones(5, 2), torch.ones(3))

"""The two routes side by side, one test per row of the README's table (section 12).

Dispatcher route: mylinearops.matmul (TORCH_LIBRARY op + fake and autograd kernels).
pybind11 route: mylinearops.pybind_route.matmul (PYBIND11_MODULE functions + autograd.Function).
Both run the same C++ kernels.
"""

import warnings

import mylinearops
import pytest
import torch
from mylinearops import _pybind, pybind_route
from torch._subclasses.fake_tensor import FakeTensorMode

ROUTES = {"dispatcher": mylinearops.matmul, "pybind": pybind_route.matmul}
F64 = torch.float64


def operands(M=5, K=4, N=3, dtype=torch.float32, seed=0, requires_grad=False):
    gen = torch.Generator().manual_seed(seed)
    A = torch.randn(M, K, dtype=dtype, generator=gen, requires_grad=requires_grad)
    B = torch.randn(K, N, dtype=dtype, generator=gen, requires_grad=requires_grad)
    return A, B


def scale_matmul_relu(matmul):
    """A small function around one matmul: ops before and after it, for torch.compile."""
    return lambda a, b: (matmul(a * 2, b) + 1).relu()


# ---- row: values and gradients equal torch.matmul (both) ----------------------------------------
@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("algo", [*mylinearops.kernels()["cpu"], "auto"])
def test_values_and_gradients_equal_torch(route, algo):
    A, B = operands(13, 31, 7, dtype=F64, requires_grad=True)
    C = ROUTES[route](A, B, algo)
    torch.testing.assert_close(C, A @ B)
    G = torch.randn(13, 7, dtype=F64, generator=torch.Generator().manual_seed(1))  # dL/dC
    C.backward(G)
    torch.testing.assert_close(A.grad, G @ B.T)  # dL/dA = dL/dC B^T   (13, 31)
    torch.testing.assert_close(B.grad, A.T @ G)  # dL/dB = A^T dL/dC   (31, 7)


@pytest.mark.parametrize("route", ["dispatcher", "pybind"])
def test_linear_layers_equal_nn_linear(route):
    torch.manual_seed(0)
    lin = torch.nn.Linear(6, 4)
    layer = (mylinearops.LinearLayer if route == "dispatcher" else pybind_route.LinearLayer)(6, 4)
    with torch.no_grad():
        layer.weight.copy_(lin.weight.t())  # (out, in) -> (in, out)
        layer.bias.copy_(lin.bias)
    X = torch.randn(2, 3, 6)  # (*, in)
    torch.testing.assert_close(layer(X), lin(X))
    layer(X).square().sum().backward()
    lin(X).square().sum().backward()
    torch.testing.assert_close(layer.weight.grad, lin.weight.grad.t())
    torch.testing.assert_close(layer.bias.grad, lin.bias.grad)


def test_pybind_backward_computes_only_the_needed_gradient(monkeypatch):
    calls = []
    for name in ("matmul_dA_backward", "matmul_dB_backward"):
        real = getattr(_pybind, name)
        monkeypatch.setattr(_pybind, name, lambda *a, _f=real, _n=name: calls.append(_n) or _f(*a))
    A, B = operands()
    pybind_route.matmul(A.requires_grad_(), B).sum().backward()  # B needs no gradient
    assert calls == ["matmul_dA_backward"] and B.grad is None


# ---- row: gradcheck in float64 (both) -----------------------------------------------------------
@pytest.mark.parametrize("route", ROUTES)
def test_gradcheck_float64(route):
    A, B = operands(dtype=F64, requires_grad=True)
    assert torch.autograd.gradcheck(ROUTES[route], (A, B))
    linear = mylinearops.linearop if route == "dispatcher" else pybind_route.linearop
    b = torch.randn(3, dtype=F64, requires_grad=True)
    assert torch.autograd.gradcheck(linear, (A, B, b))


# ---- row: torch.library.opcheck (dispatcher only) -----------------------------------------------
def test_opcheck_passes_for_the_dispatcher_route():
    A, B = operands(dtype=F64, requires_grad=True)
    result = torch.library.opcheck(torch.ops.mylinearops.matmul.default, (A, B))
    assert set(result.values()) == {"SUCCESS"}


def test_opcheck_refuses_the_pybind_route_it_is_not_an_op():
    A, B = operands(dtype=F64, requires_grad=True)
    with pytest.raises(ValueError, match="op must be instance of torch._ops.OpOverload"):
        torch.library.opcheck(pybind_route.matmul, (A, B))


# ---- row: torch.compile(fullgraph=True) ---------------------------------------------------------
def test_the_dispatcher_route_compiles_into_one_graph():
    fn = scale_matmul_relu(mylinearops.matmul)
    A, B = operands()
    torch._dynamo.reset()
    compiled = torch.compile(fn, fullgraph=True, backend="aot_eager")
    torch.testing.assert_close(compiled(A, B), fn(A, B))
    torch._dynamo.reset()
    assert torch._dynamo.explain(fn)(A, B).graph_break_count == 0


def test_the_pybind_route_graph_breaks():
    fn = scale_matmul_relu(pybind_route.matmul)
    A, B = operands()
    torch._dynamo.reset()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Dynamo warns it cannot trace the pybind11 builtin
        explanation = torch._dynamo.explain(fn)(A, B)
        assert explanation.graph_break_count > 0  # one, around the bound function, in torch 2.14
        with pytest.raises(torch._dynamo.exc.Unsupported):
            torch._dynamo.reset()
            torch.compile(fn, fullgraph=True, backend="aot_eager")(A, B)
    torch._dynamo.reset()


# ---- row: meta / fake tensors and torch.export (dispatcher only) --------------------------------
def test_meta_and_fake_tensors_dispatcher_route_works():
    A = torch.empty(5, 4, device="meta")
    B = torch.empty(4, 3, device="meta")
    C = mylinearops.matmul(A, B)  # the fake kernel (register_fake) gives shape and dtype
    assert C.device.type == "meta" and C.shape == (5, 3)
    with FakeTensorMode():
        assert mylinearops.matmul(torch.empty(5, 4), torch.empty(4, 3)).shape == (5, 3)


def test_meta_and_fake_tensors_pybind_route_fails():
    A = torch.empty(5, 4, device="meta")
    B = torch.empty(4, 3, device="meta")
    with pytest.raises(RuntimeError, match="runs real kernels only"):
        pybind_route.matmul(A, B)
    with FakeTensorMode():  # a fake CPU tensor passes the device check, then the kernel finds no data
        with pytest.raises(RuntimeError, match="data is not allocated"):
            pybind_route.matmul(torch.empty(5, 4), torch.empty(4, 3))


class Product(torch.nn.Module):
    def __init__(self, matmul):
        super().__init__()
        self.matmul = matmul

    def forward(self, a, b):
        return self.matmul(a, b)


def test_export_dispatcher_route_works():
    A, B = operands()
    program = torch.export.export(Product(mylinearops.matmul), (A, B))
    targets = [node.target for node in program.graph.nodes if node.op == "call_function"]
    assert targets == [torch.ops.mylinearops.matmul.default]
    torch.testing.assert_close(program.module()(A, B), A @ B)


def test_export_pybind_route_fails():
    with pytest.raises(RuntimeError, match="data is not allocated"):  # export traces with fakes
        torch.export.export(Product(pybind_route.matmul), operands())


# ---- row: calling through torch.ops, from TorchScript (dispatcher only) -------------------------
def through_torch_ops(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return torch.ops.mylinearops.matmul(a, b, "auto")


def through_pybind(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return _pybind.matmul_forward(a, b, "auto")


@pytest.mark.filterwarnings("ignore:`torch.jit.script` is deprecated:FutureWarning")
def test_torchscript_calls_the_dispatcher_route_only():
    A, B = operands()
    scripted = torch.jit.script(through_torch_ops)
    torch.testing.assert_close(scripted(A, B), A @ B)
    assert "mylinearops::matmul" in str(scripted.graph)  # a graph node C++ can run without Python
    with pytest.raises(RuntimeError, match="is currently not supported in Torchscript"):
        torch.jit.script(through_pybind)


# ---- where popular write-ups of the pybind11 route go wrong -------------------------------------
def test_dA_backward_is_the_gradient_of_A_not_of_B():
    """Write-ups often comment this function's result as "dL/dB"; it is A's gradient, A's shape."""
    A, B = operands(6, 4, 3, dtype=F64, requires_grad=True)
    G = torch.ones(6, 3, dtype=F64)
    (A @ B).backward(G)
    grad = _pybind.matmul_dA_backward(G, B.detach())
    assert grad.shape == A.shape != B.shape  # (6, 4), not B's (4, 3)
    torch.testing.assert_close(grad, A.grad)
    torch.testing.assert_close(_pybind.matmul_dB_backward(A.detach(), G), B.grad)


def test_views_are_valid_inputs_a_contiguity_check_would_reject_them():
    """CHECK_INPUT (device + contiguous) on every argument rejects views the kernel reads fine."""
    A, B = operands(5, 4, 3)
    Bt = B.t().contiguous().t()  # the same values as B, stored transposed: not contiguous
    assert not Bt.is_contiguous()
    torch.testing.assert_close(_pybind.matmul_forward(A, Bt), A @ B)  # accepted and right
    # The gradient autograd hands to backward is a view too: for C.sum() it is an expanded
    # tensor of ones with strides (0, 0), so a CHECK_CONTIGUOUS in the backward would fail there.
    seen = []
    C = pybind_route.matmul(A.requires_grad_(), B)
    C.register_hook(lambda grad: seen.append(grad.is_contiguous()))
    C.sum().backward()
    assert seen == [False]
    torch.testing.assert_close(A.grad, torch.ones(5, 3) @ B.T)
    # Where a kernel reads raw row-major memory (the transpose helper), the check belongs:
    with pytest.raises(RuntimeError, match="X must be contiguous"):
        _pybind.transpose(Bt)
    torch.testing.assert_close(_pybind.transpose(B), B.t())


def test_pybind_route_checks_inputs_with_the_shared_messages():
    with pytest.raises(RuntimeError, match="inner dimensions differ"):
        _pybind.matmul_forward(torch.ones(2, 3), torch.ones(4, 2))
    with pytest.raises(RuntimeError, match="must be float32 or float64"):
        _pybind.matmul_forward(torch.ones(2, 3, dtype=torch.int64), torch.ones(3, 2, dtype=torch.int64))
    with pytest.raises(RuntimeError, match="unknown CPU kernel algo='tiled'"):
        _pybind.matmul_forward(torch.ones(2, 2), torch.ones(2, 2), "tiled")

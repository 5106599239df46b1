"""The ops on the CPU: values against torch, gradients, opcheck, torch.compile, bad inputs."""

import re
from pathlib import Path

import mylinearops
import pytest
import torch
from torch import nn
from torch.utils._python_dispatch import TorchDispatchMode

CPU_KERNELS = [*mylinearops.kernels()["cpu"], "auto"]  # the list in csrc/kernels.h
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


@pytest.mark.parametrize("algo", CPU_KERNELS)
@pytest.mark.parametrize("dtype", [torch.float32, F64])
def test_matmul_matches_torch(algo, dtype):
    gen = torch.Generator().manual_seed(0)
    tol = dict(rtol=1e-4, atol=1e-4) if dtype == torch.float32 else dict(rtol=1e-12, atol=1e-12)
    for M, K, N in SHAPES:
        A = torch.randn(M, K, dtype=dtype, generator=gen)
        B = torch.randn(K, N, dtype=dtype, generator=gen)
        C = mylinearops.matmul(A, B, algo)
        assert C.shape == (M, N) and C.dtype == dtype
        expected = (A.double() @ B.double()).to(dtype)
        torch.testing.assert_close(C, expected, **tol, msg=f"{algo} {(M, K, N)}")


def test_hand_computed_product():
    A = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    B = torch.tensor([[5.0, 6.0], [7.0, 8.0]])
    for algo in CPU_KERNELS:
        assert mylinearops.matmul(A, B, algo).tolist() == [[19.0, 22.0], [43.0, 50.0]]


@pytest.mark.parametrize("algo", CPU_KERNELS)
def test_views_and_empty(algo):
    gen = torch.Generator().manual_seed(1)
    base = torch.randn(50, 80, generator=gen)
    A, B = base[1:, 3:40], base[::2, :37].t()  # (49, 37) sliced, (37, 25) strided and transposed
    torch.testing.assert_close(mylinearops.matmul(A, B, algo), A @ B)
    for M, K, N in [(0, 5, 3), (4, 0, 3), (4, 5, 0), (0, 0, 0)]:
        C = mylinearops.matmul(torch.ones(M, K), torch.ones(K, N), algo)
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
    for algo in mylinearops.kernels()["cpu"]:
        assert torch.autograd.gradcheck(lambda x, y: mylinearops.matmul(x, y, algo), (A, B))  # noqa: B023
        assert torch.autograd.gradgradcheck(lambda x, y: mylinearops.matmul(x, y, algo), (A, B))  # noqa: B023
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
        mylinearops.matmul(torch.ones(2, 2), torch.ones(2, 2), algo="tiled")
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


def header_lists() -> dict[str, list[str]]:
    """The kernel names of each device as csrc/kernels.h lists them: the X(name) lines of each macro."""
    text = (Path(mylinearops.__file__).parent / "csrc" / "kernels.h").read_text()
    lists = {}
    for device in ("cpu", "cuda"):
        body = re.search(rf"#define MYLINEAROPS_{device.upper()}_KERNELS\(X\)((?:.*\\\n)*.*)", text)
        lists[device] = re.findall(r"X\((\w+)\)", body.group(1))
    return lists


def test_kernels_returns_the_whole_list_of_this_build():
    """kernels() is kernels.h's lists in full (CUDA variants included); CUDA only when it was built."""
    lists, built = header_lists(), mylinearops.kernels()
    assert len(lists["cpu"]) >= 3 and len(lists["cuda"]) >= 7  # the parse found the lists
    assert built["cpu"] == lists["cpu"]
    if torch._C._dispatch_has_kernel_for_dispatch_key("mylinearops::matmul", "CUDA"):
        assert built["cuda"] == lists["cuda"]
    else:
        assert "cuda" not in built


def test_an_unknown_kernel_lists_every_name():
    choices = ", ".join(["auto", *mylinearops.kernels()["cpu"]])
    with pytest.raises(RuntimeError, match=re.escape(f"choose one of {choices}")):
        mylinearops.matmul(torch.ones(2, 2), torch.ones(2, 2), algo="no_such_kernel")


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
    with pytest.raises(RuntimeError, match="unknown CPU kernel algo='tiled'; choose one of auto, "):
        op(torch.ones(2, 2), torch.ones(2, 2), "tiled")
    with pytest.raises(RuntimeError, match="b has 3 values but W has 2 output columns"):
        torch.ops.mylinearops.linearop.default(torch.ones(4, 5), torch.ones(5, 2), torch.ones(3))


# ---- torch.compile with the default backend (Inductor) ------------------------------------------
def test_no_op_argument_is_named_kernel():
    """Inductor's FallbackKernel.create(cls, kernel, ...) takes `kernel` itself: never use that name."""
    for op in (torch.ops.mylinearops.matmul.default, torch.ops.mylinearops.linearop.default):
        names = [a.name for a in op._schema.arguments]
        assert "kernel" not in names and names[-1] == "algo", op._schema


def _compile_case(case):
    """A function of tensors, its inputs (all needing gradients) for one compile test case."""
    gen = torch.Generator().manual_seed(11)
    A = torch.randn(3, 4, generator=gen, requires_grad=True)
    B = torch.randn(4, 2, generator=gen, requires_grad=True)
    b = torch.randn(2, generator=gen, requires_grad=True)
    if case == "matmul":
        return lambda a, w: mylinearops.matmul(a, w).square().sum(), (A, B)
    if case == "linearop":
        return lambda x, w, c: mylinearops.linearop(x, w, c).square().sum(), (A, B, b)
    torch.manual_seed(12)
    net = nn.Sequential(mylinearops.LinearLayer(4, 3), nn.ReLU(), mylinearops.LinearLayer(3, 2))
    return lambda x: net(x).square().sum(), (A, *net.parameters())


@pytest.mark.parametrize("case", ["matmul", "linearop", "model"])
def test_torch_compile_default_backend_matches_eager(case):
    """Inductor (the default backend) on the CPU: same values and gradients as eager."""
    torch._dynamo.reset()
    fn, inputs = _compile_case(case)
    expected = fn(*inputs[:1]) if case == "model" else fn(*inputs)
    expected_grads = torch.autograd.grad(expected, inputs)
    compiled = torch.compile(fn, fullgraph=True)  # no backend=: Inductor
    got = compiled(*inputs[:1]) if case == "model" else compiled(*inputs)
    torch.testing.assert_close(got, expected, rtol=1e-5, atol=1e-5)
    for g, e in zip(torch.autograd.grad(got, inputs), expected_grads, strict=True):
        torch.testing.assert_close(g, e, rtol=1e-5, atol=1e-5)


# ---- state_dict: never load nn.Linear's (out, in) weight as (in, out) -----------------------------
@pytest.mark.parametrize("shape", [(4, 4), (5, 3)], ids=["square", "non-square"])
@pytest.mark.parametrize("strict", [True, False])
def test_load_state_dict_refuses_an_nn_linear_state_dict(shape, strict):
    torch.manual_seed(13)
    lin, layer = nn.Linear(*shape), mylinearops.LinearLayer(*shape)
    before = {k: v.clone() for k, v in layer.state_dict().items() if torch.is_tensor(v)}
    with pytest.raises(RuntimeError, match=r"nn\.Linear.*LinearLayer\.from_linear"):
        layer.load_state_dict(lin.state_dict(), strict=strict)
    for name, value in before.items():  # nothing was loaded, transposed or otherwise
        torch.testing.assert_close(layer.state_dict()[name], value, rtol=0, atol=0)
    model = nn.Sequential(nn.Linear(*shape), nn.ReLU())  # the same inside a model
    with pytest.raises(RuntimeError, match=r"0\..*LinearLayer\.from_linear"):
        nn.Sequential(mylinearops.LinearLayer(*shape), nn.ReLU()).load_state_dict(model.state_dict())


def test_load_state_dict_of_linear_layers_still_works():
    import io

    torch.manual_seed(14)
    src, dst = mylinearops.LinearLayer(4, 4), mylinearops.LinearLayer(4, 4)
    dst.load_state_dict(src.state_dict())  # strict
    torch.testing.assert_close(dst.weight, src.weight, rtol=0, atol=0)
    torch.testing.assert_close(dst.bias, src.bias, rtol=0, atol=0)
    nobias = mylinearops.LinearLayer(3, 2, bias=False)
    mylinearops.LinearLayer(3, 2, bias=False).load_state_dict(nobias.state_dict())

    def mlp():
        return nn.Sequential(mylinearops.LinearLayer(5, 4), nn.ReLU(), mylinearops.LinearLayer(4, 2))

    a, b = mlp(), mlp()
    buffer = io.BytesIO()
    torch.save(a.state_dict(), buffer)  # through a file, loaded the safe way
    buffer.seek(0)
    b.load_state_dict(torch.load(buffer, weights_only=True))
    X = torch.randn(3, 5)
    torch.testing.assert_close(b(X), a(X), rtol=0, atol=0)


# ---- empty sizes: the same values and gradients as torch -----------------------------------------
@pytest.mark.parametrize("x_shape", [(3, 0), (2, 3, 0), (0,)])
def test_linearop_with_zero_in_features_is_the_bias(x_shape):
    X = torch.randn(x_shape, dtype=F64, requires_grad=True)
    W = torch.randn(0, 2, dtype=F64, requires_grad=True)
    b = torch.randn(2, dtype=F64, requires_grad=True)
    Y = mylinearops.linearop(X, W, b)
    X_ref, W_ref, b_ref = (t.detach().clone().requires_grad_() for t in (X, W, b))
    Y_ref = X_ref @ W_ref + b_ref  # zeros + b, broadcast over the rows
    assert Y.shape == Y_ref.shape == (*x_shape[:-1], 2)
    torch.testing.assert_close(Y, Y_ref)
    G = torch.randn(Y.shape, dtype=F64)
    grads = torch.autograd.grad(Y, (X, W, b), G)
    for g, e in zip(grads, torch.autograd.grad(Y_ref, (X_ref, W_ref, b_ref), G), strict=True):
        assert g.shape == e.shape
        torch.testing.assert_close(g, e)
    torch.testing.assert_close(mylinearops.linearop(X, W), X @ W)  # no bias: zeros


@pytest.mark.parametrize("mkn", [(0, 5, 3), (4, 0, 3), (4, 5, 0), (0, 0, 0)])
def test_matmul_with_empty_sizes_has_torch_gradients(mkn):
    M, K, N = mkn
    A = torch.randn(M, K, dtype=F64, requires_grad=True)
    B = torch.randn(K, N, dtype=F64, requires_grad=True)
    G = torch.randn(M, N, dtype=F64)
    got = torch.autograd.grad(mylinearops.matmul(A, B), (A, B), G)
    expected = torch.autograd.grad(A @ B, (A, B), G)
    for g, e in zip(got, expected, strict=True):
        assert g.shape == e.shape
        torch.testing.assert_close(g, e)


# ---- torch.func transforms ------------------------------------------------------------------------
def test_torch_func_grad_matches_autograd():
    gen = torch.Generator().manual_seed(15)
    X = torch.randn(4, 3, dtype=F64, generator=gen)
    W = torch.randn(3, 2, dtype=F64, generator=gen)
    b = torch.randn(2, dtype=F64, generator=gen)

    def loss(x, w, c):
        return mylinearops.linearop(x, w, c).sin().sum()

    got = torch.func.grad(loss, argnums=(0, 1, 2))(X, W, b)
    inputs = [t.clone().requires_grad_() for t in (X, W, b)]
    expected = torch.autograd.grad(loss(*inputs), inputs)
    for g, e in zip(got, expected, strict=True):
        torch.testing.assert_close(g, e)
    dA = torch.func.grad(lambda a: mylinearops.matmul(a, W).square().sum())(X)
    torch.testing.assert_close(dA, 2 * (X @ W) @ W.T)
    layer = mylinearops.LinearLayer(3, 2).double()
    params = dict(layer.named_parameters())
    grads = torch.func.grad(lambda p: torch.func.functional_call(layer, p, (X,)).sum())(params)
    torch.testing.assert_close(grads["weight"], X.sum(0, keepdim=True).T.expand(3, 2))
    torch.testing.assert_close(grads["bias"], torch.full((2,), 4.0, dtype=F64))


@pytest.mark.filterwarnings("ignore:There is a performance drop:UserWarning")  # vmap's loop
def test_torch_func_vmap_and_per_sample_grads():
    gen = torch.Generator().manual_seed(16)
    A = torch.randn(5, 3, 4, dtype=F64, generator=gen)  # a batch of five (3, 4) matrices
    B = torch.randn(4, 2, dtype=F64, generator=gen)
    Bs = torch.randn(5, 4, 2, dtype=F64, generator=gen)
    torch.testing.assert_close(torch.func.vmap(mylinearops.matmul, in_dims=(0, None))(A, B), A @ B)
    torch.testing.assert_close(torch.func.vmap(mylinearops.matmul)(A, Bs), A @ Bs)
    b = torch.randn(2, dtype=F64, generator=gen)

    def loss(w, x):  # one sample x (in,)
        return mylinearops.linearop(x, w, b).square().sum()

    X = torch.randn(6, 4, dtype=F64, generator=gen)
    per_sample = torch.func.vmap(torch.func.grad(loss), in_dims=(None, 0))(B, X)  # (6, 4, 2)
    expected = torch.stack([2 * x[:, None] * (x @ B + b)[None, :] for x in X])
    torch.testing.assert_close(per_sample, expected)


@pytest.mark.filterwarnings("ignore:There is a performance drop:UserWarning")  # hessian's vmap
@pytest.mark.filterwarnings("ignore:`torch.jit.script` is deprecated:FutureWarning")  # torch's own
def test_forward_mode_jvp_hessian_and_forward_ad():
    import torch.autograd.forward_ad as fwAD

    gen = torch.Generator().manual_seed(17)
    X, W = torch.randn(3, 4, dtype=F64, generator=gen), torch.randn(4, 2, dtype=F64, generator=gen)
    b = torch.randn(2, dtype=F64, generator=gen)
    tangents = tuple(torch.randn(t.shape, dtype=F64, generator=gen) for t in (X, W, b))
    Y, dY = torch.func.jvp(mylinearops.linearop, (X, W, b), tangents)
    Y_ref, dY_ref = torch.func.jvp(lambda x, w, c: x @ w + c, (X, W, b), tangents)
    torch.testing.assert_close(Y, Y_ref)
    torch.testing.assert_close(dY, dY_ref)  # dX W + X dW + db
    hessian = torch.func.hessian(lambda a: mylinearops.matmul(a, W).sin().sum())(X)  # jacfwd(jacrev)
    torch.testing.assert_close(hessian, torch.func.hessian(lambda a: (a @ W).sin().sum())(X))
    with fwAD.dual_level():  # plain forward-mode AD, no torch.func: the tangent is not dropped
        out = mylinearops.matmul(fwAD.make_dual(X, tangents[0]), W)
        tangent = fwAD.unpack_dual(out).tangent
    assert tangent is not None
    torch.testing.assert_close(tangent, tangents[0] @ W)

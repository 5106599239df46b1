"""ch04::linear through torch.library: values, gradients, opcheck, torch.compile(fullgraph=True)."""

import pytest
import torch
import torch.nn.functional as F

from chapters.ch04_autograd_function.custom_op import linear_op
from chapters.ch04_autograd_function.function import linear_fn
from chapters.ch04_autograd_function.spy import record_formulas


def _xwb(batch=(5,), dtype=torch.float64, seed=0):
    g = torch.Generator().manual_seed(seed)
    X = torch.randn(*batch, 4, generator=g, dtype=dtype, requires_grad=True)
    W = torch.randn(4, 3, generator=g, dtype=dtype, requires_grad=True)
    b = torch.randn(3, generator=g, dtype=dtype, requires_grad=True)
    return X, W, b


def test_registered_schema():
    schema = str(torch.ops.ch04.linear.default._schema)
    assert schema == "ch04::linear(Tensor X, Tensor W, Tensor? b=None) -> Tensor"


@pytest.mark.parametrize("batch", [(5,), (2, 3), (0,)])
def test_values_and_grads_match_torch(batch):
    X, W, b = _xwb(batch)
    Y = torch.ops.ch04.linear(X, W, b)
    ref = F.linear(X, W.T, b)
    torch.testing.assert_close(Y, ref)
    dY = torch.ones_like(Y)
    for ours, theirs in zip(torch.autograd.grad(Y, (X, W, b), dY),
                            torch.autograd.grad(ref, (X, W, b), dY), strict=True):
        torch.testing.assert_close(ours, theirs)


def test_gradcheck_gradgradcheck():
    inputs = _xwb((2, 3))
    assert torch.autograd.gradcheck(linear_op, inputs)
    assert torch.autograd.gradgradcheck(linear_op, inputs)
    assert torch.autograd.gradcheck(lambda X, W: linear_op(X, W), inputs[:2])


def test_needs_input_grad_respected():
    X, W, b = _xwb()
    with record_formulas() as calls:
        linear_op(X.detach(), W, b.detach()).sum().backward()
    assert calls == ["grad_wrt_weight"]


@pytest.mark.parametrize("use_bias", [True, False])
@pytest.mark.parametrize("batch", [(5,), (2, 3)])
def test_opcheck(use_bias, batch):
    X, W, b = _xwb(batch)
    result = torch.library.opcheck(linear_op, (X, W, b if use_bias else None))
    assert set(result.values()) == {"SUCCESS"} and len(result) == 4


def test_bad_input_clear_errors():
    with pytest.raises(ValueError, match="inner dimensions differ"):
        linear_op(torch.randn(2, 3), torch.randn(4, 5))
    with pytest.raises(TypeError, match="floating-point"):
        linear_op(torch.ones(2, 3, dtype=torch.int64), torch.randn(3, 5))
    with pytest.raises(ValueError, match="0-d tensor"):
        linear_op(torch.tensor(2.0), torch.randn(1, 5))


@pytest.mark.slow
def test_torch_compile_fullgraph_inductor():
    torch._dynamo.reset()

    def loss_fn(X, W, b):  # kept tiny: each generated kernel is a C++ compile (~1 min cold here)
        return (linear_op(X, W, b) * 2).sum()

    compiled = torch.compile(loss_fn, fullgraph=True)  # fullgraph: any graph break is an error
    X, W, b = _xwb((6,), dtype=torch.float32)
    loss = compiled(X, W, b)
    grads = torch.autograd.grad(loss, (X, W, b))
    ref = loss_fn(X, W, b)
    torch.testing.assert_close(loss, ref)
    for ours, theirs in zip(grads, torch.autograd.grad(ref, (X, W, b)), strict=True):
        torch.testing.assert_close(ours, theirs)


def test_compiled_graph_keeps_the_op_whole():
    torch._dynamo.reset()
    seen = []

    def backend(gm, example_inputs):
        seen.extend(str(node.target) for node in gm.graph.nodes)
        return gm.forward

    def double(X, W, b):
        return linear_op(X, W, b) * 2

    compiled = torch.compile(double, fullgraph=True, backend=backend)
    X, W, b = _xwb()
    torch.testing.assert_close(compiled(X, W, b), 2 * F.linear(X, W.T, b))
    assert "ch04.linear.default" in seen


def test_dynamo_traces_into_the_function_but_keeps_the_custom_op_opaque():
    torch._dynamo.reset()
    seen = []

    def backend(gm, example_inputs):
        seen.append([str(node.target) for node in gm.graph.nodes])
        return gm.forward

    X, W, b = _xwb()
    for op in (linear_fn, linear_op):
        compiled = torch.compile(lambda X, W, b, op=op: op(X, W, b).sum(), fullgraph=True,
                                 backend=backend)
        torch.testing.assert_close(compiled(X, W, b), F.linear(X, W.T, b).sum())
    function_graph, op_graph = seen
    assert "autograd_function_apply" in function_graph  # forward/backward bodies traced inside
    assert "ch04.linear.default" in op_graph and "autograd_function_apply" not in op_graph


def test_fake_kernel_rejects_bad_shapes_while_compiling():
    torch._dynamo.reset()
    compiled = torch.compile(lambda X, W: linear_op(X, W), fullgraph=True, backend="aot_eager")
    with pytest.raises(RuntimeError, match="inner dimensions differ"):
        compiled(torch.randn(2, 3), torch.randn(4, 5))

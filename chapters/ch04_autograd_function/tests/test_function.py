"""LinearFunction: values and gradients against torch, needs_input_grad, batch dims, bad input."""

import pytest
import torch
import torch.nn.functional as F

from chapters.ch04_autograd_function.function import LinearFunction, linear, linear_fn
from chapters.ch04_autograd_function.spy import record_formulas


def _xwb(batch=(5,), in_features=4, out_features=3, dtype=torch.float64, seed=0):
    g = torch.Generator().manual_seed(seed)
    X = torch.randn(*batch, in_features, generator=g, dtype=dtype, requires_grad=True)
    W = torch.randn(in_features, out_features, generator=g, dtype=dtype, requires_grad=True)
    b = torch.randn(out_features, generator=g, dtype=dtype, requires_grad=True)
    return X, W, b


def _reference(X, W, b):
    """torch's own linear, which wants the weight as (out, in)."""
    return F.linear(X, W.T, b)


@pytest.mark.parametrize("batch", [(5,), (1,), (2, 3), (2, 1, 3), (0,)])
@pytest.mark.parametrize("use_bias", [True, False])
def test_values_and_grads_match_torch(batch, use_bias):
    X, W, b = _xwb(batch)
    b = b if use_bias else None
    Y = linear(X, W, b)
    assert Y.shape == (*batch, 3)
    dY = torch.randn(Y.shape, dtype=Y.dtype, generator=torch.Generator().manual_seed(9))
    ours = torch.autograd.grad(Y, [t for t in (X, W, b) if t is not None], dY)
    ref_Y = _reference(X, W, b)
    theirs = torch.autograd.grad(ref_Y, [t for t in (X, W, b) if t is not None], dY)
    torch.testing.assert_close(Y, ref_Y)
    for a, r in zip(ours, theirs, strict=True):
        torch.testing.assert_close(a, r)


def test_float32_matches_torch():
    X, W, b = _xwb((8,), 16, 5, dtype=torch.float32)
    torch.testing.assert_close(linear(X, W, b), _reference(X, W, b))


def test_gradcheck_and_gradgradcheck_float64():
    inputs = _xwb((2, 3), 4, 3)
    assert torch.autograd.gradcheck(linear, inputs)
    assert torch.autograd.gradgradcheck(linear, inputs)
    assert torch.autograd.gradcheck(lambda X, W: linear_fn(X, W), inputs[:2])


def test_alias_and_keyword_wrapper_agree():
    X, W, b = _xwb()
    assert linear == LinearFunction.apply  # the same bound method (a new object on each access)
    torch.testing.assert_close(linear_fn(X, W=W, b=b), linear(X, W, b))
    torch.testing.assert_close(linear_fn(X, W), X @ W)  # default: no bias
    assert linear_fn(X, W).grad_fn.__class__.__name__ == "LinearFunctionBackward"


@pytest.mark.parametrize(
    ("needs", "expected"),
    [
        ((True, True, True), ["grad_wrt_input", "grad_wrt_weight", "bias_grad"]),
        ((False, True, True), ["grad_wrt_weight", "bias_grad"]),  # frozen input: no dX
        ((True, False, False), ["grad_wrt_input"]),  # frozen layer: only dX
        ((False, False, True), ["bias_grad"]),
    ],
)
def test_unneeded_gradients_are_not_computed(needs, expected):
    X, W, b = (t.detach().requires_grad_(n) for t, n in zip(_xwb(), needs, strict=True))
    with record_formulas() as calls:
        linear(X, W, b).sum().backward()
    assert calls == expected
    for t, n in zip((X, W, b), needs, strict=True):
        assert (t.grad is not None) == n


def test_only_needed_tensors_are_saved():
    X, W, b = _xwb()
    saved_x, saved_w = linear(X.detach(), W, b).grad_fn.saved_tensors  # X needs no grad
    assert saved_x is not None and saved_w is None  # W is only needed to compute dX
    saved_x, saved_w = linear(X, W.detach(), b).grad_fn.saved_tensors
    assert saved_x is None and saved_w is not None


def test_no_grad_input_returns_none_and_graph_stays_off():
    X, W, b = _xwb()
    with torch.no_grad():
        Y = linear(X, W, b)
    assert Y.grad_fn is None and not Y.requires_grad


@pytest.mark.parametrize(
    ("args", "error", "match"),
    [
        ((torch.randn(2, 3), torch.randn(4, 5)), ValueError, "inner dimensions differ"),
        ((torch.ones(2, 3, dtype=torch.int64), torch.randn(3, 5)), TypeError, "X has dtype"),
        ((torch.randn(2, 3), torch.ones(3, 5, dtype=torch.int32)), TypeError, "W has dtype"),
        ((torch.tensor(1.0), torch.randn(1, 5)), ValueError, "0-d tensor"),
        ((torch.randn(2, 3), torch.randn(3)), ValueError, "W must be 2-D"),
        ((torch.randn(2, 3), torch.randn(3, 5), torch.randn(4)), ValueError, r"b must .* \(5,\)"),
        ((torch.randn(2, 3), torch.randn(3, 5, dtype=torch.float64)), TypeError, "use one dtype"),
        (([[1.0, 2.0]], torch.randn(2, 5)), TypeError, "X must be a torch.Tensor"),
    ],
)
def test_bad_input_raises_clear_error(args, error, match):
    with pytest.raises(error, match=match):
        linear_fn(*args)


def test_in_place_change_of_a_saved_tensor_is_caught():
    X, W, b = _xwb()
    data = X.detach().clone()  # input data: needs no grad, but is saved for dW
    Y = linear(data, W, b)
    data.mul_(2)  # changed after forward: the saved X is stale
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        Y.sum().backward()


def test_two_argument_apply_has_two_needs_input_grad_entries():
    X, W, _ = _xwb()
    Y = linear(X, W)  # forward's default b=None applies
    assert Y.grad_fn.needs_input_grad == (True, True)  # one entry per argument passed
    assert linear(X, W, None).grad_fn.needs_input_grad == (True, True, False)
    Y.sum().backward()
    torch.testing.assert_close(W.grad, X.detach().sum(0, keepdim=True).T.expand(4, 3))

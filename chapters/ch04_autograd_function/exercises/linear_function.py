"""LinearFunction: forward and backward by hand, judged on values, gradcheck and wasted work."""

import warnings

import torch
from torch.utils.flop_counter import FlopCounterMode

from chapters.ch04_autograd_function.exercises._inputs import fresh, linear_inputs, upstream
from chapters.ch04_autograd_function.function import LinearFunction
from chapters.practice.tensors import tensor_differences
from chapters.practice.torch_exercise import TorchExercise, wrong

MATH = "1. The math: gradients of `C = A B`"
BY_HAND = "2. `LinearFunction`: forward and backward by hand"
LAYOUTS = "5. Two weight layouts"
INPUTS = ("X", "W", "b")
GRADS = ("dX", "dW", "db")

STUB = '''"""Y = X W + b as an autograd.Function (the task is in README.md here).
Check: make check EX=ch04_linear_function"""

import torch


class LinearFunction(torch.autograd.Function):
    """Y = X W + b with X (n, in), W (in, out), b (out,) or None; used as LinearFunction.apply."""

    @staticmethod
    def forward(ctx, X: torch.Tensor, W: torch.Tensor, b: torch.Tensor | None = None):
        """-> Y (n, out); save what backward needs."""
        raise NotImplementedError("write your answer here")

    @staticmethod
    def backward(ctx, dY: torch.Tensor):
        """dY (n, out) -> (dX (n, in), dW (in, out), db (out,)), None where none is needed."""
        raise NotImplementedError("write your answer here")
'''


def judge_function(cls, args: tuple) -> dict:
    """Y = cls.apply(X, W, b); then the backward node called by hand, so that every value it
    returns is seen (autograd drops or reshapes some), with the matrix-product FLOPs it ran."""
    X, W, b = fresh(args)
    Y = cls.apply(X, W, b)
    if not isinstance(Y, torch.Tensor) or Y.grad_fn is None:
        raise TypeError("forward must return the tensor Y (and is called through apply)")
    needs = tuple(Y.grad_fn.needs_input_grad)
    with FlopCounterMode(display=False) as counter:
        returned = Y.grad_fn.apply(upstream(Y))
    returned = tuple(returned) if isinstance(returned, tuple | list) else (returned,)
    if len(returned) < 3 or any(g is not None for g in returned[3:]):
        raise TypeError(f"backward returned {len(returned)} values; forward has 3 inputs "
                        "(X, W, b): return one gradient, or None, for each")
    needed = 2 * X.shape[0] * W.shape[0] * W.shape[1] * (needs[0] + needs[1])
    result = {"Y": Y.detach(), "needs_input_grad": needs}
    for name, grad in zip(GRADS, returned, strict=False):
        result[name] = grad.detach() if isinstance(grad, torch.Tensor) else grad
    result["extra FLOPs"] = max(0, counter.get_total_flops() - needed)
    result["gradcheck"] = passes_gradcheck(cls, args)
    return result


def passes_gradcheck(cls, args: tuple) -> bool:
    """torch.autograd.gradcheck in float64 with every input requiring grad."""
    inputs = tuple(None if t is None else t.detach().clone().requires_grad_() for t in args)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return bool(torch.autograd.gradcheck(cls.apply, inputs, raise_exception=False))
    except Exception:  # a wrong shape makes autograd raise before gradcheck can compare
        return False


def function_differences(actual, expected) -> list[str]:
    """Readable lines: Y, then each gradient (None where none is needed), wasted work, gradcheck."""
    if not isinstance(actual, dict) or set(actual) != set(expected):
        return [f"expected a summary with keys {sorted(expected)}, got {type(actual).__name__}"]
    lines = [f"Y: {line}" for line in tensor_differences(actual["Y"], expected["Y"])]
    for i, (name, given) in enumerate(zip(GRADS, INPUTS, strict=True)):
        got, want = actual[name], expected[name]
        if want is None and got is not None:
            lines.append(f"{name}: backward returned a gradient for {given}, which needs none "
                         f"(ctx.needs_input_grad[{i}] is False): return None, do not compute it")
        elif want is not None and got is None:
            lines.append(f"{name}: backward returned None, but {given} requires a gradient")
        elif want is not None:
            lines += [f"{name}: {line}" for line in tensor_differences(got, want)]
    if actual["extra FLOPs"] != expected["extra FLOPs"]:
        lines.append(f"backward ran {actual['extra FLOPs']} FLOPs of matrix products more than "
                     "the gradients asked for need: look at ctx.needs_input_grad")
    if actual["gradcheck"] != expected["gradcheck"]:
        lines.append("torch.autograd.gradcheck (float64, X, W and b requiring grad) fails")
    return lines


class _ForwardSavingXW(torch.autograd.Function):
    """The forward the wrong answers below share: right, and saving X and W always."""

    @staticmethod
    def forward(ctx, X, W, b=None):
        ctx.save_for_backward(X, W)
        return X @ W if b is None else X @ W + b  # (n, in) @ (in, out) -> (n, out)


@wrong("dW transposed: dYᵀ X is nn.Linear's (out, in) gradient; ours is Xᵀ dY, (in, out)", LAYOUTS)
class WeightGradTransposed(_ForwardSavingXW):
    @staticmethod
    def backward(ctx, dY):
        X, W = ctx.saved_tensors
        dX = dY @ W.T if ctx.needs_input_grad[0] else None  # (n, out) @ (out, in) -> (n, in)
        dW = dY.T @ X if ctx.needs_input_grad[1] else None  # (out, n) @ (n, in) -> (out, in)
        db = dY.sum(0) if ctx.needs_input_grad[2] else None
        return dX, dW, db


@wrong("ctx.needs_input_grad ignored: every gradient computed, wanted or not", BY_HAND)
class EveryGradient(_ForwardSavingXW):
    @staticmethod
    def backward(ctx, dY):
        X, W = ctx.saved_tensors
        return dY @ W.T, X.T @ dY, dY.sum(0)  # a matrix product even for a frozen W


@wrong("db not summed over the batch: (n, out), not (out,) (autograd's sum_to hides it)", MATH)
class BiasGradNotSummed(_ForwardSavingXW):
    @staticmethod
    def backward(ctx, dY):
        X, W = ctx.saved_tensors
        dX = dY @ W.T if ctx.needs_input_grad[0] else None  # (n, out) @ (out, in) -> (n, in)
        dW = X.T @ dY if ctx.needs_input_grad[1] else None  # (in, n) @ (n, out) -> (in, out)
        db = dY if ctx.needs_input_grad[2] else None  # (n, out): one row per example
        return dX, dW, db


EXAMPLE_X = torch.tensor([[1.0, 2.0, 0.0], [0.0, 1.0, -1.0]], dtype=torch.float64)
EXAMPLE_W = torch.tensor([[1.0, 0.0], [2.0, 1.0], [0.0, -1.0]], dtype=torch.float64)
EXAMPLE_B = torch.tensor([0.5, -1.0], dtype=torch.float64)

EXERCISE = TorchExercise(
    title="LinearFunction: a forward and a backward by hand",
    statement="""
Write `LinearFunction`, a `torch.autograd.Function` for `Y = X W + b` in the chapter's layout:
`X` of shape `(n, in)`, `W` of shape `(in, out)`, `b` of shape `(out,)` or `None`, and
`Y` of shape `(n, out)`. It is used as `LinearFunction.apply(X, W, b)`.

* `forward(ctx, X, W, b=None)` computes `Y` and saves, with `ctx.save_for_backward`, what
  `backward` will need.
* `backward(ctx, dY)` receives `dY = dL/dY` `(n, out)` and returns one value per input of
  forward: `(dX, dW, db)`, each of exactly the shape of its input, and `None` for an input that
  needs no gradient (`ctx.needs_input_grad`), `b=None` included. A gradient nobody asked for is
  not computed at all: its matrix product is the most expensive line of `backward`.

The judge draws small inputs, some requiring grad and some not (a frozen weight, input data).
It calls `apply`, then your `backward` itself with a fixed `dY`, and compares `Y` and every
value `backward` returns with the chapter's function. It also counts the matrix-product FLOPs
your `backward` runs beyond those the wanted gradients need, and runs
`torch.autograd.gradcheck` in float64 with every input requiring grad.
""",
    stub=STUB,
    name="LinearFunction",
    reference=LinearFunction,
    inputs=lambda: linear_inputs(grads=True),
    example=(EXAMPLE_X, EXAMPLE_W.requires_grad_(), EXAMPLE_B.requires_grad_()),
    run=judge_function,
    differences=function_differences,
    hints=(
        "backward returns a tuple of three: (dX, dW, db). ctx.needs_input_grad is a tuple of "
        "three booleans, one per input of forward, False for b=None.",
        "dX = dY Wᵀ needs W, dW = Xᵀ dY needs X: save both with ctx.save_for_backward(X, W) "
        "and read them back with X, W = ctx.saved_tensors.",
        "dX = dY @ W.T if ctx.needs_input_grad[0] else None; likewise dW = X.T @ dY with [1] "
        "and db = dY.sum(0) with [2].",
    ),
    wrong=(WeightGradTransposed, EveryGradient, BiasGradNotSummed),
)

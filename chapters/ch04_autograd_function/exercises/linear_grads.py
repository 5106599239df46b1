"""The three gradients of Y = X W + b, as formulas: dX, dW and db from dY."""

import torch
from hypothesis import strategies as st

from chapters.ch04_autograd_function import grads
from chapters.ch04_autograd_function.exercises._inputs import ints, matrix
from chapters.practice.torch_exercise import TorchExercise, wrong

MATH = "1. The math: gradients of `C = A B`"
LAYOUTS = "5. Two weight layouts"

STUB = '''"""The gradients of Y = X W + b (the task is in README.md here). Check: make check EX=ch04_linear_grads"""

import torch


def linear_grads(X: torch.Tensor, W: torch.Tensor, dY: torch.Tensor):
    """X (n, in), W (in, out), dY = dL/dY (n, out) -> (dX (n, in), dW (in, out), db (out,))."""
    raise NotImplementedError("write your answer here")
'''


def linear_grads(X: torch.Tensor, W: torch.Tensor, dY: torch.Tensor):
    """The chapter's formulas (grads.py): dX = dY Wᵀ, dW = Xᵀ dY, db = the column sum of dY."""
    return grads.grad_wrt_input(dY, W), grads.grad_wrt_weight(X, dY), grads.bias_grad(dY)


@wrong("dW transposed: dYᵀ X is nn.Linear's (out, in) gradient; ours is Xᵀ dY, (in, out)", LAYOUTS)
def weight_grad_transposed(X: torch.Tensor, W: torch.Tensor, dY: torch.Tensor):
    return dY @ W.T, dY.T @ X, dY.sum(0)  # (out, n) @ (n, in) -> (out, in)


@wrong("db summed over the wrong axis: each b[j] is added to column j of every row", MATH)
def bias_summed_per_row(X: torch.Tensor, W: torch.Tensor, dY: torch.Tensor):
    return dY @ W.T, X.T @ dY, dY.sum(1)  # (n, out) -> (n,)


@wrong("db as the mean over the batch: every row adds b once, so the gradient is the sum", MATH)
def bias_mean(X: torch.Tensor, W: torch.Tensor, dY: torch.Tensor):
    return dY @ W.T, X.T @ dY, dY.mean(0)


@st.composite
def inputs(draw) -> tuple:
    """X (n, in), W (in, out), dY (n, out): small integers in float64."""
    n, fan_in, fan_out = draw(st.integers(1, 4)), draw(st.integers(1, 3)), draw(st.integers(1, 3))
    return (matrix(n, fan_in, draw(ints(n * fan_in))),
            matrix(fan_in, fan_out, draw(ints(fan_in * fan_out))),
            matrix(n, fan_out, draw(ints(n * fan_out))))


EXERCISE = TorchExercise(
    title="The three gradients of a linear layer",
    statement="""
The layer computes `Y = X W + b` with `X` of shape `(n, in)`, `W` of shape `(in, out)` (the
chapter's layout, not `nn.Linear`'s `(out, in)`) and `b` of shape `(out,)`, added to every row.
Backward receives `dY = dL/dY`, of shape `(n, out)`.

Write `linear_grads(X, W, dY)` returning the tuple `(dX, dW, db)`: the gradients of the loss
with respect to `X`, `W` and `b`, each of the shape of what it is the gradient of. Matrix
products and sums only: no autograd, no loops. The judge compares your three tensors with the
chapter's formulas (`grads.py`, which its tests check against autograd) on generated inputs.
""",
    stub=STUB,
    name="linear_grads",
    reference=linear_grads,
    inputs=inputs,
    example=(torch.tensor([[1.0, 2.0, 0.0], [0.0, 1.0, -1.0]], dtype=torch.float64),
             torch.tensor([[1.0, 0.0], [2.0, 1.0], [0.0, -1.0]], dtype=torch.float64),
             torch.tensor([[1.0, 0.0], [1.0, 2.0]], dtype=torch.float64)),
    hints=(
        "Each gradient has the shape of its tensor: dX (n, in), dW (in, out), db (out,). "
        "There is one way to multiply dY (n, out) with W or X that lands on each shape.",
        "dX = dY Wᵀ and dW = Xᵀ dY. b[j] is added to column j of every row, with derivative 1.",
        "db = dY.sum(0): the column sum, over the n rows of the batch.",
    ),
    wrong=(weight_grad_transposed, bias_summed_per_row, bias_mean),
)

"""The linear layer as a torch.library.custom_op, judged by values, gradients, opcheck and
torch.compile(fullgraph=True)."""

# No `from __future__ import annotations`: custom_op reads the type hints for the schema.
import contextlib
import inspect
import logging
import warnings
from typing import Optional

import torch
from torch import Tensor

from chapters.ch04_autograd_function import custom_op
from chapters.ch04_autograd_function.custom_op import linear_op
from chapters.ch04_autograd_function.exercises._inputs import linear_inputs, upstream
from chapters.practice.tensors import tensor_differences
from chapters.practice.torch_exercise import TorchExercise, wrong

MODERN = "7. The modern path: `torch.library.custom_op`"
NOISY = ("torch._subclasses.fake_tensor", "torch._dynamo", "torch._functorch")
CHEAP_TESTS = ("test_schema", "test_autograd_registration", "test_faketensor")
OPCHECK_ALL = (*CHEAP_TESTS, "test_aot_dispatch_dynamic")
WHAT_FAILS = {  # what a failing check usually means, for the learner
    "test_schema": "the op mutates or aliases an input its schema does not declare",
    "test_autograd_registration": "the autograd formula is not registered the way opcheck expects",
    "test_faketensor": "the fake kernel is missing, raises, or disagrees with the real one "
                       "(shape, dtype, device)",
    "test_aot_dispatch_dynamic": "AOT tracing with dynamic shapes fails (fake kernel, autograd)",
    "compile": "torch.compile(fullgraph=True) cannot trace forward and backward through the op",
    "grads": "backward through the op fails",
}

STUB = '''"""Y = X W + b as a registered operator (the task is in README.md here).
Check: make check EX=ch04_linear_op"""

# No `from __future__ import annotations` here: custom_op reads the type hints for the schema.
from typing import Optional

import torch
from torch import Tensor


@torch.library.custom_op("practice::linear", mutates_args=())
def linear_op(X: Tensor, W: Tensor, b: Optional[Tensor] = None) -> Tensor:
    """X (n, in), W (in, out), b (out,) or None -> Y = X W + b, a new tensor (n, out)."""
    raise NotImplementedError("write your answer here")


@linear_op.register_fake
def _(X: Tensor, W: Tensor, b: Optional[Tensor] = None) -> Tensor:
    """The output's shape, dtype and device, computed without the data."""
    raise NotImplementedError("write your answer here")


def setup_context(ctx, inputs, output) -> None:
    """Save on ctx what backward needs; inputs is the tuple (X, W, b)."""
    raise NotImplementedError("write your answer here")


def backward(ctx, dY: Tensor):
    """dY (n, out) -> (dX, dW, db), None where no gradient is needed."""
    raise NotImplementedError("write your answer here")


linear_op.register_autograd(backward, setup_context=setup_context)
'''


def _is_example(args: tuple) -> bool:
    """Only the example is compiled and fully opchecked: each costs a second or more."""
    def same(a, b):
        return (a is None and b is None) or (
            a is not None and b is not None and a.shape == b.shape and torch.equal(a, b))
    return all(same(a, b) for a, b in zip(args, EXAMPLE, strict=True))


@contextlib.contextmanager
def quiet():
    """No warnings and no logged tracebacks from torch while a check is expected to fail: the
    judge reports the failure itself."""
    loggers = [logging.getLogger(name) for name in NOISY]
    levels = [logger.level for logger in loggers]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for logger in loggers:
            logger.setLevel(logging.CRITICAL)
        try:
            yield
        finally:
            for logger, level in zip(loggers, levels, strict=True):
                logger.setLevel(level)


def everything_requires_grad(args: tuple) -> tuple:
    """Copies of X, W and b that require grad, so that every gradient is checked."""
    return tuple(None if t is None else t.detach().clone().requires_grad_() for t in args)


def _failed(error: BaseException) -> str:
    return f"failed ({type(error).__name__})"


def judge_op(op, args: tuple) -> dict:
    """Y = op(X, W, b), its gradients, opcheck's verdicts, and on the example torch.compile."""
    X, W, b = everything_requires_grad(args)
    Y = op(X, W, b)
    inputs = [t for t in (X, W, b) if t is not None]
    result, why = {"Y": Y.detach()}, {}
    try:
        with quiet():
            grads = torch.autograd.grad(Y, inputs, upstream(Y))
        result["grads"] = tuple(g.detach() for g in grads)
    except Exception as error:  # no autograd formula, or one that returns the wrong shapes
        result["grads"], why["grads"] = _failed(error), str(error)
    example = _is_example(args)
    with quiet():
        checks = torch.library.opcheck(op, everything_requires_grad(args), raise_exception=False,
                                       test_utils=OPCHECK_ALL if example else CHEAP_TESTS)
    result["opcheck"] = {}
    for test, verdict in checks.items():
        result["opcheck"][test] = "SUCCESS" if verdict == "SUCCESS" else _failed(verdict)
        if verdict != "SUCCESS":
            why[test] = str(verdict)
    result["compile"] = "not tried on generated inputs"
    if example:
        result["compile"], why["compile"] = compiles(op, args)
    result["why"] = why  # messages for the learner; not compared (they name the op)
    return result


def compiles(op, args: tuple) -> tuple[str, str]:
    """Forward and backward under torch.compile(fullgraph=True), against eager."""
    def loss(X, W, b):
        return op(X, W, b).square().sum()

    X, W, b = everything_requires_grad(args)
    try:
        torch.compiler.reset()  # a fresh trace, whatever was compiled before in this process
        with quiet():
            value = torch.compile(loss, fullgraph=True, backend="aot_eager")(X, W, b)
            value.backward()
    except Exception as error:
        lines = [line for line in str(error).splitlines() if line.strip()]
        return _failed(error), " ".join(lines[:2])  # the compiler's verdict, then its cause
    if not torch.allclose(value, loss(*everything_requires_grad(args)), rtol=1e-6, atol=1e-8):
        return "wrong value", "the compiled loss differs from the eager one"
    return "SUCCESS", ""


def op_differences(actual, expected) -> list[str]:
    """Readable lines: Y, the gradients, then opcheck's and compile's verdicts with the reason."""
    keys = sorted(set(expected) - {"why"})
    if not isinstance(actual, dict) or sorted(set(actual) - {"why"}) != keys:
        return [f"expected a summary with keys {keys}, got {type(actual).__name__}"]
    why = actual.get("why", {})
    lines = [f"Y: {line}" for line in tensor_differences(actual["Y"], expected["Y"])]
    got, want = actual["grads"], expected["grads"]
    if isinstance(got, str) or isinstance(want, str):
        if got != want:
            lines.append(_line("gradients", got, why.get("grads"), WHAT_FAILS["grads"]))
    else:
        names = ["dX", "dW", "db"][:len(want)]
        lines += [f"{name}: {line}" for name, g, w in zip(names, got, want, strict=False)
                  for line in tensor_differences(g, w)] if len(got) == len(want) else [
            f"gradients: {len(got)} returned, expected {len(want)}"]
    for test, verdict in expected["opcheck"].items():
        mine = actual["opcheck"].get(test, "not run")
        if mine != verdict:
            lines.append(_line(f"opcheck {test}", mine, why.get(test), WHAT_FAILS[test]))
    if actual["compile"] != expected["compile"]:
        lines.append(_line("torch.compile", actual["compile"], why.get("compile"), WHAT_FAILS["compile"]))
    return lines


def _line(what: str, verdict: str, reason: str | None, usually: str) -> str:
    text = f"{what}: {verdict}" + (f": {reason}" if reason else "")
    return (text if len(text) < 400 else text[:400] + " ...") + f" (usually: {usually})"


def _named(op, name: str):
    """A known wrong op, named for the judge's tests (a CustomOpDef has no __name__)."""
    op.__name__, op.__module__ = name, __name__
    return op


def _linear(X: Tensor, W: Tensor, b: Optional[Tensor]) -> Tensor:  # noqa: UP045
    Y = X @ W  # (n, in) @ (in, out) -> (n, out)
    return Y if b is None else Y + b


def _setup(ctx, inputs, output) -> None:
    X, W, b = inputs
    ctx.save_for_backward(X, W)
    ctx.has_bias = b is not None


def _backward(ctx, dY: Tensor):
    X, W = ctx.saved_tensors
    dX = dY @ W.T if ctx.needs_input_grad[0] else None  # (n, out) @ (out, in) -> (n, in)
    dW = X.T @ dY if ctx.needs_input_grad[1] else None  # (in, n) @ (n, out) -> (in, out)
    db = dY.sum(0) if ctx.has_bias and ctx.needs_input_grad[2] else None
    return dX, dW, db


@torch.library.custom_op("ch04_practice::linear_no_fake", mutates_args=())
def _no_fake(X: Tensor, W: Tensor, b: Optional[Tensor] = None) -> Tensor:  # noqa: UP045
    return _linear(X, W, b)


_no_fake.register_autograd(_backward, setup_context=_setup)
no_fake = wrong("no fake kernel (register_fake): torch.compile cannot trace the op", MODERN)(
    _named(_no_fake, "no_fake"))


@torch.library.custom_op("ch04_practice::linear_fake_shape", mutates_args=())
def _fake_of_x_shape(X: Tensor, W: Tensor, b: Optional[Tensor] = None) -> Tensor:  # noqa: UP045
    return _linear(X, W, b)


@_fake_of_x_shape.register_fake
def _(X: Tensor, W: Tensor, b: Optional[Tensor] = None) -> Tensor:  # noqa: UP045
    return torch.empty_like(X)  # (n, in): the output has W's out features, (n, out)


_fake_of_x_shape.register_autograd(_backward, setup_context=_setup)
fake_of_x_shape = wrong("a fake kernel of the wrong shape: empty_like(X) is (n, in)", MODERN)(
    _named(_fake_of_x_shape, "fake_of_x_shape"))


@torch.library.custom_op("ch04_practice::linear_no_autograd", mutates_args=())
def _no_autograd(X: Tensor, W: Tensor, b: Optional[Tensor] = None) -> Tensor:  # noqa: UP045
    return _linear(X, W, b)


@_no_autograd.register_fake
def _(X: Tensor, W: Tensor, b: Optional[Tensor] = None) -> Tensor:  # noqa: UP045
    return X.new_empty((X.shape[0], W.shape[1]))  # (n, out)


no_autograd = wrong("no register_autograd: autograd cannot see into an opaque op", MODERN)(
    _named(_no_autograd, "no_autograd"))


class OpExercise(TorchExercise):
    """A custom op's exercise: `reveal` shows the chapter's whole custom_op.py (the op, its fake
    and its autograd), and the judge's tests import the op from there."""

    def references(self) -> dict[str, str]:
        return {"solution.py": inspect.getsource(custom_op)}

    def reference_files(self) -> dict[str, str]:
        return {"solution.py": f"from {custom_op.__name__} import linear_op\n"}


EXAMPLE = (torch.tensor([[1.0, 2.0, 0.0], [0.0, 1.0, -1.0]], dtype=torch.float64),
           torch.tensor([[1.0, 0.0], [2.0, 1.0], [0.0, -1.0]], dtype=torch.float64),
           torch.tensor([0.5, -1.0], dtype=torch.float64))

EXERCISE = OpExercise(
    title="The linear layer as a registered operator",
    statement="""
Write `linear_op(X, W, b=None)`, `Y = X W + b`, as a `torch.library.custom_op` (the stub names
it `practice::linear`): `X` of shape `(n, in)`, `W` of shape `(in, out)`, `b` of shape `(out,)`
or `None`, `Y` a new tensor of shape `(n, out)`.

* The kernel: the real computation. It must not modify its inputs or return one of them (or a
  view of one): the schema, `mutates_args=()`, promises that.
* A fake kernel (`register_fake`): the output's shape, dtype and device without the data, for
  the compiler.
* The autograd formula (`register_autograd`): `setup_context` saves what `backward` needs;
  `backward(ctx, dY)` returns `(dX, dW, db)`, `None` where no gradient is needed.

On every input the judge compares `Y` and the gradients of all inputs with the chapter's op and
runs `torch.library.opcheck` (schema, autograd registration, fake kernel). On the example it
also runs opcheck's AOT test with dynamic shapes and compiles forward and backward with
`torch.compile(fullgraph=True)` (backend `aot_eager`, which traces through your fake kernel).
The first check in a fresh process takes a few seconds: opcheck and the compiler warm up.
""",
    stub=STUB,
    name="linear_op",
    reference=linear_op,
    inputs=linear_inputs,
    example=EXAMPLE,
    run=judge_op,
    differences=op_differences,
    hints=(
        "The kernel is the chapter's forward: X @ W, plus b when b is not None. The fake kernel "
        "returns an empty tensor of the output's shape, e.g. X.new_empty(...).",
        "The output is (n, out): X.shape[0] rows and W.shape[1] columns, whatever the data. "
        "setup_context gets inputs = (X, W, b): save X and W, and remember whether b is None.",
        "backward: dX = dY @ W.T, dW = X.T @ dY, db = dY.sum(0), each only if "
        "ctx.needs_input_grad[i] (and db only if there is a bias).",
    ),
    wrong=(no_fake, fake_of_x_shape, no_autograd),
    timeout_s=120.0,
)

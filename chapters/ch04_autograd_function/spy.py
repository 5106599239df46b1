"""Record which gradient formulas a backward pass runs (to watch ctx.needs_input_grad work)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from . import grads

FORMULAS = ("grad_wrt_input", "grad_wrt_weight", "bias_grad")


@contextlib.contextmanager
def record_formulas() -> Iterator[list[str]]:
    """Inside the block, every call of a formula in `grads` appends its name to the yielded list."""
    calls: list[str] = []
    originals = {name: getattr(grads, name) for name in FORMULAS}

    def wrap(name, fn):
        def recorded(*args, **kwargs):
            calls.append(name)
            return fn(*args, **kwargs)
        return recorded

    for name, fn in originals.items():
        setattr(grads, name, wrap(name, fn))
    try:
        yield calls
    finally:
        for name, fn in originals.items():
            setattr(grads, name, fn)

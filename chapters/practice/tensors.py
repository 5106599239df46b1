"""Comparing what the learner's code returned with the reference's: tensors, and plain values."""

from __future__ import annotations

import torch


def tensor_differences(actual, expected, rtol: float = 1e-5, atol: float = 1e-6) -> list[str]:
    """What differs between two results (tensors, or tuples/lists/dicts of them, or values)."""
    if isinstance(expected, torch.Tensor):
        return _tensor(actual, expected, rtol, atol)
    if isinstance(expected, tuple | list):
        if not isinstance(actual, tuple | list) or len(actual) != len(expected):
            return [f"expected a {type(expected).__name__} of {len(expected)}, got {_kind(actual)}"]
        return [f"[{i}] {line}" for i, (a, e) in enumerate(zip(actual, expected, strict=True))
                for line in tensor_differences(a, e, rtol, atol)]
    if isinstance(expected, dict):
        if not isinstance(actual, dict) or list(actual) != list(expected):
            keys = list(actual) if isinstance(actual, dict) else _kind(actual)
            return [f"expected the keys {list(expected)}, got {keys}"]
        return [f"[{k!r}] {line}" for k in expected
                for line in tensor_differences(actual[k], expected[k], rtol, atol)]
    return [] if actual == expected else [f"got {actual!r}, expected {expected!r}"]


def _kind(value) -> str:
    if isinstance(value, torch.Tensor):
        return f"a tensor of shape {tuple(value.shape)}"
    return f"{type(value).__name__} {value!r}"[:120]


def _tensor(actual, expected: torch.Tensor, rtol: float, atol: float) -> list[str]:
    if not isinstance(actual, torch.Tensor):
        return [f"expected a tensor, got {_kind(actual)}"]
    for what in ("shape", "dtype", "device"):
        got, want = getattr(actual, what), getattr(expected, what)
        if got != want:
            show = tuple if what == "shape" else str
            return [f"{what} differs: got {show(got)}, expected {show(want)}"]
    actual, expected = actual.detach(), expected.detach()
    if expected.dtype == torch.bool or not expected.is_floating_point():
        close = actual == expected
    else:
        close = torch.isclose(actual, expected, rtol=rtol, atol=atol, equal_nan=True)
    if bool(close.all()):
        return []
    wrong = (~close).nonzero()
    lines = [f"{len(wrong)} of {expected.numel()} entries differ; the first:"]
    for index in wrong[:5].tolist():
        where = tuple(index)
        lines.append(f"  at {where}: got {actual[where].item():.6g}, expected {expected[where].item():.6g}")
    return lines

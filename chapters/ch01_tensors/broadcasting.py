"""Broadcasting: the shape rule, and the zero strides that make it free."""

from __future__ import annotations

from collections.abc import Sequence

import torch


def broadcast_shape(*shapes: Sequence[int]) -> tuple[int, ...]:
    """Align shapes on the right; each dim's sizes must be equal or 1; the result takes the max."""
    result: list[int] = []
    for shape in shapes:
        shape = tuple(shape)
        if any(not isinstance(n, int) or n < 0 for n in shape):
            raise ValueError(f"a shape is a tuple of sizes >= 0, got {shape}")
        # left-pad the shorter of (result, shape) with 1s so both have the same length
        width = max(len(result), len(shape))
        old = [1] * (width - len(result)) + result
        new = [1] * (width - len(shape)) + list(shape)
        merged = []
        for dim, (m, n) in enumerate(zip(old, new, strict=True)):
            if m != n and m != 1 and n != 1:
                raise ValueError(
                    f"shapes {tuple(old)} and {shape} do not broadcast: at dim {dim - width} "
                    f"the sizes are {m} and {n}, and neither is 1"
                )
            merged.append(n if m == 1 else m)  # a 1 stretches; 0 only meets 0 or 1
        result = merged
    return tuple(result)


def broadcast_strides(
    shape: Sequence[int], stride: Sequence[int], target: Sequence[int]
) -> tuple[int, ...]:
    """The strides of x expanded to `target`: new or stretched dims get stride 0 (no copy).

    (A dim of size 1 is never stepped along, so its stride is arbitrary; torch may pick another.)
    """
    shape, stride, target = tuple(shape), tuple(stride), tuple(target)
    try:
        fits = len(shape) <= len(target) and broadcast_shape(shape, target) == target
    except ValueError:
        fits = False
    if not fits:  # expanding only stretches x; it never changes the target
        raise ValueError(f"shape {shape} cannot be expanded to {target}")
    pad = len(target) - len(shape)
    padded_shape = (1,) * pad + shape
    padded_stride = (0,) * pad + stride
    return tuple(
        0 if (size == 1 and want != 1) else step
        for size, step, want in zip(padded_shape, padded_stride, target, strict=True)
    )


def expand_by_hand(x: torch.Tensor, target: Sequence[int]) -> torch.Tensor:
    """x broadcast to `target` as a view made with as_strided: same storage, zero strides."""
    stride = broadcast_strides(x.shape, x.stride(), target)
    return x.as_strided(tuple(target), stride, x.storage_offset())  # (*target)

"""Matrix products: matmul's shape rule, a loop version, and einsum written as plain loops."""

from __future__ import annotations

import functools
import itertools
import string
from collections.abc import Sequence

import torch

from .broadcasting import broadcast_shape


def matmul_shape(a: Sequence[int], b: Sequence[int]) -> tuple[int, ...]:
    """The shape of a @ b: 1-D operands get a temporary dim, leading (batch) dims broadcast."""
    a, b = tuple(a), tuple(b)
    if not a or not b:
        raise ValueError("matmul needs operands with at least one dim (use * for scalars)")
    a2 = (1, *a) if len(a) == 1 else a  # a vector on the left is a (1, n) row
    b2 = (*b, 1) if len(b) == 1 else b  # a vector on the right is an (n, 1) column
    if a2[-1] != b2[-2]:
        raise ValueError(f"matmul inner sizes differ: {a} @ {b} ({a2[-1]} vs {b2[-2]})")
    batch = broadcast_shape(a2[:-2], b2[:-2])
    rows = () if len(a) == 1 else (a2[-2],)  # the temporary dims are removed again
    cols = () if len(b) == 1 else (b2[-1],)
    return (*batch, *rows, *cols)


def matmul_loops(A: torch.Tensor, B: torch.Tensor) -> torch.Tensor:
    """C[i, k] = sum over j of A[i, j] * B[j, k], for 2-D A (n, m) and B (m, p)."""
    if A.dim() != 2 or B.dim() != 2:
        raise ValueError(f"matmul_loops wants two matrices, got {A.dim()}-D and {B.dim()}-D")
    n, m = A.shape
    m2, p = B.shape
    if m != m2:
        raise ValueError(f"inner sizes differ: {tuple(A.shape)} @ {tuple(B.shape)}")
    C = torch.zeros(n, p, dtype=torch.result_type(A, B), device=A.device)  # (n, p)
    for i in range(n):
        for k in range(p):
            for j in range(m):
                C[i, k] += A[i, j] * B[j, k]
    return C


def parse_einsum(equation: str, num_operands: int) -> tuple[list[str], str]:
    """Split 'ij,jk->ik' into (['ij', 'jk'], 'ik'); no '->' means: letters used once, sorted."""
    equation = equation.replace(" ", "")
    if "..." in equation:
        raise ValueError("this loop version does not support '...'; spell every dim out")
    lhs, arrow, out = equation.partition("->")
    inputs = lhs.split(",")
    if len(inputs) != num_operands:
        raise ValueError(f"equation {equation!r} names {len(inputs)} operands, got {num_operands}")
    letters = "".join(inputs)
    if any(c not in string.ascii_letters for c in letters + out):
        raise ValueError(f"einsum subscripts must be letters, got {equation!r}")
    if not arrow:
        out = "".join(sorted(c for c in set(letters) if letters.count(c) == 1))
    if len(set(out)) != len(out) or any(c not in letters for c in out):
        raise ValueError(f"output {out!r} must use distinct letters that appear in the inputs")
    return inputs, out


def einsum_loops(equation: str, *operands: torch.Tensor) -> torch.Tensor:
    """torch.einsum by brute force: loop over every letter's range, multiply, add into the output."""
    inputs, out = parse_einsum(equation, len(operands))
    sizes: dict[str, int] = {}
    for subscripts, x in zip(inputs, operands, strict=True):
        if len(subscripts) != x.dim():
            raise ValueError(
                f"{subscripts!r} has {len(subscripts)} letters for a {x.dim()}-D tensor"
            )
        for letter, size in zip(subscripts, x.shape, strict=True):
            if sizes.setdefault(letter, size) != size:
                raise ValueError(f"letter {letter!r} has sizes {sizes[letter]} and {size}")
    letters = sorted(sizes)  # every letter once: output letters and summed-over letters
    dtype = functools.reduce(torch.promote_types, (x.dtype for x in operands))
    shape = [sizes[c] for c in out]  # one dim per output letter
    result = torch.zeros(shape, dtype=dtype, device=operands[0].device)
    for values in itertools.product(*(range(sizes[c]) for c in letters)):
        at = dict(zip(letters, values, strict=True))
        term = 1
        for subscripts, x in zip(inputs, operands, strict=True):
            term = term * x[tuple(at[c] for c in subscripts)]
        result[tuple(at[c] for c in out)] += term
    return result

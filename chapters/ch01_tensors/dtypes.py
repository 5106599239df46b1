"""Type promotion: which dtype an operation on mixed operands returns, as torch decides it."""

from __future__ import annotations

import torch

# (kind, bits) of every dtype we model; kinds are ordered bool < int < float < complex.
_KIND = {"bool": 0, "int": 1, "float": 2, "complex": 3}
_INFO: dict[torch.dtype, tuple[str, int]] = {
    torch.bool: ("bool", 1),
    torch.uint8: ("uint", 8),
    torch.int8: ("int", 8),
    torch.int16: ("int", 16),
    torch.int32: ("int", 32),
    torch.int64: ("int", 64),
    torch.float16: ("float", 16),
    torch.bfloat16: ("bfloat", 16),
    torch.float32: ("float", 32),
    torch.float64: ("float", 64),
    torch.complex64: ("complex", 64),
    torch.complex128: ("complex", 128),
}
DTYPES: tuple[torch.dtype, ...] = tuple(_INFO)
_SIGNED = {8: torch.int8, 16: torch.int16, 32: torch.int32, 64: torch.int64}
_FLOAT = {16: torch.float16, 32: torch.float32, 64: torch.float64}
_COMPLEX_OF = {
    torch.float16: torch.complex64,
    torch.bfloat16: torch.complex64,
    torch.float32: torch.complex64,
    torch.float64: torch.complex128,
}
_REAL_OF = {torch.complex64: torch.float32, torch.complex128: torch.float64}
# the complex type with the same precision as a float type (torch has half-precision complex too)
_SAME_PRECISION_COMPLEX = {
    torch.float16: torch.complex32,
    torch.float32: torch.complex64,
    torch.float64: torch.complex128,
}
# torch 2.14 has a bfloat16-based complex type; 2.11 lacks it and gives complex64 instead
_SAME_PRECISION_COMPLEX[torch.bfloat16] = getattr(torch, "bcomplex32", torch.complex64)


def category(dtype: torch.dtype) -> str:
    """'bool', 'int', 'float' or 'complex' (uint8 counts as int, bfloat16 as float)."""
    if dtype not in _INFO:
        raise TypeError(f"dtype {dtype} is not modelled here; use one of {DTYPES}")
    kind = _INFO[dtype][0]
    return {"uint": "int", "bfloat": "float"}.get(kind, kind)


def promote_types(a: torch.dtype, b: torch.dtype) -> torch.dtype:
    """The smallest dtype that both a and b convert to (our version of torch.promote_types)."""
    ka, kb = category(a), category(b)
    if a == b:
        return a
    if _KIND[ka] < _KIND[kb]:  # put the "higher" kind first
        a, b, ka, kb = b, a, kb, ka
    if kb == "bool":
        return a
    if ka == "int":  # two different integers; uint8 with a signed one needs a wider signed type
        (kind_a, bits_a), (kind_b, bits_b) = _INFO[a], _INFO[b]
        if kind_a == kind_b:
            return a if bits_a > bits_b else b
        signed_bits = bits_a if kind_a == "int" else bits_b
        return _SIGNED[max(16, signed_bits)]
    if ka == "float":
        if kb == "int":
            return a
        if {a, b} == {torch.float16, torch.bfloat16}:  # neither holds the other: go to float32
            return torch.float32
        return _FLOAT[max(_INFO[a][1], _INFO[b][1])]
    # ka == "complex": keep the complex type unless the other side's real part is wider
    if kb in ("int", "bool"):
        return a
    real = promote_types(_REAL_OF[a], b if kb == "float" else _REAL_OF[b])
    return _COMPLEX_OF[real]


def _operand_dtype(x: object) -> tuple[torch.dtype, str]:
    """The dtype an operand contributes and its priority group: 'dim', 'zero_dim' or 'scalar'."""
    if isinstance(x, torch.Tensor):
        return x.dtype, ("dim" if x.dim() > 0 else "zero_dim")
    if isinstance(x, bool):
        return torch.bool, "scalar"
    if isinstance(x, int):
        return torch.int64, "scalar"
    if isinstance(x, float):
        return torch.get_default_dtype(), "scalar"  # a Python float counts as the default dtype
    if isinstance(x, complex):
        return _COMPLEX_OF[torch.get_default_dtype()], "scalar"
    raise TypeError(f"operands must be tensors or Python numbers, got {type(x).__name__}")


def _combine(higher: torch.dtype | None, lower: torch.dtype | None) -> torch.dtype | None:
    """Let a lower-priority group matter only when its kind is higher."""
    if higher is None:
        return lower
    if lower is None:
        return higher
    kh, kl = category(higher), category(lower)
    if kh == "complex":
        return higher
    if kl == "complex":  # a float tensor keeps its precision, now as complex
        return _SAME_PRECISION_COMPLEX[higher] if kh == "float" else lower
    if kh == "float":
        return higher
    if kh == "bool" or kl == "float":
        return promote_types(higher, lower)
    return higher


def result_type(*operands: object) -> torch.dtype:
    """The dtype of e.g. `a + b`: tensors with dims beat zero-dim tensors beat Python scalars."""
    if not operands:
        raise ValueError("result_type needs at least one operand")
    groups: dict[str, torch.dtype | None] = {"dim": None, "zero_dim": None, "scalar": None}
    for x in operands:
        dtype, group = _operand_dtype(x)
        seen = groups[group]
        groups[group] = dtype if seen is None else promote_types(seen, dtype)
    result = _combine(groups["dim"], _combine(groups["zero_dim"], groups["scalar"]))
    assert result is not None
    return result

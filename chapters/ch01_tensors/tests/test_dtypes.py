"""dtypes.py against torch.promote_types / torch.result_type on every pair of 12 dtypes."""

import itertools

import pytest
import torch

from chapters.ch01_tensors import dtypes

PAIRS = list(itertools.product(dtypes.DTYPES, repeat=2))
SCALARS = [True, 3, 2.5, 1 + 1j]


def _tensor(dtype, zero_dim):
    t = torch.ones(()) if zero_dim else torch.ones(2)
    return t.to(dtype)


@pytest.mark.parametrize(("a", "b"), PAIRS, ids=lambda d: str(d).removeprefix("torch."))
def test_promote_types_matches_torch(a, b):
    assert dtypes.promote_types(a, b) == torch.promote_types(a, b)


@pytest.mark.parametrize(("a_zero", "b_zero"), list(itertools.product([False, True], repeat=2)))
def test_result_type_matches_torch_for_tensors_of_every_rank(a_zero, b_zero):
    wrong = []
    for a, b in PAIRS:
        x, y = _tensor(a, a_zero), _tensor(b, b_zero)
        if dtypes.result_type(x, y) != torch.result_type(x, y):
            wrong.append((a, b, dtypes.result_type(x, y), torch.result_type(x, y)))
    assert wrong == []


@pytest.mark.parametrize("default", [torch.float32, torch.float64])
@pytest.mark.parametrize("zero_dim", [False, True])
def test_result_type_matches_torch_with_python_scalars(default, zero_dim):
    old = torch.get_default_dtype()
    torch.set_default_dtype(default)
    try:
        wrong = []
        for dtype, scalar in itertools.product(dtypes.DTYPES, SCALARS):
            x = _tensor(dtype, zero_dim)
            for args in ((x, scalar), (scalar, x)):
                if dtypes.result_type(*args) != torch.result_type(*args):
                    wrong.append((args, dtypes.result_type(*args), torch.result_type(*args)))
        assert wrong == []
    finally:
        torch.set_default_dtype(old)


@pytest.mark.parametrize(("a", "b"), list(itertools.product(SCALARS, repeat=2)))
def test_result_type_of_two_python_scalars(a, b):
    assert dtypes.result_type(a, b) == torch.result_type(a, b)


def test_result_type_is_the_dtype_an_operation_really_returns():
    i32 = torch.tensor([1, 2], dtype=torch.int32)
    half = torch.tensor([1.0], dtype=torch.float16)
    cases = [
        (i32, 1),
        (i32, 1.5),
        (i32, torch.tensor(1.5, dtype=torch.float64)),
        (half, torch.tensor(1.0, dtype=torch.float64)),
        (half, torch.tensor([1.0], dtype=torch.float64)),
        (torch.tensor([True]), 5),
        (torch.tensor([1], dtype=torch.uint8), torch.tensor([1], dtype=torch.int8)),
    ]
    for a, b in cases:
        assert (a + b).dtype == dtypes.result_type(a, b)
    # more than two operands: torch.cat promotes its inputs the same way
    parts = [i32, torch.tensor([1], dtype=torch.int8), torch.tensor([2.0], dtype=torch.float16)]
    assert torch.cat(parts).dtype == dtypes.result_type(*parts) == torch.float16


def test_uint8_wraps_around_because_a_python_int_does_not_widen_it():
    assert dtypes.result_type(torch.tensor([250], dtype=torch.uint8), 10) == torch.uint8
    assert (torch.tensor([250], dtype=torch.uint8) + 10).item() == 4


def test_bad_operands_are_rejected():
    with pytest.raises(TypeError, match="str"):
        dtypes.result_type(torch.ones(2), "1")
    with pytest.raises(ValueError, match="at least one"):
        dtypes.result_type()
    with pytest.raises(TypeError, match="not modelled"):
        dtypes.promote_types(torch.float32, torch.uint16)


def test_categories():
    assert [
        dtypes.category(d) for d in (torch.bool, torch.uint8, torch.bfloat16, torch.complex64)
    ] == [
        "bool",
        "int",
        "float",
        "complex",
    ]

"""creation.py against torch.tensor / torch.arange, and seeded generators."""

import pytest
import torch

from chapters.ch01_tensors import creation

CASES = [
    3,
    2.5,
    True,
    1 + 2j,
    [],
    [[], []],
    [1, 2, 3],
    [1, 2.0],
    [True, False],
    [True, 2],
    [True, 2.5],
    [1, 2j],
    [[1, 2, 3], [4, 5, 6]],
    [[[1], [2]], [[3], [4]], [[5], [6]]],
    ((1, 2), (3, 4.5)),
    [[1.0, 2.0], (3, 4)],
]


@pytest.mark.parametrize("data", CASES, ids=repr)
def test_shape_and_dtype_match_torch_tensor(data):
    t = torch.tensor(data)
    assert creation.infer_shape(data) == tuple(t.shape)
    assert creation.infer_dtype(data) == t.dtype


def test_dtype_follows_the_default_dtype():
    old = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    try:
        for data in ([1, 2.0], [1j], []):
            assert creation.infer_dtype(data) == torch.tensor(data).dtype
        assert creation.infer_dtype([1.5]) == torch.float64
        assert creation.infer_dtype([1j]) == torch.complex128
    finally:
        torch.set_default_dtype(old)


@pytest.mark.parametrize("ragged", [[[1, 2], [3]], [[1], 2], [[[1, 2]], [[1, 2], [3, 4]]]])
def test_ragged_data_is_an_error_in_both(ragged):
    with pytest.raises(ValueError, match="ragged"):
        creation.infer_shape(ragged)
    with pytest.raises((ValueError, TypeError)):
        torch.tensor(ragged)


def test_non_numbers_are_a_type_error():
    with pytest.raises(TypeError, match="str"):
        creation.infer_shape(["a", "b"])
    with pytest.raises(TypeError, match="NoneType"):
        creation.infer_dtype([None])


ARANGES = [
    (0, 5, 1),
    (0, 1, 0.1),
    (1, 1.3, 0.1),  # the trap: 4 values, end included
    (0, 0.3, 0.1),
    (1, 2, 0.25),
    (5, 0, -1),
    (0, -1, -0.3),
    (2, 2, 1),
    (0, 10, 3),
    (-1.5, 1.5, 0.5),
    (0, 1, 1 / 3),
]


@pytest.mark.parametrize(("start", "end", "step"), ARANGES)
def test_arange_length_matches_torch(start, end, step):
    assert creation.arange_length(start, end, step) == torch.arange(start, end, step).numel()


def test_arange_float_step_can_include_the_end():
    values = torch.arange(1, 1.3, 0.1, dtype=torch.float64)
    assert values.numel() == 4
    assert values[-1].item() == pytest.approx(1.3)
    assert torch.linspace(1, 1.2, steps=3).numel() == 3


@pytest.mark.parametrize(
    ("start", "end", "step", "match"), [(0, 1, 0, "non-zero"), (0, 1, -1, "never")]
)
def test_arange_length_rejects_bad_steps(start, end, step, match):
    with pytest.raises(ValueError, match=match):
        creation.arange_length(start, end, step)
    with pytest.raises(RuntimeError):
        torch.arange(start, end, step)


def test_generator_makes_randn_repeatable_and_independent_of_the_global_seed():
    a = torch.randn(3, 4, generator=torch.Generator().manual_seed(7))
    torch.manual_seed(123)  # the global seed must not matter
    b = torch.randn(3, 4, generator=torch.Generator().manual_seed(7))
    c = torch.randn(3, 4, generator=torch.Generator().manual_seed(8))
    assert torch.equal(a, b)
    assert not torch.equal(a, c)
    # pinned: the README shows these numbers
    assert torch.allclose(
        torch.randn(2, 3, generator=torch.Generator().manual_seed(0))[0],
        torch.tensor([1.5410, -0.2934, -2.1788]),
        atol=1e-4,
    )


def test_factories():
    assert torch.equal(torch.arange(5), torch.tensor([0, 1, 2, 3, 4]))
    assert torch.allclose(torch.linspace(0, 1, 5), torch.tensor([0.0, 0.25, 0.5, 0.75, 1.0]))
    assert torch.full((2, 2), 7.0).sum().item() == 28.0
    assert torch.zeros_like(torch.tensor([[1, 2]])).dtype == torch.int64

"""broadcast_shape against torch.broadcast_shapes, and broadcasting as stride-0 views."""

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from chapters.ch01_tensors import broadcasting
from chapters.ch01_tensors.views import shares_storage

shape = st.lists(st.integers(0, 4), max_size=4).map(tuple)


@st.composite
def compatible_shapes(draw, count=2):
    """Shapes that broadcast: start from a result shape, then set some sizes to 1 or drop dims."""
    target = draw(st.lists(st.integers(0, 5), max_size=5))
    shapes = []
    for _ in range(count):
        keep = draw(st.integers(0, len(target)))
        dims = target[len(target) - keep :]
        shapes.append(tuple(1 if draw(st.booleans()) else n for n in dims))
    return shapes


def _torch(*shapes):
    try:
        return tuple(torch.broadcast_shapes(*shapes))
    except RuntimeError:
        return "error"


def _ours(*shapes):
    try:
        return broadcasting.broadcast_shape(*shapes)
    except ValueError:
        return "error"


@settings(max_examples=300, deadline=None)
@given(compatible_shapes())
def test_compatible_pairs_match_torch(shapes):
    assert _ours(*shapes) == _torch(*shapes) != "error"


@settings(max_examples=300, deadline=None)
@given(shape, shape)
def test_any_pair_matches_torch_including_errors(a, b):
    assert _ours(a, b) == _torch(a, b)


@settings(max_examples=200, deadline=None)
@given(st.lists(shape, min_size=1, max_size=4))
def test_several_shapes_match_torch(shapes):
    assert _ours(*shapes) == _torch(*shapes)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((8, 1, 3), (5, 1), (8, 5, 3)),
        ((3,), (4, 1), (4, 3)),
        ((), (2, 3), (2, 3)),
        ((0,), (1,), (0,)),
        ((1, 0), (3, 1), (3, 0)),
        ((2, 1, 4), (1, 3, 1), (2, 3, 4)),
    ],
)
def test_known_shapes_and_real_addition(a, b, expected):
    assert broadcasting.broadcast_shape(a, b) == expected
    assert tuple((torch.zeros(a) + torch.zeros(b)).shape) == expected


@pytest.mark.parametrize(
    ("a", "b"), [((2, 3), (4, 3)), ((3,), (4,)), ((2, 1), (8, 4, 3)), ((0,), (2,))]
)
def test_incompatible_shapes_raise_in_both(a, b):
    with pytest.raises(ValueError, match="do not broadcast"):
        broadcasting.broadcast_shape(a, b)
    with pytest.raises(RuntimeError):
        torch.zeros(a) + torch.zeros(b)


def test_error_names_the_dim_and_sizes():
    with pytest.raises(ValueError, match=r"at dim -2 the sizes are 2 and 4"):
        broadcasting.broadcast_shape((2, 3), (4, 3))
    with pytest.raises(ValueError, match="sizes >= 0"):
        broadcasting.broadcast_shape((2, -1))


@pytest.mark.parametrize(
    ("shape", "target"),
    [((3, 1), (3, 4)), ((3, 1), (2, 3, 4)), ((4,), (2, 3, 4)), ((1, 1), (5, 6)), ((2, 3), (2, 3))],
)
def test_broadcast_is_a_stride_zero_view(shape, target):
    x = torch.arange(torch.Size(shape).numel()).reshape(shape)
    reference = torch.broadcast_to(x, target)
    ours = broadcasting.broadcast_strides(x.shape, x.stride(), target)
    # strides of size-1 dims are never used, so compare the others
    for size, a, b in zip(target, ours, reference.stride(), strict=True):
        if size != 1:
            assert a == b
    expanded = broadcasting.expand_by_hand(x, target)
    assert torch.equal(expanded, reference)
    assert shares_storage(expanded, x)


def test_broadcast_strides_works_on_a_non_contiguous_tensor():
    x = torch.arange(12).reshape(3, 4).t()[:, :1]  # (4, 1), stride (1, 4)
    assert torch.equal(broadcasting.expand_by_hand(x, (2, 4, 5)), x.expand(2, 4, 5))
    with pytest.raises(ValueError, match="cannot be expanded"):
        broadcasting.broadcast_strides((3, 2), (2, 1), (3, 4))


def test_writing_in_place_into_an_expanded_tensor_is_refused():
    E = torch.zeros(3, 1).expand(3, 4)
    with pytest.raises(RuntimeError, match="single memory location"):
        E.add_(1)
    E.clone().add_(1)  # a clone owns its memory


def test_outer_by_broadcasting_and_centring():
    assert (torch.arange(3)[:, None] * torch.arange(4)).tolist() == [
        [0, 0, 0, 0],
        [0, 1, 2, 3],
        [0, 2, 4, 6],
    ]
    X = torch.tensor([[1.0, 2.0, 3.0], [3.0, 4.0, 5.0]])
    assert torch.equal((X - X.mean(dim=0)).sum(dim=0), torch.zeros(3))

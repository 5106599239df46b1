"""Views: strides, contiguity and shared storage, checked against PyTorch's own bookkeeping."""

import itertools

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from chapters.ch01_tensors import views

shapes = st.lists(st.integers(0, 5), min_size=0, max_size=5)


@settings(max_examples=150, deadline=None)
@given(shapes)
def test_contiguous_strides_match_a_fresh_tensor(shape):
    assert views.contiguous_strides(shape) == torch.empty(shape).stride()


def _variants(t):
    """Views of t made by the usual shape operations (contiguous or not)."""
    yield t
    if t.dim() >= 2:
        yield t.transpose(0, 1)
        yield t.transpose(-1, -2)
        yield t[:, ::2]
        yield t[..., 1:]
    if t.dim() >= 1:
        yield t[::2]
        yield t[1:]
        yield t.unsqueeze(1)
        yield t.flip(0).permute(*reversed(range(t.dim())))
    yield t.unsqueeze(0).expand(3, *t.shape)


@pytest.mark.parametrize("shape", [(6,), (1, 4), (3, 4), (2, 3, 4), (4, 1, 3), (2, 0, 3), (1, 1)])
def test_is_contiguous_matches_torch(shape):
    base = torch.arange(torch.Size(shape).numel()).reshape(shape)
    for t in _variants(base):
        assert views.is_contiguous(t.shape, t.stride()) == t.is_contiguous(), (t.shape, t.stride())


@pytest.mark.parametrize("shape", [(3, 4), (2, 3, 4), (5,)])
def test_storage_index_finds_each_element(shape):
    base = torch.arange(torch.Size(shape).numel()).reshape(shape)
    for t in _variants(base):
        storage = torch.empty(0, dtype=t.dtype).set_(t.untyped_storage())  # the flat memory
        for index in itertools.product(*(range(n) for n in t.shape)):  # every element
            assert storage[views.storage_index(t, index)] == t[index]


def test_storage_index_rejects_bad_indices():
    X = torch.zeros(2, 3)
    with pytest.raises(ValueError, match="need 2 indices"):
        views.storage_index(X, (1,))
    with pytest.raises(IndexError, match="out of range"):
        views.storage_index(X, (2, 0))
    with pytest.raises(ValueError, match=">= 0"):
        views.contiguous_strides((2, -1))
    with pytest.raises(ValueError, match="differ in length"):
        views.is_contiguous((2, 3), (1,))


def test_a_view_shares_storage_and_writes_show_through():
    X = torch.arange(12).reshape(3, 4)
    v = X.view(2, 6)
    assert views.shares_storage(v, X)
    assert v.untyped_storage().data_ptr() == X.untyped_storage().data_ptr()
    v[0, 0] = 100
    assert X[0, 0].item() == 100
    X[2, 3] = -5
    assert v[1, 5].item() == -5


def test_transpose_swaps_strides_and_view_refuses_to_flatten_it():
    X = torch.arange(12).reshape(3, 4)
    T = X.t()
    assert T.stride() == (1, 4) and not T.is_contiguous()
    assert views.shares_storage(T, X)
    with pytest.raises(RuntimeError, match="view size is not compatible"):
        T.view(12)
    flat = T.reshape(12)
    assert not views.shares_storage(flat, X)  # reshape had to copy
    assert flat.tolist() == [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]
    assert views.shares_storage(X.reshape(12), X)  # contiguous: reshape is a view
    C = T.contiguous()  # a row-major copy, which view can flatten
    assert not views.shares_storage(C, X) and views.shares_storage(C.view(12), C)


def test_permute_contiguous_and_clone():
    images = torch.zeros(8, 32, 32, 3)
    P = images.permute(0, 3, 1, 2)
    assert P.shape == (8, 3, 32, 32) and P.stride() == (3072, 1, 96, 3)
    assert P.contiguous().stride() == views.contiguous_strides(P.shape)
    assert images.contiguous() is images  # already contiguous: no copy at all
    C = images.clone()
    C[0, 0, 0, 0] = 1
    assert images[0, 0, 0, 0].item() == 0 and not views.shares_storage(C, images)


def test_reshape_is_not_a_transpose():
    assert torch.arange(6).reshape(2, 3).reshape(3, 2).tolist() == [[0, 1], [2, 3], [4, 5]]
    assert torch.arange(6).reshape(2, 3).t().tolist() == [[0, 3], [1, 4], [2, 5]]

"""Indexing: the loop versions against PyTorch, and which results are views."""

import pytest
import torch

from chapters.ch01_tensors import indexing
from chapters.ch01_tensors.views import shares_storage


@pytest.fixture
def X():
    return torch.arange(12).reshape(3, 4)  # (3, 4)


@pytest.mark.parametrize("seed", range(5))
def test_pick_pairs_matches_advanced_indexing(seed):
    g = torch.Generator().manual_seed(seed)
    X = torch.randn(5, 7, generator=g)
    shapes = [((4,), (4,)), ((3, 1), (2,)), ((1,), (6,)), ((2, 3), (2, 3)), ((), (3,))]
    for rows_shape, cols_shape in shapes:
        rows = torch.randint(0, 5, rows_shape, generator=g)
        cols = torch.randint(-7, 7, cols_shape, generator=g)  # negative indices count from the end
        assert torch.equal(indexing.pick_pairs(X, rows, cols), X[rows, cols])


def test_two_index_lists_pair_up_instead_of_making_a_block(X):
    assert X[[0, 2], [1, 3]].tolist() == [1, 11]
    block = X[torch.tensor([[0], [2]]), torch.tensor([1, 3])]
    assert block.tolist() == [[1, 3], [9, 11]]
    assert torch.equal(block, X[[0, 2]][:, [1, 3]])


@pytest.mark.parametrize("seed", range(5))
def test_select_by_mask_matches_boolean_indexing(seed):
    g = torch.Generator().manual_seed(seed)
    X = torch.randn(3, 4, 2, generator=g)
    mask = torch.rand(3, 4, 2, generator=g) > 0.5
    assert torch.equal(indexing.select_by_mask(X, mask), X[mask])
    assert indexing.select_by_mask(X, torch.zeros_like(mask)).shape == (0,)


def test_mask_picks_in_row_major_order_and_assignment_writes_through(X):
    assert X[X % 3 == 0].tolist() == [0, 3, 6, 9]
    Y = X.clone()
    Y[Y > 8] = 0
    assert Y.tolist() == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 0, 0, 0]]


def test_basic_indexing_gives_views_advanced_indexing_gives_copies(X):
    for view in (X[1], X[:, 1], X[::2, 1::2], X[..., -1], X[None]):
        assert shares_storage(view, X)
    for copy in (X[X > 3], X[[0, 2]], X[torch.tensor([0, 1]), torch.tensor([1, 2])], X.flip(1)):
        assert not shares_storage(copy, X)
    X[X > 100][0:0] = 1  # writing into a copy leaves X alone
    Y = torch.zeros(3)
    Y[Y == 0][0] = 5
    assert Y.tolist() == [0.0, 0.0, 0.0]
    Y[Y == 0] = 5
    assert Y.tolist() == [5.0, 5.0, 5.0]


def test_an_integer_drops_a_dim_and_a_slice_keeps_it(X):
    assert X[:, 1].shape == (3,)
    assert X[:, 1:2].shape == (3, 1)
    assert X[None].shape == (1, 3, 4) and X[:, None].shape == (3, 1, 4)


def test_negative_slice_steps_are_refused(X):
    with pytest.raises(ValueError, match="step must be greater than zero"):
        X[:, ::-1]


def test_bad_input(X):
    with pytest.raises(ValueError, match="2-D"):
        indexing.pick_pairs(X[0], torch.tensor([0]), torch.tensor([0]))
    with pytest.raises(TypeError, match="integer"):
        indexing.pick_pairs(X, torch.tensor([0.0]), torch.tensor([0]))
    with pytest.raises(TypeError, match="bool"):
        indexing.select_by_mask(X, torch.ones(3, 4))
    with pytest.raises(ValueError, match="shape"):
        indexing.select_by_mask(X, torch.ones(4, 3, dtype=torch.bool))

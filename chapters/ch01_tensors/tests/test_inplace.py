"""In-place operations: same object, same memory, same dtype, and what refuses them."""

import pytest
import torch


def test_underscore_methods_return_the_same_tensor_and_memory():
    x = torch.zeros(3)
    ptr = x.data_ptr()
    y = x.add_(1)
    assert y is x and x.data_ptr() == ptr
    assert x.tolist() == [1.0, 1.0, 1.0]
    assert x.clamp_(max=0.5) is x and x.tolist() == [0.5, 0.5, 0.5]


def test_augmented_assignment_is_in_place_but_plain_assignment_is_not():
    x = torch.zeros(3)
    alias = x
    x += 1
    assert x is alias
    x = x + 1
    assert x is not alias
    assert alias.tolist() == [1.0, 1.0, 1.0] and x.tolist() == [2.0, 2.0, 2.0]


def test_in_place_through_a_view_changes_the_base():
    X = torch.zeros(2, 3)
    X[1].fill_(7)
    X[:, 0].mul_(0).add_(-1)
    assert X.tolist() == [[-1.0, 0.0, 0.0], [-1.0, 7.0, 7.0]]


def test_in_place_cannot_change_the_dtype():
    n = torch.tensor([1, 2])
    with pytest.raises(RuntimeError, match="can't be cast"):
        n.add_(0.5)
    assert n.tolist() == [1, 2]
    assert (n + 0.5).dtype == torch.float32  # the out-of-place version promotes


def test_autograd_refuses_in_place_on_a_leaf_that_requires_grad():
    w = torch.ones(2, requires_grad=True)
    with pytest.raises(RuntimeError, match="leaf Variable that requires grad"):
        w.mul_(2)
    with torch.no_grad():  # the usual way to update weights by hand
        w.mul_(2)
    assert w.tolist() == [2.0, 2.0]

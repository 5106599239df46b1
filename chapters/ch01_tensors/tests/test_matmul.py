"""matmul's shape rule and einsum, each against PyTorch."""

import pytest
import torch

from chapters.ch01_tensors import matmul

SHAPE_PAIRS = [
    ((3,), (3,)),
    ((2, 3), (3,)),
    ((3,), (3, 4)),
    ((2, 3), (3, 4)),
    ((5, 2, 3), (3, 4)),
    ((2, 3), (5, 3, 4)),
    ((10, 1, 3, 4), (5, 4, 2)),
    ((3,), (7, 3, 2)),
    ((7, 2, 3), (3,)),
    ((1, 2, 3), (6, 3, 1)),
    ((2, 0, 3), (3, 4)),
]


@pytest.mark.parametrize(("a", "b"), SHAPE_PAIRS)
def test_matmul_shape_matches_torch(a, b):
    assert matmul.matmul_shape(a, b) == tuple((torch.ones(a) @ torch.ones(b)).shape)


@pytest.mark.parametrize(("a", "b"), [((3, 4), (3, 4)), ((3,), (4,)), ((2, 2, 3), (3, 3, 1))])
def test_matmul_shape_errors_like_torch(a, b):
    with pytest.raises(ValueError):
        matmul.matmul_shape(a, b)
    with pytest.raises(RuntimeError):
        torch.ones(a) @ torch.ones(b)


def test_matmul_shape_rejects_zero_dim():
    with pytest.raises(ValueError, match="at least one dim"):
        matmul.matmul_shape((), (3,))


def test_matmul_loops_match_the_operator():
    g = torch.Generator().manual_seed(0)
    A, B = torch.randn(4, 3, generator=g), torch.randn(3, 5, generator=g)
    assert torch.allclose(matmul.matmul_loops(A, B), A @ B, atol=1e-6)
    ints = torch.tensor([[1, 2], [3, 4]])
    assert torch.equal(matmul.matmul_loops(ints, ints), ints @ ints)
    with pytest.raises(ValueError, match="inner sizes"):
        matmul.matmul_loops(A, A)
    with pytest.raises(ValueError, match="two matrices"):
        matmul.matmul_loops(A[0], B)


def test_star_is_elementwise_and_at_is_the_matrix_product():
    A = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    B = torch.tensor([[0.0, 1.0], [1.0, 0.0]])
    assert (A * B).tolist() == [[0.0, 2.0], [3.0, 0.0]]
    assert (A @ B).tolist() == [[2.0, 1.0], [4.0, 3.0]]
    assert torch.equal(A @ B, torch.matmul(A, B))


EQUATIONS = [
    ("ij,jk->ik", [(3, 4), (4, 5)]),
    ("ij,jk", [(3, 4), (4, 5)]),  # implicit output: i and k, alphabetical
    ("ij->ji", [(3, 4)]),
    ("ji", [(3, 4)]),  # implicit output "ij": a transpose
    ("ii->", [(4, 4)]),
    ("ii->i", [(4, 4)]),
    ("ij->", [(3, 4)]),
    ("ij->j", [(3, 4)]),
    ("i,j->ij", [(3,), (4,)]),
    ("i,i->", [(5,), (5,)]),
    ("bij,bjk->bik", [(2, 3, 4), (2, 4, 2)]),
    ("bqd,bkd->bqk", [(2, 3, 4), (2, 5, 4)]),
    ("bii->b", [(3, 2, 2)]),
    ("ij,ij->i", [(3, 4), (3, 4)]),
    ("i,ij,j->", [(3,), (3, 4), (4,)]),
]


@pytest.mark.parametrize(("equation", "shapes"), EQUATIONS, ids=[e for e, _ in EQUATIONS])
def test_einsum_equals_explicit_loops(equation, shapes):
    g = torch.Generator().manual_seed(len(equation))
    operands = [torch.randn(s, generator=g, dtype=torch.float64) for s in shapes]
    expected = torch.einsum(equation, *operands)
    got = matmul.einsum_loops(equation, *operands)
    assert got.shape == expected.shape
    assert torch.allclose(got, expected)


def test_einsum_known_values():
    A = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    assert matmul.einsum_loops("ii->", A).item() == 5.0
    assert matmul.einsum_loops("ii->i", A).tolist() == [1.0, 4.0]
    assert torch.einsum("ij,jk->ik", A, A).tolist() == (A @ A).tolist()


@pytest.mark.parametrize(
    ("equation", "shapes", "match"),
    [
        ("ij,jk->ik", [(3, 4), (5, 2)], "sizes 4 and 5"),
        ("ij->ik", [(3, 4)], "appear in the inputs"),
        ("ij->ii", [(3, 3)], "distinct"),
        ("ij,jk->ik", [(3, 4)], "names 2 operands"),
        ("ijk->i", [(3, 4)], "3 letters for a 2-D"),
        ("...ij->ij", [(3, 4)], r"'\.\.\.'"),
        ("i1->i", [(3, 4)], "letters"),
    ],
)
def test_einsum_loops_reject_bad_equations(equation, shapes, match):
    operands = [torch.ones(s) for s in shapes]
    with pytest.raises(ValueError, match=match):
        matmul.einsum_loops(equation, *operands)

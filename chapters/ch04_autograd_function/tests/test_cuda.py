"""The same ops on a GPU, when one is visible (skipped otherwise): values and grads equal the CPU's."""

import pytest
import torch

from chapters.ch04_autograd_function.custom_op import linear_op
from chapters.ch04_autograd_function.function import linear_fn
from chapters.ch04_autograd_function.module import Linear

pytestmark = pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA GPU visible")


@pytest.mark.parametrize("op", [linear_fn, linear_op], ids=["Function", "custom_op"])
@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_cuda_matches_cpu(op, dtype):
    g = torch.Generator().manual_seed(0)
    cpu = [torch.randn(*s, generator=g, dtype=dtype) for s in ((2, 5, 8), (8, 3), (3,))]
    gpu = [t.cuda().requires_grad_() for t in cpu]
    cpu = [t.requires_grad_() for t in cpu]
    Y_cpu, Y_gpu = op(*cpu), op(*gpu)
    assert Y_gpu.device.type == "cuda"
    Y_cpu.square().sum().backward()
    Y_gpu.square().sum().backward()
    tol = {"atol": 1e-4, "rtol": 1e-4} if dtype == torch.float32 else {}
    torch.testing.assert_close(Y_gpu.cpu(), Y_cpu, **tol)
    for a, c in zip(gpu, cpu, strict=True):
        torch.testing.assert_close(a.grad.cpu(), c.grad, **tol)


def test_cuda_gradcheck_and_module():
    X = torch.randn(3, 4, dtype=torch.float64, device="cuda", requires_grad=True)
    W = torch.randn(4, 2, dtype=torch.float64, device="cuda", requires_grad=True)
    assert torch.autograd.gradcheck(linear_fn, (X, W))
    layer = Linear(4, 2, device="cuda")
    assert layer.weight.is_cuda and layer(X.float()).is_cuda


def test_mixed_devices_raise():
    with pytest.raises(ValueError, match="W is on cpu but X is on cuda"):
        linear_fn(torch.randn(2, 3, device="cuda"), torch.randn(3, 4))

"""The worked example and the benchmark helpers: same numbers as nn.Linear, and it learns."""

import mylinearops
import torch

from chapters.ch05_cuda_extension.data import load_digits_tensors
from chapters.ch05_cuda_extension.mlp import (
    MLPConfig,
    make_mlp,
    train_side_by_side,
    twin_mlps,
)


def test_mlp_sizes_and_layer_types():
    net = make_mlp(784, 10, 256, custom=True)
    layers = [m for m in net if isinstance(m, mylinearops.LinearLayer)]
    assert [tuple(m.weight.shape) for m in layers] == [(784, 256), (256, 256), (256, 10)]
    assert sum(p.numel() for p in net.parameters()) == 784 * 256 + 256 + 256 * 256 + 256 + 2570


def test_twins_agree_forward_and_backward():
    reference, custom = twin_mlps(64, 10, 32, seed=0)
    X = torch.randn(16, 64)
    y = torch.arange(16) % 10
    torch.testing.assert_close(custom(X), reference(X), rtol=1e-5, atol=1e-5)
    loss = torch.nn.functional.cross_entropy
    loss(custom(X), y).backward()
    loss(reference(X), y).backward()
    torch.testing.assert_close(custom[0].weight.grad, reference[0].weight.grad.t(), rtol=1e-5, atol=1e-6)


def test_training_on_digits_learns_and_matches():
    data = load_digits_tensors()
    assert data[0].shape == (1437, 64) and data[2].shape == (360, 64)
    rows = train_side_by_side(data, MLPConfig(hidden=64, num_epochs=4, batch_size=32))
    last = rows[-1]
    assert last["LinearLayer acc"] > 0.75  # 10 classes: chance is 0.1
    assert abs(last["LinearLayer acc"] - last["nn.Linear acc"]) <= 0.01  # same numbers, same batches


def test_cpu_benchmark_rows_are_consistent():
    from chapters.ch05_cuda_extension.bench import run

    rows = run(sizes=(64,), repeats=1)
    assert [r["kernel"] for r in rows] == ["torch.matmul", *mylinearops.kernels()["cpu"]]
    assert all(r["gflops"] > 0 and r["pct"] > 0 for r in rows)

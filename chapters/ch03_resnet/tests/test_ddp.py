"""torchrun with 2 CPU processes: ranks stay identical and match one process on the same batches."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from chapters.ch03_resnet.train import TrainConfig, train

ROOT = Path(__file__).resolve().parents[3]
STEPS, BATCH = 3, 32


def _params(state: dict[str, torch.Tensor], net: torch.nn.Module) -> dict[str, torch.Tensor]:
    names = {name for name, _ in net.named_parameters()}
    return {k: v for k, v in state.items() if k in names}


@pytest.mark.slow
def test_two_ranks_match_each_other_and_a_single_process(tmp_path: Path) -> None:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONUNBUFFERED": "1"}
    for key in ("RANK", "WORLD_SIZE", "LOCAL_RANK", "MASTER_ADDR", "MASTER_PORT"):
        env.pop(key, None)
    command = [
        sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node=2",
        "-m", "chapters.ch03_resnet.train",
        "--max-steps", str(STEPS), "--batch-size", str(BATCH), "--num-threads", "1",
        "--device", "cpu", "--no-progress", "--save-all-ranks", "--out-dir", str(tmp_path / "ddp"),
    ]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "2 process(es) on cpu" in done.stdout

    rank0 = torch.load(tmp_path / "ddp" / "params_rank0.pt", weights_only=True)
    rank1 = torch.load(tmp_path / "ddp" / "params_rank1.pt", weights_only=True)

    # The reference: one process, the same global batch cut into the same two micro-batches
    # (BatchNorm then sees the same 16 samples each rank saw), gradients summed.
    common = dict(max_steps=STEPS, batch_size=BATCH, num_threads=1, device="cpu", progress=False)
    net, history = train(TrainConfig(grad_accum=2, out_dir=str(tmp_path / "one"), **common))
    single = net.state_dict()
    p0, p1, ps = _params(rank0, net), _params(rank1, net), _params(single, net)
    assert len(p0) == len(list(net.parameters()))

    # After all-reduced gradients and the same optimiser steps, the ranks agree bit for bit.
    for name in p0:
        assert torch.equal(p0[name], p1[name]), name
    # ...and agree with the single process up to float32 summation order.
    worst = max((p0[k] - ps[k]).abs().max().item() for k in p0)
    assert worst < 1e-5, worst

    # The comparison can fail: the untrained weights, and the same batch in one piece
    # (BatchNorm statistics over 32 samples instead of 2 x 16), are both measurably different.
    from chapters.ch03_resnet import resnet18
    from common.seed import seed_everything

    seed_everything(0)
    init = _params(resnet18(num_classes=10, in_channels=1).state_dict(), net)
    moved = max((p0[k] - init[k]).abs().max().item() for k in p0)
    assert moved > 100 * worst and moved > 1e-3
    whole, _ = train(TrainConfig(grad_accum=1, out_dir=str(tmp_path / "whole"), **common))
    pw = _params(whole.state_dict(), net)
    apart = max((pw[k] - ps[k]).abs().max().item() for k in p0)
    assert apart > 100 * max(worst, 1e-8), (apart, worst)

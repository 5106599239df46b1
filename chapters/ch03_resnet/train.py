"""Train a ResNet on digits: one process, or several under torchrun with DistributedDataParallel.

    python -m chapters.ch03_resnet.train                       # one process (see MEASURED)
    torchrun --standalone --nproc_per_node=2 -m chapters.ch03_resnet.train   # two processes
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import json
import math
import os
import sys
import time
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader, DistributedSampler, TensorDataset
from tqdm import tqdm

from chapters.ch03_resnet.data import digits_split
from chapters.ch03_resnet.distributed import (
    DistInfo,
    cleanup_distributed,
    init_distributed,
    mean_over_ranks,
)
from chapters.ch03_resnet.resnet import CONSTRUCTORS
from common.seed import seed_everything

# The default run, timed (`time .venv/bin/python -m chapters.ch03_resnet.train --no-progress`);
# printed before a run starts, next to this machine's own estimate.
MEASURED = (
    "measured: 21 s of training on 2 threads pinned to 2 cores of an otherwise idle 16-core "
    "Xeon; 185 to 325 s, and 244 s, on two 2-core machines shared with other busy jobs"
)
ESTIMATE_STEPS = 4  # a warm-up step, then three timed ones
BAR_FORMAT = "{desc}{percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} steps [{elapsed}, ETA {remaining}]{postfix}"


@dataclass
class TrainConfig:
    """Everything a run depends on; the defaults train resnet18 on digits (times: MEASURED)."""

    model: str = "resnet18"
    image_size: int = 32
    num_epochs: int = 6
    batch_size: int = 64  # the global batch: split over ranks and accumulation shards
    lr: float = 0.05  # peak of the one-cycle schedule
    momentum: float = 0.9
    weight_decay: float = 5e-4
    grad_accum: int = 1  # micro-batches per step in each process (gradients are summed)
    test_fraction: float = 0.2
    seed: int = 0
    num_threads: int = 0  # 0: the machine's cores divided among the local processes
    max_steps: int = 0  # 0: no limit; else stop after this many optimiser steps (tests)
    device: str = "auto"
    out_dir: str = "runs/ch03_resnet"
    progress: bool = True
    save_all_ranks: bool = False  # every rank saves its parameters (the DDP test compares them)

    def check(self) -> None:
        """Raise ValueError naming the first bad field."""
        if self.model not in CONSTRUCTORS:
            raise ValueError(f"model must be one of {sorted(CONSTRUCTORS)}, got {self.model!r}")
        for name in ("image_size", "num_epochs", "batch_size", "grad_accum"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be >= 1, got {getattr(self, name)!r}")
        for name in ("num_threads", "max_steps"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be >= 0, got {getattr(self, name)!r}")
        if not self.lr > 0:
            raise ValueError(f"lr must be > 0, got {self.lr!r}")


@dataclass
class History:
    """Per-epoch curves, as the plot and history.json show them."""

    epoch: list[int] = field(default_factory=list)
    train_loss: list[float] = field(default_factory=list)
    train_acc: list[float] = field(default_factory=list)
    test_loss: list[float] = field(default_factory=list)
    test_acc: list[float] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)


def shard_loaders(dataset: TensorDataset, cfg: TrainConfig, info: DistInfo) -> list[DataLoader]:
    """This process's data: one loader per shard it owns.

    The global batch is cut into world_size * grad_accum shards. Shard v gets every
    (world_size * grad_accum)-th sample of a seeded permutation (DistributedSampler), and
    process `rank` owns shards rank, rank + world_size, ... So 2 processes x 1 shard and
    1 process x 2 shards see exactly the same micro-batches: that is what the DDP test checks.
    """
    shards = info.world_size * cfg.grad_accum
    if cfg.batch_size % shards:
        raise ValueError(
            f"batch_size {cfg.batch_size} must divide evenly into {shards} shards "
            f"({info.world_size} processes x grad_accum {cfg.grad_accum})"
        )
    loaders = []
    for j in range(cfg.grad_accum):
        sampler = DistributedSampler(
            dataset, num_replicas=shards, rank=info.rank + info.world_size * j,
            shuffle=True, seed=cfg.seed,
        )
        loaders.append(DataLoader(dataset, batch_size=cfg.batch_size // shards, sampler=sampler))
    return loaders


@torch.no_grad()
def evaluate(net: nn.Module, dataset: TensorDataset, device: torch.device) -> tuple[float, float]:
    """Mean cross-entropy and accuracy of `net` (in eval mode) on `dataset`."""
    net.eval()
    X, y = dataset.tensors
    total_loss, correct = 0.0, 0
    for start in range(0, len(y), 256):
        xb, yb = X[start : start + 256].to(device), y[start : start + 256].to(device)
        logits = net(xb)  # (B, num_classes)
        total_loss += F.cross_entropy(logits, yb, reduction="sum").item()
        correct += (logits.argmax(1) == yb).sum().item()
    return total_loss / len(y), correct / len(y)


def plot_history(history: History, path: Path) -> Path:
    """Loss and accuracy per epoch, train and test, side by side; saved as a PNG."""
    from common.plotting import integer_ticks, plt, save_figure

    fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(10, 4))
    ax_loss.plot(history.epoch, history.train_loss, "o-", label="train")
    ax_loss.plot(history.epoch, history.test_loss, "o-", label="test")
    ax_loss.set(xlabel="epoch", ylabel="cross-entropy", title="loss", yscale="log")
    ax_acc.plot(history.epoch, history.train_acc, "o-", label="train")
    ax_acc.plot(history.epoch, history.test_acc, "o-", label="test")
    ax_acc.set(xlabel="epoch", ylabel="accuracy", title="accuracy")
    for ax in (ax_loss, ax_acc):
        integer_ticks(ax)  # whole epochs, no "1.5"
        ax.grid(alpha=0.3)
        ax.legend()
    return save_figure(fig, path)


def seconds_per_step(net: nn.Module, loaders: list[DataLoader], cfg: TrainConfig, device) -> float:
    """The median time of three optimiser steps (after a warm-up one) on a copy of `net`, now.

    The copy has its own optimiser and the loaders are not advanced, so the real run is the same
    as without this estimate (the samplers draw from their own seeded generators).
    """
    probe = copy.deepcopy(net).train()
    opt = torch.optim.SGD(probe.parameters(), lr=cfg.lr, momentum=cfg.momentum)
    times = []
    for _, micro_batches in zip(range(ESTIMATE_STEPS), zip(*loaders, strict=True), strict=False):
        start = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        for xb, yb in micro_batches:
            F.cross_entropy(probe(xb.to(device)), yb.to(device)).backward()
        opt.step()
        times.append(time.perf_counter() - start)
    return sorted(times[1:])[len(times[1:]) // 2]


def expected_seconds(cfg: TrainConfig) -> tuple[float, int]:
    """(seconds, steps) a one-process run of `cfg` should take on this machine now, from two
    timed steps; it trains nothing (the walk-through shows it before pointing at the run)."""
    cfg.check()
    threads = torch.get_num_threads()
    torch.set_num_threads(cfg.num_threads or (os.cpu_count() or 1))
    try:
        split = digits_split(cfg.image_size, cfg.test_fraction, cfg.seed)
        net = CONSTRUCTORS[cfg.model](num_classes=10, in_channels=1)
        loaders = shard_loaders(split.train, cfg, DistInfo(0, 1, 0, torch.device("cpu")))
        steps = cfg.num_epochs * len(loaders[0])
        if cfg.max_steps:
            steps = min(steps, cfg.max_steps)
        return seconds_per_step(net, loaders, cfg, torch.device("cpu")) * steps, steps
    finally:
        torch.set_num_threads(threads)


def train(cfg: TrainConfig) -> tuple[nn.Module, History]:
    """Train as `cfg` says; under torchrun every process calls this. Returns (net, history)."""
    cfg.check()
    threads = torch.get_num_threads()
    info = init_distributed(cfg.device)
    try:
        return _train(cfg, info)
    finally:
        cleanup_distributed()
        torch.set_num_threads(threads)  # leave the caller (a notebook, pytest) as it was


def _train(cfg: TrainConfig, info: DistInfo) -> tuple[nn.Module, History]:
    local = int(os.environ.get("LOCAL_WORLD_SIZE", info.world_size))
    torch.set_num_threads(cfg.num_threads or max(1, (os.cpu_count() or 1) // local))
    seed_everything(cfg.seed)  # same seed on every rank: same initial weights
    split = digits_split(cfg.image_size, cfg.test_fraction, cfg.seed)
    net = CONSTRUCTORS[cfg.model](num_classes=10, in_channels=1).to(info.device)
    model: nn.Module = net
    if info.distributed:
        # DDP broadcasts rank 0's weights now, then averages gradients during backward().
        model = DDP(net, device_ids=[info.local_rank] if info.device.type == "cuda" else None)
    loaders = shard_loaders(split.train, cfg, info)
    steps_per_epoch = len(loaders[0])
    total_steps = cfg.num_epochs * steps_per_epoch
    if cfg.max_steps:
        total_steps = min(total_steps, cfg.max_steps)
    num_epochs = math.ceil(total_steps / steps_per_epoch)
    opt = torch.optim.SGD(
        net.parameters(), lr=cfg.lr, momentum=cfg.momentum, weight_decay=cfg.weight_decay
    )
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=cfg.lr, total_steps=total_steps)
    history, step = History(), 0
    out_dir = Path(cfg.out_dir)
    if info.is_main:
        print(
            f"{cfg.model} on digits {cfg.image_size}x{cfg.image_size}: {len(split.train)} train / "
            f"{len(split.test)} test images, {info.world_size} process(es) on {info.device}, "
            f"{torch.get_num_threads()} thread(s) each, global batch {cfg.batch_size}",
            flush=True,
        )
    if info.is_main and cfg.progress and not info.distributed and steps_per_epoch >= ESTIMATE_STEPS:
        per_step = seconds_per_step(net, loaders, cfg, info.device)
        print(
            f"expected: about {per_step * total_steps:.0f} s for {total_steps} steps "
            f"({per_step:.2f} s a step, timed just now; {MEASURED})",
            flush=True,
        )
    bar = tqdm(
        total=total_steps, desc="training", bar_format=BAR_FORMAT, leave=False,
        disable=not (cfg.progress and info.is_main), file=sys.stderr,
    )
    for epoch in range(1, num_epochs + 1):
        start = time.perf_counter()
        for loader in loaders:
            loader.sampler.set_epoch(epoch)  # a new permutation each epoch, the same on all ranks
        model.train()
        seen, loss_sum, correct = 0, 0.0, 0
        bar.set_description(f"epoch {epoch}/{num_epochs}")
        for micro_batches in zip(*loaders, strict=True):
            if step == total_steps:
                break
            opt.zero_grad(set_to_none=True)
            for j, (xb, yb) in enumerate(micro_batches):
                xb, yb = xb.to(info.device), yb.to(info.device)
                # Only the last micro-batch's backward triggers DDP's gradient all-reduce.
                last = j == len(micro_batches) - 1
                sync = contextlib.nullcontext() if last or not info.distributed else model.no_sync()
                with sync:
                    logits = model(xb)  # (b, 10)
                    loss = F.cross_entropy(logits, yb)
                    (loss / cfg.grad_accum).backward()
                seen += len(yb)
                loss_sum += loss.item() * len(yb)
                correct += (logits.argmax(1) == yb).sum().item()
            opt.step()
            sched.step()
            step += 1
            bar.update()
            bar.set_postfix(loss=f"{loss.item():.3f}", lr=f"{sched.get_last_lr()[0]:.3f}")
        train_loss = mean_over_ranks(loss_sum / seen, info)
        train_acc = mean_over_ranks(correct / seen, info)
        if info.is_main:
            test_loss, test_acc = evaluate(net, split.test, info.device)
            seconds = time.perf_counter() - start
            for key, value in zip(
                ("epoch", "train_loss", "train_acc", "test_loss", "test_acc", "seconds"),
                (epoch, train_loss, train_acc, test_loss, test_acc, seconds),
                strict=True,
            ):
                getattr(history, key).append(value)
            bar.write(
                f"epoch {epoch}/{num_epochs}  train loss {train_loss:.4f} acc {train_acc:.4f}  "
                f"test loss {test_loss:.4f} acc {test_acc:.4f}  ({seconds:.1f} s)",
                file=sys.stdout,
            )
            sys.stdout.flush()
    bar.close()
    if cfg.save_all_ranks:
        out_dir.mkdir(parents=True, exist_ok=True)
        torch.save(net.state_dict(), out_dir / f"params_rank{info.rank}.pt")
    if info.is_main:
        out_dir.mkdir(parents=True, exist_ok=True)
        torch.save(net.state_dict(), out_dir / "model.pt")
        (out_dir / "history.json").write_text(
            json.dumps({"config": asdict(cfg), "history": asdict(history)}, indent=1)
        )
        plot = plot_history(history, out_dir / "curves.png")
        print(f"saved {out_dir / 'model.pt'}, {out_dir / 'history.json'} and {plot}", flush=True)
    return net, history


def parse_args(argv: list[str] | None = None) -> TrainConfig:
    """A command-line flag for every TrainConfig field: --num-epochs 3, --no-progress ..."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    defaults = TrainConfig()
    for f in fields(TrainConfig):
        flag = "--" + f.name.replace("_", "-")
        value = getattr(defaults, f.name)
        if isinstance(value, bool):
            parser.add_argument(flag, action=argparse.BooleanOptionalAction, default=value)
        else:
            parser.add_argument(flag, type=type(value), default=value, help=f"default {value}")
    return TrainConfig(**vars(parser.parse_args(argv)))


def main(argv: list[str] | None = None) -> int:
    _, history = train(parse_args(argv))
    if history.test_acc:
        total = sum(history.seconds)
        print(f"final test accuracy {history.test_acc[-1]:.4f} after {total:.1f} s of training")
    return 0


if __name__ == "__main__":
    sys.exit(main())

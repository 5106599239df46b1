"""The worked example: an MLP (inputs-256-256-classes) from LinearLayer next to the same from nn.Linear."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

import torch
from torch import nn


@dataclass
class MLPConfig:
    """Sizes and training knobs; the defaults train on the CPU in seconds."""

    hidden: int = 256
    num_epochs: int = 4
    lr: float = 0.1
    batch_size: int = 32
    seed: int = 0


def make_mlp(in_features: int, num_classes: int, hidden: int, custom: bool) -> nn.Sequential:
    """in -> hidden -> hidden -> classes with ReLUs, from LinearLayer (custom) or nn.Linear."""
    if custom:
        from mylinearops import LinearLayer as Layer
    else:
        Layer = nn.Linear
    return nn.Sequential(
        Layer(in_features, hidden), nn.ReLU(),
        Layer(hidden, hidden), nn.ReLU(),
        Layer(hidden, num_classes),
    )


def twin_mlps(in_features: int, num_classes: int, hidden: int, seed: int = 0):
    """An nn.Linear MLP and a LinearLayer MLP holding exactly the same numbers."""
    from mylinearops import LinearLayer

    torch.manual_seed(seed)
    reference = make_mlp(in_features, num_classes, hidden, custom=False)
    custom = nn.Sequential(
        *[LinearLayer.from_linear(m) if isinstance(m, nn.Linear) else nn.ReLU() for m in reference]
    )
    return reference, custom


def accuracy(net: nn.Module, X: torch.Tensor, y: torch.Tensor) -> float:
    """Fraction of rows of X whose arg-max logit is the label."""
    with torch.no_grad():
        return (net(X).argmax(dim=1) == y).float().mean().item()


def train_epoch(net, X, y, lr, batch_size, generator, progress=None) -> float:
    """One epoch of plain SGD on shuffled mini-batches; returns the seconds it took."""
    loss_fn = nn.CrossEntropyLoss()
    opt = torch.optim.SGD(net.parameters(), lr=lr)
    order = torch.randperm(len(X), generator=generator).to(X.device)
    sync = torch.cuda.synchronize if X.is_cuda else (lambda: None)
    sync()
    start = time.perf_counter()
    for i in range(0, len(X), batch_size):
        idx = order[i : i + batch_size]
        loss = loss_fn(net(X[idx]), y[idx])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if progress is not None:
            progress.update(1)
    sync()
    return time.perf_counter() - start


def train_side_by_side(data, config: MLPConfig, device="cpu", show_progress=False) -> list[dict]:
    """Train both MLPs from the same start on the same batches; one row of results per epoch."""
    X_train, y_train, X_test, y_test = (t.to(device) for t in data)
    num_classes = int(y_train.max()) + 1
    reference, custom = twin_mlps(X_train.shape[1], num_classes, config.hidden, config.seed)
    nets = {"nn.Linear": reference.to(device), "LinearLayer": custom.to(device)}
    gens = {name: torch.Generator().manual_seed(config.seed) for name in nets}
    tqdm = None
    if show_progress:
        try:
            from tqdm.auto import tqdm
        except ImportError:  # the GPU machine may not have tqdm
            tqdm = None
    rows = []
    steps = (len(X_train) + config.batch_size - 1) // config.batch_size
    for epoch in range(1, config.num_epochs + 1):
        row = {"epoch": epoch}
        for name, net in nets.items():
            bar = tqdm(total=steps, desc=f"{name} epoch {epoch}", leave=False) if tqdm else None
            seconds = train_epoch(
                net, X_train, y_train, config.lr, config.batch_size, gens[name], bar
            )
            if bar is not None:
                bar.close()
            row[f"{name} s"] = seconds
            row[f"{name} acc"] = accuracy(net, X_test, y_test)
        rows.append(row)
    return rows


def median_epoch_seconds(rows: list[dict], skip: int = 1) -> dict[str, float]:
    """Median seconds per epoch of each MLP in `rows` (train_side_by_side's), after `skip` epochs.

    The first epoch pays for warm-up (thread pools, allocations, first calls), so it is skipped.
    """
    kept = rows[skip:]
    if not kept:
        raise ValueError(f"no epochs left after skipping {skip} of {len(rows)}")
    return {name: statistics.median(r[f"{name} s"] for r in kept) for name in ("nn.Linear", "LinearLayer")}


def plot_rows(rows: list[dict], title: str, path):
    """Accuracy and seconds per epoch of both MLPs, side by side, saved as a PNG."""
    from common.plotting import integer_ticks, plt, save_figure

    fig, (ax_acc, ax_time) = plt.subplots(1, 2, figsize=(9, 3.5))
    epochs = [r["epoch"] for r in rows]
    # The two accuracy curves are often identical: LinearLayer is drawn dashed with hollow
    # markers on top, so that nn.Linear stays visible under it.
    styles = {"nn.Linear": dict(marker="o"), "LinearLayer": dict(marker="o", ls="--", mfc="none")}
    for name, style in styles.items():
        ax_acc.plot(epochs, [r[f"{name} acc"] for r in rows], label=name, **style)
        ax_time.plot(epochs, [r[f"{name} s"] for r in rows], label=name, **style)
    ax_acc.set(xlabel="epoch", ylabel="test accuracy", title=title)
    ax_time.set(xlabel="epoch", ylabel="seconds per epoch", title="time per epoch")
    for ax in (ax_acc, ax_time):
        integer_ticks(ax)
        ax.legend()
    fig.tight_layout()  # the time panel's y label clear of the accuracy panel
    return save_figure(fig, path)

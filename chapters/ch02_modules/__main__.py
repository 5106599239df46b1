"""Walk-through: `python -m chapters.ch02_modules` prints each example's code and real result."""

from __future__ import annotations

import copy
import inspect
import pickle
import shutil
import tempfile
import textwrap
from pathlib import Path

import torch
from rich.console import Console
from rich.panel import Panel
from rich.syntax import Syntax
from rich.table import Table
from torch import nn

from chapters.ch02_modules import registration as r
from chapters.ch02_modules.buffers import Standardize, buffer_report
from chapters.ch02_modules.checkpoint import load_weights, save_weights
from chapters.ch02_modules.containers import (
    TiedEmbedding,
    make_mlp,
    module_table,
    parameter_table,
)
from chapters.ch02_modules.conversion import dtypes_and_devices, move
from chapters.ch02_modules.copying import clones, shares_parameters
from chapters.ch02_modules.hooks import output_shapes, record_calls
from chapters.ch02_modules.initialise import constant_init, init_weights, visit_order
from chapters.ch02_modules.modes import modes
from chapters.ch02_modules.structure import ForgotSuperInit, NetConfig, TinyNet


def structure():
    """1. A module: super().__init__() first, submodules as attributes, forward."""
    torch.manual_seed(0)
    net = TinyNet(NetConfig(in_features=4, hidden=8, out_features=3))
    X = torch.randn(2, 4)
    try:
        ForgotSuperInit()
    except AttributeError as error:
        forgot = f"AttributeError: {error}"
    return {
        "children": [name for name, _ in net.named_children()],
        "net(X).shape": tuple(net(X).shape),
        "ForgotSuperInit()": forgot,
    }


def hooks():
    """1b. Hooks run on net(X) and are skipped by net.forward(X)."""
    torch.manual_seed(0)
    net, X, log = TinyNet(), torch.randn(2, 4), []
    handles = record_calls(net, log)
    net(X)
    via_call = list(log)
    log.clear()
    net.forward(X)
    via_forward = list(log)
    for handle in handles:
        handle.remove()
    return {
        "net(X)": via_call,
        "net.forward(X)": via_forward,
        "output_shapes(net, X)": output_shapes(net, X),
    }


def registration():
    """2. What gets registered: wrong versions next to right ones."""
    table = Table("what", "wrong: state_dict keys", "right: state_dict keys", "parameters")
    for column in table.columns:
        column.overflow = "fold"
    for title, wrong, right in r.PAIRS:
        table.add_row(
            title,
            repr(r.state_dict_keys(wrong())),
            repr(r.state_dict_keys(right())),
            f"{r.count_parameters(wrong())} vs {r.count_parameters(right())}",
        )
    return table


def buffers():
    """3. Buffers: persistent (saved) and not (moved only); BatchNorm's running stats."""
    norm = Standardize(3).fit(torch.tensor([[1.0, 10.0, 0.0], [3.0, 30.0, 0.0]]))
    bn = nn.BatchNorm1d(4)
    return buffer_report(norm) | {
        "norm.mean": norm.mean,
        "BatchNorm1d parameters": [name for name, _ in bn.named_parameters()],
        "BatchNorm1d buffers": [name for name, _ in bn.named_buffers()],
    }


def checkpoints():
    """4. state_dict save/load with weights_only=True; strict=True vs strict=False."""
    torch.manual_seed(0)
    tmp = Path(tempfile.mkdtemp())
    a, b = TinyNet().eval(), TinyNet().eval()
    path = save_weights(a, tmp / "tiny.pt")
    loaded = load_weights(b, path)

    class Wider(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc1 = nn.Linear(4, 8)
            self.extra = nn.Linear(8, 8)

    try:
        load_weights(Wider(), path)
    except RuntimeError as error:
        strict_true = str(error)
    relaxed = load_weights(Wider(), path, strict=False)
    torch.save(TinyNet(), tmp / "whole.pt")
    try:
        torch.load(tmp / "whole.pt", weights_only=True)
    except pickle.UnpicklingError as error:
        pickled = str(error).splitlines()[0][:60] + " ..."
    shutil.rmtree(tmp)
    X = torch.randn(3, 4)
    return {
        "load into same class": str(loaded),
        "same outputs after load": torch.equal(a(X), b(X)),
        "strict=True raises": strict_true,
        "strict=False missing": relaxed.missing_keys,
        "strict=False unexpected": relaxed.unexpected_keys,
        "pickled module, weights_only": pickled,
    }


def sequential():
    """5. nn.Sequential with names; named_parameters and named_modules; tied weights."""
    mlp = make_mlp([4, 8, 3])
    table = Table("name", "shape", "numel", title="parameter_table(mlp)")
    for name, shape, numel in parameter_table(mlp):
        table.add_row(name, str(shape), str(numel))
    tied = TiedEmbedding(vocab_size=5, dim=3)
    return [
        table,
        {
            "module_table(TinyNet())": module_table(TinyNet()),
            "tied named_parameters": [name for name, _ in tied.named_parameters()],
            "tied state_dict keys": list(tied.state_dict()),
        },
    ]


def apply_init():
    """6. net.apply(fn): children first, root last; torch.nn.init inside fn."""
    torch.manual_seed(0)
    net = TinyNet().apply(init_weights)
    small = make_mlp([2, 3, 1]).apply(constant_init(0.5))
    return {
        "visit order": visit_order(net),
        "fc1.bias after init_weights": net.fc1.bias.detach(),
        "constant_init(0.5) output": small(torch.tensor([[1.0, 2.0]])).detach(),
    }


def train_eval():
    """7. train()/eval(): Dropout and BatchNorm behave differently."""
    torch.manual_seed(0)
    drop = nn.Dropout(p=0.5)
    bn = nn.BatchNorm1d(1)
    batch = torch.tensor([[1.0], [3.0]])
    bn_train = bn(batch).detach().flatten()
    running = (bn.running_mean.clone(), bn.running_var.clone())
    return {
        "modes(TinyNet().eval())": modes(TinyNet().eval()),
        "Dropout train": drop(torch.ones(8)),
        "Dropout eval": drop.eval()(torch.ones(8)),
        "BatchNorm train out": bn_train,
        "running_mean, running_var": running,
        "BatchNorm eval out": bn.eval()(batch).detach().flatten(),
    }


def copying():
    """8. copy.copy shares submodules, copy.deepcopy does not; clones(module, N)."""
    net = TinyNet()
    shallow, deep = copy.copy(net), copy.deepcopy(net)
    blocks = clones(nn.Linear(3, 3), 4)
    return {
        "id(shallow.fc1) == id(net.fc1)": id(shallow.fc1) == id(net.fc1),
        "id(deep.fc1) == id(net.fc1)": id(deep.fc1) == id(net.fc1),
        "shared with shallow": shares_parameters(net, shallow),
        "shared with deep": shares_parameters(net, deep),
        "clones(nn.Linear(3, 3), 4)": f"{type(blocks).__name__} of {len(blocks)}, "
        f"{len(blocks.state_dict())} state_dict keys",
    }


def conversion():
    """9. .to(dtype/device) and .double() convert a whole module in place."""
    net = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))
    weight = net[0].weight
    same = net.double() is net
    norm = Standardize(2)
    norm.plain = torch.zeros(2)
    move(norm, "meta")
    return {
        "net.double() is net": same,
        "same Parameter object": net[0].weight is weight,
        "dtypes": {name: str(dtype) for name, (dtype, _) in dtypes_and_devices(net).items()},
        "after move(norm, 'meta')": {
            "mean": norm.mean.device.type,
            "feature_ids": norm.feature_ids.device.type,
            "plain (unregistered)": norm.plain.device.type,
        },
    }


EXAMPLES = [
    structure, hooks, registration, buffers, checkpoints,
    sequential, apply_init, train_eval, copying, conversion,
]


def body(fn) -> str:
    """The source of `fn` without its def line and docstring."""
    lines = inspect.getsource(fn).splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().endswith('"""')) + 1
    return textwrap.dedent("\n".join(lines[start:]))


def render(console: Console, result) -> None:
    """Print a result: rich objects as they are, dicts as a two-column table."""
    for item in result if isinstance(result, list) else [result]:
        if isinstance(item, dict):
            table = Table("", "result", show_header=False)
            for key, value in item.items():
                table.add_row(str(key), str(value) if isinstance(value, str) else repr(value))
            console.print(table)
        else:
            console.print(item)


def main() -> None:
    console = Console()
    console.print(Panel.fit("Chapter 2: nn.Module from the inside", style="bold"))
    for fn in EXAMPLES:
        console.rule(f"[bold]{fn.__doc__}")
        console.print(Syntax(body(fn), "python", theme="ansi_dark", word_wrap=True))
        render(console, fn())
    console.print("\nDone. The same claims are tested in chapters/ch02_modules/tests/.")


if __name__ == "__main__":
    main()

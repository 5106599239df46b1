"""What the chapter 3 judges compare: a module's parity with torchvision's, as a picklable summary.

A summary is {"params": n, "keys": [(key, shape), ...], "output": tensor or text}: the
parameter count, the state_dict's keys and shapes, and the output after loading torchvision's
weights (BatchNorm statistics randomised, eval mode, float64), or why they do not load.
"""

from __future__ import annotations

import multiprocessing

import torch
from torch import nn

from chapters.practice.tensors import tensor_differences

SHOWN = 6  # keys listed per kind of difference


def fork_safe() -> None:
    """One thread in the judge's forked child: a child forked after its parent ran a
    multi-threaded conv hangs in its first one (OpenMP's thread pool does not survive fork)."""
    if multiprocessing.parent_process() is not None:
        torch.set_num_threads(1)


def randomise_batchnorm(net: nn.Module, gen: torch.Generator) -> None:
    """A fresh BatchNorm in eval mode is the identity; random statistics make each one count."""
    with torch.no_grad():
        for m in net.modules():
            if isinstance(m, nn.BatchNorm2d):
                n = m.num_features
                m.running_mean.copy_(torch.randn(n, generator=gen) * 0.1)
                m.running_var.copy_(torch.rand(n, generator=gen) * 0.5 + 0.75)
                m.weight.copy_(torch.rand(n, generator=gen) * 0.5 + 0.75)
                m.bias.copy_(torch.randn(n, generator=gen) * 0.1)


def theirs_state(theirs: nn.Module, seed: int = 1) -> dict[str, torch.Tensor]:
    """torchvision's state_dict, with every BatchNorm randomised (seeded)."""
    randomise_batchnorm(theirs, torch.Generator().manual_seed(seed))
    return theirs.state_dict()


def keys_and_shapes(state: dict[str, torch.Tensor]) -> list[tuple[str, tuple[int, ...]]]:
    return [(key, tuple(value.shape)) for key, value in state.items()]


def load_problem(mine: list, theirs: list) -> str | None:
    """Why torchvision's state_dict would not load strictly into a module with keys `mine`."""
    want, got = dict(theirs), dict(mine)
    missing = [k for k in want if k not in got]
    unexpected = [k for k in got if k not in want]
    shapes = [f"{k} {got[k]} (torchvision: {want[k]})" for k in want if k in got and got[k] != want[k]]
    parts = [f"{what}: {', '.join(items[:SHOWN])}{' ...' if len(items) > SHOWN else ''}"
             for what, items in (("missing", missing), ("unexpected", unexpected),
                                 ("other shapes", shapes)) if items]
    return "torchvision's state_dict does not load: " + "; ".join(parts) if parts else None


def summary(net: nn.Module, state: dict[str, torch.Tensor], X: torch.Tensor) -> dict:
    """Parameter count, keys, and net(X) in float64 eval mode after loading `state` strictly."""
    keys = keys_and_shapes(net.state_dict())
    params = sum(p.numel() for p in net.parameters())
    problem = load_problem(keys, keys_and_shapes(state))
    if problem is None:
        net.load_state_dict(state, strict=True)
        with torch.no_grad():
            output = net.double().eval()(X.double())
    return {"params": params, "keys": keys, "output": output.detach() if problem is None else problem}


def parity_differences(actual, expected) -> list[str]:
    """Readable lines: first the keys and shapes, then the parameter count, then the output."""
    if not isinstance(actual, dict) or set(actual) != set(expected):
        return [f"expected a summary with keys {sorted(expected)}, got {type(actual).__name__}"]
    lines = []
    problem = load_problem(actual["keys"], expected["keys"])
    if problem is not None:
        lines.append(problem.replace("torchvision's state_dict does not load", "state_dict keys"))
    elif actual["keys"] != expected["keys"]:
        lines.append("state_dict: the same keys and shapes, but not in torchvision's order "
                     "(define the submodules in the order torchvision does)")
    if actual["params"] != expected["params"]:
        lines.append(f"parameters: {actual['params']:,}, torchvision's: {expected['params']:,}")
    if lines:
        return lines
    want, got = expected["output"], actual["output"]
    if isinstance(got, str) or isinstance(want, str):
        return [] if got == want else [f"output: got {got!r}, expected {want!r}"]
    lines = tensor_differences(got, want, rtol=1e-7, atol=1e-9)
    return [f"output (float64, torchvision's weights loaded): {lines[0]}", *lines[1:]] if lines else []


def judge_block(cls, args: tuple, theirs_cls) -> dict:
    """Build the learner's block `cls(inplanes, planes, stride, downsample)` and summarise it.

    The downsample is built as torchvision's _make_layer builds it: a 1x1 conv with the block's
    stride and a BatchNorm, when the stride is not 1 or the channel count changes.
    """
    fork_safe()
    inplanes, planes, stride = args
    expansion = getattr(cls, "expansion", None)
    if not isinstance(expansion, int) or isinstance(expansion, bool):
        cls(inplanes, planes, stride, None)  # an unfinished __init__ says so first
        raise AttributeError(f"{cls.__name__}.expansion must be a class attribute, an int "
                             "(output channels = planes * expansion)")

    def block(kind, expansion: int) -> nn.Module:
        torch.manual_seed(0)
        out_ch = planes * expansion
        downsample = None
        if stride != 1 or inplanes != out_ch:
            downsample = nn.Sequential(nn.Conv2d(inplanes, out_ch, 1, stride=stride, bias=False),
                                       nn.BatchNorm2d(out_ch))
        return kind(inplanes, planes, stride, downsample)

    state = theirs_state(block(theirs_cls, theirs_cls.expansion))
    X = torch.randn(2, inplanes, 8, 8, generator=torch.Generator().manual_seed(2), dtype=torch.float64)
    return summary(block(cls, expansion), state, X)

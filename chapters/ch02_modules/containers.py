"""nn.Sequential, and walking a module tree with named_parameters / named_modules."""

from __future__ import annotations

from collections import OrderedDict

from torch import nn


def make_mlp(sizes: list[int], dropout: float = 0.0) -> nn.Sequential:
    """An MLP as nn.Sequential with readable names: fc0, act0, ..., fcN."""
    if len(sizes) < 2:
        raise ValueError(f"make_mlp needs at least an input and an output size, got {sizes}")
    if any(not isinstance(s, int) or s < 1 for s in sizes):
        raise ValueError(f"every size must be a positive int, got {sizes}")
    layers: OrderedDict[str, nn.Module] = OrderedDict()
    last = len(sizes) - 2
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:], strict=False)):
        layers[f"fc{i}"] = nn.Linear(n_in, n_out)
        if i < last:
            layers[f"act{i}"] = nn.ReLU()
            if dropout > 0:
                layers[f"drop{i}"] = nn.Dropout(dropout)
    return nn.Sequential(layers)


def parameter_table(net: nn.Module) -> list[tuple[str, tuple[int, ...], int]]:
    """(name, shape, number of scalars) for every parameter, in registration order."""
    return [(name, tuple(p.shape), p.numel()) for name, p in net.named_parameters()]


def module_table(net: nn.Module) -> list[tuple[str, str]]:
    """(qualified name, class name) for every module; the root has the name ''."""
    return [(name, type(module).__name__) for name, module in net.named_modules()]


class TiedEmbedding(nn.Module):
    """Input embedding and output layer share one weight: one Parameter under two names."""

    def __init__(self, vocab_size: int = 5, dim: int = 3) -> None:
        super().__init__()
        self.embed = nn.Embedding(vocab_size, dim)  # weight (vocab_size, dim)
        self.head = nn.Linear(dim, vocab_size, bias=False)  # weight (vocab_size, dim)
        self.head.weight = self.embed.weight  # tie: the same Parameter object

    def forward(self, idx):
        return self.head(self.embed(idx))  # (B, T) -> (B, T, dim) -> (B, T, vocab_size)

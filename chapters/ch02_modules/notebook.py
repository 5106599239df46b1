# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Chapter 2: nn.Module from the inside (read-along)
#
# Run the cells top to bottom. Each cell checks what it shows with an `assert`, so
# if PyTorch ever behaves differently, the notebook stops right there.
# The lesson text is `chapters/ch02_modules/README.md`.

# %%
import copy
import shutil
import tempfile
from pathlib import Path

import torch
from torch import nn

from chapters.ch02_modules import registration as r
from chapters.ch02_modules.buffers import Standardize, buffer_report
from chapters.ch02_modules.checkpoint import load_weights, save_weights, snapshot
from chapters.ch02_modules.containers import make_mlp, parameter_table
from chapters.ch02_modules.copying import clones, shares_parameters
from chapters.ch02_modules.hooks import output_shapes, record_calls
from chapters.ch02_modules.initialise import init_weights, visit_order
from chapters.ch02_modules.modes import modes
from chapters.ch02_modules.structure import NetConfig, TinyNet
from common.seed import seed_everything

generator = seed_everything(0)

# %% [markdown]
# ## 1. A module, and calling it
# `net(X)` runs hooks around `forward`; `net.forward(X)` skips the root's hooks.

# %%
net = TinyNet(NetConfig(in_features=4, hidden=8, out_features=3))
X = torch.randn(5, 4)
log = []
handles = record_calls(net, log)
net(X)
print("net(X):        ", log)
log.clear()
net.forward(X)
print("net.forward(X):", log)
for handle in handles:
    handle.remove()
assert "pre net" not in log
output_shapes(net, X)

# %% [markdown]
# ## 2. What gets registered
# Wrong and right versions side by side, with the `state_dict` keys each produces.

# %%
for title, wrong, right in r.PAIRS:
    print(f"{title:30} wrong: {r.state_dict_keys(wrong())}")
    print(f"{'':30} right: {r.state_dict_keys(right())}")

# %% [markdown]
# Training the wrong version changes nothing: the optimiser never sees the layers.
# We collect the hidden layers' parameters by hand to show the right version learning
# and the wrong one standing still when the optimiser is built the usual way.

# %%
seed_everything(0)
right = r.StackWithModuleList(width=2, depth=2)
wrong = r.StackWithList(width=2, depth=2)
for bad, good in zip(wrong.layers, right.layers, strict=True):
    bad.load_state_dict(good.state_dict())
X, y = torch.randn(32, 2), torch.randn(32, 2)
before = wrong.layers[0].weight.detach().clone()
opt = torch.optim.SGD(right.parameters(), lr=0.1)
for _ in range(20):
    opt.zero_grad()
    loss = nn.functional.mse_loss(right(X), y)
    loss.backward()
    opt.step()
print("right version, final loss:", round(loss.item(), 4))
print("wrong version has", r.count_parameters(wrong), "parameters for an optimiser")
assert torch.equal(wrong.layers[0].weight, before)

# %% [markdown]
# ## 3. Buffers

# %%
norm = Standardize(3)
print(buffer_report(norm))
bn = nn.BatchNorm1d(4)
print("BatchNorm buffers:", [name for name, _ in bn.named_buffers()])

# %% [markdown]
# ## 4. A small training run, then save and load the weights
# The chapter's vocabulary: `X`, `y`, `net`, `num_epochs`, `lr`, `batch_size`.

# %%
generator = seed_everything(0)
X = torch.randn(256, 4)
y = (X[:, 0] + X[:, 1] > 0).long() + (X[:, 2] > 1).long()  # 3 classes
net = TinyNet(NetConfig(dropout=0.1)).apply(init_weights)
num_epochs, lr, batch_size = 30, 0.05, 32
opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9)
for epoch in range(num_epochs):
    net.train()
    perm = torch.randperm(len(X), generator=generator)
    for i in range(0, len(X), batch_size):
        idx = perm[i : i + batch_size]
        opt.zero_grad()
        loss = nn.functional.cross_entropy(net(X[idx]), y[idx])
        loss.backward()
        opt.step()
    if epoch % 10 == 9:
        print(f"epoch {epoch + 1}: last batch loss {loss.item():.3f}")
net.eval()
with torch.no_grad():
    accuracy = (net(X).argmax(dim=1) == y).float().mean().item()
print(f"train accuracy after {num_epochs} epochs: {accuracy:.3f}")
assert accuracy > 0.8

# %%
tmp = Path(tempfile.mkdtemp())
best = snapshot(net)  # a real copy; net.state_dict() would follow later changes
path = save_weights(net, tmp / "tiny.pt")
fresh = TinyNet(NetConfig(dropout=0.1)).eval()
print(load_weights(fresh, path))
with torch.no_grad():
    assert torch.equal(fresh(X), net(X))
print(sorted(best) == sorted(net.state_dict()))
shutil.rmtree(tmp)

# %% [markdown]
# ## 5. Sequential, named_parameters, apply

# %%
mlp = make_mlp([4, 8, 3])
print(mlp)
for row in parameter_table(mlp):
    print(row)
print("apply visits:", visit_order(mlp))

# %% [markdown]
# ## 6. train() / eval()

# %%
print(modes(net.train()))
drop = nn.Dropout(0.5)
print("train:", drop(torch.ones(8)))
print("eval: ", drop.eval()(torch.ones(8)))

# %% [markdown]
# ## 7. Copies and clones

# %%
shallow, deep = copy.copy(net), copy.deepcopy(net)
print("shared with copy.copy:    ", shares_parameters(net, shallow))
print("shared with copy.deepcopy:", shares_parameters(net, deep))
blocks = clones(nn.Linear(3, 3), 4)
print(type(blocks).__name__, len(blocks), list(blocks.state_dict())[:4], "...")

# %% [markdown]
# ## 8. Whole-module dtype and device

# %%
weight = net.fc1.weight
net.double()
print(net.fc1.weight.dtype, net.fc1.weight is weight)
device = "cuda" if torch.cuda.is_available() else "cpu"
net.to(device)
print({name: p.device.type for name, p in net.named_parameters()})

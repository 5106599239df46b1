# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Chapter 2: nn.Module from the inside
#
# `nn.Module` looks like an ordinary Python class with a `forward` method. It is
# more than that: every attribute you assign goes through `Module.__setattr__`,
# which sorts it into parameters, buffers, submodules or "just an attribute".
# Everything else (`parameters()`, `state_dict()`, `.to()`, `train()`, hooks)
# only sees what was sorted into the first three. This chapter opens that box.
#
# Run it: `make chapter-2` (walk-through, then tests), or
# `.venv/bin/python -m chapters.ch02_modules` for the walk-through alone, and
# `chapters/ch02_modules/notebook.py` as a notebook (`make notebooks`).

# %% [markdown]
# ## What you'll learn
#
# - how a module is put together, and why you call `net(X)` rather than `net.forward(X)`;
# - what gets registered (and so trained, saved and moved) and what silently does not;
# - buffers, persistent and not, and why BatchNorm keeps its running statistics in them;
# - saving and loading a `state_dict` safely, and what `strict=False` tells you;
# - `nn.Sequential`, `named_parameters`, `named_modules` and `apply(fn)` for initialisation;
# - what `train()` and `eval()` change (and what they do not);
# - why `copy.copy` of a module is almost never what you want, and a `clones` helper;
# - `.to(device)`, `.to(dtype)` and `.double()` on a whole model.
#
# The code lives in small files beside this README: `structure.py`, `hooks.py`,
# `registration.py`, `buffers.py`, `checkpoint.py`, `containers.py`,
# `initialise.py`, `modes.py`, `copying.py`, `conversion.py`. Every `>>>`
# example below runs as a test (`pytest chapters/ch02_modules`).

# %% [markdown]
# ## 1. The shape of a module
#
# A module subclasses `nn.Module`, calls `super().__init__()` **first**,
# assigns its layers as attributes, and computes in `forward`:
#
# ```python
# class TinyNet(nn.Module):
#     def __init__(self, config=None):
#         super().__init__()            # creates the registries for parameters/submodules
#         self.config = config or NetConfig()
#         self.fc1 = nn.Linear(self.config.in_features, self.config.hidden)
#         self.act = nn.ReLU()
#         self.drop = nn.Dropout(self.config.dropout)
#         self.fc2 = nn.Linear(self.config.hidden, self.config.out_features)
#
#     def forward(self, X):
#         return self.fc2(self.drop(self.act(self.fc1(X))))
# ```
#
# The sizes come from a small dataclass, `NetConfig(in_features=4, hidden=8,
# out_features=3, dropout=0.5)`.

# %%
# ruff: noqa: B015, B018, E401, E501, E702, F401, I001 (the lesson's code, as in README.md)
# generated from README.md by `python -m common.lesson`: edit the README, not this file
import torch
from torch import nn
from chapters.ch02_modules.structure import NetConfig, TinyNet, ForgotSuperInit
_ = torch.manual_seed(0)
net = TinyNet(NetConfig(in_features=4, hidden=8, out_features=3))
[name for name, _ in net.named_children()]

# %%
X = torch.randn(2, 4)
net(X).shape

# %% [markdown]
# Assigning a submodule before `super().__init__()` has run fails, because
# the dictionaries that `__setattr__` files it into do not exist yet:

# %%
try:
    ForgotSuperInit()
except Exception as error:  # the lesson expects an error here
    print(f"{type(error).__name__}: {error}")

# %% [markdown]
# ### Call the module, not `forward`
#
# `net(X)` goes through `Module.__call__`, which runs the forward *pre-hooks*,
# then `forward`, then the forward *hooks*. `net.forward(X)` skips the hooks
# of `net` itself (its children are still *called* inside `forward`, so theirs
# still run). `hooks.record_calls` registers a pre-hook and a hook on every
# module that log what ran:

# %%
from chapters.ch02_modules.hooks import record_calls, output_shapes
log = []
handles = record_calls(net, log)
_ = net(X)
log

# %%
log.clear()
_ = net.forward(X)
log

# %%
for handle in handles:
    handle.remove()

# %% [markdown]
# Tools that inspect or change a model from the outside (feature extractors,
# activation statistics, profilers, pruning) live on hooks, so code that calls
# `.forward` directly quietly bypasses them. Hooks are also handy for
# inspection; `output_shapes` adds a hook per leaf, runs once, and removes them:

# %%
output_shapes(net, X)

# %% [markdown]
# ## 2. What gets registered
#
# `Module.__setattr__` registers a value only if it is an `nn.Parameter`
# (into `_parameters`), an `nn.Module` (into `_modules`), or was declared with
# `register_buffer` (into `_buffers`). Everything else is a plain attribute:
# no gradient step, no checkpoint, no `.to()`. `registration.py` holds three
# wrong/right pairs; their `state_dict` keys say it all:

# %%
from chapters.ch02_modules import registration as r
r.state_dict_keys(r.ScaleWithPlainTensor())      # self.scale = torch.ones(3)

# %%
r.state_dict_keys(r.ScaleWithParameter())        # self.scale = nn.Parameter(torch.ones(3))

# %%
r.state_dict_keys(r.StackWithList())             # self.layers = [nn.Linear(2, 2), ...]

# %%
r.state_dict_keys(r.StackWithModuleList())       # self.layers = nn.ModuleList(...)

# %%
r.state_dict_keys(r.HeadsWithDict())             # self.heads = {"cls": ..., "box": ...}

# %%
r.state_dict_keys(r.HeadsWithModuleDict())       # self.heads = nn.ModuleDict({...})

# %% [markdown]
# The wrong versions compute exactly the same `forward`, which is what makes
# the bug hard to see. The optimiser, though, gets nothing to train:

# %%
r.count_parameters(r.StackWithList()), r.count_parameters(r.StackWithModuleList())

# %%
try:
    torch.optim.SGD(r.StackWithList().parameters(), lr=0.1)
except Exception as error:  # the lesson expects an error here
    print(f"{type(error).__name__}: {error}")

# %% [markdown]
# ## 3. Buffers
#
# Some state belongs to the model but is not learned by gradient descent: a
# normalisation mean, a mask, a step counter. `register_buffer(name, tensor)`
# registers it: it follows `.to()`/`.double()` and, by default, is saved in
# `state_dict`. With `persistent=False` it still moves with the module but is
# left out of checkpoints (use it for things the constructor can rebuild).

# %%
from chapters.ch02_modules.buffers import Standardize, buffer_report
norm = Standardize(3)   # buffers: mean, std (persistent), feature_ids (not)
buffer_report(norm)

# %%
norm = norm.fit(torch.tensor([[1.0, 10.0, 0.0], [3.0, 30.0, 0.0]]))
norm.mean, norm.mean.requires_grad

# %% [markdown]
# BatchNorm is the classic example. Its `weight` and `bias` are learned, so they
# are parameters. Its running mean and variance are *measured* during training
# (an exponential moving average of batch statistics) and used at evaluation
# time; they must be saved with the model and moved with it, but a gradient step
# must never touch them. That is exactly a buffer:

# %%
bn = nn.BatchNorm1d(4)
[name for name, _ in bn.named_parameters()]

# %%
[name for name, _ in bn.named_buffers()]

# %% [markdown]
# ## 4. Saving and loading a `state_dict`
#
# A `state_dict` is an ordered dict from dotted names to tensors: parameters and
# persistent buffers. Save that, not the pickled module: loading a pickled module
# needs the exact class code, and unpickling can run arbitrary code.
# `torch.load(path, weights_only=True)` (the default since PyTorch 2.6) only
# accepts tensors and plain containers. `checkpoint.py` wraps both directions:

# %%
import tempfile, pathlib
from chapters.ch02_modules.checkpoint import save_weights, load_weights
tmp = pathlib.Path(tempfile.mkdtemp())
_ = torch.manual_seed(0)
a, b = TinyNet().eval(), TinyNet().eval()
path = save_weights(a, tmp / "tiny.pt")
load_weights(b, path)                       # torch.load(..., weights_only=True) inside

# %%
torch.equal(a(X), b(X))

# %% [markdown]
# When the model and the checkpoint disagree, `strict=True` (the default) raises
# and lists the differences; `strict=False` loads what matches and *returns*
# the differences, which you should read:

# %%
class Wider(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 8)
        self.extra = nn.Linear(8, 8)
try:
    load_weights(Wider(), path)
except Exception as error:  # the lesson expects an error here
    print(f"{type(error).__name__}: {error}")

# %%
result = load_weights(Wider(), path, strict=False)
result.missing_keys, result.unexpected_keys

# %% [markdown]
# A pickled whole module is refused by `weights_only=True`:

# %%
torch.save(TinyNet(), tmp / "whole.pt")
try:
    torch.load(tmp / "whole.pt", weights_only=True)
except Exception as error:  # the lesson expects an error here
    print(f"{type(error).__name__}: {error}")

# %% [markdown]
# ## 5. `nn.Sequential`, `named_parameters`, `named_modules`
#
# When data flows straight through, `nn.Sequential` replaces the `forward` you
# would write. Give it an `OrderedDict` and the layers get readable names
# (`containers.make_mlp`):

# %%
from chapters.ch02_modules.containers import make_mlp, parameter_table, module_table
mlp = make_mlp([4, 8, 3])
mlp

# %%
mlp[0] is mlp.fc0

# %%
parameter_table(mlp)       # (name, shape, numel) from named_parameters()

# %%
module_table(net)          # named_modules() starts with the root, named ''

# %% [markdown]
# Both walks skip duplicates. With tied weights (one `Parameter` used by two
# layers) the parameter is listed once, but `state_dict` holds it under both
# names:

# %%
from chapters.ch02_modules.containers import TiedEmbedding
tied = TiedEmbedding(vocab_size=5, dim=3)   # head.weight = embed.weight
[name for name, _ in tied.named_parameters()], list(tied.state_dict())

# %% [markdown]
# ## 6. `apply(fn)` for weight initialisation
#
# `net.apply(fn)` calls `fn` on every submodule, children first and the root
# last, and returns `net`. With `torch.nn.init` it is the usual way to
# initialise a whole model:

# %%
from chapters.ch02_modules.initialise import init_weights, constant_init, visit_order
visit_order(net)

# %%
net = net.apply(init_weights)      # xavier_uniform_ weights, zero biases
net.fc1.bias

# %%
small = make_mlp([2, 3, 1]).apply(constant_init(0.5))
small(torch.tensor([[1.0, 2.0]]))  # relu(0.5 * 3) = 1.5 on 3 units, then 0.5 * 3 * 1.5

# %% [markdown]
# ## 7. `train()` and `eval()`
#
# `net.train()` and `net.eval()` set one boolean, `training`, on the module and
# every submodule. Layers read `self.training` in their `forward`. Only a few
# built-in layers care, and the two that matter most are Dropout and BatchNorm:

# %%
from chapters.ch02_modules.modes import modes
net = net.eval()
modes(net)

# %%
drop = nn.Dropout(p=0.5)
_ = torch.manual_seed(0)
drop(torch.ones(8))        # training: zero with probability p, scale survivors by 1/(1-p)

# %%
drop.eval()(torch.ones(8)) # eval: the identity

# %% [markdown]
# BatchNorm in training mode normalises with the **batch's** mean and (biased)
# variance and updates its running buffers (momentum 0.1, unbiased variance);
# in eval mode it uses the running buffers and changes nothing:

# %%
bn = nn.BatchNorm1d(1)
batch = torch.tensor([[1.0], [3.0]])
bn(batch)                                     # (x - 2) / sqrt(1 + eps)

# %%
bn.running_mean, bn.running_var               # 0.9 * 0 + 0.1 * 2, 0.9 * 1 + 0.1 * 2

# %%
bn.eval()(batch)                              # (x - 0.2) / sqrt(1.1 + eps)

# %% [markdown]
# `eval()` does **not** switch off autograd; that is `torch.no_grad()` (or
# `torch.inference_mode()`), a separate thing you usually want as well.

# %% [markdown]
# ## 8. Copying modules
#
# `copy.copy` makes a new module object whose `__dict__` entries are the old
# ones: the same submodules, the same parameters, even the same registry
# dictionaries. `copy.deepcopy` copies everything:

# %%
import copy
net = TinyNet()
shallow, deep = copy.copy(net), copy.deepcopy(net)
shallow.fc1 is net.fc1, deep.fc1 is net.fc1

# %%
torch.equal(deep.fc1.weight, net.fc1.weight)   # same values, separate storage

# %%
from chapters.ch02_modules.copying import clones, shares_parameters
shares_parameters(net, shallow)                 # a step on one trains the other

# %%
shares_parameters(net, deep)

# %% [markdown]
# To stack N identical layers with separate weights (Transformer blocks, for
# example), deep-copy into an `nn.ModuleList`, which registers them:

# %%
blocks = clones(nn.Linear(3, 3), 4)
type(blocks).__name__, len(blocks), len(blocks.state_dict())

# %%
blocks[0].weight is blocks[1].weight

# %% [markdown]
# ## 9. `.to(device/dtype)` and `.double()`
#
# On a module, `.to(...)`, `.double()`, `.float()`, `.half()`, `.cuda()` and
# `.cpu()` convert every parameter and buffer **in place** and return the same
# module (on a tensor, `.to` returns a new tensor). The `Parameter` objects stay
# the same, so an optimiser built earlier keeps working. Dtype changes touch
# floating-point tensors only; integer buffers such as `num_batches_tracked`
# stay integers:

# %%
from chapters.ch02_modules.conversion import dtypes_and_devices, move
net = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))
weight = net[0].weight
net.double() is net, net[0].weight is weight, weight.dtype

# %%
dtypes_and_devices(net)

# %% [markdown]
# Devices work the same way: `net.to("cuda")` on a GPU machine
# (`torch.cuda.is_available()` says whether there is one). The `meta`
# device, which has shapes but no data, shows the move without a GPU; note that
# the unregistered plain tensor stays behind:

# %%
norm = Standardize(2)
norm.plain = torch.zeros(2)
_ = move(norm, "meta")
norm.mean.device, norm.feature_ids.device, norm.plain.device

# %% [markdown]
# ## Traps
#
# - **Calling `forward` directly** skips the module's hooks. Always call `net(X)`.
# - **Lists and dicts of layers**, and plain tensor attributes, are invisible: no
#   training, no checkpoint, no `.to()`, and no error. Use `nn.ModuleList`,
#   `nn.ModuleDict`, `nn.Parameter` or `register_buffer`. A quick check:
#   `sum(p.numel() for p in net.parameters())` is what you expected.
# - **`strict=False` is not "load what you can and relax"**: read the returned
#   missing/unexpected keys. A shape mismatch still raises, even with
#   `strict=False`.
# - **`state_dict()` shares storage** with the live parameters: keep a
#   `copy.deepcopy(net.state_dict())` (`checkpoint.snapshot`) if you want the
#   "best so far" weights, or further training will overwrite them.
# - **`torch.load` without `weights_only=True`** on a file you did not make can
#   run code. Save state_dicts, load with `weights_only=True`.
# - **BatchNorm in training mode** needs more than one value per channel:
#   a batch of one raises `ValueError`. Call `eval()` before inference.
# - **`eval()` is not `no_grad()`**: outputs still track gradients.
# - **`copy.copy(net)` is not a copy**: changing one changes the other, even
#   adding a submodule to one adds it to both.
# - **`net.to(...)` changes `net` in place**: `net2 = net.double()` leaves you
#   with one float64 model under two names, not a float32 and a float64 one.

# %% [markdown]
# ## Exercises
#
# Each exercise below is practised with the judge: `make practice EX=ch02_<name>` writes a
# `solution.py` stub and the task into `practice/ch02_<name>/`, and `make check EX=ch02_<name>`
# builds your module (from a seeded generator, so its weights match the reference's) on the
# example and on 100 generated inputs and compares what it reports with the reference: the
# `state_dict` keys and shapes, the parameters, outputs. When they differ you see the smallest
# input that fails and, if your answer is a known wrong one, the trap's name and the section above
# that explains it. `make hint EX=...` gives the next hint, `make reveal EX=...` the reference.
#
# | `EX=` | write | the traps it catches |
# |---|---|---|
# | `ch02_stack` | `Stack(sizes)`: Linear layers in `self.layers`, keys `layers.0.weight`, ... | a Python list (nothing registered); ReLUs inside the container shifting the indices |
# | `ch02_standardize` | `Standardize(num_features)` with `mean` and `std` saved, moved by `.double()`, never trained | a plain tensor attribute; a `Parameter` where a buffer belongs; `persistent=False` |
# | `ch02_noisy_identity` | `NoisyIdentity(std)`: noise in `train()` only | never reading `self.training`; `torch.is_grad_enabled()` taken for the mode |
# | `ch02_clones` | `clones(module, N)`: an `nn.ModuleList` of copies with weights of their own | `copy.copy` (shared parameters); the same module `N` times; a Python list |
#
# The references are the chapter's own `Standardize`, `NoisyIdentity` and `clones`, and a `Stack`
# in `exercises/stack.py`; each exercise file also holds the hints and the known wrong answers.
#
# More to try on your own (no judge):
#
# 1. Train `Stack` and its Python-list twin for a few SGD steps and show that only one of them
#    changes its weights.
# 2. Add a persistent buffer `count` to `Standardize` that counts how many rows
#    `fit` has seen, and check it survives `save_weights`/`load_weights`.
# 3. Load the chapter's `TinyNet` checkpoint into a model that renames `fc2` to
#    `head` by renaming keys in the state_dict before `load_state_dict`.
# 4. Use `register_forward_hook` to record the mean activation of every ReLU in
#    `make_mlp([4, 16, 16, 3])` over one batch, then remove the hooks.
# 5. Write a test that fails if a layer of yours forgets to check `self.training`
#    (the judge of `ch02_noisy_identity` is one way to do it).
#
# The tests in `tests/` are worked answers to many of the claims above.

# %% [markdown]
# ## Summary
#
# - A module registers what you assign: `nn.Parameter`, `nn.Module`, buffers.
#   `parameters()`, `state_dict()`, `.to()` and `train()/eval()` see only those.
# - Call `net(X)`; hooks live in `__call__`.
# - Persistent buffers are saved, non-persistent ones only move; BatchNorm's
#   running statistics are buffers.
# - Save `state_dict()`, load with `torch.load(..., weights_only=True)` and
#   `load_state_dict`; read what `strict=False` returns.
# - `nn.Sequential` for straight pipelines; `named_parameters` and
#   `named_modules` to walk a model; `apply(fn)` with `torch.nn.init` to
#   initialise it.
# - `train()`/`eval()` flip `self.training` everywhere; Dropout and BatchNorm
#   behave differently in the two modes.
# - `copy.deepcopy` for independent copies, `clones(module, N)` for stacks.
# - `.to()`/`.double()` convert a whole module in place.

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
# # Chapter 3: ResNet from scratch (read-along)
#
# The lesson is `chapters/ch03_resnet/README.md`; this notebook runs its main steps.
# It runs from the repository root (CI does that) and takes well under a minute on a CPU.

# %%
import torch
import torchvision
from torch import nn

from chapters.ch03_resnet import Bottleneck, resnet18, resnet50
from chapters.ch03_resnet.resnet import CONSTRUCTORS
from chapters.ch03_resnet.shapes import count_flops, layer_table, stage_sizes
from chapters.ch03_resnet.train import TrainConfig, train


def n_params(net: nn.Module) -> int:
    return sum(p.numel() for p in net.parameters())


# %% [markdown]
# ## 1-2. Blocks and stages
# A stage's first block gets a 1x1 conv shortcut only when the stride or the channel count
# changes. ResNet-50's `layer1` needs one at stride 1: 64 channels in, 256 out.

# %%
with torch.device("meta"):  # shapes only
    r50 = resnet50()
[(stage, getattr(r50, stage)[0].downsample is not None) for stage in ("layer1", "layer2")]

# %% [markdown]
# ## 3. Exactly torchvision's
# Parameter counts for all five depths, then a strict load and a float64 comparison.

# %%
with torch.device("meta"):
    counts = {name: n_params(ctor()) for name, ctor in CONSTRUCTORS.items()}
counts

# %%
torch.manual_seed(0)
ref = torchvision.models.resnet18(weights=None).eval().double()
net = resnet18().eval().double()
print(net.load_state_dict(ref.state_dict(), strict=True))
X = torch.randn(1, 3, 64, 64, dtype=torch.float64)
with torch.no_grad():
    print("max |ours - torchvision|:", (net(X) - ref(X)).abs().max().item())

# %% [markdown]
# ## 4-5. Sizes and FLOPs
# `O = (I - K + 2P) / S + 1` stage by stage, checked against a forward pass (meta device).

# %%
with torch.device("meta"):
    r18 = resnet18().eval()
    rows = layer_table(r18, torch.empty(1, 3, 224, 224))
predicted = stage_sizes(224, r18)
for name, shape, params in rows:
    print(f"{name:8} {str(shape):20} {params:>10,}  formula: {predicted.get(name, '')}")

# %%
with torch.device("meta"):
    flops = count_flops(resnet18().eval(), torch.empty(1, 3, 224, 224))
print(f"{flops:,} FLOPs = {flops / 2e9:.3f} GMACs (torchvision says 1.814)")

# %% [markdown]
# ## 6. The stride in the bottleneck: v1 reads a quarter of its input
# The gradient of the output with respect to the input is zero wherever the block never
# looked. With the stride on the first 1x1 conv (the paper), only 16 of 64 pixels count.

# %%
torch.manual_seed(0)
for stride_in_1x1 in (True, False):
    down = nn.Sequential(nn.Conv2d(16, 16, 1, stride=2, bias=False), nn.BatchNorm2d(16))
    block = Bottleneck(16, 4, stride=2, downsample=down, stride_in_1x1=stride_in_1x1)
    X = torch.randn(2, 16, 8, 8, requires_grad=True)  # (B, C, H, W)
    block(X).sum().backward()
    read = X.grad.abs().sum(dim=(0, 1)) > 0  # (H, W)
    print("v1  " if stride_in_1x1 else "v1.5", "pixels read:", read.sum().item(), "of 64")

# %% [markdown]
# ## 7. Training, shortened
# The lesson's run is 32x32 for 6 epochs (97.5% test accuracy). Here: the digits' own 8x8
# pixels, 2 epochs, one thread (about 93%).

# %%
cfg = TrainConfig(
    image_size=8, num_epochs=2, num_threads=1, progress=False, out_dir="runs/ch03_notebook"
)
net, history = train(cfg)
history.test_acc

# %% [markdown]
# The curves are saved as `runs/ch03_notebook/curves.png`. For two processes with DDP, run
# `torchrun --standalone --nproc_per_node=2 -m chapters.ch03_resnet.train` in a terminal.

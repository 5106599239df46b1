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
# # Chapter 3: ResNet from scratch
#
# A ResNet is a stack of small blocks that each compute "the input, plus a
# correction": `relu(F(x) + x)`. The shortcut lets the gradient reach early
# layers unchanged, which is what made 50, 101 and 152 layers trainable. In this
# chapter we write ResNet-18/34/50/101/152 ourselves, so exactly like
# torchvision's that torchvision's weights load into ours with `strict=True` and
# give the same outputs; then we train one for real on handwritten digits, in
# one process and in two with DistributedDataParallel.
#
# Run it: `make chapter-3` (walk-through, then tests), or
# `.venv/bin/python -m chapters.ch03_resnet` for the walk-through alone (it
# ends with the training run's expected time on your machine; `--lesson-only`
# leaves that out), `.venv/bin/python -m chapters.ch03_resnet.train` for the
# training run, and
# `chapters/ch03_resnet/notebook.py` as a notebook (`make notebooks`).

# %% [markdown]
# ## What you'll learn
#
# - the two residual blocks, `BasicBlock` and `Bottleneck`, and the `expansion` factor;
# - how `_make_layer` builds a stage, and exactly when the shortcut needs a 1x1 conv;
# - how to prove an implementation equals a reference: parameter counts,
#   `state_dict` keys and shapes, a strict load, and outputs in float64;
# - the feature-map size formula `O = (I - K + 2P) / S + 1`, stage by stage, and FLOPs;
# - what the simpler "tutorial" ResNet gets wrong or different: the stem, the conv
#   biases, `AvgPool2d(7)`, and the bottleneck's stride ("ResNet v1.5");
# - `zero_init_residual`, and why adaptive pooling takes any input size;
# - a real training run (digits, 32x32, 1 channel, 10 classes) with curves;
# - the same script on 2 processes with `torchrun` and DDP, and on several machines.
#
# The code: `blocks.py` (the blocks), `resnet.py` (the trunk and the
# constructors), `shapes.py` (sizes, layer table, FLOPs), `data.py` (digits),
# `distributed.py` (joining a process group), `train.py` (the training script).
# Every `>>>` example below runs as a test (`pytest chapters/ch03_resnet`).
#
# **Interface** (other chapters rely on it):
# `from chapters.ch03_resnet import resnet18, resnet34, resnet50, resnet101, resnet152`,
# each `(num_classes=1000, in_channels=3, *, zero_init_residual=False, variant="torchvision")`,
# returning a `ResNet` whose `state_dict` has exactly torchvision's keys and shapes
# (for `in_channels=3`; other values change only `conv1.weight`'s second dimension).

# %% [markdown]
# ## 1. Two blocks
#
# `BasicBlock` (ResNet-18 and 34) is two 3x3 convs, each followed by BatchNorm;
# the shortcut is added before the last ReLU:
#
# ```
# out = relu(bn1(conv1(x)))        # conv1 carries the stride
# out = bn2(conv2(out))
# out = relu(out + shortcut(x))    # shortcut: identity, or 1x1 conv + BN
# ```
#
# `Bottleneck` (ResNet-50, 101, 152) squeezes the channels with a 1x1 conv,
# does the 3x3 work on the narrow tensor, and expands again by `expansion = 4`
# with another 1x1. A bottleneck stage with `planes=64` outputs 256 channels.
# Three convs, but cheaper than two wide 3x3 ones: that is how ResNet-50 has
# fewer FLOPs per layer than ResNet-34.

# %%
# ruff: noqa: B015, B018, E401, E501, E702, F401, I001 (the lesson's code, as in README.md)
# generated from README.md by `python -m common.lesson`: edit the README, not this file
import torch
from torch import nn
from chapters.ch03_resnet import BasicBlock, Bottleneck, resnet18, resnet50
_ = torch.manual_seed(0)
X = torch.randn(2, 64, 16, 16)
BasicBlock(64, 64)(X).shape

# %%
down = nn.Sequential(nn.Conv2d(64, 256, 1, bias=False), nn.BatchNorm2d(256))
Bottleneck(64, 64, downsample=down)(X).shape   # 64 -> 4 * 64 channels

# %%
BasicBlock.expansion, Bottleneck.expansion

# %% [markdown]
# The convs have no bias: BatchNorm right after subtracts the per-channel mean,
# so a constant added by the conv would be removed again (section 6 shows it).

# %% [markdown]
# ## 2. The trunk and `_make_layer`
#
# A ResNet is a stem (7x7 stride-2 conv, BN, ReLU, 3x3 stride-2 max pool),
# four stages (`layer1` ... `layer4`, with 64, 128, 256, 512 "planes" and
# strides 1, 2, 2, 2), a global average pool and one `Linear`. The depth only
# changes the block type and how many blocks each stage has:
#
# | depth | block | blocks per stage |
# |---|---|---|
# | 18 | BasicBlock | 2, 2, 2, 2 |
# | 34 | BasicBlock | 3, 4, 6, 3 |
# | 50 | Bottleneck | 3, 4, 6, 3 |
# | 101 | Bottleneck | 3, 4, 23, 3 |
# | 152 | Bottleneck | 3, 8, 36, 3 |
#
# `_make_layer(block, planes, blocks, stride)` builds one stage. Only its
# first block may change the shape (stride 2 halves H and W; the channel count
# may change), so only the first block may need a shortcut that is not the
# identity: a 1x1 conv with the same stride, then BN, stored as `downsample`.
# The rule is "stride != 1 **or** the channels change". ResNet-18's `layer1`
# needs none (64 in, 64 out, stride 1); ResNet-50's `layer1` needs one although
# its stride is 1, because 64 channels come in and 256 go out:

# %%
with torch.device("meta"):   # shapes only: no memory, no arithmetic
    r18, r50 = resnet18(), resnet50()
r18.layer1[0].downsample is None

# %%
r18.layer2[0].downsample

# %%
r50.layer1[0].downsample[0]

# %%
[b.downsample is None for b in r50.layer3]

# %% [markdown]
# ## 3. Exactly torchvision's
#
# "It looks like ResNet" is not a test. Four checks are: the same parameter
# count, the same `state_dict` keys (in the same order) with the same shapes,
# `load_state_dict(..., strict=True)` accepting torchvision's weights, and then
# the same outputs.

# %%
import torchvision
def n_params(net):
    return sum(p.numel() for p in net.parameters())
from chapters.ch03_resnet import resnet34, resnet101, resnet152
with torch.device("meta"):
    counts = [n_params(f()) for f in (resnet18, resnet34, resnet50, resnet101, resnet152)]
[f"{n:,}" for n in counts]

# %%
ref = torchvision.models.resnet18(weights=None).eval()   # random init, no download
net = resnet18().eval()
net.load_state_dict(ref.state_dict(), strict=True)

# %%
X = torch.randn(1, 3, 64, 64, dtype=torch.float64)
with torch.no_grad():
    print((net.double()(X) - ref.double()(X)).abs().max().item())

# %% [markdown]
# Zero difference, not just a small one: the same operations in the same order.
# The tests do this for all five depths at float64 (tolerance 1e-10) and
# float32 (1e-5), after first **randomising every BatchNorm's running mean,
# variance, weight and bias**. A fresh BatchNorm in eval mode is the identity
# (mean 0, variance 1, weight 1, bias 0), so without that step a BN in the wrong
# place, or a missing one, would pass unnoticed.

# %% [markdown]
# ## 4. Feature-map sizes
#
# A conv or pool with kernel K, stride S and padding P turns an input of size I
# into
#
#     O = floor((I - K + 2P) / S) + 1
#
# At 224x224: the stem conv (K=7, S=2, P=3) gives (224 - 7 + 6) // 2 + 1 = 112;
# the max pool (3, 2, 1) 56; `layer1` keeps 56; each later stage's first block
# (a 3x3 conv with S=2, P=1, or the 1x1 shortcut with S=2, P=0: both give
# (I - 1) // 2 + 1) halves it: 28, 14, 7. Odd sizes round up: 97 -> 49 -> 25 ->
# 25 -> 13 -> 7 -> 4.

# %%
from chapters.ch03_resnet.shapes import conv_output_size, stage_sizes, layer_table
conv_output_size(224, kernel=7, stride=2, padding=3)

# %%
stage_sizes(224, r18)

# %%
stage_sizes(97, r50)

# %%
with torch.device("meta"):
    rows = layer_table(r50.eval(), torch.empty(1, 3, 224, 224))
for name, shape, params in rows:
    print(f"{name:8} {str(shape):20} {params:>10,}")

# %% [markdown]
# The tests check the formula against a real forward pass for every stage of
# ResNet-18 and ResNet-50 at 224, 97 and 32 pixels.

# %% [markdown]
# ## 5. FLOPs
#
# `torch.utils.flop_counter.FlopCounterMode` counts the FLOPs of the matrix
# products and convolutions a forward pass runs (BatchNorm, ReLU and pooling
# are not counted). A multiply-add counts as 2 FLOPs; torchvision's tables
# quote multiply-adds ("GFLOPS" 1.814 for ResNet-18), so divide by 2. On the
# meta device the count takes no arithmetic at all:

# %%
from chapters.ch03_resnet.shapes import count_flops
with torch.device("meta"):
    flops = [count_flops(f().eval(), torch.empty(1, 3, 224, 224))
             for f in (resnet18, resnet34, resnet50, resnet101, resnet152)]
[round(f / 2 / 1e9, 3) for f in flops]

# %% [markdown]
# Each matches torchvision's `ResNet*_Weights.meta["_ops"]`, and the tests match
# it against a hand count, `2 * C_in * K_h * K_w * C_out * H_out * W_out` per
# conv. The digits model of section 7 (32x32, 1 channel) needs 70.8 MFLOPs per
# image: the maps are tiny, so each of the last three stages costs the same.

# %% [markdown]
# ## 6. The tutorial variant, and what it gets different
#
# Many tutorials (and many blog posts) build a simpler ResNet. `variant="paper"`
# builds it, so each difference can be tested:
#
# | | torchvision (`variant="torchvision"`) | tutorial (`variant="paper"`) |
# |---|---|---|
# | stem | 7x7 conv, stride 2, padding 3 (as in the paper) | 3x3 conv, stride 2, padding 1 |
# | conv bias | none | on every conv, all followed by BN |
# | pooling | `AdaptiveAvgPool2d((1, 1))`: any input size | `AvgPool2d(7)`: only 224x224 works |
# | bottleneck stride | on the 3x3 conv ("v1.5") | on the first 1x1 conv (the paper, "v1") |
#
# **The stride, v1 and v1.5.** In the paper, a downsampling bottleneck puts
# stride 2 on its first 1x1 conv. A 1x1 conv with stride 2 simply skips every
# other row and column: three of every four input pixels are never read by the
# block (its shortcut, also 1x1 stride 2, skips the same ones). Moving the
# stride to the 3x3 conv, whose overlapping windows cover every pixel, is the
# change torchvision (after Facebook's and NVIDIA's training recipes) calls
# ResNet v1.5: slightly more compute, about half a point better on ImageNet. The
# test computes the gradient of the block's output with respect to its input:
# with the v1 stride, it is exactly zero at 48 of 64 positions of an 8x8 input.
# With stride 1, the two versions are the same function.

# %%
def positions_read(stride_in_1x1):
    down = nn.Sequential(nn.Conv2d(16, 16, 1, stride=2, bias=False), nn.BatchNorm2d(16))
    block = Bottleneck(16, 4, stride=2, downsample=down, stride_in_1x1=stride_in_1x1)
    X = torch.randn(2, 16, 8, 8, requires_grad=True)          # (B, C, H, W)
    block(X).sum().backward()
    return int((X.grad.abs().sum(dim=(0, 1)) > 0).sum())      # of the 8 x 8 positions
positions_read(stride_in_1x1=True), positions_read(stride_in_1x1=False)   # v1, v1.5

# %% [markdown]
# **Bias before BatchNorm.** In training, BN subtracts each channel's batch
# mean, so a per-channel constant from the conv's bias cancels. The bias gets a
# (near) zero gradient, less than a millionth of its conv weight's:

# %%
block = BasicBlock(8, 8, conv_bias=True).train()
block(torch.randn(4, 8, 6, 6)).square().sum().backward()
block.conv1.bias.grad.abs().max() < 1e-6 * block.conv1.weight.grad.abs().max()

# %% [markdown]
# Shifting it changes nothing; the parameters are wasted, and
# `load_state_dict` from torchvision fails on them:

# %%
from torchvision.models import resnet18 as tv_resnet18
try:
    resnet18(variant="paper").load_state_dict(tv_resnet18().state_dict())
except RuntimeError as error:
    print(str(error).splitlines()[1].strip()[:42])

# %% [markdown]
# **Fixed versus adaptive pooling.** `AvgPool2d(7)` averages 7x7 windows. At
# 224x224 the last map is 7x7, one window, one number per channel. At 64x64
# the map is 2x2, smaller than the window: an error. At 256x256 the map is 8x8:
# one window fits, and the last row and column are silently ignored. At 448 it
# is 14x14, the pool leaves 2x2 and the `Linear` receives 4 times too many
# features. `AdaptiveAvgPool2d((1, 1))` picks its window from the input, so it
# always averages the whole map, whatever its size: that is why our digits
# model can use 32x32 images.

# %%
with torch.device("meta"):
    paper = resnet18(variant="paper").eval()
    print(paper(torch.empty(1, 3, 224, 224)).shape)
    try:
        paper(torch.empty(1, 3, 64, 64))
    except RuntimeError as error:
        print(error)

# %%
with torch.device("meta"):
    print(resnet18()(torch.empty(1, 3, 64, 64)).shape)

# %% [markdown]
# **`zero_init_residual=True`** starts the last BN of every block (`bn2` in
# BasicBlock, `bn3` in Bottleneck) with weight 0. The residual branch then
# outputs exactly 0, and each block starts as `relu(shortcut(x))`, which is `x`
# itself for the non-negative `x` a block receives. The deep network starts
# out behaving like a much shallower one and grows its residuals from there;
# Goyal et al. found it helps large-batch training. torchvision offers the same
# option, off by default.

# %%
_ = torch.manual_seed(0)
block = resnet18(zero_init_residual=True).layer2[1].eval()
X = torch.relu(torch.randn(1, 128, 4, 4))
torch.equal(block(X), X)

# %% [markdown]
# ## 7. Training for real: digits
#
# scikit-learn ships the 1,797 8x8 images of its digits data set, so this runs
# offline. `data.py` scales them to [0, 1], resizes them to 32x32 (bilinear),
# splits them 80/20 with a seed, stratified by class, and standardises with the
# training set's mean and standard deviation. The network is our `resnet18`
# with `in_channels=1` and `num_classes=10`, trained with SGD (momentum 0.9,
# weight decay 5e-4) under a one-cycle learning-rate schedule:
#
# ```python
# @dataclass
# class TrainConfig:
#     model: str = "resnet18"
#     image_size: int = 32
#     num_epochs: int = 6
#     batch_size: int = 64      # the global batch
#     lr: float = 0.05          # peak of the one-cycle schedule
#     ...
# ```
#
# ```bash
# .venv/bin/python -m chapters.ch03_resnet.train                  # every field is a flag:
# .venv/bin/python -m chapters.ch03_resnet.train --num-epochs 10 --lr 0.1 --no-progress
# ```
#
# Before it starts, it times three steps and prints what to expect on your
# machine at that moment; then it shows one tqdm bar for the whole run, with its
# ETA, prints loss and accuracy (train and test) per epoch, and saves
# `runs/ch03_resnet/curves.png`, `history.json` and `model.pt`. The default run,
# measured (CPU, 2 threads pinned to 2 cores of an
# otherwise idle 16-core Xeon; with 2 threads, the same seed gave the same
# numbers on both machines we tried; another thread count adds up in another
# order and lands on slightly different ones):
#
# | epoch | train loss | train acc | test loss | test acc |
# |---|---|---|---|---|
# | 1 | 1.102 | 0.625 | 153.7 | 0.100 |
# | 2 | 0.647 | 0.874 | 26.91 | 0.272 |
# | 3 | 0.311 | 0.929 | 0.659 | 0.883 |
# | 4 | 0.164 | 0.962 | 0.155 | 0.964 |
# | 5 | 0.071 | 0.977 | 0.070 | 0.983 |
# | 6 | 0.032 | 0.988 | 0.077 | **0.975** |
#
# 21 s of training there (35 s with start-up). On a 2-core machine shared with
# other busy jobs the same run took 185 to 325 s: its epochs took 4 s when the
# cores were free and up to 70 s when they were not (two compute threads that
# must wait for each other suffer most from a crowded CPU). The accuracy was
# the same to the last digit there. On a third 2-core machine, shared with five
# other jobs (load average 4 to 6.6), it took 244 s of training (293 s in all)
# and ended at 95.8% test accuracy: another CPU can add up in another order, and
# six epochs of a one-cycle schedule carry such differences to the end.
# Under `torchrun --standalone --nproc_per_node=2` (one thread per process) the
# same machine trained for 63 s and reached 96.7%: not the same numbers as one
# process, because each rank's BatchNorm sees only its 32 samples (section 8).
#
# The first test numbers look alarming: 10% accuracy and a test loss of 150
# while the training accuracy is already 62%. That is BatchNorm, not the model:
# in eval mode BN uses its running averages, which trail the batch statistics
# while the weights still change fast at a high learning rate. Once the
# learning rate comes down, the two agree. Trust the last epochs.

# %% [markdown]
# ## 8. Scaling out: DistributedDataParallel
#
# The same script runs as several processes. `torchrun` starts them and gives
# each its `RANK`, `LOCAL_RANK`, `WORLD_SIZE`, `MASTER_ADDR` and `MASTER_PORT`:
#
# ```bash
# torchrun --standalone --nproc_per_node=2 -m chapters.ch03_resnet.train
# ```
#
# What changes when `WORLD_SIZE` > 1 (see `distributed.py` and `train.py`):
#
# - `init_process_group` with **gloo** on CPU, **nccl** when CUDA is there (one
#   GPU per process, picked by `LOCAL_RANK`);
# - the model is wrapped in `DistributedDataParallel`. It broadcasts rank 0's
#   weights at the start, and during `backward()` it all-reduces (averages) the
#   gradients, bucket by bucket, while the backward pass is still running. Every
#   rank then takes the same optimiser step from the same gradients, so the
#   weights stay identical without ever being sent again;
# - a `DistributedSampler` gives each rank its own share of every epoch's
#   permutation (`set_epoch(epoch)` makes a new permutation each epoch, the same
#   on every rank). `batch_size` stays the **global** batch: each of 2 ranks
#   takes 32 of the 64;
# - only rank 0 evaluates, prints and saves;
# - at the end, `dist.barrier()` and then `destroy_process_group()`. Without the
#   barrier, a 2-process gloo run on our machines aborted at exit
#   ("terminate called without an active exception") about 1 run in 7.
#
# BatchNorm is the one layer that notices: each rank normalises with the
# statistics of its own 32 samples, not of all 64. So "the same as one process
# with the same global batch" means one process that also cuts each batch into
# the same two halves and adds their gradients (`--grad-accum 2`). The test does
# exactly that: it launches `torchrun --nproc_per_node=2` on the CPU for 3
# steps with a global batch of 32, checks the two ranks' parameters are
# **bitwise** identical, and that they match the single process with
# `--grad-accum 2` to within 1e-5 (only the order of the float32 additions
# differs). The same batch in one piece (BN over all 32 samples instead of
# 2 x 16) lands measurably elsewhere, and the test checks that too.
# (`nn.SyncBatchNorm` would compute global statistics instead, on GPUs only.)
#
# Several machines: run the same command on each, naming how many machines
# there are and one address they can all reach for the rendezvous:
#
# ```bash
# # on each of 2 machines, 4 GPUs each (8 processes in all):
# torchrun --nnodes=2 --nproc_per_node=4 --rdzv-backend=c10d \
#     --rdzv-endpoint=node0.example:29500 --rdzv-id=digits1 \
#     -m chapters.ch03_resnet.train
# ```
#
# Nothing in the script changes: `RANK` then runs over all 8 processes and
# `LOCAL_RANK` over the 4 on each machine.

# %% [markdown]
# ## Traps
#
# - **A 1x1 conv with stride 2 throws away 3/4 of its input.** Put the stride
#   on the 3x3 conv (v1.5), as torchvision does.
# - **`AvgPool2d(7)` is not "global average pooling".** It only is for a 7x7
#   map; at 256x256 it silently drops a row and a column. Use
#   `AdaptiveAvgPool2d((1, 1))`.
# - **A conv bias before BatchNorm is dead weight** (and breaks loading
#   torchvision's weights).
# - **Comparing against a fresh BatchNorm proves nothing**: in eval mode it is
#   the identity. Randomise its statistics first.
# - **Eval-mode accuracy early in training** can be far below training accuracy
#   because of BN's running statistics; it is not overfitting.
# - **DDP with BatchNorm is not the same as one big batch**: statistics are per
#   rank. Compare against per-rank micro-batches, or use SyncBatchNorm on GPUs.
# - **`batch_size` under DDP**: decide whether it is per process or global; here
#   it is global, so the learning rate means the same at any number of ranks.
# - **gloo at exit**: `dist.barrier()` before `dist.destroy_process_group()`.

# %% [markdown]
# ## Exercises
#
# **Practice mode.** The exercises below have a judge: you write the answer in
# `practice/<slug>/solution.py`, and the judge compares it with torchvision on
# generated inputs (parameter count, `state_dict` keys and shapes in order, and
# the float64 outputs after loading torchvision's weights with randomised
# BatchNorm statistics), shows the smallest input where they differ and names the
# trap when your output is a known wrong answer's. Start one with
# `make practice EX=<slug>` (the statement, a stub, an example), judge it with
# `make check EX=<slug>`; `make hint`, `make watch` and `make reveal` take the same
# `EX=`.
#
# | slug | you write | traps the judge knows |
# |---|---|---|
# | `ch03_basic_block` | `BasicBlock(inplanes, planes, stride=1, downsample=None)` (section 1) | a conv bias before BN; no ReLU after the addition; the ReLU before it |
# | `ch03_bottleneck` | `Bottleneck(inplanes, planes, stride=1, downsample=None)` (sections 1, 6) | v1 vs v1.5: the stride on the first 1x1 conv; a conv bias before BN; no expansion |
# | `ch03_resnet50` | `resnet50(num_classes=1000, in_channels=3)` (sections 2, 3) | the v1 stride; the tutorials' 3x3 stem; no max pool |

# %%
from chapters import CATALOG, exercise_modules   # the files the practice catalog finds
[name for _, name, _ in exercise_modules([c for c in CATALOG if c.number == 3])]

# %% [markdown]
# For instance `make practice EX=ch03_bottleneck`, then `make check EX=ch03_bottleneck`.
# A `resnet50` check builds a few full networks and takes about half a minute.
#
# More, without a judge:
#
# 1. Add `resnext50_32x4d`: torchvision's Bottleneck takes `groups=32` and a
#    `width_per_group=4` that widen the 3x3 conv. Match its parameter count
#    (25,028,904) and outputs, as the tests do for the five ResNets.
# 2. Train `resnet34` and `resnet50` on digits with the same budget of epochs.
#    Which is best at 32x32, and why might the deepest one not win here? (Look
#    at the layer table at 32x32: how big is `layer4`'s map?)
# 3. Replace the stem for small images (3x3 conv, stride 1, no max pool, as
#    CIFAR ResNets do) and compare accuracy and FLOPs at 32x32.
# 4. Run the DDP test's command with `--nproc_per_node=4 --batch-size 32` and
#    check that it matches one process with `--grad-accum 4`.

# %% [markdown]
# ## Summary
#
# - A ResNet is a stem, four stages of residual blocks and a linear head; the
#   depth only picks the block and the block counts.
# - A shortcut needs a 1x1 conv (+BN) only when the stride or the channel
#   count changes: the first block of a stage, and ResNet-50's first block.
# - Our models equal torchvision's: 11,689,512 / 21,797,672 / 25,557,032 /
#   44,549,160 / 60,192,808 parameters, the same keys, strict loading, outputs
#   identical in float64 for all five depths.
# - `O = (I - K + 2P) / S + 1` predicts every stage; `FlopCounterMode`
#   reproduces torchvision's GFLOPs.
# - ResNet-18 learns the digits to 97.5% test accuracy in 6 short epochs on two
#   CPU cores, and the same script scales out with `torchrun` and DDP.

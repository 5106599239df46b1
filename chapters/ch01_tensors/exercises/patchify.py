"""Image batches to flat patches with view, permute and reshape."""

import torch
from hypothesis import strategies as st

from chapters.ch01_tensors.exercises._strategies import sizes, tensors
from chapters.ch01_tensors.solutions import patchify
from chapters.practice.torch_exercise import TorchExercise, wrong

STUB = '''"""Images to non-overlapping patches. Check: make check EX=ch01_patchify"""

import torch


def patchify(images: torch.Tensor, p: int) -> torch.Tensor:
    """(B, C, H, W) -> (B, H/p * W/p, C * p * p): patches row by row, each as (C, p, p) flattened."""
    raise NotImplementedError("write your answer here")
'''


@wrong("reshape is not a transpose: it keeps the memory order, so a 'patch' is a run of pixels",
       "4. Views and copies")
def reshape_only(images: torch.Tensor, p: int) -> torch.Tensor:
    B, C, H, W = images.shape
    return images.reshape(B, (H // p) * (W // p), C * p * p)  # right shape, wrong elements


@wrong("each patch flattened as (p, p, C) instead of (C, p, p)", "4. Views and copies")
def channels_last_in_patch(images: torch.Tensor, p: int) -> torch.Tensor:
    B, C, H, W = images.shape
    x = images.view(B, C, H // p, p, W // p, p)  # (B, C, h, p, w, p)
    x = x.permute(0, 2, 4, 3, 5, 1)  # (B, h, w, p, p, C)
    return x.reshape(B, (H // p) * (W // p), C * p * p)


@wrong("H split as (p, H/p): every (H/p)-th row, not a block of p neighbours",
       "4. Views and copies")
def strided_split(images: torch.Tensor, p: int) -> torch.Tensor:
    B, C, H, W = images.shape
    x = images.view(B, C, p, H // p, p, W // p)  # (B, C, p, h, p, w): the wrong factor order
    x = x.permute(0, 3, 5, 1, 2, 4)  # (B, h, w, C, p, p)
    return x.reshape(B, (H // p) * (W // p), C * p * p)


def inputs() -> st.SearchStrategy[tuple]:
    """A batch (maybe empty) of C-channel images that h x w patches of side p tile exactly."""
    shape = st.tuples(sizes(0, 2), sizes(1, 3), sizes(1, 3), sizes(1, 3), sizes(1, 3))
    return shape.flatmap(lambda s: st.tuples(
        tensors((s[0], s[1], s[2] * s[4], s[3] * s[4]), 0, 9), st.just(s[4])))


EXERCISE = TorchExercise(
    title="Images to patches with view, permute and reshape",
    statement="""
Write `patchify(images, p)`: cut each image of a batch `images (B, C, H, W)` into
non-overlapping `p x p` squares and return them as a `(B, H/p * W/p, C * p * p)` tensor (the
first step of a Vision Transformer). Patches come row by row: patch `r * (W/p) + c` covers the
pixel rows `r*p .. r*p+p-1` and columns `c*p .. c*p+p-1`. Each patch is flattened channel first,
the same order as `images[b, :, r*p:(r+1)*p, c*p:(c+1)*p].reshape(-1)`. `H` and `W` are
multiples of `p`. Use only `view`, `permute` and `reshape` (no loops, no `unfold`).
The batch may be empty (`B == 0`): a `-1` in `reshape` cannot be inferred from zero elements,
so spell every size out.
""",
    stub=STUB,
    name="patchify",
    reference=patchify,
    inputs=inputs,
    example=(torch.arange(2 * 4 * 4.0).reshape(1, 2, 4, 4), 2),
    hints=(
        "Split H into (H/p, p) and W into (W/p, p) first: a free view to (B, C, h, p, w, p).",
        "Then move the patch-grid dims h and w in front of C and the two p's: permute(0, 2, 4, 1, 3, 5).",
        "The permuted tensor is not contiguous, so the last step is .reshape(B, h * w, C * p * p) "
        "(view would refuse): that is the step that copies.",
    ),
    wrong=(reshape_only, channels_last_in_patch, strided_split),
)

"""gradcheck in float64 vs float32, a buggy backward, fast_mode."""

import math

import pytest
import torch

from chapters.ch04_autograd_function.gradchecks import (
    SlightlyWrongLinear,
    central_difference,
    count_calls,
    difference_errors,
    linear,
    make_inputs,
    passes,
    passes_gradgrad,
)

LOOSE = {"eps": 1e-2, "atol": 1e-2, "rtol": 1e-2}


@pytest.mark.parametrize("fast_mode", [False, True])
def test_float64_correct_passes_and_bug_fails(fast_mode):
    assert passes(linear, make_inputs(), fast_mode=fast_mode)
    assert not passes(SlightlyWrongLinear.apply, make_inputs(), fast_mode=fast_mode)
    assert passes_gradgrad(linear, make_inputs(), fast_mode=fast_mode)


@pytest.mark.parametrize("seed", range(3))
def test_float32_rejects_correct_and_loosened_accepts_bug(seed):
    # Default eps=1e-6 in float32: the numerical Jacobian is rounding noise, a correct op fails.
    assert not passes(linear, make_inputs(torch.float32, seed=seed))
    # Loosen it enough to pass, and a backward that is 1% wrong passes too.
    assert passes(linear, make_inputs(torch.float32, seed=seed), **LOOSE)
    assert passes(SlightlyWrongLinear.apply, make_inputs(torch.float32, seed=seed), **LOOSE)


def test_float32_warns():
    with pytest.warns(UserWarning, match="not a double precision"):
        torch.autograd.gradcheck(linear, make_inputs(torch.float32), raise_exception=False)


def test_central_difference_rounding():
    x = torch.tensor(1.2345678)
    exact = 2 * x.double().item()  # d/dx x² at the float32 value of x
    f = lambda t: t * t  # noqa: E731
    f32 = central_difference(f, x, 1e-6).item()
    f64 = central_difference(f, x.double(), 1e-6).item()
    assert abs(f32 - exact) > 0.1  # float32: about 6% off
    assert abs(f64 - exact) < 1e-8
    # float32 spacing near x² ≈ 1.52 is 2**-23 (values in [1, 2)), so the quotient moves
    # in steps of 2**-23 / 2e-6 ≈ 0.06
    assert f32 / (2**-23 / 2e-6) == pytest.approx(round(f32 / (2**-23 / 2e-6)), abs=1e-3)


def test_fast_mode_runs_far_fewer_forwards():
    small, big = make_inputs(), make_inputs(n=32, in_features=16, out_features=8)
    # full mode: two forwards per input element (x ± eps), plus the forwards of the check itself
    assert count_calls(linear, small, fast_mode=False) == 2 * (4 * 3 + 3 * 2 + 2) + 2
    assert count_calls(linear, big, fast_mode=False) == 2 * (32 * 16 + 16 * 8 + 8) + 2
    # fast mode: one random direction per input, whatever its size
    assert count_calls(linear, small, fast_mode=True) == 8
    assert count_calls(linear, big, fast_mode=True) == 8


def test_difference_error_rounding_vs_truncation():
    eps = [10.0**-k for k in range(1, 9)]
    e32 = difference_errors(eps, torch.float32)
    e64 = difference_errors(eps, torch.float64)
    # large eps: truncation error e·eps²/6, the same in both precisions
    assert e32[0] == pytest.approx(e64[0], rel=0.05)
    assert e64[0] == pytest.approx(math.e * 0.01 / 6, rel=0.01)
    # gradcheck's eps=1e-6: float32 is off by percents, float64 by ~1e-10
    assert e32[5] > 1e-2 and e64[5] < 1e-9
    # no eps rescues float32 to the accuracy float64 reaches
    assert min(e32) > 1e3 * min(e64)

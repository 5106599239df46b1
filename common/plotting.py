"""Saving figures without a screen, log axes whose tick labels never collide, and a check
that no label is drawn over another."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display needed; must happen before pyplot is imported
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import MaxNLocator, NullLocator  # noqa: E402

RESULTS = Path("bench-results")


def save_figure(fig: plt.Figure, path: str | Path) -> Path:
    """Save `fig` as a PNG (creating the folder), close it, and return the path.

    Warns when tick labels, or the texts written on an axes (annotations), are drawn over each
    other, so an unreadable plot says so.
    """
    path = Path(path)
    for kind, collisions in (("tick labels", overlapping_tick_labels(fig)),
                             ("texts", overlapping_texts(fig))):
        if collisions:
            shown = ", ".join(f"{a!r} over {b!r}" for a, b in collisions[:3])
            warnings.warn(f"{path}: {kind} overlap: {shown}", stacklevel=2)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120, bbox_inches="tight")
    plt.close(fig)
    return path


def short_count(value: float) -> str:
    """A count as a short exact label: 256 -> "256", 4096 -> "4,096", 10000 -> "10k", 2e6 -> "2M"."""
    if value != int(value):
        return f"{value:g}"
    value = int(value)
    for size, suffix in ((10**9, "G"), (10**6, "M"), (10**3, "k")):
        if value >= size and value % size == 0:
            return f"{value // size:,}{suffix}"
    return f"{value:,}"


def log_axis_ticks(
    ax: plt.Axes,
    values: Iterable[float],
    axis: str = "x",
    label: Callable[[float], str] = short_count,
) -> None:
    """Tick a log axis at exactly `values` (the sizes measured), labelled by `label`.

    Matplotlib labels a log axis that spans less than a decade or two at its minor ticks too
    ("2x10^2", "3x10^2", ...), and those labels land on top of explicit ones. This puts the
    major ticks at `values` and removes the minor ticks. Call it after setting the log scale
    (setting a scale resets the ticks); on axes that share this axis it applies to all.
    """
    if axis not in ("x", "y"):
        raise ValueError(f"axis must be 'x' or 'y', got {axis!r}")
    ticks = sorted(set(values))
    if not ticks:
        raise ValueError("log_axis_ticks needs at least one value")
    which = ax.xaxis if axis == "x" else ax.yaxis
    which.set_ticks(ticks, [label(value) for value in ticks])
    which.set_minor_locator(NullLocator())


def integer_ticks(ax: plt.Axes, axis: str = "x") -> None:
    """Put ticks on `axis` at whole numbers only (epochs: no "1.5")."""
    if axis not in ("x", "y"):
        raise ValueError(f"axis must be 'x' or 'y', got {axis!r}")
    (ax.xaxis if axis == "x" else ax.yaxis).set_major_locator(MaxNLocator(integer=True))


def overlapping_tick_labels(fig: plt.Figure) -> list[tuple[str, str]]:
    """Pairs of tick labels that are drawn on top of each other, on any axis of `fig`."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    pairs = []
    for ax in fig.axes:
        for which in (ax.xaxis, ax.yaxis):
            low, high = sorted(which.get_view_interval())
            slack = 1e-9 * (high - low)
            drawn = []
            for text in which.get_ticklabels(which="both"):
                position = text.get_position()[0 if which is ax.xaxis else 1]
                inside = low - slack <= position <= high + slack
                if inside and text.get_visible() and text.get_text():
                    drawn.append((text.get_text(), text.get_window_extent(renderer)))
            for i, (name, box) in enumerate(drawn):
                pairs += [(name, other) for other, o_box in drawn[i + 1 :] if box.overlaps(o_box)]
    return pairs


def overlapping_texts(fig: plt.Figure) -> list[tuple[str, str]]:
    """Pairs of texts written on one axes (ax.text, ax.annotate) drawn on top of each other."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    pairs = []
    for ax in fig.axes:
        drawn = [(t.get_text(), t.get_window_extent(renderer)) for t in ax.texts
                 if t.get_visible() and t.get_text()]
        for i, (name, box) in enumerate(drawn):
            pairs += [(name, other) for other, o_box in drawn[i + 1 :] if box.overlaps(o_box)]
    return pairs


def seconds_label(value: float) -> str:
    """A duration in the unit that keeps it short: 2e-4 -> "200 µs", 0.005 -> "5 ms"."""
    for scale, unit in ((1.0, "s"), (1e-3, "ms"), (1e-6, "µs")):
        if value >= scale * (1 - 1e-9):
            return f"{value / scale:.3g} {unit}"
    return f"{value / 1e-9:.3g} ns"


# Tick grids for a log axis, finest first: (multiples in a decade, decades between ticks).
_LOG_GRIDS = [((1, 2, 5), 1), ((1, 3), 1), ((1,), 1), ((1,), 2), ((1,), 3), ((1,), 5)]


def _grid_ticks(low: float, high: float, subs: tuple[int, ...], step: int) -> list[float]:
    """The grid values from the last one at or below `low` to the first at or above `high`."""
    first, last = math.floor(math.log10(low)) - step, math.ceil(math.log10(high)) + step
    grid = [m * 10.0**e for e in range(first - first % step, last + 1, step) for m in subs]
    below = [g for g in grid if g <= low * (1 + 1e-9)]
    above = [g for g in grid if g >= high * (1 - 1e-9)]
    start, stop = max(below), min(above)
    if stop == start:  # one value only: show the next grid value too
        stop = min(g for g in grid if g > start)
    return [g for g in grid if start <= g <= stop]


def log_seconds_axis(ax: plt.Axes, axis: str = "y", max_labels: int = 6) -> list[float]:
    """Make `axis` a log axis of seconds, labelled "1 ms", "2 ms", ... and never crowded.

    Matplotlib labels a log axis spanning less than a decade at its minor ticks
    ("1.19x10^-3", "1.195x10^-3", ...) and one spanning many decades at every decade. This
    picks the finest 1-2-5 grid with at most `max_labels` ticks that encloses the data, sets
    the limits to it (so at least two ticks are labelled) and drops the minor ticks. Returns
    the ticks. Call it after plotting.
    """
    if axis not in ("x", "y"):
        raise ValueError(f"axis must be 'x' or 'y', got {axis!r}")
    if max_labels < 2:
        raise ValueError(f"max_labels must be at least 2, got {max_labels}")
    box = ax.dataLim
    low, high = (box.x0, box.x1) if axis == "x" else (box.y0, box.y1)
    if not (low > 0 and math.isfinite(high)):
        raise ValueError(f"a log axis of seconds needs positive data, got {low} to {high}")
    for subs, step in _LOG_GRIDS:
        ticks = _grid_ticks(low, high, subs, step)
        if len(ticks) <= max_labels:
            break
    which = ax.xaxis if axis == "x" else ax.yaxis
    (ax.set_xscale if axis == "x" else ax.set_yscale)("log")
    pad = (ticks[-1] / ticks[0]) ** 0.03  # markers on the first and last tick stay whole
    (ax.set_xlim if axis == "x" else ax.set_ylim)(ticks[0] / pad, ticks[-1] * pad)
    which.set_ticks(ticks, [seconds_label(t) for t in ticks])
    which.set_minor_locator(NullLocator())
    return ticks

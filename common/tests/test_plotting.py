"""Log axes ticked at the measured sizes carry no colliding labels."""

import pytest

from common.plotting import (
    integer_ticks,
    log_axis_ticks,
    log_seconds_axis,
    overlapping_tick_labels,
    plt,
    save_figure,
    seconds_label,
    short_count,
)

SIZES = (128, 256, 512, 1024)  # chapter 5's matrix sizes: less than a decade


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (256, "256"),
        (4096, "4,096"),
        (10_000, "10k"),
        (2_000_000, "2M"),
        (1500, "1,500"),
        (0.5, "0.5"),
    ],
)
def test_short_count_is_short_and_exact(value, label):
    assert short_count(value) == label


def log_log_figure():
    fig, ax = plt.subplots(figsize=(6.5, 4))
    ax.plot(SIZES, [1, 10, 100, 50], marker="o")
    ax.set(xscale="log", yscale="log")
    return fig, ax


def test_explicit_ticks_alone_collide_with_the_minor_labels():
    fig, ax = log_log_figure()
    ax.set_xticks(SIZES, [str(n) for n in SIZES])  # what chapter 5's plot did
    assert ("256", r"$\mathdefault{3\times10^{2}}$") in overlapping_tick_labels(fig)
    plt.close(fig)


def test_log_axis_ticks_labels_exactly_the_sizes_and_nothing_collides():
    fig, ax = log_log_figure()
    log_axis_ticks(ax, [1024, 128, 256, 512, 256])
    assert overlapping_tick_labels(fig) == []
    drawn = [t.get_text() for t in ax.get_xticklabels(which="both")]
    assert drawn == ["128", "256", "512", "1,024"]
    plt.close(fig)


def test_log_axis_ticks_on_the_y_axis():
    fig, ax = log_log_figure()
    log_axis_ticks(ax, [1, 10, 100], axis="y", label=lambda v: f"{v:g} s")
    assert [t.get_text() for t in ax.get_yticklabels(which="both")] == ["1 s", "10 s", "100 s"]
    plt.close(fig)


@pytest.mark.parametrize(
    ("values", "axis", "message"), [([], "x", "at least one"), ([1], "z", "axis must be")]
)
def test_log_axis_ticks_refuses_bad_input(values, axis, message):
    fig, ax = log_log_figure()
    with pytest.raises(ValueError, match=message):
        log_axis_ticks(ax, values, axis=axis)
    plt.close(fig)


def test_save_figure_warns_when_labels_collide_and_still_saves(tmp_path):
    fig, ax = log_log_figure()
    ax.set_xticks(SIZES, [str(n) for n in SIZES])
    with pytest.warns(UserWarning, match="tick labels overlap: '256' over"):
        path = save_figure(fig, tmp_path / "crowded.png")
    assert path.stat().st_size > 1000


def test_save_figure_warns_when_two_annotations_collide(tmp_path):
    fig, ax = log_log_figure()
    log_axis_ticks(ax, SIZES)
    ax.annotate("avx512 peak 224", (SIZES[0], 224))
    ax.annotate("avx2 peak 226", (SIZES[0], 226))
    with pytest.warns(UserWarning, match="texts overlap: 'avx512 peak 224' over 'avx2 peak 226'"):
        save_figure(fig, tmp_path / "crowded.png")


def test_save_figure_is_silent_about_a_readable_plot(tmp_path, recwarn):
    fig, ax = log_log_figure()
    log_axis_ticks(ax, SIZES)
    save_figure(fig, tmp_path / "readable.png")
    assert not [w for w in recwarn if "overlap" in str(w.message)]


def test_integer_ticks_show_whole_epochs_only():
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3], [0.5, 0.8, 0.9])
    integer_ticks(ax)
    fig.canvas.draw()
    low, high = ax.get_xlim()
    shown = [t for t in ax.get_xticks() if low <= t <= high]
    assert shown and all(float(t).is_integer() for t in shown)
    plt.close(fig)


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (2e-4, "200 µs"),
        (1e-3, "1 ms"),
        (0.005, "5 ms"),
        (0.1, "100 ms"),
        (2.0, "2 s"),
        (5e-7, "500 ns"),
    ],
)
def test_seconds_label_picks_the_unit(value, label):
    assert seconds_label(value) == label


def seconds_figure(times):
    fig, ax = plt.subplots(figsize=(3.6, 2.8))  # one panel of the SQL benchmark's grid
    ax.plot([1000] * len(times), times, "o")
    return fig, ax


def test_a_narrow_range_gets_two_labelled_ticks_around_it():
    # 1.29 ms to 1.316 ms: matplotlib labels a dozen minor ticks here.
    fig, ax = seconds_figure([1.29e-3, 1.316e-3])
    assert log_seconds_axis(ax) == [1e-3, 2e-3]
    assert [t.get_text() for t in ax.get_yticklabels(which="both")] == ["1 ms", "2 ms"]
    assert overlapping_tick_labels(fig) == []
    plt.close(fig)


def test_a_wide_range_thins_its_ticks_to_at_most_max_labels():
    fig, ax = seconds_figure([3e-6, 40.0])  # seven decades
    ticks = log_seconds_axis(ax, max_labels=6)
    assert len(ticks) <= 6 and ticks[0] <= 3e-6 and ticks[-1] >= 40.0
    assert overlapping_tick_labels(fig) == []
    plt.close(fig)


def test_log_seconds_axis_refuses_data_a_log_axis_cannot_show():
    fig, ax = seconds_figure([0.0, 1.0])
    with pytest.raises(ValueError, match="positive"):
        log_seconds_axis(ax)
    plt.close(fig)

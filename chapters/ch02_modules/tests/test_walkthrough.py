"""The walk-through runs every README example and prints its real result."""

import io

from rich.console import Console

from chapters.ch02_modules.__main__ import LESSON


def test_walkthrough_prints_each_example_with_its_real_result():
    console = Console(file=io.StringIO(), width=100, color_system=None)
    assert LESSON.main(["--no-prose"], console=console) == 0
    out = console.file.getvalue()
    for expected in [
        ">>> log\n['pre net', 'pre fc1'",
        "<All keys matched successfully>",
        "layers.0.weight",
        "num_batches_tracked",
        ">>> type(blocks).__name__, len(blocks), len(blocks.state_dict())\n('ModuleList', 4, 8)",
    ]:
        assert expected in out
    total = sum(len(s.examples) for s in LESSON.sections())
    assert out.rstrip().endswith(f"{total} examples ran, all match the README")

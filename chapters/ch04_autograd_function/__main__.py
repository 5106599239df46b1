"""Walk-through: `python -m chapters.ch04_autograd_function` runs the lesson section by section."""

from __future__ import annotations

import time
import warnings

import torch
from rich.console import Console
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from .gradchecks import SlightlyWrongLinear, linear, make_inputs, passes
from .walkthrough import run_lesson


def verdict_table() -> Table:
    """gradcheck's verdicts for a correct and a 1%-wrong backward, by dtype, tolerance and mode."""
    table = Table(title="gradcheck verdicts (True = passes)")
    for column in ("inputs", "settings", "fast_mode", "correct backward", "1%-wrong backward"):
        table.add_column(column)
    loose = {"eps": 1e-2, "atol": 1e-2, "rtol": 1e-2}
    for dtype, name, options in (
        (torch.float64, "defaults", {}),
        (torch.float32, "defaults", {}),
        (torch.float32, "eps=atol=rtol=1e-2", loose),
    ):
        for fast_mode in (False, True):
            good = passes(linear, make_inputs(dtype), fast_mode=fast_mode, **options)
            bad = passes(SlightlyWrongLinear.apply, make_inputs(dtype), fast_mode=fast_mode, **options)
            verdicts = [
                Text(str(good), style="green" if good else "red"),
                Text(str(bad), style="red" if bad else "green"),
            ]
            table.add_row(str(dtype).removeprefix("torch."), name, str(fast_mode), *verdicts)
    return table


def main() -> None:
    console = Console()
    start = time.perf_counter()
    console.rule("[bold]Chapter 4: torch.autograd.Function and the linear layer")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # float32 gradcheck warns on purpose; the lesson says why
        lesson = run_lesson()
        for section in lesson:
            console.rule(f"[bold cyan]{section.title}")
            for step in section.steps:
                console.print(Syntax(step.source, "python", theme="ansi_dark", background_color="default",
                                     word_wrap=True))
                if step.output:
                    console.print(Text(step.output, style="yellow"))
        console.rule("[bold cyan]Summary table")
        console.print(verdict_table())
    steps = sum(len(section.steps) for section in lesson)
    console.print(
        f"{steps} examples in {len(lesson)} sections, {time.perf_counter() - start:.1f} s. "
        "Read the lesson in chapters/ch04_autograd_function/README.md."
    )


if __name__ == "__main__":
    main()

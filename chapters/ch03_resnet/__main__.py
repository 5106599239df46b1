"""Walk-through: `python -m chapters.ch03_resnet [N ...] [--no-prose] [--width W] [--lesson-only]`.

Every `>>>` example of README.md runs live, in order, printed with the output it really gives
(common/lesson.py); one that differs from the README is flagged and makes the exit status 1.
After the lesson: the training run of sections 7 and 8, how to start it and how long it takes
(measured, and estimated on this machine now from two timed steps); it is not run here.
"""

import sys
from pathlib import Path

from common.lesson import Config, Lesson

COMMANDS = """\
.venv/bin/python -m chapters.ch03_resnet.train       # resnet18, digits 32x32, 6 epochs
torchrun --standalone --nproc_per_node=2 -m chapters.ch03_resnet.train   # DDP, gloo"""


def training_run(console, config: Config) -> None:
    """How to train for real, with the measured time and this machine's estimate."""
    from rich.text import Text

    from chapters.ch03_resnet.train import MEASURED, TrainConfig, expected_seconds

    console.print()
    console.print(Text("After the lesson: training for real (sections 7 and 8)", style="bold cyan"))
    console.rule(style="cyan")
    console.print(Text(COMMANDS), soft_wrap=True)
    console.print(f"The default run, {MEASURED}.")
    seconds, steps = expected_seconds(TrainConfig())
    console.print(
        f"On this machine now: about {seconds:.0f} s for its {steps} steps (two steps timed "
        "just now; a busy CPU makes it longer). The run prints its own estimate, and its "
        "progress bar an ETA."
    )


LESSON = Lesson(
    Path(__file__).parent, after=training_run, after_help="the training run's time estimate"
)

if __name__ == "__main__":
    sys.exit(LESSON.main())

"""What the judge says: one clear line first, then the details that explain it."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.console import Console, RenderableType
from rich.text import Text

from chapters import package_for


@dataclass
class Verdict:
    """The judge's answer for one exercise and one language."""

    solved: bool
    headline: str  # one line: what happened
    details: list[RenderableType] = field(default_factory=list)
    traps: list = field(default_factory=list)  # the known wrong answers the learner's output matches
    stage: str = ""  # "not started", "error", "example", "generated" or "solved"

    def with_output(self, printed: str) -> Verdict:
        """This verdict, with what the learner's code printed (if it printed anything)."""
        if printed.strip():
            self.details.append(Text("What your code printed (it goes here, not to the terminal):",
                                     style="dim"))
            self.details.append(Text(printed.rstrip(), style="dim"))
        return self

    def show(self, console: Console) -> None:
        mark, style = ("✓", "bold green") if self.solved else ("✗", "bold red")
        console.print(Text(f"{mark} {self.headline}", style=style))
        for detail in self.details:
            console.print(detail)


def plural(count: int, noun: str) -> str:
    """The noun for `count` of it: 1 input, 2 inputs."""
    return noun if count == 1 else noun + "s"


def example_note(problems: list[str], examples: int) -> Text:
    """The line shown as soon as the example is judged, while the generated inputs run."""
    if not problems:
        return Text(f"  the example agrees; now {examples} generated {plural(examples, 'input')} ...",
                    style="dim")
    return Text(f"  the example differs ({problems[0]}); looking for the smallest input that "
                "fails ...", style="yellow")


def trap_note(answer, chapter: int) -> Text:
    """The line that names a trap and where the lesson explains it."""
    readme = f"chapters/{package_for(chapter)}/README.md"
    return Text.assemble(
        ("This is a known trap: ", "bold yellow"),
        (answer.trap, "bold"),
        f'. The lesson explains it in chapter {chapter}, section "{answer.section}" ({readme}).',
    )

"""The chapters, in order. `make chapter-N` looks chapter N up here (standard library only)."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent

# (number, package, title); a chapter is "ready" once its package has a __main__.py.
CATALOG = [
    (1, "ch01_tensors", "Tensors"),
    (2, "ch02_modules", "nn.Module from the inside"),
    (3, "ch03_resnet", "ResNet from scratch"),
    (4, "ch04_autograd_function", "torch.autograd.Function and the linear layer"),
    (5, "ch05_cuda_extension", "A C++/CUDA extension: mylinearops"),
    (6, "ch06_filtering", "pandas and MySQL: filtering"),
    (7, "ch07_strings", "pandas and MySQL: strings"),
    (8, "ch08_data_manipulation", "pandas and MySQL: data manipulation"),
    (9, "ch09_statistics", "pandas and MySQL: statistics"),
    (10, "ch10_grouping", "pandas and MySQL: grouping"),
    (11, "ch11_merging", "pandas and MySQL: merging"),
]
NEEDS_MYSQL = {number for number, package, _ in CATALOG if number >= 6}


def is_ready(package: str) -> bool:
    """A chapter is ready when its walk-through exists."""
    return (HERE / package / "__main__.py").exists()


def package_for(number: int) -> str | None:
    """The package of chapter `number`, or None if there is no such chapter."""
    return next((package for n, package, _ in CATALOG if n == number), None)


def table() -> str:
    """The chapter list with each chapter's status, as `make chapter-N` prints it."""
    lines = ["Chapters (run one with `make chapter-N`):"]
    for number, package, title in CATALOG:
        status = "ready" if is_ready(package) else "planned"
        lines.append(f"  {number:>2}  {title:<48} {status}")
    return "\n".join(lines)

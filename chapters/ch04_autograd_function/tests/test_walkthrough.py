"""The walk-through's machinery: README sections, running examples, capturing errors."""

from chapters.ch04_autograd_function.walkthrough import _run, sections


def test_lesson_has_seven_numbered_sections_with_examples():
    found = sections()
    assert [title.split(".")[0] for title, _ in found] == [str(i) for i in range(1, 8)]
    assert all(examples for _, examples in found)


def test_run_shows_values_prints_and_errors():
    namespace: dict = {}
    assert _run("x = 2 + 3\n", namespace) == ""
    assert _run("x * 2\n", namespace) == "10"
    assert _run("print('hi')\n", namespace) == "hi\n"
    shown = _run("int('nope')\n", namespace)
    assert shown.startswith("Traceback")
    assert shown.endswith("ValueError: invalid literal for int() with base 10: 'nope'")

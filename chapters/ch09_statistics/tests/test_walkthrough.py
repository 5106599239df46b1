"""`python -m chapters.ch09_statistics` runs, shows its extras and finds all three agree."""

from chapters.ch09_statistics.__main__ import main


def test_walkthrough_agrees_on_every_exercise(mysql_available, capsys):
    assert main() == 0
    out = capsys.readouterr().out
    assert "percentage_half_up(5, 32) = 15.63" in out
    assert "3/3 exercises agree" in out

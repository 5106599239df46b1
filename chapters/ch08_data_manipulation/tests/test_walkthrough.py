"""`python -m chapters.ch08_data_manipulation` runs, shows its extras and finds all six agree."""

from chapters.ch08_data_manipulation.__main__ import main


def test_walkthrough_agrees_on_every_exercise(mysql_available, capsys):
    assert main() == 0
    out = capsys.readouterr().out
    assert "DELIMITER: a client command" in out
    assert "6/6 exercises agree" in out

"""The walk-through runs and reports that every exercise agrees."""

from chapters.ch10_grouping.__main__ import main


def test_walkthrough_agrees(mysql_available, capsys):
    assert main() == 0
    out = capsys.readouterr().out
    assert "7/7 exercises agree" in out
    assert "NULL keys" in out

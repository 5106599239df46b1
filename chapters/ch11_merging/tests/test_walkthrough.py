"""The walk-through runs and reports that every exercise agrees."""

from chapters.ch11_merging.__main__ import main


def test_walkthrough_agrees(mysql_available, capsys):
    assert main() == 0
    out = capsys.readouterr().out
    assert "5/5 exercises agree" in out
    assert "NULL keys" in out

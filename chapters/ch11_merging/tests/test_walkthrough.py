"""The walk-through runs and reports that every exercise agrees."""

from chapters.ch11_merging.__main__ import main
from chapters.sqlkit import by_chapter


def test_walkthrough_agrees(mysql_available, capsys):
    assert main() == 0
    out = capsys.readouterr().out
    count = len(by_chapter(11))
    assert f"{count}/{count} exercises agree" in out
    assert "NULL keys" in out

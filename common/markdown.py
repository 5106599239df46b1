"""Code blocks of a lesson's README, so tests can run the SQL and shell examples it shows."""

from __future__ import annotations

import re
from pathlib import Path

_FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)


def code_blocks(path: str | Path, language: str | None = None) -> list[str]:
    """The fenced code blocks of a Markdown file, optionally only those tagged `language`."""
    text = Path(path).read_text(encoding="utf-8")
    return [body for lang, body in _FENCE.findall(text) if language is None or lang == language]

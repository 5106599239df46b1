"""Walk-through: the lesson's examples and SQL blocks, live, then every exercise both ways."""

import sys
from pathlib import Path

from chapters.sqlkit.lesson import SqlLesson

LESSON = SqlLesson(Path(__file__).parent)

if __name__ == "__main__":
    sys.exit(LESSON.main())

"""Walk-through: `python -m chapters.ch02_modules [N ...] [--no-prose] [--width W]`.

Every `>>>` example of README.md runs live, in order, printed with the output it really gives
(common/lesson.py); one that differs from the README is flagged and makes the exit status 1.
"""

import sys
from pathlib import Path

from common.lesson import Lesson

LESSON = Lesson(Path(__file__).parent)

if __name__ == "__main__":
    sys.exit(LESSON.main())

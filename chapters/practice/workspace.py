"""The learner's workspace: practice/<slug>/ per started exercise, and one progress file."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STATUSES = ("not started", "attempted", "solved")


def default_root() -> Path:
    """practice/ at the repository root (gitignored), or $PRACTICE_DIR."""
    return Path(os.environ.get("PRACTICE_DIR") or ROOT / "practice")


class Workspace:
    """Folders and progress; nothing the learner wrote is ever overwritten."""

    def __init__(self, root: Path | None = None):
        self.root = Path(root) if root is not None else default_root()
        self.progress_file = self.root / "progress.json"

    def folder(self, exercise) -> Path:
        return self.root / exercise.slug

    def start(self, exercise) -> list[Path]:
        """Create the exercise's folder and its missing files; return the files it created."""
        folder = self.folder(exercise)
        folder.mkdir(parents=True, exist_ok=True)
        created = []
        for name, text in {"README.md": exercise.readme(), **exercise.stubs()}.items():
            path = folder / name
            if not path.exists():
                path.write_text(text, encoding="utf-8")
                created.append(path)
        return created

    # --- progress ------------------------------------------------------------------------------
    def progress(self) -> dict:
        """{slug: {"status": {language: status}, "hints": n}}; {} before the first start."""
        try:
            data = json.loads(self.progress_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise SystemExit(f"{self.progress_file} is damaged ({error}); fix or delete it") from None
        return data if isinstance(data, dict) else {}

    def _save(self, data: dict) -> None:
        """Write the progress file atomically: a crash leaves the old file or the new one."""
        self.root.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=self.root, prefix=".progress-", suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=2, sort_keys=True)
        os.replace(tmp, self.progress_file)

    def status(self, exercise, language: str) -> str:
        if not self.folder(exercise).exists():
            return "not started"
        entry = self.progress().get(exercise.slug, {})
        return entry.get("status", {}).get(language, "not started")

    def record(self, exercise, language: str, solved: bool) -> None:
        """Remember a check's result; a solved half stays solved."""
        data = self.progress()
        entry = data.setdefault(exercise.slug, {})
        status = entry.setdefault("status", {})
        if status.get(language) != "solved":
            status[language] = "solved" if solved else "attempted"
        self._save(data)

    def next_hint(self, exercise) -> tuple[int, str | None]:
        """The next hint's number (1-based) and text; None once all have been given."""
        data = self.progress()
        entry = data.setdefault(exercise.slug, {})
        given = entry.get("hints", 0)
        if given >= len(exercise.hints):
            return given, None
        entry["hints"] = given + 1
        self._save(data)
        return given + 1, exercise.hints[given]

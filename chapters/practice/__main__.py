"""python -m chapters.practice list|start|check|watch|hint|reveal [EX]: the practice mode."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading

from rich.console import Console
from rich.markdown import Markdown
from rich.syntax import Syntax
from rich.table import Table

from chapters.practice import catalog
from chapters.practice.workspace import Workspace

console = Console()
STYLE = {"not started": "dim", "attempted": "yellow", "solved": "green"}
MARK = {"not started": "·", "attempted": "attempted", "solved": "✓ solved"}
LANGUAGE_ORDER = ["python", "sql", "cpp"]


def statuses(workspace: Workspace, exercise) -> dict[str, str]:
    return {language: workspace.status(exercise, language) for language in exercise.languages}


def do_list(workspace: Workspace, as_json: bool) -> int:
    everything = catalog.entries()
    if as_json:
        for exercise in everything:
            record = {"slug": exercise.slug, "number": exercise.number, "chapter": exercise.chapter,
                      "title": exercise.title, "languages": list(exercise.languages),
                      "status": statuses(workspace, exercise)}
            print(json.dumps(record))
        return 0
    languages = sorted({lang for e in everything for lang in e.languages}, key=LANGUAGE_ORDER.index)
    table = Table(title="Practice: solve each exercise yourself; the judge checks it")
    table.add_column("#", justify="right")
    table.add_column("exercise", no_wrap=True)
    table.add_column("ch", justify="right")
    for language in languages:
        table.add_column(language, no_wrap=True)
    halves = solved = 0
    first_open = None
    for exercise in everything:
        status = statuses(workspace, exercise)
        cells = [f"[{STYLE[status[lang]]}]{MARK[status[lang]]}[/]" if lang in status else ""
                 for lang in languages]
        table.add_row(str(exercise.number or ""), exercise.slug, str(exercise.chapter), *cells)
        halves += len(status)
        solved += sum(s == "solved" for s in status.values())
        if first_open is None and any(s != "solved" for s in status.values()):
            first_open = exercise
    console.print(table)
    done = round(40 * solved / halves) if halves else 0
    console.print(f"[green]{'━' * done}[/][dim]{'━' * (40 - done)}[/] {solved} of {halves} solved")
    if first_open is not None:
        key = first_open.number or first_open.slug
        console.print(f"Next: [bold]make practice EX={key}[/] to start {first_open.title}.")
    return 0


def do_start(workspace: Workspace, exercise) -> int:
    created = workspace.start(exercise)
    folder = workspace.folder(exercise)
    console.print(Markdown((folder / "README.md").read_text(encoding="utf-8")))
    kept = [name for name in ["README.md", *exercise.files().values()]
            if folder / name not in created]
    console.rule()
    console.print(f"Your files are in [bold]{folder}[/]:")
    for name in ["README.md", *exercise.files().values()]:
        note = "kept as you left it" if name in kept else "new"
        console.print(f"  {folder / name}  ({note})")
    key = exercise.number or exercise.slug
    console.print(f"Write your answer, then: [bold]make check EX={key}[/]")
    return 0


def do_check(workspace: Workspace, exercise, languages, examples: int, perf: bool = False) -> int:
    folder = workspace.folder(exercise)
    if not folder.exists():
        key = exercise.number or exercise.slug
        console.print(f"[red]✗ {exercise.slug}: not started. Run `make practice EX={key}` first.[/]")
        return 1
    results = []
    for language in languages or exercise.languages:
        if language not in exercise.languages:
            raise SystemExit(f"{exercise.slug} has no {language} half; it has {exercise.languages}")
        with console.status(f"judging {exercise.slug} ({language}) ..."):
            verdict = exercise.judge(language, folder, examples, progress=console.print)
        verdict.show(console)
        if perf and verdict.solved:  # how fast it is: information after a pass, never a verdict
            from chapters.practice import speed

            speed.show(console, exercise, language, folder)
        if verdict.stage not in ("not started", "error") or verdict.solved:
            workspace.record(exercise, language, verdict.solved)
        results.append(verdict.solved)
    return 0 if all(results) else 1


def do_watch(exercise, languages, examples: int, perf: bool = False) -> int:
    """Check again each time one of the learner's files is saved, in this one warm process
    (each check still runs the learner's code in a fresh child)."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    workspace = Workspace()
    folder = workspace.folder(exercise)
    if not folder.exists():
        workspace.start(exercise)
    names = set(exercise.files().values())
    changed = threading.Event()

    class OnSave(FileSystemEventHandler):
        def on_any_event(self, event):
            if event.event_type in ("opened", "closed_no_write"):  # a read, the judge's own
                return
            paths = {os.path.basename(getattr(event, "src_path", "")),
                     os.path.basename(getattr(event, "dest_path", "") or "")}
            if paths & names:
                changed.set()

    observer = Observer()
    observer.schedule(OnSave(), str(folder))
    observer.start()
    try:
        while True:
            try:
                do_check(workspace, exercise, languages, examples, perf)
            except Exception as error:  # the judge's own failure: say it, keep watching
                console.print(f"[red]the check failed: {error}[/]")
            console.print(f"[dim]watching {folder} for saves (Ctrl-C to stop) ...[/]")
            changed.wait()
            changed.clear()
            threading.Event().wait(0.3)  # an editor's save is often several events
            changed.clear()
    except KeyboardInterrupt:
        return 0
    finally:
        observer.stop()
        observer.join()


def do_hint(workspace: Workspace, exercise) -> int:
    number, hint = workspace.next_hint(exercise)
    if hint is None:
        key = exercise.number or exercise.slug
        console.print(f"No more hints for {exercise.slug} ({number} given). "
                      f"`make reveal EX={key}` shows the reference answers.")
        return 0
    console.print(f"[bold]Hint {number} of {len(exercise.hints)}[/]: {hint}")
    return 0


def do_reveal(exercise) -> int:
    for name, text in exercise.references().items():
        lexer = {".py": "python", ".sql": "sql", ".cpp": "cpp"}.get(os.path.splitext(name)[1], "text")
        console.rule(f"reference {name}")
        console.print(Syntax(text, lexer, theme="ansi_dark"))
    return 0


def end_on_signals() -> None:
    """SIGTERM and SIGHUP end the judge as Ctrl-C does: every `with` cleans up on the way out
    (the sandbox's database and user, the learner's child process)."""
    def stop(signum, _frame):
        raise SystemExit(128 + signum)

    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, stop)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m chapters.practice", description=__doc__)
    parser.add_argument("command", choices=["list", "start", "check", "watch", "hint", "reveal"])
    parser.add_argument("ex", nargs="?", help="a problem number (183) or a slug")
    parser.add_argument("--json", action="store_true", help="list: one JSON object a line")
    parser.add_argument("--lang", action="append", default=[], help="check one language only")
    parser.add_argument("--examples", type=int, default=int(os.environ.get("EXAMPLES", 100)),
                        help="generated inputs per check (default 100)")
    parser.add_argument("--perf", action=argparse.BooleanOptionalAction,
                        default=os.environ.get("PRACTICE_PERF", "1") not in ("0", "no", "off", ""),
                        help="after a pass, measure your answer against the reference as the "
                             "inputs grow (default on; PRACTICE_PERF=0 turns it off)")
    args = parser.parse_args(argv)
    workspace = Workspace()
    if args.command == "list" or (args.command == "start" and not args.ex):
        return do_list(workspace, args.json)
    if not args.ex:
        parser.error(f"{args.command} needs an exercise: a number such as 183, or a slug")
    exercise = catalog.find(args.ex)
    if args.command == "start":
        return do_start(workspace, exercise)
    if args.command == "check":
        return do_check(workspace, exercise, args.lang, args.examples, args.perf)
    if args.command == "watch":
        return do_watch(exercise, args.lang, args.examples, args.perf)
    if args.command == "hint":
        return do_hint(workspace, exercise)
    return do_reveal(exercise)


if __name__ == "__main__":
    end_on_signals()
    sys.exit(main())

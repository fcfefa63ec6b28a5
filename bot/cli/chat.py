"""The terminal chat: the same engine as the chat apps, with line editing and history."""

from __future__ import annotations

import contextlib
import sys
from dataclasses import replace
from pathlib import Path

from bot.core.answer import Answer
from bot.core.engine import Engine
from bot.platforms.markup import strip_any

HISTORY = Path.home() / ".rolebot_history"
HELP = """Type a question about project-management roles, in English or French.
  /sources  show the exact quotes behind the last answer
  /help     this help
  /quit     leave (or Ctrl-D)"""


def ask(engine: Engine, question: str) -> Answer:
    """The answer to a question typed (or pasted from Slack or Teams) in the terminal: the
    chat markup is removed first; the answer keeps the question as typed."""
    return replace(engine.ask(strip_any(question)), question=question)


def format_quotes(answer: Answer) -> str:
    if not answer.sources:
        return "No sources for this answer."
    lines = []
    for n, source in enumerate(answer.sources, start=1):
        who = source.author or source.publisher
        extra = ", ".join(x for x in (source.author_title, source.organisation) if x)
        lines.append(f"[{n}] {who}{f' ({extra})' if extra else ''} - {source.title}")
        lines.append(
            f"    {source.publisher}{f', {source.date}' if source.date else ''} [{source.id}]"
        )
        lines.append(f"    “{source.quote}”")
    return "\n".join(lines)


def _setup_readline() -> None:
    try:
        import readline
    except ImportError:  # pragma: no cover - not on every platform
        return
    with contextlib.suppress(OSError):
        readline.read_history_file(HISTORY)
    import atexit

    def save() -> None:
        with contextlib.suppress(OSError):
            readline.write_history_file(HISTORY)

    atexit.register(save)


def run_chat(engine: Engine, stdin=None, stdout=None) -> int:
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    interactive = stdin.isatty()
    if interactive:
        _setup_readline()
    print(
        "rolebot - ask about project-management roles. /help for commands, /quit to leave.",
        file=stdout,
    )
    last: Answer | None = None
    while True:
        try:
            line = input("you> ") if interactive else stdin.readline()
        except EOFError:
            break
        if not interactive and line == "":
            break
        question = line.strip()
        if not question:
            continue
        command = question.lower()
        if command in ("/quit", "/exit", "/q"):
            break
        if command == "/help":
            print(HELP, file=stdout)
            continue
        if command in ("/sources", "/quotes"):
            print(format_quotes(last) if last else "Ask a question first.", file=stdout)
            continue
        last = ask(engine, question)
        print(f"rolebot> {last.text}\n", file=stdout)
    return 0

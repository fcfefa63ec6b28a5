"""Command line: rolebot ask | chat | build | check | eval | serve | report | teams-package |
preview."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.cli.chat import ask
from bot.data.errors import ValidationError
from bot.data.paths import default_intents_dir, default_knowledge_dir

DEFAULT_EVAL = Path(__file__).resolve().parents[2] / "tests" / "eval" / "dev.jsonl"


def _engine(args: argparse.Namespace):
    from bot.app.bootstrap import load_engine

    return load_engine(args.knowledge, args.intents)


def _valid(text: str) -> str:
    """Text that can be printed as UTF-8: undecodable bytes (from the command line or
    standard input) become U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def cmd_ask(args: argparse.Namespace) -> int:
    engine = _engine(args)
    if hasattr(sys.stdin, "reconfigure"):  # undecodable input is replaced, not fatal
        sys.stdin.reconfigure(errors="surrogateescape")
    if args.jsonl:
        out = sys.stdout
        for line in sys.stdin:
            question = _valid(line.rstrip("\n"))
            out.write(json.dumps(ask(engine, question).to_dict(), ensure_ascii=False) + "\n")
        out.flush()
        return 0
    question = _valid(" ".join(args.question))
    if not question.strip() and not sys.stdin.isatty():
        question = _valid(sys.stdin.read())
    answer = ask(engine, question)
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(answer.text)
        if args.quotes:
            from bot.cli.chat import format_quotes

            print(format_quotes(answer))
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    from bot.cli.chat import run_chat

    return run_chat(_engine(args))


def cmd_build(args: argparse.Namespace) -> int:
    from bot.data.intents_loader import load_intents
    from bot.knowledge.build import run_build

    knowledge = args.knowledge or default_knowledge_dir()
    result = run_build(knowledge, load_intents(args.intents or default_intents_dir()))
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for doc_id, doc in result.report["documents"].items():
        dropped = sum(doc["dropped"].values())
        print(
            f"{doc_id}: {doc['passages']} passages, {dropped} segments dropped, "
            f"{len(doc['promotional'])} promotional, "
            f"{doc['merged_into_other_passages']} merged as duplicates, "
            f"{sum(doc.get('claims', {}).values())} claims ({doc.get('format', '?')})"
        )
    report = result.report
    print(
        f"{report.get('claims', 0)} claims, {len(report.get('disputes', []))} disputes, "
        f"{len(report.get('candidate_roles', []))} candidate roles and "
        f"{len(report.get('proposed_aliases', []))} roles with proposed aliases "
        "(see report.json)"
    )
    for candidate in report.get("candidate_roles", []):
        print(f"candidate role: {candidate['id']} ({', '.join(candidate['names'])})")
    for alias in report.get("proposed_aliases", []):
        print(f"alias of {alias['role']}: {', '.join(alias['names'])}")
    print(f"wrote {knowledge / 'generated'}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from bot.knowledge.check import check

    problems = check(
        args.knowledge or default_knowledge_dir(), args.intents or default_intents_dir()
    )
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s)", file=sys.stderr)
        return 1
    print("intents and knowledge are valid")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from bot.tools.corpus import intents_with_roles, knowledge_with_sources

    with intents_with_roles(args.intents or default_intents_dir(), args.with_roles) as intents:
        if args.with_sources is None:
            return _evaluate(args, args.knowledge, intents)
        base = args.knowledge or default_knowledge_dir()
        with knowledge_with_sources(base, args.with_sources, intents) as folder:
            return _evaluate(args, folder, intents)


# (option, report key, "min" or "max", what it is)
_THRESHOLDS = (
    ("min_score", "fully_right", "min", "fully right"),
    ("min_right_document", "answered_right_document", "min", "answered with the right document"),
    ("min_abstained", "unanswerable_abstained", "min", "unanswerable abstained"),
    ("min_verbatim", "quotes_verbatim", "min", "quotes verbatim"),
    ("max_median_chars", "median_reply_chars", "max", "median reply length"),
)


def _evaluate(args: argparse.Namespace, knowledge: Path | None, intents: Path) -> int:
    from bot.app.bootstrap import load_engine
    from bot.data.intents_loader import load_intents
    from bot.tools.evaluate import evaluate, format_report, load_items

    roles = {n.role for n in load_intents(intents).role_names}
    engine = load_engine(knowledge, intents)
    if args.without_curated:
        from bot.core.engine import Engine
        from bot.tools.evaluate import without_curated

        engine = Engine(load_intents(intents), without_curated(engine.knowledge))
    report = evaluate(engine, load_items(args.file or DEFAULT_EVAL, roles))
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print(format_report(report))
    failed = False
    for option, key, bound, what in _THRESHOLDS:
        limit, value = getattr(args, option), report[key]
        if limit is None:
            continue
        if value is None or (value < limit if bound == "min" else value > limit):
            shown = (
                "n/a" if value is None else (f"{value:.1%}" if bound == "min" else f"{value:.0f}")
            )
            wanted = f"{limit:.1%}" if bound == "min" else f"{limit:.0f}"
            side = "below" if bound == "min" else "above"
            print(f"FAIL: {what} {shown} is {side} {wanted}", file=sys.stderr)
            failed = True
    return 1 if failed else 0


def _delegate(module: str) -> callable:
    def run(args: argparse.Namespace) -> int:
        import importlib

        return importlib.import_module(module).run(args)

    return run


def build_parser(selected: str | None = None) -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--knowledge", type=Path, default=None, help="knowledge folder")
    common.add_argument("--intents", type=Path, default=None, help="intents folder")
    parser = argparse.ArgumentParser(prog="rolebot", description=__doc__)
    sub = parser.add_subparsers(dest="command")

    ask = sub.add_parser("ask", parents=[common], help="answer one question (or a stream)")
    ask.add_argument("question", nargs="*")
    ask.add_argument("--json", action="store_true", help="print the JSON answer object")
    ask.add_argument("--jsonl", action="store_true", help="one question per stdin line")
    ask.add_argument("--quotes", action="store_true", help="print the quotes behind the answer")
    ask.set_defaults(func=cmd_ask)

    sub.add_parser("chat", parents=[common], help="chat in the terminal").set_defaults(
        func=cmd_chat
    )
    sub.add_parser("build", parents=[common], help="rebuild knowledge from sources").set_defaults(
        func=cmd_build
    )
    sub.add_parser("check", parents=[common], help="validate intents and knowledge").set_defaults(
        func=cmd_check
    )

    ev = sub.add_parser("eval", parents=[common], help="accuracy on a labelled set")
    ev.add_argument("file", nargs="?", type=Path, default=None)
    ev.add_argument("--json", action="store_true")
    ev.add_argument("--min-score", type=float, default=None, help="fail below this share")
    ev.add_argument(
        "--with-sources",
        type=Path,
        default=None,
        metavar="DIR",
        help="evaluate on a temporary copy of the knowledge with DIR's documents added",
    )
    ev.add_argument(
        "--with-roles",
        type=Path,
        default=None,
        metavar="FILE",
        help="add the role names of FILE (intents format) to a temporary copy of the intents",
    )
    ev.add_argument(
        "--without-curated",
        action="store_true",
        help="answer from the documents' claims alone, as if knowledge/curated/ were empty",
    )
    for option, what in (
        ("--min-right-document", "share answered with a citation of the right document"),
        ("--min-abstained", "share of unanswerable questions abstained"),
        ("--min-verbatim", "share of quotes verbatim"),
        ("--max-median-chars", "median reply length"),
    ):
        ev.add_argument(option, type=float, default=None, help=f"fail beyond this {what}")
    ev.set_defaults(func=cmd_eval)

    # Server-side commands bring their own options; their modules (asyncio, the Teams SDK
    # helpers) are imported only when that command runs, to keep `ask` starting fast.
    for name, module, what in (
        ("serve", "bot.server.serve", "run the chat-platform server"),
        ("report", "bot.tools.report", "unanswered questions and feedback"),
        ("teams-package", "bot.platforms.teams.package", "build the Teams app zip"),
        ("preview", "bot.tools.preview", "what a reply looks like in Slack and Teams"),
    ):
        command = sub.add_parser(name, parents=[common], help=what)
        if name == selected:
            import importlib

            importlib.import_module(module).add_arguments(command)
        command.set_defaults(func=_delegate(module))
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    selected = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(selected)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        return args.func(args)
    except ValidationError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0

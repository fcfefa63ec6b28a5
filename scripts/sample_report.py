"""Record a few hundred realistic questions through the real service, then print the report.

    .venv/bin/python scripts/sample_report.py [--count 400] [--database-url URL] [--json]

Without ``--database-url`` a fresh SQLite file in a temporary folder is used, so nothing
is mixed with real data. Questions mix what the knowledge covers with what it does not
(other roles, salaries, tools), with the case, punctuation and typo variations people type;
a share of answers get a feedback click. The seed is fixed: the output is reproducible.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.app.bootstrap import load_engine  # noqa: E402
from bot.app.service import AnswerService, Feedback  # noqa: E402
from bot.storage.sql import SqlStorage  # noqa: E402
from bot.tools import report  # noqa: E402

ROLES = ["PMO", "project manager", "PMO analyst", "business analyst", "project controller",
         "project coordinator", "program manager", "portfolio manager", "PMO manager"]  # fmt: skip
COVERED = [
    "What is the difference between a {a} and a {b}?",
    "{a} vs {b}",
    "What does a {a} do?",
    "Who does the {a} report to?",
    "What skills does a {a} need?",
    "How do I become a {a}?",
    "What certification should a {a} get?",
    "What types of PMO are there?",
    "Why does a company need a PMO?",
    "What does PMO stand for?",
    "Qu'est-ce qu'un PMO ?",
    "Quelle est la différence entre un PMO et un chef de projet ?",
    "hello",
    "thanks!",
]
# Questions outside the knowledge, with their weight (how often people ask them).
GAPS = {
    "What does a scrum master do?": 9,
    "Is a product owner the same as a product manager?": 7,
    "How much does a PMO analyst earn?": 8,
    "What is the salary of a project manager in London?": 4,
    "What is a RACI matrix?": 6,
    "Who approves the project budget?": 5,
    "What is a steering committee?": 5,
    "Which project management software should we use?": 4,
    "Can a PMO analyst work remotely?": 3,
    "What is earned value management?": 3,
    "Difference between an agile coach and a scrum master?": 4,
    "Quel est le salaire d'un chef de projet ?": 3,
    "C'est quoi un comité de pilotage ?": 3,
    "What's the weather tomorrow?": 2,
    "Who is responsible for the risk register?": 4,
}
TYPOS = {"manager": "manger", "analyst": "analist", "project": "projet", "What": "wat"}
REASONS = ["too long", "not what I asked", "wrong role", "too vague"]


def vary(question: str, rng: random.Random) -> str:
    """The small differences between people asking the same thing."""
    roll = rng.random()
    if roll < 0.25:
        question = question.lower()
    elif roll < 0.4:
        question = question.rstrip("?").strip()
    elif roll < 0.5:
        word = rng.choice(list(TYPOS))
        question = question.replace(word, TYPOS[word], 1)
    elif roll < 0.55:
        question = "hey, " + question[0].lower() + question[1:]
    return question


def questions(count: int, rng: random.Random) -> list[str]:
    gaps = [q for q, weight in GAPS.items() for _ in range(weight)]
    out = []
    for _ in range(count):
        if rng.random() < 0.3:
            out.append(vary(rng.choice(gaps), rng))
            continue
        a, b = rng.sample(ROLES, 2)
        out.append(vary(rng.choice(COVERED).format(a=a, b=b), rng))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--limit", type=int, default=12)
    options = parser.parse_args(argv)

    rng = random.Random(7)
    folder = tempfile.mkdtemp(prefix="rolebot-sample-")
    url = options.database_url or f"sqlite:///{folder}/sample.sqlite3"
    storage = SqlStorage(url)
    engine = load_engine()
    service = AnswerService(lambda: engine, storage=storage)
    platforms = ["slack"] * 3 + ["teams"]
    for question in questions(options.count, rng):
        answer = service.answer(question, platform=rng.choice(platforms))
        if answer.kind == "answer" and rng.random() < 0.2:
            helpful = rng.random() < (0.8 if answer.confidence > 0.6 else 0.4)
            reason = None if helpful else rng.choice(REASONS)
            service.record_feedback(
                Feedback("slack", helpful, question, answer.intent, answer.roles, reason=reason)
            )
    storage.close()
    print(f"recorded {options.count} questions in {url}\n", file=sys.stderr)
    args = argparse.Namespace(database_url=url, json=options.json, limit=options.limit)
    return report.run(args)


if __name__ == "__main__":
    raise SystemExit(main())

"""``rolebot eval``: accuracy on a labelled question set (JSON lines).

An item is fully right when the bot abstains on a question labelled unanswerable, or,
for an answerable one, answers with the labelled intent and exactly the labelled roles in
order. Abstention precision and recall treat "abstained" as the positive class.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from bot.core.engine import Engine
from bot.core.ids import INTENT_IDS, ROLE_IDS
from bot.data.errors import Problem, ValidationError

_KEYS = {"question", "intent", "roles", "answered"}


@dataclass(frozen=True)
class Item:
    question: str
    intent: str
    roles: tuple[str, ...]
    answered: bool
    tags: tuple[str, ...]
    line: int


def load_items(path: Path) -> list[Item]:
    """The labelled questions of a JSON-lines file; every problem names file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ValidationError([Problem(path, 0, "evaluation file not found")]) from exc
    except UnicodeDecodeError as exc:
        raise ValidationError([Problem(path, 1, f"not valid UTF-8 ({exc.reason})")]) from exc
    except OSError as exc:
        raise ValidationError([Problem(path, 0, f"cannot read: {exc.strerror}")]) from exc
    items, problems = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(Problem(path, number, f"invalid JSON: {exc.msg}"))
            continue
        item = _item(data, number, path, problems)
        if item is not None:
            items.append(item)
    if problems:
        raise ValidationError(problems)
    return items


def _item(data: object, number: int, path: Path, problems: list[Problem]) -> Item | None:
    def fail(message: str) -> None:
        problems.append(Problem(path, number, message))

    if not isinstance(data, dict):
        fail(f"expected a JSON object, got {type(data).__name__}")
        return None
    missing = _KEYS - set(data)
    if missing:
        fail(f"missing keys: {', '.join(sorted(missing))}")
        return None
    if not isinstance(data["question"], str):
        fail("'question' must be a string")
        return None
    if data["intent"] not in INTENT_IDS:
        fail(f"unknown intent '{data['intent']}'")
        return None
    roles, tags = data["roles"], data.get("tags", [])
    if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
        fail("'roles' must be a list of role ids")
        return None
    unknown = [r for r in roles if r not in ROLE_IDS]
    if unknown:
        fail(f"unknown role id(s): {', '.join(unknown)}")
        return None
    if not isinstance(data["answered"], bool):
        fail("'answered' must be true or false")
        return None
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        fail("'tags' must be a list of strings")
        return None
    return Item(
        data["question"], data["intent"], tuple(roles), data["answered"], tuple(tags), number
    )


def evaluate(engine: Engine, items: list[Item]) -> dict:
    rows = []
    for item in items:
        answer = engine.ask(item.question)
        if not item.answered:
            right = not answer.answered
        else:
            right = answer.answered and answer.intent == item.intent and answer.roles == item.roles
        rows.append((item, answer, right))
    n = len(rows)
    tp = sum(1 for i, a, _ in rows if not a.answered and not i.answered)
    fp = sum(1 for i, a, _ in rows if not a.answered and i.answered)
    fn = sum(1 for i, a, _ in rows if a.answered and not i.answered)
    confusion: dict[str, Counter] = defaultdict(Counter)
    per_intent: dict[str, Counter] = defaultdict(Counter)
    for item, answer, right in rows:
        confusion[item.intent][answer.intent] += 1
        per_intent[item.intent]["n"] += 1
        per_intent[item.intent]["right"] += right
        per_intent[item.intent]["intent"] += answer.intent == item.intent
    by_tag: dict[str, Counter] = defaultdict(Counter)
    for item, _, right in rows:
        for tag in item.tags:
            by_tag[tag]["n"] += 1
            by_tag[tag]["right"] += right
    return {
        "items": n,
        "fully_right": sum(r for *_, r in rows) / n if n else 0.0,
        "intent_accuracy": sum(a.intent == i.intent for i, a, _ in rows) / n if n else 0.0,
        "role_exact_match": sum(a.roles == i.roles for i, a, _ in rows) / n if n else 0.0,
        "abstention_precision": tp / (tp + fp) if tp + fp else 1.0,
        "abstention_recall": tp / (tp + fn) if tp + fn else 1.0,
        "per_intent": {
            k: {
                "n": v["n"],
                "fully_right": v["right"] / v["n"],
                "intent_recall": v["intent"] / v["n"],
                "intent_precision": (
                    confusion[k][k] / sum(confusion[x][k] for x in confusion)
                    if sum(confusion[x][k] for x in confusion)
                    else 0.0
                ),
            }
            for k, v in sorted(per_intent.items())
        },
        "by_tag": {k: v["right"] / v["n"] for k, v in sorted(by_tag.items())},
        "confusion": {k: dict(sorted(v.items())) for k, v in sorted(confusion.items())},
        "misses": [
            {
                "line": i.line,
                "question": i.question,
                "expected": {"intent": i.intent, "roles": list(i.roles), "answered": i.answered},
                "got": {
                    "intent": a.intent,
                    "roles": list(a.roles),
                    "answered": a.answered,
                    "confidence": round(a.confidence, 3),
                },
            }
            for i, a, right in rows
            if not right
        ],
    }


def format_report(report: dict, max_misses: int = 40) -> str:
    pct = "{:.1%}".format
    out = [
        f"items: {report['items']}",
        f"fully right: {pct(report['fully_right'])}",
        f"intent accuracy: {pct(report['intent_accuracy'])}",
        f"role exact match: {pct(report['role_exact_match'])}",
        f"abstention precision: {pct(report['abstention_precision'])}  "
        f"recall: {pct(report['abstention_recall'])}",
        "",
        f"{'intent':<18}{'n':>5}{'right':>9}{'recall':>9}{'precision':>11}",
    ]
    for intent, v in report["per_intent"].items():
        out.append(
            f"{intent:<18}{v['n']:>5}{pct(v['fully_right']):>9}"
            f"{pct(v['intent_recall']):>9}{pct(v['intent_precision']):>11}"
        )
    out.append("")
    out.append("by tag: " + ", ".join(f"{k} {pct(v)}" for k, v in report["by_tag"].items()))
    out.append("")
    intents = sorted(
        {g for row in report["confusion"].values() for g in row} | set(report["confusion"])
    )
    short = {i: i[:6] for i in intents}
    out.append("confusion (rows expected, columns got):")
    out.append(" " * 18 + "".join(f"{short[i]:>7}" for i in intents))
    for expected, row in report["confusion"].items():
        out.append(f"{expected:<18}" + "".join(f"{row.get(i, 0) or '.':>7}" for i in intents))
    misses = report["misses"]
    out.append("")
    out.append(f"misses ({len(misses)}):")
    for m in misses[:max_misses]:
        e, g = m["expected"], m["got"]
        out.append(
            f"  line {m['line']}: {m['question'][:90]!r}\n"
            f"      expected {e['intent']} {e['roles']} answered={e['answered']}; "
            f"got {g['intent']} {g['roles']} answered={g['answered']} conf={g['confidence']}"
        )
    if len(misses) > max_misses:
        out.append(f"  ... {len(misses) - max_misses} more (use --json for all)")
    return "\n".join(out)

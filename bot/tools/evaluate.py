"""``rolebot eval``: accuracy on a labelled question set (JSON lines).

An item is fully right when the bot abstains on a question labelled unanswerable, or,
for an answerable one, answers with the labelled intent and exactly the labelled roles in
order. Abstention precision and recall treat "abstained" as the positive class.

An item may name the ``documents`` (file names) whose content answers it; it is then also
scored on whether the answer cites one of them. Every answer's quotes are checked against
the passage they cite, and the reply lengths are reported.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from bot.core.engine import Engine
from bot.core.ids import INTENT_IDS, ROLE_IDS
from bot.core.knowledge import Knowledge, RoleKnowledge
from bot.data.errors import Problem, ValidationError
from bot.platforms.markup import strip_any

_KEYS = {"question", "intent", "roles", "answered"}


@dataclass(frozen=True)
class Item:
    question: str
    intent: str
    roles: tuple[str, ...]
    answered: bool
    tags: tuple[str, ...]
    line: int
    documents: tuple[str, ...] = ()  # document ids (file names without extension)


def load_items(path: Path, roles: Iterable[str] = ROLE_IDS) -> list[Item]:
    """The labelled questions of a JSON-lines file; every problem names file and line.
    ``roles`` are the role ids the labels may use (the contract's and those added as data)."""
    known = frozenset(roles) | frozenset(ROLE_IDS)
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
        item = _item(data, number, path, problems, known)
        if item is not None:
            items.append(item)
    if problems:
        raise ValidationError(problems)
    return items


def _item(
    data: object, number: int, path: Path, problems: list[Problem], known: frozenset[str]
) -> Item | None:
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
    unknown = [r for r in roles if r not in known]
    if unknown:
        fail(f"unknown role id(s): {', '.join(unknown)}")
        return None
    if not isinstance(data["answered"], bool):
        fail("'answered' must be true or false")
        return None
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        fail("'tags' must be a list of strings")
        return None
    documents = data.get("documents", [])
    if not isinstance(documents, list) or not all(isinstance(d, str) for d in documents):
        fail("'documents' must be a list of file names")
        return None
    return Item(
        data["question"],
        data["intent"],
        tuple(roles),
        data["answered"],
        tuple(tags),
        number,
        tuple(dict.fromkeys(Path(d).stem for d in documents)),
    )


def without_curated(knowledge: Knowledge) -> Knowledge:
    """The knowledge with the editor's layer removed (role labels kept): what the documents'
    claims answer alone."""
    roles = {
        role: RoleKnowledge(role, False, rk.label, None) for role, rk in knowledge.roles.items()
    }
    return replace(knowledge, roles=roles, distinctions=(), readings={}, who_to_ask=())


def evaluate(engine: Engine, items: list[Item]) -> dict:
    rows = []
    for item in items:
        answer = engine.ask(strip_any(item.question))  # as the platform would pass it
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
        **_document_scores(engine, rows),
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


def _share(hits: int, total: int) -> float | None:
    return hits / total if total else None


def _cites_one_of(answer, documents: tuple[str, ...]) -> bool:
    return any(s.doc in documents for s in answer.sources)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _verbatim(engine: Engine, source) -> bool:
    """The quote occurs, up to whitespace, in the passage it cites."""
    found = engine.knowledge.quote(source.id)
    return found is not None and _squash(source.quote) in _squash(found[1])


def _document_scores(engine: Engine, rows: list) -> dict:
    """Answered with a citation of the right document, abstained when unanswerable, quotes
    verbatim, reply lengths."""
    with_docs = [(i, a) for i, a, _ in rows if i.answered and i.documents]
    unanswerable = [(i, a) for i, a, _ in rows if not i.answered]
    sources = [s for _, a, _ in rows for s in a.sources]
    lengths = [len(a.text) for _, a, _ in rows]
    return {
        "answerable_with_documents": len(with_docs),
        "answered_right_document": _share(
            sum(a.answered and _cites_one_of(a, i.documents) for i, a in with_docs), len(with_docs)
        ),
        "unanswerable_abstained": _share(
            sum(not a.answered for _, a in unanswerable), len(unanswerable)
        ),
        "quotes_verbatim": _share(sum(_verbatim(engine, s) for s in sources), len(sources)),
        "median_reply_chars": statistics.median(lengths) if lengths else 0,
        "document_misses": [
            {
                "line": i.line,
                "question": i.question,
                "documents": list(i.documents),
                "answered": a.answered,
                "intent": a.intent,
                "roles": list(a.roles),
                "cited": list(dict.fromkeys(s.doc for s in a.sources)),
            }
            for i, a in with_docs
            if not (a.answered and _cites_one_of(a, i.documents))
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
    out.append("")
    out.append(_document_lines(report, max_misses))
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


def _document_lines(report: dict, max_misses: int) -> str:
    def pct(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.1%}"

    out = [
        f"answerable answered with the right document: {pct(report['answered_right_document'])}"
        f" (of {report['answerable_with_documents']} with documents)",
        f"unanswerable abstained: {pct(report['unanswerable_abstained'])}",
        f"quotes verbatim: {pct(report['quotes_verbatim'])}",
        f"median reply length: {report['median_reply_chars']:.0f} characters",
    ]
    misses = report["document_misses"]
    if misses:
        out.append(f"document misses ({len(misses)}):")
        for m in misses[:max_misses]:
            out.append(
                f"  line {m['line']}: {m['question'][:90]!r}\n      wanted {m['documents']}; "
                f"got {m['intent']} {m['roles']} answered={m['answered']} citing {m['cited']}"
            )
        if len(misses) > max_misses:
            out.append(f"  ... {len(misses) - max_misses} more (use --json for all)")
    return "\n".join(out)

"""``rolebot report``: what people asked that the bot could not answer well, and feedback.

Unanswered and low-confidence questions are grouped by similarity (rapidfuzz), most
frequent first. Each group shows its phrasings, the intents nearest to it (by the
examples in ``intents/``), what the current knowledge answers now, and a YAML snippet in
the format of ``intents/`` that a maintainer can review and paste. Feedback clicks are
summarised by intent and role. Text for people, ``--json`` for tools.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process

from bot.core.engine import Engine
from bot.core.model import IntentData
from bot.core.text import words
from bot.platforms.feedback import reason_code

DEFAULT_THRESHOLD = 0.5
DEFAULT_SIMILARITY = 75.0
DEFAULT_LIMIT = 20
MAX_PHRASINGS = 6
NOT_TEACHABLE = frozenset({"help", "smalltalk"})

_SPAN = re.compile(r"^\s*(\d+)\s*([mhdw])\s*$", re.IGNORECASE)
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


# -- options --------------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON for tools")
    parser.add_argument(
        "--since",
        default=None,
        help="only questions since this time: 30m, 24h, 7d, 4w or a date (2026-01-31)",
    )
    parser.add_argument(
        "--database-url", default=None, help="database to read (default: $DATABASE_URL)"
    )
    parser.add_argument(
        "--threshold",
        type=float,
        default=DEFAULT_THRESHOLD,
        help=f"answers below this confidence count as low (default {DEFAULT_THRESHOLD})",
    )
    parser.add_argument(
        "--similarity",
        type=float,
        default=DEFAULT_SIMILARITY,
        help=f"0-100: how alike two questions must be to share a group ({DEFAULT_SIMILARITY:g})",
    )
    parser.add_argument(
        "--limit", type=int, default=DEFAULT_LIMIT, help="number of groups shown (default 20)"
    )
    for flag in ("--knowledge", "--intents"):
        with contextlib.suppress(argparse.ArgumentError):
            parser.add_argument(flag, type=Path, default=None, help=f"{flag[2:]} folder")


def parse_since(text: str | None, now: datetime) -> datetime | None:
    """``7d``-style spans back from ``now``, or an ISO date/time (UTC); naive UTC result."""
    if not text:
        return None
    match = _SPAN.match(text)
    if match:
        amount, unit = int(match.group(1)), match.group(2).lower()
        return now - timedelta(**{_UNITS[unit]: amount})
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise ValueError(f"--since: expected 30m, 24h, 7d, 4w or a date, got {text!r}") from exc
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


# -- text helpers --------------------------------------------------------------------------


def fold(text: str) -> str:
    """The question's words as the engine folds them (case, accents, elisions), one space apart."""
    return " ".join(words(text))


def one_line(text: str, limit: int = 200) -> str:
    """A question as one clean line (for display and YAML examples)."""
    text = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- intents index -------------------------------------------------------------------------


@dataclass
class IntentIndex:
    """What the report needs of ``intents/``, read by the validated loader, and the engine
    that ranks the intents nearest to a question.

    Questions that name different roles never share a group (``role_signature``); words no
    example uses are pointed out (``unknown_terms``).
    """

    engine: Engine | None = None
    vocabulary: frozenset[str] = frozenset()
    _roles: re.Pattern[str] | None = None

    @classmethod
    def load(cls, intents_dir: Path, engine: Engine | None = None) -> IntentIndex:
        """Load (and validate) ``intents_dir``; the engine defaults to one on those intents.

        Raises ``bot.data.errors.ValidationError`` when the intents are invalid.
        """
        from bot.app.bootstrap import load_engine
        from bot.data.intents_loader import load_intents

        data = load_intents(intents_dir)
        return cls.from_data(data, engine or load_engine(intents_dir=intents_dir))

    @classmethod
    def from_data(cls, data: IntentData, engine: Engine | None) -> IntentIndex:
        vocabulary = {w for example in data.examples for w in words(example.text)}
        names = sorted({" ".join(n.tokens) for n in data.role_names if n.tokens}, key=len)
        vocabulary.update(w for name in names for w in name.split())
        pattern = "|".join(map(re.escape, reversed(names)))
        roles = re.compile(rf"\b(?:{pattern})\b") if names else None
        return cls(engine=engine, vocabulary=frozenset(vocabulary), _roles=roles)

    def role_signature(self, question: str) -> tuple[str, ...]:
        """The role names ``question`` uses (questions about different roles never merge)."""
        if self._roles is None:
            return ()
        return tuple(sorted(set(self._roles.findall(fold(question)))))

    def nearest(self, question: str, k: int = 3) -> list[tuple[str, float]]:
        """The ``k`` intents the engine ranks first for ``question`` (score 0-100)."""
        reading = self.engine.understand(question) if self.engine is not None else None
        if reading is None:
            return []
        _, result = reading
        return [(s.intent, round(100 * s.score, 1)) for s in result.ranking[:k]]

    def unknown_terms(self, phrasings: Mapping[str, int]) -> list[str]:
        """Runs of words the intents never use, found in most of a group's questions."""
        if not self.vocabulary:
            return []
        counts: Counter[str] = Counter()
        for question, times in phrasings.items():
            run: list[str] = []
            for word in [*fold(question).split(), ""]:
                if word and word not in self.vocabulary and len(word) > 2 and word.isalpha():
                    run.append(word)
                    continue
                if run:
                    counts[" ".join(run)] += times
                run = []
        total = sum(phrasings.values())
        common = [t for t, c in counts.most_common(3) if total >= 2 and c * 2 >= total]
        return common


# -- grouping ------------------------------------------------------------------------------


@dataclass
class Group:
    key: str  # folded text of the first (most frequent) phrasing
    phrasings: Counter[str] = field(default_factory=Counter)
    rows: list[Mapping[str, Any]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.rows)

    @property
    def question(self) -> str:
        return self.phrasings.most_common(1)[0][0]


def needs_work(row: Mapping[str, Any], threshold: float) -> str | None:
    """``unanswered``, ``low_confidence`` or None for a recorded interaction."""
    if not row["answered"]:
        return "unanswered"
    if row["kind"] == "did_you_mean" or (
        row["confidence"] < threshold and row["intent"] not in NOT_TEACHABLE
    ):
        return "low_confidence"
    return None


def group_questions(
    rows: Sequence[Mapping[str, Any]],
    similarity: float,
    signature: Callable[[str], tuple[str, ...]] = lambda _q: (),
) -> list[Group]:
    """Group rows by question similarity; groups and phrasings most frequent first.

    Only questions with the same ``signature`` (the role names they use) can share a group.
    """
    by_text: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for row in rows:
        folded = fold(row["question"] or "")
        if folded:
            by_text[folded].append(row)
    groups: list[Group] = []
    keys: dict[tuple[str, ...], list[tuple[str, int]]] = defaultdict(list)
    for folded, same in sorted(by_text.items(), key=lambda item: (-len(item[1]), item[0])):
        candidates = keys[signature(folded)]
        match = (
            process.extractOne(
                folded,
                [key for key, _ in candidates],
                scorer=fuzz.token_sort_ratio,
                score_cutoff=similarity,
            )
            if candidates
            else None
        )
        if match is None:
            group = Group(key=folded)
            candidates.append((folded, len(groups)))
            groups.append(group)
        else:
            group = groups[candidates[match[2]][1]]
        group.rows.extend(same)
        for row in same:
            group.phrasings[one_line(row["question"])] += 1
    groups.sort(key=lambda g: -g.count)
    return groups


# -- the report ----------------------------------------------------------------------------


class _Literal(str):
    """A string written as a YAML literal block (``|``)."""


def _literal(dumper: yaml.SafeDumper, text: _Literal) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(text), style="|")


class _SnippetDumper(yaml.SafeDumper):
    pass


_SnippetDumper.add_representer(_Literal, _literal)


def yaml_snippet(intent: str, phrasings: Sequence[str], terms: Sequence[str]) -> str:
    """Rasa-style entries to append to the ``nlu:`` list of an ``intents/`` file.

    Written by the YAML library and indented like the entries of the shipped files; words
    no example uses follow as comments. Reviewed by a person before pasting.
    """
    examples = _Literal("".join(f"- {p}\n" for p in phrasings))
    entry = [{"intent": intent, "examples": examples}]
    text = yaml.dump(
        entry, Dumper=_SnippetDumper, sort_keys=False, allow_unicode=True, width=1000, indent=2
    )
    lines = ["  " + line for line in text.rstrip("\n").splitlines()]
    if terms:
        lines.append("  # words no example uses yet; if one names a role, add it to roles.yml:")
        lines.append("  # - synonym: <role id>")
        lines.append("  #   examples: |")
        lines += [f"  #     - {term}" for term in terms]
    return "\n".join(lines)


def _distinct(texts: Sequence[str]) -> list[str]:
    """``texts`` without repeats that differ only by case, accents or punctuation."""
    seen: set[str] = set()
    out = []
    for text in texts:
        if fold(text) not in seen:
            seen.add(fold(text))
            out.append(text)
    return out


def _ask(engine: Any, question: str) -> dict[str, Any] | None:
    if engine is None:
        return None
    try:
        answer = engine.ask(question)
    except Exception as exc:
        return {"error": f"{type(exc).__name__}: {exc}"}
    return {
        "intent": answer.intent,
        "roles": list(answer.roles),
        "confidence": round(float(answer.confidence), 3),
        "answered": bool(answer.answered),
    }


OUTSIDE_CONFIDENCE = 0.8
ADVICE = {
    "answered_now": "answered now with the current knowledge: nothing to do",
    "outside_field": (
        "recognised as outside the bot's field; if people need it, add a source document "
        "to knowledge/sources and run rolebot build"
    ),
    "knowledge_gap": (
        "understood, but the sources say nothing about it: add a source document to "
        "knowledge/sources and run rolebot build"
    ),
    "not_understood": "not understood: review the proposed examples and add them",
}


def diagnose(now: Mapping[str, Any] | None, threshold: float) -> str:
    """What a maintainer should do about a group, from how the bot answers it now."""
    if not now or "error" in now:
        return "not_understood"
    if now["answered"] and now["confidence"] >= threshold:
        return "answered_now"
    if now["intent"] == "out_of_scope" and now["confidence"] >= OUTSIDE_CONFIDENCE:
        return "outside_field"
    if now["intent"] not in ("out_of_scope", *NOT_TEACHABLE) and now["confidence"] >= threshold:
        return "knowledge_gap"
    return "not_understood"


def _pick_intent(nearest: Sequence[tuple[str, float]], now: Mapping[str, Any] | None) -> str:
    for intent, score in nearest:
        if score >= 70 and intent not in NOT_TEACHABLE:
            return intent
    if now and now.get("answered") and now.get("intent") not in (None, *NOT_TEACHABLE):
        return str(now["intent"])
    return "out_of_scope"


def build_report(
    interactions: Sequence[Mapping[str, Any]],
    feedback: Sequence[Mapping[str, Any]],
    *,
    engine: Any = None,
    index: IntentIndex | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    similarity: float = DEFAULT_SIMILARITY,
    limit: int = DEFAULT_LIMIT,
    since: datetime | None = None,
    until: datetime | None = None,
) -> dict[str, Any]:
    """The report as plain data (what ``--json`` prints)."""
    index = index or IntentIndex()
    flagged = [(row, needs_work(row, threshold)) for row in interactions]
    weak = [row for row, why in flagged if why]
    why_of = {id(row): why for row, why in flagged}
    groups = group_questions([r for r in weak if r["question"]], similarity, index.role_signature)
    out_groups = []
    for group in groups[: max(0, limit)]:
        phrasings = _distinct([p for p, _ in group.phrasings.most_common()])[:MAX_PHRASINGS]
        nearest = index.nearest(group.question)
        now = _ask(engine, group.question)
        languages = Counter(row["language"] for row in group.rows)
        language = languages.most_common(1)[0][0] if languages else "en"
        terms = index.unknown_terms(group.phrasings)
        diagnosis = diagnose(now, threshold)
        proposal = (
            yaml_snippet(_pick_intent(nearest, now), phrasings, terms)
            if diagnosis == "not_understood"
            else None
        )
        out_groups.append(
            {
                "count": group.count,
                "question": group.question,
                "phrasings": [{"text": p, "count": c} for p, c in group.phrasings.most_common()],
                "unanswered": sum(why_of[id(r)] == "unanswered" for r in group.rows),
                "low_confidence": sum(why_of[id(r)] == "low_confidence" for r in group.rows),
                "language": language,
                "intents_when_asked": dict(Counter(r["intent"] for r in group.rows).most_common()),
                "nearest_intents": [{"intent": i, "score": s} for i, s in nearest],
                "now": now,
                "unknown_terms": terms,
                "diagnosis": diagnosis,
                "advice": ADVICE[diagnosis],
                "file": f"intents/questions.{language if language in ('en', 'fr') else 'en'}.yml",
                "yaml": proposal,
            }
        )
    return {
        "period": {
            "since": since.isoformat(timespec="seconds") if since else None,
            "until": (until or datetime.now(UTC).replace(tzinfo=None)).isoformat(
                timespec="seconds"
            ),
        },
        "threshold": threshold,
        "totals": {
            "questions": len(interactions),
            "answered": sum(bool(r["answered"]) for r in interactions),
            "unanswered": sum(why == "unanswered" for _, why in flagged),
            "low_confidence": sum(why == "low_confidence" for _, why in flagged),
            "without_text": sum(1 for r in weak if not r["question"]),
            "groups": len(groups),
        },
        "groups": out_groups,
        "feedback": feedback_summary(feedback),
    }


def feedback_summary(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    by_intent: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_role: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    reasons: Counter[str] = Counter()
    for row in rows:  # one row per vote
        slot = 0 if row["helpful"] else 1
        by_intent[row["intent"] or "-"][slot] += 1
        for role in filter(None, (row["roles"] or "").split(",")):
            by_role[role][slot] += 1
        if not row["helpful"] and row.get("reason"):  # a code of the one vocabulary, or text
            reasons[reason_code(row["reason"]) or one_line(row["reason"], 120)] += 1

    def table(counts: Mapping[str, list[int]], key: str) -> list[dict[str, Any]]:
        ordered = sorted(counts.items(), key=lambda item: (-sum(item[1]), item[0]))
        return [
            {key: name, "helpful": h, "not_helpful": n, "helpful_rate": round(h / (h + n), 3)}
            for name, (h, n) in ordered
        ]

    helpful = sum(bool(r["helpful"]) for r in rows)
    return {
        "total": len(rows),
        "helpful": helpful,
        "not_helpful": len(rows) - helpful,
        "by_intent": table(by_intent, "intent"),
        "by_role": table(by_role, "role"),
        "reasons": [{"reason": r, "count": c} for r, c in reasons.most_common(10)],
    }


def render_text(report: Mapping[str, Any]) -> str:
    totals = report["totals"]
    period = report["period"]
    since = period["since"] or "the beginning"
    out = [
        f"Rolebot report, {since} to {period['until']} (UTC)",
        f"{totals['questions']} questions: {totals['answered']} answered, "
        f"{totals['unanswered']} unanswered, {totals['low_confidence']} low confidence "
        f"(below {report['threshold']:.2f})"
        + (f", {totals['without_text']} without stored text" if totals["without_text"] else ""),
        "",
    ]
    groups = report["groups"]
    if groups:
        shown = f"{len(groups)} of {totals['groups']}" if totals["groups"] > len(groups) else ""
        out.append(f"Questions to improve, most frequent first {shown}".rstrip())
    else:
        out.append("No unanswered or low-confidence questions in this period.")
    for number, group in enumerate(groups, 1):
        out.append("")
        out.append(
            f'{number:>2}. {group["count"]}x "{group["question"]}"'
            f"  ({group['unanswered']} unanswered, {group['low_confidence']} low confidence)"
        )
        others = group["phrasings"][1:5]
        if others:
            also = "; ".join(f'"{p["text"]}" ({p["count"]})' for p in others)
            out.append(f"    also asked as: {also}")
        nearest = ", ".join(f"{n['intent']} {n['score']:.0f}" for n in group["nearest_intents"])
        now = group["now"]
        now_text = ""
        if now and "error" not in now:
            state = "answered" if now["answered"] else "not answered"
            now_text = f"; now: {now['intent']} {now['confidence']:.2f}, {state}"
        out.append(f"    nearest intents: {nearest or '-'}{now_text}")
        out.append(f"    {group['advice']}")
        if group["yaml"]:
            out.append(f"    proposed for {group['file']}:")
            out.extend(f"      {line}" for line in group["yaml"].splitlines())
    fb = report["feedback"]
    out.append("")
    if not fb["total"]:
        out.append("Feedback: none in this period.")
    else:
        rate = fb["helpful"] / fb["total"]
        out.append(f"Feedback: {fb['total']} votes, {fb['helpful']} helpful ({rate:.0%})")
        for title, rows, key in (
            ("by intent", fb["by_intent"], "intent"),
            ("by role", fb["by_role"], "role"),
        ):
            out.append(f"  {title}:")
            for row in rows:
                total = row["helpful"] + row["not_helpful"]
                out.append(
                    f"    {row[key]:<22} {row['helpful']:>4} of {total:<4} helpful"
                    f" ({row['helpful_rate']:.0%})"
                )
        if fb["reasons"]:
            out.append("  reasons given for not helpful:")
            out.extend(f"    {r['count']:>4}  {r['reason']}" for r in fb["reasons"])
    return "\n".join(out)


def run(args: argparse.Namespace) -> int:
    import sys

    from bot.app.bootstrap import load_engine
    from bot.data.paths import default_intents_dir, default_knowledge_dir
    from bot.storage import open_storage

    now = datetime.now(UTC).replace(tzinfo=None)
    try:
        since = parse_since(getattr(args, "since", None), now)
    except ValueError as exc:
        print(f"rolebot report: {exc}", file=sys.stderr)
        return 2
    knowledge_dir = getattr(args, "knowledge", None) or default_knowledge_dir()
    intents_dir = getattr(args, "intents", None) or default_intents_dir()
    try:
        storage = open_storage(getattr(args, "database_url", None), timeout_s=30.0)
        try:
            interactions = storage.interactions(since)
            feedback = storage.feedback(since)
        finally:
            storage.close()
    except Exception as exc:
        from bot.storage.sql import short_error

        print(f"rolebot report: cannot read the database: {short_error(exc)}", file=sys.stderr)
        return 1
    engine = index = None
    try:  # the report still helps without them, and says why they are missing
        engine = load_engine(knowledge_dir, intents_dir)
        index = IntentIndex.load(intents_dir, engine)
    except Exception as exc:
        from bot.app.reload import describe_error

        for line in describe_error(exc):
            print(f"rolebot report: without the intents and knowledge: {line}", file=sys.stderr)
    report = build_report(
        interactions,
        feedback,
        engine=engine,
        index=index,
        threshold=getattr(args, "threshold", DEFAULT_THRESHOLD),
        similarity=getattr(args, "similarity", DEFAULT_SIMILARITY),
        limit=getattr(args, "limit", DEFAULT_LIMIT),
        since=since,
        until=now,
    )
    if getattr(args, "json", False):
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(render_text(report))
    return 0

"""A scaled copy of ``intents/`` and ``knowledge/``: N times the role names, examples,
passages and curated facts, generated deterministically, for measuring how cost grows.

What is added (``factor - 1`` times what ships, for each kind):

- role names mapped to the existing contract role ids (``synonym`` entries), and names in
  ``lookup: unknown_role``: a made-up word plus a head word taken from a real name of that
  role ("zaruvek analyst" for ``pmo_analyst``);
- intent examples: a real example of the intent with one word replaced by a made-up word
  and one made-up word appended (new phrasings that are close to, but not copies of, the
  originals);
- passages in ``generated/passages.json``, from generated documents listed in
  ``generated/report.json``: sentences mixing real passage words with made-up words; the
  made-up vocabulary grows with the square root of the text (Heaps' law), as a real corpus
  would;
- curated facts appended to each covered role in ``curated/roles.yaml``, citing generated
  passages that mention the role.

Made-up words start with "z" or "x" so that the engine's typo correction (which keeps the
first letter) never turns a real word of a question into one of them: the extra data costs
time without changing what the dev questions mean.
"""

from __future__ import annotations

import json
import math
import random
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from bot.core.ids import ROLE_IDS, TOPICS
from bot.core.roles import UNKNOWN
from bot.core.text import words
from bot.data.intents_loader import load_intents
from bot.data.paths import default_intents_dir, default_knowledge_dir

GENERATED_INTENTS_FILE = "zz_generated.yml"
PASSAGES_PER_DOCUMENT = 50
_CONSONANTS = "bdfgklmnprstvz"
_VOWELS = "aeiou"


class WordMaker:
    """Unique made-up words ("zaruvek", "xodemil"), deterministic for a seed."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._seen: set[str] = set()

    def __call__(self) -> str:
        rng = self._rng
        while True:
            syllables = rng.randint(2, 3)
            word = rng.choice("zx") + rng.choice(_VOWELS)
            word += "".join(rng.choice(_CONSONANTS) + rng.choice(_VOWELS) for _ in range(syllables))
            if rng.random() < 0.5:
                word += rng.choice(_CONSONANTS)
            if word not in self._seen:
                self._seen.add(word)
                return word


def _block(items: list[str]) -> str:
    return "".join(f"- {item}\n" for item in items)


def _yaml_entries(entries: list[tuple[str, str, list[str]]]) -> str:
    """Rasa-style ``nlu`` entries: (kind, name, examples)."""
    lines = ['version: "3.1"', "nlu:"]
    for kind, name, examples in entries:
        if not examples:
            continue
        lines.append(f"  - {kind}: {name}")
        lines.append("    examples: |")
        lines.extend(f"      {line}" for line in _block(examples).splitlines())
    return "\n".join(lines) + "\n"


def _scale_intents(source: Path, target: Path, factor: int, rng: random.Random) -> dict[str, int]:
    shutil.copytree(source, target)
    data = load_intents(source)
    make = WordMaker(rng)
    names_by_role: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for name in data.role_names:
        names_by_role[name.role].append(name.tokens)
    entries: list[tuple[str, str, list[str]]] = []
    added_names = 0
    for role, names in names_by_role.items():
        generated = []
        for index in range((factor - 1) * len(names)):
            head = names[index % len(names)][-1]
            generated.append(f"{make()} {head}" if rng.random() < 0.7 else make())
        added_names += len(generated)
        entries.append(("lookup" if role == UNKNOWN else "synonym", role, generated))
    name_words = {w for n in data.role_names for w in n.tokens}
    examples_by_intent: dict[str, list[str]] = defaultdict(list)
    for example in data.examples:
        examples_by_intent[example.intent].append(example.text)
    added_examples = 0
    for intent, texts in examples_by_intent.items():
        generated = []
        for index in range((factor - 1) * len(texts)):
            tokens = texts[index % len(texts)].split()
            free = [i for i, t in enumerate(tokens) if words(t) and words(t)[0] not in name_words]
            if free:
                tokens[rng.choice(free)] = make()
            generated.append(" ".join([*tokens, make()]))
        added_examples += len(generated)
        entries.append(("intent", intent, generated))
    if added_names or added_examples:
        (target / GENERATED_INTENTS_FILE).write_text(_yaml_entries(entries), encoding="utf-8")
    return {
        "role_names": len(data.role_names) + added_names,
        "examples": len(data.examples) + added_examples,
    }


def _sentence(rng: random.Random, real: list[str], invented: list[str]) -> str:
    count = rng.randint(12, 40)
    chosen = [
        rng.choice(invented) if rng.random() < 0.2 else rng.choice(real) for _ in range(count)
    ]
    return chosen[0].capitalize() + " " + " ".join(chosen[1:]) + "."


def _scale_knowledge(
    source: Path, target: Path, factor: int, rng: random.Random
) -> tuple[dict[str, int], dict[str, list[str]]]:
    shutil.copytree(source, target)
    generated_dir = target / "generated"
    passages = json.loads((generated_dir / "passages.json").read_text(encoding="utf-8"))
    report = json.loads((generated_dir / "report.json").read_text(encoding="utf-8"))
    real = [w for p in passages for w in words(p["text"])]
    vocabulary = len(set(real))
    make = WordMaker(rng)
    invented = [make() for _ in range(max(1, round(vocabulary * (math.sqrt(factor) - 1))))]
    covered = _covered_roles(target)
    extra = (factor - 1) * len(passages)
    by_role: dict[str, list[str]] = defaultdict(list)
    for index in range(extra):
        doc = f"generated-doc-{index // PASSAGES_PER_DOCUMENT:05d}"
        unit = f"p{index % PASSAGES_PER_DOCUMENT}"
        roles = [covered[index % len(covered)]]
        if rng.random() < 0.4:
            roles.append(rng.choice(ROLE_IDS))
        roles = list(dict.fromkeys(roles))
        passage = {
            "author": None,
            "author_title": None,
            "copies": [],
            "doc": doc,
            "heading": None,
            "id": f"{doc}#{unit}",
            "language": "fr" if rng.random() < 0.1 else "en",
            "line": index % PASSAGES_PER_DOCUMENT + 1,
            "organisation": None,
            "part": "paragraph",
            "roles": roles,
            "status": "knowledge",
            "text": " ".join(_sentence(rng, real, invented) for _ in range(rng.randint(1, 3))),
            "topics": sorted(set(rng.sample(TOPICS, rng.randint(1, 2)))),
            "unit": unit,
        }
        passages.append(passage)
        for role in roles:
            by_role[role].append(passage["id"])
        if doc not in report["documents"]:
            report["documents"][doc] = {
                "dropped": {},
                "dropped_lines": [],
                "file": f"{doc}.txt",
                "fragments_kept_as_quotes": 0,
                "kind": "article",
                "merged_into_other_passages": 0,
                "passages": PASSAGES_PER_DOCUMENT,
                "promotional": [],
                "published": "2024-01-01",
                "publisher": "Generated for benchmarks",
                "title": f"Generated document {doc}",
                "trust": 1,
            }
    dump = json.dumps(passages, ensure_ascii=False, indent=1, sort_keys=True)
    (generated_dir / "passages.json").write_text(dump, encoding="utf-8")
    (generated_dir / "report.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
    )
    facts = _scale_facts(target, factor, rng, by_role, real, invented)
    return {"passages": len(passages), "facts": facts}, by_role


def _covered_roles(knowledge: Path) -> list[str]:
    data = yaml.safe_load((knowledge / "curated" / "roles.yaml").read_text(encoding="utf-8"))
    return [role for role, value in data["roles"].items() if value.get("covered")]


def _scale_facts(
    knowledge: Path,
    factor: int,
    rng: random.Random,
    by_role: dict[str, list[str]],
    real: list[str],
    invented: list[str],
) -> int:
    """Append generated facts to each covered role; returns the total number of facts."""
    path = knowledge / "curated" / "roles.yaml"
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    total = 0
    for role, value in data["roles"].items():
        facts = value.get("facts") or []
        originals = list(facts)
        for index in range((factor - 1) * len(originals)):
            cites = by_role.get(role) or []
            if not cites:
                break
            facts.append(
                {
                    "topic": originals[index % len(originals)].get("topic", "other"),
                    "en": _sentence(rng, real, invented),
                    "fr": _sentence(rng, real, invented),
                    "cites": rng.sample(cites, min(2, len(cites))),
                }
            )
        total += len(facts)
    if factor > 1:
        path.write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=4096), encoding="utf-8"
        )
    return total


def scaled_copy(
    target: Path,
    factor: int,
    knowledge_dir: Path | None = None,
    intents_dir: Path | None = None,
    seed: int = 7,
) -> tuple[Path, Path, dict[str, int]]:
    """Write ``target/knowledge`` and ``target/intents`` scaled ``factor`` times.

    Returns the two folders (``load_engine(knowledge, intents)`` loads them) and the sizes.
    """
    if factor < 1:
        raise ValueError("factor must be at least 1")
    rng = random.Random(seed * 1000 + factor)
    intents = target / "intents"
    knowledge = target / "knowledge"
    sizes = _scale_intents(intents_dir or default_intents_dir(), intents, factor, rng)
    knowledge_sizes, _ = _scale_knowledge(
        knowledge_dir or default_knowledge_dir(), knowledge, factor, rng
    )
    return knowledge, intents, {**sizes, **knowledge_sizes}

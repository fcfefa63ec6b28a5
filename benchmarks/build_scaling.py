"""``rolebot build`` at scale: the shipped knowledge plus N documents generated from
templates of the layouts companies use (Markdown wiki with role headings, HTML job
description with page chrome, reStructuredText page, numbered plain-text governance guide,
Markdown RACI table), then the engine over the dev set on what was built.

Documents differ by organisation, programme and the made-up words in their duties (the
vocabulary grows with the corpus, as a real one would), so duplicate merging has real
work to do rather than collapsing copies.
"""

from __future__ import annotations

import random
import shutil
import time
from pathlib import Path
from typing import Any

from benchmarks.devset import DevItem
from benchmarks.engine_bench import bench_engine
from bot.data.intents_loader import load_intents
from bot.data.paths import default_intents_dir, default_knowledge_dir
from bot.knowledge.build import run_build

ROLES = (
    "Project manager",
    "PMO analyst",
    "Project sponsor",
    "Programme manager",
    "Portfolio manager",
    "Business analyst",
    "Project controller",
    "Project coordinator",
    "PMO manager",
)
VERBS = (
    "Prepares",
    "Reviews",
    "Maintains",
    "Approves",
    "Tracks",
    "Publishes",
    "Agrees",
    "Chases",
    "Plans",
    "Checks",
)
OBJECTS = (
    "the monthly status report",
    "the risk register",
    "the stage plan",
    "the benefits profile",
    "the change log",
    "the resource forecast",
    "the budget baseline",
    "the lessons-learned log",
    "the supplier schedule",
    "the decision record",
)
SKILLS = ("Stakeholder management", "Planning", "Budgeting", "Facilitation", "Data analysis")
_SYLLABLES = ("ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "pe", "su")


class _Words:
    """Made-up words, a new one now and then, more as the corpus grows."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.known: list[str] = []

    def __call__(self) -> str:
        if not self.known or self.rng.random() < 0.3:
            word = "z" + "".join(self.rng.choice(_SYLLABLES) for _ in range(3))
            self.known.append(word)
            return word
        return self.rng.choice(self.known)


def _duties(rng: random.Random, word: _Words, n: int) -> list[str]:
    return [
        f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} for the {word()} {word()} programme."
        for _ in range(n)
    ]


def _wiki(rng: random.Random, word: _Words, org: str) -> str:
    parts = [f"# Project roles at {org}", "", "_Page owner: delivery team · 3 comments_", ""]
    for role in rng.sample(ROLES, 4):
        boss = rng.choice([r for r in ROLES if r != role]).lower()
        parts += [f"## {role}", "", f"The {role.lower()} works on the {word()} portfolio.", ""]
        parts += [f"- {d}" for d in _duties(rng, word, 5)]
        parts += ["", "### Skills", ""] + [f"- {s}." for s in rng.sample(SKILLS, 2)]
        parts += ["", f"**Reports to:** the {boss}.", ""]
    parts += ["Sign up for the newsletter on the intranet home page.", ""]
    return "\n".join(parts)


def _job(rng: random.Random, word: _Words, org: str) -> str:
    role = rng.choice(ROLES)
    boss = rng.choice([r for r in ROLES if r != role]).lower()
    items = "".join(f"<li>{d}</li>" for d in _duties(rng, word, 6))
    skills = "".join(f"<li>{s}.</li>" for s in rng.sample(SKILLS, 3))
    return (
        f"<!DOCTYPE html><html><head><title>{role} | {org}</title></head><body>"
        f'<div class="cookie-banner"><p>We use cookies.</p></div>'
        f"<nav><ul><li><a href='/'>Home</a></li><li><a href='/jobs'>Jobs</a></li></ul></nav>"
        f"<main><h1>{role} – {org}</h1><h2>About the role</h2>"
        f"<p>The {role.lower()} supports the {word()} {word()} programme.</p>"
        f"<h2>What you will do</h2><ul>{items}</ul>"
        f"<h2>Skills we look for</h2><ul>{skills}</ul>"
        f"<h2>Reporting line</h2><p>The {role.lower()} reports to the {boss}.</p></main>"
        f"<footer><p>© {org}. Privacy.</p></footer></body></html>\n"
    )


def _rst(rng: random.Random, word: _Words, org: str) -> str:
    title = f"{org}: who does what"
    parts = ["=" * len(title), title, "=" * len(title), "", ":Owner: programme office", ""]
    for role in rng.sample(ROLES, 3):
        parts += [role, "-" * len(role), ""]
        parts += [f"* {d}" for d in _duties(rng, word, 4)]
        boss = rng.choice([r for r in ROLES if r != role]).lower()
        parts += ["", f"The {role.lower()} is accountable to the {boss}.", ""]
    return "\n".join(parts)


def _guide(rng: random.Random, word: _Words, org: str) -> str:
    parts = [f"{org.upper()} PROJECT FRAMEWORK", "", "1 Purpose", ""]
    parts += [f"1.1 This framework applies to the {word()} {word()} programme.", ""]
    parts += ["2 Roles", ""]
    for n, role in enumerate(rng.sample(ROLES, 3), start=1):
        boss = rng.choice([r for r in ROLES if r != role]).lower()
        duty = " ".join(d.lower().rstrip(".") + "." for d in _duties(rng, word, 2))
        parts += [f"2.{n} {role}", "", f"The {role.lower()} {duty}"]
        parts += [f"The {role.lower()} reports to the {boss}.", ""]
    return "\n".join(parts)


def _raci(rng: random.Random, word: _Words, org: str) -> str:
    roles = rng.sample(ROLES, 5)
    rows = [f"| Activity | {' | '.join(roles)} |", "|---" * (len(roles) + 1) + "|"]
    for duty in _duties(rng, word, 8):
        cells = ["I"] * len(roles)
        cells[rng.randrange(len(roles))] = "R/A"
        rows.append(f"| {duty.rstrip('.')} | {' | '.join(cells)} |")
    return "\n".join([f"# {org} RACI", "", *rows, ""])


LAYOUTS = (
    ("md", "wiki", _wiki),
    ("html", "job_description", _job),
    ("rst", "rst", _rst),
    ("txt", "governance_guide", _guide),
    ("md", "raci", _raci),
)


def generated_knowledge(target: Path, documents: int, seed: int = 7) -> Path:
    """The shipped knowledge folder plus ``documents`` generated documents."""
    shutil.copytree(default_knowledge_dir(), target)
    shutil.rmtree(target / "generated", ignore_errors=True)
    rng = random.Random(seed)
    word = _Words(rng)
    entries = []
    for i in range(documents):
        ext, kind, make = LAYOUTS[i % len(LAYOUTS)]
        org = f"{word().capitalize()} {rng.choice(('Ltd', 'Council', 'Trust', 'Bank'))}"
        name = f"generated-{i:05d}.{ext}"
        (target / "sources" / name).write_text(make(rng, word, org), encoding="utf-8")
        entries.append(
            f'  - file: {name}\n    kind: {kind}\n    title: "{org} roles"\n'
            f'    publisher: "{org}"\n    published: 2025-01-01\n'
        )
    with (target / "sources" / "sources.yaml").open("a", encoding="utf-8") as f:
        f.write("".join(entries))
    return target


def bench_build(items: list[DevItem], root: Path, documents: int) -> dict[str, Any]:
    """Build seconds, passages and claims for ``documents`` generated documents, then the
    engine's latency over the dev set on that build (one warm pass)."""
    knowledge = generated_knowledge(root / f"docs{documents}", documents)
    intents = load_intents(default_intents_dir())
    started = time.perf_counter()
    result = run_build(knowledge, intents)
    build_s = time.perf_counter() - started
    engine = bench_engine(items, knowledge, None, passes=1)
    return {
        "documents": documents,
        "build_s": round(build_s, 2),
        "passages": len(result.passages),
        "claims": len(result.claims),
        "disputes": len(result.disputes),
        "engine": engine,
    }

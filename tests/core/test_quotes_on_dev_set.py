"""Every quote the bot shows is verbatim from the document it names, and is about a role the
answer is about (asked over the whole dev set)."""

import json
from pathlib import Path

import pytest

from bot.core.roles import ordered_roles
from bot.core.text import words
from bot.data.intents_loader import load_intents
from bot.data.paths import default_intents_dir, default_knowledge_dir
from bot.knowledge.catalogue import load_catalogue

DEV = Path(__file__).resolve().parents[1] / "eval" / "dev.jsonl"


def _collapse(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def documents() -> dict[str, str]:
    sources = default_knowledge_dir() / "sources"
    return {
        d.id: _collapse((sources / d.file).read_text(encoding="utf-8"))
        for d in load_catalogue(sources)
    }


@pytest.fixture(scope="module")
def answers(engine):
    questions = [json.loads(line)["question"] for line in DEV.read_text().splitlines()]
    return [engine.ask(q) for q in questions]


def test_every_quote_is_verbatim_in_its_document(answers, documents):
    checked = 0
    for answer in answers:
        for source in answer.sources:
            doc = documents[source.id.split("#", 1)[0]]
            assert _collapse(source.quote) in doc, (answer.question, source.id)
            checked += 1
    assert checked > 300


def test_no_answer_cites_a_passage_about_other_roles(answers):
    lexicon = load_intents(default_intents_dir()).lexicon()

    for answer in answers:
        if not answer.roles:
            continue
        for source in answer.sources:
            mentioned = set(ordered_roles(lexicon.find(words(source.quote))))
            assert mentioned & set(answer.roles), (answer.question, answer.roles, source.id)


def test_answered_replies_always_have_sources(answers):
    for answer in answers:
        if answer.answered and answer.intent not in ("help", "smalltalk"):
            assert answer.sources, answer.question

"""Property-based tests: whatever text arrives, the engine answers in the contract's shape,
does work bounded by its input limit, and does not answer made-up words with confidence."""

from __future__ import annotations

import json
import string
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.answer import Answer
from bot.core.decide import ABSTAIN_BELOW
from bot.core.engine import Engine
from bot.core.ids import INTENT_IDS, ROLE_IDS

CONTRACT_KEYS = {
    "question",
    "language",
    "intent",
    "roles",
    "confidence",
    "answered",
    "text",
    "sources",
    "suggestions",
}
SOURCE_KEYS = {"id", "title", "publisher", "author", "date", "quote"}
LONG = 100_000  # characters: far past any message a person types

SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Any Unicode: short texts, and texts repeated past the length limit (up to ~12,000 chars).
any_text = st.one_of(
    st.text(max_size=300),
    st.builds(
        lambda part, times: part * times, st.text(min_size=1, max_size=60), st.integers(1, 200)
    ),
)
# Chat-flavoured text: role names, markup and separators mixed with arbitrary characters.
CHAT_PIECES = [
    "PMO",
    "pm",
    "project manager",
    "analyste PMO",
    "vs",
    "<@U123>",
    "<!channel>",
    "<at>Bot</at>",
    ":wave:",
    "*",
    "`",
    "```",
    "<https://x.example|x>",
    "&lt;",
    "\u200b",
    "\u202e",
    "\n",
    "?",
    "xrole",
]
chat_text = st.lists(st.one_of(st.sampled_from(CHAT_PIECES), st.text(max_size=8)), max_size=40).map(
    " ".join
)


def check_contract(answer: Answer) -> None:
    assert isinstance(answer, Answer)
    data = answer.to_dict()
    assert set(data) == CONTRACT_KEYS
    assert json.loads(json.dumps(data)) == data  # serialisable, and round-trips
    assert data["language"] in ("en", "fr")
    assert data["intent"] in INTENT_IDS
    assert set(data["roles"]) <= set(ROLE_IDS)
    assert len(data["roles"]) == len(set(data["roles"]))
    assert 0.0 <= data["confidence"] <= 1.0
    assert isinstance(data["answered"], bool)
    assert isinstance(data["text"], str) and data["text"].strip()
    assert all(set(s) == SOURCE_KEYS for s in data["sources"])
    assert all(isinstance(s, str) and s.strip() for s in data["suggestions"])
    if not data["answered"]:
        assert data["suggestions"], "an abstention offers questions the bot can answer"


@SETTINGS
@given(text=any_text)
def test_any_unicode_text_gets_a_contract_answer(engine: Engine, text: str) -> None:
    check_contract(engine.ask(text))


@SETTINGS
@given(text=chat_text)
def test_any_chat_flavoured_text_gets_a_contract_answer(engine: Engine, text: str) -> None:
    check_contract(engine.ask(text))


@SETTINGS
@given(part=st.text(min_size=1, max_size=60))
def test_the_engine_reads_a_bounded_part_of_any_message(engine: Engine, part: str) -> None:
    """A message of 100 kB and one twice as long, made of the same repeated part, get the
    same answer: the engine reads a bounded part of a message (the work per message is
    bounded, whatever its length; a structural bound instead of a timing one)."""
    times = -(-LONG // len(part))
    long, longer = engine.ask(part * times), engine.ask(part * (2 * times))
    assert replace(long, question="") == replace(longer, question="")
    check_contract(longer)


def _made_up_word(letters: str) -> str:
    return "z" + letters


# Made-up words start with "z": no role name, cue word or greeting does, and typo
# correction keeps the first letter, so none can be read as one.
made_up_words = st.text(alphabet=string.ascii_lowercase, min_size=2, max_size=11).map(_made_up_word)
FILLER = ["the", "a", "is", "what", "how", "of", "and", "le", "la", "est", "de", "my", "our"]
random_sentences = st.lists(
    st.one_of(made_up_words, made_up_words, st.sampled_from(FILLER)), min_size=1, max_size=30
).map(" ".join)


@SETTINGS
@given(text=random_sentences, ending=st.sampled_from(["", "?", "!", "...", " ??"]))
def test_made_up_words_are_not_answered_with_confidence(
    engine: Engine, text: str, ending: str
) -> None:
    answer = engine.ask(text + ending)
    assert not answer.answered or answer.confidence < ABSTAIN_BELOW, answer.to_dict()
    assert answer.roles == ()

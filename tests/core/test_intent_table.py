"""The intent table is the one place intent semantics live: it must cover the contract."""

import pytest

from bot.core.compose.composer import BUILDERS
from bot.core.ids import INTENT_IDS, TOPICS
from bot.core.intent_table import INTENTS, WORD_LISTS, having
from bot.data.intents_loader import load_intents
from bot.data.paths import default_intents_dir


def test_every_contract_intent_has_exactly_one_row():
    assert set(INTENTS) == set(INTENT_IDS)


@pytest.mark.parametrize("intent", INTENT_IDS)
def test_every_row_names_a_real_builder_and_topic(intent):
    row = INTENTS[intent]
    assert row.builder in BUILDERS
    assert row.topic is None or row.topic in TOPICS


def test_single_role_and_pairwise_need_a_role_or_bring_their_own():
    for intent in having("single_role") | having("pairwise"):
        row = INTENTS[intent]
        assert row.needs_role or row.topical, intent


def test_chat_intents_never_keep_roles():
    for intent in having("chat"):
        assert not INTENTS[intent].keeps_roles


def test_shipped_intents_fill_every_word_list_and_every_intent():
    data = load_intents(default_intents_dir())
    assert set(data.word_map()) == set(WORD_LISTS)
    assert {e.intent for e in data.examples} == set(INTENT_IDS)
    assert {i for i, _ in data.cues} == set(INTENT_IDS)

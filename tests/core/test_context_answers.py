"""A question naming the organisation that publishes a document is answered from that
document or not at all; a definition in one organisation's own terms comes after general
ones. Hand-made documents added to the shipped knowledge."""

from __future__ import annotations

import pytest

from bot.core.engine import Engine
from bot.data.intents_loader import load_intents
from bot.data.paths import default_intents_dir, default_knowledge_dir
from bot.knowledge.curated import load_knowledge
from tests.core.claims_kit import Doc, claim, extend

HOLLIS = Doc("hollisford-roles", "Programme roles", "Hollisford Rail (staff wiki)")
OTHER = Doc("brennock-skills", "What our programme managers need", "Brennock Water")
METHOD = Doc("quarrington-method", "Method roles", "Quarrington Method Group")
GLOSSARY = Doc("wyndle-glossary", "Glossary", "Wyndle Foods")
TEAM = Doc("tindale-team", "How the team works", "Tindale Foundation")
CLAIMS = [
    claim(
        TEAM,
        "s1",
        1,
        ("project_coordinator",),
        "responsibilities",
        "The project coordinator (paid from the grant) keeps the milestone board current.",
        duty="keeps the milestone board current",
    ),
    claim(
        TEAM,
        "s2",
        1,
        ("project_coordinator",),
        "responsibilities",
        "The project coordinator keeps the shipping calendar and chases late modules.",
        duty="keeps the shipping calendar and chases late modules",
    ),
    claim(
        HOLLIS,
        "s1",
        1,
        ("program_manager",),
        "responsibilities",
        "The programme manager sequences the projects and chairs the monthly review.",
        duty="sequences the projects and chairs the monthly review",
    ),
    claim(
        OTHER,
        "s1",
        1,
        ("program_manager",),
        "skills",
        "A programme manager needs strong stakeholder negotiation and benefits planning.",
    ),
    claim(
        HOLLIS,
        "s2",
        1,
        ("program_manager",),
        "skills",
        "Reading a schedule and keeping a room of contractors calm are what the job needs.",
    ),
    claim(
        METHOD,
        "s1",
        1,
        ("product_manager",),
        "definition",
        "In Quarrington projects, the Gatekeeper is the product manager.",
    ),
    claim(
        GLOSSARY,
        "s1",
        1,
        ("product_manager",),
        "definition",
        "A product manager decides what a product should do and for whom.",
    ),
]


@pytest.fixture(scope="module")
def bot() -> Engine:
    knowledge, _ = load_knowledge(default_knowledge_dir())
    knowledge = extend(knowledge, [HOLLIS, OTHER, METHOD, GLOSSARY, TEAM], CLAIMS)
    return Engine(load_intents(default_intents_dir()), knowledge)


def test_a_facet_the_named_organisations_page_leaves_open_is_not_answered_from_another(bot):
    answer = bot.ask("what certifications does a programme manager need at Hollisford?")
    assert answer.answered is False, answer.text
    assert answer.sources == ()  # its skills are no certification
    assert "Programme roles" in answer.text and "Hollisford Rail" in answer.text


def test_a_role_the_named_organisations_page_does_not_describe_is_not_answered(bot):
    answer = bot.ask("what does a product manager do at Hollisford?")
    assert answer.answered is False, answer.text
    assert answer.sources == ()
    assert "does not describe" in answer.text


def test_without_the_organisation_the_other_pages_answer(bot):
    answer = bot.ask("what skills does a programme manager need?")
    assert answer.answered
    assert any(s.doc == "brennock-skills" for s in answer.sources)


def test_the_named_organisations_page_still_answers_what_it_covers(bot):
    answer = bot.ask("what does a programme manager do at Hollisford?")
    assert answer.answered
    assert [s.doc for s in answer.sources] == ["hollisford-roles"]


def test_a_definition_in_one_organisations_terms_comes_after_a_general_one(bot):
    answer = bot.ask("what is a product manager?")
    assert answer.answered
    assert answer.sources[0].doc == "wyndle-glossary", answer.text


def test_the_organisations_definition_answers_when_it_is_named(bot):
    answer = bot.ask("what is a product manager in Quarrington?")
    assert answer.answered
    assert [s.doc for s in answer.sources] == ["quarrington-method"]


def test_an_off_topic_word_the_named_page_uses_for_the_role_is_part_of_the_question(bot):
    answer = bot.ask("What does the paid project coordinator at Tindale do?")
    assert answer.answered and answer.intent == "responsibilities", answer.text
    assert {s.doc for s in answer.sources} == {"tindale-team"}


def test_the_same_word_without_the_page_is_still_off_topic(bot):
    answer = bot.ask("Are project coordinators well paid?")
    assert answer.answered is False and answer.intent == "out_of_scope"


def test_an_off_topic_word_next_to_the_same_word_as_in_a_claim_is_part_of_the_duty(bot):
    answer = bot.ask("Who keeps the shipping calendar?")
    assert answer.answered and answer.intent == "which_role", answer.text
    assert answer.roles == ("project_coordinator",)


def test_the_same_word_in_another_phrase_is_still_off_topic(bot):
    answer = bot.ask("My Outlook calendar stopped syncing, who can fix it?")
    assert answer.answered is False

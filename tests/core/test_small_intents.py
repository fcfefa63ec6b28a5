"""The engine's understanding on a few hand-written intents, without the shipped YAML:
what is learnt from ``intents/`` comes only from the data it is given."""

import pytest

from bot.core.engine import Engine
from bot.core.intents import FuzzyMatcher
from bot.core.knowledge import Knowledge
from bot.core.matching import IntentResult, IntentScore, Query
from bot.core.model import Example, IntentData
from bot.core.roles import RoleName


def names(role: str, *spellings: str) -> list[RoleName]:
    return [RoleName(role, tuple(s.split())) for s in spellings]


DATA = IntentData(
    role_names=(
        *names("pmo", "pmo", "project management office"),
        *names("project_manager", "pm", "project manager"),
        *names("business_analyst", "ba", "business analyst"),
        *names("unknown_role", "scrum master"),
    ),
    examples=(
        Example("compare", "what is the difference between a PMO and a project manager"),
        Example("define", "what is a PMO"),
        Example("responsibilities", "what does a business analyst do all day"),
        Example("skills", "what skills does a project manager need"),
        Example("which_role", "who looks after the templates"),
        Example("smalltalk", "hello there"),
        Example("out_of_scope", "what is the weather today"),
    ),
    cues=(
        ("compare", ("vs", "difference")),
        ("skills", ("skills",)),
        ("out_of_scope", ("weather", "salary")),
        ("smalltalk", ("hello", "thanks")),
    ),
    hints=(("define", ("what is",)),),
    topics=(),
    domain=("templates", "project"),
    words=(
        ("who", ("who",)),
        ("or", ("or",)),
        ("self", ("i'm", "as")),
        ("joins", ("and", "or")),
        ("mine", ("my", "our")),
        ("not_plural", ("bas",)),
    ),
)
EMPTY = Knowledge(
    roles={}, distinctions=(), readings={}, who_to_ask=(), examples={}, passages={}, documents={}
)


@pytest.fixture(scope="module")
def small() -> Engine:
    return Engine(DATA, EMPTY)


@pytest.mark.parametrize(
    ("question", "intent", "roles"),
    [
        ("pmo vs pm?", "compare", ("pmo", "project_manager")),
        (
            "difference between a BA and a project manger",
            "compare",
            ("business_analyst", "project_manager"),
        ),
        ("what is a project management office", "define", ("pmo",)),
        ("what does a BA do?", "responsibilities", ("business_analyst",)),
        ("skills for BA's and PMO's?", "skills", ("business_analyst", "pmo")),
        ("what do BAs do", "responsibilities", ("business_analyst",)),
        ("my PM asked me: what skills does a BA need?", "skills", ("business_analyst",)),
        ("who looks after templates?", "which_role", ()),
        ("hello!", "smalltalk", ()),
        ("weather in Paris?", "out_of_scope", ()),
        ("what is the salary of a PMO?", "out_of_scope", ()),
        ("qwerty asdf", "out_of_scope", ()),
    ],
)
def test_small_intents_are_understood(small, question, intent, roles):
    reading, _ = small.understand(question)
    assert (reading.intent, reading.roles) == (intent, roles)


def test_a_self_described_unknown_role_is_context(small):
    reading, _ = small.understand("I'm a scrum master. What does a BA do?")
    assert reading.unknown_roles == ()
    reading, _ = small.understand("what does a scrum master do?")
    assert reading.unknown_roles == ("scrum master",)


class Always:
    """A matcher that ranks one intent first, whatever the question."""

    def __init__(self, intent: str) -> None:
        self.intent = intent

    def match(self, query: Query) -> IntentResult:
        return IntentResult((IntentScore(self.intent, 0.9), IntentScore("define", 0.1)), True)


def test_the_engine_uses_the_matcher_it_is_given():
    engine = Engine(DATA, EMPTY, matcher=Always("skills"))
    reading, result = engine.understand("what does a BA do?")
    assert reading.intent == "skills" and result.best.intent == "skills"


def test_the_fuzzy_matcher_ranks_every_intent_it_has_data_for():
    result = FuzzyMatcher(DATA).match(Query(("xrole", "vs", "xrole"), ("pmo", "vs", "pm"), 2))
    assert result.best.intent == "compare"
    assert {s.intent for s in result.ranking} == {
        "compare",
        "define",
        "responsibilities",
        "skills",
        "which_role",
        "smalltalk",
        "out_of_scope",
    }


def test_roles_named_only_in_the_story_are_context(small):
    reading, _ = small.understand(
        "Our PM keeps changing the templates. My question is simple. What does a BA do all day?"
    )
    assert (reading.intent, reading.roles) == ("responsibilities", ("business_analyst",))


def test_an_unknown_word_qualifying_a_known_role_is_not_an_unknown_role(small):
    reading, _ = small.understand("what skills does a scrum master PMO need?")
    assert reading.unknown_roles == ()

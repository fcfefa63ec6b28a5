"""The name of the work a role does stands for the role, when no role is named, for the
intents whose row says so; on hand-built intents, without the shipped YAML."""

from dataclasses import replace

import pytest

from bot.core.engine import Engine
from bot.core.intent_table import DISCIPLINE
from bot.core.model import Example, IntentData
from bot.core.roles import RoleName
from tests.core.test_small_intents import DATA, EMPTY

WORK = replace(
    DATA,
    examples=(
        *DATA.examples,
        Example("career", "how do I become a project manager"),
        Example("define", "what is a steering committee"),
        Example("roles_overview", "what roles are there in project management"),
    ),
    cues=(*DATA.cues, ("career", ("career", "become"))),
    disciplines=(
        RoleName("project_manager", ("project", "management")),
        RoleName("business_analyst", ("business", "analysis")),
    ),
)


@pytest.fixture(scope="module")
def bot() -> Engine:
    return Engine(WORK, EMPTY)


def test_the_table_names_the_intents_a_discipline_may_stand_for():
    assert {"career", "skills", "certification", "compare"} <= DISCIPLINE
    assert "define" not in DISCIPLINE and "which_role" not in DISCIPLINE


@pytest.mark.parametrize(
    ("question", "intent", "roles"),
    [
        ("any advice for a career in project management?", "career", ("project_manager",)),
        ("what skills does business analysis need?", "skills", ("business_analyst",)),
        # a definition of something else in the field defines no role
        ("what is a steering committee in project management?", "define", ()),
        ("what roles are there in project management?", "roles_overview", ()),
        # a named role wins over the work
        ("career in project management for a BA?", "career", ("business_analyst",)),
    ],
)
def test_a_discipline_stands_for_its_role_only_where_the_intent_allows(
    bot, question, intent, roles
):
    reading, result = bot.understand(question)
    assert (result.best.intent, reading.roles) == (intent, roles)


def test_without_disciplines_the_work_names_no_role():
    reading, _ = Engine(replace(WORK, disciplines=()), EMPTY).understand(
        "any advice for a career in project management?"
    )
    assert reading.roles == ()


def test_a_plural_inside_a_role_name_is_the_role():
    data = IntentData(
        role_names=(
            RoleName("project_manager", ("chef", "de", "projet")),
            RoleName("pmo", ("bureau", "de", "projets")),
        ),
        examples=(),
        cues=(),
        hints=(),
        topics=(),
        domain=(),
    )
    found = data.lexicon().find(["les", "chefs", "de", "projets"])
    assert [(m.role, m.start, m.end) for m in found] == [("project_manager", 1, 4)]

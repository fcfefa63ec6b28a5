"""Questions about several roles together, and career moves towards a role the bot does not
know: answered only when the sources cover every role the question is about."""

from __future__ import annotations

import pytest

from bot.core.engine import Engine
from bot.core.focus import unknown_targets
from bot.core.roles import UNKNOWN, RoleMention
from bot.data.intents_loader import load_intents
from bot.data.paths import default_intents_dir, default_knowledge_dir
from bot.knowledge.curated import load_knowledge
from tests.core.claims_kit import Doc, claim, extend

TOWARDS = frozenset({"to", "into", "vers", "become"})


def mention(role: str, start: int, end: int, name: str = "") -> RoleMention:
    return RoleMention(role, start, end, name or role)


@pytest.mark.parametrize(
    ("tokens", "mentions", "expected"),
    [
        # the known role comes first and the move goes on to an unknown one
        (
            "from pm to scrum master".split(),
            [mention("project_manager", 1, 2), mention(UNKNOWN, 3, 5, "scrum master")],
            ("scrum master",),
        ),
        # the unknown role is where the asker starts: not part of the question
        (
            "developer to pm".split(),
            [mention(UNKNOWN, 0, 1, "developer"), mention("project_manager", 2, 3)],
            (),
        ),
        # an unknown role named after a known one, with no word of moving before it
        (
            "pm and scrum master together".split(),
            [mention("project_manager", 0, 1), mention(UNKNOWN, 2, 4, "scrum master")],
            (),
        ),
    ],
)
def test_an_unknown_role_is_kept_only_as_where_a_career_moves_to(tokens, mentions, expected):
    assert unknown_targets(mentions, tokens, TOWARDS) == expected


@pytest.fixture(scope="module")
def shipped() -> Engine:
    knowledge, _ = load_knowledge(default_knowledge_dir())
    return Engine(load_intents(default_intents_dir()), knowledge)


def test_a_topic_one_of_two_roles_has_nothing_on_is_not_answered(shipped):
    answer = shipped.ask("Is the PMO higher than a project coordinator?")
    assert (answer.intent, answer.answered) == ("reporting", False)
    assert "project coordinator" in answer.title.lower()


def test_a_topic_both_roles_have_is_answered(shipped):
    answer = shipped.ask("who is higher, the PMO or the project manager?")
    assert (answer.intent, answer.answered) == ("reporting", True)


def test_every_role_of_a_comparison_must_be_described(shipped):
    answer = shipped.ask("project manager vs PMO analyst vs programme manager?")
    assert answer.answered is False


def test_a_career_move_on_to_an_unknown_role_is_not_answered(shipped):
    answer = shipped.ask("I'm a project manager, how do I move to scrum master?")
    assert answer.answered is False


def test_a_document_that_covers_the_topic_makes_the_pair_answerable():
    knowledge, _ = load_knowledge(default_knowledge_dir())
    wiki = Doc("coordinator-wiki", "Coordinators", "Example Ltd")
    line = claim(
        wiki,
        "s1",
        1,
        ("project_coordinator", "pmo"),
        "reporting",
        "Project coordinators report to the PMO.",
        relation=("project_coordinator", "reports_to", "pmo"),
    )
    bot = Engine(load_intents(default_intents_dir()), extend(knowledge, [wiki], [line]))
    answer = bot.ask("Is the PMO higher than a project coordinator?")
    assert (answer.intent, answer.answered) == ("reporting", True)

"""Each shape rule on hand-built questions: what it adds, to which intent, and when not."""

import pytest

from bot.core import shape as sh
from bot.core.intent_table import INTENTS
from bot.core.shape import Shape

ONE = Shape(n_roles=1, length=5, in_domain=True)
TWO = Shape(n_roles=2, length=6, in_domain=True)
TWO_TOPIC = Shape(n_roles=2, length=6, in_domain=True, topical=frozenset({"reporting"}))
NONE = Shape(n_roles=0, length=5, in_domain=False)
WHO = Shape(n_roles=0, length=5, in_domain=True, has_who=True)
WHO_CHOICE = Shape(n_roles=2, length=8, in_domain=True, has_who=True, asks_who=True)
WHO_DOES = Shape(n_roles=1, length=9, in_domain=True, has_who=True, who_subject=True)
WHO_DOES_PAIR = Shape(n_roles=2, length=12, in_domain=True, has_who=True, who_subject=True)
LONG_ROLE = Shape(n_roles=1, length=10, in_domain=True)
THREE = Shape(n_roles=3, length=8, in_domain=True)
SALARY = Shape(n_roles=1, length=8, in_domain=True, strong_outside=True)
SALARY_STORY = Shape(n_roles=1, length=30, in_domain=True, strong_outside=True)
HOW_TO = Shape(n_roles=1, length=12, in_domain=True, how_to=True)
HOW_TO_CUED = Shape(n_roles=1, length=8, in_domain=True, how_to=True, strong_cue=True)
NO_TARGET = Shape(n_roles=1, length=12, in_domain=True, becomes_no_role=True)
MOVE = Shape(n_roles=2, length=7, in_domain=True, role_move=True, strong_cue=True)
EVERYONE = Shape(n_roles=1, length=20, in_domain=True, has_who=True, who_subject=True, n_who=3)
WHO_WHAT = Shape(n_roles=0, length=6, in_domain=True, has_who=True, who_does_what=True)
CERT = Shape(n_roles=1, length=6, in_domain=True, topical=frozenset({"certification", "value"}))

CASES = [
    # rule, intent, shape, expected adjustment
    (sh.needs_a_role, "responsibilities", NONE, -sh.NO_ROLE_PENALTY),
    (sh.needs_a_role, "responsibilities", ONE, 0.0),
    (sh.needs_a_role, "which_role", NONE, 0.0),
    (sh.two_roles_compare, "compare", ONE, -sh.ONE_ROLE_COMPARE_PENALTY),
    (sh.two_roles_compare, "compare", TWO, sh.PAIR_BONUS),
    (sh.two_roles_compare, "compare", TWO_TOPIC, 0.0),
    (sh.two_roles_compare, "compare", WHO_DOES_PAIR, 0.0),
    (sh.two_roles_compare, "define", TWO, 0.0),
    (sh.two_roles_topic, "reporting", TWO_TOPIC, sh.PAIR_BONUS),
    (sh.two_roles_topic, "career", TWO_TOPIC, 0.0),
    (sh.two_roles_topic, "reporting", ONE, 0.0),
    (sh.who_asks_for_a_role, "which_role", WHO, sh.WHO_NO_ROLE_BONUS),
    (sh.who_asks_for_a_role, "which_role", WHO_CHOICE, sh.WHO_CHOICE_BONUS),
    (sh.who_asks_for_a_role, "which_role", ONE, -sh.ROLE_NAMED_WHO_PENALTY),
    (sh.who_asks_for_a_role, "which_role", WHO_DOES, sh.WHO_CHOICE_BONUS),
    (sh.who_asks_for_a_role, "reporting", WHO, 0.0),
    (sh.certificate_is_the_subject, "certification", CERT, sh.SUBJECT_TOPIC_BONUS),
    (sh.certificate_is_the_subject, "value", CERT, 0.0),
    (sh.chat_is_short_and_roleless, "smalltalk", ONE, -sh.CHAT_ROLE_PENALTY),
    (
        sh.chat_is_short_and_roleless,
        "help",
        LONG_ROLE,
        -sh.CHAT_ROLE_PENALTY - sh.CHAT_LENGTH_PENALTY - 4 * sh.CHAT_PER_WORD_PENALTY,
    ),
    (sh.chat_is_short_and_roleless, "define", ONE, 0.0),
    (sh.many_roles_overview, "roles_overview", THREE, sh.OVERVIEW_BONUS),
    (sh.many_roles_overview, "roles_overview", TWO, -sh.OVERVIEW_PAIR_PENALTY),
    (sh.many_roles_overview, "roles_overview", ONE, 0.0),
    (sh.many_roles_overview, "roles_overview", EVERYONE, sh.OVERVIEW_BONUS),
    (sh.who_asks_for_a_role, "which_role", EVERYONE, 0.0),
    (sh.who_asks_for_a_role, "which_role", WHO_WHAT, 0.0),
    (sh.many_roles_overview, "roles_overview", WHO_WHAT, sh.OVERVIEW_BONUS),
    (sh.outside_the_field, "out_of_scope", NONE, sh.OUTSIDE_BONUS),
    (sh.outside_the_field, "out_of_scope", SALARY, sh.STRONG_OUTSIDE_BONUS),
    (sh.outside_the_field, "out_of_scope", SALARY_STORY, 0.0),
    (sh.outside_the_field, "define", NONE, 0.0),
    (sh.instructions_are_outside, "out_of_scope", HOW_TO, sh.HOW_TO_BONUS),
    (sh.instructions_are_outside, "out_of_scope", HOW_TO_CUED, 0.0),
    (sh.instructions_are_outside, "responsibilities", HOW_TO, 0.0),
    (sh.a_move_between_roles, "career", MOVE, sh.MOVE_BONUS),
    (sh.a_move_between_roles, "compare", MOVE, 0.0),
    (sh.a_move_between_roles, "career", TWO, 0.0),
    (sh.a_move_between_roles, "career", NO_TARGET, -sh.NO_TARGET_PENALTY),
]


@pytest.mark.parametrize(("rule", "intent", "shape", "expected"), CASES)
def test_rule(rule, intent, shape, expected):
    assert rule(INTENTS[intent], shape) == pytest.approx(expected)


def test_every_rule_is_covered_by_a_case():
    assert {c[0] for c in CASES} == set(sh.RULES)

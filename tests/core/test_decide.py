"""Each named decision on hand-built facts: when it changes the intent, and when not."""

import pytest

from bot.core import decide as d
from bot.core.decide import Facts, answer_roles

BASE = {"roles": ("pmo",), "n_words": 8, "confidence": 0.8, "in_domain": True}


def facts(**changes) -> Facts:
    return Facts(**{"strong_outside": False, **BASE, **changes})


CASES = [
    # decision, intent in, facts, intent out
    (d.outside_words_win, "define", facts(strong_outside=True), "out_of_scope"),
    (d.outside_words_win, "define", facts(strong_outside=True, n_words=30), "define"),
    (d.money_is_outside, "career", facts(sum_of_money=True), "out_of_scope"),
    (d.money_is_outside, "define", facts(sum_of_money=True, n_words=3), "out_of_scope"),
    (d.money_is_outside, "smalltalk", facts(sum_of_money=True), "smalltalk"),
    (d.money_is_outside, "career", facts(), "career"),
    (d.money_is_outside, "which_role", facts(sum_of_money=True), "which_role"),
    (d.unsure_or_outside, "define", facts(confidence=0.2), "out_of_scope"),
    (d.unsure_or_outside, "define", facts(in_domain=False), "out_of_scope"),
    (d.unsure_or_outside, "smalltalk", facts(in_domain=False), "smalltalk"),
    (d.unsure_or_outside, "define", facts(), "define"),
    (d.asks_what_a_name_stands_for, "out_of_scope", facts(acronym=True), "define"),
    (d.asks_what_a_name_stands_for, "out_of_scope", facts(acronym=True, roles=()), "out_of_scope"),
    (d.asks_what_a_name_stands_for, "out_of_scope", facts(), "out_of_scope"),
    (d.bare_role_is_a_definition, "out_of_scope", facts(n_words=3), "define"),
    (
        d.bare_role_is_a_definition,
        "out_of_scope",
        facts(n_words=3, strong_outside=True),
        "out_of_scope",
    ),
    (d.bare_role_is_a_definition, "out_of_scope", facts(n_words=9), "out_of_scope"),
    (
        d.one_role_many_names,
        "compare",
        facts(role_names=frozenset({"pmo", "programme office"})),
        "types",
    ),
    (
        d.one_role_many_names,
        "compare",
        facts(role_names=frozenset({"pmo", "project management office"}), acronym=True),
        "define",
    ),
    (d.one_role_many_names, "compare", facts(role_names=frozenset({"pmo"})), "compare"),
    (d.one_role_is_no_comparison, "compare", facts(runner_up="define"), "define"),
    (d.one_role_is_no_comparison, "compare", facts(runner_up="define", unknown=True), "compare"),
    (
        d.one_role_is_no_comparison,
        "compare",
        facts(runner_up="define", roles=("pmo", "project_manager")),
        "compare",
    ),
    (d.a_duty_offered_to_roles, "compare", facts(owner_wanted=True), "which_role"),
    (d.a_duty_offered_to_roles, "responsibilities", facts(owner_wanted=True), "which_role"),
    (d.a_duty_offered_to_roles, "reporting", facts(owner_wanted=True), "reporting"),
    (d.a_duty_offered_to_roles, "compare", facts(), "compare"),
    (d.kinds_of_office, "compare", facts(kinds=True), "types"),
    (d.kinds_of_office, "define", facts(kinds=True, acronym=True), "define"),
    (d.kinds_of_office, "compare", facts(kinds=True, roles=("pmo", "project_manager")), "compare"),
    (d.needs_a_known_role, "responsibilities", facts(roles=()), "out_of_scope"),
    (d.needs_a_known_role, "types", facts(roles=()), "types"),
    (d.needs_a_known_role, "which_role", facts(roles=()), "which_role"),
]


@pytest.mark.parametrize(("decision", "intent", "given", "expected"), CASES)
def test_decision(decision, intent, given, expected):
    assert decision(intent, given) == expected


def test_every_decision_is_covered_by_a_case():
    assert {c[0] for c in CASES} == set(d.DECISIONS)


@pytest.mark.parametrize(
    ("intent", "roles", "subjects", "expected"),
    [
        ("compare", ("pmo", "project_manager"), (), ("pmo", "project_manager")),
        ("skills", ("business_analyst", "pmo"), ("pmo",), ("pmo",)),
        (
            "skills",
            ("business_analyst", "pmo", "project_manager"),
            ("business_analyst", "pmo"),
            ("business_analyst", "pmo"),
        ),
        ("skills", ("business_analyst", "pmo"), (), ("business_analyst",)),
        ("reporting", ("pmo_analyst", "pmo"), ("pmo",), ("pmo_analyst", "pmo")),
        ("smalltalk", ("pmo",), (), ()),
        ("out_of_scope", ("pmo",), (), ()),
    ],
)
def test_answer_roles(intent, roles, subjects, expected):
    assert answer_roles(intent, roles, subjects) == expected

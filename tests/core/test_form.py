"""Question-form cues on hand-built tokens (role names already the placeholder)."""

import pytest

from bot.core.form import (
    asks_how_to,
    asks_who_does_what,
    becomes_no_role,
    moves_between_roles,
    names_a_sum,
    offers_roles,
    who_is_subject,
)
from bot.core.roles import ROLE_TOKEN as R

WHO = frozenset({"who", "whom", "qui"})
BEFORE = frozenset({"to", "a"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("who decides which features get built", True),
        (f"so who actually in charge of cost the {R} or the {R}", True),
        ("who is still accountable for delivering the project", True),
        (f"who does the {R} report to", False),
        (f"who is the {R}", False),
        (f"to whom does the {R} answer", False),
        (f"a qui rend compte le {R}", False),
        (f"what does a {R} do", False),
        ("who", False),
    ],
)
def test_who_is_the_subject_when_no_role_follows_it(text, expected):
    assert who_is_subject(tuple(text.split()), WHO, BEFORE) is expected


@pytest.mark.parametrize(
    "text",
    [
        f"isn't a {R} basically a {R} who looks at project data",
        "finding people who turn out to have left",
    ],
)
def test_a_relative_who_after_a_role_or_a_person_asks_for_no_one(text):
    assert who_is_subject(tuple(text.split()), WHO, BEFORE, frozenset({"people"})) is False


HOW = frozenset({"how", "comment"})
DOERS = frozenset({"i", "we", "you", "to", "je", "on", "faire"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("how do i set up a weekly reminder", True),
        ("how can we get them to update it", True),
        ("comment faire un diagramme de gantt", True),
        ("how to install jira", True),
        (f"how does a {R} differ from a {R}", False),
        (f"how much authority does the {R} have", False),
    ],
)
def test_a_request_for_instructions_has_how_and_someone_to_do_it(text, expected):
    assert asks_how_to(tuple(text.split()), HOW, DOERS) is expected


TO = frozenset({"to", "into", "vers"})
FROM = frozenset({"from", "de"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"how do i go from {R} to {R}", True),
        (f"{R} into a {R} role", True),
        (f"why would i move from a {R} role to a {R} job", True),
        (f"passer de {R} vers {R}", True),
        (f"does the {R} report to the {R}", False),
        (f"{R} vs {R} a {R}", False),
        (f"{R} and {R}", False),
    ],
)
def test_a_move_is_a_role_a_word_of_moving_and_another_role(text, expected):
    assert moves_between_roles(tuple(text.split()), TO, FROM) is expected


OR = frozenset({"or", "ou"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"who is in charge of cost the {R} or the {R}", True),
        (f"is it the {R} job to manage the stakeholders or is that on me as the {R}", True),
        (f"{R} ou {R}", True),
        (f"what does the {R} do and what does the {R} do", False),
        (
            f"{R} or a story that goes on and on and on and on for many many more words before {R}",
            False,
        ),
    ],
)
def test_roles_offered_as_alternatives_have_a_word_of_choice_between_them(text, expected):
    assert offers_roles(tuple(text.split()), OR) is expected


BECOME = frozenset({"become", "becoming", "devenir"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("how do you stop it becoming another layer of bureaucracy", True),
        (f"how do i become a {R}", False),
        (f"comment devenir {R}", False),
        (f"what does a {R} do", False),
    ],
)
def test_become_with_no_role_after_it_is_no_career_move(text, expected):
    assert becomes_no_role(tuple(text.split()), BECOME) is expected


OPEN = frozenset({"what", "which", "quoi"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("who is responsible for what", True),
        ("who sits in which one", True),
        ("qui fait quoi", True),
        ("who decides which projects go ahead", False),
        ("what does the pmo do", False),
    ],
)
def test_who_with_the_duty_left_open_asks_who_is_who(text, expected):
    assert asks_who_does_what(tuple(text.split()), WHO, OPEN) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("got a PM offer at 75k, I was hoping for 80k", True),
        ("is a PMO certification worth $400?", True),
        ("un poste de PMO à 45 000 € par an", True),
        ("£60,000 for a PMO analyst?", True),
        ("the PM makes 88K and the PMO analyst 60 euros a day", True),
        ("we run 40 projects with 3 PMs", False),
        ("is P3M3 a sensible way to assess our PMO?", False),
        ("PRINCE2 or PMP for a PMO analyst?", False),
    ],
)
def test_a_sum_of_money_has_a_currency_or_a_thousands_k(text, expected):
    assert names_a_sum(text) is expected

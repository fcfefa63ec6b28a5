"""Score adjustments from the shape of a question, not its wording.

Each rule is a named function of an intent's table row and the question's ``Shape`` (how
many roles it names, how long it is, which topic cues are strong, whether it asks "who"),
returning a score adjustment. They are applied in ``RULES`` order and summed; each has a
table-driven test in ``tests/core/test_shape.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.core.intent_table import IntentSpec

# How much each fact moves a score (scores are in [0, 1]).
NO_ROLE_PENALTY = 0.2  # an intent about a role, and none is named
ONE_ROLE_COMPARE_PENALTY = 0.15  # a comparison needs two roles
PAIR_BONUS = 0.12  # two roles: a comparison, or the topic the cues name
WHO_NO_ROLE_BONUS = 0.12  # "who sets the standards?": a role is wanted
WHO_CHOICE_BONUS = 0.3  # "who owns the schedule, the PMO or the PM?"
ROLE_NAMED_WHO_PENALTY = 0.15  # a role named and no "who": not asking which role
SUBJECT_TOPIC_BONUS = 0.25  # "is the PMP worth it": the certification is the subject
CHAT_ROLE_PENALTY = 0.35  # greetings and help name no role
CHAT_LENGTH_FREE = 6  # words a greeting may have before it looks like a question
CHAT_LENGTH_PENALTY = 0.1
CHAT_PER_WORD_PENALTY = 0.03
OVERVIEW_MANY_ROLES = 3  # three roles or more: who's who
OVERVIEW_BONUS = 0.12
OVERVIEW_PAIR_PENALTY = 0.1
MANY_PEOPLE = 3  # "who's who, who do I report to, who do I ask?": asking for everyone
OUTSIDE_BONUS = 0.15  # no role and no project word: out of scope
STRONG_OUTSIDE_BONUS = 0.3  # "salary", "weather": out of scope even with a role
STRONG_OUTSIDE_MAX_WORDS = 12  # ... in a short message
MOVE_BONUS = 0.15  # "coordinator to PM": a career move
NO_TARGET_PENALTY = 0.15  # "becoming a bottleneck": no role to become
HOW_TO_BONUS = 0.2  # "how do I set up...", and no cue of any intent: instructions


@dataclass(frozen=True)
class Shape:
    n_roles: int
    length: int  # words
    in_domain: bool  # names a role or a word of the field
    topical: frozenset[str] = frozenset()  # topical intents whose cue words are strong
    has_who: bool = False  # a word asking for a person
    asks_who: bool = False  # ... opening the question or offering alternatives
    who_subject: bool = False  # "who decides...": the person wanted does something
    strong_outside: bool = False  # a strong out-of-scope cue
    how_to: bool = False  # "how do I set up...": asks for instructions
    strong_cue: bool = False  # some intent's cue words are strong
    role_move: bool = False  # "from coordinator to PM": a move from one role to another
    becomes_no_role: bool = False  # "stop it becoming bureaucracy": no role after "become"
    n_who: int = 0  # words asking for a person in the sentence that asks
    who_does_what: bool = False  # "who is responsible for what?": the duty left open


Rule = Callable[[IntentSpec, Shape], float]


def needs_a_role(s: IntentSpec, q: Shape) -> float:
    return -NO_ROLE_PENALTY if s.needs_role and q.n_roles == 0 else 0.0


def two_roles_compare(s: IntentSpec, q: Shape) -> float:
    """Two roles and no topic cue ask how they differ; one role is no comparison."""
    if s.id != "compare":
        return 0.0
    if q.n_roles < 2:
        return -ONE_ROLE_COMPARE_PENALTY
    # "who decides the scope, the sponsor or the PM?": the roles are the candidates
    return PAIR_BONUS if not q.topical and not q.who_subject else 0.0


def two_roles_topic(s: IntentSpec, q: Shape) -> float:
    """ "who is higher, PMO or PM": two roles and a topic cue ask about that topic."""
    return PAIR_BONUS if s.id in q.topical and q.n_roles >= 2 else 0.0


def who_asks_for_a_role(s: IntentSpec, q: Shape) -> float:
    if s.id != "which_role" or q.n_who >= MANY_PEOPLE or q.who_does_what:
        return 0.0  # asking for everyone at once is no one duty
    if q.has_who and q.n_roles == 0:
        return WHO_NO_ROLE_BONUS
    if (q.asks_who or q.who_subject) and not q.topical:
        return WHO_CHOICE_BONUS
    return -ROLE_NAMED_WHO_PENALTY if q.n_roles > 0 else 0.0


def certificate_is_the_subject(s: IntentSpec, q: Shape) -> float:
    """A named certificate or course is what the question is about, even when it also asks
    whether it is worth it, or compares it with a role ("PMP vs PMO certification")."""
    return SUBJECT_TOPIC_BONUS if s.id == "certification" and s.id in q.topical else 0.0


def chat_is_short_and_roleless(s: IntentSpec, q: Shape) -> float:
    if not s.chat:
        return 0.0
    adjust = -CHAT_ROLE_PENALTY if q.n_roles > 0 else 0.0
    if q.length > CHAT_LENGTH_FREE:
        adjust -= CHAT_LENGTH_PENALTY + CHAT_PER_WORD_PENALTY * (q.length - CHAT_LENGTH_FREE)
    return adjust


def many_roles_overview(s: IntentSpec, q: Shape) -> float:
    if s.id != "roles_overview":
        return 0.0
    everyone = q.n_who >= MANY_PEOPLE or q.who_does_what
    if q.n_roles >= OVERVIEW_MANY_ROLES or (everyone and q.n_roles < 2):
        return OVERVIEW_BONUS
    return -OVERVIEW_PAIR_PENALTY if q.n_roles == 2 else 0.0


def outside_the_field(s: IntentSpec, q: Shape) -> float:
    if s.id != "out_of_scope":
        return 0.0
    adjust = OUTSIDE_BONUS if not q.in_domain else 0.0
    if q.strong_outside and (q.n_roles == 0 or q.length <= STRONG_OUTSIDE_MAX_WORDS):
        adjust += STRONG_OUTSIDE_BONUS
    return adjust


def a_move_between_roles(s: IntentSpec, q: Shape) -> float:
    """ "how do I go from coordinator to PM?", "PMO analyst into a PMO manager role": one
    role, a word of moving, another role; "stop the PMO becoming a bottleneck" is none."""
    if s.id != "career":
        return 0.0
    if q.role_move:
        return MOVE_BONUS
    return -NO_TARGET_PENALTY if q.becomes_no_role else 0.0


def instructions_are_outside(s: IntentSpec, q: Shape) -> float:
    """ "how do I set up a reminder for the PMO?": a request for instructions, with no cue
    of what the bot answers (become, differ, report...), is not about a role."""
    return HOW_TO_BONUS if s.id == "out_of_scope" and q.how_to and not q.strong_cue else 0.0


RULES: tuple[Rule, ...] = (
    needs_a_role,
    two_roles_compare,
    two_roles_topic,
    who_asks_for_a_role,
    certificate_is_the_subject,
    chat_is_short_and_roleless,
    many_roles_overview,
    outside_the_field,
    a_move_between_roles,
    instructions_are_outside,
)


def adjustment(s: IntentSpec, q: Shape, rules: tuple[Rule, ...] = RULES) -> float:
    return sum(rule(s, q) for rule in rules)

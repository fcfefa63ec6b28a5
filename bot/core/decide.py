"""From the matcher's ranking to the intent the engine answers.

The ranking is taken as it is, except for a few named cases, applied in ``DECISIONS``
order. Each reads only the question's ``Facts`` and the intent decided so far, and each has
a table-driven test in ``tests/core/test_decide.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.core.intent_table import ABSTAIN, CHAT, NEEDS_ROLE, spec

ABSTAIN_BELOW = 0.34  # a best score under this is a guess: abstain
BARE_ROLE_WORDS = 6  # "PMO?", "tell me about the PMO analyst": at most this many words
SHORT_MESSAGE_WORDS = 12  # a strong out-of-scope word settles a message this short


@dataclass(frozen=True)
class Facts:
    roles: tuple[str, ...]  # contract roles named, in order
    n_words: int
    confidence: float  # the best intent's score
    in_domain: bool  # a role, a field word, or a duty the sources name
    strong_outside: bool  # "salary", "weather"...
    role_names: frozenset[str] = frozenset()  # how the known roles were written
    kinds: bool = False  # a word naming a kind of PMO (programme, strategic, central)
    acronym: bool = False  # a word asking what a name stands for
    unknown: bool = False  # a role the bot does not know is named
    runner_up: str = ABSTAIN  # the matcher's second intent
    owner_wanted: bool = False  # roles offered as alternatives for a duty the sources name
    sum_of_money: bool = False  # "75k", "$400": pay or prices


Decision = Callable[[str, Facts], str]


def outside_words_win(intent: str, f: Facts) -> str:
    """Salary, weather, IT help: out of scope even with a role named, in a short message."""
    return ABSTAIN if f.strong_outside and f.n_words <= SHORT_MESSAGE_WORDS else intent


def money_is_outside(intent: str, f: Facts) -> str:
    """ "got a PM offer at 75k, do I counter?", "PMO certification for $400?": a sum of money
    asks about pay or prices, whatever its length and the roles it names; except as the
    limit of a duty asked about ("who approves spend over $50k?" asks who holds a power)."""
    keeps = intent in CHAT or intent == "which_role"
    return ABSTAIN if f.sum_of_money and not keeps else intent


def unsure_or_outside(intent: str, f: Facts) -> str:
    """A guess, or a question about nothing in the field, is not answered."""
    outside = not f.in_domain and intent not in CHAT and intent != "roles_overview"
    return ABSTAIN if f.confidence < ABSTAIN_BELOW or outside else intent


def asks_what_a_name_stands_for(intent: str, f: Facts) -> str:
    """ "what does PMO stand for? the prime minister's office?": a question about a role's
    name is a definition, even when it names something outside the field."""
    return "define" if intent == ABSTAIN and f.roles and f.acronym else intent


def bare_role_is_a_definition(intent: str, f: Facts) -> str:
    """ "PMO?", "tell me about the PMO analyst": a role and hardly anything else."""
    bare = f.roles and f.n_words <= BARE_ROLE_WORDS and not f.strong_outside
    return "define" if intent == ABSTAIN and bare else intent


def one_role_many_names(intent: str, f: Facts) -> str:
    """ "PMO = officer or office?", "programme vs portfolio office": one role named several
    ways asks about the name or the kinds, not for a comparison."""
    if intent != "compare" or len(f.roles) != 1 or len(f.role_names) < 2:
        return intent
    return "types" if f.roles == ("pmo",) and not f.acronym else "define"


def one_role_is_no_comparison(intent: str, f: Facts) -> str:
    """A comparison needs two things to compare: with one known role named once, and
    nothing else named, the question asks something else ("is the PMO a team or a role?")."""
    if intent != "compare" or len(f.roles) != 1 or len(f.role_names) > 1 or f.unknown:
        return intent
    return f.runner_up


def kinds_of_office(intent: str, f: Facts) -> str:
    """ "project vs programme vs portfolio office", "PMO dédié vs central": the kinds."""
    if intent in ("compare", "define") and f.roles == ("pmo",) and f.kinds and not f.acronym:
        return "types"
    return intent


def needs_a_known_role(intent: str, f: Facts) -> str:
    """About no role the bot knows (or only unknown ones): nothing to answer from, unless
    the intent has a role of its own ("what kinds of office are there" is about the PMO)."""
    if intent in NEEDS_ROLE and not f.roles and not spec(intent).default_roles:
        return ABSTAIN
    return intent


OWNER_QUESTION_FROM = frozenset({"compare", "responsibilities"})


def a_duty_offered_to_roles(intent: str, f: Facts) -> str:
    """ "is it the sponsor's job to manage the stakeholders, or mine as the PM?": a duty the
    sources name, with the roles offered as alternatives, asks which role owns it."""
    return "which_role" if intent in OWNER_QUESTION_FROM and f.owner_wanted else intent


DECISIONS: tuple[Decision, ...] = (
    outside_words_win,
    unsure_or_outside,
    asks_what_a_name_stands_for,
    bare_role_is_a_definition,
    one_role_many_names,
    one_role_is_no_comparison,
    a_duty_offered_to_roles,
    kinds_of_office,
    needs_a_known_role,
    money_is_outside,  # last: "PMO certification for $400?" is not a bare role either
)


def decide(intent: str, f: Facts, decisions: tuple[Decision, ...] = DECISIONS) -> str:
    for decision in decisions:
        intent = decision(intent, f)
    return intent


def answer_roles(intent: str, roles: tuple[str, ...], subjects: tuple[str, ...]) -> tuple[str, ...]:
    """The roles an answer is about: none for chat and abstentions, the subject of the
    question for a single-role intent (``subjects``: one role, or roles asked about
    together), else every role named."""
    s = spec(intent)
    if not s.keeps_roles:
        return ()
    if s.single_role and len(roles) > 1:
        return subjects or roles[:1]
    return roles

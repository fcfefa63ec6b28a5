"""What each intent means to the engine, in one table.

Every property the understanding and the composition need about an intent lives in its row:
whether it is about a role, whether its answer is about one role, whether it asks about one
topic of a role, the knowledge topic it reads, the builder that composes its answer, the
lookup tables of ``intents/`` that carry its cue words, and the question the bot offers as
"did you mean" or as a suggestion. Adding an intent is one row here plus its examples and
cues in ``intents/``.

Named word lists (``lookup: words_<name>`` in ``intents/cues.yml``) are listed in
``WORD_LISTS``: the few structural words the engine looks for (who, or, become...), kept as
data like every other word.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IntentSpec:
    id: str
    builder: str  # the answer builder (``bot.core.compose.composer.BUILDERS``)
    topic: str | None = None  # the knowledge topic it asks about
    needs_role: bool = False  # about a role: with no role named it is out of scope
    single_role: bool = False  # the answer is about one role, even when others are named
    topical: bool = False  # one topic of a role: with two roles and its cues, beats compare
    pairwise: bool = False  # with two roles named, both must be covered to answer
    chat: bool = False  # conversation (greetings, help), about no role
    keeps_roles: bool = True  # the answer lists the roles the question names
    story_roles: bool = False  # roles named before the asking sentence are part of it too
    unknown_roles_ok: bool = False  # answered even when an unknown role is named
    # an unknown role is where the asker comes from, when a known role is the subject
    unknown_is_origin: bool = False
    default_roles: tuple[str, ...] = ()  # roles assumed when none is named
    # with no role named, a discipline stands for the role practising it ("a career in
    # project management" is about the project manager)
    discipline: bool = False
    question: tuple[str, str] | None = None  # (English, French) template, {a} and {b}

    @property
    def cue_table(self) -> str:
        return f"cue_{self.id}"

    @property
    def hint_table(self) -> str:
        return f"hint_{self.id}"


INTENTS: dict[str, IntentSpec] = {
    s.id: s
    for s in (
        IntentSpec(
            "compare",
            discipline=True,
            builder="compare",
            story_roles=True,
            needs_role=True,
            pairwise=True,
            question=(
                "What is the difference between {a} and {b}?",
                "Quelle différence entre {a} et {b} ?",
            ),
        ),
        IntentSpec(
            "define",
            builder="about",
            topic="definition",
            needs_role=True,
            single_role=True,
            question=("What is {a}?", "Qu'est-ce que {a} ?"),
        ),
        IntentSpec(
            "responsibilities",
            builder="about",
            topic="responsibilities",
            needs_role=True,
            single_role=True,
            question=("What does {a} do?", "Que fait {a} ?"),
        ),
        IntentSpec(
            "skills",
            discipline=True,
            builder="about",
            topic="skills",
            needs_role=True,
            single_role=True,
            topical=True,
            question=("What skills does {a} need?", "Quelles compétences pour {a} ?"),
        ),
        IntentSpec(
            "reporting",
            builder="about",
            topic="reporting",
            story_roles=True,
            needs_role=True,
            topical=True,
            pairwise=True,
            question=("Who does {a} report to?", "À qui rend compte {a} ?"),
        ),
        IntentSpec(
            "career",
            discipline=True,
            builder="about",
            topic="career",
            story_roles=True,
            unknown_is_origin=True,
            needs_role=True,
            topical=True,
            pairwise=True,
            question=("How do I become {a}?", "Comment devenir {a} ?"),
        ),
        IntentSpec(
            "types",
            builder="about",
            topic="types",
            needs_role=True,
            single_role=True,
            topical=True,
            default_roles=("pmo",),
            question=("What types of PMO are there?", "Quels sont les types de PMO ?"),
        ),
        IntentSpec(
            "value",
            builder="about",
            topic="value",
            needs_role=True,
            single_role=True,
            topical=True,
            pairwise=True,
            question=("Why have {a}?", "Pourquoi avoir {a} ?"),
        ),
        IntentSpec(
            "certification",
            discipline=True,
            builder="about",
            topic="certification",
            single_role=True,
            topical=True,
            question=("What certification for {a}?", "Quelle certification pour {a} ?"),
        ),
        IntentSpec("which_role", builder="which_role"),
        IntentSpec(
            "roles_overview",
            builder="overview",
            keeps_roles=False,
            unknown_roles_ok=True,
            question=("Who's who in project work?", "Qui fait quoi dans les projets ?"),
        ),
        IntentSpec("help", builder="help", chat=True, keeps_roles=False, unknown_roles_ok=True),
        IntentSpec(
            "smalltalk", builder="smalltalk", chat=True, keeps_roles=False, unknown_roles_ok=True
        ),
        IntentSpec("out_of_scope", builder="abstain", keeps_roles=False),
    )
}

ABSTAIN = "out_of_scope"


def spec(intent: str) -> IntentSpec:
    return INTENTS[intent]


def having(flag: str) -> frozenset[str]:
    """The intents whose row sets ``flag``: ``having("needs_role")``."""
    return frozenset(i for i, s in INTENTS.items() if getattr(s, flag))


NEEDS_ROLE = having("needs_role")
SINGLE_ROLE = having("single_role")
TOPICAL = having("topical")
PAIRWISE = having("pairwise")
CHAT = having("chat")
DISCIPLINE = having("discipline")
UNKNOWN_ROLES_OK = having("unknown_roles_ok")
INTENT_TOPIC = {i: s.topic for i, s in INTENTS.items() if s.topic is not None}

# Named word lists the engine reads from ``intents/`` (``lookup: words_<name>``).
WORD_LISTS = {
    "who": "question words asking for a person: who, whom, qui",
    "or": "words offering alternatives: or, ou",
    "before_who": "prepositions that make who its object: to whom, for whom, à qui",
    "who_antecedent": "people a relative who refers back to: people who, someone who",
    "how": "words asking how something is done: how, comment",
    "open_duty": "words that leave a duty open at a question's end: what, which, quoi",
    "doers": "who would do it, after how: I, we, you, to, je, on, faire",
    "move_to": "words of a move from one role to the next: to, into, towards, vers",
    "move_from": "words before the role a move starts from: from, de, depuis",
    "acronym": "words asking what a name stands for: stand, mean, sigle",
    "kinds": "words naming kinds of PMO: programme, portfolio, strategic, central",
    "self": "words before a self-description: I'm, as, being",
    "towards": "words before the role a career moves to: become, into, towards",
    "become": "words before the role a career question is about: become, devenir",
    "joins": "words joining role names into one subject: and, or, et, ou",
    "mine": "possessives before a colleague named as context: my, our, mon, notre",
    "not_role": "real words that look like typos of role words: manage, program, office",
    "title_head": "last words of a job title: manager, officer, lead, scheduler, analyst",
    "not_title": "words before a title head that make no title: senior, junior, new, good",
    "not_plural": "words that look like plurals of short role names but are not: bas, pas",
}

"""Compose short, sourced answers: one builder per intent, chosen from a table.

Nothing is stated without a citation: every line comes from a curated statement, a claim
or a verbatim passage, and its citations become the answer's sources.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.core.answer import Answer
from bot.core.compose import about, chat, compare, overview, which
from bot.core.compose.attribution import Attribution
from bot.core.compose.duties import DutyMatcher
from bot.core.compose.extract import Quotable
from bot.core.compose.reading import Reading
from bot.core.compose.suggestions import Suggester
from bot.core.knowledge import Knowledge, Statement

Builder = Callable[["Composer", Reading], Answer]

# The builder of each intent's answer; every other intent asks about one role.
BUILDERS: dict[str, Builder] = {
    "out_of_scope": chat.abstain,
    "help": chat.help,
    "smalltalk": chat.smalltalk,
    "roles_overview": overview.build,
    "which_role": which.build,
    "compare": compare.build,
}
# Intents that may be answered though the question names a role the bot does not know.
UNKNOWN_ROLES_OK = frozenset({"help", "smalltalk", "roles_overview"})
# Intents about two roles at once: each must be covered.
PAIRWISE = frozenset({"compare", "reporting", "career", "value"})


class Composer:
    def __init__(self, knowledge: Knowledge) -> None:
        self.k = knowledge
        self.names = Attribution(knowledge)
        self.suggestions = Suggester(knowledge, self.names)
        self.duties = DutyMatcher(knowledge)
        self.quotable = Quotable(knowledge)

    # -- what the engine uses ----------------------------------------------------------
    def label(self, role: str, language: str) -> str:
        return self.names.label(role, language)

    def noun(self, role: str, language: str) -> str:
        return self.names.noun(role, language)

    def duty_match(
        self, tokens: tuple[str, ...], among: tuple[str, ...] = ()
    ) -> tuple[float, str, Statement] | None:
        return self.duties.match(tokens, among)

    def help(self, r: Reading) -> Answer:
        return chat.help(self, r)

    def compose(self, r: Reading) -> Answer:
        if r.intent == "out_of_scope" or (r.unknown_roles and not r.roles and r.intent != "help"):
            return chat.abstain(self, r)
        if r.unknown_roles and r.intent not in UNKNOWN_ROLES_OK:
            return chat.abstain(self, r)  # "PMO vs scrum master": part of it is unknown
        if r.intent in PAIRWISE and len(r.roles) >= 2:
            for role in r.roles[:2]:
                if not self.k.roles[role].covered:
                    return chat.not_covered(self, r, role)
        builder = BUILDERS.get(r.intent)
        if builder is not None and (r.intent != "compare" or len(r.roles) >= 2):
            return builder(self, r)
        return about.build(self, r)

    # -- shared by the builders ----------------------------------------------------------
    def answer(
        self,
        r: Reading,
        *,
        answered: bool,
        kind: str,
        title: str,
        cites: list[str] | None = None,
        quotes: dict[str, str] | None = None,
        **fields,
    ) -> Answer:
        return Answer(
            question=r.question,
            language=r.language,
            intent=r.intent,
            roles=r.roles,
            confidence=r.confidence,
            answered=answered,
            kind=kind,  # type: ignore[arg-type]
            title=title,
            sources=self.names.sources(cites or [], quotes),
            **fields,
        )

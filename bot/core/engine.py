"""The question-answering engine: normalise, recognise roles and intent, compose an answer.

Public surface used by every adapter (CLI, Slack, Teams):
- ``Engine.ask(question) -> Answer``
- ``Engine.glossary(language) -> tuple[RoleCard, ...]``  (one card per contract role)
- ``Engine.example_questions(language) -> tuple[str, ...]``
- ``Engine.who_to_ask(language) -> tuple[tuple[str, str], ...]``  (duty, role label)
- ``Engine.help_answer(language) -> Answer``
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.answer import Answer
from bot.core.compose import Composer, Reading
from bot.core.focus import (
    asked_unknown,
    asking_sentence,
    career_target,
    sentence_index,
    span_of,
    subject_role,
)
from bot.core.ids import ROLE_IDS
from bot.core.intents import CHAT, NEEDS_ROLE, IntentMatcher, plain
from bot.core.knowledge import Knowledge
from bot.core.language import COMMON_WORDS, detect_language
from bot.core.model import IntentData
from bot.core.phrases import question_for
from bot.core.roles import ROLE_TOKEN, UNKNOWN, RoleLexicon, abstract_roles, ordered_roles
from bot.core.text import strip_markup, words

ABSTAIN_BELOW = 0.34
BARE_ROLE_WORDS = 6
# Intents whose answer is about one role, even when the message names others in passing.
SINGLE_ROLE = frozenset({"define", "responsibilities", "skills", "types", "value", "certification"})
NEAR_TIE = 0.03
MAX_TOKENS = 200
_ACRONYM_WORDS = frozenset(
    "stand stands mean means meaning acronym abbreviation signifie sigle veut officer prime "
    "minister minister's letters".split()
)


def _plain(token: str) -> str:
    """ "who's" -> "who", "pmo's" -> "pmo" for cue matching."""
    return token[:-2] if token.endswith("'s") else token


def _prime_minister(tokens: list[str], cue_tokens: list[str]) -> str | None:
    """ "reading" when asking whether PMO means a Prime Minister's Office, "other" when
    asking about such an office itself, None when neither is named."""
    text = f" {' '.join(tokens)} "
    if " prime minister" not in text:
        return None
    if " pmo " in text and (_ACRONYM_QUESTION & set(cue_tokens) or " is pmo " in text):
        return "reading"
    return "other"


_KIND_WORDS = frozenset(
    "programme program portfolio portefeuille strategic strategique central centralised "
    "centralized dedicated dedie supportive controlling directive enterprise".split()
)
_ACRONYM_QUESTION = frozenset("stand stands mean means meaning acronym signifie sigle".split())


@dataclass(frozen=True)
class RoleCard:
    role: str
    label: str
    summary: str
    covered: bool
    example_question: str


class Engine:
    def __init__(self, intents: IntentData, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self._lexicon = RoleLexicon(list(intents.role_names))
        role_words = {w for n in intents.role_names for w in n.tokens}
        real_words = {w for p in knowledge.passages.values() for w in words(p.text)}
        self._matcher = IntentMatcher(
            intents, role_words | real_words | COMMON_WORDS | {ROLE_TOKEN}
        )
        self._matcher.abstract_examples(self._abstract)
        self._composer = Composer(knowledge, frozenset(role_words))

    @property
    def version(self) -> str:
        return self.knowledge.version

    def _abstract(self, tokens: list[str]) -> list[str]:
        return abstract_roles(tokens, self._lexicon.find(tokens, fuzzy=False))

    def understand(self, question: str) -> Reading | None:
        """What a message asks; None when it has no words at all."""
        cleaned = strip_markup(question)
        tokens = words(cleaned)[:MAX_TOKENS]
        if not tokens:
            return None
        language = detect_language(cleaned, tokens)
        mentions = self._lexicon.find(tokens)
        roles = ordered_roles(mentions)
        sentences, asking = sentence_index(cleaned, len(tokens)), asking_sentence(cleaned)
        unknown = asked_unknown(mentions, tokens, sentences, asking)
        speller = self._matcher.speller
        corrected = [speller.correct(plain(t)) for t in abstract_roles(tokens, mentions)]
        cue_tokens = [speller.correct(plain(t)) for t in tokens]
        result = self._matcher.match(corrected, len(roles), cue_tokens, span_of(sentences, asking))
        best = result.best
        intent, confidence = best.intent, best.score
        if result.strong_out_of_scope and len(tokens) <= 12:
            intent = "out_of_scope"  # salary, weather, IT help, even with a role named
        in_domain = result.in_domain or (
            intent == "which_role" and self._composer.duty_match(tuple(corrected)) is not None
        )
        outside = not in_domain and intent not in CHAT and intent != "roles_overview"
        office = _prime_minister(tokens, cue_tokens)
        if office == "reading":
            intent, confidence = "define", max(confidence, 0.6)
        elif confidence < ABSTAIN_BELOW or outside or office == "other":
            intent = "out_of_scope"
        bare = roles and len(tokens) <= BARE_ROLE_WORDS and not result.strong_out_of_scope
        if intent == "out_of_scope" and bare and office is None:
            intent = "define"  # "PMO?", "tell me about the PMO analyst"
        intent = self._one_role_many_names(intent, roles, mentions)
        kinds = _KIND_WORDS & set(cue_tokens) and not _ACRONYM_WORDS & set(cue_tokens)
        if intent in ("compare", "define") and roles == ("pmo",) and kinds:
            intent = "types"  # "project vs programme vs portfolio office", "PMO dédié vs central"
        if intent in NEEDS_ROLE and not roles and intent != "types":
            intent = "out_of_scope"  # about no role the bot knows (or only unknown ones)
        if intent in CHAT or intent in ("roles_overview", "out_of_scope"):
            roles = ()
        elif intent in SINGLE_ROLE and len(roles) > 1:
            subject = subject_role(mentions, sentences, asking)
            roles = (subject,) if subject else roles[:1]
        span = span_of(sentences, asking)
        return Reading(
            question=question,
            language=language,
            intent=intent,
            roles=roles,
            confidence=round(confidence, 3),
            tokens=tuple(corrected),
            unknown_roles=unknown,
            wants_acronym=bool(_ACRONYM_WORDS & set(cue_tokens)),
            subject=career_target(mentions, tokens) if intent == "career" else None,
            focus=tuple(cue_tokens[span[0] : span[1]]) if span else (),
        ), result

    @staticmethod
    def _one_role_many_names(intent: str, roles: tuple[str, ...], mentions: list) -> str:
        """ "PMO = officer or office?", "programme vs portfolio office": one role named
        several ways is a question about the name or the kinds, not a comparison."""
        names = {m.name for m in mentions if m.role != UNKNOWN}
        if intent != "compare" or len(roles) != 1 or len(names) < 2:
            return intent
        return "types" if roles == ("pmo",) and not any("officer" in n for n in names) else "define"

    def ask(self, question: str) -> Answer:
        understood = self.understand(question)
        if understood is None:
            return self.help_answer("en", question)
        reading, result = understood
        answer = self._composer.compose(reading)
        runner = result.runner_up
        if (
            answer.answered
            and runner is not None
            and reading.intent == result.best.intent
            and result.best.score - runner.score < NEAR_TIE
            and runner.intent not in CHAT
            and runner.intent != "out_of_scope"
        ):
            alternative = self._alternative_question(runner.intent, reading)
            if alternative:
                from dataclasses import replace

                answer = replace(answer, did_you_mean=(alternative,))
        return answer

    def _alternative_question(self, intent: str, reading: Reading) -> str | None:
        labels = [self._composer.noun(r, reading.language) for r in reading.roles] + ["", ""]
        if intent == "compare" and len(reading.roles) < 2:
            return None
        if intent in ("which_role",) or (not reading.roles and intent != "types"):
            return None
        return question_for(intent, reading.language, labels[0], labels[1])

    def help_answer(self, language: str = "en", question: str = "") -> Answer:
        reading = Reading(question, language, "help", (), 1.0)
        return self._composer.help(reading)

    def glossary(self, language: str = "en") -> tuple[RoleCard, ...]:
        cards = []
        for role in ROLE_IDS:
            rk = self.knowledge.roles[role]
            statement = rk.summary if rk.covered else rk.note
            label = rk.label.get(language)
            cards.append(
                RoleCard(
                    role=role,
                    label=label,
                    summary=statement.text.get(language) if statement else "",
                    covered=rk.covered,
                    # A question the bot can answer about this role, if there is one.
                    example_question=next(iter(self._composer.suggestions(language, (role,))), "")
                    if rk.covered and rk.facts
                    else "",
                )
            )
        return tuple(cards)

    def example_questions(self, language: str = "en") -> tuple[str, ...]:
        return self.knowledge.examples.get(language) or self.knowledge.examples.get("en", ())

    def who_to_ask(self, language: str = "en") -> tuple[tuple[str, str], ...]:
        return tuple(
            (d.duty.get(language), self._composer.label(d.role, language))
            for d in self.knowledge.who_to_ask
        )

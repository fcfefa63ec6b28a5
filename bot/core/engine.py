"""The question-answering engine: normalise, recognise roles and intent, compose an answer.

Public surface used by every adapter (CLI, Slack, Teams):
- ``Engine.ask(question) -> Answer``
- ``Engine.glossary(language) -> tuple[RoleCard, ...]``  (one card per contract role)
- ``Engine.example_questions(language) -> tuple[str, ...]``
- ``Engine.who_to_ask(language) -> tuple[tuple[str, str], ...]``  (duty, role label)
- ``Engine.help_answer(language) -> Answer``
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise

from bot.core.answer import Answer
from bot.core.compose import Composer, Reading
from bot.core.compose.duty_terms import DutyTerms, across_projects, groups_from
from bot.core.decide import Facts, answer_roles, decide
from bot.core.focus import (
    asked_roles,
    asked_unknown,
    asking_sentence,
    career_target,
    joined_with,
    sentence_index,
    sentence_text,
    span_of,
    subject_role,
    unknown_targets,
)
from bot.core.form import names_a_sum, offers_roles
from bot.core.ids import ROLE_IDS
from bot.core.intent_table import CHAT, DISCIPLINE, spec
from bot.core.intents import FuzzyMatcher, plain, vocabulary
from bot.core.knowledge import Knowledge
from bot.core.language import COMMON_WORDS, detect_language
from bot.core.matching import IntentResult, Matcher, Query
from bot.core.model import IntentData
from bot.core.phrases import question_for
from bot.core.roles import ROLE_TOKEN, UNKNOWN, abstract_roles, job_titles, ordered_roles
from bot.core.spelling import Speller
from bot.core.text import breaks, strip_markup, words

NEAR_TIE = 0.03  # a runner-up this close is offered as "did you mean"
MAX_TOKENS = 200  # words of a message read, at most


@dataclass(frozen=True)
class RoleCard:
    role: str
    label: str
    summary: str
    covered: bool
    example_question: str


class Engine:
    def __init__(
        self, intents: IntentData, knowledge: Knowledge, matcher: Matcher | None = None
    ) -> None:
        """``matcher`` ranks the intents of a question (``bot.core.matching.Matcher``); by
        default the fuzzy matcher over ``intents``."""
        self.knowledge = knowledge
        self._lexicon = intents.lexicon()
        self._disciplines = intents.discipline_lexicon()
        self._words = intents.word_map()
        role_words = {w for n in intents.role_names for w in n.tokens}
        real_words = {w for p in knowledge.passages.values() for w in words(p.text)}
        duty_words = {w for _, phrases in intents.duties for p in phrases for w in words(p)}
        known = role_words | real_words | duty_words | COMMON_WORDS | {ROLE_TOKEN}
        self._speller = Speller(vocabulary(intents), frozenset(known))
        # words that make no job title before a head: function words, seniority ("senior")
        self._not_title = (COMMON_WORDS - role_words) | self._word_list("not_title")
        self._matcher: Matcher = matcher if matcher is not None else FuzzyMatcher(intents)
        duty_terms = DutyTerms(
            groups_from(intents.duties),
            ((n.role, n.tokens) for n in intents.role_names if n.role != UNKNOWN),
        )
        self._composer = Composer(
            knowledge, frozenset(role_words), duty_terms, across_projects(intents.duties)
        )
        self._described = _described_outside_words(intents, knowledge)

    @property
    def version(self) -> str:
        return self.knowledge.version

    @property
    def matcher(self) -> Matcher:
        return self._matcher

    def _word_list(self, name: str) -> frozenset[str]:
        return self._words.get(name, frozenset())

    def understand(self, question: str) -> tuple[Reading, IntentResult] | None:
        """What a message asks; None when it has no words at all."""
        understood = self._understand(question, strip_markup(question))
        if understood is None or not understood[1].strong_out_of_scope:
            return understood
        # "What does the paid coordinator on LumenFlow do?": an off-topic word the page the
        # question names uses to describe the role asked is part of the role, not another
        # topic ("Are project managers well paid?" names no page and stays off-topic).
        cleaned = strip_markup(question)
        found = self._described_words(words(cleaned))
        if not found:
            return understood
        pattern = r"(?<![\w'])(?:" + "|".join(map(re.escape, sorted(found))) + r")(?![\w'])"
        again = self._understand(question, re.sub(pattern, " ", cleaned, flags=re.I))
        return understood if again is None else again

    def _described_words(self, tokens: list[str]) -> set[str]:
        """The off-topic words of a question that the documents use the same way, when
        every off-topic word of it is one: in claims about a role it names on the page it
        names, or next to the same word as in the question ("the release calendar")."""
        outside = {t for t in tokens if t in self._described.outside}
        if not outside:
            return set()
        roles = ordered_roles(self._lexicon.find(tokens))
        docs = self._composer.contexts.named(tokens)
        used = self._described.by_role
        described = {w for d in docs for r in roles for w in used.get((d, r), ())}
        pairs = self._described.pairs
        for i, t in enumerate(tokens):
            if t in outside and (
                (i > 0 and (tokens[i - 1], t) in pairs)
                or (i + 1 < len(tokens) and (t, tokens[i + 1]) in pairs)
            ):
                described.add(t)
        return outside if outside <= described else set()

    def _understand(self, question: str, cleaned: str) -> tuple[Reading, IntentResult] | None:
        tokens = words(cleaned)[:MAX_TOKENS]
        if not tokens:
            return None
        language = detect_language(cleaned, tokens)
        cut = breaks(cleaned)
        mentions = self._lexicon.find(tokens, language=language, breaks=cut)
        heads = self._word_list("title_head")
        mentions = job_titles(tokens, mentions, heads, self._not_title, cut)
        roles = ordered_roles(mentions)
        sentences, asking = sentence_index(cleaned, len(tokens)), asking_sentence(cleaned)
        span = span_of(sentences, asking)
        asked = asked_roles(mentions, span)
        unknown = asked_unknown(
            mentions, tokens, sentences, asking, self._word_list("self"), self._word_list("mine")
        )
        query = self._query(cleaned, tokens, mentions, len(roles), span, asking)
        result = self._matcher.match(query)
        work = self._disciplines.find(tokens, fuzzy=False) if not roles else []
        if work:
            trial = self._query(cleaned, tokens, work, len(ordered_roles(work)), span, asking)
            tried = self._matcher.match(trial)
            if tried.best.intent in DISCIPLINE:
                # "a career in project management": the work names the role that does it
                mentions, roles, query, result = work, ordered_roles(work), trial, tried
        corrected, cue_tokens = list(query.tokens), list(query.cue_tokens)
        best = result.best
        cues = set(cue_tokens)
        # Asking what a name stands for, in the words around the role names.
        acronym = bool(self._word_list("acronym") & set(corrected))
        in_domain = result.in_domain or (
            best.intent == "which_role" and self._composer.duty_match(tuple(corrected)) is not None
        )
        facts = Facts(
            roles=roles,
            n_words=len(tokens),
            confidence=best.score,
            in_domain=in_domain,
            strong_outside=result.strong_out_of_scope,
            role_names=frozenset(m.name for m in mentions if m.role != UNKNOWN),
            kinds=bool(self._word_list("kinds") & cues),
            acronym=acronym,
            unknown=any(m.role == UNKNOWN for m in mentions),
            runner_up=result.runner_up.intent if result.runner_up else "out_of_scope",
            sum_of_money=names_a_sum(cleaned),
            owner_wanted=len(roles) > 1
            and offers_roles(query.tokens, self._word_list("or"))
            and self._composer.duty_match(tuple(corrected), roles) is not None,
        )
        intent = decide(best.intent, facts)
        if asked and not spec(intent).story_roles:
            roles = tuple(r for r in roles if r in asked)  # the story's roles are context
        subjects = roles
        if spec(intent).single_role and len(roles) > 1:
            subject = subject_role(mentions, sentences, asking, tokens, self._word_list("mine"))
            if subject is not None:
                subjects = joined_with(subject, mentions, tokens, self._word_list("joins"))
        towards = self._word_list("towards"), self._word_list("become")
        if spec(intent).unknown_is_origin and roles:
            # "developer to project manager": the known role is the question, unless the
            # move goes on to a role the bot does not know
            unknown = unknown_targets(mentions, tokens, towards[0])
        return Reading(
            question=question,
            language=language,
            intent=intent,
            roles=answer_roles(intent, roles, subjects),
            confidence=round(best.score, 3),
            tokens=tuple(corrected),
            unknown_roles=unknown,
            wants_acronym=acronym,
            subject=career_target(mentions, tokens, *towards) if intent == "career" else None,
            focus=tuple(cue_tokens[span[0] : span[1]]) if span else (),
        ), result

    def _query(
        self,
        cleaned: str,
        tokens: list[str],
        mentions: list,
        n_roles: int,
        span: tuple[int, int] | None,
        asking: int,
    ) -> Query:
        """What the matcher reads: typo-corrected words with the role mentions replaced by
        the placeholder, the words as written, and the sentence that asks."""
        correct = self._speller.correct
        corrected = tuple(correct(plain(t)) for t in abstract_roles(tokens, mentions))
        cue_tokens = tuple(correct(plain(t)) for t in tokens)
        asking_tokens: tuple[str, ...] = ()
        if span:
            inside = [
                replace(m, start=m.start - span[0], end=m.end - span[0])
                for m in mentions
                if span[0] <= m.start and m.end <= span[1]
            ]
            part = abstract_roles(tokens[span[0] : span[1]], inside)
            asking_tokens = tuple(correct(plain(t)) for t in part)
        return Query(
            corrected,
            cue_tokens,
            n_roles,
            span,
            cleaned,
            sentence_text(cleaned, asking) if span else "",
            asking_tokens,
        )

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
            and spec(runner.intent).question is not None
        ):
            alternative = self._alternative_question(runner.intent, reading)
            if alternative:
                answer = replace(answer, did_you_mean=(alternative,))
        return answer

    def _alternative_question(self, intent: str, reading: Reading) -> str | None:
        s = spec(intent)
        if s.question is None or (not reading.roles and not s.default_roles):
            return None
        if "{b}" in s.question[0] and len(reading.roles) < 2:
            return None
        labels = [self._composer.noun(r, reading.language) for r in reading.roles] + ["", ""]
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


@dataclass(frozen=True)
class Described:
    """The one-word off-topic cues ("paid", "calendar"), the ones each (document, role)'s
    claims use, and the word pairs of claims that hold one ("release calendar")."""

    outside: frozenset[str]
    by_role: dict[tuple[str, str], set[str]]
    pairs: frozenset[tuple[str, str]]


def _described_outside_words(intents: IntentData, knowledge: Knowledge) -> Described:
    phrases = (
        p
        for intent, found in intents.cues
        if intent == "out_of_scope"
        for p in found
        if len(words(p)) == 1
    )
    outside = frozenset(w for p in phrases for w in words(p))
    used: dict[tuple[str, str], set[str]] = {}
    pairs: set[tuple[str, str]] = set()
    for claim in knowledge.claims:
        text = words(claim.text)
        found = outside.intersection(text)
        if not found:
            continue
        for role in claim.roles:
            used.setdefault((claim.doc, role), set()).update(found)
        for a, b in pairwise(text):
            if a in found or b in found:
                pairs.add((a, b))
    return Described(outside, used, frozenset(pairs))

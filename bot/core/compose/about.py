"""Answers about one role and one facet: definition, responsibilities, skills, reporting..."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.answer import Answer
from bot.core.compose import chat
from bot.core.compose.reading import Reading
from bot.core.ids import INTENT_TOPIC
from bot.core.knowledge import Statement
from bot.core.phrases import say, topic_name

if TYPE_CHECKING:
    from bot.core.compose.composer import Composer

MAX_LINES = 5


def build(c: Composer, r: Reading) -> Answer:
    roles = r.roles or (("pmo",) if r.intent == "types" else ())
    if not roles:
        return chat.abstain(c, r)
    role = r.subject if r.subject in roles else roles[0]
    if r.intent == "career" and not c.k.roles[role].facts_on("career"):
        # "from coordinator to PM": what the sources say about leaving the other role
        role = next((x for x in roles if c.k.roles[x].facts_on("career")), role)
    return about_role(c, r, role)


def about_role(c: Composer, r: Reading, role: str) -> Answer:
    lang = r.language
    rk = c.k.roles[role]
    if not rk.covered:
        return chat.not_covered(c, r, role)
    topic = INTENT_TOPIC.get(r.intent, "definition")
    facts = list(rk.facts_on(topic))
    lines: list[str] = []
    cites: list[str] = []
    title = say("topic_title", lang, role=c.label(role, lang), topic=topic_name(topic, lang))
    if topic == "definition":
        title = c.label(role, lang)
        if not facts and rk.summary is not None:
            facts = [rk.summary]
        if r.wants_acronym and role in c.k.readings:
            lines.append(say("readings", lang))
            for reading in c.k.readings[role]:
                lines.append(f"{reading.name.get(lang)}: {reading.statement.text.get(lang)}")
                cites.extend(reading.statement.cites)
            facts = facts[:1]
    if not facts:
        return extract(c, r, role, topic)
    for fact in facts[: MAX_LINES - len(lines)]:
        lines.append(fact.text.get(lang))
        cites.extend(fact.cites)
    warnings, dispute_cites = disputes(facts, lang)
    return c.answer(
        r,
        answered=True,
        kind="answer",
        title=title,
        lines=tuple(lines),
        warnings=tuple(warnings),
        cites=cites + dispute_cites,
        suggestions=c.suggestions(lang, (role,), r.intent),
    )


def disputes(statements: list[Statement], language: str) -> tuple[list[str], list[str]]:
    warnings, cites = [], []
    for s in statements:
        if s.disputed is not None:
            warnings.append(say("disputed", language, text=s.disputed.text.get(language)))
            cites.extend(s.disputed.cites)
    return warnings, cites


def extract(c: Composer, r: Reading, role: str, topic: str) -> Answer:
    """No curated statement: quote the most relevant sentence of passages that name the
    role and are tagged with the topic, if any is relevant enough."""
    lang = r.language
    best = c.quotable.best(r.tokens, role, topic)
    if not best:
        rk = c.k.roles[role]
        known = rk.summary.text.get(lang) if rk.summary else ""
        lines = (say("known", lang, text=known),) if known else ()
        return c.answer(
            r,
            answered=False,
            kind="abstain",
            title=say(
                "nothing_on_topic", lang, topic=topic_name(topic, lang), role=c.noun(role, lang)
            ),
            lines=lines,
            cites=list(rk.summary.cites) if rk.summary else [],
            suggestions=c.suggestions(lang, (role,), r.intent),
        )
    return c.answer(
        r,
        answered=True,
        kind="answer",
        title=say("extract_title", lang, role=c.noun(role, lang)),
        lines=tuple(f"“{text}”" for _, text in best),
        cites=[pid for pid, _ in best],
        suggestions=c.suggestions(lang, (role,), r.intent),
    )

"""Answers about one role and one facet: definition, responsibilities, skills, reporting...

The curated statements (the editor's layer) come first where they exist; claims from the
documents they do not cite follow. A question naming a document's context is answered from
that document. Without either, a passage is quoted, and without that the answer says
plainly that the sources say nothing on it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.core.answer import Answer
from bot.core.compose import chat
from bot.core.compose.claims import MAX_CLAIMS
from bot.core.compose.disputes import flag, relevant
from bot.core.compose.quoting import merge_quotes, quote_claims
from bot.core.compose.reading import Reading
from bot.core.intent_table import INTENT_TOPIC, spec
from bot.core.knowledge import Claim, Statement
from bot.core.phrases import say, topic_name

if TYPE_CHECKING:
    from bot.core.compose.composer import Composer

MAX_LINES = 5
_BRACKETS = re.compile(r"\s*\([^()]*\)")  # a publisher's description: "(intranet wiki)"
CURATED_WITH_CLAIMS = 2  # curated lines kept when claims from other documents follow
CLAIMS_AFTER_CURATED = 2
# The facets that answer an intent when the first has no claims ("what is X?" answered by
# what X does).
FACET_FALLBACK = {"definition": ("definition", "responsibilities")}
# Facets where a claim about either of two roles named answers ("from coordinator to PM").
EITHER_SIDE = frozenset({"career"})


def build(c: Composer, r: Reading) -> Answer:
    roles = r.roles or spec(r.intent).default_roles
    if not roles:
        return chat.abstain(c, r)
    role = r.subject if r.subject in roles else roles[0]
    if r.intent == "career" and not c.knows(role, "career"):
        # "from coordinator to PM": what the sources say about leaving the other role
        role = next((x for x in roles if c.knows(x, "career")), role)
    return about_role(c, r, role)


def about_role(c: Composer, r: Reading, role: str) -> Answer:
    lang = r.language
    rk = c.curated(role)
    if rk is None and not c.claims.facets(role):
        return chat.not_covered(c, r, role)
    topic = INTENT_TOPIC.get(r.intent, "definition")
    facts = list(rk.facts_on(topic)) if rk else []
    lines: list[str] = []
    cites: list[str] = []
    title = say("topic_title", lang, role=c.label(role, lang), topic=topic_name(topic, lang))
    if topic == "definition":
        title = c.label(role, lang)
        if not facts and rk is not None and rk.summary is not None:
            facts = [rk.summary]
        if r.wants_acronym and role in c.k.readings:
            lines.append(say("readings", lang))
            for reading in c.k.readings[role]:
                lines.append(f"{reading.name.get(lang)}: {reading.statement.text.get(lang)}")
                cites.extend(reading.statement.cites)
            facts = facts[:1]
    other = next((x for x in r.roles if x != role), None)
    claims, in_context = _claims(c, r, role, topic, other, curated=bool(facts or lines))
    publishers = c.contexts.publishers_named(c.question_words(r))
    named = publishers & c.claims.docs_about((role,))
    if publishers and not named and not in_context:
        # "what does a business analyst do at Palisade?": that organisation's pages do not
        # describe the role at all.
        return silent_context(c, r, role, topic, publishers, described=False)
    if named and not in_context:
        # "what skills does a PMO coordinator need at Saltmere?": the organisation's page
        # describes the role but has no claim on this facet; another organisation's page
        # does not answer for it.
        return extract(c, r, role, topic, docs=named)
    if in_context:
        facts, lines, cites = [], [], []  # the document the question names answers it
    if not facts and not lines and not claims:
        return extract(c, r, role, topic)
    keep = CURATED_WITH_CLAIMS if claims else MAX_LINES - len(lines)
    for fact in facts[:keep]:
        lines.append(fact.text.get(lang))
        cites.extend(fact.cites)
    warnings, dispute_cites = disputes(facts, lang)
    quoted = quote_claims(c.k, claims, attribute=bool(lines) or None)
    found = flag(
        c.k,
        c.claims,
        relevant(c.k, claims, (role, other) if other else (role,), topic),
        lang,
        skip_docs=c.docs_of(dispute_cites) if warnings else frozenset(),
    )
    return c.answer(
        r,
        answered=True,
        kind="answer",
        title=title,
        lines=tuple(lines) + quoted.lines,
        warnings=tuple(warnings) + found.warnings,
        cites=cites + list(quoted.cites) + dispute_cites + list(found.cites),
        quotes=merge_quotes(quoted.quotes, found.quotes or {}),
        suggestions=c.suggestions(lang, (role,), r.intent),
    )


def _claims(
    c: Composer, r: Reading, role: str, topic: str, other: str | None, *, curated: bool
) -> tuple[list[Claim], bool]:
    """The claims to show, and whether they come from a document the question names.

    Searched in turn: the named document (any facet of the fallback chain), then claims in
    the question's language, then in the other language. With a second role named, claims
    naming both come first; a career move is described from either side. After curated
    statements, only claims whose subject is the role, only in the question's language and
    only from documents the curated statements do not cite add to them.
    """
    question = c.question_stems(r)
    context = c.context(r)
    facets = FACET_FALLBACK.get(topic, (topic,))
    pairs: list[tuple[str, str | None]] = [(role, other)] if other else []
    if other and topic in EITHER_SIDE:
        pairs.append((other, role))
    pairs.append((role, None))
    subject_only = curated and topic not in EITHER_SIDE

    def search(in_context: bool, strict: bool) -> list[Claim]:
        for facet in facets:
            for first, second in pairs:
                if strict and not c.claims.speaks(first, facet, r.language):
                    continue  # none of its claims would be kept
                ranked = c.claims.rank(
                    question,
                    first,
                    facet,
                    language=r.language,
                    context=context if in_context else frozenset(),
                    with_role=second,
                    subject_only=subject_only,
                )
                if in_context:
                    ranked = [x for x in ranked if x.claim.doc in context]
                else:
                    ranked = [x for x in ranked if x.claim.doc not in exclude]
                if strict:
                    ranked = [x for x in ranked if x.claim.language == r.language]
                if ranked:
                    return c.claims.pick(ranked, CLAIMS_AFTER_CURATED if curated else MAX_CLAIMS)
        return []

    exclude = c.curated_docs(role) if curated else frozenset()
    if context:
        found = search(True, False)
        if found:
            return found, True
    found = search(False, True)
    if not found and not curated:
        found = search(False, False)
    return found, False


def silent_context(
    c: Composer,
    r: Reading,
    role: str,
    topic: str,
    context: frozenset[str],
    *,
    described: bool = True,
) -> Answer:
    """The documents a question names describe the role, but not on the facet asked (or,
    not ``described``, do not describe the role)."""
    lang = r.language
    names = sorted(
        f"“{c.k.documents[d].title}” ({_BRACKETS.sub('', c.k.documents[d].publisher)})"
        for d in context
        if d in c.k.documents
    )
    return c.answer(
        r,
        answered=False,
        kind="abstain",
        title=say(
            "nothing_in_context" if described else "role_not_in_context",
            lang,
            docs=" / ".join(names) or say("abstain", lang),
            topic=topic_name(topic, lang),
            role=c.noun(role, lang),
        ),
        suggestions=c.suggestions(lang, (role,), r.intent),
    )


def disputes(statements: list[Statement], language: str) -> tuple[list[str], list[str]]:
    warnings, cites = [], []
    for s in statements:
        if s.disputed is not None:
            warnings.append(say("disputed", language, text=s.disputed.text.get(language)))
            cites.extend(s.disputed.cites)
    return warnings, cites


def extract(
    c: Composer, r: Reading, role: str, topic: str, docs: frozenset[str] | None = None
) -> Answer:
    """No curated statement nor claim: quote the most relevant sentence of passages that
    name the role and are tagged with the topic (of ``docs`` only, when given), if any is
    relevant enough."""
    lang = r.language
    best = c.quotable.best(r.tokens, role, topic, docs)
    if not best and docs is not None:
        return silent_context(c, r, role, topic, docs)
    if not best:
        rk = c.curated(role)
        known = rk.summary.text.get(lang) if rk and rk.summary else ""
        lines = (say("known", lang, text=known),) if known else ()
        return c.answer(
            r,
            answered=False,
            kind="abstain",
            title=say(
                "nothing_on_topic", lang, topic=topic_name(topic, lang), role=c.noun(role, lang)
            ),
            lines=lines,
            cites=list(rk.summary.cites) if rk and rk.summary else [],
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

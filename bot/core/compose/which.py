"""Which role owns a duty: named only when a statement or claim says that role does it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from bot.core.answer import Answer
from bot.core.compose.duties import has_phrase
from bot.core.compose.owners import WEAK_CLAIM_COVER, DutyQuestion, Owner
from bot.core.compose.quoting import quote_claims, who
from bot.core.compose.reading import Reading
from bot.core.knowledge import Claim, Statement
from bot.core.phrases import of_phrase, say

if TYPE_CHECKING:
    from bot.core.compose.composer import Composer

OFFER_WORDS = frozenset({"or", "ou"})
MAX_LINES = 3  # duty lines quoted when documents give the duty to different roles
# A claim must cover this much more of the question than the curated routing to win.
CLAIMS_MARGIN = 0.1
# Beside a deployment's own documents (duty claims no curated statement cites), the curated
# routing, written for the seed documents, answers alone only when it covers the question as
# well as a claim must: a weak match there is a guess about someone else's organisation.
CURATED_COVER_BESIDE_DOCUMENTS = 0.5
LETTER_WORDS = {
    "en": {"A": "accountable", "R": "responsible", "R/A": "responsible and accountable"},
    "fr": {"A": "approbateur (A)", "R": "réalisateur (R)", "R/A": "réalisateur et approbateur"},
}


@dataclass(frozen=True)
class Found:
    """Who owns a duty, and the curated routing and/or claims saying so."""

    score: float
    roles: tuple[str, ...]
    statement: Statement | None = None
    claims: Owner | None = None


SCOPED_SCORE = 0.5  # how sure an owner read from the duty's scope alone is


def owner(c: Composer, r: Reading, tokens: tuple[str, ...] | None = None) -> Found | None:
    """The owner of the duty a question names; a duty asked across projects ("who owns the
    templates every project uses?") belongs to the one role whose statements say it works
    across projects, whatever one project's role the duty's words would match, unless a
    deployment's own page names the owner or the question asks who approves."""
    found = _owner(c, r, tokens)
    words_of_duty = tokens if tokens is not None else (r.focus or r.tokens)
    if not has_phrase(words_of_duty, c.across_projects):
        return found
    if DutyQuestion.read(list(words_of_duty), c.owners.reader).accountable:
        return found  # the scope says who works across projects, not who approves
    scoped = c.duties.scoped(c.across_projects)
    if scoped is None or (found is not None and found.roles == (scoped[0],)):
        return found
    if (
        found is not None
        and found.claims is not None
        and any(c.uncurated(claim.doc) for claim in found.claims.claims)
    ):
        return found  # a deployment's own pages say who does it there
    role, statement = scoped
    if found is not None and role in found.roles and found.claims is not None:
        return replace(found, roles=(role,), claims=_only(found.claims, role))
    return Found(max(found.score, SCOPED_SCORE) if found else SCOPED_SCORE, (role,), statement)


def _owner(c: Composer, r: Reading, tokens: tuple[str, ...] | None = None) -> Found | None:
    """The owner of the duty a question names. The curated routing wins unless a documented
    claim covers the question's words clearly better, comes from a document the question
    names or from a document the curated statements do not cite (the editor's layer speaks
    for the documents it cites; a deployment's own pages speak for themselves); when both
    name the same role, both are shown."""
    if tokens is None:
        tokens = r.focus or r.tokens
        if r.focus and not c.owners.reader.asks(r.focus) and c.owners.reader.asks(r.tokens):
            # "who chairs status meetings? Is it the PM, and does that change if ...": the
            # sentence with "who" names the duty, the last one asks about it
            tokens = r.tokens
    offered = r.roles if len(r.roles) > 1 and OFFER_WORDS & set(r.tokens) else ()
    curated = c.duties.match(
        tuple(t for t in tokens if not c.contexts.is_context(t)), offered
    )  # "who owns the schedule, PMO or PM?"
    context = c.context(r) if r.question else frozenset()
    # "at Corvane", "on Atlas": where the duty is asked about, not what it is
    duty_words = [t for t in tokens if not c.contexts.is_context(t)]
    # A role the question names without offering it as the answer is part of the duty
    # ("who chairs the steering committee?").
    question = DutyQuestion.read(duty_words, c.owners.reader, offered, r.roles)
    if tokens is r.focus and not question.names_duty() and r.tokens:
        # the asking sentence names no object ("... the PM or the BA?", "is the PM the first
        # one to approve?"): the duty is earlier
        tokens = r.tokens
        duty_words = [t for t in tokens if not c.contexts.is_context(t)]
        question = DutyQuestion.read(duty_words, c.owners.reader, offered, r.roles)
        curated = c.duties.match(tuple(duty_words), offered)
    claimed = c.owners.match(question, offered, context, r.language)
    if claimed is None and curated is not None:
        weak = c.owners.match(question, offered, context, r.language, WEAK_CLAIM_COVER)
        if weak is not None and (
            weak.score > curated[0] or curated[1] in weak.roles or c.uncurated(weak.claims[0].doc)
        ):
            claimed = weak
    if claimed is not None and curated is not None and curated[1] in claimed.roles:
        # the editor's routing settles lines of several documents that name different roles
        claimed = _only(claimed, curated[1])
        return Found(max(claimed.score, curated[0]), claimed.roles, curated[2], claimed)
    if claimed is not None and (
        curated is None
        or claimed.score >= curated[0] + CLAIMS_MARGIN
        or claimed.claims[0].doc in context
        or c.uncurated(claimed.claims[0].doc)
    ):
        return Found(claimed.score, claimed.roles, None, claimed)
    if curated is not None and (curated[0] >= CURATED_COVER_BESIDE_DOCUMENTS or not c.own_duties):
        return Found(curated[0], (curated[1],), curated[2])
    return None


def _only(found: Owner, role: str) -> Owner:
    """The owner narrowed to one of its roles, with that role's claims."""
    if found.roles == (role,):
        return found
    claims = tuple(c for c in found.claims if c.roles[0] == role) or found.claims[:1]
    letter = found.letter if found.claims[0].roles[0] == role else ""
    return replace(found, roles=(role,), claims=claims, letter=letter)


def _one_per_passage(claims: tuple[Claim, ...]) -> list[Claim]:
    """The claims to quote: the first of each passage (a table row is one line)."""
    seen: dict[str, Claim] = {}
    for claim in claims:
        seen.setdefault(claim.passage, claim)
    return list(seen.values())[:MAX_LINES]


def build(c: Composer, r: Reading) -> Answer:
    lang = r.language
    found = owner(c, r)
    if found is None:
        # What the documents do cover near that duty: the roles of the closest duties.
        near = c.owners.near(DutyQuestion.read(list(r.focus or r.tokens), c.owners.reader))
        return c.answer(
            r,
            answered=False,
            kind="abstain",
            title=say("which_unknown", lang),
            suggestions=c.suggestions(lang, near),
        )
    roles = found.roles
    names = " / ".join(c.noun(x, lang) for x in roles)
    title = say("which_title", lang, of=of_phrase(names, lang))
    lines: list[str] = []
    cites: list[str] = []
    quotes: dict[str, str] = {}
    if found.statement is not None:
        lines.append(found.statement.text.get(lang))
        cites.extend(found.statement.cites)
    if found.claims is not None:
        shown = _one_per_passage(found.claims.claims)
        quoted = quote_claims(c.k, shown, attribute=False, letters=False)
        for i, claim in enumerate(shown):
            note = who(c.k, claim)
            if found.claims.letter and i == 0:
                note = f"{note}: {LETTER_WORDS[lang][found.claims.letter]}"
            if len(shown) > 1:
                note = f"{c.noun(claim.roles[0], lang)}, {note}"
            lines.append(f"{quoted.lines[i]} ({note})")
        cites.extend(quoted.cites)
        quotes = quoted.quotes
    return c.answer(
        replace(r, roles=roles),
        answered=True,
        kind="answer",
        title=title,
        lines=tuple(lines),
        cites=cites,
        quotes=quotes,
        suggestions=c.suggestions(lang, roles[:1]),
    )

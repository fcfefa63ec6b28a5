"""Claims ranking: the order ``ClaimIndex.rank`` gives (pre-sorted per selection, only the
claims a question reaches scored) is the order of scoring every claim and sorting, for the
documents' own claims and any mix of the options the answers use."""

from __future__ import annotations

import itertools

import pytest

from bot.core.compose import claims as ranking
from bot.core.compose.claims import ClaimIndex, Ranked, _fragment
from bot.core.compose.stems import claim_stem, content_stems
from bot.core.text import words
from bot.data.paths import default_knowledge_dir
from bot.knowledge.curated import load_knowledge

QUESTIONS = (
    "who approves the project budget",
    "what does a PMO analyst do day to day",
    "who does the project manager report to",
    "qui valide le budget du projet",
    "how do I move from project coordinator to project manager",
    "what skills does a business analyst need",
    "",
)


@pytest.fixture(scope="module")
def index() -> ClaimIndex:
    knowledge, _ = load_knowledge(default_knowledge_dir())
    return ClaimIndex(knowledge)


def full_sort(index: ClaimIndex, question, role, facet, *, language, context, with_role, subject):
    """Every claim of the (role, facet) scored, then sorted: what ``rank`` must give."""
    found = [
        e
        for e in index._by.get((role, facet), ())
        if (with_role is None or with_role in e.claim.roles)
        and (not subject or e.claim.roles[:1] == (role,))
    ]
    found = [e for e in found if e.claim.language == language] or found
    found = [e for e in found if e.claim.doc in context] or found
    out = []
    for e in found:
        relevance = question.cover(e.stems)
        c = e.claim
        score = (
            relevance
            + ranking.SUBJECT_WEIGHT * (c.roles[:1] == (role,))
            + ranking.FOCUS_WEIGHT * index._focus.get((role, facet, c.doc), 0.0)
            + ranking.TRUST_WEIGHT * c.trust
            + ranking.RELATION_WEIGHT
            * (facet == "reporting" and c.relation is not None and role in c.relation)
            - ranking.POSITION_WEIGHT * min(e.order, 50) / 50
            - ranking.FRAGMENT_PENALTY * _fragment(c.text)
        )
        out.append(Ranked(score, relevance, c))
    out.sort(key=lambda x: (-x.score, x.claim.id))
    return out


def test_rank_is_the_full_sort_for_every_option(index):
    roles = sorted({role for role, _ in index._by})
    checked = 0
    for text in QUESTIONS:
        question = index.weights.query(content_stems(words(text), claim_stem))
        for (role, facet), entries in index._by.items():
            docs = sorted({e.claim.doc for e in entries})
            contexts = (frozenset(), frozenset(docs[:1]))
            for language, context, with_role, subject in itertools.product(
                ("en", "fr"), contexts, (None, *roles[:3]), (False, True)
            ):
                options = dict(language=language, context=context, with_role=with_role)
                got = index.rank(question, role, facet, subject_only=subject, **options)
                want = full_sort(index, question, role, facet, subject=subject, **options)
                assert got == want, (text, role, facet, options, subject)
                checked += 1
    assert checked > 1000


def test_a_question_sharing_no_word_keeps_the_order_at_relevance_zero(index):
    role, facet = max(index._by, key=lambda key: len(index._by[key]))
    ranked = index.rank(set(), role, facet)
    assert ranked and all(r.relevance == 0.0 for r in ranked)
    assert [r.score for r in ranked] == sorted((r.score for r in ranked), reverse=True)


def _ranked(doc: str, n: int, score: float, text: str) -> Ranked:
    from bot.core.knowledge import Claim

    claim = Claim(f"{doc}#p/c{n}", f"{doc}#p", doc, ("portfolio_manager",), "skills", text, "en", 2)
    return Ranked(score, score, claim)


def test_a_second_documents_claim_nearly_as_good_takes_the_last_place(index):
    ranked = [
        _ranked("wiki", 1, 1.0, "Financial modelling and capital budgeting."),
        _ranked("wiki", 2, 0.95, "The confidence to say no to a senior sponsor."),
        _ranked("wiki", 3, 0.9, "Long-range strategic planning."),
        _ranked("profile", 1, 0.85, "You weigh competing proposals against strategy."),
    ]
    picked = index.pick(ranked)
    assert [c.doc for c in picked] == ["wiki", "wiki", "profile"]


def test_a_second_document_far_behind_is_not_shown(index):
    ranked = [
        _ranked("wiki", 1, 1.0, "Financial modelling and capital budgeting."),
        _ranked("wiki", 2, 0.95, "The confidence to say no to a senior sponsor."),
        _ranked("wiki", 3, 0.9, "Long-range strategic planning."),
        _ranked("profile", 1, 0.6, "You weigh competing proposals against strategy."),
    ]
    assert {c.doc for c in index.pick(ranked)} == {"wiki"}
